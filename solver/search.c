/* search.c — ruin-and-recreate search for the periodic VRP (SISR: Christiaens & Vanden
 * Berghe, "Slack induction by string removals for vehicle routing problems", Transp. Sci.
 * 2020), adapted to periodic patterns. Half of the ruins remove EVERY visit of each stop they
 * pick, so the recreate re-chooses the stop's day pattern (the cheapest sum of best insertions
 * over the pattern's days); the other half remove strings of one day only and put those visits
 * back on that day, patterns unchanged, which is several times cheaper and re-routes the day.
 * Simulated-annealing acceptance; routes are kept feasible (capacity, max duration, max
 * distance) at all times, stops that do not fit stay unserved at a penalty. Each candidate
 * new best goes through a local search from the routes the iteration changed: 2-opt and
 * or-opt/relocate, swap and 2-opt* between routes of a day towards each stop's nearest stops
 * (granular, as in Toth & Vigo 2003 and Vidal's HGS), and pattern moves.
 * SPDX-License-Identifier: MIT */
#include "solver/search.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/lp.h"
#include "util/clock.h"
#include "util/mem.h"
#include "util/rng.h"

#define NONE UINT32_MAX
#define MAX_NEIGHBOURS 100 /* neighbour list length used by the ruin */
#define MAX_STRING 10      /* SISR L_max: longest removed string */
#define BLINK_RATE 0.01    /* SISR beta: probability to skip an insertion position */
#define ONE_DAY_RATE 0.5   /* share of ruins that re-route one day and keep the patterns */
#define VIOLATION_PENALTY ((int64_t)1 << 50) /* per route over its limits (never accepted) */

/* One (day, vehicle) slot; its stops in visiting order, depot not listed. */
typedef struct route {
    uint32_t len; /* stops on the route */
    uint32_t cap; /* allocated entries of s */
    uint32_t *s;  /* [cap] stop node ids */
    int32_t load; /* sum of demands */
    int64_t dist; /* depot → stops → depot, distance units */
    int64_t time; /* travel + service, time units */
} route;

/* A solution: route slots plus per-stop pattern and per-(stop, day) route. */
typedef struct sol {
    route *r;            /* [nr] */
    uint32_t *pat;       /* [nn] chosen mask, 0 = unserved */
    uint32_t *where;     /* [nn * nd] route of the visit of stop i on day d, NONE */
    int64_t cost;        /* sum of route costs */
    int64_t pen;         /* penalties: unserved stops + violating routes */
    uint32_t n_unserved; /* feasible stops currently unserved */
} sol;

typedef struct ctx {
    const vrp_problem *p;
    const vrp_params *par;
    const logger *lg;
    uint32_t nn, nd, nr;
    const int32_t *D, *T;
    uint32_t *stops; /* [n_stops] stops to serve (feasible ones) */
    uint32_t n_stops;
    uint32_t *nbr; /* [nn * K] nearest stops of each stop, itself first */
    uint32_t K;
    uint32_t *day_first; /* [nd + 1] routes of day d are day_first[d] .. day_first[d+1]-1 */
    uint32_t *r_day;     /* [nr] day of each route slot */
    uint32_t *r_veh;     /* [nr] vehicle of each route slot */
    uint32_t **pats;     /* [nn] valid patterns of each stop */
    uint32_t *n_pats;    /* [nn] */
    int64_t *penalty;    /* [nn] cost of leaving a stop unserved */
    int64_t *far;        /* [nn] round trip from the nearest depot, for recreate orders */
    rng rng;
    sol cur, cand, best;
    uint32_t *rem; /* [n_stops] stops removed in this iteration */
    uint32_t n_rem;
    uint32_t *dirty; /* [nr] routes changed in this iteration */
    uint32_t n_dirty;
    uint8_t *is_dirty; /* [nr] */
    uint32_t *ruined;  /* [nr] iteration stamp of the last ruin of each route */
    int64_t *key;      /* [nn] sort keys for the recreate order */
    uint8_t *is_rem;   /* [nn] stop is in C->rem this iteration */
    /* per-stop prefix data of the day the inter-route search works on (see day_prefix) */
    int64_t *fd, *ft;  /* [nn] distance and time from the depot to the arrival at the stop */
    int32_t *fl;       /* [nn] load of the route up to and including the stop */
    uint32_t *pos;     /* [nn] position of the stop in its route */
    uint32_t *scratch; /* [2 * nn] work space of the moves */
    uint32_t *mark;    /* [nn] stamps (mark_gen) of stops already listed */
    uint32_t mark_gen;
    uint32_t *vrem; /* [nn] stops whose visit of day vday the one-day ruin took */
    uint32_t n_vrem, vday;
    uint32_t blink_gap;   /* insertion positions to evaluate before the next blink */
    bool any_unreachable; /* some matrix entry is VRP_UNREACHABLE */
    unsigned moves;       /* vrp_move bits the local search uses */
    /* GLPK parts (use_lp) */
    uint32_t n_groups;      /* classes of identical vehicles */
    uint32_t *fleet;        /* [n_groups * nd] vehicles of group g available on day d */
    uint32_t *r_grp;        /* [nr] group of each route slot */
    vrp_node *lp_nodes;     /* [nn] nodes with left-out stops at frequency 0 */
    vrp_problem lp_problem; /* the problem the MIPs see */
    lp_route *pool;         /* [n_pool] distinct good routes met during the search */
    size_t n_pool, cap_pool;
    uint32_t *pool_tab; /* [POOL_TAB] hash slots: pool index or NONE */
    uint64_t iter;
} ctx;

/* ---- routes and solutions ---------------------------------------------------------------- */

static inline int32_t dd(const ctx *C, uint32_t a, uint32_t b)
{
    return C->D[(size_t)a * C->nn + b];
}

static inline int32_t tt(const ctx *C, uint32_t a, uint32_t b)
{
    return C->T[(size_t)a * C->nn + b];
}

static int64_t route_cost(const ctx *C, uint32_t ri, const route *r)
{
    if (!r->len)
        return 0;
    const vrp_vehicle *v = &C->p->vehicles[C->r_veh[ri]];
    return v->fixed_cost + v->cost_per_dist * r->dist + v->cost_per_time * r->time;
}

static bool route_violates(const ctx *C, uint32_t ri, const route *r)
{
    const vrp_vehicle *v = &C->p->vehicles[C->r_veh[ri]];
    return r->load > v->capacity || (v->max_duration > 0 && r->time > v->max_duration) ||
           (v->max_distance > 0 && r->dist > v->max_distance);
}

static void sol_init(const ctx *C, sol *x)
{
    x->r = xcalloc(C->nr, sizeof *x->r);
    x->pat = xcalloc(C->nn, sizeof *x->pat);
    x->where = xmallocarray((size_t)C->nn * C->nd, sizeof *x->where);
    for (size_t k = 0; k < (size_t)C->nn * C->nd; k++)
        x->where[k] = NONE;
    x->cost = x->pen = 0;
    x->n_unserved = 0;
}

static void sol_free(const ctx *C, sol *x)
{
    if (x->r)
        for (uint32_t i = 0; i < C->nr; i++)
            free(x->r[i].s);
    free(x->r);
    free(x->pat);
    free(x->where);
}

static void route_copy(route *dst, const route *src)
{
    if (dst->cap < src->len) {
        dst->cap = src->cap;
        dst->s = xreallocarray(dst->s, dst->cap, sizeof *dst->s);
    }
    if (src->len)
        memcpy(dst->s, src->s, src->len * sizeof *src->s);
    dst->len = src->len;
    dst->load = src->load;
    dst->dist = src->dist;
    dst->time = src->time;
}

static void sol_copy(const ctx *C, sol *dst, const sol *src)
{
    for (uint32_t i = 0; i < C->nr; i++)
        route_copy(&dst->r[i], &src->r[i]);
    memcpy(dst->pat, src->pat, C->nn * sizeof *dst->pat);
    memcpy(dst->where, src->where, (size_t)C->nn * C->nd * sizeof *dst->where);
    dst->cost = src->cost;
    dst->pen = src->pen;
    dst->n_unserved = src->n_unserved;
}

/* Copies to dst what the current iteration changed in src (dirty routes, removed stops).
 * Invariant: every stop whose pattern or routes changed is in C->rem or on a dirty route. */
static void sol_sync(ctx *C, sol *dst, const sol *src)
{
    for (uint32_t k = 0; k < C->n_rem; k++) {
        uint32_t c = C->rem[k];
        dst->pat[c] = src->pat[c];
        memcpy(dst->where + (size_t)c * C->nd, src->where + (size_t)c * C->nd,
               C->nd * sizeof *dst->where);
    }
    /* stops moved between routes of a day by the local search are on dirty routes */
    for (uint32_t k = 0; k < C->n_dirty; k++) {
        uint32_t ri = C->dirty[k];
        route_copy(&dst->r[ri], &src->r[ri]);
        for (uint32_t j = 0; j < src->r[ri].len; j++)
            dst->where[(size_t)src->r[ri].s[j] * C->nd + C->r_day[ri]] = ri;
    }
    dst->cost = src->cost;
    dst->pen = src->pen;
    dst->n_unserved = src->n_unserved;
}

static int64_t sol_obj(const sol *x)
{
    return x->cost + x->pen;
}

/* Call before changing route ri of x: takes its cost out and records it as dirty. */
static void touch(ctx *C, sol *x, uint32_t ri)
{
    route *r = &x->r[ri];
    x->cost -= route_cost(C, ri, r);
    if (route_violates(C, ri, r))
        x->pen -= VIOLATION_PENALTY;
    if (!C->is_dirty[ri]) {
        C->is_dirty[ri] = 1;
        C->dirty[C->n_dirty++] = ri;
    }
}

