/* fixture.c — problems and plans built in code for the solver tests, and the independent
 * plan check. SPDX-License-Identifier: MIT */
#include "tests/solver/fixture.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/check.h"
#include "util/mem.h"
#include "util/rng.h"

void fixture_build(built *b, uint32_t n_nodes, uint32_t n_depots, uint32_t n_days, const double *xy,
                   uint32_t n_veh)
{
    memset(b, 0, sizeof *b);
    b->nodes = xcalloc(n_nodes, sizeof *b->nodes);
    b->veh = xcalloc(n_veh, sizeof *b->veh);
    b->m = xcalloc((size_t)n_nodes * n_nodes, sizeof *b->m);
    b->pats = xcalloc((size_t)n_nodes * 8, sizeof *b->pats);
    for (uint32_t i = 0; i < n_nodes; i++)
        for (uint32_t j = 0; j < n_nodes; j++)
            b->m[i * n_nodes + j] =
                (int32_t)lround(hypot(xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]));
    for (uint32_t i = n_depots; i < n_nodes; i++) {
        b->nodes[i] =
            (vrp_node){.demand = 1, .freq = 1, .n_patterns = 0, .patterns = b->pats + 8 * i};
        for (uint32_t d = 0; d < n_days && d < 8; d++)
            b->pats[8 * i + b->nodes[i].n_patterns++] = 1u << d;
    }
    for (uint32_t v = 0; v < n_veh; v++)
        b->veh[v] = (vrp_vehicle){
            .depot = 0, .capacity = 1000, .days = (1u << n_days) - 1, .cost_per_dist = 1};
    b->p = (vrp_problem){.n_nodes = n_nodes,
                         .n_depots = n_depots,
                         .n_days = n_days,
                         .nodes = b->nodes,
                         .n_vehicles = n_veh,
                         .vehicles = b->veh,
                         .time = b->m,
                         .dist = b->m};
}

void fixture_unbuild(built *b)
{
    free(b->nodes);
    free(b->veh);
    free(b->m);
    free(b->pats);
}

void fixture_random_points(double *xy, uint32_t n, uint64_t seed)
{
    rng r;
    rng_seed(&r, seed);
    for (uint32_t i = 0; i < 2 * n; i++)
        xy[i] = floor(rng_double(&r) * 1000);
}

void fixture_periodic(built *b, uint64_t seed)
{
    double xy[2 * 31];
    fixture_random_points(xy, 31, seed);
    xy[0] = xy[1] = 500;
    fixture_build(b, 31, 1, 3, xy, 2);
    for (uint32_t i = 1; i < 31; i++) {
        vrp_node *nd = &b->nodes[i];
        nd->freq = 1 + i % 3;
        nd->demand = 1 + (int32_t)(i % 2);
        nd->service = 10;
        nd->n_patterns = 0;
        uint32_t *pp = b->pats + 8 * i;
        for (uint32_t m = 1; m < 8; m++)
            if ((uint32_t)__builtin_popcount(m) == nd->freq)
                pp[nd->n_patterns++] = m;
    }
    for (uint32_t v = 0; v < 2; v++) {
        b->veh[v].capacity = 20;
        b->veh[v].max_duration = 6000;
    }
}

void fixture_infeasible(built *b)
{
    double xy[2 * 8];
    fixture_random_points(xy, 8, 9);
    fixture_build(b, 8, 1, 2, xy, 2);
    b->veh[1].days = 1; /* day 1 has vehicle 0 only */
    b->veh[0].capacity = 5;
    b->veh[0].max_duration = 3000;
    b->veh[1].capacity = 20;
    /* stop 2: demand beyond every capacity */
    b->nodes[2].demand = 21;
    /* stop 3: no road to it */
    for (uint32_t j = 0; j < 8; j++)
        if (j != 3)
            b->m[j * 8 + 3] = b->m[3 * 8 + j] = VRP_UNREACHABLE;
    /* stop 4: frequency 2 but only single-day patterns */
    b->nodes[4].freq = 2;
    /* stop 5: demand 10 only fits vehicle 1, which works on day 0; allowed only day 1 */
    b->nodes[5].demand = 10;
    b->pats[8 * 5] = 2;
    b->nodes[5].n_patterns = 1;
    /* stop 6: too far for a duration limit of 3000 on both vehicles */
    b->veh[1].max_duration = 3000;
    b->m[0 * 8 + 6] = b->m[6 * 8 + 0] = 7000;
}

