/* cmd_plan.c — `jincun plan SCENARIO_DIR -o OUT_DIR`: plan a week of shared delivery routes
 * (io/planner/planner.h) and print the summary. SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli/cmds.h"
#include "io/planner/planner.h"
#include "util/clock.h"
#include "util/mem.h"

static void usage(FILE *f)
{
    fputs("usage: jincun plan SCENARIO_DIR -o OUT_DIR [options]\n"
          "Plans a week of shared delivery routes for the scenario in SCENARIO_DIR, prints\n"
          "the summary and writes into OUT_DIR:\n"
          "  summary.txt                 the summary, as printed\n"
          "  routes.csv                  every route stop by stop (UTF-8 with BOM)\n"
          "  stops.csv                   each stop's days and problem (UTF-8 with BOM)\n"
          "  bus_handover.csv            with SCENARIO_DIR/buses.csv, when a bus takes parcels:\n"
          "                              the conductors' list, stop by stop per bus run\n"
          "  plan.json                   the whole plan, which jincun export reads\n"
          "  roads.geojson               the map's roads, simplified: the map page's background,\n"
          "                              which jincun export reads too\n"
          "  gpx/<day>-<vehicle>.gpx     GPX 1.1 itinerary per vehicle and day\n"
          "  sheets/<day>-<vehicle>.html printable A4 driver sheet per vehicle and day\n"
          "  gpx/line-<n>.gpx, sheets/line-<n>.html  the same per line, for all its days\n"
          "                              (a plan with lines only)\n"
          "  plan.geojson                routes and stops as GeoJSON (RFC 7946)\n"
          "  map.html                    offline map page (Leaflet inlined)\n"
          "  timetable.csv               per stop: days, arrival time, line, van, driver\n"
          "  timetables/<township>.html  printable A4 timetable notice per township\n"
          "  roads.geojson               the map's roads, the map page's background for export\n"
          "  .jincun-outputs             the files jincun wrote, for its next run\n"
          "OUT_DIR must be new, empty or a folder jincun wrote: jincun replaces or removes\n"
          "only the files listed in its .jincun-outputs and leaves every other file alone.\n"
          "Everything is written to a temporary folder first.\n"
          "  -o, --out DIR         output folder (required)\n"
          "  -s, --seed N|time     random seed (default: the scenario's [solver] seed, else 1)\n"
          "  -t, --time-limit S    solver time limit in seconds (default: the scenario's)\n"
          "  -i, --iterations N    solver iteration limit (default: the scenario's, else none);\n"
          "                        a plan it stops is the same whatever the machine's speed\n"
          "  -m, --map FILE        OSM file to use instead of the scenario's map\n"
          "      --seeds N         plan with N seeds (the seed and the N-1 after it) on the\n"
          "                        machine's cores and keep the cheapest; the summary and\n"
          "                        plan.json record every seed's cost, the spread that\n"
          "                        jincun compare weighs a difference against (1 to 64)\n"
          "      --no-lp           do not use the GLPK parts of the solver\n"
          "      --timings         print the time of each phase and the peak memory on stderr\n"
          "  -q, --quiet           no progress or informational messages on stderr\n"
          "  -h, --help            this help\n"
          "Exit status: 0 plan written, every stop served; 1 runtime failure or interrupted\n"
          "(nothing written); 2 bad scenario or usage (nothing written); 3 some stops cannot\n"
          "be served: the plan of the others is written and the summary lists those left out\n"
          "(when no stop can be served, nothing is written).\n",
          f);
}

static void print_seed(void *ud, uint64_t seed)
{
    cli_print_seed(ud, seed);
}

/* A plan that leaves stops out is written (the officer wants to see it) but exits 3, so a
 * batch of counties notices it; the message says how many and why. */
