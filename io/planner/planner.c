/* planner.c — the `jincun plan` pipeline: scenario → roads → snap → matrices → vrp_problem →
 * diagnosis → vrp_solve → vrp_check → plan → outputs, written into a temporary folder and put in
 * place under the output folder's rules (io/text/outdir.h).
 * Costs go to the solver in micro-units of the scenario currency (integers, STYLE §2).
 * SPDX-License-Identifier: MIT */
#include "io/planner/planner.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/export/export.h"
#include "io/plan/plan.h"
#include "io/plan/planjson.h"
#include "io/planner/busplan.h"
#include "io/export/report.h"
#include "io/scenario/scenario.h"
#include "io/text/outdir.h"
#include "io/text/outfmt.h"
#include "maps/roads.h"
#include "solver/check.h"
#include "solver/linecheck.h"
#include "solver/lines.h"
#include "solver/lp.h"
#include "solver/solve.h"
#include "solver/vrp.h"
#include "util/clock.h"
#include "util/mem.h"
#include "util/path.h"
#include "util/sysmem.h"
#include "util/outfile.h"

#define COST_SCALE 1e6 /* solver cost unit = 1e-6 of the scenario currency */

void planner_opts_init(planner_opts *o)
{
    *o = (planner_opts){
        .time_limit_s = -1,
        .use_lp = true,
        .exports = true,
    };
}

/* Everything one run holds; freed by run_free. */
typedef struct run {
    const planner_opts *o;
    const logger *lg;
    scenario *sc;
    const char *map_path;
    uint64_t seed; /* this run's seed: --seed, else the scenario's [solver] seed */
    roads *rd;
    roads_snap *snap; /* [sc->n_stops] */
    char **problem;   /* [sc->n_stops] why a stop is not served, NULL if it is */
    /* the VRP: node k is scenario stop node_stop[k]; depots first */
    uint32_t n_nodes, n_depots;
    uint32_t *node_stop;  /* [n_nodes] */
    uint32_t *stop_node;  /* [sc->n_stops] node index or UINT32_MAX */
    int32_t *time, *dist; /* [n_nodes²] */
    vrp_node *nodes;
    int32_t *visit_demand; /* [n_nodes * n_days²] the nodes' visit_demand tables (weekly
                              volumes), NULL when no stop has one */
    vrp_vehicle *veh;
    vrp_problem prob;
    vrp_solution *sol; /* the vans' plan (with buses.csv: the van-only plan, see busplan) */
    busplan *bus;      /* buses.csv (free mode), NULL when the scenario has none */
    /* lines mode ([consistency] mode = lines) */
    vrp_lines_params lp;
    int32_t *max_spread;   /* [n_nodes] lp.max_spread */
    int32_t *veh_start;    /* [n_vehicles] lp.start */
    vrp_lines *lines;      /* the lines of sol (lines->sol is NULL: sol owns the routes) */
    double free_cost;      /* weekly cost of the same scenario in free mode, < 0 = not run */
    size_t n_spread;       /* seeds planned (--seeds N), 0 for one */
    uint64_t *spread_seed; /* [n_spread] */
    int64_t *spread_cost;  /* [n_spread] solver cost of each */
    bool time_stopped;     /* the time limit ended the search of some seed planned */
    plan *pl;
} run;

/* The van routes of the plan and the days node k is served (by van, or by bus with buses). */
static const vrp_solution *plan_vans(const run *r)
{
    return r->bus ? busplan_vans(r->bus) : r->sol;
}

static uint32_t served_days(const run *r, uint32_t k)
{
    return r->bus ? busplan_days(r->bus)[k] : r->sol->pattern[k];
}

