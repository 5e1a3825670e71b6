/* sisr.h — ruin and recreate of the search (internal to solver/; the whole algorithm is
 * described in solve.h): SISR string removals (Christiaens & Vanden Berghe, "Slack induction
 * by string removals for vehicle routing problems", Transp. Sci. 2020) adapted to day
 * patterns, in two kinds (whole stops, or one day's visits), and the recreate in SISR's
 * orders with blinks.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_SISR_H
#define SOLVER_SISR_H

#include <stdbool.h>
#include <stdint.h>

#include "solver/inst.h"
#include "solver/sol.h"
#include "util/rng.h"

#define SISR_MAX_STRING 10 /* SISR L_max: longest string removed from a route */

typedef struct sisr sisr;

/* A ruin-and-recreate operator on plans of I that records its edits in D and draws from r
 * (all three borrowed, kept until sisr_free). avg_removed is SISR's c-bar, the mean number
 * of stops a ruin removes (0 = 10). Never NULL. */
sisr *sisr_new(const inst *I, sol_delta *D, rng *r, uint32_t avg_removed);

/* Frees S; NULL is a no-op. */
void sisr_free(sisr *S);

/* Ruin: strings of consecutive stops from the routes of a random seed stop's nearest stops,
 * at most one string per route. Without one_day, every visit of each stop in a string goes
 * (D->rem): sisr_recreate re-chooses its pattern. With one_day, only the visits of one day of
 * the seed's pattern go: the stops keep their patterns, and sisr_recreate_visits puts them
 * back on that day. Does nothing when x serves no stop. */
void sisr_ruin(sisr *S, sol *x, bool one_day);

/* Puts back the visits a one-day ruin took, on their day, in a SISR order; a stop whose visit
 * fits nowhere loses all its visits and goes to D->rem for sisr_recreate. */
void sisr_recreate_visits(sisr *S, sol *x, double blink);

/* Reinserts the unserved stops of D->rem in a SISR order, each with its cheapest pattern
 * (want[stop], when want is not NULL, first; see sol_insert_stop). Stops that fit nowhere stay
 * unserved. blink: the probability to skip an insertion position (SISR's beta). */
void sisr_recreate(sisr *S, sol *x, const uint32_t *want, double blink);

#endif
