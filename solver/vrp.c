/* vrp.c — the model's helpers: freeing a solution, the solver's default options, and the
 * per-stop feasibility test (a stop alone against the fleet, its patterns and the roads) that
 * the diagnosis, the search set-up and the callers share. SPDX-License-Identifier: MIT */
#include "solver/vrp.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void vrp_solution_free(vrp_solution *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_routes; i++)
        free(s->routes[i].stops);
    free(s->routes);
    free(s->pattern);
    free(s);
}

void vrp_params_init(vrp_params *p)
{
    memset(p, 0, sizeof *p);
    p->seed = 1;
    p->time_limit_s = 10.0;
    p->max_iterations = 0;
    p->use_lp = true;
    p->interrupted = NULL;
    p->avg_removed = 10;
    p->temp_start = 3.0;
    p->temp_end = 0.03;
    p->local_search = true;
}

const char *vrp_end_text(vrp_end e)
{
    switch (e) {
    case VRP_END_NONE: return "no search";
    case VRP_END_ITERATIONS: return "the iteration limit";
    case VRP_END_TIME: return "the time limit";
    case VRP_END_INTERRUPTED: return "an interrupt";
    }
    return "unknown end";
}

const char *vrp_reason_text(vrp_reason r)
{
    switch (r) {
    case VRP_REASON_NO_PATTERN: return "no allowed day pattern fits its frequency and the period";
    case VRP_REASON_DEMAND: return "demand or pickup exceeds every vehicle's capacity";
    case VRP_REASON_UNREACHABLE:
        return "no vehicle can reach it and return within its duration and distance limits";
    case VRP_REASON_NO_DAYS:
        return "no allowed day pattern has a capable vehicle on each of its days";
    case VRP_REASON_WINDOW: return "no vehicle can get there before its opening hours end";
    }
    return "unknown reason";
}

bool vrp_pattern_valid(const vrp_problem *p, uint32_t i, uint32_t mask)
{
    uint32_t all = p->n_days >= 32 ? UINT32_MAX : ((1u << p->n_days) - 1u);
    return (mask & ~all) == 0 && (uint32_t)__builtin_popcount(mask) == p->nodes[i].freq;
}

/* Can vehicle v alone go from its depot to stop i and back within its limits? */
static bool round_trip_ok(const vrp_problem *p, const vrp_vehicle *v, uint32_t i)
{
    size_t n = p->n_nodes;
    int32_t t1 = p->time[v->depot * n + i], t2 = p->time[i * n + v->depot];
    int32_t d1 = p->dist[v->depot * n + i], d2 = p->dist[i * n + v->depot];
    if (t1 == VRP_UNREACHABLE || t2 == VRP_UNREACHABLE || d1 == VRP_UNREACHABLE ||
        d2 == VRP_UNREACHABLE)
        return false;
    int64_t dur = (int64_t)t1 + p->nodes[i].service + t2;
    if (v->max_duration > 0 && dur > v->max_duration)
        return false;
    if (v->max_distance > 0 && (int64_t)d1 + d2 > v->max_distance)
        return false;
    return true;
}

/* Does vehicle v reach stop i, alone, within its window (if it has one)? Only the window is
 * looked at: a van never waits at its first stop, so only a late arrival fails. */
static bool window_ok(const vrp_problem *p, uint32_t v, uint32_t i)
{
    if (p->nodes[i].close <= 0)
        return true;
    vrp_timeline t;
    vrp_route_timeline(p, v, 0, NULL, &i, 1, NULL, &t);
    return t.late == UINT32_MAX && !t.unreachable;
}

/* vrp_stop_reason of a stop whose visits' demands depend on the pattern (visit_demand): the
 * same tests, per pattern and day. DEMAND when every pattern has a visit (or its pickup)
 * larger than every vehicle; UNREACHABLE when no vehicle that can carry some visit gets there
 * and back; WINDOW when none of those reaches it within its window; NO_DAYS when no pattern
 * has, on each of its days, a vehicle that carries that day's visit and does all this. */
static vrp_reason stop_reason_by_visit(const vrp_problem *p, uint32_t i)
{
    const vrp_node *nd = &p->nodes[i];
    bool cap_ok = false, reach_ok = false, win_ok = false;
    for (uint32_t k = 0; k < nd->n_patterns; k++) {
        uint32_t m = nd->patterns[k];
        if (!vrp_pattern_valid(p, i, m))
            continue;
        bool pat_cap = true, pat_ok = true;
        for (uint32_t d = 0; d < p->n_days; d++) {
            if (!(m >> d & 1))
                continue;
            int32_t q = vrp_visit_demand(nd, p->n_days, m, d);
            bool day_cap = false, day_ok = false;
            for (uint32_t v = 0; v < p->n_vehicles && !day_ok; v++) {
                const vrp_vehicle *vh = &p->vehicles[v];
                if (vh->capacity < q || vh->capacity < nd->pickup || !vh->days)
                    continue;
                day_cap = true;
                if (!round_trip_ok(p, vh, i))
                    continue;
                reach_ok = true;
                if (!window_ok(p, v, i))
                    continue;
                win_ok = true;
                day_ok = (vh->days >> d & 1) != 0;
            }
            pat_cap &= day_cap;
            pat_ok &= day_ok;
        }
        cap_ok |= pat_cap;
        if (pat_ok)
            return 0;
    }
    if (!cap_ok)
        return VRP_REASON_DEMAND;
    if (!reach_ok)
        return VRP_REASON_UNREACHABLE;
    if (!win_ok)
        return VRP_REASON_WINDOW;
    return VRP_REASON_NO_DAYS;
}

