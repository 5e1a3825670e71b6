/* planner.h — `jincun plan` as a library call: scenario → road map → snapped stops → travel
 * matrices → periodic VRP → independent check → plan → outputs, written into one folder that
 * holds a list of them (io/text/outdir.h). SPDX-License-Identifier: MIT */
#ifndef IO_PLANNER_PLANNER_H
#define IO_PLANNER_PLANNER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "io/scenario/scenario.h"
#include "solver/vrp.h"
#include "util/err.h"
#include "util/log.h"

/* Options; initialise with planner_opts_init, then set fields. */
typedef struct planner_opts {
    bool seed_set;           /* use seed instead of the scenario's [solver] seed */
    uint64_t seed;           /* random seed */
    double time_limit_s;     /* < 0 = the scenario's [solver] time_limit_s; 0 = no limit */
    uint64_t max_iterations; /* solver iteration limit, 0 = the scenario's [solver] iterations
                                (tests use this, not time) */
    bool use_lp;             /* let the solver use its GLPK parts (default true) */
    uint32_t n_seeds;        /* 0 or 1: plan with the seed alone; N > 1: plan with the seeds
                                seed, seed+1, ..., seed+N-1 (on as many threads as the machine
                                has cores, at most N), keep the cheapest (the first of equal
                                ones) and record every seed's cost in the plan (plan.spread):
                                deterministic like one seed */
    const char *map_path;    /* OSM file instead of the scenario's map; NULL = scenario's */
    bool exports;            /* also write GPX, GeoJSON, map page, sheets (default true) */
    const volatile sig_atomic_t *interrupted; /* non-zero ⇒ stop, write nothing; NULL = never */
    void (*on_seed)(void *ud, uint64_t seed); /* called once the seed is known (before the
                                                 long phases), e.g. to print it; may be NULL */
    void *ud;                                 /* passed to on_seed */
} planner_opts;

void planner_opts_init(planner_opts *o);

/* Wall-clock seconds of each phase of one run, for --timings and bench/plan.sh. */
typedef struct planner_timings {
    double scenario; /* reading and validating the scenario */
    double map;      /* roads_load */
    double snap;     /* snapping stops to roads */
    double matrix;   /* travel time/distance matrices */
    double solve;    /* diagnosis + vrp_solve */
    double check;    /* vrp_check */
    double geometry; /* road geometry of every route leg */
    double write;    /* summary, CSV, plan.json, exports, rename */
    double total;
} planner_timings;

/* What a run produced, for the command to print. */
typedef struct planner_result {
    uint64_t seed;          /* seed actually used */
    size_t n_stops;         /* townships + villages in the scenario */
    size_t n_served;        /* of those, planned at their required frequency */
    size_t n_not_snapped;   /* of the rest: no road near the stop */
    size_t n_infeasible;    /* too many parcels for the largest van, or out of every reach */
    size_t n_not_placed;    /* each van could serve it, but the fleet has no room left */
    size_t n_routes;        /* vehicle-days */
    planner_timings timing; /* filled as phases finish */
} planner_result;

/* Plans the scenario in folder scenario_dir and writes summary.txt, routes.csv, stops.csv,
 * plan.json, roads.geojson (the map page's background roads) and the exports into out_dir.
 * out_dir is checked before anything else (the
 * scenario, the map, the solve) under the rules of io/text/outdir.h: it may be absent, empty,
 * or a folder jincun wrote before (it holds OUTDIR_MANIFEST), and jincun replaces or removes
 * only the files that list holds; every other file stays. Everything is first written into a
 * temporary folder and put in place only when complete; nothing is left behind on failure or
 * interruption. If summary_out is non-NULL the summary is also printed there. res (optional)
 * receives figures even on failure (timings of finished phases).
 * Returns ERR_OK when the plan is written, also when it leaves stops out (res counts them by
 * reason; the command exits 3 then); ERR_PARSE/ERR_IO/ERR_NOTFOUND for a bad scenario or map,
 * ERR_USAGE for an out_dir that cannot take the plan (the message says which file and why),
 * ERR_INFEASIBLE when no stop can be served, ERR_INTERRUPTED, ERR_INTERNAL when the solver's
 * plan fails the independent check (then nothing is written). */
err_code planner_run(const char *scenario_dir, const char *out_dir, const planner_opts *o,
                     const logger *lg, FILE *summary_out, planner_result *res, err *e);

/* ---- the network alone, for commands that plan many variants of a scenario (jincun share) --
 * planner_net_load runs plan's first phases (scenario, map, snapping, matrices, the per-stop
 * diagnosis) and keeps the scenario, the travel matrices and the problem of every stop and
 * carrier; the road map itself is released. o->map_path, o->seed and o->interrupted are used
 * (o is borrowed and must outlive the handle). Errors as planner_run's, before the solve;
 * stops that no van can serve are logged and named by planner_net_problem_text. */
typedef struct planner_net planner_net;
err_code planner_net_load(const char *scenario_dir, const planner_opts *o, const logger *lg,
                          planner_net **out, err *e);
void planner_net_free(planner_net *n); /* NULL is a no-op */
const scenario *planner_net_scenario(const planner_net *n);
/* The problem of the whole scenario (all carriers). Node k is scenario stop node_stop[k]
 * (depots first, then the snapped stops in file order); costs in 1e-6 of the currency (see
 * planner_money). Valid while n lives. */
const vrp_problem *planner_net_problem(const planner_net *n);
const uint32_t *planner_net_node_stop(const planner_net *n);
/* Why scenario stop `stop` cannot be served ("not snapped ...", "infeasible ..."), NULL if it
 * can. */
const char *planner_net_problem_text(const planner_net *n, size_t stop);
uint64_t planner_net_seed(const planner_net *n); /* --seed, else the scenario's */
const char *planner_net_map_path(const planner_net *n);
/* An amount of the scenario currency in the solver's cost units (1e-6 of it), rounded. */
int64_t planner_money(double amount);

#endif
