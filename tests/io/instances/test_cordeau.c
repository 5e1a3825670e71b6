/* test_cordeau.c — Cordeau PVRP instances and ".res" files: every shared instance loads and
 * every 1997 solution recomputes to its stated cost; broken files fail with FILE:LINE.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/instances/cordeau.h"
#include "tests/support.h"

static const char *const names[] = {"p01", "p02", "p04",  "p05",  "p07",  "p08",  "p10",
                                    "p12", "p14", "p15",  "p17",  "p18",  "p21",  "p24",
                                    "p27", "p30", "pr01", "pr02", "pr03", "pr07", "pr08"};
#define N_NAMES (sizeof names / sizeof *names)

Test(cordeau, mask_conversion_reads_binary_digits_from_the_left)
{
    /* t = 5: combination 16 = 10000b = day 1 only -> bit 0; 1 = day 5 -> bit 4. */
    cr_assert_eq(cordeau_mask_from_file(16, 5), 1u);
    cr_assert_eq(cordeau_mask_from_file(1, 5), 16u);
    cr_assert_eq(cordeau_mask_from_file(20, 5), 1u | 4u); /* 10100b: days 1 and 3 */
    cr_assert_eq(cordeau_mask_from_file(15, 4), 15u);
    for (uint32_t c = 1; c < 64; c++)
        cr_assert_eq(cordeau_mask_to_file(cordeau_mask_from_file(c, 6), 6), c);
}

Test(cordeau, p01_loads_with_its_known_contents)
{
    char path[4096];
    TEST_SHARED_OR_SKIP(path, "bench/pvrp/p01.txt");
    err e = {0};
    cordeau_instance *ci = cordeau_load(path, &e);
    cr_assert_not_null(ci, "%s", e.msg);
    cr_assert_eq(ci->m, 3);
    cr_assert_eq(ci->n, 51);
    cr_assert_eq(ci->t, 2);
    cr_assert_eq(ci->capacity[0], 160);
    cr_assert(ci->max_duration[1] == 0);
    /* "1 37 52 0 7 1 2 1 2": combination 1 = day 2, combination 2 = day 1. */
    cr_assert_eq(ci->demand[1], 7);
    cr_assert_eq(ci->n_patterns[1], 2);
    cr_assert_eq(ci->patterns[1][0], 2u);
    cr_assert_eq(ci->patterns[1][1], 1u);
    /* "51 30 40 0 160 1 1 2": at the depot, fills a vehicle, day 1 only. */
    cr_assert_eq(ci->demand[51], 160);
    cr_assert_eq(ci->patterns[51][0], 1u);
    const vrp_problem *p = &ci->problem;
    cr_assert_eq(p->n_nodes, 52);
    cr_assert_eq(p->n_vehicles, 3);
    cr_assert_eq(p->vehicles[0].days, 3u);
    cr_assert_eq(p->vehicles[0].max_duration, 0);
    /* depot (30,40) to customer 1 (37,52): sqrt(193) = 13.892443... */
    cr_assert_eq(p->dist[1], 138924);
    cr_assert_eq(p->dist[51], 0);
    cr_assert_eq(p->nodes[1].freq, 1);
    cordeau_free(ci);
}

Test(cordeau, every_shared_instance_loads_and_every_1997_solution_costs_as_stated)
{
    char path[4096], res[4096];
    TEST_SHARED_OR_SKIP(path, "bench/pvrp/p01.txt");
    for (size_t k = 0; k < N_NAMES; k++) {
        char rel[128];
        snprintf(rel, sizeof rel, "bench/pvrp/%s.txt", names[k]);
        cr_assert_not_null(test_shared_path(path, sizeof path, rel), "%s missing", rel);
        err e = {0};
        cordeau_instance *ci = cordeau_load(path, &e);
        cr_assert_not_null(ci, "%s: %s", names[k], e.msg);
        for (uint32_t i = 1; i <= ci->n; i++)
            for (uint32_t q = 0; q < ci->n_patterns[i]; q++)
                cr_assert_eq((uint32_t)__builtin_popcount(ci->patterns[i][q]), ci->freq[i]);
        snprintf(rel, sizeof rel, "bench/pvrp/cgl97_solutions/%s.res", names[k]);
        cr_assert_not_null(test_shared_path(res, sizeof res, rel), "%s missing", rel);
        cordeau_res *r = cordeau_res_load(res, &e);
        cr_assert_not_null(r, "%s: %s", names[k], e.msg);
        vrp_solution *s = NULL;
        cr_assert_eq(cordeau_res_to_solution(ci, r, &s, &e), ERR_OK, "%s", e.msg);
        double cost = cordeau_solution_cost(ci, s);
        cr_assert(fabs(cost - r->cost) <= 0.01, "%s: recomputed %.4f, stated %.2f", names[k], cost,
                  r->cost);
        /* The integer model agrees to the rounding of each arc. */
        cr_assert(fabs((double)s->cost / CORDEAU_SCALE - cost) < 0.05, "%s: %lld vs %.4f", names[k],
                  (long long)s->cost, cost);
        for (size_t j = 1; j < s->n_routes; j++)
            cr_assert(s->routes[j - 1].day <= s->routes[j].day);
        vrp_solution_free(s);
        cordeau_res_free(r);
        cordeau_free(ci);
    }
}

