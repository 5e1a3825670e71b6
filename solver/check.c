/* check.c — independent plan checker (see check.h). Deliberately simple: arrays of counts,
 * one pass over the routes, then one pass over the stops; no shared code with the search.
 * SPDX-License-Identifier: MIT */
#include "solver/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define NONE UINT32_MAX

void vrp_check_opts_init(vrp_check_opts *o)
{
    o->allow_skipped = false;
    o->check_stored = true;
}

void vrp_check_report_free(vrp_check_report *r)
{
    if (!r)
        return;
    free(r->violations);
    memset(r, 0, sizeof *r);
}

const char *vrp_violation_kind_name(vrp_violation_kind kind)
{
    switch (kind) {
    case VRP_VIOL_ROUTE: return "route";
    case VRP_VIOL_AVAILABLE: return "availability";
    case VRP_VIOL_VEHICLE_DAY: return "vehicle-day";
    case VRP_VIOL_FLEET: return "fleet";
    case VRP_VIOL_CAPACITY: return "capacity";
    case VRP_VIOL_DURATION: return "duration";
    case VRP_VIOL_DISTANCE: return "distance";
    case VRP_VIOL_UNREACHABLE: return "unreachable";
    case VRP_VIOL_DUPLICATE: return "duplicate";
    case VRP_VIOL_MISSING: return "missing";
    case VRP_VIOL_PATTERN: return "pattern";
    case VRP_VIOL_NOT_A_STOP: return "not-a-stop";
    case VRP_VIOL_PATTERN_FIELD: return "pattern-field";
    case VRP_VIOL_STORED: return "stored";
    case VRP_VIOL_WINDOW: return "window";
    case VRP_VIOL_LOAD_PROFILE: return "load-profile";
    }
    return "unknown";
}

size_t vrp_check_count(const vrp_check_report *r, vrp_violation_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_stored; i++)
        n += r->violations[i].kind == kind;
    return n;
}

__attribute__((format(printf, 6, 7))) static void add(vrp_check_report *r, vrp_violation_kind kind,
                                                      uint32_t day, uint32_t vehicle, uint32_t node,
                                                      const char *fmt, ...)
{
    r->n_violations++;
    if (r->n_stored >= VRP_CHECK_MAX_STORED)
        return;
    if (r->n_stored == 0)
        r->violations = xmallocarray(VRP_CHECK_MAX_STORED, sizeof *r->violations);
    vrp_violation *v = &r->violations[r->n_stored++];
    v->kind = kind;
    v->day = day;
    v->vehicle = vehicle;
    v->node = node;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->msg, sizeof v->msg, fmt, ap);
    va_end(ap);
}

/* "{1,3}" for days 0 and 2. */
static const char *days_str(uint32_t mask, char *buf, size_t size)
{
    size_t len = 0;
    len += (size_t)snprintf(buf, size, "{");
    bool first = true;
    for (uint32_t d = 0; d < 32 && len < size; d++)
        if (mask & (1u << d)) {
            len += (size_t)snprintf(buf + len, size - len, "%s%u", first ? "" : ",", d + 1);
            first = false;
        }
    if (len < size)
        snprintf(buf + len, size - len, "}");
    return buf;
}

/* Demand of stop c's visit on `day` when its pattern is in pattern[] (NULL: its demand). */
static int64_t demand_on(const vrp_problem *p, const uint32_t *pattern, uint32_t c, uint32_t day)
{
    return pattern ? vrp_visit_demand(&p->nodes[c], p->n_days, pattern[c], day)
                   : p->nodes[c].demand;
}

/* Route rt's times (vrp_route_timeline) checked visit by visit against the legs, the service
 * times, the vehicle's start and the windows, and its load profile recomputed (each visit's
 * demand by the stops' patterns, NULL: their demand); every stop index valid and every leg
 * reachable. Returns the route's waiting (time units). */
