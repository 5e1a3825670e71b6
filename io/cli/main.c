/* main.c — the jincun executable: signals, then the CLI (io/cli/cli.c). Holds the one
 * interrupt flag (STYLE §3). SPDX-License-Identifier: MIT */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/cli/cli.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    interrupted = sig;
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    cli_ctx ctx;
    cli_ctx_init(&ctx, stdout, stderr, &interrupted);
    ctx.diag_is_tty = isatty(fileno(stderr));
    int status = cli_run(&ctx, argc, argv);
    if (fflush(stdout) != 0 && status == 0) {
        perror("jincun: writing standard output");
        status = 1;
    }
    return status;
}
