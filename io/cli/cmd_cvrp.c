/* cmd_cvrp.c — `jincun cvrp INSTANCE`: solves a TSPLIB CVRP instance (one day, each customer
 * once), prints its EUC_2D cost and writes the CVRPLIB ".sol" solution.
 * SPDX-License-Identifier: MIT */
#include "io/cli/cmds.h"
#include "io/cli/solveopt.h"
#include "io/instances/tsplib.h"
#include "io/text/ownfile.h"
#include "util/clock.h"

err_code cmd_cvrp(cli_ctx *ctx, int argc, char **argv, err *e)
{
    solveopt o;
    err_code rc = solveopt_parse(ctx, "cvrp", true, argc, argv, &o, e);
    if (rc || o.help)
        return rc;
    if (o.vehicles > UINT32_MAX)
        return err_set(e, ERR_USAGE, "--vehicles: too large");
    cli_print_command(ctx, argc, argv);
    /* -o is checked before the solve: a file of the user's is never replaced. */
    ownfile *of = NULL;
    if (o.output && (rc = ownfile_open(o.output, 0, &ctx->log, &of, e)) != ERR_OK)
        return rc;
    tsplib_instance *ti = tsplib_load(o.instance, (uint32_t)o.vehicles, e);
    if (!ti) {
        ownfile_free(of);
        return e ? e->code : ERR_PARSE;
    }
    if (o.vehicles)
        fprintf(ctx->diag, "# fleet: %u vehicles (--vehicles)\n", ti->problem.n_vehicles);
    else
        fprintf(ctx->diag, "# fleet: no limit (%u vehicles, more than a best solution uses)%s",
                ti->problem.n_vehicles, ti->k ? "" : "\n");
    if (!o.vehicles && ti->k)
        fprintf(ctx->diag, "; k = %u of the name is the least number of routes\n", ti->k);
    double t0 = clock_now();
    vrp_solution *s = NULL;
    rc = solveopt_run(ctx, &o, &ti->problem, &s, e);
    if (!rc) {
        double secs = clock_now() - t0;
        fprintf(ctx->out, "cost %lld\nroutes %zu\nseconds %.2f\n",
                (long long)tsplib_solution_cost(ti, s), s->n_routes, secs);
        if (of) {
            const char *tmp = ownfile_begin(of, e);
            rc = tmp ? tsplib_sol_write(ti, s, tmp, e) : ERR_IO;
            if (rc == ERR_OK)
                rc = ownfile_commit(of, e);
        }
    }
    ownfile_free(of);
    vrp_solution_free(s);
    tsplib_free(ti);
    return rc;
}
