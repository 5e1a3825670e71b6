/* linecheck.c — vrp_lines_check: the lines rules, opening windows and arrival spreads of a
 * plan in lines mode, recomputed from the matrices by the timeline of vrp.h.
 * SPDX-License-Identifier: MIT */
#include "solver/linecheck.h"

#include <stdlib.h>

#include "util/mem.h"

/* Arrival at each stop of route r when it leaves at `start`, into arr[0..n_stops), by the one
 * timeline of vrp.h (waiting where a stop has not opened yet); returns the timeline's
 * verdict in *tl (windows, capacity, shift, a departure before the vehicle's start). */
static void arrivals(const vrp_problem *p, const vrp_solution *s, const vrp_route *r, int64_t start,
                     int64_t *arr, vrp_visit_time *vt, vrp_timeline *tl)
{
    vrp_route_timeline_at(p, r->vehicle, r->day, s->pattern, start, r->stops, r->n_stops, vt, tl);
    for (uint32_t k = 0; k < r->n_stops; k++)
        arr[k] = vt[k].arrival;
}

err_code vrp_lines_check(const vrp_problem *p, const vrp_lines_params *lp, const vrp_lines *l,
                         err *e)
{
    const vrp_solution *s = l->sol;
    for (uint32_t k = 0; k < l->n_lines; k++)
        if (l->lines[k].vehicle >= p->n_vehicles || !l->lines[k].days)
            return err_set(e, ERR_INTERNAL, "line %u: bad vehicle or no days", k + 1);
    size_t *first = xcalloc(l->n_lines + 1, sizeof *first); /* route + 1 */
    uint32_t *ran = xcalloc(l->n_lines + 1, sizeof *ran);
    uint32_t *veh = xmallocarray(p->n_nodes, sizeof *veh);
    uint32_t *n_lines_of = xcalloc(p->n_nodes, sizeof *n_lines_of);
    int64_t *lo = xmallocarray(p->n_nodes, sizeof *lo), *hi = xmallocarray(p->n_nodes, sizeof *hi);
    size_t max_len = 1;
    for (size_t i = 0; i < s->n_routes; i++)
        max_len = s->routes[i].n_stops > max_len ? s->routes[i].n_stops : max_len;
    int64_t *arr = xmallocarray(max_len, sizeof *arr);
    vrp_visit_time *vt = xmallocarray(max_len, sizeof *vt);
    for (uint32_t i = 0; i < p->n_nodes; i++) {
        veh[i] = UINT32_MAX;
        lo[i] = INT64_MAX;
        hi[i] = INT64_MIN;
    }
    err_code rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < s->n_routes; i++) {
        const vrp_route *r = &s->routes[i];
        uint32_t k = l->route_line[i];
        if (k >= l->n_lines) {
            rc = err_set(e, ERR_INTERNAL, "route %zu: line %u of %u", i + 1, k + 1, l->n_lines);
            break;
        }
        const vrp_line *ln = &l->lines[k];
        if (!(ln->days >> r->day & 1) || r->vehicle != ln->vehicle || (ran[k] >> r->day & 1)) {
            rc = err_set(e, ERR_INTERNAL,
                         "day %u vehicle %u: not on a day or with the vehicle of its line %u, "
                         "or the line's second route that day",
                         r->day + 1, r->vehicle + 1, k + 1);
            break;
        }
        ran[k] |= UINT32_C(1) << r->day;
        if (!first[k]) {
            first[k] = i + 1;
            vrp_timeline tl;
            arrivals(p, s, r, ln->start, arr, vt, &tl);
            if (tl.late != UINT32_MAX) {
                const vrp_node *nd = &p->nodes[r->stops[tl.late]];
                rc = err_set(e, ERR_INTERNAL,
                             "line %u: leaving at %lld it reaches stop %u at %lld, after it "
                             "closes at %d",
                             k + 1, (long long)ln->start, r->stops[tl.late],
                             (long long)vt[tl.late].arrival, (int)nd->close);
                break;
            }
            if (!tl.feasible) {
                rc = err_set(e, ERR_INTERNAL,
                             "line %u: leaving at %lld it breaks its vehicle's start, capacity, "
                             "shift or range",
                             k + 1, (long long)ln->start);
                break;
            }
            for (uint32_t q = 0; q < r->n_stops; q++) {
                uint32_t c = r->stops[q];
                if (lp->same_van && veh[c] != UINT32_MAX && veh[c] != r->vehicle) {
                    rc = err_set(e, ERR_INTERNAL, "stop %u: on lines of vehicles %u and %u", c,
                                 veh[c] + 1, r->vehicle + 1);
                    break;
                }
                veh[c] = r->vehicle;
                n_lines_of[c]++;
                lo[c] = arr[q] < lo[c] ? arr[q] : lo[c];
                hi[c] = arr[q] > hi[c] ? arr[q] : hi[c];
            }
            continue;
        }
        const vrp_route *f = &s->routes[first[k] - 1];
        bool same = f->n_stops == r->n_stops;
        for (uint32_t q = 0; same && q < r->n_stops; q++)
            same = f->stops[q] == r->stops[q];
        if (!same)
            rc = err_set(e, ERR_INTERNAL, "line %u: day %u and day %u visit different stops", k + 1,
                         f->day + 1, r->day + 1);
    }
    for (uint32_t k = 0; rc == ERR_OK && k < l->n_lines; k++)
        if (ran[k] != l->lines[k].days)
            rc = err_set(e, ERR_INTERNAL, "line %u: does not run on each of its days", k + 1);
    for (uint32_t i = p->n_depots; rc == ERR_OK && i < p->n_nodes; i++) {
        if (!n_lines_of[i])
            continue;
        /* one line per day-set of its pattern: a stop on one day-set (a village) has one
         * line, so one vehicle and one arrival time */
        uint32_t sets = 0;
        for (uint32_t j = 0; j < lp->n_sets; j++)
            sets += (s->pattern[i] & lp->sets[j]) != 0;
        if (n_lines_of[i] != sets)
            rc = err_set(e, ERR_INTERNAL, "stop %u: on %u lines for %u day-sets", i, n_lines_of[i],
                         sets);
        else if (lp->max_spread && lp->max_spread[i] >= 0 && hi[i] - lo[i] > lp->max_spread[i])
            rc = err_set(e, ERR_INTERNAL, "stop %u: arrival times %lld apart, more than %d", i,
                         (long long)(hi[i] - lo[i]), (int)lp->max_spread[i]);
    }
    free(first);
    free(ran);
    free(veh);
    free(n_lines_of);
    free(lo);
    free(hi);
    free(arr);
    free(vt);
    return rc;
}