/* Call after changing route ri of x: puts its cost back. */
static void untouch(ctx *C, sol *x, uint32_t ri)
{
    route *r = &x->r[ri];
    x->cost += route_cost(C, ri, r);
    if (route_violates(C, ri, r))
        x->pen += VIOLATION_PENALTY;
}

static void clear_dirty(ctx *C)
{
    for (uint32_t k = 0; k < C->n_dirty; k++)
        C->is_dirty[C->dirty[k]] = 0;
    for (uint32_t k = 0; k < C->n_rem; k++)
        C->is_rem[C->rem[k]] = 0;
    C->n_dirty = 0;
    C->n_rem = 0;
}

/* Records unserved stop c in C->rem (once) so that the recreate retries it. */
static void mark_removed(ctx *C, uint32_t c)
{
    if (!C->is_rem[c]) {
        C->is_rem[c] = 1;
        C->rem[C->n_rem++] = c;
    }
}

static uint32_t route_depot(const ctx *C, uint32_t ri)
{
    return C->p->vehicles[C->r_veh[ri]].depot;
}

/* Recomputes load, distance and time of route ri from scratch. */
static void route_eval(const ctx *C, uint32_t ri, route *r)
{
    uint32_t dep = route_depot(C, ri), prev = dep;
    int64_t dist = 0, time = 0;
    int32_t load = 0;
    for (uint32_t k = 0; k < r->len; k++) {
        uint32_t c = r->s[k];
        dist += dd(C, prev, c);
        time += tt(C, prev, c) + C->p->nodes[c].service;
        load += C->p->nodes[c].demand;
        prev = c;
    }
    if (r->len) {
        dist += dd(C, prev, dep);
        time += tt(C, prev, dep);
    }
    r->dist = dist;
    r->time = time;
    r->load = load;
}

/* Takes stop c off its route of day d in x (its pattern stays: the caller puts it back). */
static void remove_visit(ctx *C, sol *x, uint32_t c, uint32_t d)
{
    uint32_t ri = x->where[(size_t)c * C->nd + d];
    route *r = &x->r[ri];
    touch(C, x, ri);
    uint32_t k = 0;
    while (r->s[k] != c)
        k++;
    uint32_t dep = route_depot(C, ri);
    uint32_t a = k ? r->s[k - 1] : dep, b = k + 1 < r->len ? r->s[k + 1] : dep;
    if (r->len == 1) {
        r->dist = r->time = 0;
    } else {
        r->dist += (int64_t)dd(C, a, b) - dd(C, a, c) - dd(C, c, b);
        r->time += (int64_t)tt(C, a, b) - tt(C, a, c) - tt(C, c, b) - C->p->nodes[c].service;
    }
    r->load -= C->p->nodes[c].demand;
    memmove(r->s + k, r->s + k + 1, (r->len - k - 1) * sizeof *r->s);
    r->len--;
    untouch(C, x, ri);
    x->where[(size_t)c * C->nd + d] = NONE;
}

/* Removes every visit of stop c from x; c becomes unserved and is recorded in C->rem. */
static void remove_stop(ctx *C, sol *x, uint32_t c)
{
    for (uint32_t d = 0; d < C->nd; d++)
        if (x->where[(size_t)c * C->nd + d] != NONE)
            remove_visit(C, x, c, d);
    x->pat[c] = 0;
    x->n_unserved++;
    x->pen += C->penalty[c];
    mark_removed(C, c);
}

/* ---- insertion ------------------------------------------------------------------------- */

typedef struct ins {
    int64_t cost; /* added cost */
    uint32_t ri;  /* route, NONE = no feasible position */
    uint32_t pos; /* insert before r->s[pos] (pos == len: at the end) */
} ins;

static bool unreachable(int32_t a, int32_t b, int32_t c, int32_t d)
{
    return a == VRP_UNREACHABLE || b == VRP_UNREACHABLE || c == VRP_UNREACHABLE ||
           d == VRP_UNREACHABLE;
}

/* True when the insertion position at hand is to be skipped ("blinked"), each one with
 * probability `blink`: draws the geometric gap to the next skipped position once per skip
 * instead of one random number per position (it was a fifth of the run time). */
static inline bool blinks(ctx *C, double blink)
{
    if (C->blink_gap) {
        C->blink_gap--;
        return false;
    }
    double u = rng_double(&C->rng);
    C->blink_gap = (uint32_t)fmin(floor(log(u > 0 ? u : 1e-300) / log1p(-blink)), 1e9);
    return true;
}

/* Cheapest feasible insertion of stop c into a route of day d of x, skipping each position
 * with probability `blink`. The hot loop of the search. */
static ins best_insertion(ctx *C, const sol *x, uint32_t c, uint32_t d, double blink)
{
    ins best = {INT64_MAX, NONE, 0};
    const vrp_node *nc = &C->p->nodes[c];
    const int32_t *T = C->T, *D = C->D, *Tc = C->T + (size_t)c * C->nn,
                  *Dc = C->D + (size_t)c * C->nn;
    const size_t nn = C->nn;
    const bool check = C->any_unreachable;
    for (uint32_t ri = C->day_first[d]; ri < C->day_first[d + 1]; ri++) {
        const route *r = &x->r[ri];
        const vrp_vehicle *v = &C->p->vehicles[C->r_veh[ri]];
        if (r->load + nc->demand > v->capacity)
            continue;
        const uint32_t dep = v->depot, len = r->len;
        const int64_t cd = v->cost_per_dist, ct = v->cost_per_time;
        /* slack left to the route's limits (INT64_MAX: none) */
        const int64_t tslack = v->max_duration > 0 ? v->max_duration - r->time : INT64_MAX;
        const int64_t dslack = v->max_distance > 0 ? v->max_distance - r->dist : INT64_MAX;
        const int64_t base = len ? 0 : v->fixed_cost;
        for (uint32_t pos = 0; pos <= len; pos++) {
            if (blink > 0 && blinks(C, blink))
                continue;
            uint32_t a = pos ? r->s[pos - 1] : dep, b = pos < len ? r->s[pos] : dep;
            int32_t t1 = T[a * nn + c], t2 = Tc[b], d1 = D[a * nn + c], d2 = Dc[b];
            if (check && unreachable(t1, t2, d1, d2))
                continue;
            int64_t dt = (int64_t)t1 + t2 + nc->service, ddist = (int64_t)d1 + d2;
            if (len) {
                dt -= T[a * nn + b];
                ddist -= D[a * nn + b];
            }
            if (dt > tslack || ddist > dslack)
                continue;
            int64_t cost = base + cd * ddist + ct * dt;
            if (cost < best.cost) {
                best.cost = cost;
                best.ri = ri;
                best.pos = pos;
            }
        }
    }
    return best;
}

static void insert_at(ctx *C, sol *x, uint32_t c, uint32_t d, ins at)
{
    route *r = &x->r[at.ri];
    touch(C, x, at.ri);
    uint32_t dep = route_depot(C, at.ri);
    uint32_t a = at.pos ? r->s[at.pos - 1] : dep, b = at.pos < r->len ? r->s[at.pos] : dep;
    if (r->len) {
        r->dist += (int64_t)dd(C, a, c) + dd(C, c, b) - dd(C, a, b);
        r->time += (int64_t)tt(C, a, c) + tt(C, c, b) - tt(C, a, b) + C->p->nodes[c].service;
    } else {
        r->dist = (int64_t)dd(C, a, c) + dd(C, c, b);
        r->time = (int64_t)tt(C, a, c) + tt(C, c, b) + C->p->nodes[c].service;
    }
    r->load += C->p->nodes[c].demand;
    if (r->len == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 8;
        r->s = xreallocarray(r->s, r->cap, sizeof *r->s);
    }
    memmove(r->s + at.pos + 1, r->s + at.pos, (r->len - at.pos) * sizeof *r->s);
    r->s[at.pos] = c;
    r->len++;
    untouch(C, x, at.ri);
    x->where[(size_t)c * C->nd + d] = at.ri;
}

/* Inserts stop c (unserved in x) with its best pattern; `only` != 0 restricts the choice to
 * that pattern when it is feasible. Returns false when no pattern fits. */
static bool insert_stop(ctx *C, sol *x, uint32_t c, uint32_t only, double blink)
{
    ins at[VRP_MAX_DAYS];
    uint32_t days = 0;
    for (uint32_t k = 0; k < C->n_pats[c]; k++)
        days |= C->pats[c][k];
    for (uint32_t d = 0; d < C->nd; d++)
        if (days >> d & 1)
            at[d] = best_insertion(C, x, c, d, blink);
    uint32_t best_p = 0;
    int64_t best_cost = INT64_MAX;
    for (int pass = 0; pass < 2 && !best_p; pass++) {
        for (uint32_t k = 0; k < C->n_pats[c]; k++) {
            uint32_t m = C->pats[c][k];
            if (pass == 0 && only && m != only)
                continue;
            int64_t sum = 0;
            for (uint32_t d = 0; d < C->nd && sum != INT64_MAX; d++)
                if (m >> d & 1)
                    sum = at[d].ri == NONE ? INT64_MAX : sum + at[d].cost;
            if (sum < best_cost) {
                best_cost = sum;
                best_p = m;
            }
        }
        if (!only)
            break;
    }
    if (!best_p)
        return false;
    for (uint32_t d = 0; d < C->nd; d++)
        if (best_p >> d & 1)
            insert_at(C, x, c, d, at[d]);
    x->pat[c] = best_p;
    x->n_unserved--;
    x->pen -= C->penalty[c];
    return true;
}

/* Sorts ids by key descending, ties by id (deterministic). Insertion sort: lists are short. */
static void sort_by_key(uint32_t *ids, uint32_t n, const int64_t *key)
{
    for (uint32_t i = 1; i < n; i++) {
        uint32_t v = ids[i];
        uint32_t j = i;
        while (j > 0 &&
               (key[ids[j - 1]] < key[v] || (key[ids[j - 1]] == key[v] && ids[j - 1] > v))) {
            ids[j] = ids[j - 1];
            j--;
        }
        ids[j] = v;
    }
}

