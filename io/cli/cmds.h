/* cmds.h — subcommand entry points, one io/cli/cmd_<name>.c each, listed in io/cli/cli.c.
 * Each: parse own options, run, return err_code (see cli_cmd_fn in io/cli/cli.h).
 * SPDX-License-Identifier: MIT */
#ifndef IO_CLI_CMDS_H
#define IO_CLI_CMDS_H

#include "io/cli/cli.h"

err_code cmd_plan(cli_ctx *ctx, int argc, char **argv, err *e);
err_code cmd_geocode(cli_ctx *ctx, int argc, char **argv, err *e);
err_code cmd_export(cli_ctx *ctx, int argc, char **argv, err *e);
err_code cmd_compare(cli_ctx *ctx, int argc, char **argv, err *e);
err_code cmd_pvrp(cli_ctx *ctx, int argc, char **argv, err *e);
err_code cmd_cvrp(cli_ctx *ctx, int argc, char **argv, err *e);
err_code cmd_check(cli_ctx *ctx, int argc, char **argv, err *e);
err_code cmd_matrix(cli_ctx *ctx, int argc, char **argv, err *e);
err_code cmd_synth(cli_ctx *ctx, int argc, char **argv, err *e);
err_code cmd_city(cli_ctx *ctx, int argc, char **argv, err *e);
err_code cmd_share(cli_ctx *ctx, int argc, char **argv, err *e);

#endif