static void run_free(run *r)
{
    plan_free(r->pl);
    busplan_free(r->bus);
    vrp_solution_free(r->sol);
    vrp_lines_free(r->lines);
    free(r->spread_seed);
    free(r->spread_cost);
    free(r->max_spread);
    free(r->veh_start);
    free(r->veh);
    free(r->nodes);
    free(r->visit_demand);
    free(r->time);
    free(r->dist);
    free(r->stop_node);
    free(r->node_stop);
    if (r->problem && r->sc)
        for (size_t i = 0; i < r->sc->n_stops; i++)
            free(r->problem[i]);
    free(r->problem);
    free(r->snap);
    roads_free(r->rd);
    scenario_free(r->sc);
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static bool interrupted(const run *r)
{
    return r->o->interrupted && *r->o->interrupted;
}

static err_code stop_if_interrupted(const run *r, err *e)
{
    if (interrupted(r))
        return err_set(e, ERR_INTERRUPTED, "interrupted; nothing written");
    return ERR_OK;
}

/* The files a plan writes besides the exports, as outdir shapes. */
#define PLANNER_N_OWN 7
static const char *const own_outputs[PLANNER_N_OWN] = {
    "summary.txt",       "routes.csv", "stops.csv",       "plan.json",
    PLANJSON_ROADS_FILE, "lines.csv",  "bus_handover.csv"};

typedef err_code (*file_writer)(const run *r, FILE *f, err *e);

static err_code write_file(const run *r, const char *dir, const char *name, file_writer w, err *e)
{
    char *path = path_join(dir, name);
    outfile *of = outfile_open(path, e);
    err_code rc = ERR_IO;
    if (of) {
        rc = w(r, outfile_fp(of), e);
        if (rc == ERR_OK)
            rc = outfile_commit(of, e);
        else
            outfile_abort(of);
    }
    free(path);
    return rc;
}

static void factors_of(const run *r, report_factors *f, double *use, double *co2, double *week)
{
    report_factors_init(f);
    f->currency = r->sc->currency;
    f->diesel_kg_co2_per_l = r->sc->co2_per_l_diesel;
    f->grid_kg_co2_per_kwh = r->sc->co2_per_kwh;
    for (size_t v = 0; v < r->sc->n_vehicles; v++) {
        use[v] = r->sc->vehicles[v].use_per_100km;
        co2[v] = r->sc->vehicles[v].co2_per_unit;
        week[v] = r->sc->vehicles[v].weekly_cost;
    }
    f->vehicle_use = use;
    f->vehicle_co2 = co2;
    f->free_cost = r->free_cost;
    f->vehicle_weekly = week;
    f->max_gap_h = r->sc->max_gap_h;
    f->max_gap_key = r->sc->max_gap_key;
    for (size_t i = 0; i < r->sc->n_stops; i++) {
        const scenario_stop *st = &r->sc->stops[i];
        f->n_from_gcj02 += st->has_point && st->crs == CHINACRS_GCJ02;
        f->n_from_bd09 += st->has_point && st->crs == CHINACRS_BD09;
    }
}

static err_code write_summary(const run *r, FILE *f, err *e)
{
    report_factors fa;
    size_t nv = r->sc->n_vehicles ? r->sc->n_vehicles : 1;
    double *use = xcalloc(nv, sizeof *use), *co2 = xcalloc(nv, sizeof *co2),
           *week = xcalloc(nv, sizeof *week);
    factors_of(r, &fa, use, co2, week);
    err_code rc = report_summary(r->pl, &fa, f, e);
    free(use);
    free(co2);
    free(week);
    return rc;
}

static err_code write_routes(const run *r, FILE *f, err *e)
{
    return report_routes_csv(r->pl, f, e);
}

static err_code write_stops(const run *r, FILE *f, err *e)
{
    return report_stops_csv(r->pl, f, e);
}

static err_code write_lines(const run *r, FILE *f, err *e)
{
    return report_lines_csv(r->pl, f, e);
}

static err_code write_bus(const run *r, FILE *f, err *e)
{
    return report_bus_csv(r->pl, f, e);
}

/* The map's roads, simplified, into roads.geojson (so `jincun export` can draw the same
 * background without the OSM file), and the GPX per vehicle and day, plan.geojson, map.html
 * (with those roads as background) and driver sheets, into the temporary folder with the rest.
 * The background is built once per plan. */
static err_code write_background_and_exports(run *r, const char *dir, err *e)
{
    double *lonlat = NULL;
    size_t *first = NULL, n_lines = 0;
    err_code rc =
        roads_polylines(r->rd, EXPORT_BACKGROUND_TOLERANCE_M, &lonlat, &first, &n_lines, e);
    if (rc != ERR_OK)
        return err_wrap(e, "map background");
    char *path = path_join(dir, PLANJSON_ROADS_FILE);
    rc = planjson_write_roads(path, lonlat, first, n_lines, e);
    free(path);
    if (rc == ERR_OK && r->o->exports) {
        export_opts eo;
        export_opts_init(&eo);
        eo.road_lonlat = lonlat;
        eo.road_first = first;
        eo.road_n_lines = n_lines;
        eo.log = r->lg;
        rc = export_plan(r->pl, &eo, dir, e);
    }
    free(lonlat);
    free(first);
    return rc;
}

/* Writes every output into the output folder's temporary folder, then puts them in place
 * (io/text/outdir.h): nothing of them is visible before all are written. */
static err_code write_outputs(run *r, outdir *od, err *e)
{
    const char *tmp = outdir_begin(od, e);
    if (!tmp)
        return ERR_IO;
    err_code rc = write_file(r, tmp, "summary.txt", write_summary, e);
    if (rc == ERR_OK)
        rc = write_file(r, tmp, "routes.csv", write_routes, e);
    if (rc == ERR_OK)
        rc = write_file(r, tmp, "stops.csv", write_stops, e);
    if (rc == ERR_OK && r->pl->n_lines)
        rc = write_file(r, tmp, "lines.csv", write_lines, e);
    if (rc == ERR_OK && r->pl->n_bus_runs) /* the conductors' list, when a bus takes parcels */
        rc = write_file(r, tmp, "bus_handover.csv", write_bus, e);
    if (rc == ERR_OK) {
        char *pj = path_join(tmp, "plan.json");
        rc = planjson_write(r->pl, pj, e);
        free(pj);
    }
    if (rc == ERR_OK)
        rc = write_background_and_exports(r, tmp, e);
    if (rc == ERR_OK)
        rc = stop_if_interrupted(r, e); /* the last chance: outdir_commit does not stop */
    if (rc == ERR_OK)
        rc = outdir_commit(od, e);
    return rc;
}

/* ---- pipeline steps ---------------------------------------------------------------------- */

/* Stops the run before the big allocations when they would not fit in memory: the time and
 * distance matrices over n points (int32 each) and, once the map is read, the contraction
 * hierarchy and its searches, about PLANNER_CH_BYTES per graph node. */
#define PLANNER_CH_BYTES 1024 /* maps_bench peaked at 959 MiB on a 976,455-node graph */
static err_code check_memory(size_t n, uint32_t graph_nodes, err *e)
{
    uint64_t need = sysmem_mul(sysmem_mul(n, n), 2 * sizeof(int32_t));
    need += sysmem_mul(graph_nodes, PLANNER_CH_BYTES);
    char what[160];
    if (graph_nodes)
        snprintf(what, sizeof what,
                 "%zu stops on a road graph of %u nodes: the %zu x %zu travel matrices and the "
                 "road hierarchy",
                 n, graph_nodes, n, n);
    else
        snprintf(what, sizeof what, "%zu stops: the %zu x %zu travel matrices", n, n, n);
    return sysmem_check(need, what, e);
}

static err_code load_scenario(run *r, const char *dir, err *e)
{
    scenario_opts so;
    scenario_opts_init(&so);
    if (r->o->map_path)
        so.need_map = false;
    err_code rc = scenario_load_opts(dir, &so, &r->sc, e);
    if (rc != ERR_OK)
        return rc;
    r->seed = r->o->seed_set ? r->o->seed : r->sc->seed; /* the one place of this rule */
    rc = scenario_require_points(r->sc, e);
    if (rc != ERR_OK)
        return rc;
    if ((rc = check_memory(r->sc->n_stops, 0, e)) != ERR_OK)
        return rc;
    if ((rc = busplan_load(r->sc, &r->bus, e)) != ERR_OK)
        return rc;
    r->map_path = r->o->map_path ? r->o->map_path : r->sc->map_path;
    log_msg(r->lg, LOG_INFO, "scenario %s: %zu stops, %zu vehicles, %u days, %u carriers",
            r->sc->name, r->sc->n_stops, r->sc->n_vehicles, r->sc->n_days, r->sc->n_carriers);
    return ERR_OK;
}

static err_code load_map(run *r, err *e)
{
    roads_params rp;
    roads_params_init(&rp);
    rp.profile_path = r->sc->profile_path;
    rp.snap_radius_m = r->sc->snap_radius_m;
    rp.keep_places = false;
    rp.interrupted = r->o->interrupted; /* Ctrl-C during a long map read stops the read */
    /* The stops choose the projection and which part of the map is kept. */
    size_t n = r->sc->n_stops;
    double *lon = xmallocarray(n, sizeof *lon), *lat = xmallocarray(n, sizeof *lat);
    for (size_t i = 0; i < n; i++) {
        lon[i] = r->sc->stops[i].has_point ? r->sc->stops[i].lon : (double)NAN;
        lat[i] = r->sc->stops[i].has_point ? r->sc->stops[i].lat : (double)NAN;
    }
    rp.area_lon = lon;
    rp.area_lat = lat;
    rp.n_area = n;
    rp.area_what = "the stops";
    r->rd = roads_load(r->map_path, &rp, r->lg, e);
    free(lon);
    free(lat);
    if (!r->rd)
        return err_wrap(e, "map %s", r->map_path);
    return ERR_OK;
}

static err_code snap_stops(run *r, err *e)
{
    size_t n = r->sc->n_stops;
    double *lon = xmallocarray(n, sizeof *lon), *lat = xmallocarray(n, sizeof *lat);
    for (size_t i = 0; i < n; i++) {
        lon[i] = r->sc->stops[i].lon;
        lat[i] = r->sc->stops[i].lat;
    }
    r->snap = xcalloc(n, sizeof *r->snap);
    r->problem = xcalloc(n, sizeof *r->problem);
    err_code rc = roads_snap_points(r->rd, n, lon, lat, r->snap, e);
    free(lon);
    free(lat);
    if (rc != ERR_OK)
        return rc;
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        const scenario_stop *s = &r->sc->stops[i];
        if (r->snap[i].ok)
            continue;
        if (s->kind == SCENARIO_DEPOT)
            return err_set(e, ERR_NOTFOUND, "%s:%zu: depot '%s' (%s) is not on the map's roads: %s",
                           r->sc->stops_path, s->line, s->id, s->name, r->snap[i].reason);
        r->problem[i] = xasprintf("not snapped to a road: %s", r->snap[i].reason);
        log_msg(r->lg, LOG_WARN, "%s:%zu: %s %s not planned: %s", r->sc->stops_path, s->line, s->id,
                s->name, r->problem[i]);
        bad++;
    }
    log_msg(r->lg, LOG_INFO, "snapped %zu of %zu stops to roads", n - bad, n);
    return ERR_OK;
}

