/* cli.c — subcommand dispatch, global options, option-value parsing and the progress display.
 * SPDX-License-Identifier: MIT */
#include "io/cli/cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/cli/cmds.h"
#include "maps/geo.h"
#include "maps/osm_reader.h"
#include "solver/lp.h"

const cli_cmd cli_cmds[] = {
    {"plan", "plan a scenario's week of shared delivery routes", cmd_plan},
    {"geocode", "locate a scenario's stops from OpenStreetMap place names", cmd_geocode},
    {"export", "write GPX, GeoJSON, map page and driver sheets of an existing plan", cmd_export},
    {"compare", "compare two plans: figures, noise, what changed per stop and route", cmd_compare},
    {"pvrp", "solve a periodic VRP instance (Cordeau format)", cmd_pvrp},
    {"cvrp", "solve a capacitated VRP instance (TSPLIB format)", cmd_cvrp},
    {"check", "independently check a PVRP/CVRP solution against its instance", cmd_check},
    {"matrix", "travel time and distance matrix between points on an OSM map", cmd_matrix},
    {"synth", "generate a synthetic road network as OSM XML (demo county, grids)", cmd_synth},
    {"city", "plan every county scenario of a folder and write the city report", cmd_city},
    {"share", "what sharing saves each courier company, and fair splits of the cost", cmd_share},
    {NULL, NULL, NULL},
};

static void print_usage(FILE *f)
{
    fprintf(f, "jincun %s — weekly rural parcel-delivery route planner (快递进村)\n\n",
            JINCUN_VERSION);
    fprintf(f, "usage: jincun COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
    for (const cli_cmd *c = cli_cmds; c->name; c++)
        fprintf(f, "  %-9s %s\n", c->name, c->summary);
    fprintf(f, "\noptions:\n"
               "  --help     this text; `jincun COMMAND --help` for a command's options\n"
               "  --version  jincun's version and the GLPK, PROJ and libosmium it uses\n"
               "\nexit status: 0 ok, 1 runtime failure, 2 usage or input error, "
               "3 no feasible plan\n");
}

static void print_version(FILE *f)
{
    fprintf(f, "jincun %s\n", JINCUN_VERSION);
    fprintf(f, "GLPK %s\n", lp_glpk_version());
    fprintf(f, "PROJ %s\n", geo_proj_version());
    fprintf(f, "libosmium %s\n", osm_reader_libosmium_version());
}

int cli_run(cli_ctx *ctx, int argc, char **argv)
{
    err e;
    err_clear(&e);
    if (argc < 2) {
        print_usage(ctx->diag);
        return err_exit_status(ERR_USAGE);
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        print_usage(ctx->out);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        print_version(ctx->out);
        return 0;
    }
    for (const cli_cmd *c = cli_cmds; c->name; c++) {
        if (strcmp(c->name, cmd) != 0)
            continue;
        err_code rc = c->run(ctx, argc - 1, argv + 1, &e);
        if (rc != ERR_OK) {
            if (e.code == ERR_OK)
                err_set(&e, rc, "%s failed", c->name);
            fprintf(ctx->diag, "jincun %s: %s\n", c->name, e.msg);
        }
        return err_exit_status(rc);
    }
    if (cmd[0] == '-')
        fprintf(ctx->diag, "jincun: unknown option '%s' (try jincun --help)\n", cmd);
    else
        fprintf(ctx->diag, "jincun: unknown command '%s' (try jincun --help)\n", cmd);
    return err_exit_status(ERR_USAGE);
}

/* ---- progress display ---- */

static void diag_sink(void *ud, log_level level, const char *msg)
{
    cli_ctx *ctx = ud;
    if (ctx->diag_is_tty)
        fputs("\r\033[K", ctx->diag);
    if (level >= LOG_WARN)
        fprintf(ctx->diag, "%s: %s\n", log_level_name(level), msg);
    else
        fprintf(ctx->diag, "%s\n", msg);
    fflush(ctx->diag);
}

static void diag_progress(void *ud, const char *phase, double done, double total,
                          const char *detail)
{
    cli_ctx *ctx = ud;
    bool finished = total > 0 && done >= total;
    if (ctx->diag_is_tty) {
        if (total > 0) {
            int width = 30;
            int fill = (int)(done / total * width + 0.5);
            if (fill > width)
                fill = width;
            fprintf(ctx->diag, "\r\033[K%-8s [%.*s%*s] %3.0f%%%s%s", phase, fill,
                    "##############################", width - fill, "", 100.0 * done / total,
                    detail ? "  " : "", detail ? detail : "");
        } else {
            fprintf(ctx->diag, "\r\033[K%-8s %.0f%s%s", phase, done, detail ? "  " : "",
                    detail ? detail : "");
        }
        if (finished)
            fputc('\n', ctx->diag);
    } else {
        /* Parseable: "progress PHASE DONE TOTAL [DETAIL]"; only phase ends and coarse steps. */
        fprintf(ctx->diag, "progress %s %.0f %.0f%s%s\n", phase, done, total, detail ? " " : "",
                detail ? detail : "");
    }
    fflush(ctx->diag);
}

void cli_ctx_init(cli_ctx *ctx, FILE *out, FILE *diag, const volatile sig_atomic_t *interrupted)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->out = out;
    ctx->diag = diag;
    ctx->interrupted = interrupted;
    ctx->prog = "jincun";
    ctx->log.sink = diag_sink;
    ctx->log.progress = diag_progress;
    ctx->log.ud = ctx;
    ctx->log.min_level = LOG_INFO;
}

