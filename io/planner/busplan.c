/* busplan.c — bus lines inside `jincun plan` (see busplan.h): points on the roads, leg times,
 * the week's runs, van or bus (solver/bus.h), the check (solver/buscheck.h) and the plan's bus
 * runs. SPDX-License-Identifier: MIT */
#include "io/planner/busplan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/scenario/buses.h"
#include "solver/bus.h"
#include "solver/buscheck.h"
#include "util/mem.h"

/* One line as the planner sees it. */
typedef struct bline {
    int32_t *off;    /* [n_stops] seconds from the departure to each stop */
    uint32_t *nodes; /* [n_drop] VRP nodes where its runs may drop parcels, calling order */
    uint32_t *kof;   /* [n_drop] the line stop of each */
    uint32_t n_drop;
    double *lonlat; /* [2 * n_points] road path, first stop to last */
    size_t n_points;
} bline;

struct busplan {
    const scenario *sc;
    buses *bs;
    bline *ln; /* [bs->n_lines] */
    size_t n_runs;
    bus_run *runs;      /* [n_runs] by day, departure, line */
    uint32_t *run_line; /* [n_runs] line of each run */
    int32_t *arrive;    /* [n_runs * BUSES_MAX_STOPS] arrival per drop of each run */
    const vrp_problem *p;
    bus_plan *bp;
};

err_code busplan_load(const scenario *sc, busplan **out, err *e)
{
    *out = NULL;
    buses *bs = NULL;
    err_code rc = buses_load(sc, &bs, e);
    if (rc != ERR_OK || !bs)
        return rc;
    busplan *b = xcalloc(1, sizeof *b);
    b->sc = sc;
    b->bs = bs;
    b->ln = xcalloc(bs->n_lines, sizeof *b->ln);
    *out = b;
    return ERR_OK;
}

void busplan_free(busplan *b)
{
    if (!b)
        return;
    for (size_t l = 0; b->bs && l < b->bs->n_lines; l++) {
        free(b->ln[l].off);
        free(b->ln[l].nodes);
        free(b->ln[l].kof);
        free(b->ln[l].lonlat);
    }
    free(b->ln);
    free(b->runs);
    free(b->run_line);
    free(b->arrive);
    bus_plan_free(b->bp);
    buses_free(b->bs);
    free(b);
}

const char *busplan_path(const busplan *b)
{
    return b->bs->path;
}

size_t busplan_n_runs(const busplan *b)
{
    return b ? b->n_runs : 0;
}

size_t busplan_n_usable(const busplan *b)
{
    size_t n = 0;
    for (size_t k = 0; b && k < b->n_runs; k++)
        n += bus_run_usable(&b->runs[k]);
    return n;
}

/* Appends leg polyline ll[0..n) to the line's path, without repeating the shared point. */
static void append(bline *L, size_t *cap, const double *ll, size_t n)
{
    size_t skip = L->n_points && n && L->lonlat[2 * L->n_points - 2] == ll[0] &&
                  L->lonlat[2 * L->n_points - 1] == ll[1];
    if (L->n_points + n > *cap) {
        *cap = 2 * (L->n_points + n);
        L->lonlat = xreallocarray(L->lonlat, 2 * *cap, sizeof *L->lonlat);
    }
    memcpy(L->lonlat + 2 * L->n_points, ll + 2 * skip, 2 * (n - skip) * sizeof *ll);
    L->n_points += n - skip;
}

static int cmp_run(const void *a, const void *b, const busplan *B)
{
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    const bus_run *x = &B->runs[i], *y = &B->runs[j];
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->depart != y->depart)
        return x->depart < y->depart ? -1 : 1;
    if (B->run_line[i] != B->run_line[j])
        return B->run_line[i] < B->run_line[j] ? -1 : 1;
    return 0;
}

/* Stable insertion sort of the run order (a few hundred runs at most per scenario day). */
static void sort_runs(busplan *B)
{
    uint32_t *ord = xmallocarray(B->n_runs ? B->n_runs : 1, sizeof *ord);
    for (uint32_t k = 0; k < B->n_runs; k++)
        ord[k] = k;
    for (size_t i = 1; i < B->n_runs; i++)
        for (size_t j = i; j > 0 && cmp_run(&ord[j - 1], &ord[j], B) > 0; j--) {
            uint32_t t = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = t;
        }
    bus_run *runs = xmallocarray(B->n_runs ? B->n_runs : 1, sizeof *runs);
    uint32_t *line = xmallocarray(B->n_runs ? B->n_runs : 1, sizeof *line);
    int32_t *arr = xmallocarray(B->n_runs ? B->n_runs * BUSES_MAX_STOPS : 1, sizeof *arr);
    for (size_t i = 0; i < B->n_runs; i++) {
        runs[i] = B->runs[ord[i]];
        line[i] = B->run_line[ord[i]];
        memcpy(arr + i * BUSES_MAX_STOPS, B->arrive + (size_t)ord[i] * BUSES_MAX_STOPS,
               BUSES_MAX_STOPS * sizeof *arr);
        runs[i].arrive = arr + i * BUSES_MAX_STOPS;
    }
    free(B->runs);
    free(B->run_line);
    free(B->arrive);
    free(ord);
    B->runs = runs;
    B->run_line = line;
    B->arrive = arr;
}

