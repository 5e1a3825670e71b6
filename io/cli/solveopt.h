/* solveopt.h — the options shared by the benchmark solve commands (`jincun pvrp`, `jincun
 * cvrp`): parsing into vrp_params and running vrp_solve with the CLI's log and interrupt flag.
 * SPDX-License-Identifier: MIT */
#ifndef IO_CLI_SOLVEOPT_H
#define IO_CLI_SOLVEOPT_H

#include "io/cli/cli.h"
#include "solver/solve.h"

typedef struct solveopt {
    vrp_params params;    /* filled from --time-limit, --seed, --iterations, --no-lp */
    const char *instance; /* the positional INSTANCE argument (borrowed from argv) */
    const char *output;   /* -o FILE, or NULL */
    uint64_t vehicles;    /* --vehicles N (cvrp only), 0 = default */
    bool help;            /* --help was given (usage already printed) */
} solveopt;

/* Parses argv[0..argc) of command `cmd` (argv[0] is its name) into o; `with_vehicles` accepts
 * --vehicles. --help prints usage (every option) to ctx->out and sets o->help. Returns ERR_OK
 * or ERR_USAGE naming the bad option or the missing INSTANCE. */
err_code solveopt_parse(cli_ctx *ctx, const char *cmd, bool with_vehicles, int argc, char **argv,
                        solveopt *o, err *e);

/* Prints the per-stop diagnosis of p to the log, runs vrp_solve with o->params and the CLI's
 * logger and interrupt flag, and prints "# seed N" first. *out as in vrp_solve. Returns
 * vrp_solve's code; ERR_INFEASIBLE (naming the first stops) when the plan leaves stops
 * unserved, in which case *out is freed and NULL. */
err_code solveopt_run(cli_ctx *ctx, const solveopt *o, const vrp_problem *p, vrp_solution **out,
                      err *e);

#endif
