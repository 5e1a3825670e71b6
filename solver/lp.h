/* lp.h — the GLPK wrapper (the only door to GLPK). SPDX-License-Identifier: MIT */
#ifndef SOLVER_LP_H
#define SOLVER_LP_H

/* Version of the GLPK library linked in ("5.0"). */
const char *lp_glpk_version(void);

#endif