err_code busplan_build(busplan *b, roads *rd, const roads_snap *snap, const uint32_t *stop_node,
                       double cost_scale, const logger *lg, err *e)
{
    const scenario *sc = b->sc;
    const buses *bs = b->bs;
    for (size_t l = 0; l < bs->n_lines; l++) {
        const buses_line *bl = &bs->lines[l];
        bline *L = &b->ln[l];
        /* the points of the line on the roads: a stop of stops.csv keeps its own snap */
        roads_snap *pt = xcalloc(bl->n_stops, sizeof *pt);
        for (size_t k = 0; k < bl->n_stops; k++) {
            const buses_stop *st = &bl->stops[k];
            if (st->stop != BUSES_NONE) {
                pt[k] = snap[st->stop];
                continue;
            }
            err_code rc = roads_snap_points(rd, 1, &st->lon, &st->lat, &pt[k], e);
            if (rc != ERR_OK) {
                free(pt);
                return rc;
            }
        }
        L->off = xcalloc(bl->n_stops, sizeof *L->off);
        size_t cap = 0;
        for (size_t k = 1; k < bl->n_stops; k++) {
            const buses_stop *a = &bl->stops[k - 1], *st = &bl->stops[k];
            roads_leg leg = {0};
            err le = {0};
            err_code rc = ERR_NOTFOUND;
            if (pt[k - 1].ok && pt[k].ok)
                rc = roads_leg_geometry(rd, &pt[k - 1], &pt[k], ROADS_CH, &leg, lg, &le);
            if (rc != ERR_OK && st->leg_s < 0) {
                char why[sizeof le.msg];
                snprintf(why, sizeof why, "%s",
                         !pt[k - 1].ok ? pt[k - 1].reason
                         : !pt[k].ok   ? pt[k].reason
                                       : le.msg);
                free(leg.lonlat);
                free(pt);
                return err_set(e, ERR_PARSE,
                               "%s:%zu: column 'minutes': empty, and the roads give no time from "
                               "'%s' to '%s' (%s); give the minutes",
                               bs->path, st->line, a->name, st->name, why);
            }
            L->off[k] = L->off[k - 1] + (st->leg_s >= 0 ? st->leg_s : leg.time_s);
            if (rc == ERR_OK && leg.n_pts) {
                append(L, &cap, leg.lonlat, leg.n_pts);
            } else { /* given minutes, no road: a straight line on the map */
                double ll[4] = {a->lon, a->lat, st->lon, st->lat};
                if (pt[k - 1].ok) {
                    ll[0] = pt[k - 1].lon;
                    ll[1] = pt[k - 1].lat;
                }
                if (pt[k].ok) {
                    ll[2] = pt[k].lon;
                    ll[3] = pt[k].lat;
                }
                append(L, &cap, ll, 2);
            }
            free(leg.lonlat);
        }
        free(pt);
        /* where its runs may drop parcels: townships and villages the solver serves */
        L->nodes = xcalloc(bl->n_stops, sizeof *L->nodes);
        L->kof = xcalloc(bl->n_stops, sizeof *L->kof);
        for (size_t k = 0; k < bl->n_stops; k++) {
            size_t s = bl->stops[k].stop;
            if (s == BUSES_NONE || sc->stops[s].kind == SCENARIO_DEPOT ||
                stop_node[s] == UINT32_MAX)
                continue;
            L->kof[L->n_drop] = (uint32_t)k;
            L->nodes[L->n_drop++] = stop_node[s];
        }
    }
    /* the week's runs */
    size_t n = buses_n_runs(bs);
    b->runs = xcalloc(n ? n : 1, sizeof *b->runs);
    b->run_line = xcalloc(n ? n : 1, sizeof *b->run_line);
    b->arrive = xcalloc(n ? n * BUSES_MAX_STOPS : 1, sizeof *b->arrive);
    for (size_t l = 0; l < bs->n_lines; l++) {
        const buses_line *bl = &bs->lines[l];
        const bline *L = &b->ln[l];
        for (uint32_t d = 0; d < sc->n_days; d++) {
            if (!(bl->days >> d & 1))
                continue;
            for (size_t j = 0; j < bl->n_departures; j++) {
                size_t k = b->n_runs++;
                int32_t *arr = b->arrive + k * BUSES_MAX_STOPS;
                for (uint32_t i = 0; i < L->n_drop; i++)
                    arr[i] = bl->departures[j] + L->off[L->kof[i]];
                b->run_line[k] = (uint32_t)l;
                b->runs[k] = (bus_run){
                    .day = d,
                    .n_stops = L->n_drop,
                    .stops = L->nodes,
                    .arrive = arr,
                    .capacity = bl->capacity,
                    .depart = bl->departures[j],
                    .ready = sc->shift_start_s,
                    .deadline = bl->deadline_s,
                    .fee_per_unit = llround(bl->fee_per_parcel * cost_scale),
                    .fee_per_drop = llround(bl->fee_per_bag * cost_scale),
                };
            }
        }
    }
    sort_runs(b);
    return ERR_OK;
}

