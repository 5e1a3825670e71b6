/* lp.c — GLPK wrapper. SPDX-License-Identifier: MIT */
#include "solver/lp.h"

#include <glpk.h>

const char *lp_glpk_version(void)
{
    return glp_version();
}
