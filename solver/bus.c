/* bus.c — bus runs as a common carrier beside the vans: assign visits to runs by their gain
 * over the van routes, then improve the van routes left (Chu 2005's assign-then-route; the
 * algorithm is described in bus.h). SPDX-License-Identifier: MIT */
#include "solver/bus.h"

#include <stdlib.h>
#include <string.h>

#include "solver/solve.h"
#include "util/mem.h"

#define NONE UINT32_MAX

bool bus_run_usable(const bus_run *b)
{
    return b->ready <= b->deadline && b->deadline <= b->depart;
}

int64_t bus_fee(const bus_run *b, int32_t units)
{
    return b->fee_per_drop + b->fee_per_unit * units;
}

void bus_plan_free(bus_plan *bp)
{
    if (!bp)
        return;
    vrp_solution_free(bp->vans);
    free(bp->pattern);
    free(bp->drops);
    free(bp);
}

static vrp_solution *solution_copy(const vrp_solution *s)
{
    vrp_solution *c = xcalloc(1, sizeof *c);
    *c = *s;
    c->pattern = xmallocarray(s->n_nodes ? s->n_nodes : 1, sizeof *c->pattern);
    memcpy(c->pattern, s->pattern, s->n_nodes * sizeof *c->pattern);
    c->routes = xcalloc(s->n_routes ? s->n_routes : 1, sizeof *c->routes);
    for (size_t k = 0; k < s->n_routes; k++) {
        c->routes[k] = s->routes[k];
        c->routes[k].stops = xmallocarray(s->routes[k].n_stops ? s->routes[k].n_stops : 1,
                                          sizeof *c->routes[k].stops);
        memcpy(c->routes[k].stops, s->routes[k].stops,
               s->routes[k].n_stops * sizeof *c->routes[k].stops);
    }
    return c;
}

/* Everything one bus_solve holds. */
typedef struct work {
    const vrp_problem *p;
    const bus_run *runs;
    size_t n_runs;
    uint32_t nd;
    uint32_t *calls;    /* [n_runs * n_nodes] 1 + position of the stop on the run, 0 = none */
    int32_t *rload;     /* [n_runs] demand units on each run */
    uint32_t *drop_run; /* [n_nodes * nd] run dropping stop i on day d, NONE = none */
    uint32_t *bus_days; /* [n_nodes] days a bus serves stop i */
    vrp_node *nodes;    /* [n_nodes] the van problem: visits reduced by the bus days */
    uint32_t **pats;    /* [n_nodes] owned pattern arrays of reduced nodes, NULL = p's */
    vrp_problem vp;     /* the van problem over nodes */
} work;

/* Cost of vehicle v's route over stops s[0..n) skipping s[skip] (skip = n: none), the way the
 * solver prices a route: fixed + per distance + per time of the route's timeline (vrp.h); 0
 * when empty. */
static int64_t route_cost(const work *W, uint32_t v, const uint32_t *s, uint32_t n, uint32_t skip)
{
    vrp_seg seg[2] = {{.stops = s, .n = skip < n ? skip : n},
                      {.stops = s + (skip < n ? skip + 1 : n), .n = skip < n ? n - skip - 1 : 0}};
    if (n - (skip < n) == 0)
        return 0;
    vrp_timeline tl;
    vrp_timeline_segs(W->p, v, 0, NULL, seg, 2, true, NULL, &tl);
    const vrp_vehicle *vh = &W->p->vehicles[v];
    return vh->fixed_cost + vh->cost_per_dist * tl.distance + vh->cost_per_time * tl.duration;
}

/* True when run k may drop stop c's parcels: it calls there within c's opening window (a stop
 * without one: any time), and c has no pickup (a bus does not collect outbound parcels, so a
 * visit with a pickup stays with a van). */
static bool calls_in_window(const work *W, uint32_t k, uint32_t c)
{
    uint32_t pos = W->calls[(size_t)k * W->p->n_nodes + c];
    if (!pos || W->p->nodes[c].pickup > 0)
        return false;
    const vrp_node *nd = &W->p->nodes[c];
    int32_t at = W->runs[k].arrive[pos - 1];
    return nd->close <= 0 || (at >= nd->open && at <= nd->close);
}

/* The run with room and the lowest fee that may drop stop c on day d, NONE if none. Ties: the
 * earlier run. */
static uint32_t best_run(const work *W, uint32_t c, uint32_t d)
{
    uint32_t best = NONE;
    int64_t fee = 0;
    int32_t dem = W->p->nodes[c].demand;
    for (uint32_t k = 0; k < W->n_runs; k++) {
        const bus_run *b = &W->runs[k];
        if (b->day != d || !calls_in_window(W, k, c) || !bus_run_usable(b) ||
            W->rload[k] + dem > b->capacity)
            continue;
        int64_t f = bus_fee(b, dem);
        if (best == NONE || f < fee) {
            best = k;
            fee = f;
        }
    }
    return best;
}

