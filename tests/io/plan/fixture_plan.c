/* fixture_plan.c — the hand-built plan of the output tests (see fixture_plan.h).
 * SPDX-License-Identifier: MIT */
#include "tests/io/plan/fixture_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "io/export/export.h"
#include "tests/support.h"
#include "util/mem.h"

static void stop(plan_stop *s, const char *id, const char *name, plan_kind kind, double lon,
                 double lat, uint32_t freq, uint32_t days, int32_t d0, int32_t d1, int32_t d2)
{
    s->id = xstrdup(id);
    s->code = xstrdup("");
    s->name = xstrdup(name);
    s->township = xstrdup(kind == PLAN_VILLAGE ? "白水洋镇" : "");
    s->kind = kind;
    s->lon = lon;
    s->lat = lat;
    s->snap_m = 12.5;
    s->freq = freq;
    s->days = days;
    s->demand = xcalloc(3, sizeof *s->demand);
    s->demand[0] = d0;
    s->demand[1] = d1;
    s->demand[2] = d2;
}

/* Route through the given stops (indices into p->stops) with a zig-zag road geometry. */
static void route(plan *p, plan_route *r, uint32_t day, uint32_t veh, const uint32_t *seq, size_t n)
{
    r->day = day;
    r->vehicle = veh;
    r->start_s = 7 * 3600 + 30 * 60;
    r->n_visits = n;
    r->visits = xcalloc(n, sizeof *r->visits);
    size_t legs = n + 1;
    r->n_points = legs * FIXTURE_LEG_POINTS + 1;
    r->lonlat = xcalloc(2 * r->n_points, sizeof *r->lonlat);
    uint32_t depot = p->vehicles[veh].depot;
    int32_t t = r->start_s, load = 0;
    for (size_t k = 0; k < n; k++)
        for (int c = 0; c < 3; c++)
            load += p->stops[seq[k]].demand[c];
    size_t pt = 0;
    for (size_t leg = 0; leg < legs; leg++) {
        const plan_stop *a = &p->stops[leg == 0 ? depot : seq[leg - 1]];
        const plan_stop *b = &p->stops[leg == n ? depot : seq[leg]];
        for (int j = 0; j < FIXTURE_LEG_POINTS; j++) {
            double f = (double)j / FIXTURE_LEG_POINTS;
            double wiggle = (j % 2 ? 0.002 : -0.001) * (j > 0);
            r->lonlat[2 * pt] = a->lon + (b->lon - a->lon) * f + wiggle;
            r->lonlat[2 * pt + 1] = a->lat + (b->lat - a->lat) * f - wiggle;
            pt++;
        }
        int32_t leg_m = 3000 + 1000 * (int32_t)leg, leg_s = 300 + 60 * (int32_t)leg;
        r->dist_m += leg_m;
        t += leg_s;
        if (leg < n) {
            plan_visit *v = &r->visits[leg];
            v->stop = seq[leg];
            v->arrival_s = t;
            t += 600;
            v->departure_s = t;
            v->parcels = xcalloc(3, sizeof *v->parcels);
            for (int c = 0; c < 3; c++)
                v->parcels[c] = p->stops[seq[leg]].demand[c];
            load -= v->parcels[0] + v->parcels[1] + v->parcels[2];
            v->load_after = load;
            v->leg_m = leg_m;
            v->leg_s = leg_s;
        } else {
            r->return_m = leg_m;
            r->return_s = leg_s;
        }
    }
    r->lonlat[2 * pt] = p->stops[depot].lon;
    r->lonlat[2 * pt + 1] = p->stops[depot].lat;
    r->end_s = t;
}

plan *fixture_plan_new(void)
{
    plan *p = xcalloc(1, sizeof *p);
    p->scenario = xstrdup("临海 test <&>");
    p->map_path = xstrdup("");
    p->timezone = xstrdup("Asia/Shanghai");
    p->utc_offset = xstrdup("+08:00");
    p->week_start = xstrdup("2026-11-30");
    p->seed = 1;
    p->n_days = 2;
    p->day_names = xcalloc(2, sizeof *p->day_names);
    p->day_names[0] = xstrdup("mon");
    p->day_names[1] = xstrdup("tue/周二");
    p->n_carriers = 3;
    p->carriers = xcalloc(3, sizeof *p->carriers);
    p->carriers[0] = xstrdup("中通");
    p->carriers[1] = xstrdup("圆通");
    p->carriers[2] = xstrdup("邮政&EMS");
    p->n_stops = 5;
    p->stops = xcalloc(5, sizeof *p->stops);
    stop(&p->stops[0], "D1", "城关网点", PLAN_DEPOT, 121.10, 28.85, 0, 3, 0, 0, 0);
    stop(&p->stops[1], "V1", "下洋村", PLAN_VILLAGE, 121.15, 28.88, 2, 3, 3, 5, 0);
    stop(&p->stops[2], "T1", "<&>\"'镇", PLAN_TOWNSHIP, 121.20, 28.80, 1, 1, 10, 7, 2);
    stop(&p->stops[3], "V2", "上塘村", PLAN_VILLAGE, 121.05, 28.90, 2, 3, 0, 4, 1);
    /* Not served: no road near it. Seven decimals, as plan.json must keep them. */
    stop(&p->stops[4], "V3", "外岙村", PLAN_VILLAGE, 121.1234567, 28.7654321, 3, 0, 2, 0, 6);
    p->stops[4].snap_m = -1;
    free(p->stops[1].code);
    p->stops[1].code = xstrdup("331082100201"); /* 12-digit village code */
    p->stops[4].problem = xstrdup("not snapped: no road within 1000 m");
    p->n_vehicles = 2;
    p->vehicles = xcalloc(2, sizeof *p->vehicles);
    p->vehicles[0].id = xstrdup("van01");
    p->vehicles[0].driver = xstrdup("张三");
    p->vehicles[1].id = xstrdup("van<2>");
    p->vehicles[1].driver = xstrdup("李\"四\"");
    for (int v = 0; v < 2; v++) {
        p->vehicles[v].depot = 0;
        p->vehicles[v].capacity = 200;
        p->vehicles[v].shift_s = 8 * 3600;
        p->vehicles[v].cost_per_km = 1.2;
        p->vehicles[v].fixed_cost = 150;
    }
    p->vehicles[1].electric = true;
    p->vehicles[1].range_m = 150000;
    p->n_routes = 3;
    p->routes = xcalloc(3, sizeof *p->routes);
    route(p, &p->routes[0], 0, 0, (const uint32_t[]){1, 2}, 2);
    route(p, &p->routes[1], 0, 1, (const uint32_t[]){3}, 1);
    route(p, &p->routes[2], 1, 0, (const uint32_t[]){1, 3}, 2);
    p->total_cost = 512.25;
    return p;
}

