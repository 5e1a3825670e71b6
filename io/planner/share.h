/* share.h — `jincun share` as a library call: what sharing routes saves the courier companies
 * of a scenario (快快合作) and fair splits of the shared cost. Every coalition of companies is
 * planned on the scenario's network and fleet with an iteration limit, in parallel threads;
 * each coalition then gets the cheapest plan known for it (its own, a larger coalition's plan
 * without the others' parcels, or two smaller coalitions' plans side by side); the cost game
 * over those figures gives the Shapley value, shares proportional to parcels and to own cost,
 * the Equal Profit Method and the nucleolus, each with its core check (solver/game.h,
 * solver/gamelp.h). Outputs: share.csv, coalitions.csv, share.txt, share.html.
 * SPDX-License-Identifier: MIT */
#ifndef IO_PLANNER_SHARE_H
#define IO_PLANNER_SHARE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "solver/game.h"
#include "util/err.h"
#include "util/log.h"

/* Iterations per coalition plan when neither --iterations nor [share] iterations is given;
 * chosen by measuring the demo's costs against the iterations (README, "Sharing the cost"). */
#define SHARE_DEFAULT_ITERATIONS 300000
#define SHARE_EXACT_MAX 8       /* up to this many companies every coalition is planned */
#define SHARE_DEFAULT_ORDERS 64 /* random orders of the sampled Shapley value above it */

/* Options; initialise with share_opts_init. */
typedef struct share_opts {
    bool seed_set;        /* use seed instead of the scenario's [solver] seed */
    uint64_t seed;        /* every coalition's plan uses this seed; also the orders' */
    uint64_t iterations;  /* per coalition plan, 0 = SHARE_DEFAULT_ITERATIONS */
    double time_limit_s;  /* per plan safety net in seconds, < 0 = none (the default) */
    unsigned jobs;        /* plans solved at once, 0 = one per online CPU */
    uint32_t exact_max;   /* plan every coalition up to this many companies */
    uint32_t orders;      /* random orders above it */
    bool use_lp;          /* the solver's GLPK parts (default true) */
    const char *map_path; /* OSM file instead of the scenario's map; NULL = scenario's */
    const volatile sig_atomic_t *interrupted; /* non-zero ⇒ stop, write nothing */
    void (*on_seed)(void *ud, uint64_t seed); /* called once the seed is known; may be NULL */
    void *ud;
} share_opts;

void share_opts_init(share_opts *o);

/* What a run measured, for the command and the benchmark. */
typedef struct share_stats {
    uint64_t seed;
    uint32_t n_companies;
    size_t n_planned;  /* coalition plans solved */
    size_t n_bounds;   /* coalitions whose figure is another coalition's (or two) plan */
    double t_network;  /* seconds: scenario, map, snapping, matrices */
    double t_plans;    /* seconds: all coalition plans (wall clock) */
    double t_total;    /* seconds */
    unsigned jobs;     /* threads used */
    bool time_limited; /* some plan ended at its time limit (machine-dependent figures) */
    struct {
        size_t n;     /* coalitions of this many companies planned */
        double cpu_s; /* their solves' CPU seconds together (each thread's own clock) */
    } by_size[GAME_MAX_PLAYERS + 1];
} share_stats;

/* Plans the scenario in scenario_dir for every coalition of its companies and writes share.csv,
 * coalitions.csv, share.txt and share.html into out_dir, under the output folder rules of
 * io/text/outdir.h (checked first; written to a temporary folder and put in place when
 * complete). If table_out is non-NULL, share.txt is printed there too. stats (may be NULL)
 * is filled. Returns ERR_OK; ERR_PARSE/ERR_IO/ERR_NOTFOUND for a bad scenario or map;
 * ERR_USAGE for a bad out_dir or fewer than 2 companies; ERR_INFEASIBLE when a stop cannot be
 * served (alone or in some coalition: the figures would not compare the same service);
 * ERR_INTERRUPTED; ERR_LP when GLPK fails on an allocation. */
err_code share_run(const char *scenario_dir, const char *out_dir, const share_opts *o,
                   const logger *lg, FILE *table_out, share_stats *stats, err *e);

#endif