/* Any usable run calls at c on day d (room or not). */
static bool calls_on(const work *W, uint32_t c, uint32_t d)
{
    for (uint32_t k = 0; k < W->n_runs; k++)
        if (W->runs[k].day == d && calls_in_window(W, k, c) && bus_run_usable(&W->runs[k]))
            return true;
    return false;
}

/* Step 2 on plan s (edited in place): moves visits to runs while one gains. Returns the number
 * moved. */
static size_t assign(work *W, vrp_solution *s)
{
    const vrp_problem *p = W->p;
    size_t moved = 0;
    for (;;) {
        int64_t best_gain = 0;
        size_t best_r = 0;
        uint32_t best_k = 0, best_b = NONE;
        for (size_t r = 0; r < s->n_routes; r++) {
            const vrp_route *rt = &s->routes[r];
            if (!rt->n_stops)
                continue;
            int64_t full = route_cost(W, rt->vehicle, rt->stops, rt->n_stops, rt->n_stops);
            for (uint32_t k = 0; k < rt->n_stops; k++) {
                uint32_t c = rt->stops[k], b = best_run(W, c, rt->day);
                if (b == NONE)
                    continue;
                int64_t fee = bus_fee(&W->runs[b], p->nodes[c].demand);
                int64_t gain = full - route_cost(W, rt->vehicle, rt->stops, rt->n_stops, k) - fee;
                /* a free bus also takes a visit that saves the vans nothing (a stop on the way) */
                bool take = gain > best_gain || (gain == 0 && fee == 0 && best_b == NONE);
                if (take) { /* routes are by day, then vehicle: ties keep the first */
                    best_gain = gain;
                    best_r = r;
                    best_k = k;
                    best_b = b;
                }
            }
        }
        if (best_b == NONE)
            return moved;
        vrp_route *rt = &s->routes[best_r];
        uint32_t c = rt->stops[best_k];
        memmove(rt->stops + best_k, rt->stops + best_k + 1,
                (rt->n_stops - best_k - 1) * sizeof *rt->stops);
        rt->n_stops--;
        rt->load -= p->nodes[c].demand;
        s->pattern[c] &= ~(1u << rt->day);
        W->bus_days[c] |= 1u << rt->day;
        W->drop_run[(size_t)c * W->nd + rt->day] = best_b;
        W->rload[best_b] += p->nodes[c].demand;
        moved++;
    }
}

/* Node c of the van problem: p's node with the bus days taken out of its visits and patterns. */
static void reduce_node(work *W, uint32_t c)
{
    const vrp_node *o = &W->p->nodes[c];
    vrp_node *nd = &W->nodes[c];
    *nd = *o;
    free(W->pats[c]);
    W->pats[c] = NULL;
    uint32_t B = W->bus_days[c];
    if (!B)
        return;
    uint32_t nb = (uint32_t)__builtin_popcount(B);
    uint32_t *pat = xmallocarray(o->n_patterns ? o->n_patterns : 1, sizeof *pat), n = 0;
    for (uint32_t k = 0; k < o->n_patterns; k++) {
        if ((o->patterns[k] & B) != B || !vrp_pattern_valid(W->p, c, o->patterns[k]))
            continue;
        uint32_t m = o->patterns[k] & ~B, dup = 0;
        for (uint32_t j = 0; j < n; j++)
            dup |= pat[j] == m;
        if (!dup)
            pat[n++] = m;
    }
    W->pats[c] = pat;
    nd->freq = o->freq - nb;
    nd->n_patterns = nd->freq ? n : 0;
    nd->patterns = pat;
}

static void work_free(work *W)
{
    for (uint32_t i = 0; W->pats && i < W->p->n_nodes; i++)
        free(W->pats[i]);
    free(W->pats);
    free(W->nodes);
    free(W->bus_days);
    free(W->drop_run);
    free(W->rload);
    free(W->calls);
}

static err_code check_runs(const vrp_problem *p, const bus_run *runs, size_t n, err *e)
{
    for (size_t k = 0; k < n; k++) {
        const bus_run *b = &runs[k];
        if (b->day >= p->n_days)
            return err_set(e, ERR_USAGE, "bus run %zu: day %u outside the period", k + 1,
                           b->day + 1);
        for (uint32_t j = 0; j < b->n_stops; j++) {
            if (b->stops[j] < p->n_depots || b->stops[j] >= p->n_nodes)
                return err_set(e, ERR_USAGE, "bus run %zu: node %u is not a stop", k + 1,
                               b->stops[j]);
            for (uint32_t i = 0; i < j; i++)
                if (b->stops[i] == b->stops[j])
                    return err_set(e, ERR_USAGE, "bus run %zu: stop %u twice", k + 1, b->stops[j]);
        }
    }
    return ERR_OK;
}