/* Demand of stop c's visit on day d of pattern mask, found without vrp_visit_demand: the
 * previous visit is the nearest pattern day before d, going back round the period. */
static int32_t visit_demand(const vrp_problem *p, uint32_t c, uint32_t mask, uint32_t d)
{
    const vrp_node *nd = &p->nodes[c];
    if (!nd->visit_demand)
        return nd->demand;
    uint32_t q = d;
    for (uint32_t k = 1; k <= p->n_days; k++) {
        uint32_t cand = (d + p->n_days - k) % p->n_days;
        if (mask >> cand & 1) {
            q = cand;
            break;
        }
    }
    return nd->visit_demand[q * p->n_days + d];
}

void fixture_weekly(built *b, int32_t *table, const int32_t *rate)
{
    const uint32_t nd = b->p.n_days;
    for (uint32_t i = b->p.n_depots; i < b->p.n_nodes; i++) {
        vrp_node *n = &b->nodes[i];
        int32_t *t = table + (size_t)i * nd * nd, most = 0;
        for (uint32_t q = 0; q < nd; q++)
            for (uint32_t d = 0; d < nd; d++) {
                uint32_t gap = d > q ? d - q : d + nd - q; /* q == d: a whole period */
                t[q * nd + d] = rate[i] * (int32_t)gap;
                most = t[q * nd + d] > most ? t[q * nd + d] : most;
            }
        n->visit_demand = t;
        n->demand = most;
    }
}