static int64_t check_times(const vrp_problem *p, const vrp_route *rt, const uint32_t *pattern,
                           vrp_check_report *r)
{
    const vrp_vehicle *v = &p->vehicles[rt->vehicle];
    const size_t nn = p->n_nodes;
    const unsigned day1 = rt->day + 1, veh1 = rt->vehicle + 1;
    vrp_visit_time *vt = xmallocarray(rt->n_stops, sizeof *vt);
    vrp_timeline tl;
    vrp_route_timeline(p, rt->vehicle, rt->day, pattern, rt->stops, rt->n_stops, vt, &tl);
    int64_t wait = 0, load = 0, prev_t = tl.departure;
    for (uint32_t j = 0; j < rt->n_stops; j++)
        load += demand_on(p, pattern, rt->stops[j], rt->day);
    if (tl.departure < v->start)
        add(r, VRP_VIOL_WINDOW, rt->day, rt->vehicle, NONE,
            "day %u vehicle %u: leaves at %lld, before its start %d", day1, veh1,
            (long long)tl.departure, v->start);
    uint32_t prev = v->depot;
    bool told = false;
    for (uint32_t j = 0; j < rt->n_stops; j++) {
        uint32_t c = rt->stops[j];
        const vrp_node *nc = &p->nodes[c];
        const vrp_visit_time *t = &vt[j];
        int64_t lo = nc->close > 0 ? nc->open : INT64_MIN;
        int64_t hi = nc->close > 0 ? nc->close : INT64_MAX;
        if (!told && (t->arrival != prev_t + p->time[prev * nn + c] || t->start < t->arrival ||
                      t->departure != t->start + nc->service || t->wait != t->start - t->arrival ||
                      (t->start > t->arrival && t->start != lo))) {
            add(r, VRP_VIOL_WINDOW, rt->day, rt->vehicle, c,
                "day %u vehicle %u: times at stop %u (arrival %lld, start %lld, departure %lld) "
                "disagree with the leg from node %u and the service",
                day1, veh1, c, (long long)t->arrival, (long long)t->start, (long long)t->departure,
                prev);
            told = true;
        }
        if (t->start < lo || t->start > hi)
            add(r, VRP_VIOL_WINDOW, rt->day, rt->vehicle, c,
                "day %u vehicle %u: service at stop %u starts at %lld, outside its window "
                "%lld-%lld",
                day1, veh1, c, (long long)t->start, (long long)lo, (long long)hi);
        wait += t->wait;
        load += (int64_t)nc->pickup - demand_on(p, pattern, c, rt->day);
        if (load > v->capacity)
            add(r, VRP_VIOL_LOAD_PROFILE, rt->day, rt->vehicle, c,
                "day %u vehicle %u: %lld on board after stop %u > capacity %d", day1, veh1,
                (long long)load, c, v->capacity);
        prev_t = t->departure;
        prev = c;
    }
    if (!told && tl.back != prev_t + p->time[prev * nn + v->depot])
        add(r, VRP_VIOL_WINDOW, rt->day, rt->vehicle, NONE,
            "day %u vehicle %u: back at %lld, not the last departure plus the way back", day1, veh1,
            (long long)tl.back);
    free(vt);
    return wait;
}

bool vrp_check(const vrp_problem *p, const vrp_solution *s, vrp_check_report *r)
{
    return vrp_check_with(p, s, NULL, r);
}