plan *fixture_lines_plan_new(void)
{
    plan *p = fixture_plan_new();
    plan_route *r = &p->routes[2];
    for (size_t k = 0; k < r->n_visits; k++)
        free(r->visits[k].parcels);
    free(r->visits);
    free(r->lonlat);
    memset(r, 0, sizeof *r);
    route(p, r, 1, 0, (const uint32_t[]){1, 2}, 2);
    p->stops[2].days = 3; /* <&>"'镇 mon+tue */
    p->stops[3].freq = 1; /* 上塘村 mon only */
    p->stops[3].days = 1;
    p->n_lines = 2;
    p->lines = xcalloc(2, sizeof *p->lines);
    p->lines[0] = (plan_line){.vehicle = 0, .days = 3, .start_s = 7 * 3600 + 30 * 60};
    p->lines[1] = (plan_line){.vehicle = 1, .days = 1, .start_s = 7 * 3600 + 30 * 60};
    p->routes[0].line = 0;
    p->routes[1].line = 1;
    p->routes[2].line = 0;
    p->has_consistency = true;
    p->consistency = (plan_consistency){
        .lines = true, .same_van = true, .township_spread_s = 1800, .village_spread_s = 900};
    return p;
}

plan *fixture_bus_plan_new(void)
{
    plan *p = fixture_plan_new();
    p->stops[2].freq = 2; /* <&>"'镇: mon by van01, tue by the bus */
    p->stops[2].days = 3;
    p->n_bus_runs = 1;
    p->bus_runs = xcalloc(1, sizeof *p->bus_runs);
    plan_bus_run *b = &p->bus_runs[0];
    b->line = xstrdup("K101 县城—<&>\"'镇");
    b->day = 1;
    b->depart_s = 13 * 3600;
    b->loading = 0;
    b->deadline_s = 12 * 3600 + 30 * 60;
    b->capacity = 25;
    b->fee = 12.5;
    b->n_drops = 1;
    b->drops = xcalloc(1, sizeof *b->drops);
    b->drops[0].stop = 2;
    b->drops[0].arrival_s = 13 * 3600 + 40 * 60;
    b->drops[0].parcels = xcalloc(p->n_carriers, sizeof *b->drops[0].parcels);
    for (uint32_t c = 0; c < p->n_carriers; c++)
        b->drops[0].parcels[c] = p->stops[2].demand[c];
    b->n_points = 3;
    b->lonlat = xcalloc(6, sizeof *b->lonlat);
    double ll[6] = {121.10, 28.85, 121.15, 28.83, 121.20, 28.80};
    memcpy(b->lonlat, ll, sizeof ll);
    p->has_van_only = true;
    p->van_only = (plan_van_only){.cost = 420.5, .km = 88.25, .hours = 5.5, .co2_kg = 20.75};
    return p;
}

int fixture_sh(const char *cmd, char **out)
{
    char *dir = test_tmpdir();
    if (!dir)
        return -1;
    size_t n = strlen(cmd) + strlen(dir) + 64;
    char *full = xmalloc(n), *file = xmalloc(strlen(dir) + 8);
    sprintf(file, "%s/out", dir);
    snprintf(full, n, "( %s ) >'%s' 2>&1 </dev/null", cmd, file);
    int st = system(full);
    if (out)
        *out = test_slurp(file, NULL);
    test_rmtree(dir);
    free(dir);
    free(full);
    free(file);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

int fixture_have(const char *prog)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "command -v '%s' >/dev/null 2>&1", prog);
    return system(cmd) == 0;
}

char *fixture_export(const plan *p, const export_opts *o, err *e)
{
    char *dir = test_tmpdir();
    if (!dir) {
        err_set(e, ERR_IO, "no temporary directory");
        return NULL;
    }
    if (export_plan(p, o, dir, e) != ERR_OK) {
        test_rmtree(dir);
        free(dir);
        return NULL;
    }
    return dir;
}

char *fixture_route_file(const plan *p, const char *dir, const char *sub, size_t route,
                         const char *ext)
{
    char **days, **vehs;
    export_file_parts(p, &days, &vehs);
    const plan_route *r = &p->routes[route];
    size_t n = strlen(dir) + strlen(sub) + strlen(days[r->day]) + strlen(vehs[r->vehicle]) +
               strlen(ext) + 8;
    char *path = xmalloc(n);
    snprintf(path, n, "%s/%s/%s-%s.%s", dir, sub, days[r->day], vehs[r->vehicle], ext);
    for (uint32_t d = 0; d < p->n_days; d++)
        free(days[d]);
    for (size_t v = 0; v < p->n_vehicles; v++)
        free(vehs[v]);
    free(days);
    free(vehs);
    return path;
}

size_t fixture_lines(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}