vrp_reason vrp_stop_reason(const vrp_problem *p, uint32_t i)
{
    const vrp_node *nd = &p->nodes[i];
    bool any_pattern = false;
    for (uint32_t k = 0; k < nd->n_patterns; k++)
        any_pattern |= vrp_pattern_valid(p, i, nd->patterns[k]);
    if (!any_pattern)
        return VRP_REASON_NO_PATTERN;
    if (nd->visit_demand)
        return stop_reason_by_visit(p, i);
    bool cap_ok = false, reach = false;
    uint32_t days = 0;
    for (uint32_t v = 0; v < p->n_vehicles; v++) {
        const vrp_vehicle *vh = &p->vehicles[v];
        if (vh->capacity < nd->demand || vh->capacity < nd->pickup || !vh->days)
            continue;
        cap_ok = true;
        if (!round_trip_ok(p, vh, i))
            continue;
        reach = true;
        /* the window: it never waits at a first stop, so only a late arrival fails here */
        vrp_timeline t;
        if (nd->close <= 0 || vrp_route_timeline(p, v, 0, NULL, &i, 1, NULL, &t))
            days |= vh->days;
    }
    if (!cap_ok)
        return VRP_REASON_DEMAND;
    if (!reach)
        return VRP_REASON_UNREACHABLE;
    if (!days)
        return VRP_REASON_WINDOW;
    for (uint32_t k = 0; k < nd->n_patterns; k++)
        if (vrp_pattern_valid(p, i, nd->patterns[k]) && (nd->patterns[k] & ~days) == 0)
            return 0;
    return VRP_REASON_NO_DAYS;
}

err_code vrp_diagnose(const vrp_problem *p, vrp_diag **out, size_t *n_out, err *e)
{
    vrp_diag *d = NULL;
    size_t n = 0, n_stops = 0;
    for (uint32_t i = p->n_depots; i < p->n_nodes; i++) {
        if (!p->nodes[i].freq)
            continue;
        n_stops++;
        vrp_reason r = vrp_stop_reason(p, i);
        if (!r)
            continue;
        d = xreallocarray(d, n + 1, sizeof *d);
        d[n++] = (vrp_diag){.node = i, .reason = r};
    }
    *out = d;
    *n_out = n;
    if (n_stops > 0 && n == n_stops)
        return err_set(e, ERR_INFEASIBLE, "none of the %zu stops can be served (stop %u: %s)",
                       n_stops, d[0].node, vrp_reason_text(d[0].reason));
    return ERR_OK;
}

size_t vrp_solution_unserved(const vrp_problem *p, const vrp_solution *s)
{
    size_t n = 0;
    for (uint32_t i = p->n_depots; i < p->n_nodes; i++)
        if (p->nodes[i].freq && !s->pattern[i])
            n++;
    return n;
}

/* ---- the timeline ----------------------------------------------------------------------- */

bool vrp_has_windows(const vrp_problem *p)
{
    for (uint32_t i = p->n_depots; i < p->n_nodes; i++)
        if (p->nodes[i].close > 0)
            return true;
    return false;
}

bool vrp_has_pickups(const vrp_problem *p)
{
    for (uint32_t i = p->n_depots; i < p->n_nodes; i++)
        if (p->nodes[i].pickup > 0)
            return true;
    return false;
}

/* Stop k of the pieces segs (k counted over all of them, in driving order). */
static inline uint32_t seg_at(const vrp_seg *g, uint32_t k)
{
    return g->reversed ? g->stops[g->n - 1 - k] : g->stops[k];
}

/* Demand of stop c's visit on `day` (pattern NULL: its demand). */
static inline int32_t visit_demand(const vrp_problem *p, uint32_t c, uint32_t day,
                                   const uint32_t *pattern)
{
    return pattern ? vrp_visit_demand(&p->nodes[c], p->n_days, pattern[c], day)
                   : p->nodes[c].demand;
}