/* Puts stops ids in a SISR recreate order, drawn with weights 4:4:2:1: random, largest
 * demand first (all visits of the stop when whole_stops, else one visit), farthest from the
 * depots first, closest first. */
static void sisr_order(ctx *C, uint32_t *ids, uint32_t n, bool whole_stops)
{
    rng_shuffle_u32(&C->rng, ids, n);
    uint32_t w = rng_below(&C->rng, 11);
    if (w < 4)
        return;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t c = ids[k];
        const vrp_node *nc = &C->p->nodes[c];
        int64_t demand = whole_stops ? (int64_t)nc->demand * nc->freq : nc->demand;
        C->key[c] = w < 8 ? demand : w < 10 ? C->far[c] : -C->far[c];
    }
    sort_by_key(ids, n, C->key);
}

/* Reinserts the removed stops C->rem in a SISR order (sisr_order). */
static void recreate(ctx *C, sol *x, const uint32_t *want, double blink)
{
    uint32_t n = C->n_rem;
    uint32_t *ids = xmallocarray(n ? n : 1, sizeof *ids);
    memcpy(ids, C->rem, n * sizeof *ids);
    sisr_order(C, ids, n, true);
    for (uint32_t k = 0; k < n; k++)
        if (!x->pat[ids[k]])
            insert_stop(C, x, ids[k], want ? want[ids[k]] : 0, blink);
    free(ids);
}

/* Puts back the visits the one-day ruin took (C->vrem) on their day, in a SISR order; a stop
 * whose visit no longer fits anywhere loses all its visits (C->rem) for the full recreate. */
static void recreate_visits(ctx *C, sol *x, double blink)
{
    uint32_t n = C->n_vrem, d = C->vday, *ids = C->vrem;
    sisr_order(C, ids, n, false);
    for (uint32_t k = 0; k < n; k++) {
        ins at = best_insertion(C, x, ids[k], d, blink);
        if (at.ri != NONE)
            insert_at(C, x, ids[k], d, at);
        else
            remove_stop(C, x, ids[k]);
    }
    C->n_vrem = 0;
}

/* ---- local search (applied to candidate new bests) ------------------------------------- */

/* Cost of route ri if it had `len` stops, distance dist and time time. */
static int64_t cost_as(const ctx *C, uint32_t ri, uint32_t len, int64_t dist, int64_t time)
{
    if (!len)
        return 0;
    const vrp_vehicle *v = &C->p->vehicles[C->r_veh[ri]];
    return v->fixed_cost + v->cost_per_dist * dist + v->cost_per_time * time;
}

static bool within(const ctx *C, uint32_t ri, int64_t dist, int64_t time)
{
    const vrp_vehicle *v = &C->p->vehicles[C->r_veh[ri]];
    return (v->max_duration <= 0 || time <= v->max_duration) &&
           (v->max_distance <= 0 || dist <= v->max_distance);
}

/* Or-opt / relocate: moves a string of 1..3 stops of route ri to the best position of any
 * route of the same day (same route included). Applies the first improving move found. */
static bool or_opt(ctx *C, sol *x, uint32_t ri)
{
    route *r = &x->r[ri];
    uint32_t d = C->r_day[ri], depi = route_depot(C, ri);
    for (uint32_t L = 1; L <= 3; L++) {
        for (uint32_t i = 0; i + L <= r->len; i++) {
            uint32_t first = r->s[i], last = r->s[i + L - 1];
            uint32_t a = i ? r->s[i - 1] : depi, b = i + L < r->len ? r->s[i + L] : depi;
            int64_t in_d = 0, in_t = 0, svc = 0;
            int32_t q = 0;
            for (uint32_t k = i; k < i + L; k++) {
                svc += C->p->nodes[r->s[k]].service;
                q += C->p->nodes[r->s[k]].demand;
                if (k > i) {
                    in_d += dd(C, r->s[k - 1], r->s[k]);
                    in_t += tt(C, r->s[k - 1], r->s[k]);
                }
            }
            if (tt(C, a, b) == VRP_UNREACHABLE || dd(C, a, b) == VRP_UNREACHABLE)
                continue;
            /* route ri without the string */
            int64_t rd, rt;
            if (L == r->len) {
                rd = rt = 0;
            } else {
                rd = r->dist - dd(C, a, first) - dd(C, last, b) + dd(C, a, b) - in_d;
                rt = r->time - tt(C, a, first) - tt(C, last, b) + tt(C, a, b) - in_t - svc;
            }
            int64_t base_i = route_cost(C, ri, r);
            for (uint32_t rj = C->day_first[d]; rj < C->day_first[d + 1]; rj++) {
                route *o = &x->r[rj];
                bool same = rj == ri;
                const vrp_vehicle *vj = &C->p->vehicles[C->r_veh[rj]];
                if (!same && o->load + q > vj->capacity)
                    continue;
                if (!same && !o->len && !r->len)
                    continue;
                uint32_t depj = vj->depot;
                uint32_t olen = same ? r->len - L : o->len; /* length of the target before */
                int64_t od = same ? rd : o->dist, ot = same ? rt : o->time;
                int64_t base_j = same ? 0 : route_cost(C, rj, o);
                int64_t rest_i = same ? 0 : cost_as(C, ri, r->len - L, rd, rt);
                for (uint32_t qpos = 0; qpos <= olen; qpos++) {
                    if (same && qpos == i)
                        continue;
                    uint32_t u, v;
                    if (same) {
                        u = qpos ? r->s[qpos - 1 < i ? qpos - 1 : qpos - 1 + L] : depj;
                        v = qpos < olen ? r->s[qpos < i ? qpos : qpos + L] : depj;
                    } else {
                        u = qpos ? o->s[qpos - 1] : depj;
                        v = qpos < olen ? o->s[qpos] : depj;
                    }
                    if (unreachable(tt(C, u, first), tt(C, last, v), dd(C, u, first),
                                    dd(C, last, v)))
                        continue;
                    int64_t nd, nt;
                    if (olen) {
                        nd = od + dd(C, u, first) + dd(C, last, v) - dd(C, u, v) + in_d;
                        nt = ot + tt(C, u, first) + tt(C, last, v) - tt(C, u, v) + in_t + svc;
                    } else {
                        nd = (int64_t)dd(C, u, first) + dd(C, last, v) + in_d;
                        nt = (int64_t)tt(C, u, first) + tt(C, last, v) + in_t + svc;
                    }
                    if (!within(C, rj, nd, nt))
                        continue;
                    int64_t delta;
                    if (same)
                        delta = cost_as(C, ri, r->len, nd, nt) - base_i;
                    else
                        delta = rest_i + cost_as(C, rj, olen + L, nd, nt) - base_i - base_j;
                    if (delta >= 0)
                        continue;
                    /* apply */
                    uint32_t seg[3];
                    memcpy(seg, r->s + i, L * sizeof *seg);
                    touch(C, x, ri);
                    if (!same)
                        touch(C, x, rj);
                    memmove(r->s + i, r->s + i + L, (r->len - i - L) * sizeof *r->s);
                    r->len -= L;
                    if (o->cap < o->len + L) {
                        o->cap = 2 * (o->len + L);
                        o->s = xreallocarray(o->s, o->cap, sizeof *o->s);
                    }
                    memmove(o->s + qpos + L, o->s + qpos, (o->len - qpos) * sizeof *o->s);
                    memcpy(o->s + qpos, seg, L * sizeof *seg);
                    o->len += L;
                    route_eval(C, ri, r);
                    untouch(C, x, ri);
                    if (!same) {
                        route_eval(C, rj, o);
                        untouch(C, x, rj);
                        for (uint32_t k = 0; k < L; k++)
                            x->where[(size_t)seg[k] * C->nd + d] = rj;
                    }
                    return true;
                }
            }
        }
    }
    return false;
}

/* 2-opt inside route ri (segment reversal, asymmetric costs handled). First improvement. */
static bool two_opt(ctx *C, sol *x, uint32_t ri)
{
    route *r = &x->r[ri];
    if (r->len < 3)
        return false;
    uint32_t dep = route_depot(C, ri);
    const vrp_vehicle *v = &C->p->vehicles[C->r_veh[ri]];
    for (uint32_t i = 0; i + 1 < r->len; i++) {
        uint32_t a = i ? r->s[i - 1] : dep;
        int64_t fd = 0, bd = 0, ft = 0, bt = 0; /* inner arcs forward / backward */
        for (uint32_t j = i + 1; j < r->len; j++) {
            fd += dd(C, r->s[j - 1], r->s[j]);
            bd += dd(C, r->s[j], r->s[j - 1]);
            ft += tt(C, r->s[j - 1], r->s[j]);
            bt += tt(C, r->s[j], r->s[j - 1]);
            if (fd >= VRP_UNREACHABLE || bd >= VRP_UNREACHABLE)
                break;
            uint32_t b = j + 1 < r->len ? r->s[j + 1] : dep;
            if (unreachable(dd(C, a, r->s[j]), dd(C, r->s[i], b), tt(C, a, r->s[j]),
                            tt(C, r->s[i], b)))
                continue;
            int64_t ddist = dd(C, a, r->s[j]) + dd(C, r->s[i], b) - dd(C, a, r->s[i]) -
                            dd(C, r->s[j], b) + bd - fd;
            int64_t dtime = tt(C, a, r->s[j]) + tt(C, r->s[i], b) - tt(C, a, r->s[i]) -
                            tt(C, r->s[j], b) + bt - ft;
            int64_t delta = v->cost_per_dist * ddist + v->cost_per_time * dtime;
            if (delta >= 0 || !within(C, ri, r->dist + ddist, r->time + dtime))
                continue;
            touch(C, x, ri);
            for (uint32_t p = i, q = j; p < q; p++, q--) {
                uint32_t t = r->s[p];
                r->s[p] = r->s[q];
                r->s[q] = t;
            }
            route_eval(C, ri, r);
            untouch(C, x, ri);
            return true;
        }
    }
    return false;
}

