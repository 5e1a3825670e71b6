/* inst.c — the search's read-only view of a problem: route slots, usable patterns, penalties
 * for unserved stops, nearest-stop lists. SPDX-License-Identifier: MIT */
#include "solver/inst.h"

#include <stdlib.h>

#include "util/mem.h"

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

/* For each stop to serve, its K nearest stops by symmetric distance (itself first). */
static void build_neighbours(inst *I)
{
    I->K = I->n_stops < INST_MAX_NEIGHBOURS ? I->n_stops : INST_MAX_NEIGHBOURS;
    I->nbr = xmallocarray((size_t)I->nn * (I->K ? I->K : 1), sizeof *I->nbr);
    keyed *ks = xmallocarray(I->n_stops ? I->n_stops : 1, sizeof *ks);
    for (uint32_t k = 0; k < I->n_stops; k++) {
        uint32_t c = I->stops[k];
        for (uint32_t j = 0; j < I->n_stops; j++) {
            uint32_t o = I->stops[j];
            int64_t sym = (int64_t)inst_dist(I, c, o) + inst_dist(I, o, c);
            ks[j] = (keyed){o == c ? INT64_MIN : sym, o};
        }
        qsort(ks, I->n_stops, sizeof *ks, cmp_keyed);
        for (uint32_t i = 0; i < I->K; i++)
            I->nbr[(size_t)c * I->K + i] = ks[i].id;
    }
    free(ks);
}

/* The smallest demand of a visit of stop i: its demand, or with visit_demand the smallest over
 * the days of its usable patterns (a pickup above it may raise the load on some day). */
static int32_t smallest_visit(const vrp_problem *p, uint32_t i)
{
    const vrp_node *nd = &p->nodes[i];
    if (!nd->visit_demand)
        return nd->demand;
    int32_t least = INT32_MAX;
    for (uint32_t k = 0; k < nd->n_patterns; k++) {
        uint32_t m = nd->patterns[k];
        if (!vrp_pattern_valid(p, i, m))
            continue;
        for (uint32_t d = 0; d < p->n_days; d++)
            if (m >> d & 1) {
                int32_t q = vrp_visit_demand(nd, p->n_days, m, d);
                least = q < least ? q : least;
            }
    }
    return least == INT32_MAX ? nd->demand : least;
}

/* One slot per (day, vehicle available that day), days in order, vehicles in order. */
static void build_slots(inst *I)
{
    const vrp_problem *p = I->p;
    I->day_first = xcalloc(I->nd + 1, sizeof *I->day_first);
    for (uint32_t d = 0; d < I->nd; d++)
        for (uint32_t v = 0; v < p->n_vehicles; v++)
            if (p->vehicles[v].days >> d & 1)
                I->nr++;
    I->r_day = xmallocarray(I->nr ? I->nr : 1, sizeof *I->r_day);
    I->r_veh = xmallocarray(I->nr ? I->nr : 1, sizeof *I->r_veh);
    uint32_t ri = 0;
    for (uint32_t d = 0; d < I->nd; d++) {
        I->day_first[d] = ri;
        for (uint32_t v = 0; v < p->n_vehicles; v++)
            if (p->vehicles[v].days >> d & 1) {
                I->r_day[ri] = d;
                I->r_veh[ri++] = v;
            }
    }
    I->day_first[I->nd] = ri;
}

/* Stop i's usable patterns, its penalty (twice the dearest single-stop route of each visit,
 * so leaving it out never pays) and its shortest depot round trip. */
static void add_stop(inst *I, uint32_t i)
{
    const vrp_problem *p = I->p;
    const vrp_node *nd = &p->nodes[i];
    I->stops[I->n_stops++] = i;
    I->pats[i] = xmallocarray(nd->n_patterns, sizeof **I->pats);
    for (uint32_t k = 0; k < nd->n_patterns; k++)
        if (vrp_pattern_valid(p, i, nd->patterns[k]))
            I->pats[i][I->n_pats[i]++] = nd->patterns[k];
    int64_t worst = 0, nearest = INT64_MAX, weekly = 0;
    for (uint32_t v = 0; v < p->n_vehicles; v++) {
        const vrp_vehicle *vh = &p->vehicles[v];
        int32_t t1 = inst_time(I, vh->depot, i), t2 = inst_time(I, i, vh->depot);
        int32_t d1 = inst_dist(I, vh->depot, i), d2 = inst_dist(I, i, vh->depot);
        if (inst_unreachable(t1, t2, d1, d2))
            continue;
        int64_t c = vh->fixed_cost + vh->cost_per_dist * ((int64_t)d1 + d2) +
                    vh->cost_per_time * ((int64_t)t1 + t2 + nd->service);
        if (c > worst)
            worst = c;
        if (vh->weekly_cost > weekly)
            weekly = vh->weekly_cost;
        if ((int64_t)d1 + d2 < nearest)
            nearest = (int64_t)d1 + d2;
    }
    /* serving must pay even when it takes a vehicle not used yet */
    I->penalty[i] = 2 * (int64_t)nd->freq * (worst + 1) + 2 * weekly + 1000;
    I->far[i] = nearest;
}

inst *inst_new(const vrp_problem *p)
{
    inst *I = xcalloc(1, sizeof *I);
    I->p = p;
    I->nn = p->n_nodes;
    I->nd = p->n_days;
    I->D = p->dist;
    I->T = p->time;
    for (size_t k = 0; k < (size_t)I->nn * I->nn && !I->any_unreachable; k++)
        I->any_unreachable = I->T[k] == VRP_UNREACHABLE || I->D[k] == VRP_UNREACHABLE;
    I->windows = vrp_has_windows(p);
    I->timing = I->windows;
    for (uint32_t i = p->n_depots; i < I->nn && !I->timing; i++)
        I->timing = p->nodes[i].pickup > smallest_visit(p, i);
    build_slots(I);
    I->pats = xcalloc(I->nn, sizeof *I->pats);
    I->n_pats = xcalloc(I->nn, sizeof *I->n_pats);
    I->stops = xmallocarray(I->nn, sizeof *I->stops);
    I->penalty = xcalloc(I->nn, sizeof *I->penalty);
    I->far = xcalloc(I->nn, sizeof *I->far);
    for (uint32_t i = p->n_depots; i < I->nn; i++)
        if (p->nodes[i].freq && !vrp_stop_reason(p, i))
            add_stop(I, i);
    build_neighbours(I);
    return I;
}

void inst_free(inst *I)
{
    if (!I)
        return;
    if (I->pats)
        for (uint32_t i = 0; i < I->nn; i++)
            free(I->pats[i]);
    free(I->pats);
    free(I->n_pats);
    free(I->stops);
    free(I->nbr);
    free(I->day_first);
    free(I->r_day);
    free(I->r_veh);
    free(I->penalty);
    free(I->far);
    free(I);
}