err_code busplan_solve(busplan *b, const vrp_problem *p, const vrp_solution *vans, err *e)
{
    b->p = p;
    return bus_solve(p, b->runs, b->n_runs, vans, &b->bp, e);
}

const vrp_solution *busplan_vans(const busplan *b)
{
    return b->bp->vans;
}

const uint32_t *busplan_days(const busplan *b)
{
    return b->bp->pattern;
}

int64_t busplan_cost(const busplan *b)
{
    return b->bp->cost;
}

bool busplan_check(const busplan *b, const vrp_check_opts *o, vrp_check_report *r)
{
    return buscheck_plan(b->p, b->runs, b->n_runs, b->bp, o, r);
}

void busplan_fill(const busplan *b, plan *pl, const vrp_solution *vans, const uint32_t *node_stop,
                  double cost_scale)
{
    const scenario *sc = b->sc;
    /* the van-only figures */
    pl->has_van_only = true;
    pl->van_only.cost = (double)vans->cost / cost_scale;
    double km = 0, hours = 0, co2 = 0;
    for (size_t i = 0; i < vans->n_routes; i++) {
        const vrp_route *vr = &vans->routes[i];
        if (!vr->n_stops)
            continue;
        const scenario_vehicle *v = &sc->vehicles[vr->vehicle];
        double rkm = (double)vr->distance / 1000.0;
        km += rkm;
        hours += (double)vr->duration / 3600.0;
        co2 += rkm * v->use_per_100km / 100.0 * v->co2_per_unit;
    }
    pl->van_only.km = km;
    pl->van_only.hours = hours;
    pl->van_only.co2_kg = co2;
    /* the runs that carry parcels */
    const bus_plan *bp = b->bp;
    size_t n_used = 0;
    for (size_t k = 0, j = 0; k < b->n_runs; k++) {
        bool used = false;
        for (; j < bp->n_drops && bp->drops[j].run == k; j++)
            used = true;
        n_used += used;
    }
    pl->bus_runs = xcalloc(n_used ? n_used : 1, sizeof *pl->bus_runs);
    for (size_t k = 0, j = 0; k < b->n_runs; k++) {
        size_t first = j;
        while (j < bp->n_drops && bp->drops[j].run == k)
            j++;
        if (j == first)
            continue;
        const bus_run *run = &b->runs[k];
        const buses_line *bl = &b->bs->lines[b->run_line[k]];
        const bline *L = &b->ln[b->run_line[k]];
        plan_bus_run *pr = &pl->bus_runs[pl->n_bus_runs++];
        pr->line = xstrdup(bl->id);
        pr->day = run->day;
        pr->depart_s = run->depart;
        pr->loading = (uint32_t)bl->loading;
        pr->deadline_s = run->deadline;
        pr->capacity = run->capacity;
        pr->n_drops = j - first;
        pr->drops = xcalloc(pr->n_drops, sizeof *pr->drops);
        int64_t fee = 0;
        for (size_t i = first; i < j; i++) {
            uint32_t node = bp->drops[i].node;
            const scenario_stop *s = &sc->stops[node_stop[node]];
            plan_bus_drop *dr = &pr->drops[i - first];
            dr->stop = node_stop[node];
            for (uint32_t q = 0; q < run->n_stops; q++)
                if (run->stops[q] == node)
                    dr->arrival_s = run->arrive[q];
            dr->parcels = xcalloc(sc->n_carriers ? sc->n_carriers : 1, sizeof *dr->parcels);
            memcpy(dr->parcels, s->demand, sc->n_carriers * sizeof *dr->parcels);
            fee += bus_fee(run, s->demand_total);
        }
        pr->fee = (double)fee / cost_scale;
        pr->n_points = L->n_points;
        pr->lonlat = xmallocarray(L->n_points ? 2 * L->n_points : 1, sizeof *pr->lonlat);
        memcpy(pr->lonlat, L->lonlat, 2 * L->n_points * sizeof *pr->lonlat);
    }
}
