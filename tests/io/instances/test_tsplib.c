/* test_tsplib.c — TSPLIB CVRP instances and CVRPLIB ".sol" files.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/instances/tsplib.h"
#include "tests/support.h"

static const char *const names[] = {"A-n32-k5",  "A-n34-k5", "A-n39-k5",  "A-n45-k6",  "A-n80-k10",
                                    "B-n34-k5",  "B-n39-k5", "B-n45-k5",  "B-n45-k6",  "E-n22-k4",
                                    "E-n33-k4",  "E-n51-k5", "E-n76-k10", "E-n76-k14", "E-n76-k7",
                                    "P-n101-k4", "P-n45-k5", "P-n76-k4"};

Test(tsplib, every_shared_instance_loads)
{
    char path[4096];
    TEST_SHARED_OR_SKIP(path, "bench/cvrp/augerat/A-n32-k5.vrp");
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        char rel[128];
        snprintf(rel, sizeof rel, "bench/cvrp/augerat/%s.vrp", names[k]);
        cr_assert_not_null(test_shared_path(path, sizeof path, rel), "%s missing", rel);
        err e = {0};
        tsplib_instance *ti = tsplib_load(path, 0, &e);
        cr_assert_not_null(ti, "%s: %s", names[k], e.msg);
        cr_assert_str_eq(ti->name, names[k]);
        unsigned n, kk;
        cr_assert_eq(sscanf(strchr(names[k], 'n') + 1, "%u-k%u", &n, &kk), 2);
        cr_assert_eq(ti->dimension, n);
        cr_assert_eq(ti->k, kk);
        cr_assert_eq(ti->problem.n_days, 1);
        cr_assert_eq(ti->demand[0], 0);
        int64_t total = 0;
        for (uint32_t i = 1; i < ti->dimension; i++)
            total += ti->demand[i];
        /* no limit: more vans than a best solution can fill, at least k */
        cr_assert_eq(ti->problem.n_vehicles, 2 * total / ti->capacity + 2, "%s", names[k]);
        cr_assert_gt(ti->problem.n_vehicles, kk, "%s", names[k]);
        cr_assert(total <= (int64_t)kk * ti->capacity, "%s: demand %lld", names[k],
                  (long long)total);
        tsplib_free(ti);
    }
}

Test(tsplib, a_n32_k5_optimal_solution_costs_784)
{
    char path[4096], sol[4096];
    TEST_SHARED_OR_SKIP(path, "bench/cvrp/augerat/A-n32-k5.vrp");
    TEST_SHARED_OR_SKIP(sol, "bench/cvrp/augerat/A-n32-k5.sol");
    err e = {0};
    tsplib_instance *ti = tsplib_load(path, 0, &e);
    cr_assert_not_null(ti, "%s", e.msg);
    cr_assert_eq(ti->capacity, 100);
    /* node 1 (82,76) to node 2 (96,44): sqrt(14^2 + 32^2) = 34.93 -> 35 */
    cr_assert_eq(ti->problem.dist[1], 35);
    tsplib_sol *s = tsplib_sol_load(sol, &e);
    cr_assert_not_null(s, "%s", e.msg);
    cr_assert_eq(s->n_routes, 5);
    cr_assert(s->has_cost && s->cost == 784);
    vrp_solution *v = NULL;
    cr_assert_eq(tsplib_sol_to_solution(ti, s, &v, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(v->cost, 784);
    cr_assert_eq(tsplib_solution_cost(ti, v), 784);
    uint32_t visited = 0;
    for (size_t r = 0; r < v->n_routes; r++) {
        visited += v->routes[r].n_stops;
        cr_assert(v->routes[r].load <= 100);
    }
    cr_assert_eq(visited, 31);
    /* Round trip through the writer. */
    char *dir = test_tmpdir();
    char out[4096];
    snprintf(out, sizeof out, "%s/a.sol", dir);
    cr_assert_eq(tsplib_sol_write(ti, v, out, &e), ERR_OK, "%s", e.msg);
    tsplib_sol *s2 = tsplib_sol_load(out, &e);
    cr_assert_not_null(s2);
    cr_assert_eq(s2->n_routes, 5);
    cr_assert(s2->cost == 784);
    tsplib_sol_free(s2);
    test_rmtree(dir);
    free(dir);
    vrp_solution_free(v);
    tsplib_sol_free(s);
    tsplib_free(ti);
}

static const char good[] = "NAME : T-n4-k2\nTYPE : CVRP\nDIMENSION : 4\n"
                           "EDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\nNODE_COORD_SECTION\n"
                           "1 0 0\n2 3 4\n3 0 5\n4 1 1\nDEMAND_SECTION\n1 0\n2 4\n3 5\n4 6\n"
                           "DEPOT_SECTION\n1\n-1\nEOF\n";

static err_code load_text(const char *dir, const char *text, err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/bad.vrp", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    tsplib_instance *ti = tsplib_load(path, 0, e);
    bool ok = ti != NULL;
    tsplib_free(ti);
    return ok ? ERR_OK : e->code;
}

/* good[] with the first occurrence of `from` replaced by `to`. */
static char *edit(const char *from, const char *to)
{
    static char buf[1024]; /* tests in this file run one at a time in their own process */
    const char *p = strstr(good, from);
    cr_assert_not_null(p, "%s", from);
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)(p - good), good, to, p + strlen(from));
    return buf;
}