/* ---- inter-route moves of one day, granular: only towards each stop's nearest stops ---- */

#define GRANULAR 20 /* nearest stops tried per stop by swap and 2-opt* */

/* Fills the prefix data (C->fd, ft, fl, pos) of the stops of route ri of x. */
static void route_prefix(ctx *C, const sol *x, uint32_t ri)
{
    const route *r = &x->r[ri];
    uint32_t prev = route_depot(C, ri);
    int64_t d = 0, t = 0;
    int32_t l = 0;
    for (uint32_t k = 0; k < r->len; k++) {
        uint32_t c = r->s[k];
        d += dd(C, prev, c);
        t += tt(C, prev, c);
        l += C->p->nodes[c].demand;
        C->fd[c] = d;
        C->ft[c] = t;
        C->fl[c] = l;
        C->pos[c] = k;
        t += C->p->nodes[c].service;
        prev = c;
    }
}

/* Length, distance, time and load of a route under evaluation. */
typedef struct span {
    uint32_t len;
    int32_t load;
    int64_t dist, time;
} span;

/* The route that route ri's vehicle would drive through ri's stops up to and including a
 * (NONE: none of them) followed by route rj's stops from b on (NONE: none of them); rj != ri,
 * prefix data of both routes current. Returns false when it needs a missing road. */
static bool join(const ctx *C, const sol *x, uint32_t ri, uint32_t a, uint32_t rj, uint32_t b,
                 span *out)
{
    uint32_t depi = route_depot(C, ri), from = depi;
    span s = {0, 0, 0, 0};
    if (a != NONE) {
        s.len = C->pos[a] + 1;
        s.load = C->fl[a];
        s.dist = C->fd[a];
        s.time = C->ft[a] + C->p->nodes[a].service;
        from = a;
    }
    if (b != NONE) {
        const route *o = &x->r[rj];
        uint32_t last = o->s[o->len - 1], depj = route_depot(C, rj);
        int32_t d1 = dd(C, from, b), t1 = tt(C, from, b);
        int32_t d2 = dd(C, last, depi), t2 = tt(C, last, depi);
        if (unreachable(d1, t1, d2, t2))
            return false;
        s.len += o->len - C->pos[b];
        s.load += o->load - C->fl[b] + C->p->nodes[b].demand;
        s.dist += d1 + (o->dist - C->fd[b]) - dd(C, last, depj) + d2;
        s.time += t1 + (o->time - C->ft[b]) - tt(C, last, depj) + t2;
    } else if (s.len) {
        int32_t d1 = dd(C, from, depi), t1 = tt(C, from, depi);
        if (unreachable(d1, t1, 0, 0))
            return false;
        s.dist += d1;
        s.time += t1;
    }
    *out = s;
    return true;
}

static bool span_fits(const ctx *C, uint32_t ri, const span *s)
{
    return s->load <= C->p->vehicles[C->r_veh[ri]].capacity && within(C, ri, s->dist, s->time);
}

static void route_reserve(route *r, uint32_t n)
{
    if (r->cap < n) {
        r->cap = n < 8 ? 8 : 2 * n;
        r->s = xreallocarray(r->s, r->cap, sizeof *r->s);
    }
}

/* Change in plan cost if routes ri and rj became s1 and s2. */
static int64_t pair_delta(const ctx *C, const sol *x, uint32_t ri, const span *s1, uint32_t rj,
                          const span *s2)
{
    return cost_as(C, ri, s1->len, s1->dist, s1->time) +
           cost_as(C, rj, s2->len, s2->dist, s2->time) - route_cost(C, ri, &x->r[ri]) -
           route_cost(C, rj, &x->r[rj]);
}

/* After a move rewrote the stops of routes ri and rj (both touched): their totals, which must
 * be what the move evaluated (s1, s2), their costs back into x, and their prefix data. */
static void pair_done(ctx *C, sol *x, uint32_t ri, const span *s1, uint32_t rj, const span *s2)
{
    route *r = &x->r[ri], *o = &x->r[rj];
    route_eval(C, ri, r);
    route_eval(C, rj, o);
    assert(r->dist == s1->dist && r->time == s1->time && o->dist == s2->dist &&
           o->time == s2->time);
    untouch(C, x, ri);
    untouch(C, x, rj);
    route_prefix(C, x, ri);
    route_prefix(C, x, rj);
}

/* Stop after a in route ri (a == NONE: the first stop), NONE at the end. */
static uint32_t next_of(const ctx *C, const sol *x, uint32_t ri, uint32_t a)
{
    const route *r = &x->r[ri];
    uint32_t k = a == NONE ? 0 : C->pos[a] + 1;
    return k < r->len ? r->s[k] : NONE;
}

/* 2-opt*: route ri keeps its stops up to a and takes rj's stops after b, rj keeps its stops up
 * to b and takes ri's after a (a, b == NONE: from the start). Applied when it lowers the cost
 * and both routes stay within their limits. */
static bool two_opt_star(ctx *C, sol *x, uint32_t ri, uint32_t a, uint32_t rj, uint32_t b)
{
    route *r = &x->r[ri], *o = &x->r[rj];
    uint32_t na = next_of(C, x, ri, a), nb = next_of(C, x, rj, b);
    if ((na == NONE && nb == NONE) || (a == NONE && b == NONE))
        return false; /* nothing moves, or the two routes trade places */
    span s1, s2;
    if (!join(C, x, ri, a, rj, nb, &s1) || !join(C, x, rj, b, ri, na, &s2) ||
        !span_fits(C, ri, &s1) || !span_fits(C, rj, &s2))
        return false;
    if (pair_delta(C, x, ri, &s1, rj, &s2) >= 0)
        return false;
    uint32_t ka = a == NONE ? 0 : C->pos[a] + 1, kb = b == NONE ? 0 : C->pos[b] + 1;
    uint32_t *buf = C->scratch, d = C->r_day[ri];
    memcpy(buf, r->s + ka, (r->len - ka) * sizeof *buf);               /* ri's tail */
    memcpy(buf + r->len - ka, o->s + kb, (o->len - kb) * sizeof *buf); /* rj's tail */
    uint32_t ta = r->len - ka, tb = o->len - kb;
    touch(C, x, ri);
    touch(C, x, rj);
    route_reserve(r, ka + tb);
    route_reserve(o, kb + ta);
    memcpy(r->s + ka, buf + ta, tb * sizeof *buf);
    memcpy(o->s + kb, buf, ta * sizeof *buf);
    r->len = ka + tb;
    o->len = kb + ta;
    for (uint32_t k = ka; k < r->len; k++)
        x->where[(size_t)r->s[k] * C->nd + d] = ri;
    for (uint32_t k = kb; k < o->len; k++)
        x->where[(size_t)o->s[k] * C->nd + d] = rj;
    pair_done(C, x, ri, &s1, rj, &s2);
    return true;
}

/* Route ri with its stop u replaced by stop v (prefix data current). */
static bool replaced(const ctx *C, const sol *x, uint32_t ri, uint32_t u, uint32_t v, span *out)
{
    const route *r = &x->r[ri];
    uint32_t dep = route_depot(C, ri), k = C->pos[u];
    uint32_t a = k ? r->s[k - 1] : dep, b = k + 1 < r->len ? r->s[k + 1] : dep;
    if (unreachable(dd(C, a, v), dd(C, v, b), tt(C, a, v), tt(C, v, b)))
        return false;
    const vrp_node *nu = &C->p->nodes[u], *nv = &C->p->nodes[v];
    out->len = r->len;
    out->load = r->load - nu->demand + nv->demand;
    out->dist = r->dist - dd(C, a, u) - dd(C, u, b) + dd(C, a, v) + dd(C, v, b);
    out->time =
        r->time - tt(C, a, u) - tt(C, u, b) + tt(C, a, v) + tt(C, v, b) - nu->service + nv->service;
    return true;
}

/* Swap: stops u and v of two different routes of day d trade places. */
static bool swap_stops(ctx *C, sol *x, uint32_t u, uint32_t v, uint32_t d)
{
    uint32_t ri = x->where[(size_t)u * C->nd + d], rj = x->where[(size_t)v * C->nd + d];
    span s1, s2;
    if (!replaced(C, x, ri, u, v, &s1) || !replaced(C, x, rj, v, u, &s2) ||
        !span_fits(C, ri, &s1) || !span_fits(C, rj, &s2))
        return false;
    route *r = &x->r[ri], *o = &x->r[rj];
    if (pair_delta(C, x, ri, &s1, rj, &s2) >= 0)
        return false;
    touch(C, x, ri);
    touch(C, x, rj);
    r->s[C->pos[u]] = v;
    o->s[C->pos[v]] = u;
    x->where[(size_t)u * C->nd + d] = rj;
    x->where[(size_t)v * C->nd + d] = ri;
    pair_done(C, x, ri, &s1, rj, &s2);
    return true;
}

/* Tries, for stop u of route ri on day d, the swap and 2-opt* moves towards its GRANULAR
 * nearest stops, and moving the stops after u to an empty route; applies the first that
 * lowers the cost. */
