/* sol.h — the search's working plan (internal to solver/; the algorithm is described in
 * solve.h): the stops of every route slot with their load, distance and time, each stop's
 * pattern and, per day, its route; the cost kept up to date by every edit; the record of what
 * an iteration changed (sol_delta), which lets the search copy only that between plans; and
 * the edits every part uses: remove a visit or a stop, cheapest insertion (with SISR's
 * blinks), insert a stop with its cheapest pattern. Routes are kept within their vehicle's
 * capacity, duration and distance by every edit here; when the problem has windows or a
 * pickup larger than its stop's demand (inst.timing) also within every window and within capacity
 * at every point of the route, each candidate checked through vrp_timeline (O(route length)), with
 * the plain sums as a cheap bound first. Without either, the plain sums are exact and nothing else
 * runs. Open structs, not opaque (STYLE §3): the moves read and rewrite routes in their inner
 * loops. SPDX-License-Identifier: MIT */
#ifndef SOLVER_SOL_H
#define SOLVER_SOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "solver/inst.h"
#include "solver/vrp.h"
#include "util/err.h"
#include "util/rng.h"

/* Charged per route over its vehicle's limits (such a plan is never accepted). */
#define SOL_VIOLATION_PENALTY ((int64_t)1 << 50)

/* One slot's route: its stops in visiting order, depot not listed. */
typedef struct sol_route {
    uint32_t len; /* stops on the route */
    uint32_t cap; /* allocated entries of s */
    uint32_t *s;  /* [cap] stop node ids */
    int32_t load; /* sum of the visits' demands (inst_demand on the stops' patterns) */
    int64_t dist; /* depot → stops → depot (distance units); 0 when empty */
    int64_t time; /* travel + service (time units); 0 when empty */
    int64_t wait; /* waiting for windows (vrp_timeline), 0 unless I->timing: the route's
                     duration, which its cost and shift limit apply to, is time + wait */
    bool bad;     /* I->timing only: vrp_timeline finds the route infeasible (a window
                     missed, the load over capacity at some point, or a limit broken) */
} sol_route;

/* A plan: a route per slot plus each stop's pattern and, per day, its route. */
typedef struct sol {
    sol_route *r;        /* [nr] */
    uint32_t *pat;       /* [nn] chosen day mask, 0 = unserved */
    uint32_t *where;     /* [nn * nd] slot of stop i's visit on day d, INST_NONE = none */
    uint32_t *vused;     /* [n_vehicles] non-empty routes of each vehicle */
    int64_t cost;        /* sum of route costs, plus the weekly_cost of every vehicle with a
                            route (vused > 0) (cost units) */
    int64_t pen;         /* penalties: inst penalty of each unserved stop to serve, plus
                            SOL_VIOLATION_PENALTY per route over its limits */
    uint32_t n_unserved; /* stops to serve that are unserved */
} sol;

/* What the current iteration changed: the slots it touched and the stops it took out. One
 * delta is shared by the plans of a search; the edits below fill it, sol_sync reads it.
 * Invariant: every stop whose pattern or routes changed is in rem or on a dirty slot. */
typedef struct sol_delta {
    uint32_t *dirty;   /* [nr] slots changed, in the order first touched */
    uint32_t n_dirty;  /* entries of dirty */
    uint8_t *is_dirty; /* [nr] 1 when the slot is in dirty */
    uint32_t *rem;     /* [nn] stops made unserved (or found unserved) in this iteration */
    uint32_t n_rem;    /* entries of rem */
    uint8_t *is_rem;   /* [nn] 1 when the stop is in rem */
} sol_delta;

/* SISR's blinks (Christiaens & Vanden Berghe 2020): the cheapest insertion skips each
 * position with a given probability. The state is the random stream and the number of
 * positions left before the next skip. */
typedef struct sol_blinker {
    rng *rng;     /* borrowed: the search's stream */
    uint32_t gap; /* positions to evaluate before the next skip */
} sol_blinker;

/* An insertion position. */
typedef struct sol_ins {
    int64_t cost; /* cost added to the plan (cost units) */
    uint32_t ri;  /* slot, INST_NONE = no feasible position */
    uint32_t pos; /* insert before r->s[pos] (pos == len: at the end) */
} sol_ins;

/* Cost of slot ri's route r (cost units; 0 when empty). */
static inline int64_t sol_route_cost(const inst *I, uint32_t ri, const sol_route *r)
{
    return inst_cost(I, ri, r->len, r->dist, r->time + r->wait);
}

/* True when r is over slot ri's vehicle's capacity, duration or distance, or (I->timing)
 * misses a window or overloads the vehicle on the way. */
static inline bool sol_route_violates(const inst *I, uint32_t ri, const sol_route *r)
{
    return r->load > inst_vehicle(I, ri)->capacity ||
           !inst_within(I, ri, r->dist, r->time + r->wait) || r->bad;
}

/* s + k, for the pieces of vrp_timeline_segs: an empty route's stop array may be NULL, and
 * NULL + 0 is undefined in C. */
static inline const uint32_t *sol_at(const uint32_t *s, uint32_t k)
{
    return s ? s + k : s;
}

/* I->timing: the route slot ri's vehicle would drive through segs[0..n), its stops' patterns
 * pat[] (x->pat; vrp_timeline, which
 * may stop at the first broken limit): returns true when it is feasible, with its total
 * waiting in *wait. The moves evaluate their candidate routes with it. */
