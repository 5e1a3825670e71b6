/* pool.c — the route pool: an open-addressing hash of (day, group, stop sequence), and the
 * vehicle groups the set partitioning counts. SPDX-License-Identifier: MIT */
#include "solver/pool.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define POOL_TAB 65536 /* hash slots (power of two, > 2 * POOL_MAX) */

struct pool {
    const inst *in;    /* borrowed */
    uint32_t n_groups; /* classes of identical vehicles */
    uint32_t *fleet;   /* [n_groups * nd] vehicles of group g working on day d */
    uint32_t *r_grp;   /* [nr] group of each slot's vehicle */
    lp_route *routes;  /* [n] distinct routes, stops owned by the pool */
    size_t n, cap;     /* routes held, entries allocated */
    uint32_t *tab;     /* [POOL_TAB] hash slots: route index or INST_NONE */
};

/* Vehicles whose routes are interchangeable: a route feasible for one is for the other, at
 * the same cost. With windows, that includes the start time. */
static bool same_type(const inst *I, const vrp_vehicle *a, const vrp_vehicle *b)
{
    return (!I->windows || a->start == b->start) && a->depot == b->depot &&
           a->capacity == b->capacity && a->max_duration == b->max_duration &&
           a->max_distance == b->max_distance && a->days == b->days &&
           a->fixed_cost == b->fixed_cost && a->cost_per_dist == b->cost_per_dist &&
           a->cost_per_time == b->cost_per_time && a->weekly_cost == b->weekly_cost;
}

pool *pool_new(const inst *I)
{
    const vrp_problem *p = I->p;
    pool *P = xcalloc(1, sizeof *P);
    P->in = I;
    uint32_t *g = xmallocarray(p->n_vehicles ? p->n_vehicles : 1, sizeof *g);
    for (uint32_t v = 0; v < p->n_vehicles; v++) {
        g[v] = INST_NONE;
        for (uint32_t u = 0; u < v && g[v] == INST_NONE; u++)
            if (same_type(I, &p->vehicles[u], &p->vehicles[v]))
                g[v] = g[u];
        if (g[v] == INST_NONE)
            g[v] = P->n_groups++;
    }
    P->fleet = xcalloc((size_t)(P->n_groups ? P->n_groups : 1) * I->nd, sizeof *P->fleet);
    for (uint32_t v = 0; v < p->n_vehicles; v++)
        for (uint32_t d = 0; d < I->nd; d++)
            if (p->vehicles[v].days >> d & 1)
                P->fleet[g[v] * I->nd + d]++;
    P->r_grp = xmallocarray(I->nr ? I->nr : 1, sizeof *P->r_grp);
    for (uint32_t ri = 0; ri < I->nr; ri++)
        P->r_grp[ri] = g[I->r_veh[ri]];
    free(g);
    P->tab = xmallocarray(POOL_TAB, sizeof *P->tab);
    for (size_t k = 0; k < POOL_TAB; k++)
        P->tab[k] = INST_NONE;
    return P;
}

void pool_free(pool *P)
{
    if (!P)
        return;
    for (size_t k = 0; k < P->n; k++)
        free((void *)P->routes[k].stops);
    free(P->routes);
    free(P->tab);
    free(P->fleet);
    free(P->r_grp);
    free(P);
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

/* Hash slot of the route equal to (day, group, s), or the free slot where it would go. */
static size_t find_slot(const pool *P, uint32_t day, uint32_t group, const uint32_t *s,
                        uint32_t len)
{
    size_t k = route_hash(day, group, s, len) & (POOL_TAB - 1);
    for (;; k = (k + 1) & (POOL_TAB - 1)) {
        uint32_t i = P->tab[k];
        if (i == INST_NONE)
            break;
        const lp_route *q = &P->routes[i];
        if (q->day == day && q->group == group && q->n_stops == len &&
            !memcmp(q->stops, s, len * sizeof *s))
            break;
    }
    return k;
}

uint32_t pool_find(const pool *P, uint32_t day, uint32_t group, const uint32_t *s, uint32_t len)
{
    return P->tab[find_slot(P, day, group, s, len)];
}

void pool_add(pool *P, uint32_t ri, const sol_route *r, bool always)
{
    const inst *I = P->in;
    if (!r->len || (P->n >= POOL_MAX && !always) || sol_route_violates(I, ri, r))
        return;
    size_t slot = find_slot(P, I->r_day[ri], P->r_grp[ri], r->s, r->len);
    if (P->tab[slot] != INST_NONE)
        return;
    if (P->n == P->cap) {
        P->cap = P->cap ? 2 * P->cap : 1024;
        P->routes = xreallocarray(P->routes, P->cap, sizeof *P->routes);
    }
    uint32_t *st = xmallocarray(r->len, sizeof *st);
    memcpy(st, r->s, r->len * sizeof *st);
    P->routes[P->n] = (lp_route){.day = I->r_day[ri],
                                 .group = P->r_grp[ri],
                                 .n_stops = r->len,
                                 .stops = st,
                                 .cost = sol_route_cost(I, ri, r)};
    P->tab[slot] = (uint32_t)P->n++;
}

size_t pool_size(const pool *P)
{
    return P->n;
}

const lp_route *pool_route(const pool *P, size_t k)
{
    return &P->routes[k];
}

uint32_t pool_group(const pool *P, uint32_t ri)
{
    return P->r_grp[ri];
}

lp_pool pool_lp(const pool *P, const bool *start)
{
    return (lp_pool){.n_routes = P->n,
                     .routes = P->routes,
                     .n_groups = P->n_groups,
                     .fleet = P->fleet,
                     .start = start};
}
