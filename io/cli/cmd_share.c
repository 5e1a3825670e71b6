/* cmd_share.c — `jincun share SCENARIO_DIR -o OUT_DIR`: what sharing routes saves the
 * scenario's courier companies and fair splits of the shared cost (io/planner/share.h).
 * SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli/cmds.h"
#include "io/planner/share.h"
#include "util/clock.h"
#include "util/mem.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: jincun share SCENARIO_DIR -o OUT_DIR [options]\n"
            "Plans every coalition of the scenario's courier companies (2^k - 1 plans for k\n"
            "companies in [scenario] carriers) on its network and whole fleet, in parallel,\n"
            "each with the same seed and iteration limit; takes for each coalition the\n"
            "cheapest plan known (its own, a larger coalition's plan without the others'\n"
            "parcels, or two smaller coalitions' plans side by side); then splits the shared\n"
            "cost by the Shapley value, by parcels, by own cost, by the Equal Profit Method\n"
            "and by the nucleolus, with a core check of each. Prints the table and writes\n"
            "into OUT_DIR:\n"
            "  share.txt         the table, as printed\n"
            "  share.csv         per rule and company: cost alone, share, saving, per parcel,\n"
            "                    core check (UTF-8 with BOM)\n"
            "  coalitions.csv    per coalition: its figure, whose plan it is, km, vans, CO2\n"
            "  share.html        the tables and a chart of cost alone vs shared (offline)\n"
            "  .jincun-outputs   the files jincun wrote, for its next run\n"
            "OUT_DIR must be new, empty or a folder jincun wrote (as for jincun plan).\n"
            "Above %d companies the Shapley value is sampled over random orders (Castro et\n"
            "al. 2009) and only the coalitions those orders need are planned.\n"
            "  -o, --out DIR         output folder (required)\n"
            "  -s, --seed N|time     random seed of every plan (default: the scenario's)\n"
            "  -i, --iterations N    iterations per coalition plan (default %d; the\n"
            "                        scenario's [solver] iterations are for one plan)\n"
            "  -t, --time-limit S    per plan safety net in seconds (default: none; the\n"
            "                        scenario's time_limit_s is for one plan alone)\n"
            "  -j, --jobs N          plans at once (default: one per CPU)\n"
            "      --orders N        random orders of the sampled Shapley value (default %d)\n"
            "      --exact-max K     plan every coalition up to K companies (default %d, max 16)\n"
            "  -m, --map FILE        OSM file to use instead of the scenario's map\n"
            "      --no-lp           do not use the GLPK parts of the solver\n"
            "      --timings         print the time of each phase on stderr\n"
            "  -q, --quiet           no progress or informational messages on stderr\n"
            "  -h, --help            this help\n"
            "Exit status: 0 written; 1 runtime failure or interrupted (nothing written);\n"
            "2 bad scenario or usage, fewer than 2 companies (nothing written); 3 a stop\n"
            "cannot be served alone or in some coalition (nothing written).\n",
            SHARE_EXACT_MAX, SHARE_DEFAULT_ITERATIONS, SHARE_DEFAULT_ORDERS, SHARE_EXACT_MAX);
}

static void print_seed(void *ud, uint64_t seed)
{
    cli_print_seed(ud, seed);
}

static err_code parse_small(const char *opt, const char *s, uint64_t lo, uint64_t hi, uint64_t *v,
                            err *e)
{
    err_code rc = cli_parse_u64(opt, s, v, e);
    if (rc == ERR_OK && (*v < lo || *v > hi))
        rc = err_set(e, ERR_USAGE, "%s: expected %llu to %llu, got '%s'", opt,
                     (unsigned long long)lo, (unsigned long long)hi, s);
    return rc;
}

static err_code cmd_share_run(cli_ctx *ctx, int argc, char **argv, char **typed, err *e)
{
    enum { OPT_NO_LP = 256, OPT_TIMINGS, OPT_ORDERS, OPT_EXACT };
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'},
        {"seed", required_argument, NULL, 's'},
        {"iterations", required_argument, NULL, 'i'},
        {"time-limit", required_argument, NULL, 't'},
        {"jobs", required_argument, NULL, 'j'},
        {"orders", required_argument, NULL, OPT_ORDERS},
        {"exact-max", required_argument, NULL, OPT_EXACT},
        {"map", required_argument, NULL, 'm'},
        {"no-lp", no_argument, NULL, OPT_NO_LP},
        {"timings", no_argument, NULL, OPT_TIMINGS},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    share_opts so;
    share_opts_init(&so);
    so.interrupted = ctx->interrupted;
    so.on_seed = print_seed;
    so.ud = ctx;
    const char *out_dir = NULL;
    bool timings = false;
    uint64_t v;
    optind = 0;
    opterr = 0;
    int c;
    err_code rc;
    while ((c = getopt_long(argc, argv, ":o:s:i:t:j:m:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out_dir = optarg; break;
        case 's':
            if ((rc = cli_parse_seed(optarg, &so.seed, e)) != ERR_OK)
                return rc;
            so.seed_set = true;
            break;
        case 'i':
            if ((rc = parse_small("--iterations", optarg, 1, UINT64_MAX, &so.iterations, e)) !=
                ERR_OK)
                return rc;
            break;
        case 't':
            if ((rc = cli_parse_double("--time-limit", optarg, &so.time_limit_s, e)) != ERR_OK)
                return rc;
            if (so.time_limit_s < 0)
                return err_set(e, ERR_USAGE, "--time-limit: expected seconds >= 0, got '%s'",
                               optarg);
            break;
        case 'j':
            if ((rc = parse_small("--jobs", optarg, 1, 256, &v, e)) != ERR_OK)
                return rc;
            so.jobs = (unsigned)v;
            break;
        case OPT_ORDERS:
            if ((rc = parse_small("--orders", optarg, 1, 100000, &v, e)) != ERR_OK)
                return rc;
            so.orders = (uint32_t)v;
            break;
        case OPT_EXACT:
            if ((rc = parse_small("--exact-max", optarg, 2, 16, &v, e)) != ERR_OK)
                return rc;
            so.exact_max = (uint32_t)v;
            break;
        case 'm': so.map_path = optarg; break;
        case OPT_NO_LP: so.use_lp = false; break;
        case OPT_TIMINGS: timings = true; break;
        case 'q':
            ctx->log.min_level = LOG_WARN;
            ctx->log.progress = NULL;
            break;
        case 'h': usage(ctx->out); return ERR_OK;
        default: return cli_getopt_error("share", c, argv, optind, e);
        }
    }
    if (optind != argc - 1)
        return err_set(e, ERR_USAGE,
                       "share: expected one SCENARIO_DIR, got %d (try jincun share --help)",
                       argc - optind);
    if (!out_dir)
        return err_set(e, ERR_USAGE, "share: -o OUT_DIR is required (try jincun share --help)");
    if (!*out_dir)
        return err_set(e, ERR_USAGE, "-o: empty folder name (try jincun share --help)");
    cli_print_command(ctx, argc, typed);
    share_stats st;
    rc = share_run(argv[optind], out_dir, &so, &ctx->log, ctx->out, &st, e);
    if (timings)
        fprintf(ctx->diag,
                "timing network %.6f\ntiming plans %.6f\ntiming total %.6f\njobs %u\nplans "
                "%zu\npeak_rss_kib %ld\n",
                st.t_network, st.t_plans, st.t_total, st.jobs, st.n_planned, clock_peak_rss_kib());
    for (uint32_t size = 1; timings && size <= GAME_MAX_PLAYERS; size++)
        if (st.by_size[size].n)
            fprintf(ctx->diag, "timing plans of %u companies: %zu, CPU %.3f s\n", size,
                    st.by_size[size].n, st.by_size[size].cpu_s);
    if (rc == ERR_OK)
        log_msg(&ctx->log, LOG_INFO,
                "share written to %s: %zu plans, %zu figures from other "
                "coalitions' plans",
                out_dir, st.n_planned, st.n_bounds);
    if (rc == ERR_OK && st.time_limited)
        log_msg(&ctx->log, LOG_WARN,
                "some plans stopped at their time limit: the figures "
                "depend on this machine's speed (raise --time-limit or lower --iterations)");
    return rc;
}

err_code cmd_share(cli_ctx *ctx, int argc, char **argv, err *e)
{
    char **typed = xmallocarray((size_t)argc + 1, sizeof *typed);
    memcpy(typed, argv, (size_t)argc * sizeof *typed);
    typed[argc] = NULL;
    err_code rc = cmd_share_run(ctx, argc, argv, typed, e);
    free(typed);
    return rc;
}
