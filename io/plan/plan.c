/* plan.c — ownership of the plan structure, the names of stop kinds and days, and the plan's
 * consistency check (plan_check).
 * SPDX-License-Identifier: MIT */
#include "io/plan/plan.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void plan_free(plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_stops; i++) {
        plan_stop *s = &p->stops[i];
        free(s->id);
        free(s->code);
        free(s->name);
        free(s->township);
        free(s->demand);
        free(s->week);
        free(s->pickup);
        free(s->problem);
    }
    free(p->stops);
    for (size_t i = 0; i < p->n_vehicles; i++) {
        free(p->vehicles[i].id);
        free(p->vehicles[i].driver);
    }
    free(p->vehicles);
    for (size_t i = 0; i < p->n_routes; i++) {
        plan_route *r = &p->routes[i];
        for (size_t k = 0; k < r->n_visits; k++) {
            free(r->visits[k].parcels);
            free(r->visits[k].pickup);
        }
        free(r->visits);
        free(r->lonlat);
    }
    free(p->routes);
    free(p->lines);
    for (size_t i = 0; i < p->n_bus_runs; i++) {
        plan_bus_run *b = &p->bus_runs[i];
        for (size_t k = 0; k < b->n_drops; k++)
            free(b->drops[k].parcels);
        free(b->drops);
        free(b->lonlat);
        free(b->line);
    }
    free(p->bus_runs);
    for (uint32_t d = 0; d < p->n_days; d++)
        free(p->day_names[d]);
    free(p->day_names);
    for (uint32_t c = 0; c < p->n_carriers; c++)
        free(p->carriers[c]);
    free(p->carriers);
    free(p->scenario);
    free(p->map_path);
    free(p->timezone);
    free(p->utc_offset);
    free(p->week_start);
    free(p->spread_seed);
    free(p->spread_cost);
    free(p);
}

/* ---- names ------------------------------------------------------------------------------ */

static const char *const kind_names[] = {"depot", "township", "village"};

const char *plan_kind_name(plan_kind k)
{
    assert((unsigned)k < sizeof kind_names / sizeof *kind_names);
    return kind_names[k];
}

