/* sol.c — the search's working plan: copies, the change record, removal and cheapest
 * insertion with SISR's blinks, import from and export to vrp_solution.
 * SPDX-License-Identifier: MIT */
#include "solver/sol.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void sol_init(const inst *I, sol *x)
{
    x->r = xcalloc(I->nr, sizeof *x->r);
    x->pat = xcalloc(I->nn, sizeof *x->pat);
    x->vused = xcalloc(I->p->n_vehicles ? I->p->n_vehicles : 1, sizeof *x->vused);
    x->where = xmallocarray((size_t)I->nn * I->nd, sizeof *x->where);
    for (size_t k = 0; k < (size_t)I->nn * I->nd; k++)
        x->where[k] = INST_NONE;
    x->cost = x->pen = 0;
    x->n_unserved = 0;
}

void sol_free(const inst *I, sol *x)
{
    if (x->r)
        for (uint32_t i = 0; i < I->nr; i++)
            free(x->r[i].s);
    free(x->r);
    free(x->pat);
    free(x->vused);
    free(x->where);
}

void sol_fleet_recount(const inst *I, sol *x)
{
    memset(x->vused, 0, I->p->n_vehicles * sizeof *x->vused);
    for (uint32_t ri = 0; ri < I->nr; ri++)
        x->vused[I->r_veh[ri]] += x->r[ri].len > 0;
    for (uint32_t v = 0; v < I->p->n_vehicles; v++)
        if (x->vused[v])
            x->cost += I->p->vehicles[v].weekly_cost;
}

static void route_copy(sol_route *dst, const sol_route *src)
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
    dst->wait = src->wait;
    dst->bad = src->bad;
}

void sol_copy(const inst *I, sol *dst, const sol *src)
{
    for (uint32_t i = 0; i < I->nr; i++)
        route_copy(&dst->r[i], &src->r[i]);
    memcpy(dst->pat, src->pat, I->nn * sizeof *dst->pat);
    memcpy(dst->vused, src->vused, I->p->n_vehicles * sizeof *dst->vused);
    memcpy(dst->where, src->where, (size_t)I->nn * I->nd * sizeof *dst->where);
    dst->cost = src->cost;
    dst->pen = src->pen;
    dst->n_unserved = src->n_unserved;
}

void sol_sync(const inst *I, const sol_delta *D, sol *dst, const sol *src)
{
    for (uint32_t k = 0; k < D->n_rem; k++) {
        uint32_t c = D->rem[k];
        dst->pat[c] = src->pat[c];
        memcpy(dst->where + (size_t)c * I->nd, src->where + (size_t)c * I->nd,
               I->nd * sizeof *dst->where);
    }
    /* stops moved between routes of a day by the local search are on dirty routes */
    for (uint32_t k = 0; k < D->n_dirty; k++) {
        uint32_t ri = D->dirty[k];
        route_copy(&dst->r[ri], &src->r[ri]);
        dst->vused[I->r_veh[ri]] = src->vused[I->r_veh[ri]]; /* only these vehicles changed */
        for (uint32_t j = 0; j < src->r[ri].len; j++)
            dst->where[(size_t)src->r[ri].s[j] * I->nd + I->r_day[ri]] = ri;
    }
    dst->cost = src->cost;
    dst->pen = src->pen;
    dst->n_unserved = src->n_unserved;
}

void sol_route_reserve(sol_route *r, uint32_t n)
{
    if (r->cap < n) {
        r->cap = n < 8 ? 8 : 2 * n;
        r->s = xreallocarray(r->s, r->cap, sizeof *r->s);
    }
}

bool sol_timed(const inst *I, const uint32_t *pat, uint32_t ri, const vrp_seg *segs, uint32_t n,
               int64_t *wait)
{
    vrp_timeline t;
    bool ok = vrp_timeline_segs(I->p, I->r_veh[ri], I->r_day[ri], pat, segs, n, false, NULL, &t);
    *wait = t.wait;
    return ok;
}

/* I->timing: r's waiting and feasibility from its timeline (its stops' patterns pat). */
static void route_timing(const inst *I, const uint32_t *pat, uint32_t ri, sol_route *r)
{
    vrp_timeline t;
    r->bad = !vrp_route_timeline(I->p, I->r_veh[ri], I->r_day[ri], pat, r->s, r->len, NULL, &t);
    r->wait = t.wait;
}

