/* export.c — benchmark driver for the exports: a synthetic week (V vans × D days × S stops per
 * route, road points per leg) over a real map's road background, timed through export_plan.
 * usage: build/bench/export OSM_FILE OUT_DIR [VANS DAYS STOPS] SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/export/export.h"
#include "maps/roads.h"
#include "util/clock.h"
#include "util/mem.h"

static long file_kib(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)(st.st_size / 1024) : -1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s OSM_FILE OUT_DIR [VANS DAYS STOPS]\n", argv[0]);
        return 2;
    }
    size_t vans = argc > 3 ? strtoul(argv[3], NULL, 10) : 20;
    uint32_t days = argc > 4 ? (uint32_t)strtoul(argv[4], NULL, 10) : 6;
    size_t per = argc > 5 ? strtoul(argv[5], NULL, 10) : 25;
    const size_t leg_pts = 40;
    err e = {0};
    double t0 = clock_now();
    roads_params rp;
    roads_params_init(&rp);
    roads *r = roads_load(argv[1], &rp, NULL, &e);
    if (!r) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    double *ll = NULL;
    size_t *first = NULL, n_lines = 0;
    roads_polylines(r, 15.0, &ll, &first, &n_lines, &e);
    double t_roads = clock_now() - t0;
    /* Stops on a grid inside the map's extent of road points. */
    double lo0 = 1e9, lo1 = -1e9, la0 = 1e9, la1 = -1e9;
    for (size_t i = 0; i < first[n_lines]; i++) {
        lo0 = ll[2 * i] < lo0 ? ll[2 * i] : lo0;
        lo1 = ll[2 * i] > lo1 ? ll[2 * i] : lo1;
        la0 = ll[2 * i + 1] < la0 ? ll[2 * i + 1] : la0;
        la1 = ll[2 * i + 1] > la1 ? ll[2 * i + 1] : la1;
    }
    plan *p = xcalloc(1, sizeof *p);
    p->scenario = xstrdup("bench 基准");
    p->map_path = xstrdup(argv[1]);
    p->timezone = xstrdup("Asia/Shanghai");
    p->utc_offset = xstrdup("+08:00");
    p->week_start = xstrdup("2026-11-30");
    p->n_days = days;
    p->day_names = xcalloc(days, sizeof *p->day_names);
    for (uint32_t d = 0; d < days; d++) {
        char b[32];
        snprintf(b, sizeof b, "d%u", d);
        p->day_names[d] = xstrdup(b);
    }
    p->n_carriers = 4;
    p->carriers = xcalloc(4, sizeof *p->carriers);
    const char *cn[] = {"中通", "圆通", "申通", "邮政"};
    for (int c = 0; c < 4; c++)
        p->carriers[c] = xstrdup(cn[c]);
    p->n_stops = 1 + vans * per;
    p->stops = xcalloc(p->n_stops, sizeof *p->stops);
    for (size_t i = 0; i < p->n_stops; i++) {
        plan_stop *s = &p->stops[i];
        char b[32];
        snprintf(b, sizeof b, "S%zu", i);
        s->id = xstrdup(b);
        snprintf(b, sizeof b, "%zu村", i);
        s->name = xstrdup(i ? b : "网点");
        s->code = xstrdup("");
        s->township = xstrdup("");
        s->kind = i ? PLAN_VILLAGE : PLAN_DEPOT;
        s->lon = lo0 + (lo1 - lo0) * (double)((i * 7919) % 1000) / 1000;
        s->lat = la0 + (la1 - la0) * (double)((i * 104729) % 1000) / 1000;
        s->days = (1u << days) - 1;
        s->freq = days;
        s->demand = xcalloc(4, sizeof *s->demand);
        for (int c = 0; c < 4; c++)
            s->demand[c] = (int32_t)((i + (size_t)c) % 5);
    }
    p->n_vehicles = vans;
    p->vehicles = xcalloc(vans, sizeof *p->vehicles);
    for (size_t v = 0; v < vans; v++) {
        char b[32];
        snprintf(b, sizeof b, "van%02zu", v + 1);
        p->vehicles[v].id = xstrdup(b);
        p->vehicles[v].shift_s = 8 * 3600;
    }
    p->n_routes = vans * days;
    p->routes = xcalloc(p->n_routes, sizeof *p->routes);
    for (size_t k = 0; k < p->n_routes; k++) {
        plan_route *rt = &p->routes[k];
        rt->day = (uint32_t)(k / vans);
        rt->vehicle = (uint32_t)(k % vans);
        rt->start_s = 8 * 3600;
        rt->n_visits = per;
        rt->visits = xcalloc(per, sizeof *rt->visits);
        rt->n_points = (per + 1) * leg_pts + 1;
        rt->lonlat = xcalloc(2 * rt->n_points, sizeof *rt->lonlat);
        for (size_t i = 0; i < per; i++) {
            plan_visit *vi = &rt->visits[i];
            vi->stop = (uint32_t)(1 + rt->vehicle * per + i);
            vi->arrival_s = rt->start_s + (int32_t)(i + 1) * 900;
            vi->departure_s = vi->arrival_s + 300;
            vi->parcels = xcalloc(4, sizeof *vi->parcels);
            memcpy(vi->parcels, p->stops[vi->stop].demand, 4 * sizeof *vi->parcels);
            vi->leg_m = 2500;
        }
        for (size_t q = 0; q < rt->n_points; q++) {
            size_t leg = q / leg_pts < per + 1 ? q / leg_pts : per;
            const plan_stop *a = &p->stops[leg == 0 ? 0 : rt->visits[leg - 1].stop];
            const plan_stop *b = &p->stops[leg == per ? 0 : rt->visits[leg].stop];
            double f = (double)(q % leg_pts) / leg_pts;
            rt->lonlat[2 * q] = a->lon + (b->lon - a->lon) * f;
            rt->lonlat[2 * q + 1] = a->lat + (b->lat - a->lat) * f;
        }
        rt->dist_m = (int32_t)(per + 1) * 2500;
        rt->end_s = rt->start_s + (int32_t)(per + 1) * 900;
    }
    export_opts o;
    export_opts_init(&o);
    o.road_lonlat = ll;
    o.road_first = first;
    o.road_n_lines = n_lines;
    double t1 = clock_now();
    err_code rc = export_plan(p, &o, argv[2], &e);
    double t_export = clock_now() - t1;
    if (rc) {
        fprintf(stderr, "%s\n", e.msg);
    } else {
        char path[4096];
        printf("routes %zu stops %zu road_lines %zu\n", p->n_routes, p->n_stops, n_lines);
        printf("map_load_and_polylines_s %.2f\nexport_s %.3f\n", t_roads, t_export);
        snprintf(path, sizeof path, "%s/map.html", argv[2]);
        printf("map_html_kib %ld\n", file_kib(path));
        snprintf(path, sizeof path, "%s/plan.geojson", argv[2]);
        printf("plan_geojson_kib %ld\n", file_kib(path));
        printf("peak_rss_kib %ld\n", clock_peak_rss_kib());
    }
    plan_free(p);
    free(ll);
    free(first);
    roads_free(r);
    return rc ? 1 : 0;
}
