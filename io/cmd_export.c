/* cmd_export.c — `jincun export`: not built yet. SPDX-License-Identifier: MIT */
#include <string.h>

#include "io/cmds.h"

err_code cmd_export(cli_ctx *ctx, int argc, char **argv, err *e)
{
    if (argc > 1 && !strcmp(argv[1], "--help")) {
        fprintf(ctx->out, "usage: jincun export (not built yet)\n");
        return ERR_OK;
    }
    return err_set(e, ERR_INTERNAL, "'export' is not built yet");
}
