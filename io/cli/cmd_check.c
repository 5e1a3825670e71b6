/* cmd_check.c — `jincun check INSTANCE SOLUTION`: verifies a benchmark solution (Cordeau PVRP
 * .txt/.res or TSPLIB CVRP .vrp/.sol) against its instance. Structure (every customer served
 * on one allowed pattern, capacity, fleet per day) comes from the independent checker
 * (solver/check.h) on the instance's integer model; cost and route duration are recomputed in
 * double precision from the coordinates (Cordeau) or with TSPLIB's rounded EUC_2D (TSPLIB).
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli/cmds.h"
#include "io/instances/cordeau.h"
#include "io/instances/tsplib.h"
#include "solver/check.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: jincun check [options] INSTANCE SOLUTION\n"
               "Checks a benchmark solution against its instance and recomputes its cost.\n"
               "  Cordeau PVRP: INSTANCE .txt, SOLUTION .res (cost, then\n"
               "                'day vehicle duration load 0 c1 .. ck 0' per route)\n"
               "  TSPLIB CVRP:  INSTANCE .vrp, SOLUTION .sol ('Route #1: ...', 'Cost N')\n"
               "options:\n"
               "  --format=cordeau|tsplib  file format (default: from the extensions, else the\n"
               "                           instance's content)\n"
               "  --vehicles=N             TSPLIB fleet size (default: unlimited)\n"
               "  --tolerance=X            allowed |stated - recomputed| cost (default 0.01)\n"
               "  --help                   this text\n"
               "Checks: every customer visited exactly f times, on the days of one of its allowed\n"
               "day combinations, at most once a day; route load <= capacity; route duration\n"
               "(travel + service) <= D; at most m routes per day and one per vehicle per day;\n"
               "stated cost = recomputed cost within the tolerance.\n"
               "Prints each violation, then 'valid' or 'invalid'.\n"
               "Exit status: 0 valid; 3 the solution is invalid (violations listed); 2 a file is\n"
               "malformed or the command line is wrong; 1 a file cannot be read.\n");
}

static bool ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

/* Guesses the format: extensions first, then "NODE_COORD_SECTION" or "CAPACITY" in the
 * instance means TSPLIB. */
static bool looks_tsplib(const char *inst, const char *sol)
{
    if (ends_with(inst, ".vrp") || ends_with(sol, ".sol"))
        return true;
    if (ends_with(inst, ".txt") || ends_with(sol, ".res"))
        return false;
    FILE *f = fopen(inst, "r");
    if (!f)
        return false;
    char line[512];
    bool ts = false;
    for (int k = 0; k < 20 && fgets(line, sizeof line, f); k++)
        if (strstr(line, "NODE_COORD_SECTION") || strstr(line, "CAPACITY") ||
            strstr(line, "DIMENSION"))
            ts = true;
    fclose(f);
    return ts;
}

/* Prints the structural violations (skipping kinds the caller re-checks itself). Returns how
 * many were printed, plus those the report could not store. */
static size_t print_violations(cli_ctx *ctx, const vrp_check_report *r, bool skip_duration)
{
    size_t n = 0;
    for (size_t k = 0; k < r->n_stored; k++) {
        vrp_violation_kind kind = r->violations[k].kind;
        if (kind == VRP_VIOL_STORED || (skip_duration && kind == VRP_VIOL_DURATION))
            continue;
        fprintf(ctx->out, "violation: %s\n", r->violations[k].msg);
        n++;
    }
    if (r->n_violations > r->n_stored) {
        fprintf(ctx->out, "violation: ... and %zu more\n", r->n_violations - r->n_stored);
        n += r->n_violations - r->n_stored;
    }
    return n;
}

static err_code verdict(cli_ctx *ctx, const char *sol_path, size_t n_bad, err *e)
{
    if (n_bad) {
        fprintf(ctx->out, "invalid: %zu violation%s\n", n_bad, n_bad == 1 ? "" : "s");
        return err_set(e, ERR_INFEASIBLE, "%s: solution is invalid (%zu violation%s)", sol_path,
                       n_bad, n_bad == 1 ? "" : "s");
    }
    fprintf(ctx->out, "valid\n");
    return ERR_OK;
}