Test(cordeau, res_written_then_read_gives_the_same_routes)
{
    char path[4096], res[4096];
    TEST_SHARED_OR_SKIP(path, "bench/pvrp/pr01.txt");
    TEST_SHARED_OR_SKIP(res, "bench/pvrp/cgl97_solutions/pr01.res");
    err e = {0};
    cordeau_instance *ci = cordeau_load(path, &e);
    cordeau_res *r = cordeau_res_load(res, &e);
    cr_assert(ci && r, "%s", e.msg);
    vrp_solution *s = NULL;
    cr_assert_eq(cordeau_res_to_solution(ci, r, &s, &e), ERR_OK);
    char *dir = test_tmpdir();
    char out[4096];
    snprintf(out, sizeof out, "%s/pr01.res", dir);
    cr_assert_eq(cordeau_res_write(ci, s, out, &e), ERR_OK, "%s", e.msg);
    cordeau_res *r2 = cordeau_res_load(out, &e);
    cr_assert_not_null(r2, "%s", e.msg);
    cr_assert_eq(r2->n_routes, r->n_routes);
    cr_assert(fabs(r2->cost - r->cost) <= 0.01);
    vrp_solution *s2 = NULL;
    cr_assert_eq(cordeau_res_to_solution(ci, r2, &s2, &e), ERR_OK);
    cr_assert_eq(s2->cost, s->cost);
    for (size_t k = 0; k < s->n_routes; k++) {
        cr_assert_eq(s2->routes[k].n_stops, s->routes[k].n_stops);
        cr_assert_eq(s2->routes[k].day, s->routes[k].day);
        cr_assert_eq(s2->routes[k].vehicle, s->routes[k].vehicle);
        cr_assert_eq(memcmp(s2->routes[k].stops, s->routes[k].stops,
                            s->routes[k].n_stops * sizeof(uint32_t)),
                     0);
    }
    vrp_solution_free(s2);
    cordeau_res_free(r2);
    vrp_solution_free(s);
    cordeau_res_free(r);
    cordeau_free(ci);
    test_rmtree(dir);
    free(dir);
}

/* Writes text to DIR/name and loads it as an instance; returns the error message. */
static err_code load_text(const char *dir, const char *text, err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/bad.txt", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    cordeau_instance *ci = cordeau_load(path, e);
    cordeau_free(ci);
    return ci ? ERR_OK : e->code;
}

#define HEAD "1 2 3 2\n0 100\n0 100\n0 0 0 0 0 0 0\n"

