/* cmd_pvrp.c — `jincun pvrp INSTANCE`: solves a Cordeau periodic-VRP instance, prints its cost
 * (recomputed from the coordinates) and writes the ".res" solution. SPDX-License-Identifier: MIT */
#include "io/cli/cmds.h"
#include "io/instances/cordeau.h"
#include "io/cli/solveopt.h"
#include "util/clock.h"

err_code cmd_pvrp(cli_ctx *ctx, int argc, char **argv, err *e)
{
    solveopt o;
    err_code rc = solveopt_parse(ctx, "pvrp", false, argc, argv, &o, e);
    if (rc || o.help)
        return rc;
    cli_print_command(ctx, argc, argv);
    cordeau_instance *ci = cordeau_load(o.instance, e);
    if (!ci)
        return e ? e->code : ERR_PARSE;
    double t0 = clock_now();
    vrp_solution *s = NULL;
    rc = solveopt_run(ctx, &o, &ci->problem, &s, e);
    if (!rc) {
        double secs = clock_now() - t0;
        fprintf(ctx->out, "cost %.2f\nroutes %zu\nseconds %.2f\n", cordeau_solution_cost(ci, s),
                s->n_routes, secs);
        if (o.output)
            rc = cordeau_res_write(ci, s, o.output, e);
    }
    vrp_solution_free(s);
    cordeau_free(ci);
    return rc;
}