static bool inter_moves(ctx *C, sol *x, uint32_t ri, uint32_t u, uint32_t d)
{
    uint32_t G = C->K < GRANULAR + 1 ? C->K : GRANULAR + 1;
    const route *r = &x->r[ri];
    uint32_t pu = C->pos[u] ? r->s[C->pos[u] - 1] : NONE;
    const bool star = C->moves & VRP_MOVE_2OPT_STAR, swap = C->moves & VRP_MOVE_SWAP;
    for (uint32_t g = 1; g < G; g++) {
        uint32_t v = C->nbr[(size_t)u * C->K + g];
        uint32_t rj = x->where[(size_t)v * C->nd + d];
        if (rj == NONE || rj == ri)
            continue;
        const route *o = &x->r[rj];
        uint32_t k = C->pos[v];
        uint32_t pv = k ? o->s[k - 1] : NONE, nv = k + 1 < o->len ? o->s[k + 1] : NONE;
        if (star && (two_opt_star(C, x, ri, u, rj, pv) || /* new arc u → v */
                     two_opt_star(C, x, ri, pu, rj, v)))  /* new arc v → u */
            return true;
        /* u takes v's place, or a place next to v */
        if (swap && (swap_stops(C, x, u, v, d) || (pv != NONE && swap_stops(C, x, u, pv, d)) ||
                     (nv != NONE && swap_stops(C, x, u, nv, d))))
            return true;
    }
    if (star)
        for (uint32_t rj = C->day_first[d]; rj < C->day_first[d + 1]; rj++)
            if (rj != ri && !x->r[rj].len)
                return two_opt_star(C, x, ri, u, rj, NONE);
    return false;
}

/* Swap and 2-opt* between the routes of day d, starting from its changed routes, to a local
 * optimum. Returns true when something improved. */
static bool inter_day(ctx *C, sol *x, uint32_t d)
{
    for (uint32_t ri = C->day_first[d]; ri < C->day_first[d + 1]; ri++)
        route_prefix(C, x, ri);
    bool any = false, improved = true;
    for (int guard = 0; improved && guard < 100000; guard++) {
        improved = false;
        for (uint32_t ri = C->day_first[d]; ri < C->day_first[d + 1] && !improved; ri++) {
            if (!C->is_dirty[ri])
                continue;
            for (uint32_t k = 0; k < x->r[ri].len && !improved; k++)
                improved = inter_moves(C, x, ri, x->r[ri].s[k], d);
        }
        any |= improved;
    }
    return any;
}

/* Pattern move: takes stop c out of all its days and puts it back with its best pattern and
 * positions. Never worse (its old pattern and positions are among the choices); returns true
 * when it is better. */
static bool repattern(ctx *C, sol *x, uint32_t c)
{
    int64_t before = sol_obj(x);
    remove_stop(C, x, c);
    insert_stop(C, x, c, 0, 0.0);
    return sol_obj(x) < before;
}

/* Local search from the routes changed in this iteration (C->dirty, which grows as moves
 * touch other routes of the same day) to a local optimum of 2-opt and or-opt/relocate inside
 * and between routes, swap and 2-opt* between routes of a day, and pattern moves of the stops
 * on changed routes. The rest of the plan is unchanged since the last search, which bounds
 * the work on large plans. */
static void local_search(ctx *C, sol *x)
{
    for (int round = 0; round < 100; round++) {
        int64_t before = sol_obj(x);
        for (uint32_t k = 0; k < C->n_dirty; k++) {
            uint32_t ri = C->dirty[k];
            for (int guard = 0; guard < 10000 && x->r[ri].len; guard++) {
                bool moved = (C->moves & VRP_MOVE_2OPT) && two_opt(C, x, ri);
                moved |= x->r[ri].len && (C->moves & VRP_MOVE_RELOCATE) && or_opt(C, x, ri);
                if (!moved)
                    break;
            }
        }
        for (uint32_t d = 0; d < C->nd; d++) {
            bool dirty = false;
            for (uint32_t ri = C->day_first[d]; ri < C->day_first[d + 1] && !dirty; ri++)
                dirty = C->is_dirty[ri];
            if (dirty && (C->moves & (VRP_MOVE_SWAP | VRP_MOVE_2OPT_STAR)))
                inter_day(C, x, d);
        }
        /* the stops on changed routes, each once, in route order */
        uint32_t n = 0;
        C->mark_gen++;
        for (uint32_t k = 0; k < C->n_dirty; k++) {
            const route *r = &x->r[C->dirty[k]];
            for (uint32_t j = 0; j < r->len; j++)
                if (C->mark[r->s[j]] != C->mark_gen) {
                    C->mark[r->s[j]] = C->mark_gen;
                    C->scratch[n++] = r->s[j];
                }
        }
        uint32_t *list = xmallocarray(n ? n : 1, sizeof *list);
        memcpy(list, C->scratch, n * sizeof *list);
        for (uint32_t k = 0; k < n && (C->moves & VRP_MOVE_PATTERN); k++)
            if (C->n_pats[list[k]] > 1 && x->pat[list[k]])
                repattern(C, x, list[k]);
        free(list);
        if (sol_obj(x) >= before)
            break;
    }
}

/* SISR ruin: strings of consecutive stops around the neighbours of a random seed stop. With
 * one_day, only on one day of the seed's pattern and only those visits (C->vrem, day C->vday):
 * the stops keep their patterns, so the iteration re-routes that day alone; otherwise every
 * visit of each stop in a string goes (C->rem) and the recreate re-chooses its pattern. */
static void ruin(ctx *C, sol *x, bool one_day)
{
    uint32_t visits = 0, used = 0;
    for (uint32_t ri = 0; ri < C->nr; ri++)
        if (x->r[ri].len) {
            visits += x->r[ri].len;
            used++;
        }
    if (!used)
        return;
    double lmax = fmin(MAX_STRING, (double)visits / used);
    double cbar = C->par->avg_removed ? C->par->avg_removed : 10;
    double ksmax = 4.0 * cbar / (1.0 + lmax) - 1.0;
    uint32_t ks = (uint32_t)floor(rng_double(&C->rng) * ksmax) + 1;
    uint32_t seed;
    do
        seed = C->stops[rng_below(&C->rng, C->n_stops)];
    while (!x->pat[seed]);
    uint32_t day = NONE; /* one_day: a day of the seed's pattern */
    if (one_day) {
        uint32_t k = rng_below(&C->rng, (uint32_t)__builtin_popcount(x->pat[seed]));
        for (day = 0; !(x->pat[seed] >> day & 1) || k--; day++)
            ;
    }
    C->vday = day;
    uint32_t done = 0;
    C->iter++;
    for (uint32_t k = 0; k < C->K && done < ks; k++) {
        uint32_t c = C->nbr[(size_t)seed * C->K + k];
        if (!x->pat[c])
            continue;
        /* a day of c whose route is not yet ruined, chosen at random */
        uint32_t cand_days[VRP_MAX_DAYS], nc = 0;
        for (uint32_t d = 0; d < C->nd; d++) {
            uint32_t ri = x->where[(size_t)c * C->nd + d];
            if (ri != NONE && C->ruined[ri] != C->iter && (day == NONE || d == day))
                cand_days[nc++] = d;
        }
        if (!nc)
            continue;
        uint32_t ri = x->where[(size_t)c * C->nd + cand_days[rng_below(&C->rng, nc)]];
        route *r = &x->r[ri];
        C->ruined[ri] = C->iter;
        double lr = fmin(lmax, r->len);
        uint32_t l = (uint32_t)floor(rng_double(&C->rng) * lr) + 1;
        if (l > r->len)
            l = r->len;
        uint32_t pos = 0;
        while (r->s[pos] != c)
            pos++;
        uint32_t lo = pos + 1 >= l ? pos + 1 - l : 0;
        uint32_t hi = pos + l <= r->len ? pos : r->len - l;
        uint32_t start = lo + rng_below(&C->rng, hi - lo + 1);
        uint32_t str[MAX_STRING + 1];
        memcpy(str, r->s + start, l * sizeof *str);
        for (uint32_t j = 0; j < l; j++) {
            if (day == NONE) {
                remove_stop(C, x, str[j]);
            } else {
                remove_visit(C, x, str[j], day);
                C->vrem[C->n_vrem++] = str[j];
            }
        }
        done++;
    }
}

/* ---- GLPK parts: vehicle groups, route pool, pattern assignment, set partitioning -------- */

#define POOL_MAX 4000  /* routes kept for set partitioning (GLPK takes ~2 s for 4000) */
#define POOL_TAB 65536 /* hash slots (power of two, > 2 * POOL_MAX) */

static bool same_type(const vrp_vehicle *a, const vrp_vehicle *b)
{
    return a->depot == b->depot && a->capacity == b->capacity &&
           a->max_duration == b->max_duration && a->max_distance == b->max_distance &&
           a->days == b->days && a->fixed_cost == b->fixed_cost &&
           a->cost_per_dist == b->cost_per_dist && a->cost_per_time == b->cost_per_time;
}

/* Groups identical vehicles: the set partitioning counts routes per group and day. */
static void build_groups(ctx *C)
{
    const vrp_problem *p = C->p;
    uint32_t *g = xmallocarray(p->n_vehicles ? p->n_vehicles : 1, sizeof *g);
    C->n_groups = 0;
    for (uint32_t v = 0; v < p->n_vehicles; v++) {
        g[v] = NONE;
        for (uint32_t u = 0; u < v && g[v] == NONE; u++)
            if (same_type(&p->vehicles[u], &p->vehicles[v]))
                g[v] = g[u];
        if (g[v] == NONE)
            g[v] = C->n_groups++;
    }
    C->fleet = xcalloc((size_t)(C->n_groups ? C->n_groups : 1) * C->nd, sizeof *C->fleet);
    for (uint32_t v = 0; v < p->n_vehicles; v++)
        for (uint32_t d = 0; d < C->nd; d++)
            if (p->vehicles[v].days >> d & 1)
                C->fleet[g[v] * C->nd + d]++;
    C->r_grp = xmallocarray(C->nr ? C->nr : 1, sizeof *C->r_grp);
    for (uint32_t ri = 0; ri < C->nr; ri++)
        C->r_grp[ri] = g[C->r_veh[ri]];
    free(g);
    /* the problem as the MIPs see it: stops left out get frequency 0 */
    C->lp_nodes = xmallocarray(C->nn, sizeof *C->lp_nodes);
    memcpy(C->lp_nodes, p->nodes, C->nn * sizeof *C->lp_nodes);
    for (uint32_t i = p->n_depots; i < C->nn; i++)
        if (!C->n_pats[i]) {
            C->lp_nodes[i].freq = 0;
            C->lp_nodes[i].n_patterns = 0;
        }
    C->lp_problem = *p;
    C->lp_problem.nodes = C->lp_nodes;
    C->pool_tab = xmallocarray(POOL_TAB, sizeof *C->pool_tab);
    for (size_t k = 0; k < POOL_TAB; k++)
        C->pool_tab[k] = NONE;
}