bool sol_timed(const inst *I, const uint32_t *pat, uint32_t ri, const vrp_seg *segs, uint32_t n,
               int64_t *wait);

/* Change of x's fleet cost (the vehicles' weekly_cost) when slot ri's route goes from old_len to
 * new_len stops, the other routes as they are: the weekly cost when it becomes the vehicle's
 * only route, minus it when it was that and becomes empty, else 0. */
static inline int64_t sol_fleet_delta(const inst *I, const sol *x, uint32_t ri, uint32_t old_len,
                                      uint32_t new_len)
{
    const vrp_vehicle *v = inst_vehicle(I, ri);
    if (!v->weekly_cost || !old_len == !new_len)
        return 0;
    uint32_t others = x->vused[I->r_veh[ri]] - (old_len > 0);
    return others ? 0 : new_len ? v->weekly_cost : -v->weekly_cost;
}

/* Objective of x: cost plus penalties. */
static inline int64_t sol_obj(const sol *x)
{
    return x->cost + x->pen;
}

/* Makes x an empty plan of I (every stop unserved, cost and penalties 0: the caller adds the
 * penalties of the stops it means to serve); sol_free releases it. */
void sol_init(const inst *I, sol *x);
void sol_free(const inst *I, sol *x);

/* Counts each vehicle's routes in x again and adds the weekly cost of those used to x->cost,
 * after x's routes were set and x->cost made the sum of their costs by other means. */
void sol_fleet_recount(const inst *I, sol *x);

/* Copies src to dst (both plans of I). */
void sol_copy(const inst *I, sol *dst, const sol *src);

/* Copies to dst only what delta D records as changed in src (dirty slots, removed stops),
 * and src's totals: dst becomes src when the two differed only there. */
void sol_sync(const inst *I, const sol_delta *D, sol *dst, const sol *src);

/* Grows r's stop array to hold n stops. */
void sol_route_reserve(sol_route *r, uint32_t n);

/* Recomputes load, distance and time (and, with I->timing, wait and bad) of slot ri's route r
 * from its stops, whose patterns are pat[] (the plan's x->pat: a visit's demand may depend on
 * it). */
void sol_route_eval(const inst *I, const uint32_t *pat, uint32_t ri, sol_route *r);

/* An empty delta for I; sol_delta_free releases its arrays. */
void sol_delta_init(const inst *I, sol_delta *D);
void sol_delta_free(sol_delta *D);

/* Empties D (at the end of an iteration). */
void sol_delta_clear(sol_delta *D);

/* Records stop c in D->rem, once (the recreate retries the stops listed there). */
void sol_delta_remove(sol_delta *D, uint32_t c);

/* Marks every non-empty route of x dirty, so a local search covers the whole plan. */
void sol_delta_all_dirty(const inst *I, sol_delta *D, const sol *x);

/* Call before changing slot ri's route in x: takes its cost and penalty out of x's totals and
 * records the slot in D. sol_untouch, after the change, puts them back. */
void sol_touch(const inst *I, sol_delta *D, sol *x, uint32_t ri);
void sol_untouch(const inst *I, sol *x, uint32_t ri);

/* Takes stop c off its route of day d in x; its pattern stays (the caller puts the visit
 * back on day d or removes the stop). */
void sol_remove_visit(const inst *I, sol_delta *D, sol *x, uint32_t c, uint32_t d);

/* Removes every visit of stop c from x: c becomes unserved (penalty added) and goes to D->rem. */
void sol_remove_stop(const inst *I, sol_delta *D, sol *x, uint32_t c);

/* Cheapest position for a visit of stop c on day d of x, when c is served on the days of
 * `mask` (which sets the visit's demand), among the routes that keep within their limits
 * with it; each position is skipped with probability blink (bk may be NULL when blink is 0).
 * ri == INST_NONE when there is none. The search's hot loop. */
sol_ins sol_best_insertion(const inst *I, const sol *x, uint32_t c, uint32_t d, uint32_t mask,
                           double blink, sol_blinker *bk);

/* Inserts the visit of stop c on day d at `at` (from sol_best_insertion on x with mask
 * x->pat[c], which the caller sets first). */
void sol_insert_at(const inst *I, sol_delta *D, sol *x, uint32_t c, uint32_t d, sol_ins at);

/* Inserts unserved stop c with the pattern whose days have the cheapest sum of best
 * insertions; `only` != 0 asks for that pattern first (when it fits) and falls back to the
 * others. Returns false, with x unchanged, when no pattern fits. */
bool sol_insert_stop(const inst *I, sol_delta *D, sol *x, uint32_t c, uint32_t only, double blink,
                     sol_blinker *bk);

/* Loads plan `in` (borrowed) into x, an empty plan of I (from sol_init). Returns ERR_OK, or
 * ERR_USAGE naming the route or stop when `in` is not a feasible plan of I's problem: a vehicle
 * off its days or twice on a day, a stop not to be served, off its pattern or twice on a day,
 * a route over its limits, a pattern not allowed or not what the routes visit. */
err_code sol_load(const inst *I, sol *x, const vrp_solution *in, err *e);

/* x as a new vrp_solution (caller frees with vrp_solution_free): its non-empty routes, by day
 * then vehicle. */
vrp_solution *sol_export(const inst *I, const sol *x);

#endif