void sol_route_eval(const inst *I, const uint32_t *pat, uint32_t ri, sol_route *r)
{
    uint32_t dep = inst_depot(I, ri), prev = dep;
    int64_t dist = 0, time = 0;
    int32_t load = 0;
    for (uint32_t k = 0; k < r->len; k++) {
        uint32_t c = r->s[k];
        dist += inst_dist(I, prev, c);
        time += inst_time(I, prev, c) + I->p->nodes[c].service;
        load += inst_demand(I, c, pat[c], I->r_day[ri]);
        prev = c;
    }
    if (r->len) {
        dist += inst_dist(I, prev, dep);
        time += inst_time(I, prev, dep);
    }
    r->dist = dist;
    r->time = time;
    r->load = load;
    if (I->timing)
        route_timing(I, pat, ri, r);
}

/* ---- the change record ------------------------------------------------------------------ */

void sol_delta_init(const inst *I, sol_delta *D)
{
    memset(D, 0, sizeof *D);
    D->rem = xmallocarray(I->nn, sizeof *D->rem);
    D->is_rem = xcalloc(I->nn, sizeof *D->is_rem);
    D->dirty = xmallocarray(I->nr ? I->nr : 1, sizeof *D->dirty);
    D->is_dirty = xcalloc(I->nr ? I->nr : 1, sizeof *D->is_dirty);
}

void sol_delta_free(sol_delta *D)
{
    free(D->rem);
    free(D->is_rem);
    free(D->dirty);
    free(D->is_dirty);
}

void sol_delta_clear(sol_delta *D)
{
    for (uint32_t k = 0; k < D->n_dirty; k++)
        D->is_dirty[D->dirty[k]] = 0;
    for (uint32_t k = 0; k < D->n_rem; k++)
        D->is_rem[D->rem[k]] = 0;
    D->n_dirty = 0;
    D->n_rem = 0;
}

void sol_delta_remove(sol_delta *D, uint32_t c)
{
    if (!D->is_rem[c]) {
        D->is_rem[c] = 1;
        D->rem[D->n_rem++] = c;
    }
}

void sol_delta_all_dirty(const inst *I, sol_delta *D, const sol *x)
{
    for (uint32_t ri = 0; ri < I->nr; ri++)
        if (x->r[ri].len && !D->is_dirty[ri]) {
            D->is_dirty[ri] = 1;
            D->dirty[D->n_dirty++] = ri;
        }
}

void sol_touch(const inst *I, sol_delta *D, sol *x, uint32_t ri)
{
    sol_route *r = &x->r[ri];
    x->cost -= sol_route_cost(I, ri, r);
    if (r->len && !--x->vused[I->r_veh[ri]])
        x->cost -= inst_vehicle(I, ri)->weekly_cost;
    if (sol_route_violates(I, ri, r))
        x->pen -= SOL_VIOLATION_PENALTY;
    if (!D->is_dirty[ri]) {
        D->is_dirty[ri] = 1;
        D->dirty[D->n_dirty++] = ri;
    }
}

void sol_untouch(const inst *I, sol *x, uint32_t ri)
{
    sol_route *r = &x->r[ri];
    x->cost += sol_route_cost(I, ri, r);
    if (r->len && !x->vused[I->r_veh[ri]]++)
        x->cost += inst_vehicle(I, ri)->weekly_cost;
    if (sol_route_violates(I, ri, r))
        x->pen += SOL_VIOLATION_PENALTY;
}

/* ---- removal and insertion -------------------------------------------------------------- */

void sol_remove_visit(const inst *I, sol_delta *D, sol *x, uint32_t c, uint32_t d)
{
    uint32_t ri = x->where[(size_t)c * I->nd + d];
    sol_route *r = &x->r[ri];
    sol_touch(I, D, x, ri);
    uint32_t k = 0;
    while (r->s[k] != c)
        k++;
    uint32_t dep = inst_depot(I, ri);
    uint32_t a = k ? r->s[k - 1] : dep, b = k + 1 < r->len ? r->s[k + 1] : dep;
    if (r->len == 1) {
        r->dist = r->time = 0;
    } else {
        r->dist += (int64_t)inst_dist(I, a, b) - inst_dist(I, a, c) - inst_dist(I, c, b);
        r->time += (int64_t)inst_time(I, a, b) - inst_time(I, a, c) - inst_time(I, c, b) -
                   I->p->nodes[c].service;
    }
    r->load -= inst_demand(I, c, x->pat[c], d);
    memmove(r->s + k, r->s + k + 1, (r->len - k - 1) * sizeof *r->s);
    r->len--;
    if (I->timing)
        route_timing(I, x->pat, ri, r);
    sol_untouch(I, x, ri);
    x->where[(size_t)c * I->nd + d] = INST_NONE;
}

