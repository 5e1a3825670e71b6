/* pool.h — the route pool of the search (internal to solver/; the whole algorithm is
 * described in solve.h): distinct feasible routes met in good plans, kept for the set
 * partitioning (mip.h), and the fleet they are counted against: vehicles of identical type
 * (with windows, the same start time too, so a route feasible for one is for all) form a
 * group, and a day may use at most as many routes of a group as the group has vehicles
 * working that day.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_POOL_H
#define SOLVER_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "solver/inst.h"
#include "solver/lp.h"
#include "solver/sol.h"

#define POOL_MAX 4000 /* routes kept for set partitioning (GLPK takes ~2 s for 4000) */

typedef struct pool pool;

/* An empty pool for plans of I (borrowed, kept until pool_free), with I's vehicles grouped by
 * type. Never NULL. */
pool *pool_new(const inst *I);

/* Frees P and its routes; NULL is a no-op. */
void pool_free(pool *P);

/* Adds a copy of slot ri's route r unless it is empty, over its vehicle's limits (windows and
 * load profile included: sol_route_violates), already in
 * the pool (same day, group and stop sequence), or the pool holds POOL_MAX routes; `always`
 * adds it to a full pool too (the routes the set partitioning starts from: at most two
 * rounds of them beyond POOL_MAX, which the hash table has room for). */
void pool_add(pool *P, uint32_t ri, const sol_route *r, bool always);

/* Index of the pool route on day `day` of group `group` visiting s[0..len), or INST_NONE. */
uint32_t pool_find(const pool *P, uint32_t day, uint32_t group, const uint32_t *s, uint32_t len);

/* Number of routes in the pool, and route k (valid until the next pool_add). */
size_t pool_size(const pool *P);
const lp_route *pool_route(const pool *P, size_t k);

/* Group of slot ri's vehicle. */
uint32_t pool_group(const pool *P, uint32_t ri);

/* The pool as lp_set_partition's input, with start[k] marking the routes of the incumbent
 * (borrowed, NULL = none). Valid until the next pool_add. */
lp_pool pool_lp(const pool *P, const bool *start);

#endif
