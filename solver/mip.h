/* mip.h — the search's two GLPK steps (internal to solver/; the whole algorithm is described
 * in solve.h), through the models of lp.h: balanced day patterns for a second starting plan,
 * and set partitioning over the route pool (pool.h) to recombine good routes across days.
 * Stops the search leaves out (vrp_stop_reason) are hidden from both models.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_MIP_H
#define SOLVER_MIP_H

#include <stdbool.h>
#include <stdint.h>

#include "solver/inst.h"
#include "solver/pool.h"
#include "solver/sol.h"
#include "util/log.h"

typedef struct mip mip;

/* The GLPK steps for plans of I, logging to lg (both borrowed, kept until mip_free; lg may
 * be NULL). Never NULL. */
mip *mip_new(const inst *I, const logger *lg);

/* Frees M; NULL is a no-op. */
void mip_free(mip *M);

/* True once a GLPK call of M stopped at its time limit (lp_status.time_out): from then on the
 * search depends on the machine's speed. */
bool mip_timed_out(const mip *M);

/* Balanced day patterns (lp_assign_patterns: demand and time spread evenly over the days),
 * with `start` (the greedy plan's patterns, [nn]) as GLPK's incumbent, within `time_limit`
 * seconds (<= 0: none) and 200 branch-and-bound nodes. Returns a malloc'd [nn] array of
 * patterns (caller frees), or NULL, with a warning logged, when GLPK fails. */
uint32_t *mip_start_patterns(mip *M, const uint32_t *start, double time_limit);

/* Set partitioning over P's routes (lp_set_partition), after adding best's routes to P and
 * starting GLPK from them, within `time_limit` seconds (<= 0: none) and `node_limit` nodes
 * (0: none). Writes the plan of the chosen routes to `out` (a plan of I; overwritten
 * whatever the result) and returns true when it is complete and cheaper than best. Does
 * nothing and returns false when best leaves stops unserved or breaks a limit. A GLPK
 * failure is logged as a warning and gives false. */
bool mip_recombine(mip *M, pool *P, const sol *best, sol *out, double time_limit,
                   uint64_t node_limit);

#endif