/* The bus lines' times, paths and runs over the nodes (buses.csv only). */
static err_code build_buses(run *r, err *e)
{
    if (!r->bus)
        return ERR_OK;
    err_code rc = busplan_build(r->bus, r->rd, r->snap, r->stop_node, COST_SCALE, r->lg, e);
    if (rc == ERR_OK)
        log_msg(r->lg, LOG_INFO,
                "buses: %zu runs a week, %zu can take parcels by their loading "
                "deadline",
                busplan_n_runs(r->bus), busplan_n_usable(r->bus));
    return rc;
}

/* Builds the node list (depots, then snapped stops, in file order) and their matrices. */
static err_code build_matrix(run *r, err *e)
{
    const scenario *sc = r->sc;
    r->node_stop = xmallocarray(sc->n_stops, sizeof *r->node_stop);
    r->stop_node = xmallocarray(sc->n_stops, sizeof *r->stop_node);
    for (size_t i = 0; i < sc->n_stops; i++)
        r->stop_node[i] = UINT32_MAX;
    uint32_t k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sc->n_stops; i++) {
            bool depot = sc->stops[i].kind == SCENARIO_DEPOT;
            if ((pass == 0) != depot || !r->snap[i].ok)
                continue;
            r->stop_node[i] = k;
            r->node_stop[k++] = (uint32_t)i;
        }
    r->n_nodes = k;
    r->n_depots = 0;
    while (r->n_depots < k && sc->stops[r->node_stop[r->n_depots]].kind == SCENARIO_DEPOT)
        r->n_depots++;
    if (r->n_depots == 0)
        return err_set(e, ERR_PARSE, "%s: no depot", sc->stops_path);
    size_t n = k;
    roads_stats rs;
    roads_get_stats(r->rd, &rs);
    err_code rc = check_memory(n, rs.graph_nodes, e);
    if (rc != ERR_OK)
        return rc;
    roads_snap *pts = xmallocarray(n, sizeof *pts);
    for (size_t j = 0; j < n; j++)
        pts[j] = r->snap[r->node_stop[j]];
    r->time = xmallocarray(n * n, sizeof *r->time);
    r->dist = xmallocarray(n * n, sizeof *r->dist);
    rc = roads_matrix(r->rd, n, pts, ROADS_CH, r->time, r->dist, r->lg, e);
    free(pts);
    if (rc != ERR_OK)
        return err_wrap(e, "travel matrix");
    for (size_t j = 0; j < n * n; j++) {
        if (r->time[j] < 0 || r->dist[j] < 0) {
            r->time[j] = VRP_UNREACHABLE;
            r->dist[j] = VRP_UNREACHABLE;
        }
    }
    return ERR_OK;
}

static int64_t money(double x, double per)
{
    return (int64_t)llround(x * COST_SCALE / per);
}

static void build_problem(run *r)
{
    const scenario *sc = r->sc;
    r->nodes = xcalloc(r->n_nodes, sizeof *r->nodes);
    for (uint32_t k = 0; k < r->n_nodes; k++) {
        const scenario_stop *s = &sc->stops[r->node_stop[k]];
        vrp_node *nd = &r->nodes[k];
        if (k < r->n_depots)
            continue; /* depot: all zero */
        nd->demand = s->demand_total;
        nd->demand_by = s->demand;
        nd->service = s->service_s;
        nd->freq = s->freq;
        nd->n_patterns = s->n_patterns;
        nd->patterns = s->patterns;
        if (s->has_window) {
            nd->open = s->open_s;
            nd->close = s->close_s;
        }
        if (s->week) { /* weekly volumes: each visit's parcels depend on the previous visit */
            const size_t n2 = (size_t)sc->n_days * sc->n_days;
            if (!r->visit_demand)
                r->visit_demand = xcalloc(r->n_nodes * n2, sizeof *r->visit_demand);
            int32_t *t = r->visit_demand + k * n2;
            for (uint32_t q = 0; q < sc->n_days; q++)
                for (uint32_t d = 0; d < sc->n_days; d++)
                    t[q * sc->n_days + d] = scenario_visit_parcels(sc, s, q, d, NULL);
            nd->visit_demand = t;
            nd->demand = s->largest_visit;
            nd->demand_by = NULL;
        }
        /* outbound parcels (揽收): collected at each visit, the load followed along the route */
        nd->pickup = s->pickup_total;
        nd->pickup_by = s->pickup_total ? s->pickup : NULL;
    }
    r->veh = xcalloc(sc->n_vehicles ? sc->n_vehicles : 1, sizeof *r->veh);
    for (size_t v = 0; v < sc->n_vehicles; v++) {
        const scenario_vehicle *sv = &sc->vehicles[v];
        r->veh[v] = (vrp_vehicle){
            .depot = r->stop_node[sv->depot],
            .capacity = sv->capacity,
            .max_duration = sv->shift_s,
            .max_distance = sv->range_m,
            .days = sv->days,
            .fixed_cost = money(sv->fixed_cost, 1),
            .cost_per_dist = money(sv->cost_per_km, 1000),
            .cost_per_time = money(sv->cost_per_hour, 3600),
            .start = sv->start_s,
            .weekly_cost = money(sv->weekly_cost, 1),
        };
    }
    r->prob = (vrp_problem){
        .n_nodes = r->n_nodes,
        .n_depots = r->n_depots,
        .n_days = sc->n_days,
        .n_carriers = sc->n_carriers,
        .nodes = r->nodes,
        .n_vehicles = (uint32_t)sc->n_vehicles,
        .vehicles = r->veh,
        .time = r->time,
        .dist = r->dist,
    };
}

