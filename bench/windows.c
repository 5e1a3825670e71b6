/* windows.c — benchmark driver for the cost of time windows and pickups in the search
 * (solver/vrp.h vrp_timeline, used by every insertion and move when an instance has them):
 * solves a Cordeau PVRP instance at a fixed iteration limit (no GLPK) as it is, with opening
 * windows on every third customer (open drawn in [0, D/2), D/3 wide, D its largest route
 * duration; seed 7), and with those windows plus pickups of twice the demand on every second
 * customer. Prints each plan's cost, unserved stops and vrp_check's verdict. Instruction
 * counts come from running it under callgrind (bench/windows.sh).
 * usage: build/bench/windows INSTANCE ITERATIONS MODE   (MODE 0 plain, 1 windows,
 *        2 windows and pickups)
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>

#include "io/instances/cordeau.h"
#include "solver/check.h"
#include "solver/solve.h"
#include "util/rng.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: windows INSTANCE ITERATIONS MODE(0|1|2)\n");
        return 2;
    }
    err e = {0};
    cordeau_instance *ci = cordeau_load(argv[1], &e);
    if (!ci) {
        fprintf(stderr, "windows: %s\n", e.msg);
        return 1;
    }
    int mode = atoi(argv[3]);
    vrp_problem *p = &ci->problem;
    int32_t D = 0;
    for (uint32_t v = 0; v < p->n_vehicles; v++)
        if (ci->vehicles[v].max_duration > D)
            D = ci->vehicles[v].max_duration;
    if (!D)
        D = 5000000;
    rng g;
    rng_seed(&g, 7);
    for (uint32_t i = 1; mode && i < p->n_nodes; i++) {
        if (i % 3 == 0) {
            ci->nodes[i].open = (int32_t)rng_below(&g, (uint32_t)(D / 2));
            ci->nodes[i].close = ci->nodes[i].open + D / 3;
        }
        if (mode == 2 && i % 2 == 0)
            ci->nodes[i].pickup = ci->nodes[i].demand * 2;
    }
    vrp_params par;
    vrp_params_init(&par);
    par.time_limit_s = 0;
    par.max_iterations = strtoull(argv[2], NULL, 10);
    par.use_lp = false;
    vrp_solution *s = NULL;
    if (vrp_solve(p, &par, NULL, &s, &e) != ERR_OK) {
        fprintf(stderr, "windows: %s\n", e.msg);
        cordeau_free(ci);
        return 1;
    }
    vrp_check_opts o;
    vrp_check_opts_init(&o);
    o.allow_skipped = true;
    vrp_check_report r = {0};
    bool ok = vrp_check_with(p, s, &o, &r);
    printf("mode %d: cost %lld, %zu unserved, check %s\n", mode, (long long)s->cost,
           vrp_solution_unserved(p, s), ok ? "passed" : "FAILED");
    vrp_check_report_free(&r);
    vrp_solution_free(s);
    cordeau_free(ci);
    return ok ? 0 : 1;
}