Test(tsplib, broken_instances_name_file_line_and_field)
{
    char *dir = test_tmpdir();
    err e = {0};
    cr_assert_eq(load_text(dir, good, &e), ERR_OK, "%s", e.msg);
    struct {
        const char *from, *to, *want;
    } cases[] = {
        {"EUC_2D", "GEO", "bad.vrp:4: field 'EDGE_WEIGHT_TYPE': expected EUC_2D, got 'GEO'"},
        {"2 3 4", "2 3 x", "bad.vrp:8: field 'y': expected a number, got 'x'"},
        {"3 5\n", "9 5\n",
         "bad.vrp:14: field 'DEMAND_SECTION': expected a new node id in 1..4, "
         "got '9'"},
        {"DEMAND_SECTION\n1 0\n2 4\n3 5\n4 6\n", "",
         "field 'DEMAND_SECTION': expected it, got end of file"},
        {"4 6\nDEPOT_SECTION\n1\n-1\nEOF\n", "4",
         "bad.vrp:15: field 'demand': expected a number, got end of file"},
        {"1\n-1\n", "1\n2\n-1\n", "expected -1 after the single depot, got '2'"},
        {"CAPACITY : 10", "CAPACITY : 5", "node 4: demand 6 exceeds CAPACITY 5"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        err_clear(&e);
        cr_assert_eq(load_text(dir, edit(cases[k].from, cases[k].to), &e), ERR_PARSE, "case %zu",
                     k);
        cr_assert_not_null(strstr(e.msg, cases[k].want), "case %zu: '%s'", k, e.msg);
    }
    test_rmtree(dir);
    free(dir);
}

/* In CVRPLIB the k of "-kN" is the least number of routes, not a fleet limit. */
Test(tsplib, fleet_is_unlimited_by_default_and_can_be_set)
{
    char *dir = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/t.vrp", dir);
    FILE *f = fopen(path, "w");
    fputs(good, f);
    fclose(f);
    err e = {0};
    tsplib_instance *ti = tsplib_load(path, 0, &e);
    cr_assert_not_null(ti, "%s", e.msg);
    cr_assert_eq(ti->k, 2, "kept as information");
    cr_assert_eq(ti->problem.n_vehicles, 3, "2 * 15 / 10 + 2 = 5, capped at one per customer");
    /* node 1 -> 2: 5; 2 -> 3: sqrt(9+1) = 3.16 -> 3; 3 -> 1: 5; 1 -> 4: 1.41 -> 1 */
    cr_assert_eq(ti->problem.dist[0 * 4 + 1], 5);
    cr_assert_eq(ti->problem.dist[1 * 4 + 2], 3);
    cr_assert_eq(ti->problem.dist[0 * 4 + 3], 1);
    tsplib_free(ti);
    ti = tsplib_load(path, 7, &e);
    cr_assert_eq(ti->problem.n_vehicles, 7);
    tsplib_free(ti);
    ti = tsplib_load(path, 0, &e);
    cr_assert_not_null(ti);
    snprintf(path, sizeof path, "%s/bad.sol", dir);
    f = fopen(path, "w");
    fputs("Route #1: 1 2\nRoute #2: 4\nCost 14\n", f);
    fclose(f);
    tsplib_sol *s = tsplib_sol_load(path, &e);
    cr_assert_not_null(s, "%s", e.msg);
    vrp_solution *v = NULL;
    cr_assert_eq(tsplib_sol_to_solution(ti, s, &v, &e), ERR_PARSE);
    cr_assert_not_null(strstr(e.msg, "bad.sol:2: field 'customer': expected 1..3, got '4'"), "%s",
                       e.msg);
    tsplib_sol_free(s);
    tsplib_free(ti);
    test_rmtree(dir);
    free(dir);
}

Test(tsplib, every_truncation_before_the_depot_end_is_a_parse_error)
{
    char path[4096];
    TEST_SHARED_OR_SKIP(path, "bench/cvrp/augerat/A-n32-k5.vrp");
    size_t len;
    char *text = test_slurp(path, &len);
    cr_assert_not_null(text);
    const char *end = strstr(text, "-1");
    cr_assert_not_null(end);
    char *dir = test_tmpdir();
    char cut[4096];
    snprintf(cut, sizeof cut, "%s/cut.vrp", dir);
    size_t pos = 0, keep = 0;
    while (pos <= (size_t)(end - text)) {
        FILE *f = fopen(cut, "w");
        fwrite(text, 1, pos, f);
        fclose(f);
        err e = {0};
        tsplib_instance *ti = tsplib_load(cut, 0, &e);
        cr_assert_null(ti, "%zu lines accepted", keep);
        cr_assert_eq(e.code, ERR_PARSE, "%zu lines: %s", keep, e.msg);
        cr_assert_not_null(strstr(e.msg, "cut.vrp"), "%s", e.msg);
        while (pos < len && text[pos] != '\n')
            pos++;
        pos++;
        keep++;
    }
    free(text);
    test_rmtree(dir);
    free(dir);
}

/* The distance matrix is estimated before it is allocated: an instance too large for the
 * memory (here a limit of 1 MiB for 600 nodes, 2.7 MiB) stops with a message, not an abort. */
Test(tsplib, an_instance_too_large_for_the_memory_is_refused)
{
    char *dir = test_tmpdir();
    size_t cap = 1 << 16, k = 0;
    char *text = malloc(cap);
    k += (size_t)snprintf(text + k, cap - k,
                          "NAME : big-n600-k1\nTYPE : CVRP\nDIMENSION : 600\n"
                          "EDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 100000\nNODE_COORD_SECTION\n");
    for (int i = 1; i <= 600; i++)
        k += (size_t)snprintf(text + k, cap - k, "%d %d %d\n", i, i % 37, i / 37);
    k += (size_t)snprintf(text + k, cap - k, "DEMAND_SECTION\n");
    for (int i = 1; i <= 600; i++)
        k += (size_t)snprintf(text + k, cap - k, "%d %d\n", i, i > 1);
    snprintf(text + k, cap - k, "DEPOT_SECTION\n1\n-1\nEOF\n");
    cr_assert_eq(test_write_file(dir, "big.vrp", text), 0);
    char path[4096];
    snprintf(path, sizeof path, "%s/big.vrp", dir);
    setenv("JINCUN_MAX_MEMORY_MB", "1", 1);
    err e = {0};
    cr_assert_null(tsplib_load(path, 0, &e));
    cr_assert_eq(e.code, ERR_USAGE);
    cr_assert_not_null(strstr(e.msg, "big.vrp: the 600 x 600 distance matrix and the search need "
                                     "about 3 MiB of memory, more than the 1 MiB that "
                                     "JINCUN_MAX_MEMORY_MB allows"),
                       "%s", e.msg);
    setenv("JINCUN_MAX_MEMORY_MB", "4", 1);
    tsplib_instance *ti = tsplib_load(path, 0, &e);
    cr_assert_not_null(ti, "%s", e.msg);
    tsplib_free(ti);
    free(text);
    test_rmtree(dir);
    free(dir);
}
