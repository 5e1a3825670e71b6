/* test_solveopt.c — `jincun pvrp` and `jincun cvrp` (io/solveopt.c, io/cmd_pvrp.c,
 * io/cmd_cvrp.c) as a user runs them, on the shared benchmark instances with iteration limits.
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

Test(solveopt, bad_options_are_usage_errors)
{
    char *err = NULL;
    cr_assert_eq(test_run_jincun("pvrp --bogus x.txt", NULL, &err), 2);
    cr_assert_not_null(strstr(err, "--bogus"));
    free(err);
    err = NULL;
    cr_assert_eq(test_run_jincun("pvrp", NULL, &err), 2);
    cr_assert_not_null(strstr(err, "INSTANCE"));
    free(err);
    err = NULL;
    cr_assert_eq(test_run_jincun("cvrp x.vrp --seed abc", NULL, &err), 2);
    free(err);
    cr_assert_eq(test_run_jincun("pvrp /nonexistent/p.txt --iterations 5", NULL, NULL), 1);
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