/* Removes the empty routes of s. */
static void drop_empty(vrp_solution *s)
{
    size_t k = 0;
    for (size_t r = 0; r < s->n_routes; r++) {
        if (s->routes[r].n_stops)
            s->routes[k++] = s->routes[r];
        else
            free(s->routes[r].stops);
    }
    s->n_routes = k;
}

err_code bus_solve(const vrp_problem *p, const bus_run *runs, size_t n, const vrp_solution *vans,
                   bus_plan **out, err *e)
{
    *out = NULL;
    err_code rc = check_runs(p, runs, n, e);
    if (rc != ERR_OK)
        return rc;
    if (vans->n_nodes != p->n_nodes)
        return err_set(e, ERR_USAGE, "plan has %u nodes, the problem %u", vans->n_nodes,
                       p->n_nodes);
    const uint32_t nn = p->n_nodes, nd = p->n_days;
    work W = {.p = p, .runs = runs, .n_runs = n, .nd = nd};
    W.calls = xcalloc(n ? n * nn : 1, sizeof *W.calls);
    for (size_t k = 0; k < n; k++)
        for (uint32_t j = 0; j < runs[k].n_stops; j++)
            W.calls[k * nn + runs[k].stops[j]] = j + 1;
    W.rload = xcalloc(n ? n : 1, sizeof *W.rload);
    W.drop_run = xmallocarray((size_t)nn * nd, sizeof *W.drop_run);
    for (size_t i = 0; i < (size_t)nn * nd; i++)
        W.drop_run[i] = NONE;
    W.bus_days = xcalloc(nn, sizeof *W.bus_days);
    W.nodes = xmallocarray(nn, sizeof *W.nodes);
    memcpy(W.nodes, p->nodes, nn * sizeof *W.nodes);
    W.pats = xcalloc(nn, sizeof *W.pats);
    W.vp = *p;
    W.vp.nodes = W.nodes;

    bus_plan *bp = xcalloc(1, sizeof *bp);
    bp->van_only = vans->cost;
    for (size_t r = 0; r < vans->n_routes; r++)
        for (uint32_t k = 0; k < vans->routes[r].n_stops; k++)
            bp->n_eligible += calls_on(&W, vans->routes[r].stops[k], vans->routes[r].day);

    vrp_solution *cur = solution_copy(vans);
    for (int round = 0; round < BUS_ROUNDS; round++) {
        if (!assign(&W, cur))
            break;
        drop_empty(cur);
        for (uint32_t c = p->n_depots; c < nn; c++)
            reduce_node(&W, c);
        vrp_solution *better = NULL;
        rc = vrp_improve(&W.vp, VRP_MOVES_ALL, cur, &better, e);
        vrp_solution_free(cur);
        cur = better;
        if (rc != ERR_OK) {
            err_wrap(e, "bus plan");
            goto fail;
        }
    }
    int64_t fees = 0;
    size_t n_drops = 0;
    for (uint32_t c = p->n_depots; c < nn; c++)
        for (uint32_t d = 0; d < nd; d++) {
            uint32_t b = W.drop_run[(size_t)c * nd + d];
            if (b != NONE) {
                fees += bus_fee(&runs[b], p->nodes[c].demand);
                n_drops++;
            }
        }
    if (n_drops && cur->cost + fees < vans->cost) {
        bp->vans = cur;
        bp->fees = fees;
        bp->drops = xcalloc(n_drops, sizeof *bp->drops);
        for (size_t k = 0; k < n; k++) /* by run, then calling order */
            for (uint32_t j = 0; j < runs[k].n_stops; j++) {
                uint32_t c = runs[k].stops[j];
                if (W.drop_run[(size_t)c * nd + runs[k].day] == k)
                    bp->drops[bp->n_drops++] = (bus_drop){.run = (uint32_t)k, .node = c};
            }
    } else {
        vrp_solution_free(cur);
        bp->vans = solution_copy(vans);
        memset(W.bus_days, 0, nn * sizeof *W.bus_days);
    }
    bp->vans->end = vans->end;
    bp->pattern = xmallocarray(nn, sizeof *bp->pattern);
    for (uint32_t i = 0; i < nn; i++)
        bp->pattern[i] = bp->vans->pattern[i] | W.bus_days[i];
    bp->cost = bp->vans->cost + bp->fees;
    work_free(&W);
    *out = bp;
    return ERR_OK;
fail:
    vrp_solution_free(cur);
    bus_plan_free(bp);
    work_free(&W);
    return rc;
}
