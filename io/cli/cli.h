/* cli.h — the jincun command line: subcommand table, option parsing helpers, progress display.
 * SPDX-License-Identifier: MIT */
#ifndef IO_CLI_CLI_H
#define IO_CLI_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util/err.h"
#include "util/log.h"

#define JINCUN_VERSION "0.1.0"

/* What every subcommand receives. */
typedef struct cli_ctx {
    const volatile sig_atomic_t *interrupted; /* non-zero after SIGINT/SIGTERM */
    FILE *out;                                /* results (stdout) */
    FILE *diag;                               /* diagnostics and progress (stderr) */
    bool diag_is_tty;                         /* draw a progress bar instead of lines */
    logger log;                               /* sink and progress to diag */
    const char *prog;                         /* "jincun" */
} cli_ctx;

/* A subcommand: parses its own options from argv[0..argc) (argv[0] is its name), runs, and
 * returns ERR_OK or an error filled into e. --help prints usage to ctx->out. */
typedef err_code (*cli_cmd_fn)(cli_ctx *ctx, int argc, char **argv, err *e);

typedef struct cli_cmd {
    const char *name;    /* "plan" */
    const char *summary; /* one line for `jincun --help` */
    cli_cmd_fn run;      /* implementation */
} cli_cmd;

/* Runs the whole command line: global --help/--version, or dispatch to a subcommand. Prints
 * errors to ctx->diag as one line "jincun: ..." and returns the process exit status. */
int cli_run(cli_ctx *ctx, int argc, char **argv);

/* Fills ctx: results to out, diagnostics to diag, the interrupt flag (all borrowed), prog
 * "jincun", and a logger that prints LOG_INFO and above to diag, as a progress bar when
 * ctx->diag_is_tty is set afterwards (main.c does) and as plain lines otherwise. A command's
 * --quiet raises ctx->log.min_level itself. */
void cli_ctx_init(cli_ctx *ctx, FILE *out, FILE *diag, const volatile sig_atomic_t *interrupted);

/* The subcommand table, terminated by a {NULL} entry. */
extern const cli_cmd cli_cmds[];

/* Option value helpers for subcommands: parse a whole string as a number, or fill e with
 * ERR_USAGE naming the option ("--seed: expected a non-negative integer, got 'x'"). */
err_code cli_parse_u64(const char *opt, const char *s, uint64_t *v, err *e);
err_code cli_parse_double(const char *opt, const char *s, double *v, err *e);

/* Parses "--seed" argument: an integer, or "time" (then the clock seeds it). */
err_code cli_parse_seed(const char *s, uint64_t *seed, err *e);

/* Prints the command line as "# jincun <cmd> ARGS..." on ctx->diag (STYLE §6). */
void cli_print_command(const cli_ctx *ctx, int argc, char **argv);

/* Prints the seed a command uses as "# seed N" on ctx->diag and flushes it (STYLE §6), so it
 * is on record even if the run is stopped. */
void cli_print_seed(const cli_ctx *ctx, uint64_t seed);

/* Error for a getopt_long failure, called with its return value (':' for a missing argument
 * when the optstring starts with ':', '?' otherwise) and the optind it left: ERR_USAGE with
 * "unknown option 'X'" or "option 'X' needs an argument". */
err_code cli_getopt_error(const char *cmd, int ret, char **argv, int optind_now, err *e);

#endif
