/* solveopt.c — options and run of the benchmark solve commands. SPDX-License-Identifier: MIT */
#include "io/cli/solveopt.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f, const char *cmd, bool with_vehicles)
{
    fprintf(f,
            "usage: jincun %s INSTANCE [options]\n"
            "Solves a %s benchmark instance and prints its cost.\n"
            "  --time-limit S   stop after S seconds (default 10; 0 = iterations only)\n"
            "  --iterations N   stop after N ruin-and-recreate iterations (default 0 = none)\n"
            "  --seed N|time    random seed (default 1)\n"
            "  --no-lp          do not use the GLPK pattern-assignment and set-partitioning MIPs\n"
            "  -o, --output F   write the solution to F (%s format); an existing F is\n"
            "                   replaced only when jincun wrote it and it is unchanged since\n"
            "                   (its folder's .jincun-files lists it), else refused at once\n",
            cmd, with_vehicles ? "TSPLIB CVRP" : "Cordeau periodic-VRP",
            with_vehicles ? "CVRPLIB .sol" : "Cordeau .res");
    if (with_vehicles)
        fprintf(f, "  --vehicles N     fleet size (default: unlimited; the k of a name \"-kN\" is\n"
                   "                   the least number of routes, not a fleet limit)\n");
    fprintf(f, "  --help           this text\n");
}

err_code solveopt_parse(cli_ctx *ctx, const char *cmd, bool with_vehicles, int argc, char **argv,
                        solveopt *o, err *e)
{
    memset(o, 0, sizeof *o);
    vrp_params_init(&o->params);
    static const struct option longopts[] = {{"time-limit", required_argument, NULL, 't'},
                                             {"iterations", required_argument, NULL, 'i'},
                                             {"seed", required_argument, NULL, 's'},
                                             {"no-lp", no_argument, NULL, 'n'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"vehicles", required_argument, NULL, 'v'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    optind = 0;
    opterr = 0;
    int c;
    err_code rc;
    while ((c = getopt_long(argc, argv, ":o:", longopts, NULL)) != -1) {
        switch (c) {
        case 't':
            if ((rc = cli_parse_double("--time-limit", optarg, &o->params.time_limit_s, e)))
                return rc;
            if (o->params.time_limit_s < 0)
                return err_set(e, ERR_USAGE, "--time-limit: expected a number >= 0, got '%s'",
                               optarg);
            break;
        case 'i':
            if ((rc = cli_parse_u64("--iterations", optarg, &o->params.max_iterations, e)))
                return rc;
            break;
        case 's':
            if ((rc = cli_parse_seed(optarg, &o->params.seed, e)))
                return rc;
            break;
        case 'n': o->params.use_lp = false; break;
        case 'o': o->output = optarg; break;
        case 'v':
            if (!with_vehicles)
                return cli_getopt_error(cmd, '?', argv, optind, e);
            if ((rc = cli_parse_u64("--vehicles", optarg, &o->vehicles, e)))
                return rc;
            break;
        case 'h':
            usage(ctx->out, cmd, with_vehicles);
            o->help = true;
            return ERR_OK;
        default: return cli_getopt_error(cmd, c, argv, optind, e);
        }
    }
    if (optind + 1 != argc)
        return err_set(e, ERR_USAGE, "expected one INSTANCE argument (try jincun %s --help)", cmd);
    o->instance = argv[optind];
    if (o->params.time_limit_s == 0 && o->params.max_iterations == 0)
        return err_set(e, ERR_USAGE, "--time-limit 0 needs --iterations N");
    return ERR_OK;
}

err_code solveopt_run(cli_ctx *ctx, const solveopt *o, const vrp_problem *p, vrp_solution **out,
                      err *e)
{
    cli_print_seed(ctx, o->params.seed);
    vrp_params par = o->params;
    par.interrupted = ctx->interrupted;
    err_code rc = vrp_solve(p, &par, &ctx->log, out, e);
    if (rc)
        return rc;
    size_t un = vrp_solution_unserved(p, *out);
    if (un) {
        uint32_t first = 0;
        for (uint32_t i = p->n_depots; i < p->n_nodes && !first; i++)
            if (p->nodes[i].freq && !(*out)->pattern[i])
                first = i;
        vrp_solution_free(*out);
        *out = NULL;
        return err_set(e, ERR_INFEASIBLE, "%zu stops could not be served (first: node %u)", un,
                       first);
    }
    return ERR_OK;
}