bool vrp_check_with(const vrp_problem *p, const vrp_solution *s, const vrp_check_opts *o,
                    vrp_check_report *r)
{
    vrp_check_opts def;
    if (!o) {
        vrp_check_opts_init(&def);
        o = &def;
    }
    memset(r, 0, sizeof *r);
    const uint32_t nn = p->n_nodes, nd = p->n_days, nv = p->n_vehicles;
    /* visits[i * nd + d]: times node i is visited on day d. */
    uint32_t *visits = xcalloc((size_t)nn * nd, sizeof *visits);
    /* used[k * nd + d]: routes of vehicle k on day d. */
    uint32_t *used = xcalloc((size_t)(nv ? nv : 1) * nd, sizeof *used);
    uint32_t *per_day = xcalloc(nd, sizeof *per_day);
    bool unsorted_told = false;

    for (size_t k = 0; k < s->n_routes; k++) {
        const vrp_route *rt = &s->routes[k];
        if (rt->day >= nd) {
            add(r, VRP_VIOL_ROUTE, NONE, rt->vehicle, NONE, "route %zu: day %u outside 1..%u",
                k + 1, rt->day + 1, nd);
            continue;
        }
        if (rt->vehicle >= nv) {
            add(r, VRP_VIOL_ROUTE, rt->day, NONE, NONE,
                "day %u route %zu: vehicle %u outside 1..%u", rt->day + 1, k + 1, rt->vehicle + 1,
                nv);
            continue;
        }
        if (k > 0 && !unsorted_told) {
            const vrp_route *pr = &s->routes[k - 1];
            if (pr->day > rt->day || (pr->day == rt->day && pr->vehicle > rt->vehicle)) {
                add(r, VRP_VIOL_ROUTE, rt->day, rt->vehicle, NONE,
                    "routes not sorted by day then vehicle (route %zu: day %u vehicle %u after "
                    "day %u vehicle %u)",
                    k + 1, rt->day + 1, rt->vehicle + 1, pr->day + 1, pr->vehicle + 1);
                unsorted_told = true;
            }
        }
        const vrp_vehicle *v = &p->vehicles[rt->vehicle];
        const unsigned day1 = rt->day + 1, veh1 = rt->vehicle + 1;
        /* Recompute the route from the matrices. */
        int64_t load = 0, dist = 0, dur = 0;
        bool unreachable = false, bad_stop = false;
        uint32_t prev = v->depot;
        for (uint32_t j = 0; j <= rt->n_stops; j++) {
            uint32_t s_j = j < rt->n_stops ? rt->stops[j] : v->depot;
            if (j < rt->n_stops) {
                if (s_j >= nn) {
                    add(r, VRP_VIOL_ROUTE, rt->day, rt->vehicle, s_j,
                        "day %u vehicle %u: stop %u outside the problem's %u nodes", day1, veh1,
                        s_j, nn);
                    bad_stop = true;
                    continue;
                }
                if (s_j < p->n_depots) {
                    add(r, VRP_VIOL_ROUTE, rt->day, rt->vehicle, s_j,
                        "day %u vehicle %u: depot %u listed as a stop", day1, veh1, s_j);
                    bad_stop = true;
                    continue;
                }
                visits[(size_t)s_j * nd + rt->day]++;
                /* a visit's demand may depend on the stop's pattern; a pattern that is not
                 * what the routes visit is reported below */
                uint32_t mask = s->pattern && s->n_nodes == nn ? s->pattern[s_j] : 0;
                load += vrp_visit_demand(&p->nodes[s_j], nd, mask, rt->day);
                dur += p->nodes[s_j].service;
            }
            int32_t a = p->dist[(size_t)prev * nn + s_j], b = p->time[(size_t)prev * nn + s_j];
            if (a == VRP_UNREACHABLE || b == VRP_UNREACHABLE) {
                if (!unreachable)
                    add(r, VRP_VIOL_UNREACHABLE, rt->day, rt->vehicle, s_j,
                        "day %u vehicle %u: no road from node %u to node %u", day1, veh1, prev,
                        s_j);
                unreachable = true;
            } else {
                dist += a;
                dur += b;
            }
            prev = s_j;
        }
        if (!unreachable && !bad_stop && rt->n_stops)
            dur += check_times(p, rt, s->pattern && s->n_nodes == nn ? s->pattern : NULL, r);
        int64_t cost = v->cost_per_dist * dist + v->cost_per_time * dur;
        if (rt->n_stops > 0) {
            cost += v->fixed_cost;
            r->n_used_routes++;
            if (used[(size_t)rt->vehicle * nd + rt->day]++ == 1)
                add(r, VRP_VIOL_VEHICLE_DAY, rt->day, rt->vehicle, NONE,
                    "day %u vehicle %u: more than one route", day1, veh1);
            per_day[rt->day]++;
            if (!(v->days & (1u << rt->day)))
                add(r, VRP_VIOL_AVAILABLE, rt->day, rt->vehicle, NONE,
                    "day %u vehicle %u: vehicle not available on day %u", day1, veh1, day1);
        }
        r->cost += cost;
        r->distance += dist;
        r->duration += dur;
        if (load > v->capacity)
            add(r, VRP_VIOL_CAPACITY, rt->day, rt->vehicle, NONE,
                "day %u vehicle %u: load %lld > capacity %d", day1, veh1, (long long)load,
                v->capacity);
        if (v->max_duration > 0 && dur > v->max_duration)
            add(r, VRP_VIOL_DURATION, rt->day, rt->vehicle, NONE,
                "day %u vehicle %u: duration %lld > max duration %d", day1, veh1, (long long)dur,
                v->max_duration);
        if (v->max_distance > 0 && dist > v->max_distance)
            add(r, VRP_VIOL_DISTANCE, rt->day, rt->vehicle, NONE,
                "day %u vehicle %u: distance %lld > max distance %d", day1, veh1, (long long)dist,
                v->max_distance);
        if (o->check_stored &&
            (rt->load != load || rt->distance != dist || rt->duration != dur || rt->cost != cost))
            add(r, VRP_VIOL_STORED, rt->day, rt->vehicle, NONE,
                "day %u vehicle %u: stored load/distance/duration/cost %d/%lld/%lld/%lld, "
                "recomputed %lld/%lld/%lld/%lld",
                day1, veh1, rt->load, (long long)rt->distance, (long long)rt->duration,
                (long long)rt->cost, (long long)load, (long long)dist, (long long)dur,
                (long long)cost);
    }
    /* the fleet: each vehicle with a route on some day costs its weekly cost once */
    for (uint32_t k = 0; k < nv; k++)
        for (uint32_t d = 0; d < nd; d++)
            if (used[(size_t)k * nd + d]) {
                r->cost += p->vehicles[k].weekly_cost;
                break;
            }
    if (o->check_stored && s->cost != r->cost)
        add(r, VRP_VIOL_STORED, NONE, NONE, NONE, "stored total cost %lld, recomputed %lld",
            (long long)s->cost, (long long)r->cost);

    /* Fleet per day. */
    for (uint32_t d = 0; d < nd; d++) {
        uint32_t avail = 0;
        for (uint32_t k = 0; k < nv; k++)
            avail += (p->vehicles[k].days >> d) & 1u;
        if (per_day[d] > avail)
            add(r, VRP_VIOL_FLEET, d, NONE, NONE, "day %u: %u routes > %u vehicles available",
                d + 1, per_day[d], avail);
    }

    /* Visits per node. */
    bool pattern_ok = s->pattern && s->n_nodes == nn;
    if (!pattern_ok)
        add(r, VRP_VIOL_PATTERN_FIELD, NONE, NONE, NONE,
            "solution pattern array covers %u nodes, problem has %u", s->pattern ? s->n_nodes : 0,
            nn);
    for (uint32_t i = 0; i < nn; i++) {
        const vrp_node *n = &p->nodes[i];
        uint32_t mask = 0;
        for (uint32_t d = 0; d < nd; d++) {
            uint32_t c = visits[(size_t)i * nd + d];
            if (c)
                mask |= 1u << d;
            if (c > 1)
                add(r, VRP_VIOL_DUPLICATE, d, NONE, i, "stop %u visited %u times on day %u", i, c,
                    d + 1);
        }
        char b1[160], b2[512];
        if (i < p->n_depots || n->freq == 0) {
            if (mask && i >= p->n_depots)
                add(r, VRP_VIOL_NOT_A_STOP, NONE, NONE, i,
                    "node %u is visited on days %s but has no visits to make", i,
                    days_str(mask, b1, sizeof b1));
            if (pattern_ok && s->pattern[i])
                add(r, VRP_VIOL_PATTERN_FIELD, NONE, NONE, i,
                    "node %u: pattern %s recorded for a node that is not a stop", i,
                    days_str(s->pattern[i], b1, sizeof b1));
            continue;
        }
        if (pattern_ok && s->pattern[i] != mask)
            add(r, VRP_VIOL_PATTERN_FIELD, NONE, NONE, i,
                "stop %u: recorded pattern %s but visited on days %s", i,
                days_str(s->pattern[i], b1, sizeof b1), days_str(mask, b2, sizeof b2));
        if (!mask) {
            if (!o->allow_skipped)
                add(r, VRP_VIOL_MISSING, NONE, NONE, i,
                    "stop %u is never visited (needs %u visits)", i, n->freq);
            continue;
        }
        bool allowed = false;
        for (uint32_t q = 0; q < n->n_patterns; q++)
            allowed |= n->patterns[q] == mask;
        if (!allowed) {
            size_t len = 0;
            b2[0] = '\0';
            for (uint32_t q = 0; q < n->n_patterns && len + 40 < sizeof b2; q++) {
                char b3[160];
                len += (size_t)snprintf(b2 + len, sizeof b2 - len, "%s%s", q ? " " : "",
                                        days_str(n->patterns[q], b3, sizeof b3));
            }
            add(r, VRP_VIOL_PATTERN, NONE, NONE, i,
                "stop %u visited on days %s (%d visits), not one of its allowed patterns %s", i,
                days_str(mask, b1, sizeof b1), __builtin_popcount(mask), b2);
        }
    }
    free(per_day);
    free(used);
    free(visits);
    return r->n_violations == 0;
}