/* Why node k cannot be served, in words with figures. */
static char *reason_text(const run *r, uint32_t k, vrp_reason why)
{
    const vrp_problem *p = &r->prob;
    const vrp_node *nd = &p->nodes[k];
    if (why == VRP_REASON_DEMAND) {
        int32_t cap = 0;
        for (uint32_t v = 0; v < p->n_vehicles; v++)
            if (p->vehicles[v].capacity > cap)
                cap = p->vehicles[v].capacity;
        return xasprintf("infeasible: %d parcels per visit exceed the largest van (%d)",
                         (int)nd->demand, (int)cap);
    }
    if (why == VRP_REASON_UNREACHABLE) {
        int64_t best = INT64_MAX;
        for (uint32_t d = 0; d < p->n_depots; d++) {
            int64_t a = p->time[(size_t)d * p->n_nodes + k],
                    b = p->time[(size_t)k * p->n_nodes + d];
            if (a != VRP_UNREACHABLE && b != VRP_UNREACHABLE && a + b < best)
                best = a + b;
        }
        if (best == INT64_MAX)
            return xasprintf("infeasible: no road connection to or from any depot");
        return xasprintf("infeasible: round trip from the depot takes %.0f min (+%.0f min "
                         "service), beyond every van's shift or range",
                         (double)best / 60.0, nd->service / 60.0);
    }
    if (why == VRP_REASON_WINDOW) {
        /* the earliest any van that can carry it gets there */
        int64_t first = INT64_MAX;
        for (uint32_t v = 0; v < p->n_vehicles; v++) {
            const vrp_vehicle *vh = &p->vehicles[v];
            int32_t a = p->time[(size_t)vh->depot * p->n_nodes + k];
            if (vh->capacity >= nd->demand && a != VRP_UNREACHABLE &&
                (int64_t)vh->start + a < first)
                first = (int64_t)vh->start + a;
        }
        char t1[16], t2[16];
        return xasprintf("infeasible: the earliest van gets there at %s, after it closes at %s",
                         outfmt_hhmm(t1, sizeof t1, (int32_t)first),
                         outfmt_hhmm(t2, sizeof t2, nd->close));
    }
    return xasprintf("infeasible: %s", vrp_reason_text(why));
}

static err_code diagnose(run *r, err *e)
{
    vrp_diag *d = NULL;
    size_t nd = 0;
    err_code rc = vrp_diagnose(&r->prob, &d, &nd, e);
    for (size_t i = 0; i < nd; i++) {
        uint32_t s = r->node_stop[d[i].node];
        free(r->problem[s]);
        r->problem[s] = reason_text(r, d[i].node, d[i].reason);
        log_msg(r->lg, LOG_WARN, "%s:%zu: %s %s not planned: %s", r->sc->stops_path,
                r->sc->stops[s].line, r->sc->stops[s].id, r->sc->stops[s].name, r->problem[s]);
    }
    free(d);
    if (rc == ERR_INFEASIBLE)
        err_set(e, ERR_INFEASIBLE, "no stop can be served: %zu stops infeasible (first: %s)", nd,
                nd ? r->problem[r->node_stop[r->n_depots]] : "?");
    return rc;
}

/* The lines-mode options: day-sets from the villages' frequency, each stop's spread limit by
 * kind, the vans' start (departures move by whole minutes). */
static void lines_params(run *r)
{
    const scenario *sc = r->sc;
    vrp_lines_params *lp = &r->lp;
    vrp_lines_params_init(lp);
    lp->n_sets = vrp_lines_day_sets(sc->n_days, sc->freq_village, lp->sets);
    r->max_spread = xcalloc(r->n_nodes, sizeof *r->max_spread);
    for (uint32_t k = 0; k < r->n_nodes; k++) {
        scenario_kind kind = sc->stops[r->node_stop[k]].kind;
        r->max_spread[k] = kind == SCENARIO_TOWNSHIP  ? sc->township_spread_s
                           : kind == SCENARIO_VILLAGE ? sc->village_spread_s
                                                      : -1;
    }
    r->veh_start = xcalloc(sc->n_vehicles ? sc->n_vehicles : 1, sizeof *r->veh_start);
    for (size_t v = 0; v < sc->n_vehicles; v++)
        r->veh_start[v] = r->veh[v].start;
    lp->max_spread = r->max_spread;
    lp->start = r->veh_start;
    lp->start_step = 60;
    lp->same_van = sc->same_van;
}

static void solve_params(const run *r, uint64_t seed, vrp_params *vp)
{
    vrp_params_init(vp);
    vp->seed = seed;
    vp->time_limit_s = r->o->time_limit_s >= 0 ? r->o->time_limit_s : r->sc->time_limit_s;
    vp->max_iterations = r->o->max_iterations ? r->o->max_iterations : r->sc->iterations;
    vp->use_lp = r->o->use_lp;
    vp->interrupted = r->o->interrupted;
}

/* One seed's search: in free mode the plan, in lines mode also its lines (*lines, whose sol is
 * moved to *sol). */
static err_code solve_one(const run *r, uint64_t seed, const logger *lg, vrp_solution **sol,
                          vrp_lines **lines, err *e)
{
    vrp_params vp;
    solve_params(r, seed, &vp);
    if (!r->sc->lines)
        return vrp_solve(&r->prob, &vp, lg, sol, e);
    err_code rc = vrp_solve_lines(&r->prob, &r->lp, &vp, lg, lines, e);
    if (rc == ERR_OK) {
        *sol = (*lines)->sol;
        (*lines)->sol = NULL;
    }
    return rc;
}

/* --seeds N: the seeds are solved by a few threads, each taking the next seed not yet taken.
 * Each solve depends on its seed alone (and the iteration limit), so the choice of the cheapest
 * does not depend on which thread solved what. */
typedef struct seed_job {
    uint64_t seed;
    vrp_solution *sol;
    vrp_lines *lines; /* lines mode */
    err_code rc;
    err e;
} seed_job;

typedef struct seed_pool {
    const run *r;
    logger lg; /* the run's logger without progress (the threads' bars would mix) */
    pthread_mutex_t mu;
    size_t next, n;
    seed_job *jobs;
} seed_pool;

static void *seed_worker(void *arg)
{
    seed_pool *sp = arg;
    for (;;) {
        pthread_mutex_lock(&sp->mu);
        size_t i = sp->next++;
        pthread_mutex_unlock(&sp->mu);
        if (i >= sp->n)
            break;
        seed_job *j = &sp->jobs[i];
        err_clear(&j->e);
        j->rc = solve_one(sp->r, j->seed, &sp->lg, &j->sol, &j->lines, &j->e);
    }
    lp_free_env(); /* GLPK keeps an environment per thread */
    return NULL;
}