static uint64_t route_hash(uint32_t day, uint32_t group, const uint32_t *s, uint32_t len)
{
    uint64_t h = 1469598103934665603ull ^ ((uint64_t)day << 32 | group);
    for (uint32_t k = 0; k < len; k++) {
        h ^= s[k];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

/* Index of the pool route equal to (day, group, s), or NONE; *slot gets its hash slot or the
 * free slot where it would go. */
static uint32_t pool_find(const ctx *C, uint32_t day, uint32_t group, const uint32_t *s,
                          uint32_t len, size_t *slot)
{
    size_t k = route_hash(day, group, s, len) & (POOL_TAB - 1);
    for (;; k = (k + 1) & (POOL_TAB - 1)) {
        uint32_t i = C->pool_tab[k];
        if (i == NONE)
            break;
        const lp_route *q = &C->pool[i];
        if (q->day == day && q->group == group && q->n_stops == len &&
            !memcmp(q->stops, s, len * sizeof *s))
            break;
    }
    *slot = k;
    return C->pool_tab[k];
}

/* Adds route ri (r) to the pool unless it is there, the pool is full or the route breaks its
 * limits; `always` adds it to a full pool too (the best plan's routes, which the set
 * partitioning starts from: at most two rounds of them, so the hash table keeps room). */
static void pool_add(ctx *C, uint32_t ri, const route *r, bool always)
{
    if (!r->len || (C->n_pool >= POOL_MAX && !always) || route_violates(C, ri, r))
        return;
    size_t slot;
    if (pool_find(C, C->r_day[ri], C->r_grp[ri], r->s, r->len, &slot) != NONE)
        return;
    if (C->n_pool == C->cap_pool) {
        C->cap_pool = C->cap_pool ? 2 * C->cap_pool : 1024;
        C->pool = xreallocarray(C->pool, C->cap_pool, sizeof *C->pool);
    }
    uint32_t *st = xmallocarray(r->len, sizeof *st);
    memcpy(st, r->s, r->len * sizeof *st);
    C->pool[C->n_pool] = (lp_route){.day = C->r_day[ri],
                                    .group = C->r_grp[ri],
                                    .n_stops = r->len,
                                    .stops = st,
                                    .cost = route_cost(C, ri, r)};
    C->pool_tab[slot] = (uint32_t)C->n_pool++;
}

static void pool_free(ctx *C)
{
    for (size_t k = 0; k < C->n_pool; k++)
        free((void *)C->pool[k].stops);
    free(C->pool);
    free(C->pool_tab);
    free(C->fleet);
    free(C->r_grp);
    free(C->lp_nodes);
}

/* Balanced day patterns from GLPK (lp_assign_patterns) for the first plan; NULL on failure. */
static uint32_t *lp_patterns(ctx *C, const uint32_t *start, double tlimit)
{
    lp_params lp;
    lp_params_init(&lp);
    lp.time_limit = tlimit;
    lp.node_limit = 200;
    lp.log = C->lg;
    lp_pattern_params pp;
    lp_pattern_params_init(&pp);
    uint32_t *depot_of = xmallocarray(C->nn, sizeof *depot_of);
    for (uint32_t i = 0; i < C->nn; i++)
        depot_of[i] = 0;
    /* each stop's time estimate from its nearest depot */
    for (uint32_t i = C->p->n_depots; i < C->nn; i++) {
        int64_t best = INT64_MAX;
        for (uint32_t dep = 0; dep < C->p->n_depots; dep++) {
            int64_t x = (int64_t)dd(C, dep, i) + dd(C, i, dep);
            if (x < best) {
                best = x;
                depot_of[i] = dep;
            }
        }
    }
    pp.depot_of = depot_of;
    pp.start = start;
    uint32_t *pat = xcalloc(C->nn, sizeof *pat);
    lp_status st;
    err e = {0};
    err_code rc = lp_assign_patterns(&C->lp_problem, &lp, &pp, pat, &st, &e);
    free(depot_of);
    if (rc) {
        log_msg(C->lg, LOG_WARN, "GLPK pattern assignment: %s", e.msg);
        free(pat);
        return NULL;
    }
    log_msg(C->lg, LOG_INFO, "GLPK pattern assignment: objective %.3f%s, %llu nodes", st.objective,
            st.optimal ? " (optimal)" : "", (unsigned long long)st.nodes);
    return pat;
}

/* Set partitioning over the route pool (lp_set_partition), warm-started with the best plan;
 * a better plan found becomes the best and the current one. */
static void recombine(ctx *C, double tlimit)
{
    if (C->best.n_unserved || C->best.pen)
        return;
    for (uint32_t ri = 0; ri < C->nr; ri++)
        pool_add(C, ri, &C->best.r[ri], true);
    bool *start = xcalloc(C->n_pool ? C->n_pool : 1, sizeof *start);
    size_t slot;
    for (uint32_t ri = 0; ri < C->nr; ri++) {
        const route *r = &C->best.r[ri];
        if (!r->len)
            continue;
        uint32_t k = pool_find(C, C->r_day[ri], C->r_grp[ri], r->s, r->len, &slot);
        assert(k != NONE);
        start[k] = true;
    }
    lp_pool pool = {.n_routes = C->n_pool,
                    .routes = C->pool,
                    .n_groups = C->n_groups,
                    .fleet = C->fleet,
                    .start = start};
    lp_params lp;
    lp_params_init(&lp);
    lp.time_limit = tlimit;
    /* with an iteration limit the run must not depend on the clock: a node limit that GLPK
     * reaches well within its time limit (a set-partitioning node of a few thousand routes
     * takes tens of milliseconds) */
    lp.node_limit = C->par->max_iterations ? 40 : 0;
    lp.log = C->lg;
    bool *chosen = xcalloc(C->n_pool ? C->n_pool : 1, sizeof *chosen);
    uint32_t *pat = xcalloc(C->nn, sizeof *pat);
    lp_status st;
    err e = {0};
    double t0 = clock_now();
    err_code rc = lp_set_partition(&C->lp_problem, &pool, &lp, chosen, pat, &st, &e);
    free(start);
    if (rc) {
        log_msg(C->lg, LOG_WARN, "GLPK set partitioning over %zu routes: %s", C->n_pool, e.msg);
        free(chosen);
        free(pat);
        return;
    }
    /* rebuild the plan from the chosen routes into cand */
    sol *x = &C->cand;
    for (uint32_t ri = 0; ri < C->nr; ri++)
        x->r[ri].len = 0, x->r[ri].dist = x->r[ri].time = 0, x->r[ri].load = 0;
    for (size_t k = 0; k < (size_t)C->nn * C->nd; k++)
        x->where[k] = NONE;
    memcpy(x->pat, pat, C->nn * sizeof *pat);
    bool ok = true;
    for (size_t k = 0; k < C->n_pool && ok; k++) {
        if (!chosen[k])
            continue;
        const lp_route *q = &C->pool[k];
        uint32_t ri = C->day_first[q->day];
        while (ri < C->day_first[q->day + 1] && (C->r_grp[ri] != q->group || x->r[ri].len))
            ri++;
        if (ri == C->day_first[q->day + 1]) {
            ok = false;
            break;
        }
        route *r = &x->r[ri];
        if (r->cap < q->n_stops) {
            r->cap = q->n_stops;
            r->s = xreallocarray(r->s, r->cap, sizeof *r->s);
        }
        memcpy(r->s, q->stops, q->n_stops * sizeof *r->s);
        r->len = q->n_stops;
        route_eval(C, ri, r);
        for (uint32_t j = 0; j < r->len; j++)
            x->where[(size_t)r->s[j] * C->nd + q->day] = ri;
    }
    x->cost = x->pen = 0;
    x->n_unserved = 0;
    for (uint32_t ri = 0; ri < C->nr; ri++) {
        x->cost += route_cost(C, ri, &x->r[ri]);
        if (route_violates(C, ri, &x->r[ri]))
            x->pen += VIOLATION_PENALTY;
    }
    for (uint32_t k = 0; k < C->n_stops; k++)
        if (!x->pat[C->stops[k]]) {
            x->n_unserved++;
            x->pen += C->penalty[C->stops[k]];
        }
    int64_t before = sol_obj(&C->best);
    if (ok && sol_obj(x) < before) {
        sol_copy(C, &C->best, x);
        sol_copy(C, &C->cur, x);
    }
    sol_copy(C, &C->cand, &C->cur);
    if (C->par->max_iterations && !st.optimal && st.nodes < lp.node_limit)
        log_msg(C->lg, LOG_WARN,
                "GLPK set partitioning stopped at its time limit, not its node limit: the plan "
                "may differ on a slower or faster machine");
    log_msg(C->lg, LOG_INFO,
            "GLPK set partitioning over %zu routes: %lld -> %lld%s in %.2f s, %llu nodes",
            C->n_pool, (long long)before, (long long)sol_obj(&C->best),
            st.optimal ? " (optimal)" : "", clock_now() - t0, (unsigned long long)st.nodes);
    free(chosen);
    free(pat);
}

/* ---- set-up ---------------------------------------------------------------------------- */

static int64_t sym(const ctx *C, uint32_t a, uint32_t b)
{
    int64_t x = dd(C, a, b), y = dd(C, b, a);
    return x + y;
}

typedef struct keyed {
    int64_t key; /* symmetric distance */
    uint32_t id; /* stop, breaks ties */
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* For each stop, its K nearest stops by symmetric distance (itself first). */
static void build_neighbours(ctx *C)
{
    C->K = C->n_stops < MAX_NEIGHBOURS ? C->n_stops : MAX_NEIGHBOURS;
    C->nbr = xmallocarray((size_t)C->nn * (C->K ? C->K : 1), sizeof *C->nbr);
    keyed *ks = xmallocarray(C->n_stops ? C->n_stops : 1, sizeof *ks);
    for (uint32_t k = 0; k < C->n_stops; k++) {
        uint32_t c = C->stops[k];
        for (uint32_t j = 0; j < C->n_stops; j++) {
            uint32_t o = C->stops[j];
            ks[j] = (keyed){o == c ? INT64_MIN : sym(C, c, o), o};
        }
        qsort(ks, C->n_stops, sizeof *ks, cmp_keyed);
        for (uint32_t i = 0; i < C->K; i++)
            C->nbr[(size_t)c * C->K + i] = ks[i].id;
    }
    free(ks);
}

static void ctx_free(ctx *C)
{
    sol_free(C, &C->cur);
    sol_free(C, &C->cand);
    sol_free(C, &C->best);
    if (C->pats)
        for (uint32_t i = 0; i < C->nn; i++)
            free(C->pats[i]);
    free(C->pats);
    free(C->n_pats);
    free(C->stops);
    free(C->nbr);
    free(C->day_first);
    free(C->r_day);
    free(C->r_veh);
    free(C->penalty);
    free(C->far);
    free(C->rem);
    free(C->dirty);
    free(C->is_dirty);
    free(C->ruined);
    free(C->key);
    free(C->is_rem);
    free(C->fd);
    free(C->ft);
    free(C->fl);
    free(C->pos);
    free(C->scratch);
    free(C->mark);
    free(C->vrem);
    pool_free(C);
}

static void ctx_init(ctx *C, const vrp_problem *p, const vrp_params *par, const logger *lg)
{
    memset(C, 0, sizeof *C);
    C->p = p;
    C->par = par;
    C->lg = lg;
    C->moves = VRP_MOVES_ALL;
    C->nn = p->n_nodes;
    C->nd = p->n_days;
    C->D = p->dist;
    C->T = p->time;
    for (size_t k = 0; k < (size_t)C->nn * C->nn && !C->any_unreachable; k++)
        C->any_unreachable = C->T[k] == VRP_UNREACHABLE || C->D[k] == VRP_UNREACHABLE;
    rng_seed(&C->rng, par->seed);
    C->day_first = xcalloc(C->nd + 1, sizeof *C->day_first);
    for (uint32_t d = 0; d < C->nd; d++)
        for (uint32_t v = 0; v < p->n_vehicles; v++)
            if (p->vehicles[v].days >> d & 1)
                C->nr++;
    C->r_day = xmallocarray(C->nr ? C->nr : 1, sizeof *C->r_day);
    C->r_veh = xmallocarray(C->nr ? C->nr : 1, sizeof *C->r_veh);
    uint32_t ri = 0;
    for (uint32_t d = 0; d < C->nd; d++) {
        C->day_first[d] = ri;
        for (uint32_t v = 0; v < p->n_vehicles; v++)
            if (p->vehicles[v].days >> d & 1) {
                C->r_day[ri] = d;
                C->r_veh[ri++] = v;
            }
    }
    C->day_first[C->nd] = ri;
    C->pats = xcalloc(C->nn, sizeof *C->pats);
    C->n_pats = xcalloc(C->nn, sizeof *C->n_pats);
    C->stops = xmallocarray(C->nn, sizeof *C->stops);
    C->penalty = xcalloc(C->nn, sizeof *C->penalty);
    C->far = xcalloc(C->nn, sizeof *C->far);
    C->key = xcalloc(C->nn, sizeof *C->key);
    C->is_rem = xcalloc(C->nn, sizeof *C->is_rem);
    C->fd = xcalloc(C->nn, sizeof *C->fd);
    C->ft = xcalloc(C->nn, sizeof *C->ft);
    C->fl = xcalloc(C->nn, sizeof *C->fl);
    C->pos = xcalloc(C->nn, sizeof *C->pos);
    C->scratch = xcalloc(2 * (size_t)C->nn, sizeof *C->scratch);
    C->mark = xcalloc(C->nn, sizeof *C->mark);
    C->vrem = xcalloc(C->nn, sizeof *C->vrem);
    for (uint32_t i = p->n_depots; i < C->nn; i++) {
        const vrp_node *nd = &p->nodes[i];
        if (!nd->freq || vrp_stop_reason(p, i))
            continue;
        C->stops[C->n_stops++] = i;
        C->pats[i] = xmallocarray(nd->n_patterns, sizeof **C->pats);
        uint32_t all = C->nd >= 32 ? UINT32_MAX : ((1u << C->nd) - 1u);
        for (uint32_t k = 0; k < nd->n_patterns; k++) {
            uint32_t m = nd->patterns[k];
            if ((m & ~all) == 0 && (uint32_t)__builtin_popcount(m) == nd->freq)
                C->pats[i][C->n_pats[i]++] = m;
        }
        int64_t worst = 0, nearest = INT64_MAX;
        for (uint32_t v = 0; v < p->n_vehicles; v++) {
            const vrp_vehicle *vh = &p->vehicles[v];
            int32_t t1 = tt(C, vh->depot, i), t2 = tt(C, i, vh->depot);
            int32_t d1 = dd(C, vh->depot, i), d2 = dd(C, i, vh->depot);
            if (t1 == VRP_UNREACHABLE || t2 == VRP_UNREACHABLE || d1 == VRP_UNREACHABLE ||
                d2 == VRP_UNREACHABLE)
                continue;
            int64_t c = vh->fixed_cost + vh->cost_per_dist * ((int64_t)d1 + d2) +
                        vh->cost_per_time * ((int64_t)t1 + t2 + nd->service);
            if (c > worst)
                worst = c;
            if ((int64_t)d1 + d2 < nearest)
                nearest = (int64_t)d1 + d2;
        }
        C->penalty[i] = 2 * (int64_t)nd->freq * (worst + 1) + 1000;
        C->far[i] = nearest;
    }
    C->rem = xmallocarray(C->nn, sizeof *C->rem);
    C->dirty = xmallocarray(C->nr ? C->nr : 1, sizeof *C->dirty);
    C->is_dirty = xcalloc(C->nr ? C->nr : 1, 1);
    C->ruined = xcalloc(C->nr ? C->nr : 1, sizeof *C->ruined);
    build_neighbours(C);
    if (par->use_lp)
        build_groups(C);
    sol_init(C, &C->cur);
    sol_init(C, &C->cand);
    sol_init(C, &C->best);
}

/* Marks every used route of x dirty, for a local search over the whole plan. */
static void all_dirty(ctx *C, const sol *x)
{
    for (uint32_t ri = 0; ri < C->nr; ri++)
        if (x->r[ri].len && !C->is_dirty[ri]) {
            C->is_dirty[ri] = 1;
            C->dirty[C->n_dirty++] = ri;
        }
}

/* The local search over every route of the best plan, once at the end (during the run it
 * only starts from the routes an iteration changed). */
static void polish(ctx *C)
{
    clear_dirty(C);
    sol_copy(C, &C->cand, &C->best);
    all_dirty(C, &C->cand);
    int64_t before = sol_obj(&C->best);
    local_search(C, &C->cand);
    if (sol_obj(&C->cand) < before) {
        sol_copy(C, &C->best, &C->cand);
        log_msg(C->lg, LOG_INFO, "polish: local search over all routes %lld -> %lld",
                (long long)before, (long long)sol_obj(&C->best));
    }
    clear_dirty(C);
}

static vrp_solution *export_solution(const ctx *C, const sol *x)
{
    vrp_solution *s = xcalloc(1, sizeof *s);
    s->n_nodes = C->nn;
    s->pattern = xcalloc(C->nn, sizeof *s->pattern);
    memcpy(s->pattern, x->pat, C->nn * sizeof *s->pattern);
    for (uint32_t ri = 0; ri < C->nr; ri++)
        s->n_routes += x->r[ri].len > 0;
    s->routes = xcalloc(s->n_routes ? s->n_routes : 1, sizeof *s->routes);
    size_t k = 0;
    for (uint32_t ri = 0; ri < C->nr; ri++) {
        const route *r = &x->r[ri];
        if (!r->len)
            continue;
        vrp_route *o = &s->routes[k++];
        o->day = C->r_day[ri];
        o->vehicle = C->r_veh[ri];
        o->n_stops = r->len;
        o->stops = xmallocarray(r->len, sizeof *o->stops);
        memcpy(o->stops, r->s, r->len * sizeof *o->stops);
        o->load = r->load;
        o->distance = r->dist;
        o->duration = r->time;
        o->cost = route_cost(C, ri, r);
        s->cost += o->cost;
    }
    return s;
}

static bool stop_now(const ctx *C, uint64_t it, double t0)
{
    const vrp_params *par = C->par;
    if (par->interrupted && *par->interrupted)
        return true;
    if (par->max_iterations && it >= par->max_iterations)
        return true;
    if (par->time_limit_s > 0 && clock_now() - t0 >= par->time_limit_s)
        return true;
    return false;
}

/* Fraction of the run done, for the cooling schedule. */
static double progress(const ctx *C, uint64_t it, double elapsed)
{
    const vrp_params *par = C->par;
    double f = 0;
    if (par->max_iterations)
        f = (double)it / (double)par->max_iterations;
    if (par->time_limit_s > 0)
        f = fmax(f, elapsed / par->time_limit_s);
    return fmin(f, 1.0);
}

err_code search_run(const vrp_problem *p, const vrp_params *par, const logger *lg,
                    vrp_solution **out, err *e)
{
    double t0 = clock_now();
    vrp_params local = *par;
    if (!local.max_iterations && local.time_limit_s <= 0)
        local.max_iterations = 20000; /* neither limit: a bounded default */
    ctx C;
    ctx_init(&C, p, &local, lg);
    if (!C.n_stops) {
        bool any = false;
        for (uint32_t i = p->n_depots; i < p->n_nodes; i++)
            any |= p->nodes[i].freq > 0;
        if (any) {
            ctx_free(&C);
            return err_set(e, ERR_INFEASIBLE, "no stop can be served");
        }
    }

    /* Start: every stop unserved, then one recreate without blinks. */
    for (uint32_t k = 0; k < C.n_stops; k++) {
        uint32_t c = C.stops[k];
        C.cur.n_unserved++;
        C.cur.pen += C.penalty[c];
        mark_removed(&C, c);
    }
    /* seconds GLPK may use per call: a few percent of the run */
    double lp_time =
        local.time_limit_s > 0 ? fmax(0.2, fmin(10.0, 0.04 * local.time_limit_s)) : 10.0;
    recreate(&C, &C.cur, NULL, 0.0);
    clear_dirty(&C);
    /* with GLPK: a second start from balanced patterns (the greedy ones as its incumbent);
     * the better of the two is kept */
    uint32_t *want =
        local.use_lp && C.n_stops && !C.cur.n_unserved ? lp_patterns(&C, C.cur.pat, lp_time) : NULL;
    if (want) {
        sol_copy(&C, &C.cand, &C.cur);
        for (uint32_t k = 0; k < C.n_stops; k++)
            remove_stop(&C, &C.cand, C.stops[k]);
        recreate(&C, &C.cand, want, 0.0);
        log_msg(lg, LOG_INFO, "start: greedy patterns %lld, GLPK patterns %lld (%u unserved)",
                (long long)C.cur.cost, (long long)C.cand.cost, C.cand.n_unserved);
        if (sol_obj(&C.cand) < sol_obj(&C.cur))
            sol_copy(&C, &C.cur, &C.cand);
        clear_dirty(&C);
        free(want);
    }
    sol_copy(&C, &C.cand, &C.cur);
    sol_copy(&C, &C.best, &C.cur);

    uint32_t visits = 0, used = 0;
    for (uint32_t ri = 0; ri < C.nr; ri++)
        if (C.cur.r[ri].len) {
            visits += C.cur.r[ri].len;
            used++;
        }
    /* temperatures are fractions of the mean arc cost of the BEST plan so far (its cost over
     * the first plan's arcs), so they follow the plan as it improves instead of staying tied
     * to how good the greedy start happened to be (measured: mean gap 1.69 % -> 1.58 % over
     * 8 hard Cordeau instances, 4 seeds, 400,000 iterations) */
    const double arcs = visits + used ? visits + used : 1;
    double T0 = local.temp_start, Tf = local.temp_end;
    if (T0 <= 0 || Tf <= 0) {
        T0 = 3;
        Tf = 0.03;
    }
    log_msg(lg, LOG_INFO, "search: %u stops, %u route slots, start cost %lld, %u unserved",
            C.n_stops, C.nr, (long long)C.cur.cost, C.cur.n_unserved);

    uint64_t it = 0;
    int lp_round = 0;
    double last_report = t0;
    while (C.n_stops && !stop_now(&C, it, t0)) {
        double now = clock_now();
        double frac = progress(&C, it, now - t0);
        double T = T0 * pow(Tf / T0, frac) * (double)(C.best.cost ? C.best.cost : 1) / arcs;
        /* unserved stops are retried in every iteration */
        for (uint32_t k = 0; k < C.n_stops; k++)
            if (!C.cand.pat[C.stops[k]])
                mark_removed(&C, C.stops[k]);
        bool one_day = rng_double(&C.rng) < ONE_DAY_RATE;
        ruin(&C, &C.cand, one_day);
        if (one_day)
            recreate_visits(&C, &C.cand, BLINK_RATE);
        recreate(&C, &C.cand, NULL, BLINK_RATE);
        if (local.local_search && sol_obj(&C.cand) < sol_obj(&C.best))
            local_search(&C, &C.cand);
        int64_t oc = sol_obj(&C.cand), ou = sol_obj(&C.cur);
        double u = rng_double(&C.rng);
        if ((double)oc < (double)ou - T * log(u > 0 ? u : 1e-300)) {
            sol_sync(&C, &C.cur, &C.cand);
            if (oc < sol_obj(&C.best))
                sol_copy(&C, &C.best, &C.cur);
            /* routes of plans within 0.5 % of the best feed the set partitioning */
            if (local.use_lp && !C.cur.pen && oc <= sol_obj(&C.best) + sol_obj(&C.best) / 200)
                for (uint32_t k = 0; k < C.n_dirty; k++)
                    pool_add(&C, C.dirty[k], &C.cur.r[C.dirty[k]], false);
        } else {
            sol_sync(&C, &C.cand, &C.cur);
        }
        clear_dirty(&C);
        it++;
        if (local.use_lp && lp_round < 2 && frac >= (lp_round ? 0.8 : 0.5)) {
            lp_round++;
            /* each round gets a few percent of the run, and never more than an eighth of
             * what is left of it */
            double left = local.time_limit_s > 0 ? local.time_limit_s - (clock_now() - t0) : 60;
            recombine(&C, fmin(lp_time, left / 8));
        }
        if (now - last_report >= 1.0) {
            last_report = now;
            if (local.max_iterations && local.time_limit_s <= 0)
                log_progress(lg, "search", (double)it, (double)local.max_iterations, "best %lld",
                             (long long)C.best.cost);
            else
                log_progress(lg, "search", now - t0, local.time_limit_s, "best %lld",
                             (long long)C.best.cost);
        }
    }
    if (local.local_search && C.n_stops)
        polish(&C);
    double el = clock_now() - t0;
    log_progress(lg, "search", 1, 1, "best %lld", (long long)C.best.cost);
    log_msg(lg, LOG_INFO, "search: %llu iterations in %.2f s, best cost %lld, %u unserved",
            (unsigned long long)it, el, (long long)C.best.cost, C.best.n_unserved);
    if (C.best.n_unserved)
        log_msg(lg, LOG_WARN, "%u stops could not be placed with the available fleet",
                C.best.n_unserved);
    *out = export_solution(&C, &C.best);
    ctx_free(&C);
    return ERR_OK;
}

/* Loads plan `in` into C->cur; ERR_USAGE when it does not fit the problem. */
static err_code load_plan(ctx *C, const vrp_solution *in, err *e)
{
    sol *x = &C->cur;
    if (in->n_nodes != C->nn)
        return err_set(e, ERR_USAGE, "plan has %u nodes, the problem %u", in->n_nodes, C->nn);
    for (size_t k = 0; k < in->n_routes; k++) {
        const vrp_route *q = &in->routes[k];
        uint32_t ri = NONE;
        for (uint32_t j = q->day < C->nd ? C->day_first[q->day] : C->nr;
             j < C->nr && C->r_day[j] == q->day && ri == NONE; j++)
            if (C->r_veh[j] == q->vehicle)
                ri = j;
        if (ri == NONE)
            return err_set(e, ERR_USAGE, "route %zu: vehicle %u does not work on day %u", k + 1,
                           q->vehicle + 1, q->day + 1);
        route *r = &x->r[ri];
        if (r->len)
            return err_set(e, ERR_USAGE, "route %zu: vehicle %u has a second route on day %u",
                           k + 1, q->vehicle + 1, q->day + 1);
        route_reserve(r, q->n_stops);
        for (uint32_t j = 0; j < q->n_stops; j++) {
            uint32_t c = q->stops[j];
            if (c < C->p->n_depots || c >= C->nn || !C->n_pats[c] ||
                !(in->pattern[c] >> q->day & 1) || x->where[(size_t)c * C->nd + q->day] != NONE)
                return err_set(
                    e, ERR_USAGE,
                    "route %zu: stop %u is not a servable stop visited once on day %u of "
                    "its pattern",
                    k + 1, c, q->day + 1);
            r->s[r->len++] = c;
            x->where[(size_t)c * C->nd + q->day] = ri;
        }
        route_eval(C, ri, r);
        if (route_violates(C, ri, r))
            return err_set(e, ERR_USAGE, "route %zu: over its vehicle's capacity or limits", k + 1);
        x->cost += route_cost(C, ri, r);
    }
    for (uint32_t i = C->p->n_depots; i < C->nn; i++) {
        uint32_t m = in->pattern[i], seen = 0;
        for (uint32_t d = 0; d < C->nd; d++)
            seen |= (uint32_t)(x->where[(size_t)i * C->nd + d] != NONE) << d;
        bool allowed = !m;
        for (uint32_t k = 0; k < C->n_pats[i] && !allowed; k++)
            allowed = C->pats[i][k] == m;
        if (seen != m || !allowed)
            return err_set(e, ERR_USAGE,
                           "stop %u: pattern %#x is not allowed or not what its routes visit", i,
                           m);
        x->pat[i] = m;
        if (!m && C->n_pats[i]) {
            x->n_unserved++;
            x->pen += C->penalty[i];
        }
    }
    return ERR_OK;
}

err_code search_improve(const vrp_problem *p, unsigned moves, const vrp_solution *in,
                        vrp_solution **out, err *e)
{
    vrp_params par;
    vrp_params_init(&par);
    par.use_lp = false;
    ctx C;
    ctx_init(&C, p, &par, NULL);
    C.moves = moves & VRP_MOVES_ALL;
    *out = NULL;
    err_code rc = load_plan(&C, in, e);
    if (rc) {
        ctx_free(&C);
        return rc;
    }
    all_dirty(&C, &C.cur);
    local_search(&C, &C.cur);
    clear_dirty(&C);
    *out = export_solution(&C, &C.cur);
    ctx_free(&C);
    return ERR_OK;
}