int64_t fixture_check(const vrp_problem *p, const vrp_solution *s, bool all_served)
{
    uint32_t n = p->n_nodes;
    uint32_t *seen = xcalloc(n, sizeof *seen);
    bool *veh_used = xcalloc(p->n_vehicles ? p->n_vehicles : 1, sizeof *veh_used);
    int64_t total = 0;
    for (size_t k = 0; k < s->n_routes; k++) {
        const vrp_route *r = &s->routes[k];
        cr_assert_lt(r->vehicle, p->n_vehicles);
        const vrp_vehicle *v = &p->vehicles[r->vehicle];
        cr_assert(v->days >> r->day & 1, "vehicle %u used on day %u", r->vehicle, r->day);
        if (k > 0) {
            const vrp_route *q = &s->routes[k - 1];
            cr_assert(q->day < r->day || (q->day == r->day && q->vehicle < r->vehicle),
                      "routes sorted, one per vehicle and day");
        }
        cr_assert_gt(r->n_stops, 0);
        int64_t dist = 0, time = 0;
        int32_t load = 0;
        uint32_t prev = v->depot;
        for (uint32_t j = 0; j < r->n_stops; j++)
            load += visit_demand(p, r->stops[j], s->pattern[r->stops[j]], r->day);
        cr_assert_leq(load, v->capacity);
        /* the clock: leave at the start, or later so as not to wait at the first stop; wait
         * for each window to open, never arrive after it closes */
        const vrp_node *first = &p->nodes[r->stops[0]];
        int64_t leave = v->start, t, on_board = load;
        if (first->close > 0 && leave + p->time[prev * n + r->stops[0]] < first->open)
            leave = first->open - p->time[prev * n + r->stops[0]];
        t = leave;
        for (uint32_t j = 0; j < r->n_stops; j++) {
            uint32_t c = r->stops[j];
            const vrp_node *nc = &p->nodes[c];
            cr_assert(c >= p->n_depots && c < n);
            cr_assert(s->pattern[c] >> r->day & 1, "stop %u visited off its pattern", c);
            cr_assert_eq(seen[c] >> r->day & 1, 0, "stop %u twice on day %u", c, r->day);
            seen[c] |= 1u << r->day;
            dist += p->dist[prev * n + c];
            t += p->time[prev * n + c];
            if (nc->close > 0) {
                cr_assert_leq(t, nc->close, "stop %u reached after its window", c);
                if (t < nc->open)
                    t = nc->open;
            }
            t += nc->service;
            on_board += nc->pickup - visit_demand(p, c, s->pattern[c], r->day);
            cr_assert_leq(on_board, v->capacity, "overloaded after stop %u", c);
            prev = c;
        }
        dist += p->dist[prev * n + v->depot];
        t += p->time[prev * n + v->depot];
        time = t - leave;
        if (v->max_duration)
            cr_assert_leq(time, v->max_duration);
        if (v->max_distance)
            cr_assert_leq(dist, v->max_distance);
        cr_assert_eq(load, r->load);
        cr_assert_eq(dist, r->distance);
        cr_assert_eq(time, r->duration);
        int64_t cost = v->fixed_cost + v->cost_per_dist * dist + v->cost_per_time * time;
        cr_assert_eq(cost, r->cost);
        total += cost;
        veh_used[r->vehicle] |= r->n_stops > 0;
    }
    /* each vehicle with a route costs its weekly cost once */
    for (uint32_t v = 0; v < p->n_vehicles; v++)
        if (veh_used[v])
            total += p->vehicles[v].weekly_cost;
    free(veh_used);
    for (uint32_t i = p->n_depots; i < n; i++) {
        const vrp_node *nd = &p->nodes[i];
        cr_assert_eq(seen[i], s->pattern[i], "stop %u: visits match its pattern", i);
        if (!s->pattern[i]) {
            cr_assert(!all_served || !nd->freq, "stop %u unserved", i);
            continue;
        }
        bool allowed = false;
        for (uint32_t k = 0; k < nd->n_patterns; k++)
            allowed |= nd->patterns[k] == s->pattern[i];
        cr_assert(allowed, "stop %u: pattern %#x not allowed", i, s->pattern[i]);
    }
    cr_assert_eq(total, s->cost);
    free(seen);
    /* and the project's independent checker agrees */
    vrp_check_opts o;
    vrp_check_opts_init(&o);
    o.allow_skipped = !all_served;
    vrp_check_report rep = {0};
    bool ok = vrp_check_with(p, s, &o, &rep);
    cr_assert(ok, "vrp_check: %zu violations, first: %s", rep.n_violations,
              rep.n_stored ? rep.violations[0].msg : "");
    cr_assert_eq(rep.cost, total);
    vrp_check_report_free(&rep);
    return total;
}

vrp_solution *fixture_plan(const built *b, const uint32_t *rows)
{
    vrp_solution *s = xcalloc(1, sizeof *s);
    s->n_nodes = b->p.n_nodes;
    s->pattern = xcalloc(s->n_nodes, sizeof *s->pattern);
    s->routes = xcalloc(16, sizeof *s->routes);
    for (size_t k = 0; rows[k] != FIXTURE_PLAN_END; k++) {
        vrp_route *r = &s->routes[s->n_routes++];
        r->day = rows[k++];
        r->vehicle = rows[k++];
        r->stops = xcalloc(b->p.n_nodes, sizeof *r->stops);
        for (; rows[k] != FIXTURE_END; k++) {
            r->stops[r->n_stops++] = rows[k];
            s->pattern[rows[k]] |= 1u << r->day;
        }
    }
    return s;
}

void fixture_greedy(const inst *I, sol_delta *D, sol *x)
{
    sol_init(I, x);
    for (uint32_t k = 0; k < I->n_stops; k++) {
        x->n_unserved++;
        x->pen += I->penalty[I->stops[k]];
    }
    for (uint32_t k = 0; k < I->n_stops; k++)
        cr_assert(sol_insert_stop(I, D, x, I->stops[k], 0, 0.0, NULL), "stop %u fits", I->stops[k]);
    sol_delta_clear(D);
}
