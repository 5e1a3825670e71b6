/* sample_plan.c — a small hand-built plan for the output tests (see sample_plan.h).
 * SPDX-License-Identifier: MIT */
#include "tests/io/sample_plan.h"

#include <stdio.h>

#include "util/mem.h"

/* Variety on a small scale: a depot, a township, a village with a problem, two carriers,
 * two vehicles, two routes with geometry, UTF-8 names. */
plan *sample_plan(void)
{
    plan *p = xcalloc(1, sizeof *p);
    p->scenario = xstrdup("示例县 demo");
    p->map_path = xstrdup("maps/demo.osm.pbf");
    p->timezone = xstrdup("Asia/Shanghai");
    p->utc_offset = xstrdup("+08:00");
    p->week_start = xstrdup("2026-11-30");
    p->seed = 42;
    p->n_days = 6;
    p->day_names = xcalloc(6, sizeof *p->day_names);
    const char *dn[] = {"mon", "tue", "wed", "thu", "fri", "sat"};
    for (int d = 0; d < 6; d++)
        p->day_names[d] = xstrdup(dn[d]);
    p->n_carriers = 2;
    p->carriers = xcalloc(2, sizeof *p->carriers);
    p->carriers[0] = xstrdup("中通 ZTO");
    p->carriers[1] = xstrdup("邮政 EMS");
    p->n_stops = 4;
    p->stops = xcalloc(4, sizeof *p->stops);
    const char *names[] = {"县城分拨中心", "白鹤镇", "上岙村 \"quoted\"", "下洋村"};
    const plan_kind kinds[] = {PLAN_DEPOT, PLAN_TOWNSHIP, PLAN_VILLAGE, PLAN_VILLAGE};
    for (int i = 0; i < 4; i++) {
        plan_stop *s = &p->stops[i];
        char id[16];
        snprintf(id, sizeof id, "s%d", i);
        s->id = xstrdup(id);
        s->code = xstrdup(i ? "331082100201" : "");
        s->name = xstrdup(names[i]);
        s->township = xstrdup(i ? "白鹤镇" : "");
        s->kind = kinds[i];
        s->lon = 121.1234567 + 0.01 * i;
        s->lat = 28.7654321 - 0.01 * i;
        s->snap_m = i == 3 ? -1 : 12.5 * i;
        s->freq = kinds[i] == PLAN_DEPOT ? 0 : kinds[i] == PLAN_TOWNSHIP ? 5 : 3;
        s->days = i == 1 ? 0x1f : i == 2 ? 0x15 : 0;
        s->demand = xcalloc(2, sizeof *s->demand);
        s->demand[0] = 3 * i;
        s->demand[1] = i;
        s->problem = i == 3 ? xstrdup("not snapped: no road within 1000 m") : NULL;
    }
    p->n_vehicles = 2;
    p->vehicles = xcalloc(2, sizeof *p->vehicles);
    for (int v = 0; v < 2; v++) {
        p->vehicles[v].id = xstrdup(v ? "ev02" : "van01");
        p->vehicles[v].depot = 0;
        p->vehicles[v].capacity = 120 + v;
        p->vehicles[v].shift_s = 8 * 3600;
        p->vehicles[v].range_m = v ? 150000 : 0;
        p->vehicles[v].electric = v == 1;
        p->vehicles[v].cost_per_km = 1.25;
        p->vehicles[v].fixed_cost = 300;
    }
    p->n_routes = 2;
    p->routes = xcalloc(2, sizeof *p->routes);
    for (int r = 0; r < 2; r++) {
        plan_route *rt = &p->routes[r];
        rt->day = (uint32_t)(2 * r);
        rt->vehicle = (uint32_t)r;
        rt->start_s = 8 * 3600;
        rt->n_visits = 2;
        rt->visits = xcalloc(2, sizeof *rt->visits);
        for (int k = 0; k < 2; k++) {
            plan_visit *v = &rt->visits[k];
            v->stop = (uint32_t)(1 + k);
            v->arrival_s = rt->start_s + 600 * (k + 1);
            v->departure_s = v->arrival_s + 300;
            v->parcels = xcalloc(2, sizeof *v->parcels);
            v->parcels[0] = p->stops[v->stop].demand[0];
            v->parcels[1] = p->stops[v->stop].demand[1];
            v->load_after = 10 - 4 * k;
            v->leg_m = 5000 + k;
            v->leg_s = 600 - 300;
        }
        rt->return_m = 7000;
        rt->return_s = 700;
        rt->km_m = 5000 + 5001 + 7000;
        rt->end_s = rt->visits[1].departure_s + rt->return_s;
        rt->n_points = 3;
        rt->lonlat = xcalloc(6, sizeof *rt->lonlat);
        for (int k = 0; k < 3; k++) {
            rt->lonlat[2 * k] = 121.1 + 0.00012345678 * k;
            rt->lonlat[2 * k + 1] = 28.7 - 0.0001 * k;
        }
    }
    p->total_cost = 1234.56;
    return p;
}