void sol_remove_stop(const inst *I, sol_delta *D, sol *x, uint32_t c)
{
    for (uint32_t d = 0; d < I->nd; d++)
        if (x->where[(size_t)c * I->nd + d] != INST_NONE)
            sol_remove_visit(I, D, x, c, d);
    x->pat[c] = 0;
    x->n_unserved++;
    x->pen += I->penalty[c];
    sol_delta_remove(D, c);
}

/* True when the insertion position at hand is to be skipped ("blinked"), each one with
 * probability `blink`: draws the geometric gap to the next skipped position once per skip
 * instead of one random number per position (it was a fifth of the run time). */
static inline bool blinks(sol_blinker *bk, double blink)
{
    if (bk->gap) {
        bk->gap--;
        return false;
    }
    double u = rng_double(bk->rng);
    bk->gap = (uint32_t)fmin(floor(log(u > 0 ? u : 1e-300) / log1p(-blink)), 1e9);
    return true;
}

sol_ins sol_best_insertion(const inst *I, const sol *x, uint32_t c, uint32_t d, uint32_t mask,
                           double blink, sol_blinker *bk)
{
    sol_ins best = {INT64_MAX, INST_NONE, 0};
    const vrp_node *nc = &I->p->nodes[c];
    /* the timelines below read c's visit from x->pat, which its callers set to mask */
    assert(!nc->visit_demand || x->pat[c] == mask);
    const int32_t q = inst_demand(I, c, mask, d);
    const int32_t *T = I->T, *D = I->D, *Tc = I->T + (size_t)c * I->nn,
                  *Dc = I->D + (size_t)c * I->nn;
    const size_t nn = I->nn;
    const bool check = I->any_unreachable, timing = I->timing;
    for (uint32_t ri = I->day_first[d]; ri < I->day_first[d + 1]; ri++) {
        const sol_route *r = &x->r[ri];
        const vrp_vehicle *v = inst_vehicle(I, ri);
        if (r->load + q > v->capacity)
            continue;
        const uint32_t dep = v->depot, len = r->len;
        const int64_t cd = v->cost_per_dist, ct = v->cost_per_time;
        /* slack left to the route's limits (INT64_MAX: none) */
        const int64_t tslack = v->max_duration > 0 ? v->max_duration - r->time : INT64_MAX;
        /* (with timing, r->time is the plain travel + service: the new route lasts at least
           r->time + dt, so the test stays a valid filter) */
        const int64_t dslack = v->max_distance > 0 ? v->max_distance - r->dist : INT64_MAX;
        /* an empty route costs its fixed cost, and the weekly cost of a vehicle not yet used */
        const int64_t base =
            len ? 0 : v->fixed_cost + (x->vused[I->r_veh[ri]] ? 0 : v->weekly_cost);
        for (uint32_t pos = 0; pos <= len; pos++) {
            if (blink > 0 && blinks(bk, blink))
                continue;
            uint32_t a = pos ? r->s[pos - 1] : dep, b = pos < len ? r->s[pos] : dep;
            int32_t t1 = T[a * nn + c], t2 = Tc[b], d1 = D[a * nn + c], d2 = Dc[b];
            if (check && inst_unreachable(t1, t2, d1, d2))
                continue;
            int64_t dt = (int64_t)t1 + t2 + nc->service, ddist = (int64_t)d1 + d2;
            if (len) {
                dt -= T[a * nn + b];
                ddist -= D[a * nn + b];
            }
            if (dt > tslack || ddist > dslack)
                continue;
            int64_t cost = base + cd * ddist + ct * dt;
            if (timing) {
                /* the plain figures less the waiting the route has now bound the cost from
                 * below (the new stop may absorb some waiting); the timeline decides */
                if (cost - ct * r->wait >= best.cost)
                    continue;
                vrp_seg g[3] = {
                    {r->s, pos, false}, {&c, 1, false}, {sol_at(r->s, pos), len - pos, false}};
                int64_t w;
                if (!sol_timed(I, x->pat, ri, g, 3, &w))
                    continue;
                cost += ct * (w - r->wait);
            }
            if (cost < best.cost) {
                best.cost = cost;
                best.ri = ri;
                best.pos = pos;
            }
        }
    }
    return best;
}