static err_code solve_seeds(run *r, uint32_t n, err *e)
{
    seed_pool sp = {.r = r, .n = n};
    if (r->lg)
        sp.lg = *r->lg;
    sp.lg.progress = NULL;
    if (sp.lg.min_level < LOG_WARN)
        sp.lg.min_level = LOG_WARN;
    sp.jobs = xcalloc(n, sizeof *sp.jobs);
    for (uint32_t i = 0; i < n; i++)
        sp.jobs[i].seed = r->seed + i;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n_threads = cpus < 1 ? 1 : (size_t)cpus;
    if (n_threads > n)
        n_threads = n;
    log_msg(r->lg, LOG_INFO, "search: %u seeds (%llu to %llu) on %zu threads", n,
            (unsigned long long)r->seed, (unsigned long long)(r->seed + n - 1), n_threads);
    pthread_mutex_init(&sp.mu, NULL);
    pthread_t *th = xcalloc(n_threads, sizeof *th);
    size_t started = 0;
    for (; started < n_threads; started++)
        if (pthread_create(&th[started], NULL, seed_worker, &sp) != 0)
            break;
    if (started == 0)
        seed_worker(&sp); /* no thread could start: solve them here */
    for (size_t t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    free(th);
    pthread_mutex_destroy(&sp.mu);

    err_code rc = ERR_OK;
    size_t best = SIZE_MAX;
    r->n_spread = n;
    r->spread_seed = xcalloc(n, sizeof *r->spread_seed);
    r->spread_cost = xcalloc(n, sizeof *r->spread_cost);
    for (size_t i = 0; i < n; i++) {
        seed_job *j = &sp.jobs[i];
        if (j->rc != ERR_OK) {
            if (rc == ERR_OK) {
                rc = j->rc;
                if (e)
                    *e = j->e;
            }
            continue;
        }
        size_t unserved = vrp_solution_unserved(&r->prob, j->sol);
        r->spread_seed[i] = j->seed;
        r->spread_cost[i] = j->sol->cost;
        r->time_stopped |= j->sol->end == VRP_END_TIME;
        log_msg(r->lg, LOG_INFO, "search: seed %llu: cost %.2f, %zu unserved",
                (unsigned long long)j->seed, (double)j->sol->cost / COST_SCALE, unserved);
        /* fewest unserved stops first, then the cost; the first of equal ones */
        if (best == SIZE_MAX) {
            best = i;
            continue;
        }
        size_t best_unserved = vrp_solution_unserved(&r->prob, sp.jobs[best].sol);
        if (unserved < best_unserved ||
            (unserved == best_unserved && j->sol->cost < sp.jobs[best].sol->cost))
            best = i;
    }
    if (rc == ERR_OK) {
        r->sol = sp.jobs[best].sol;
        r->lines = sp.jobs[best].lines;
        sp.jobs[best].sol = NULL;
        sp.jobs[best].lines = NULL;
        r->seed = sp.jobs[best].seed;
        log_msg(r->lg, LOG_INFO, "search: kept seed %llu", (unsigned long long)r->seed);
    }
    for (size_t i = 0; i < n; i++) {
        vrp_solution_free(sp.jobs[i].sol);
        vrp_lines_free(sp.jobs[i].lines);
    }
    free(sp.jobs);
    return rc;
}

static err_code solve(run *r, err *e)
{
    r->free_cost = -1;
    if (r->sc->lines) {
        if (r->bus) { /* a line runs the same stops on all its days: buses are not planned in it */
            log_msg(r->lg, LOG_WARN,
                    "%s: bus runs are planned in free mode only (settings.ini [consistency] mode = "
                    "free); this plan in lines mode uses the vans alone",
                    busplan_path(r->bus));
            busplan_free(r->bus);
            r->bus = NULL;
        }
        lines_params(r);
    }
    err_code rc;
    if (r->o->n_seeds > 1) {
        rc = solve_seeds(r, r->o->n_seeds, e);
    } else {
        rc = solve_one(r, r->seed, r->lg, &r->sol, &r->lines, e);
        if (rc == ERR_OK)
            r->time_stopped = r->sol->end == VRP_END_TIME;
    }
    if (rc != ERR_OK)
        return rc;
    if (!r->sc->lines) {
        if (r->bus) { /* van or bus for each visit, from the van-only plan (solver/bus.h) */
            if ((rc = stop_if_interrupted(r, e)) != ERR_OK)
                return rc;
            if ((rc = busplan_solve(r->bus, &r->prob, r->sol, e)) != ERR_OK)
                return rc;
            log_msg(r->lg, LOG_INFO, "buses: %.2f with buses, %.2f with vans only",
                    (double)busplan_cost(r->bus) / COST_SCALE, (double)r->sol->cost / COST_SCALE);
        }
        return stop_if_interrupted(r, e);
    }
    vrp_params vp; /* the free-mode run below uses the seed kept */
    solve_params(r, r->seed, &vp);
    for (uint32_t k = 0; k < r->lines->n_unaligned; k++) {
        uint32_t s = r->node_stop[r->lines->unaligned[k]];
        free(r->problem[s]);
        r->problem[s] = xasprintf("not placed: no two lines reach it within %.0f min of each "
                                  "other ([consistency] township_spread_min)",
                                  r->max_spread[r->lines->unaligned[k]] / 60.0);
    }
    if ((rc = stop_if_interrupted(r, e)) != ERR_OK)
        return rc;
    /* the cost of consistency: the same scenario, seed and limits in free mode */
    if (!r->sc->compare_free)
        return ERR_OK;
    vrp_solution *fs = NULL;
    log_msg(r->lg, LOG_INFO, "free mode, for the cost of consistency:");
    rc = vrp_solve(&r->prob, &vp, r->lg, &fs, e);
    if (rc == ERR_OK && !vrp_solution_unserved(&r->prob, fs))
        r->free_cost = (double)fs->cost / COST_SCALE;
    vrp_solution_free(fs);
    if (rc != ERR_OK)
        return rc;
    return stop_if_interrupted(r, e);
}

/* Lines mode: the plan is checked against the problem with each stop's line pattern as its
 * only pattern, after checking that this pattern holds one the stop allows (it may hold more
 * days: a 5x township on two 3-day lines is served 6x); then the lines rules and spreads. */
static bool check_lines_plan(run *r, const vrp_check_opts *co, vrp_check_report *rep, err *e)
{
    const vrp_problem *p = &r->prob;
    vrp_node *nodes = xmallocarray(p->n_nodes, sizeof *nodes);
    bool ok = true;
    for (uint32_t k = 0; k < p->n_nodes; k++) {
        nodes[k] = p->nodes[k];
        uint32_t pat = r->sol->pattern[k];
        if (k < p->n_depots || !pat)
            continue;
        bool holds = false;
        for (uint32_t q = 0; q < p->nodes[k].n_patterns && !holds; q++)
            holds = (p->nodes[k].patterns[q] & ~pat) == 0;
        if (!holds && ok) {
            err_set(e, ERR_INTERNAL, "stop %u: its line days hold none of its allowed patterns", k);
            ok = false;
        }
        nodes[k].freq = (uint32_t)__builtin_popcount(pat);
        nodes[k].n_patterns = 1;
        nodes[k].patterns = &r->sol->pattern[k];
    }
    vrp_problem q = *p;
    q.nodes = nodes;
    bool ok2 = vrp_check_with(&q, r->sol, co, rep);
    free(nodes);
    if (!ok)
        return false;
    if (!ok2)
        return true; /* the caller reports rep */
    vrp_lines l = *r->lines;
    l.sol = r->sol;
    if (vrp_lines_check(p, &r->lp, &l, e) != ERR_OK)
        return false;
    return true;
}

static err_code check(run *r, err *e)
{
    vrp_check_opts co;
    vrp_check_opts_init(&co);
    co.allow_skipped = true; /* stops left out are named in the outputs, not hidden */
    vrp_check_report rep = {0};
    err_code rc = ERR_OK;
    if (r->lines && !check_lines_plan(r, &co, &rep, e)) {
        vrp_check_report_free(&rep);
        err_wrap(e, "the lines fail the independent check; nothing written");
        if (e)
            e->code = ERR_INTERNAL;
        return ERR_INTERNAL;
    }
    bool ok = r->lines ? rep.n_violations == 0
              : r->bus ? busplan_check(r->bus, &co, &rep)
                       : vrp_check_with(&r->prob, r->sol, &co, &rep);
    if (!ok) {
        char buf[600] = "";
        size_t used = 0;
        for (size_t i = 0; i < rep.n_stored && i < 3; i++) {
            int w = snprintf(buf + used, sizeof buf - used, "%s%s", i ? "; " : "",
                             rep.violations[i].msg);
            if (w < 0 || (size_t)w >= sizeof buf - used)
                break;
            used += (size_t)w;
        }
        rc = err_set(e, ERR_INTERNAL,
                     "the solver's plan fails the independent check (%zu violations: %s); "
                     "nothing written",
                     rep.n_violations, buf);
    }
    vrp_check_report_free(&rep);
    /* the longest gap between visits: the checker accepts only allowed patterns, and the
     * scenario allows only those that keep it; checked again here, on the plan itself */
    for (uint32_t k = r->n_depots; rc == ERR_OK && r->sc->max_gap_h && k < r->n_nodes; k++) {
        const scenario_stop *st = &r->sc->stops[r->node_stop[k]];
        uint32_t g = scenario_pattern_gap_days(r->sc, r->sol->pattern[k]);
        if (g * 24 > r->sc->max_gap_h)
            rc = err_set(e, ERR_INTERNAL,
                         "the solver's plan fails the independent check (stop '%s' %s: %u days "
                         "between visits, more than %s); nothing written",
                         st->id, st->name, g, r->sc->max_gap_key);
    }
    if (rc == ERR_OK) {
        for (uint32_t k = r->n_depots; k < r->n_nodes; k++) {
            uint32_t s = r->node_stop[k];
            if (served_days(r, k) == 0 && !r->problem[s]) {
                r->problem[s] = xasprintf("not placed: the fleet cannot fit this stop within "
                                          "its shifts and capacities (add a van or lengthen "
                                          "shifts)");
                log_msg(r->lg, LOG_WARN, "%s:%zu: %s %s not planned: %s", r->sc->stops_path,
                        r->sc->stops[s].line, r->sc->stops[s].id, r->sc->stops[s].name,
                        r->problem[s]);
            }
        }
    }
    return rc;
}

/* Route geometry: each leg's road polyline (the hierarchy's path, unpacked), joined without
 * repeating the shared point. */
static void add_leg(run *r, plan_route *pr, size_t *cap, uint32_t from, uint32_t to)
{
    roads_leg leg;
    err e = {0};
    err_code rc =
        roads_leg_geometry(r->rd, &r->snap[from], &r->snap[to], ROADS_CH, &leg, r->lg, &e);
    double *ll = leg.lonlat;
    size_t n = leg.n_pts;
    if (rc != ERR_OK || n == 0) {
        free(ll);
        log_msg(r->lg, LOG_WARN, "no road geometry from %s to %s (%s); drawing a straight line",
                r->sc->stops[from].id, r->sc->stops[to].id, e.msg);
        ll = xmallocarray(4, sizeof *ll);
        ll[0] = r->snap[from].lon;
        ll[1] = r->snap[from].lat;
        ll[2] = r->snap[to].lon;
        ll[3] = r->snap[to].lat;
        n = 2;
    }
    size_t skip = 0;
    if (pr->n_points && pr->lonlat[2 * pr->n_points - 2] == ll[0] &&
        pr->lonlat[2 * pr->n_points - 1] == ll[1])
        skip = 1;
    if (pr->n_points + n > *cap) {
        *cap = 2 * (pr->n_points + n);
        pr->lonlat = xreallocarray(pr->lonlat, 2 * *cap, sizeof *pr->lonlat);
    }
    memcpy(pr->lonlat + 2 * pr->n_points, ll + 2 * skip, 2 * (n - skip) * sizeof *ll);
    pr->n_points += n - skip;
    free(ll);
}

static void fill_stops(run *r, plan *pl)
{
    const scenario *sc = r->sc;
    pl->n_stops = sc->n_stops;
    pl->stops = xcalloc(sc->n_stops ? sc->n_stops : 1, sizeof *pl->stops);
    for (size_t i = 0; i < sc->n_stops; i++) {
        const scenario_stop *s = &sc->stops[i];
        plan_stop *ps = &pl->stops[i];
        ps->id = xstrdup(s->id);
        ps->code = xstrdup(s->code ? s->code : "");
        ps->name = xstrdup(s->name);
        ps->township = xstrdup(s->township ? s->township : "");
        ps->kind = s->kind == SCENARIO_DEPOT      ? PLAN_DEPOT
                   : s->kind == SCENARIO_TOWNSHIP ? PLAN_TOWNSHIP
                                                  : PLAN_VILLAGE;
        ps->lon = r->snap[i].ok ? r->snap[i].lon : s->lon;
        ps->lat = r->snap[i].ok ? r->snap[i].lat : s->lat;
        ps->snap_m = r->snap[i].ok ? r->snap[i].dist_m : -1;
        ps->freq = s->freq;
        ps->days = r->stop_node[i] != UINT32_MAX ? served_days(r, r->stop_node[i]) : 0;
        ps->demand = xcalloc(sc->n_carriers ? sc->n_carriers : 1, sizeof *ps->demand);
        if (s->demand)
            memcpy(ps->demand, s->demand, sc->n_carriers * sizeof *ps->demand);
        if (s->week) {
            ps->week = xcalloc(sc->n_carriers ? sc->n_carriers : 1, sizeof *ps->week);
            memcpy(ps->week, s->week, sc->n_carriers * sizeof *ps->week);
        }
        if (s->pickup_total) {
            ps->pickup = xcalloc(sc->n_carriers ? sc->n_carriers : 1, sizeof *ps->pickup);
            memcpy(ps->pickup, s->pickup, sc->n_carriers * sizeof *ps->pickup);
        }
        ps->problem = r->problem[i] ? xstrdup(r->problem[i]) : NULL;
        ps->has_window = s->has_window;
        ps->open_s = s->open_s;
        ps->close_s = s->close_s;
    }
}

static err_code fill_plan(run *r, err *e)
{
    const scenario *sc = r->sc;
    plan *pl = r->pl = xcalloc(1, sizeof *pl);
    pl->scenario = xstrdup(sc->name);
    pl->map_path = xstrdup(r->map_path);
    pl->timezone = xstrdup(sc->timezone);
    pl->utc_offset = xstrdup(sc->utc_offset);
    pl->week_start = xstrdup(sc->week_start ? sc->week_start : "");
    pl->seed = r->seed;
    pl->n_days = sc->n_days;
    pl->day_names = xcalloc(sc->n_days, sizeof *pl->day_names);
    for (uint32_t d = 0; d < sc->n_days; d++)
        pl->day_names[d] = xstrdup(sc->day_names[d]);
    pl->n_carriers = sc->n_carriers;
    pl->carriers = xcalloc(sc->n_carriers ? sc->n_carriers : 1, sizeof *pl->carriers);
    for (uint32_t c = 0; c < sc->n_carriers; c++)
        pl->carriers[c] = xstrdup(sc->carriers[c]);
    fill_stops(r, pl);
    pl->n_vehicles = sc->n_vehicles;
    pl->vehicles = xcalloc(sc->n_vehicles ? sc->n_vehicles : 1, sizeof *pl->vehicles);
    for (size_t v = 0; v < sc->n_vehicles; v++) {
        const scenario_vehicle *sv = &sc->vehicles[v];
        pl->vehicles[v] = (plan_vehicle){
            .id = xstrdup(sv->id),
            .driver = xstrdup(sv->driver ? sv->driver : ""),
            .depot = sv->depot,
            .capacity = sv->capacity,
            .shift_s = sv->shift_s,
            .range_m = sv->range_m,
            .electric = sv->electric,
            .cost_per_km = sv->cost_per_km,
            .fixed_cost = sv->fixed_cost,
            .start_s = sv->start_s,
            .own_start = sv->own_start,
            .use_per_100km = sv->use_per_100km,
            .co2_per_unit = sv->co2_per_unit,
        };
    }
    const vrp_solution *sol = plan_vans(r);
    pl->total_cost = (double)(r->bus ? busplan_cost(r->bus) : sol->cost) / COST_SCALE;
    if (r->bus)
        busplan_fill(r->bus, pl, r->sol, r->node_stop, COST_SCALE);
    pl->time_stopped = r->time_stopped;
    if (r->n_spread) { /* the seeds' van-only costs (with buses, the kept one's is the base) */
        pl->n_spread = r->n_spread;
        pl->spread_seed = xcalloc(r->n_spread, sizeof *pl->spread_seed);
        pl->spread_cost = xcalloc(r->n_spread, sizeof *pl->spread_cost);
        for (size_t i = 0; i < r->n_spread; i++) {
            pl->spread_seed[i] = r->spread_seed[i];
            pl->spread_cost[i] = (double)r->spread_cost[i] / COST_SCALE;
        }
    }
    if (r->lines) {
        pl->n_lines = r->lines->n_lines;
        pl->lines = xcalloc(pl->n_lines ? pl->n_lines : 1, sizeof *pl->lines);
        for (uint32_t k = 0; k < r->lines->n_lines; k++)
            pl->lines[k] = (plan_line){.vehicle = r->lines->lines[k].vehicle,
                                       .days = r->lines->lines[k].days,
                                       .start_s = r->lines->lines[k].start};
        pl->has_consistency = true;
        pl->consistency = (plan_consistency){.lines = true,
                                             .same_van = sc->same_van,
                                             .township_spread_s = sc->township_spread_s,
                                             .village_spread_s = sc->village_spread_s};
    }

    size_t n_used = 0;
    for (size_t i = 0; i < sol->n_routes; i++)
        n_used += sol->routes[i].n_stops > 0;
    pl->routes = xcalloc(n_used ? n_used : 1, sizeof *pl->routes);
    const size_t nn = r->n_nodes;
    for (size_t i = 0; i < sol->n_routes; i++) {
        const vrp_route *vr = &sol->routes[i];
        if (vr->n_stops == 0)
            continue;
        err_code rc = stop_if_interrupted(r, e);
        if (rc != ERR_OK)
            return rc;
        plan_route *pr = &pl->routes[pl->n_routes++];
        const vrp_vehicle *vv = &r->veh[vr->vehicle];
        pr->day = vr->day;
        pr->vehicle = vr->vehicle;
        pr->n_visits = vr->n_stops;
        pr->visits = xcalloc(vr->n_stops, sizeof *pr->visits);
        /* times come from the solver's one timeline (vrp.h); the parcels per company from the
         * scenario (scenario_visit_parcels, which the solver's visit_demand tables hold) */
        vrp_visit_time *vt = xmallocarray(vr->n_stops, sizeof *vt);
        vrp_timeline tl;
        /* lines mode: the route leaves at its line's departure, whole minutes after the van's
         * start (solver/lines.h); the timeline from there (with windows it may wait) */
        if (r->lines) {
            pr->line = r->lines->route_line[i];
            vrp_route_timeline_at(&r->prob, vr->vehicle, vr->day, r->sol->pattern,
                                  r->lines->lines[pr->line].start, vr->stops, vr->n_stops, vt, &tl);
        } else {
            vrp_route_timeline(&r->prob, vr->vehicle, vr->day, r->sol->pattern, vr->stops,
                               vr->n_stops, vt, &tl);
        }
        pr->start_s = (int32_t)tl.departure;
        int32_t load = 0;
        for (uint32_t k = 0; k < vr->n_stops; k++) { /* on board leaving the depot */
            uint32_t node = vr->stops[k];
            load +=
                scenario_visit_parcels(sc, &sc->stops[r->node_stop[node]],
                                       vrp_prev_day(r->sol->pattern[node], vr->day), vr->day, NULL);
        }
        int64_t metres = 0;
        uint32_t prev = vv->depot;
        size_t cap = 0;
        for (uint32_t k = 0; k < vr->n_stops; k++) {
            uint32_t node = vr->stops[k];
            const scenario_stop *s = &sc->stops[r->node_stop[node]];
            plan_visit *pv = &pr->visits[k];
            pv->stop = r->node_stop[node];
            pv->leg_s = r->time[prev * nn + node];
            pv->leg_m = r->dist[prev * nn + node];
            metres += pv->leg_m;
            pv->arrival_s = (int32_t)vt[k].arrival;
            pv->departure_s = (int32_t)vt[k].departure;
            pv->parcels = xcalloc(sc->n_carriers ? sc->n_carriers : 1, sizeof *pv->parcels);
            /* the parcels that arrived since the stop's previous visit (weekly volumes), or
             * its parcels per visit */
            load -= scenario_visit_parcels(sc, s, vrp_prev_day(r->sol->pattern[node], vr->day),
                                           vr->day, pv->parcels);
            if (s->pickup_total) {
                pv->pickup = xcalloc(sc->n_carriers ? sc->n_carriers : 1, sizeof *pv->pickup);
                memcpy(pv->pickup, s->pickup, sc->n_carriers * sizeof *pv->pickup);
                load += s->pickup_total;
            }
            pv->load_after = load;
            add_leg(r, pr, &cap, r->node_stop[prev], r->node_stop[node]);
            prev = node;
        }
        free(vt);
        pr->return_s = r->time[prev * nn + vv->depot];
        pr->return_m = r->dist[prev * nn + vv->depot];
        add_leg(r, pr, &cap, r->node_stop[prev], r->node_stop[vv->depot]);
        pr->end_s = (int32_t)tl.back;
        pr->dist_m = (int32_t)(metres + pr->return_m);
    }
    return ERR_OK;
}

/* The plan as written must pass the check `jincun export` applies to a plan.json. */
static err_code check_plan(run *r, err *e)
{
    if (plan_check(r->pl, e) == ERR_OK)
        return ERR_OK;
    err_wrap(e, "nothing written: the plan fails its consistency check");
    if (e)
        e->code = ERR_INTERNAL;
    return ERR_INTERNAL;
}

/* ---- the whole run ----------------------------------------------------------------------- */

static bool starts(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* Counts the stops served and, by the problem texts set in snap_stops, diagnose and check,
 * why the others are not. */
static void tally(const run *r, planner_result *res)
{
    res->n_stops = res->n_served = 0;
    res->n_not_snapped = res->n_infeasible = res->n_not_placed = 0;
    for (size_t i = 0; i < r->sc->n_stops; i++) {
        if (r->sc->stops[i].kind == SCENARIO_DEPOT)
            continue;
        res->n_stops++;
        const char *why = r->pl ? r->pl->stops[i].problem : NULL;
        if (!why)
            res->n_served++;
        else if (starts(why, "not snapped"))
            res->n_not_snapped++;
        else if (starts(why, "infeasible"))
            res->n_infeasible++;
        else
            res->n_not_placed++;
    }
    res->n_routes = r->pl ? r->pl->n_routes : 0;
}

err_code planner_run(const char *scenario_dir, const char *out_dir, const planner_opts *o,
                     const logger *lg, FILE *summary_out, planner_result *res, err *e)
{
    planner_opts defaults;
    if (!o) {
        planner_opts_init(&defaults);
        o = &defaults;
    }
    planner_result local;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    run r = {.o = o, .lg = lg};
    double t0 = clock_now(), t = t0, now;
    /* The output folder is checked first, so a bad -o costs no solve. */
    const char *shapes[PLANNER_N_OWN + EXPORT_N_SHAPES];
    memcpy(shapes, own_outputs, sizeof own_outputs);
    size_t n_shapes = PLANNER_N_OWN + export_shapes(NULL, shapes + PLANNER_N_OWN);
    outdir *od = NULL;
    err_code rc = outdir_open(out_dir, shapes, n_shapes, lg, &od, e);
#define PHASE(field, call)                                                                         \
    do {                                                                                           \
        if (rc == ERR_OK)                                                                          \
            rc = (call);                                                                           \
        if (rc == ERR_OK)                                                                          \
            rc = stop_if_interrupted(&r, e);                                                       \
        now = clock_now();                                                                         \
        res->timing.field += now - t;                                                              \
        t = now;                                                                                   \
    } while (0)
    PHASE(scenario, load_scenario(&r, scenario_dir, e));
    if (r.sc) {
        res->seed = r.seed;
        if (o->on_seed)
            o->on_seed(o->ud, res->seed);
    }
    PHASE(map, load_map(&r, e));
    PHASE(snap, snap_stops(&r, e));
    PHASE(matrix, build_matrix(&r, e));
    PHASE(matrix, build_buses(&r, e));
    if (rc == ERR_OK)
        build_problem(&r);
    PHASE(solve, diagnose(&r, e));
    PHASE(solve, solve(&r, e));
    PHASE(check, check(&r, e));
    PHASE(geometry, fill_plan(&r, e));
    if (rc == ERR_OK) /* every output then shows what plan.json keeps, as `jincun export` does */
        planjson_round(r.pl);
    PHASE(check, check_plan(&r, e));
    PHASE(write, write_outputs(&r, od, e));
#undef PHASE
    res->timing.total = clock_now() - t0;
    if (rc == ERR_OK) {
        tally(&r, res);
        if (summary_out) {
            rc = write_summary(&r, summary_out, e);
            fflush(summary_out);
        }
    }
    outdir_free(od);
    run_free(&r);
    return rc;
}

/* ---- the network alone, for commands that plan many variants (jincun share) -------------- */

struct planner_net {
    run r;
};

err_code planner_net_load(const char *scenario_dir, const planner_opts *o, const logger *lg,
                          planner_net **out, err *e)
{
    *out = NULL;
    planner_net *n = xcalloc(1, sizeof *n);
    n->r.o = o;
    n->r.lg = lg;
    run *r = &n->r;
    err_code rc = load_scenario(r, scenario_dir, e);
    if (rc == ERR_OK)
        rc = stop_if_interrupted(r, e);
    if (rc == ERR_OK)
        rc = load_map(r, e);
    if (rc == ERR_OK)
        rc = snap_stops(r, e);
    if (rc == ERR_OK)
        rc = build_matrix(r, e);
    if (rc == ERR_OK) {
        build_problem(r);
        rc = diagnose(r, e);
    }
    if (rc == ERR_OK)
        rc = stop_if_interrupted(r, e);
    if (rc != ERR_OK) {
        run_free(r);
        free(n);
        return rc;
    }
    roads_free(r->rd); /* the matrices are all a variant needs */
    r->rd = NULL;
    *out = n;
    return ERR_OK;
}

void planner_net_free(planner_net *n)
{
    if (!n)
        return;
    run_free(&n->r);
    free(n);
}

const scenario *planner_net_scenario(const planner_net *n)
{
    return n->r.sc;
}

const vrp_problem *planner_net_problem(const planner_net *n)
{
    return &n->r.prob;
}

const uint32_t *planner_net_node_stop(const planner_net *n)
{
    return n->r.node_stop;
}

const char *planner_net_problem_text(const planner_net *n, size_t stop)
{
    return n->r.problem[stop];
}

uint64_t planner_net_seed(const planner_net *n)
{
    return n->r.seed;
}

const char *planner_net_map_path(const planner_net *n)
{
    return n->r.map_path;
}

int64_t planner_money(double amount)
{
    return money(amount, 1);
}