/* vrp_timeline_segs, leaving at `depart` when it is >= 0, else by the rule of vrp.h. */
static bool timeline(const vrp_problem *p, uint32_t vehicle, uint32_t day, const uint32_t *pattern,
                     int64_t depart, const vrp_seg *segs, uint32_t n_segs, bool full,
                     vrp_visit_time *visits, vrp_timeline *out)
{
    const vrp_vehicle *v = &p->vehicles[vehicle];
    const size_t nn = p->n_nodes;
    memset(out, 0, sizeof *out);
    out->late = out->overload = UINT32_MAX;
    uint32_t n = 0, first = UINT32_MAX;
    for (uint32_t g = 0; g < n_segs; g++) {
        for (uint32_t k = 0; k < segs[g].n; k++) {
            uint32_t c = seg_at(&segs[g], k);
            if (first == UINT32_MAX)
                first = c;
            out->load += visit_demand(p, c, day, pattern);
        }
        n += segs[g].n;
    }
    out->departure = out->back = v->start;
    out->peak = out->load;
    bool ok = out->load <= v->capacity;
    if (!n) {
        out->feasible = ok;
        return ok;
    }
    if (!ok && !full)
        return false;
    /* leave late enough not to wait at the first stop */
    const vrp_node *nf = &p->nodes[first];
    int32_t t0 = p->time[v->depot * nn + first];
    if (depart >= 0) {
        out->departure = depart;
        if (depart < v->start) {
            ok = false;
            if (!full)
                return false;
        }
    } else if (nf->close > 0 && t0 != VRP_UNREACHABLE && (int64_t)v->start + t0 < nf->open) {
        out->departure = (int64_t)nf->open - t0;
    }
    int64_t t = out->departure, load = out->load;
    uint32_t prev = v->depot, pos = 0;
    for (uint32_t g = 0; g < n_segs; g++)
        for (uint32_t k = 0; k < segs[g].n; k++, pos++) {
            uint32_t c = seg_at(&segs[g], k);
            const vrp_node *nc = &p->nodes[c];
            int32_t dt = p->time[prev * nn + c], dd = p->dist[prev * nn + c];
            if (dt == VRP_UNREACHABLE || dd == VRP_UNREACHABLE) {
                out->unreachable = true;
                ok = false;
                if (!full)
                    return false;
            } else {
                t += dt;
                out->distance += dd;
            }
            int64_t arrival = t, start = t;
            if (nc->close > 0) {
                if (start < nc->open)
                    start = nc->open;
                else if (start > nc->close) {
                    if (out->late == UINT32_MAX)
                        out->late = pos;
                    ok = false;
                    if (!full)
                        return false;
                }
            }
            out->wait += start - arrival;
            t = start + nc->service;
            load += (int64_t)nc->pickup - visit_demand(p, c, day, pattern);
            out->pickup += nc->pickup;
            if (load > out->peak)
                out->peak = load;
            if (load > v->capacity) {
                if (out->overload == UINT32_MAX)
                    out->overload = pos;
                ok = false;
                if (!full)
                    return false;
            }
            if (visits)
                visits[pos] = (vrp_visit_time){.arrival = arrival,
                                               .wait = start - arrival,
                                               .start = start,
                                               .departure = t,
                                               .load_after = load};
            prev = c;
        }
    int32_t dt = p->time[prev * nn + v->depot], dd = p->dist[prev * nn + v->depot];
    if (dt == VRP_UNREACHABLE || dd == VRP_UNREACHABLE) {
        out->unreachable = true;
        ok = false;
    } else {
        t += dt;
        out->distance += dd;
    }
    out->back = t;
    out->duration = t - out->departure;
    if (v->max_duration > 0 && out->duration > v->max_duration)
        ok = false;
    if (v->max_distance > 0 && out->distance > v->max_distance)
        ok = false;
    out->feasible = ok;
    return ok;
}

bool vrp_timeline_segs(const vrp_problem *p, uint32_t vehicle, uint32_t day,
                       const uint32_t *pattern, const vrp_seg *segs, uint32_t n_segs, bool full,
                       vrp_visit_time *visits, vrp_timeline *out)
{
    return timeline(p, vehicle, day, pattern, -1, segs, n_segs, full, visits, out);
}

bool vrp_route_timeline(const vrp_problem *p, uint32_t vehicle, uint32_t day,
                        const uint32_t *pattern, const uint32_t *stops, uint32_t n,
                        vrp_visit_time *visits, vrp_timeline *out)
{
    vrp_seg g = {stops, n, false};
    return timeline(p, vehicle, day, pattern, -1, &g, 1, true, visits, out);
}

bool vrp_route_timeline_at(const vrp_problem *p, uint32_t vehicle, uint32_t day,
                           const uint32_t *pattern, int64_t depart, const uint32_t *stops,
                           uint32_t n, vrp_visit_time *visits, vrp_timeline *out)
{
    vrp_seg g = {stops, n, false};
    return timeline(p, vehicle, day, pattern, depart < 0 ? 0 : depart, &g, 1, true, visits, out);
}