static err_code check_cordeau(cli_ctx *ctx, const char *inst, const char *sol, double tol, err *e)
{
    err_code c;
    cordeau_res *r = NULL;
    vrp_solution *s = NULL;
    vrp_check_report rep = {0};
    cordeau_instance *ci = cordeau_load(inst, e);
    if (!ci)
        return e->code;
    if (!(r = cordeau_res_load(sol, e)) || (c = cordeau_res_to_solution(ci, r, &s, e))) {
        c = e->code;
        goto cleanup;
    }
    fprintf(ctx->out,
            "instance: %s (Cordeau PVRP: %u customers, %u days, %u vehicles per day, "
            "capacity %d, max duration ",
            inst, ci->n, ci->t, ci->m, ci->capacity[0]);
    if (ci->max_duration[0] > 0)
        fprintf(ctx->out, "%g)\n", ci->max_duration[0]);
    else
        fprintf(ctx->out, "none)\n");
    fprintf(ctx->out, "solution: %s (%zu routes, stated cost %.2f)\n", sol, r->n_routes, r->cost);
    for (size_t k = 0; k < s->n_routes && s->n_routes > r->n_routes; k++) {
        const vrp_route *rt = &s->routes[k];
        bool listed = false;
        for (size_t j = 0; j < r->n_routes && !listed; j++)
            listed = r->routes[j].day == rt->day + 1 && r->routes[j].n_stops == 1 &&
                     r->routes[j].stops[0] == rt->stops[0];
        if (rt->n_stops == 1 && !listed)
            fprintf(ctx->out,
                    "note: customer %u is at the depot and not listed: served by a "
                    "route of length 0 on day %u (vehicle %u)\n",
                    rt->stops[0], rt->day + 1,
                    (ci->uniform_days ? rt->vehicle : rt->vehicle % ci->m) + 1);
    }
    vrp_check_opts o;
    vrp_check_opts_init(&o);
    o.check_stored = false;
    vrp_check_with(&ci->problem, s, &o, &rep);
    /* Duration in the integer model is rounded per arc; the verdict uses the coordinates. */
    size_t n_bad = print_violations(ctx, &rep, true);
    for (size_t k = 0; k < s->n_routes; k++) {
        const vrp_route *rt = &s->routes[k];
        double dmax = ci->max_duration[rt->day];
        double dur = cordeau_route_length(ci, rt->stops, rt->n_stops) +
                     cordeau_route_service(ci, rt->stops, rt->n_stops);
        if (dmax > 0 && dur > dmax + 1e-9 * dmax) {
            uint32_t veh = ci->uniform_days ? rt->vehicle : rt->vehicle % ci->m;
            fprintf(ctx->out, "violation: day %u vehicle %u: duration %.2f > max duration %g\n",
                    rt->day + 1, veh + 1, dur, dmax);
            n_bad++;
        }
    }
    double cost = cordeau_solution_cost(ci, s);
    fprintf(ctx->out, "recomputed cost: %.4f\n", cost);
    if (!(fabs(cost - r->cost) <= tol + 1e-9)) {
        fprintf(ctx->out,
                "violation: stated cost %.2f differs from recomputed %.4f by %.4f "
                "(tolerance %g)\n",
                r->cost, cost, fabs(cost - r->cost), tol);
        n_bad++;
    }
    c = verdict(ctx, sol, n_bad, e);
cleanup:
    vrp_check_report_free(&rep);
    vrp_solution_free(s);
    cordeau_res_free(r);
    cordeau_free(ci);
    return c;
}

static err_code check_tsplib(cli_ctx *ctx, const char *inst, const char *sol, uint32_t vehicles,
                             double tol, err *e)
{
    err_code c;
    tsplib_sol *ts = NULL;
    vrp_solution *s = NULL;
    vrp_check_report rep = {0};
    tsplib_instance *ti = tsplib_load(inst, vehicles, e);
    if (!ti)
        return e->code;
    if (!(ts = tsplib_sol_load(sol, e)) || (c = tsplib_sol_to_solution(ti, ts, &s, e))) {
        c = e->code;
        goto cleanup;
    }
    fprintf(ctx->out, "instance: %s (TSPLIB CVRP %s: %u customers, %u vehicles, capacity %d)\n",
            inst, ti->name, ti->dimension - 1, ti->problem.n_vehicles, ti->capacity);
    fprintf(ctx->out, "solution: %s (%zu routes", sol, ts->n_routes);
    if (ts->has_cost)
        fprintf(ctx->out, ", stated cost %g)\n", ts->cost);
    else
        fprintf(ctx->out, ", no stated cost)\n");
    vrp_check_opts o;
    vrp_check_opts_init(&o);
    o.check_stored = false;
    vrp_check_with(&ti->problem, s, &o, &rep);
    size_t n_bad = print_violations(ctx, &rep, false);
    int64_t cost = tsplib_solution_cost(ti, s);
    fprintf(ctx->out, "recomputed cost: %lld\n", (long long)cost);
    if (ts->has_cost && !(fabs((double)cost - ts->cost) <= tol + 1e-9)) {
        fprintf(ctx->out,
                "violation: stated cost %g differs from recomputed %lld (tolerance "
                "%g)\n",
                ts->cost, (long long)cost, tol);
        n_bad++;
    }
    c = verdict(ctx, sol, n_bad, e);
cleanup:
    vrp_check_report_free(&rep);
    vrp_solution_free(s);
    tsplib_sol_free(ts);
    tsplib_free(ti);
    return c;
}

err_code cmd_check(cli_ctx *ctx, int argc, char **argv, err *e)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"vehicles", required_argument, NULL, 'v'},
                                         {"tolerance", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *format = NULL;
    uint64_t vehicles = 0;
    double tol = 0.01;
    optind = 0;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            if (strcmp(optarg, "cordeau") && strcmp(optarg, "tsplib"))
                return err_set(e, ERR_USAGE, "--format: expected cordeau or tsplib, got '%s'",
                               optarg);
            format = optarg;
            break;
        case 'v':
            if (cli_parse_u64("--vehicles", optarg, &vehicles, e))
                return e->code;
            if (vehicles > 1000000)
                return err_set(e, ERR_USAGE, "--vehicles: expected at most 1000000, got '%s'",
                               optarg);
            break;
        case 't':
            if (cli_parse_double("--tolerance", optarg, &tol, e))
                return e->code;
            if (!(tol >= 0))
                return err_set(e, ERR_USAGE, "--tolerance: expected >= 0, got '%s'", optarg);
            break;
        case 'h': usage(ctx->out); return ERR_OK;
        default: return cli_getopt_error("check", ch, argv, optind, e);
        }
    }
    if (argc - optind != 2)
        return err_set(e, ERR_USAGE, "check needs INSTANCE and SOLUTION (try jincun check --help)");
    const char *inst = argv[optind], *sol = argv[optind + 1];
    bool ts = format ? !strcmp(format, "tsplib") : looks_tsplib(inst, sol);
    return ts ? check_tsplib(ctx, inst, sol, (uint32_t)vehicles, tol, e)
              : check_cordeau(ctx, inst, sol, tol, e);
}