static err_code partial(const planner_result *res, const char *out_dir, err *e)
{
    char why[512] = "";
    size_t used = 0;
    const struct {
        size_t n;
        const char *text;
    } parts[] = {
        {res->n_not_placed, "not placed: the fleet has no room for them within its shifts and "
                            "capacities, so add a van or lengthen shifts"},
        {res->n_infeasible, "infeasible for every van (too many parcels, too far, or closed "
                            "whenever a van can be there)"},
        {res->n_not_snapped, "not snapped: no road near them"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        if (!parts[i].n)
            continue;
        int w = snprintf(why + used, sizeof why - used, "%s%zu %s", used ? "; " : "", parts[i].n,
                         parts[i].text);
        if (w < 0 || (size_t)w >= sizeof why - used)
            break;
        used += (size_t)w;
    }
    return err_set(e, ERR_INFEASIBLE,
                   "plan written to %s, but %zu of %zu stops are not served (%s); the summary "
                   "lists them under NOT SERVED and stops.csv gives each one's reason",
                   out_dir, res->n_stops - res->n_served, res->n_stops, why);
}

static err_code cmd_plan_run(cli_ctx *ctx, int argc, char **argv, char **typed, err *e)
{
    enum { OPT_NO_LP = 256, OPT_TIMINGS, OPT_SEEDS };
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'},
        {"seed", required_argument, NULL, 's'},
        {"time-limit", required_argument, NULL, 't'},
        {"iterations", required_argument, NULL, 'i'},
        {"map", required_argument, NULL, 'm'},
        {"no-lp", no_argument, NULL, OPT_NO_LP},
        {"seeds", required_argument, NULL, OPT_SEEDS},
        {"timings", no_argument, NULL, OPT_TIMINGS},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    planner_opts po;
    planner_opts_init(&po);
    po.interrupted = ctx->interrupted;
    po.on_seed = print_seed;
    po.ud = ctx;
    const char *out_dir = NULL;
    bool timings = false;
    optind = 0;
    opterr = 0;
    int c;
    err_code rc;
    while ((c = getopt_long(argc, argv, ":o:s:t:i:m:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out_dir = optarg; break;
        case 's':
            if ((rc = cli_parse_seed(optarg, &po.seed, e)) != ERR_OK)
                return rc;
            po.seed_set = true;
            break;
        case 't':
            if ((rc = cli_parse_double("--time-limit", optarg, &po.time_limit_s, e)) != ERR_OK)
                return rc;
            if (po.time_limit_s < 0)
                return err_set(e, ERR_USAGE, "--time-limit: expected seconds >= 0, got '%s'",
                               optarg);
            break;
        case 'i':
            if ((rc = cli_parse_u64("--iterations", optarg, &po.max_iterations, e)) != ERR_OK)
                return rc;
            break;
        case 'm': po.map_path = optarg; break;
        case OPT_NO_LP: po.use_lp = false; break;
        case OPT_SEEDS: {
            uint64_t n = 0;
            if ((rc = cli_parse_u64("--seeds", optarg, &n, e)) != ERR_OK)
                return rc;
            if (n < 1 || n > 64)
                return err_set(e, ERR_USAGE, "--seeds: expected 1 to 64 seeds, got '%s'", optarg);
            po.n_seeds = (uint32_t)n;
            break;
        }
        case OPT_TIMINGS: timings = true; break;
        case 'q':
            ctx->log.min_level = LOG_WARN;
            ctx->log.progress = NULL;
            break;
        case 'h': usage(ctx->out); return ERR_OK;
        default: return cli_getopt_error("plan", c, argv, optind, e);
        }
    }
    if (optind != argc - 1)
        return err_set(e, ERR_USAGE,
                       "plan: expected one SCENARIO_DIR, got %d (try jincun plan "
                       "--help)",
                       argc - optind);
    if (!out_dir)
        return err_set(e, ERR_USAGE, "plan: -o OUT_DIR is required (try jincun plan --help)");
    if (!*out_dir)
        return err_set(e, ERR_USAGE, "-o: empty folder name (try jincun plan --help)");
    cli_print_command(ctx, argc, typed);

    planner_result res;
    rc = planner_run(argv[optind], out_dir, &po, &ctx->log, ctx->out, &res, e);
    if (timings) {
        const planner_timings *t = &res.timing;
        /* microseconds: the fast phases (snap, geometry) take about a millisecond on small maps */
        fprintf(ctx->diag,
                "timing scenario %.6f\ntiming map %.6f\ntiming snap %.6f\ntiming matrix %.6f\n"
                "timing solve %.6f\ntiming check %.6f\ntiming geometry %.6f\ntiming write %.6f\n"
                "timing total %.6f\npeak_rss_kib %ld\n",
                t->scenario, t->map, t->snap, t->matrix, t->solve, t->check, t->geometry, t->write,
                t->total, clock_peak_rss_kib());
    }
    if (rc == ERR_OK)
        log_msg(&ctx->log, LOG_INFO, "plan written to %s: %zu of %zu stops served, %zu routes",
                out_dir, res.n_served, res.n_stops, res.n_routes);
    if (rc == ERR_OK && res.n_served < res.n_stops)
        rc = partial(&res, out_dir, e);
    return rc;
}

err_code cmd_plan(cli_ctx *ctx, int argc, char **argv, err *e)
{
    /* getopt_long permutes argv; keep the command line as typed for the header (STYLE §6). */
    char **typed = xmallocarray((size_t)argc + 1, sizeof *typed);
    memcpy(typed, argv, (size_t)argc * sizeof *typed);
    typed[argc] = NULL;
    err_code rc = cmd_plan_run(ctx, argc, argv, typed, e);
    free(typed);
    return rc;
}