/* ---- option values ---- */

err_code cli_parse_u64(const char *opt, const char *s, uint64_t *v, err *e)
{
    char *end = NULL;
    errno = 0;
    if (!s || !*s || *s == '-')
        return err_set(e, ERR_USAGE, "%s: expected a non-negative integer, got '%s'", opt,
                       s ? s : "");
    unsigned long long x = strtoull(s, &end, 10);
    if (*end || end == s)
        return err_set(e, ERR_USAGE, "%s: expected a non-negative integer, got '%s'", opt, s);
    if (errno == ERANGE)
        return err_set(e, ERR_USAGE, "%s: '%s' is out of range (max %llu)", opt, s,
                       (unsigned long long)UINT64_MAX);
    if (errno)
        return err_set(e, ERR_USAGE, "%s: expected a non-negative integer, got '%s'", opt, s);
    *v = (uint64_t)x;
    return ERR_OK;
}

err_code cli_parse_double(const char *opt, const char *s, double *v, err *e)
{
    char *end = NULL;
    errno = 0;
    double x = s ? strtod(s, &end) : 0;
    if (!s || !*s || errno || *end || x != x)
        return err_set(e, ERR_USAGE, "%s: expected a number, got '%s'", opt, s ? s : "");
    *v = x;
    return ERR_OK;
}

err_code cli_parse_seed(const char *s, uint64_t *seed, err *e)
{
    if (s && !strcmp(s, "time")) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        *seed = (uint64_t)ts.tv_sec * 1000000007u + (uint64_t)ts.tv_nsec;
        return ERR_OK;
    }
    return cli_parse_u64("--seed", s, seed, e);
}

void cli_print_command(const cli_ctx *ctx, int argc, char **argv)
{
    fputs("#", ctx->diag);
    fprintf(ctx->diag, " %s", ctx->prog);
    for (int i = 0; i < argc; i++)
        fprintf(ctx->diag, " %s", argv[i]);
    fputc('\n', ctx->diag);
}

void cli_print_seed(const cli_ctx *ctx, uint64_t seed)
{
    fprintf(ctx->diag, "# seed %llu\n", (unsigned long long)seed);
    fflush(ctx->diag);
}

err_code cli_getopt_error(const char *cmd, int ret, char **argv, int optind_now, err *e)
{
    /* getopt_long has advanced optind past the offending word. */
    const char *word = optind_now > 0 ? argv[optind_now - 1] : "?";
    if (ret == ':')
        return err_set(e, ERR_USAGE, "option '%s' needs an argument (try jincun %s --help)", word,
                       cmd);
    return err_set(e, ERR_USAGE, "unknown option '%s' (try jincun %s --help)", word, cmd);
}
