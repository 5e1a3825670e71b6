/* test_solveopt.c — `jincun pvrp` and `jincun cvrp` (io/cli/solveopt.c, io/cli/cmd_pvrp.c,
 * io/cli/cmd_cvrp.c) as a user runs them, on the shared benchmark instances with iteration limits.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"

Test(solveopt, pvrp_help_lists_every_option)
{
    char *out = NULL;
    cr_assert_eq(test_run_jincun("pvrp --help", &out, NULL), 0);
    const char *opts[] = {"--time-limit", "--iterations", "--seed", "--no-lp", "--output"};
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
        cr_assert_not_null(strstr(out, opts[i]), "%s missing", opts[i]);
    free(out);
}

Test(solveopt, pvrp_solves_p01_and_writes_res)
{
    char inst[4096];
    TEST_SHARED_OR_SKIP(inst, "bench/pvrp/p01.txt");
    char *dir = test_tmpdir();
    char args[10000], res[4200];
    snprintf(res, sizeof res, "%s/p01.res", dir);
    snprintf(args, sizeof args, "pvrp %s --time-limit 0 --iterations 3000 --no-lp -o %s", inst,
             res);
    char *out = NULL;
    cr_assert_eq(test_run_jincun(args, &out, NULL), 0);
    double cost = 0;
    const char *c = strstr(out, "cost ");
    cr_assert_not_null(c);
    cr_assert_eq(sscanf(c, "cost %lf", &cost), 1);
    /* best known 524.61; 3000 iterations get within 5 % */
    cr_assert(cost >= 524.6 && cost < 551.0, "cost %.2f", cost);
    char *text = test_slurp(res, NULL);
    cr_assert_not_null(text);
    double stated = 0;
    cr_assert_eq(sscanf(text, "%lf", &stated), 1);
    cr_assert_float_eq(stated, cost, 0.006);
    free(text);
    free(out);
    test_rmtree(dir);
    free(dir);
}

Test(solveopt, cvrp_solves_a_n32_k5)
{
    char inst[4096];
    TEST_SHARED_OR_SKIP(inst, "bench/cvrp/augerat/A-n32-k5.vrp");
    char args[8192];
    snprintf(args, sizeof args, "cvrp %s --time-limit 0 --iterations 10000 --no-lp", inst);
    char *out = NULL;
    cr_assert_eq(test_run_jincun(args, &out, NULL), 0);
    long cost = 0;
    const char *c = strstr(out, "cost ");
    cr_assert_not_null(c);
    cr_assert_eq(sscanf(c, "cost %ld", &cost), 1);
    cr_assert(cost >= 784 && cost <= 800, "optimum 784, got %ld", cost);
    free(out);
}

/* "-k2" is the least number of routes: 2 routes are feasible here (7+3 and 6+4 parcels, 804),
 * but 3 routes cost 604. With the fleet fixed to k the best plan could not be found. */
static const char k_plus_1[] = "NAME : T-n5-k2\nTYPE : CVRP\nDIMENSION : 5\n"
                               "EDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\nNODE_COORD_SECTION\n"
                               "1 0 0\n2 100 0\n3 -100 0\n4 -101 0\n5 101 0\n"
                               "DEMAND_SECTION\n1 0\n2 7\n3 3\n4 6\n5 4\n"
                               "DEPOT_SECTION\n1\n-1\nEOF\n";

Test(solveopt, cvrp_fleet_is_unlimited_so_k_plus_1_routes_win)
{
    char *dir = test_tmpdir();
    cr_assert_eq(test_write_file(dir, "t.vrp", k_plus_1), 0);
    char args[8192];
    snprintf(args, sizeof args, "cvrp %s/t.vrp --time-limit 0 --iterations 500 -o %s/t.sol", dir,
             dir);
    char *out = NULL, *err = NULL;
    cr_assert_eq(test_run_jincun(args, &out, &err), 0, "%s", err);
    cr_assert_not_null(strstr(out, "cost 604\nroutes 3\n"), "%s", out);
    cr_assert_not_null(strstr(err, "# fleet: no limit (4 vehicles, more than a best solution "
                                   "uses); k = 2 of the name is the least number of routes\n"),
                       "%s", err);
    free(out);
    free(err);
    /* and `jincun check` reads the instance the same way: the 3 routes are valid */
    snprintf(args, sizeof args, "check %s/t.vrp %s/t.sol", dir, dir);
    cr_assert_eq(test_run_jincun(args, &out, NULL), 0);
    cr_assert_not_null(strstr(out, "recomputed cost: 604"), "%s", out);
    free(out);
    /* --vehicles still fixes the fleet: 2 vans must carry 10 parcels each */
    snprintf(args, sizeof args, "cvrp %s/t.vrp --time-limit 0 --iterations 500 --vehicles 2", dir);
    cr_assert_eq(test_run_jincun(args, &out, NULL), 0);
    cr_assert_not_null(strstr(out, "cost 804\nroutes 2\n"), "%s", out);
    free(out);
    test_rmtree(dir);
    free(dir);
}
