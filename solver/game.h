/* game.h — cost-sharing games of cooperating companies: coalitions as bit masks, the cost of
 * each coalition, and the allocation rules that need no linear program: the Shapley value
 * (exact, or sampled over random orders: Castro, Gómez & Tejada 2009), shares proportional to
 * weights, rounding to whole units that sum exactly to the total, and the core check by
 * enumeration. The LP-based rules (least core, Equal Profit Method, nucleolus) are in
 * solver/gamelp.h. Knows nothing of plans or files.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_GAME_H
#define SOLVER_GAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/rng.h"

#define GAME_MAX_PLAYERS 16 /* masks fit in uint32_t and 2^k tables stay small (65,536) */

/* Costs: c[mask] is the cost of coalition `mask` (bit i = player i), for mask 1 .. 2^k - 1;
 * c[0] is 0. Units are the caller's (the share command uses fen, 0.01 CNY). `known` (may be
 * NULL = every coalition known) marks the coalitions whose cost is given; the others are
 * ignored by the functions that accept it. */

/* Exact Shapley value: phi[i] = sum over S without i of |S|!(k-|S|-1)!/k! (c(S+i) - c(S)).
 * Needs every coalition. k in 1..GAME_MAX_PLAYERS. phi sums to c(N) up to rounding. */
void game_shapley(uint32_t k, const int64_t *c, double *phi);

/* The random orders of game_shapley_sample: n_orders permutations of the k players, drawn
 * from r (rng_shuffle_u32 of 0..k-1, one after the other), written to orders[n_orders * k].
 * The coalitions they need are the prefixes of each order; game_orders_need marks them in
 * need[2^k] (true = needed). */
void game_orders(uint32_t k, size_t n_orders, rng *r, uint32_t *orders);
void game_orders_need(uint32_t k, size_t n_orders, const uint32_t *orders, bool *need);

/* Sampled Shapley value (Castro et al. 2009): for each order, each player's marginal cost
 * c(prefix + i) - c(prefix); phi[i] is their mean and se[i] its standard error (sample
 * standard deviation / sqrt(n_orders); 0 when n_orders < 2). The coalitions game_orders_need
 * marks must be in c. */
void game_shapley_sample(uint32_t k, const int64_t *c, size_t n_orders, const uint32_t *orders,
                         double *phi, double *se);

/* Whole units summing exactly to total, from shares x[k] (which should sum to about total):
 * each player gets floor(x[i]); the units left over (total - sum of floors) go one each to the
 * players with the largest fractional parts, ties to the lower index (largest-remainder rule);
 * a negative left-over is taken one each from the smallest fractional parts, ties to the higher
 * index. out[k] gets the result. */
void game_round(uint32_t k, const double *x, int64_t total, int64_t *out);

/* Shares of total proportional to integer weights w[k] (>= 0, not all 0), exactly:
 * floor(total * w[i] / W) in integer arithmetic, then the largest-remainder rule as in
 * game_round (remainders compared exactly). total >= 0; total * W must fit in int64. */
void game_proportional(uint32_t k, const int64_t *w, int64_t total, int64_t *out);

/* The core check of allocation x[k] (summing to c(N)): the coalition S (known, not empty, not
 * N) whose members together pay most above their own cost, x(S) - c(S). Returns that excess
 * (<= 0: x is in the core: no coalition pays more than it would cost alone) and its mask in
 * *worst (0 when k == 1). Ties go to the smaller mask. */
int64_t game_core_excess(uint32_t k, const int64_t *c, const bool *known, const int64_t *x,
                         uint32_t *worst);

#endif