void sol_insert_at(const inst *I, sol_delta *D, sol *x, uint32_t c, uint32_t d, sol_ins at)
{
    sol_route *r = &x->r[at.ri];
    sol_touch(I, D, x, at.ri);
    uint32_t dep = inst_depot(I, at.ri);
    uint32_t a = at.pos ? r->s[at.pos - 1] : dep, b = at.pos < r->len ? r->s[at.pos] : dep;
    if (r->len) {
        r->dist += (int64_t)inst_dist(I, a, c) + inst_dist(I, c, b) - inst_dist(I, a, b);
        r->time += (int64_t)inst_time(I, a, c) + inst_time(I, c, b) - inst_time(I, a, b) +
                   I->p->nodes[c].service;
    } else {
        r->dist = (int64_t)inst_dist(I, a, c) + inst_dist(I, c, b);
        r->time = (int64_t)inst_time(I, a, c) + inst_time(I, c, b) + I->p->nodes[c].service;
    }
    r->load += inst_demand(I, c, x->pat[c], d);
    if (r->len == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 8;
        r->s = xreallocarray(r->s, r->cap, sizeof *r->s);
    }
    memmove(r->s + at.pos + 1, r->s + at.pos, (r->len - at.pos) * sizeof *r->s);
    r->s[at.pos] = c;
    r->len++;
    if (I->timing)
        route_timing(I, x->pat, at.ri, r);
    sol_untouch(I, x, at.ri);
    x->where[(size_t)c * I->nd + d] = at.ri;
}

/* sol_insert_stop's choice for a stop whose visits' demands depend on its pattern
 * (vrp_node.visit_demand): the best insertion of each day is looked up per pattern, and kept
 * while the next pattern asks the same demand on that day. Writes the chosen pattern's
 * positions to at[] and returns the pattern (0: none fits). */
static uint32_t choose_by_visit(const inst *I, sol *x, uint32_t c, uint32_t only, double blink,
                                sol_blinker *bk, sol_ins *at)
{
    sol_ins cur[VRP_MAX_DAYS];
    int32_t cur_q[VRP_MAX_DAYS];
    for (uint32_t d = 0; d < I->nd; d++)
        cur_q[d] = -1;
    uint32_t best_p = 0;
    int64_t best_cost = INT64_MAX;
    for (int pass = 0; pass < 2 && !best_p; pass++) {
        for (uint32_t k = 0; k < I->n_pats[c]; k++) {
            uint32_t m = I->pats[c][k];
            if (pass == 0 && only && m != only)
                continue;
            int64_t sum = 0;
            for (uint32_t d = 0; d < I->nd && sum != INT64_MAX; d++) {
                if (!(m >> d & 1))
                    continue;
                int32_t q = inst_demand(I, c, m, d);
                if (q != cur_q[d]) {
                    x->pat[c] = m; /* the pattern tried, for the timelines (c is unserved) */
                    cur[d] = sol_best_insertion(I, x, c, d, m, blink, bk);
                    x->pat[c] = 0;
                    cur_q[d] = q;
                }
                sum = cur[d].ri == INST_NONE ? INT64_MAX : sum + cur[d].cost;
            }
            if (sum < best_cost) {
                best_cost = sum;
                best_p = m;
                for (uint32_t d = 0; d < I->nd; d++)
                    if (m >> d & 1)
                        at[d] = cur[d];
            }
        }
        if (!only)
            break;
    }
    return best_p;
}