bool plan_kind_parse(const char *s, plan_kind *k)
{
    for (unsigned i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
        if (!strcmp(s, kind_names[i])) {
            *k = (plan_kind)i;
            return true;
        }
    return false;
}

const char *plan_days_text(const plan *p, uint32_t mask, const char *none, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (uint32_t d = 0; d < p->n_days && d < 32; d++) {
        if (!(mask & (UINT32_C(1) << d)))
            continue;
        int w = snprintf(buf + n, size - n, "%s%s", n ? "+" : "", p->day_names[d]);
        if (w < 0 || (size_t)w >= size - n) /* cut: snprintf ended it at the last byte */
            return buf;
        n += (size_t)w;
    }
    if (n == 0)
        snprintf(buf, size, "%s", none);
    return buf;
}

unsigned plan_days_count(uint32_t mask)
{
    unsigned n = 0;
    for (; mask; mask &= mask - 1)
        n++;
    return n;
}

/* ---- plan_check -------------------------------------------------------------------------- */

/* "08:05" for 29100 seconds after midnight; hours go past 24 on a long day. */
static const char *clock_text(char *buf, size_t size, int64_t s)
{
    if (s < 0)
        snprintf(buf, size, "-%lld s", (long long)-s);
    else
        snprintf(buf, size, "%02lld:%02lld", (long long)(s / 3600), (long long)(s / 60 % 60));
    return buf;
}

/* Everything check_route needs besides the plan: which route (1-based) visits each stop on
 * each day, and which route each vehicle drives on each day, so repeats name both routes. */
typedef struct seen {
    size_t *stop_day; /* [n_stops * n_days] route index + 1, 0 = none */
    size_t *veh_day;  /* [n_vehicles * n_days] route index + 1, 0 = none */
    uint32_t *days;   /* [n_stops] mask of days its routes visit it */
} seen;

static err_code check_route(const plan *p, size_t i, seen *sn, err *e)
{
    const plan_route *r = &p->routes[i];
    if (r->day >= p->n_days)
        return err_set(e, ERR_PARSE, "route %zu: day %" PRIu32 " of %" PRIu32, i + 1, r->day,
                       p->n_days);
    if (r->vehicle >= p->n_vehicles)
        return err_set(e, ERR_PARSE, "route %zu: vehicle %" PRIu32 " of %zu", i + 1, r->vehicle,
                       p->n_vehicles);
    if (r->n_visits && !r->visits)
        return err_set(e, ERR_PARSE, "route %zu: visits missing", i + 1);
    const plan_vehicle *v = &p->vehicles[r->vehicle];
    char lab[200], t1[32], t2[32], t3[32];
    snprintf(lab, sizeof lab, "route %zu (%s, %s)", i + 1, p->day_names[r->day], v->id);
    size_t *vd = &sn->veh_day[(size_t)r->vehicle * p->n_days + r->day];
    if (*vd)
        return err_set(e, ERR_PARSE, "%s: vehicle '%s' twice on %s (routes %zu and %zu)", lab,
                       v->id, p->day_names[r->day], *vd, i + 1);
    *vd = i + 1;

    int64_t loaded = 0;
    for (size_t k = 0; k < r->n_visits; k++) {
        const plan_visit *vi = &r->visits[k];
        if (vi->stop >= p->n_stops)
            return err_set(e, ERR_PARSE, "%s: visit %zu: stop %" PRIu32 " of %zu", lab, k + 1,
                           vi->stop, p->n_stops);
        if (p->n_carriers && !vi->parcels)
            return err_set(e, ERR_PARSE, "%s: visit %zu: parcels missing", lab, k + 1);
        for (uint32_t c = 0; c < p->n_carriers; c++) {
            if (vi->parcels[c] < 0)
                return err_set(e, ERR_PARSE, "%s: visit %zu: %" PRId32 " parcels of %s", lab, k + 1,
                               vi->parcels[c], p->carriers[c]);
            loaded += vi->parcels[c];
            if (vi->pickup && vi->pickup[c] < 0)
                return err_set(e, ERR_PARSE, "%s: visit %zu: %" PRId32 " outbound parcels of %s",
                               lab, k + 1, vi->pickup[c], p->carriers[c]);
        }
    }
    if (loaded > v->capacity)
        return err_set(e, ERR_PARSE,
                       "%s: loads %lld parcels, more than van '%s' holds (capacity %" PRId32 ")",
                       lab, (long long)loaded, v->id, v->capacity);

    if (v->start_s >= 0 && r->start_s < v->start_s)
        return err_set(e, ERR_PARSE, "%s: leaves the depot at %s, before van '%s' starts at %s",
                       lab, clock_text(t1, sizeof t1, r->start_s), v->id,
                       clock_text(t2, sizeof t2, v->start_s));
    int64_t t = r->start_s, load = loaded, metres = 0;
    const char *prev = p->stops[v->depot].id;
    for (size_t k = 0; k < r->n_visits; k++) {
        const plan_visit *vi = &r->visits[k];
        const plan_stop *s = &p->stops[vi->stop];
        if (s->kind == PLAN_DEPOT)
            return err_set(e, ERR_PARSE, "%s: visit %zu is the depot '%s' %s", lab, k + 1, s->id,
                           s->name);
        size_t *sd = &sn->stop_day[(size_t)vi->stop * p->n_days + r->day];
        if (*sd == i + 1)
            return err_set(e, ERR_PARSE, "%s: visits '%s' %s twice", lab, s->id, s->name);
        if (*sd)
            return err_set(e, ERR_PARSE, "%s: visits '%s' %s, which route %zu visits on %s too",
                           lab, s->id, s->name, *sd, p->day_names[r->day]);
        *sd = i + 1;
        sn->days[vi->stop] |= 1u << r->day;
        if (vi->leg_s < 0 || vi->leg_m < 0)
            return err_set(e, ERR_PARSE, "%s: the leg to '%s' %s is %" PRId32 " s, %" PRId32 " m",
                           lab, s->id, s->name, vi->leg_s, vi->leg_m);
        if (vi->arrival_s < t + vi->leg_s)
            return err_set(e, ERR_PARSE,
                           "%s: arrives at '%s' %s at %s, but leaving '%s' at %s it cannot be "
                           "there before %s",
                           lab, s->id, s->name, clock_text(t1, sizeof t1, vi->arrival_s), prev,
                           clock_text(t2, sizeof t2, t), clock_text(t3, sizeof t3, t + vi->leg_s));
        if (vi->departure_s < vi->arrival_s)
            return err_set(e, ERR_PARSE, "%s: leaves '%s' %s at %s, before it arrives at %s", lab,
                           s->id, s->name, clock_text(t1, sizeof t1, vi->departure_s),
                           clock_text(t2, sizeof t2, vi->arrival_s));
        if (s->has_window && vi->arrival_s > s->close_s)
            return err_set(e, ERR_PARSE, "%s: arrives at '%s' %s at %s, after it closes at %s", lab,
                           s->id, s->name, clock_text(t1, sizeof t1, vi->arrival_s),
                           clock_text(t2, sizeof t2, s->close_s));
        if (s->has_window && vi->departure_s < s->open_s)
            return err_set(e, ERR_PARSE, "%s: leaves '%s' %s at %s, before it opens at %s", lab,
                           s->id, s->name, clock_text(t1, sizeof t1, vi->departure_s),
                           clock_text(t2, sizeof t2, s->open_s));
        int64_t picked = 0;
        for (uint32_t c = 0; c < p->n_carriers; c++) {
            load -= vi->parcels[c];
            picked += vi->pickup ? vi->pickup[c] : 0;
        }
        load += picked;
        if (vi->load_after != load)
            return err_set(e, ERR_PARSE,
                           "%s: %" PRId32 " parcels on board after '%s' %s, but the parcels "
                           "of its visits leave %lld",
                           lab, vi->load_after, s->id, s->name, (long long)load);
        if (load > v->capacity) /* outbound parcels collected on the way */
            return err_set(e, ERR_PARSE,
                           "%s: %lld parcels on board after collecting %lld at '%s' %s, more "
                           "than van '%s' holds (capacity %" PRId32 ")",
                           lab, (long long)load, (long long)picked, s->id, s->name, v->id,
                           v->capacity);
        metres += vi->leg_m;
        t = vi->departure_s;
        prev = s->id;
    }
    if (r->return_s < 0 || r->return_m < 0)
        return err_set(e, ERR_PARSE,
                       "%s: the leg back to the depot is %" PRId32 " s, %" PRId32 " m", lab,
                       r->return_s, r->return_m);
    if (r->end_s < t + r->return_s)
        return err_set(e, ERR_PARSE,
                       "%s: back at the depot at %s, but leaving '%s' at %s it cannot be there "
                       "before %s",
                       lab, clock_text(t1, sizeof t1, r->end_s), prev, clock_text(t2, sizeof t2, t),
                       clock_text(t3, sizeof t3, t + r->return_s));
    if (v->shift_s > 0 && (int64_t)r->end_s - r->start_s > v->shift_s)
        return err_set(e, ERR_PARSE, "%s: %s to %s is longer than the shift of van '%s' (%.1f h)",
                       lab, clock_text(t1, sizeof t1, r->start_s),
                       clock_text(t2, sizeof t2, r->end_s), v->id, v->shift_s / 3600.0);
    metres += r->return_m;
    if (r->dist_m != metres)
        return err_set(e, ERR_PARSE, "%s: km_m is %" PRId32 " m, but its legs add up to %lld m",
                       lab, r->dist_m, (long long)metres);
    if (v->range_m > 0 && r->dist_m > v->range_m)
        return err_set(e, ERR_PARSE, "%s: drives %.1f km, beyond the range of van '%s' (%.1f km)",
                       lab, r->dist_m / 1000.0, v->id, v->range_m / 1000.0);
    return ERR_OK;
}

/* Each route on a line agrees with it, and the routes of each line are one route run on each
 * of its days. */
static err_code check_lines(const plan *p, err *e)
{
    if (!p->n_lines)
        return ERR_OK;
    if (!p->lines)
        return err_set(e, ERR_PARSE, "line array missing");
    uint32_t all = p->n_days >= 32 ? UINT32_MAX : (UINT32_C(1) << p->n_days) - 1;
    for (size_t l = 0; l < p->n_lines; l++) {
        const plan_line *ln = &p->lines[l];
        if (ln->vehicle >= p->n_vehicles)
            return err_set(e, ERR_PARSE, "line %zu: vehicle %" PRIu32 " of %zu", l + 1, ln->vehicle,
                           p->n_vehicles);
        if (!ln->days || (ln->days & ~all))
            return err_set(e, ERR_PARSE, "line %zu: its days are not days of the plan", l + 1);
    }
    size_t *first = xcalloc(p->n_lines, sizeof *first); /* route index + 1 of each line */
    uint32_t *ran = xcalloc(p->n_lines, sizeof *ran);   /* days its routes ran */
    err_code rc = ERR_OK;
    char t1[32], t2[32], b1[256], b2[256];
    for (size_t i = 0; rc == ERR_OK && i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        if (r->line >= p->n_lines) {
            rc = err_set(e, ERR_PARSE, "route %zu (%s, %s): line %" PRIu32 " of %zu", i + 1,
                         p->day_names[r->day], p->vehicles[r->vehicle].id, r->line, p->n_lines);
            break;
        }
        const plan_line *ln = &p->lines[r->line];
        char lab[200];
        snprintf(lab, sizeof lab, "route %zu (%s, %s) of line %" PRIu32, i + 1,
                 p->day_names[r->day], p->vehicles[r->vehicle].id, r->line + 1);
        if (!(ln->days >> r->day & 1))
            rc =
                err_set(e, ERR_PARSE, "%s: the line runs on %s, not on %s", lab,
                        plan_days_text(p, ln->days, "no day", b1, sizeof b1), p->day_names[r->day]);
        else if (r->vehicle != ln->vehicle)
            rc = err_set(e, ERR_PARSE, "%s: the line's van is '%s'", lab,
                         p->vehicles[ln->vehicle].id);
        else if (r->start_s != ln->start_s)
            rc = err_set(e, ERR_PARSE, "%s: leaves at %s, but the line leaves at %s", lab,
                         clock_text(t1, sizeof t1, r->start_s),
                         clock_text(t2, sizeof t2, ln->start_s));
        if (rc)
            break;
        ran[r->line] |= UINT32_C(1) << r->day;
        if (!first[r->line]) {
            first[r->line] = i + 1;
            continue;
        }
        /* the same stops in the same order at the same times as the line's first route */
        const plan_route *f = &p->routes[first[r->line] - 1];
        if (f->n_visits != r->n_visits) {
            rc = err_set(e, ERR_PARSE, "%s: %zu stops, but %zu on %s", lab, r->n_visits,
                         f->n_visits, p->day_names[f->day]);
            break;
        }
        for (size_t k = 0; k < r->n_visits; k++) {
            const plan_visit *a = &f->visits[k], *b = &r->visits[k];
            const plan_stop *s = &p->stops[b->stop];
            if (a->stop != b->stop) {
                rc = err_set(e, ERR_PARSE, "%s: stop %zu is '%s' %s, but '%s' %s on %s", lab, k + 1,
                             s->id, s->name, p->stops[a->stop].id, p->stops[a->stop].name,
                             p->day_names[f->day]);
                break;
            }
            if (a->arrival_s != b->arrival_s) {
                rc = err_set(e, ERR_PARSE, "%s: arrives at '%s' %s at %s, but at %s on %s", lab,
                             s->id, s->name, clock_text(t1, sizeof t1, b->arrival_s),
                             clock_text(t2, sizeof t2, a->arrival_s), p->day_names[f->day]);
                break;
            }
        }
    }
    for (size_t l = 0; rc == ERR_OK && l < p->n_lines; l++)
        if (ran[l] != p->lines[l].days)
            rc = err_set(e, ERR_PARSE, "line %zu (%s): runs on %s, but has routes on %s", l + 1,
                         p->vehicles[p->lines[l].vehicle].id,
                         plan_days_text(p, p->lines[l].days, "no day", b1, sizeof b1),
                         plan_days_text(p, ran[l], "no day", b2, sizeof b2));
    free(first);
    free(ran);
    return rc;
}

/* The rules of p->consistency: lines, one van per stop, spreads of arrival times. */
static err_code check_consistency(const plan *p, err *e)
{
    const plan_consistency *c = &p->consistency;
    if (c->lines && p->n_routes && !p->n_lines)
        return err_set(e, ERR_PARSE, "the plan was made in lines mode, but has no lines");
    size_t n = p->n_stops ? p->n_stops : 1;
    uint32_t *van = xmallocarray(n, sizeof *van);
    int32_t *lo = xmallocarray(n, sizeof *lo), *hi = xmallocarray(n, sizeof *hi);
    for (size_t i = 0; i < p->n_stops; i++) {
        van[i] = UINT32_MAX;
        lo[i] = INT32_MAX;
        hi[i] = INT32_MIN;
    }
    err_code rc = ERR_OK;
    char t1[32], t2[32];
    for (size_t i = 0; rc == ERR_OK && i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        for (size_t k = 0; k < r->n_visits; k++) {
            const plan_visit *v = &r->visits[k];
            const plan_stop *s = &p->stops[v->stop];
            if (c->same_van && van[v->stop] != UINT32_MAX && van[v->stop] != r->vehicle) {
                rc = err_set(e, ERR_PARSE,
                             "stop '%s' %s: served by van '%s' and by van '%s' (route %zu, %s), "
                             "but each stop keeps one van",
                             s->id, s->name, p->vehicles[van[v->stop]].id,
                             p->vehicles[r->vehicle].id, i + 1, p->day_names[r->day]);
                break;
            }
            van[v->stop] = r->vehicle;
            lo[v->stop] = v->arrival_s < lo[v->stop] ? v->arrival_s : lo[v->stop];
            hi[v->stop] = v->arrival_s > hi[v->stop] ? v->arrival_s : hi[v->stop];
        }
    }
    for (size_t i = 0; rc == ERR_OK && i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        int32_t max = s->kind == PLAN_TOWNSHIP  ? c->township_spread_s
                      : s->kind == PLAN_VILLAGE ? c->village_spread_s
                                                : -1;
        if (max < 0 || lo[i] > hi[i] || (int64_t)hi[i] - lo[i] <= max)
            continue;
        rc = err_set(e, ERR_PARSE,
                     "%s '%s' %s: arrivals between %s and %s, %.1f min apart, more than the "
                     "%.1f min allowed",
                     plan_kind_name(s->kind), s->id, s->name, clock_text(t1, sizeof t1, lo[i]),
                     clock_text(t2, sizeof t2, hi[i]), ((double)hi[i] - lo[i]) / 60.0, max / 60.0);
    }
    free(van);
    free(lo);
    free(hi);
    return rc;
}

/* The bus runs: in range, within capacity, and no stop served twice on a day (sn holds the
 * van routes' visits; the runs' days are added to sn->days). */
static err_code check_bus_runs(const plan *p, seen *sn, err *e)
{
    if (p->n_bus_runs && !p->bus_runs)
        return err_set(e, ERR_PARSE, "bus run array missing");
    for (size_t i = 0; i < p->n_bus_runs; i++) {
        const plan_bus_run *b = &p->bus_runs[i];
        if (!b->line || b->day >= p->n_days || b->loading >= p->n_stops ||
            p->stops[b->loading].kind != PLAN_DEPOT || (b->n_drops && !b->drops))
            return err_set(e, ERR_PARSE, "bus run %zu: line, day or loading depot out of range",
                           i + 1);
        int64_t load = 0;
        for (size_t k = 0; k < b->n_drops; k++) {
            const plan_bus_drop *dr = &b->drops[k];
            if (dr->stop >= p->n_stops || p->stops[dr->stop].kind == PLAN_DEPOT ||
                (p->n_carriers && !dr->parcels))
                return err_set(e, ERR_PARSE, "bus run %zu (%s, %s): drop %zu is not a stop", i + 1,
                               b->line, p->day_names[b->day], k + 1);
            const plan_stop *s = &p->stops[dr->stop];
            size_t *sd = &sn->stop_day[(size_t)dr->stop * p->n_days + b->day];
            if (*sd || (sn->days[dr->stop] >> b->day & 1))
                return err_set(e, ERR_PARSE,
                               "bus run %zu (%s, %s): stop '%s' %s also gets parcels from "
                               "another route or bus that day",
                               i + 1, b->line, p->day_names[b->day], s->id, s->name);
            *sd = SIZE_MAX;
            sn->days[dr->stop] |= 1u << b->day;
            for (uint32_t c = 0; c < p->n_carriers; c++) {
                if (dr->parcels[c] < 0)
                    return err_set(e, ERR_PARSE, "bus run %zu: negative parcels", i + 1);
                load += dr->parcels[c];
            }
        }
        if (load > b->capacity)
            return err_set(e, ERR_PARSE, "bus run %zu (%s, %s): %lld parcels, over its capacity %d",
                           i + 1, b->line, p->day_names[b->day], (long long)load, (int)b->capacity);
    }
    return ERR_OK;
}

err_code plan_check(const plan *p, err *e)
{
    if (!p)
        return err_set(e, ERR_PARSE, "plan: missing");
    if (p->n_days == 0 || p->n_days > 32 || !p->day_names)
        return err_set(e, ERR_PARSE, "%" PRIu32 " days (expected 1..32)", p->n_days);
    for (uint32_t d = 0; d < p->n_days; d++)
        if (!p->day_names[d])
            return err_set(e, ERR_PARSE, "day %" PRIu32 " has no name", d);
    if ((p->n_stops && !p->stops) || (p->n_vehicles && !p->vehicles) ||
        (p->n_routes && !p->routes) || (p->n_carriers && !p->carriers))
        return err_set(e, ERR_PARSE, "stop, vehicle, route or carrier array missing");
    for (size_t i = 0; i < p->n_stops; i++)
        if (!p->stops[i].id || !p->stops[i].name)
            return err_set(e, ERR_PARSE, "stop %zu: id or name missing", i);
    for (size_t v = 0; v < p->n_vehicles; v++) {
        if (!p->vehicles[v].id)
            return err_set(e, ERR_PARSE, "vehicle %zu: id missing", v);
        if (p->vehicles[v].depot >= p->n_stops)
            return err_set(e, ERR_PARSE, "vehicle '%s': depot %" PRIu32 " of %zu stops",
                           p->vehicles[v].id, p->vehicles[v].depot, p->n_stops);
    }
    seen sn = {
        .stop_day = xcalloc(p->n_stops * p->n_days + 1, sizeof *sn.stop_day),
        .veh_day = xcalloc(p->n_vehicles * p->n_days + 1, sizeof *sn.veh_day),
        .days = xcalloc(p->n_stops + 1, sizeof *sn.days),
    };
    err_code rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < p->n_routes; i++)
        rc = check_route(p, i, &sn, e);
    if (rc == ERR_OK)
        rc = check_bus_runs(p, &sn, e);
    for (size_t i = 0; rc == ERR_OK && i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        char b1[256], b2[256];
        if (s->kind == PLAN_DEPOT)
            continue;
        if (s->days != sn.days[i])
            rc = err_set(e, ERR_PARSE, "stop '%s' %s: served on %s, but its routes visit it on %s",
                         s->id, s->name, plan_days_text(p, s->days, "no day", b1, sizeof b1),
                         plan_days_text(p, sn.days[i], "no day", b2, sizeof b2));
        else if (!s->problem && plan_days_count(s->days) < s->freq)
            rc = err_set(e, ERR_PARSE,
                         "stop '%s' %s: served on %s (%u visits) but needs %" PRIu32
                         " a week, and no problem says why",
                         s->id, s->name, plan_days_text(p, s->days, "no day", b1, sizeof b1),
                         plan_days_count(s->days), s->freq);
    }
    if (rc == ERR_OK)
        rc = check_lines(p, e);
    if (rc == ERR_OK && p->has_consistency)
        rc = check_consistency(p, e);
    free(sn.stop_day);
    free(sn.veh_day);
    free(sn.days);
    return rc;
}