Test(cordeau, broken_instances_name_file_line_and_field)
{
    char *dir = test_tmpdir();
    err e = {0};
    /* A valid tiny instance first, so the broken ones differ by one fault. */
    cr_assert_eq(load_text(dir, HEAD "1 1 0 0 5 1 2 1 2\n2 0 1 0 5 2 1 3\n3 1 1 0 5 1 1 2\n", &e),
                 ERR_OK, "%s", e.msg);
    struct {
        const char *text, *want;
    } cases[] = {
        {HEAD "1 1 0 0 5 1 2 1 2\n2 0 1 0 5 2 1 3\n", "bad.txt:7: field 'i': expected a "
                                                      "non-negative integer, got end of file"},
        {HEAD "1 1 0 0 5x 1 2 1 2\n2 0 1 0 5 2 1 3\n3 1 1 0 5 1 1 2\n",
         "bad.txt:5: field 'q': expected a number, got '5x'"},
        {HEAD "1 1 0 0 5 1 2 1 3\n2 0 1 0 5 2 1 3\n3 1 1 0 5 1 1 2\n",
         "bad.txt:5: customer 1: field 'c2': combination 3 has 2 days, expected f = 1"},
        {HEAD "1 1 0 0 5 1 2 1 4\n2 0 1 0 5 2 1 3\n3 1 1 0 5 1 1 2\n",
         "bad.txt:5: customer 1: field 'c2': expected a day combination in 1..3, got '4'"},
        {HEAD "1 1 0 0 5 1 2 1 2\n3 0 1 0 5 2 1 3\n3 1 1 0 5 1 1 2\n",
         "bad.txt:6: field 'i': expected customer 2, got '3'"},
        {"2 2 3 2\n", "bad.txt:1: field 'type': expected 1 (PVRP), got '2'"},
        {HEAD "1 1 0 0 5 1 2 1 2 7\n2 0 1 0 5 2 1 3\n3 1 1 0 5 1 1 2\n",
         "bad.txt:5: customer 1: expected end of line after 2 combinations, got '7'"},
        {"1 2 3 2\n0 100\n0 -5\n", "bad.txt:3: field 'Q': expected a positive capacity"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        err_clear(&e);
        cr_assert_eq(load_text(dir, cases[k].text, &e), ERR_PARSE, "case %zu", k);
        cr_assert_not_null(strstr(e.msg, cases[k].want), "case %zu: '%s'", k, e.msg);
    }
    test_rmtree(dir);
    free(dir);
}

Test(cordeau, broken_res_files_are_parse_errors)
{
    char path[4096];
    TEST_SHARED_OR_SKIP(path, "bench/pvrp/p01.txt");
    err e = {0};
    cordeau_instance *ci = cordeau_load(path, &e);
    cr_assert_not_null(ci);
    char *dir = test_tmpdir();
    char res[4096];
    snprintf(res, sizeof res, "%s/bad.res", dir);
    struct {
        const char *text, *want;
        bool load_ok;
    } cases[] = {
        {"12.5\n1 1 3.0 7 0 1 2\n", "bad.res:2: field 'route': expected the depot 0 at the end",
         false},
        {"12.5\n1 1 3.0 7 5 1 0\n", "bad.res:2: field 'route': expected the depot 0 first", false},
        {"12.5\n1 1 3.0\n", "bad.res:2: field 'load': expected a number, got end of line", false},
        {"abc\n", "bad.res:1: field 'cost': expected a number, got 'abc'", false},
        {"12.5\n3 1 3.0 7 0 1 0\n", "bad.res:2: field 'day': expected 1..2, got '3'", true},
        {"12.5\n1 1 3.0 7 0 52 0\n", "bad.res:2: field 'customer': expected 1..51, got '52'", true},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        FILE *f = fopen(res, "w");
        fputs(cases[k].text, f);
        fclose(f);
        err_clear(&e);
        cordeau_res *r = cordeau_res_load(res, &e);
        if (cases[k].load_ok) {
            cr_assert_not_null(r, "case %zu: %s", k, e.msg);
            vrp_solution *s = NULL;
            cr_assert_eq(cordeau_res_to_solution(ci, r, &s, &e), ERR_PARSE, "case %zu", k);
            cr_assert_null(s);
            cordeau_res_free(r);
        } else {
            cr_assert_null(r, "case %zu", k);
            cr_assert_eq(e.code, ERR_PARSE);
        }
        cr_assert_not_null(strstr(e.msg, cases[k].want), "case %zu: '%s'", k, e.msg);
    }
    cordeau_free(ci);
    test_rmtree(dir);
    free(dir);
}

Test(cordeau, missing_file_is_an_io_error)
{
    err e = {0};
    cr_assert_null(cordeau_load("/nonexistent/p99.txt", &e));
    cr_assert_eq(e.code, ERR_IO);
    cr_assert_not_null(strstr(e.msg, "/nonexistent/p99.txt"));
}

Test(cordeau, every_truncation_of_p01_is_a_parse_error_naming_a_line)
{
    char path[4096];
    TEST_SHARED_OR_SKIP(path, "bench/pvrp/p01.txt");
    size_t len;
    char *text = test_slurp(path, &len);
    cr_assert_not_null(text);
    size_t lines = 0;
    for (size_t k = 0; k < len; k++)
        lines += text[k] == '\n';
    char *dir = test_tmpdir();
    char cut[4096];
    snprintf(cut, sizeof cut, "%s/cut.txt", dir);
    size_t pos = 0;
    for (size_t keep = 0; keep < lines; keep++) {
        /* the first `keep` complete lines */
        FILE *f = fopen(cut, "w");
        fwrite(text, 1, pos, f);
        fclose(f);
        err e = {0};
        cordeau_instance *ci = cordeau_load(cut, &e);
        cr_assert_null(ci, "%zu lines accepted", keep);
        cr_assert_eq(e.code, ERR_PARSE, "%zu lines: %s", keep, e.msg);
        cr_assert_not_null(strstr(e.msg, "cut.txt:"), "%s", e.msg);
        cr_assert_not_null(strstr(e.msg, "got end of file"), "%zu lines: %s", keep, e.msg);
        while (pos < len && text[pos] != '\n')
            pos++;
        pos++;
    }
    free(text);
    test_rmtree(dir);
    free(dir);
}
