/* cmd_compare.c — `jincun compare PLAN_A PLAN_B [-o DIR]`: reads both plans' plan.json
 * (io/plan/planjson.h), prints the comparison (io/export/compare.h) on stdout and, with -o,
 * writes DIR/compare.html under the output folder's rules (io/text/outdir.h).
 * SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/cli/cmds.h"
#include "io/export/compare.h"
#include "io/plan/planjson.h"
#include "io/text/outdir.h"
#include "util/mem.h"
#include "util/outfile.h"
#include "util/path.h"

#define COMPARE_PAGE "compare.html"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: jincun compare PLAN_A PLAN_B [options]\n"
            "Compares two plans written by jincun plan (each a plan folder, or its plan.json):\n"
            "the week's cost, vehicles, routes, km, hours, CO2, 3/5 rule compliance, parcels\n"
            "and cost per company; whether the cost difference is larger than the seed spread\n"
            "recorded in PLAN_A (jincun plan --seeds N), else in PLAN_B; what changed for each\n"
            "stop (days, van, arrival time); which routes stayed the same. Stops are matched by\n"
            "id, days by name, vans by id. The report goes to stdout.\n"
            "\noptions:\n"
            "  -o, --out DIR       also write DIR/" COMPARE_PAGE
            " (tables and a map of the changed\n"
            "                      routes; opens offline). DIR must be new, empty or one jincun\n"
            "                      wrote (" OUTDIR_MANIFEST ")\n"
            "  --tolerance MIN     an arrival moving by more than MIN minutes is a change\n"
            "                      (default 15)\n"
            "  --help              this text\n"
            "\nexit status: 0 compared, 1 runtime failure, 2 usage error or a plan it cannot "
            "read\n");
}

/* PATH itself when it is a file, else PATH/plan.json; malloc'd. */
static char *plan_file(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        return xstrdup(path);
    return path_join(path, "plan.json");
}

static plan *load(const char *arg, err *e)
{
    char *path = plan_file(arg);
    plan *p = planjson_read(path, e);
    if (p && plan_check(p, e) != ERR_OK) {
        err_wrap(e, "%s: not a consistent plan", path);
        plan_free(p);
        p = NULL;
    }
    if (!p && e && e->code == ERR_IO) /* a missing plan is the user's input: exit 2 */
        e->code = ERR_USAGE;
    free(path);
    return p;
}

static err_code write_page(const compare *c, const char *out_dir, cli_ctx *ctx, err *e)
{
    const char *shapes[1] = {COMPARE_PAGE};
    outdir *od = NULL;
    err_code rc = outdir_open(out_dir, shapes, 1, &ctx->log, &od, e);
    const char *tmp = rc == ERR_OK ? outdir_begin(od, e) : NULL;
    if (rc == ERR_OK && !tmp)
        rc = ERR_IO;
    if (rc == ERR_OK) {
        char *path = path_join(tmp, COMPARE_PAGE);
        outfile *of = outfile_open(path, e);
        if (!of) {
            rc = ERR_IO;
        } else {
            rc = compare_html(c, outfile_fp(of), e);
            if (rc == ERR_OK)
                rc = outfile_commit(of, e);
            else
                outfile_abort(of);
        }
        free(path);
    }
    if (rc == ERR_OK && ctx->interrupted && *ctx->interrupted)
        rc = err_set(e, ERR_INTERRUPTED, "interrupted; nothing written");
    if (rc == ERR_OK)
        rc = outdir_commit(od, e);
    outdir_free(od);
    return rc;
}

err_code cmd_compare(cli_ctx *ctx, int argc, char **argv, err *e)
{
    enum { OPT_TOL = 256, OPT_HELP };
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'},
        {"tolerance", required_argument, NULL, OPT_TOL},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    compare_opts co;
    compare_opts_init(&co);
    const char *out_dir = NULL;
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out_dir = optarg; break;
        case OPT_TOL: {
            uint64_t m = 0;
            if (cli_parse_u64("--tolerance", optarg, &m, e) != ERR_OK)
                return ERR_USAGE;
            if (m > 24 * 60)
                return err_set(e, ERR_USAGE,
                               "--tolerance: expected minutes from 0 to 1440, "
                               "got %s",
                               optarg);
            co.tolerance_s = (int32_t)m * 60;
            break;
        }
        case OPT_HELP: usage(ctx->out); return ERR_OK;
        default: return cli_getopt_error("compare", c, argv, optind, e);
        }
    }
    if (optind != argc - 2)
        return err_set(e, ERR_USAGE,
                       "expected two plans, PLAN_A and PLAN_B (try jincun compare "
                       "--help)");
    if (out_dir && !*out_dir)
        return err_set(e, ERR_USAGE, "-o: empty folder name (try jincun compare --help)");
    cli_print_command(ctx, argc, argv);
    co.label_a = argv[optind];
    co.label_b = argv[optind + 1];
    plan *a = load(argv[optind], e);
    if (!a)
        return e && e->code ? e->code : ERR_PARSE;
    plan *b = load(argv[optind + 1], e);
    if (!b) {
        plan_free(a);
        return e && e->code ? e->code : ERR_PARSE;
    }
    compare *cmp = compare_new(a, b, &co);
    err_code rc = ERR_OK;
    if (out_dir)
        rc = write_page(cmp, out_dir, ctx, e);
    if (rc == ERR_OK)
        rc = compare_text(cmp, ctx->out, e);
    if (rc == ERR_OK && out_dir)
        fprintf(ctx->out, "\ncompare: page in %s/%s\n", out_dir, COMPARE_PAGE);
    compare_free(cmp);
    plan_free(a);
    plan_free(b);
    return rc;
}