bool sol_insert_stop(const inst *I, sol_delta *D, sol *x, uint32_t c, uint32_t only, double blink,
                     sol_blinker *bk)
{
    sol_ins at[VRP_MAX_DAYS];
    if (I->p->nodes[c].visit_demand) {
        uint32_t m = choose_by_visit(I, x, c, only, blink, bk, at);
        if (!m)
            return false;
        x->pat[c] = m;
        for (uint32_t d = 0; d < I->nd; d++)
            if (m >> d & 1)
                sol_insert_at(I, D, x, c, d, at[d]);
        x->n_unserved--;
        x->pen -= I->penalty[c];
        return true;
    }
    uint32_t days = 0;
    for (uint32_t k = 0; k < I->n_pats[c]; k++)
        days |= I->pats[c][k];
    for (uint32_t d = 0; d < I->nd; d++)
        if (days >> d & 1)
            at[d] = sol_best_insertion(I, x, c, d, days, blink, bk);
    uint32_t best_p = 0;
    int64_t best_cost = INT64_MAX;
    for (int pass = 0; pass < 2 && !best_p; pass++) {
        for (uint32_t k = 0; k < I->n_pats[c]; k++) {
            uint32_t m = I->pats[c][k];
            if (pass == 0 && only && m != only)
                continue;
            int64_t sum = 0;
            for (uint32_t d = 0; d < I->nd && sum != INT64_MAX; d++)
                if (m >> d & 1)
                    sum = at[d].ri == INST_NONE ? INT64_MAX : sum + at[d].cost;
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
    x->pat[c] = best_p;
    for (uint32_t d = 0; d < I->nd; d++)
        if (best_p >> d & 1)
            sol_insert_at(I, D, x, c, d, at[d]);
    x->n_unserved--;
    x->pen -= I->penalty[c];
    return true;
}

/* ---- import and export ------------------------------------------------------------------ */

err_code sol_load(const inst *I, sol *x, const vrp_solution *in, err *e)
{
    if (in->n_nodes != I->nn)
        return err_set(e, ERR_USAGE, "plan has %u nodes, the problem %u", in->n_nodes, I->nn);
    for (size_t k = 0; k < in->n_routes; k++) {
        const vrp_route *q = &in->routes[k];
        uint32_t ri = INST_NONE;
        for (uint32_t j = q->day < I->nd ? I->day_first[q->day] : I->nr;
             j < I->nr && I->r_day[j] == q->day && ri == INST_NONE; j++)
            if (I->r_veh[j] == q->vehicle)
                ri = j;
        if (ri == INST_NONE)
            return err_set(e, ERR_USAGE, "route %zu: vehicle %u does not work on day %u", k + 1,
                           q->vehicle + 1, q->day + 1);
        sol_route *r = &x->r[ri];
        if (r->len)
            return err_set(e, ERR_USAGE, "route %zu: vehicle %u has a second route on day %u",
                           k + 1, q->vehicle + 1, q->day + 1);
        sol_route_reserve(r, q->n_stops);
        for (uint32_t j = 0; j < q->n_stops; j++) {
            uint32_t c = q->stops[j];
            if (c < I->p->n_depots || c >= I->nn || !I->n_pats[c] ||
                !(in->pattern[c] >> q->day & 1) ||
                x->where[(size_t)c * I->nd + q->day] != INST_NONE)
                return err_set(
                    e, ERR_USAGE,
                    "route %zu: stop %u is not a servable stop visited once on day %u of "
                    "its pattern",
                    k + 1, c, q->day + 1);
            r->s[r->len++] = c;
            x->where[(size_t)c * I->nd + q->day] = ri;
            x->pat[c] = in->pattern[c];
        }
        sol_route_eval(I, x->pat, ri, r);
        if (sol_route_violates(I, ri, r))
            return err_set(e, ERR_USAGE, "route %zu: over its vehicle's capacity or limits", k + 1);
        x->cost += sol_route_cost(I, ri, r);
        if (r->len && !x->vused[q->vehicle]++)
            x->cost += I->p->vehicles[q->vehicle].weekly_cost;
    }
    for (uint32_t i = I->p->n_depots; i < I->nn; i++) {
        uint32_t m = in->pattern[i], seen = 0;
        for (uint32_t d = 0; d < I->nd; d++)
            seen |= (uint32_t)(x->where[(size_t)i * I->nd + d] != INST_NONE) << d;
        bool allowed = !m;
        for (uint32_t k = 0; k < I->n_pats[i] && !allowed; k++)
            allowed = I->pats[i][k] == m;
        if (seen != m || !allowed)
            return err_set(e, ERR_USAGE,
                           "stop %u: pattern %#x is not allowed or not what its routes visit", i,
                           m);
        x->pat[i] = m;
        if (!m && I->n_pats[i]) {
            x->n_unserved++;
            x->pen += I->penalty[i];
        }
    }
    return ERR_OK;
}

vrp_solution *sol_export(const inst *I, const sol *x)
{
    vrp_solution *s = xcalloc(1, sizeof *s);
    s->n_nodes = I->nn;
    s->pattern = xcalloc(I->nn, sizeof *s->pattern);
    memcpy(s->pattern, x->pat, I->nn * sizeof *s->pattern);
    for (uint32_t ri = 0; ri < I->nr; ri++)
        s->n_routes += x->r[ri].len > 0;
    s->routes = xcalloc(s->n_routes ? s->n_routes : 1, sizeof *s->routes);
    size_t k = 0;
    for (uint32_t ri = 0; ri < I->nr; ri++) {
        const sol_route *r = &x->r[ri];
        if (!r->len)
            continue;
        vrp_route *o = &s->routes[k++];
        o->day = I->r_day[ri];
        o->vehicle = I->r_veh[ri];
        o->n_stops = r->len;
        o->stops = xmallocarray(r->len, sizeof *o->stops);
        memcpy(o->stops, r->s, r->len * sizeof *o->stops);
        o->load = r->load;
        o->distance = r->dist;
        o->duration = r->time + r->wait;
        o->cost = sol_route_cost(I, ri, r);
        s->cost += o->cost;
    }
    for (uint32_t v = 0; v < I->p->n_vehicles; v++)
        if (x->vused[v])
            s->cost += I->p->vehicles[v].weekly_cost;
    return s;
}
