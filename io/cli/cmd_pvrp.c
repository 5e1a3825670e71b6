/* cmd_pvrp.c — `jincun pvrp INSTANCE`: solves a Cordeau periodic-VRP instance, prints its cost
 * (recomputed from the coordinates) and writes the ".res" solution. SPDX-License-Identifier: MIT */
#include "io/cli/cmds.h"
#include "io/instances/cordeau.h"
#include "io/cli/solveopt.h"
#include "io/text/ownfile.h"
#include "util/clock.h"

err_code cmd_pvrp(cli_ctx *ctx, int argc, char **argv, err *e)
{
    solveopt o;
    err_code rc = solveopt_parse(ctx, "pvrp", false, argc, argv, &o, e);
    if (rc || o.help)
        return rc;
    cli_print_command(ctx, argc, argv);
    /* -o is checked before the solve: a file of the user's is never replaced. */
    ownfile *of = NULL;
    if (o.output && (rc = ownfile_open(o.output, 0, &ctx->log, &of, e)) != ERR_OK)
        return rc;
    cordeau_instance *ci = cordeau_load(o.instance, e);
    if (!ci) {
        ownfile_free(of);
        return e ? e->code : ERR_PARSE;
    }
    double t0 = clock_now();
    vrp_solution *s = NULL;
    rc = solveopt_run(ctx, &o, &ci->problem, &s, e);
    if (!rc) {
        double secs = clock_now() - t0;
        fprintf(ctx->out, "cost %.2f\nroutes %zu\nseconds %.2f\n", cordeau_solution_cost(ci, s),
                s->n_routes, secs);
        if (of) {
            const char *tmp = ownfile_begin(of, e);
            rc = tmp ? cordeau_res_write(ci, s, tmp, e) : ERR_IO;
            if (rc == ERR_OK)
                rc = ownfile_commit(of, e);
        }
    }
    ownfile_free(of);
    vrp_solution_free(s);
    cordeau_free(ci);
    return rc;
}
