/* cmd_city.c — `jincun city DIR -o OUT_DIR`: plan every county scenario of a folder, counties
 * side by side (each a `jincun plan` process of its own, up to --jobs at once), and write the
 * city report (io/export/city.h) over their plans. SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/cli/cmds.h"
#include "io/export/city.h"
#include "io/plan/planjson.h"
#include "io/scenario/scenario.h"
#include "io/text/ownfile.h"
#include "util/mem.h"
#include "util/path.h"

extern char **environ;

static void usage(FILE *f)
{
    fputs("usage: jincun city DIR -o OUT_DIR [options]\n"
          "Plans every county scenario of DIR (each subfolder holding a settings.ini, in name\n"
          "order), several at once, each with `jincun plan`, and writes into OUT_DIR:\n"
          "  <county>/       the county's plan, as jincun plan writes it\n"
          "  city.txt        the city report: per county and in total, villages and townships\n"
          "                  served, 3/5 rule compliance, vans, km, hours, cost, CO2, parcels\n"
          "                  per company, against the policy targets (村村通快递 100%)\n"
          "  city.csv        the same figures, a row per county and a total row (UTF-8, BOM)\n"
          "OUT_DIR is made when missing (its parent must exist); each <county>/ follows the\n"
          "rules of jincun plan -o, and city.txt and city.csv replace only files jincun wrote.\n"
          "  -o, --out DIR         output folder (required)\n"
          "  -j, --jobs N          counties planned at once (default: the number of cores)\n"
          "  -i, --iterations N    iteration limit of every county (default: each scenario's);\n"
          "                        with one, the report is the same on every machine\n"
          "  -s, --seed N          seed of every county (default: each scenario's)\n"
          "  -q, --quiet           no progress messages\n"
          "  -h, --help            this help\n"
          "Exit status: 0 every county planned with every stop served; 3 the report is written\n"
          "but some county left stops out or could not be planned (the report says which);\n"
          "2 bad usage or no county in DIR (nothing planned); 1 runtime failure.\n",
          f);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The subfolders of dir holding a settings.ini, sorted by name (caller frees each and the
 * array). */
static err_code list_counties(const char *dir, char ***out, size_t *n_out, err *e)
{
    DIR *d = opendir(dir);
    if (!d)
        return err_set(e, errno == ENOENT || errno == ENOTDIR ? ERR_USAGE : ERR_IO, "city: %s: %s",
                       dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char *sub = path_join(dir, de->d_name);
        char *ini = path_join(sub, "settings.ini");
        struct stat st;
        bool ok = stat(ini, &st) == 0 && S_ISREG(st.st_mode);
        free(sub);
        free(ini);
        if (!ok)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            names = xreallocarray(names, cap, sizeof *names);
        }
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    *out = names;
    *n_out = n;
    if (!n)
        return err_set(e, ERR_USAGE,
                       "city: %s holds no county scenario (a subfolder with a settings.ini)", dir);
    return ERR_OK;
}

/* Starts `jincun plan DIR/county -o OUT/county --quiet [...]` as a process of its own. */
static err_code spawn_plan(const char *self, const char *scen, const char *out, const char *iters,
                           const char *seed, pid_t *pid, err *e)
{
    const char *argv[12];
    int a = 0;
    argv[a++] = self;
    argv[a++] = "plan";
    argv[a++] = scen;
    argv[a++] = "-o";
    argv[a++] = out;
    argv[a++] = "--quiet";
    if (iters) {
        argv[a++] = "--iterations";
        argv[a++] = iters;
    }
    if (seed) {
        argv[a++] = "--seed";
        argv[a++] = seed;
    }
    argv[a] = NULL;
    /* its summary is in its folder; only its messages (stderr) come through */
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    int rc = posix_spawn(pid, self, &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc)
        return err_set(e, ERR_IO, "city: cannot start %s plan %s: %s", self, scen, strerror(rc));
    return ERR_OK;
}

static err_code cmd_city_run(cli_ctx *ctx, int argc, char **argv, err *e)
{
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        {"iterations", required_argument, NULL, 'i'},
        {"seed", required_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *out_dir = NULL, *iters = NULL, *seed = NULL;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t jobs = cores > 0 ? (uint64_t)cores : 1, v;
    optind = 0;
    opterr = 0;
    int c;
    err_code rc;
    while ((c = getopt_long(argc, argv, ":o:j:i:s:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out_dir = optarg; break;
        case 'j':
            if ((rc = cli_parse_u64("--jobs", optarg, &jobs, e)) != ERR_OK)
                return rc;
            if (jobs < 1 || jobs > 256)
                return err_set(e, ERR_USAGE, "--jobs: expected 1..256, got '%s'", optarg);
            break;
        case 'i':
            if ((rc = cli_parse_u64("--iterations", optarg, &v, e)) != ERR_OK)
                return rc;
            iters = optarg;
            break;
        case 's':
            if ((rc = cli_parse_u64("--seed", optarg, &v, e)) != ERR_OK)
                return rc;
            seed = optarg;
            break;
        case 'q':
            ctx->log.min_level = LOG_WARN;
            ctx->log.progress = NULL;
            break;
        case 'h': usage(ctx->out); return ERR_OK;
        default: return cli_getopt_error("city", c, argv, optind, e);
        }
    }
    if (optind != argc - 1)
        return err_set(e, ERR_USAGE, "city: expected one DIR, got %d (try jincun city --help)",
                       argc - optind);
    if (!out_dir || !*out_dir)
        return err_set(e, ERR_USAGE, "city: -o OUT_DIR is required (try jincun city --help)");
    const char *dir = argv[optind];
    char **names = NULL;
    size_t n = 0;
    if ((rc = list_counties(dir, &names, &n, e)) != ERR_OK) {
        free(names);
        return rc;
    }
    cli_print_command(ctx, argc, argv);
    /* the output folder and the two report files are checked before any county is planned */
    struct stat st;
    if (stat(out_dir, &st) != 0) {
        if (mkdir(out_dir, 0777) != 0) {
            rc = err_set(e, ERR_USAGE, "city: -o %s: cannot make the folder: %s", out_dir,
                         strerror(errno));
            goto cleanup_names;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        rc = err_set(e, ERR_USAGE, "city: -o %s: not a folder", out_dir);
        goto cleanup_names;
    }
    char *txt_path = path_join(out_dir, "city.txt"), *csv_path = path_join(out_dir, "city.csv");
    ownfile *otxt = NULL, *ocsv = NULL;
    if ((rc = ownfile_open(txt_path, 0, &ctx->log, &otxt, e)) != ERR_OK ||
        (rc = ownfile_open(csv_path, 0, &ctx->log, &ocsv, e)) != ERR_OK)
        goto cleanup_files;

    /* the counties, up to `jobs` at once; each a jincun plan of its own */
    const char *self = "/proc/self/exe";
    char self_path[4096];
    ssize_t sl = readlink(self, self_path, sizeof self_path - 1);
    if (sl > 0) {
        self_path[sl] = '\0';
        self = self_path;
    }
    pid_t *pids = xcalloc(n, sizeof *pids);
    int *status = xcalloc(n, sizeof *status);
    size_t next = 0, running = 0, done = 0;
    while (done < n) {
        while (next < n && running < jobs && !(ctx->interrupted && *ctx->interrupted)) {
            char *scen = path_join(dir, names[next]), *out = path_join(out_dir, names[next]);
            rc = spawn_plan(self, scen, out, iters, seed, &pids[next], e);
            free(scen);
            free(out);
            if (rc != ERR_OK) {
                status[next] = -1;
                pids[next] = 0;
                log_msg(&ctx->log, LOG_WARN, "%s", e ? e->msg : "city: cannot start a plan");
                done++;
            } else {
                log_msg(&ctx->log, LOG_INFO, "city: planning %s (%zu of %zu)", names[next],
                        next + 1, n);
                running++;
            }
            next++;
        }
        if (!running) {
            if (next < n) { /* interrupted before every county started */
                rc = err_set(e, ERR_INTERRUPTED, "city: interrupted");
                goto cleanup_run;
            }
            break;
        }
        int ws;
        pid_t p = waitpid(-1, &ws, 0);
        if (p < 0) {
            if (errno == EINTR)
                continue;
            rc = err_set(e, ERR_IO, "city: waitpid: %s", strerror(errno));
            goto cleanup_run;
        }
        for (size_t k = 0; k < n; k++)
            if (pids[k] == p) {
                status[k] = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
                pids[k] = 0;
                running--;
                done++;
                log_msg(&ctx->log, LOG_INFO, "city: %s planned, exit %d", names[k], status[k]);
            }
    }
    if (ctx->interrupted && *ctx->interrupted) {
        rc = err_set(e, ERR_INTERRUPTED, "city: interrupted");
        goto cleanup_run;
    }

    /* the report */
    city_report rep;
    city_report_init(&rep);
    bool all_ok = true;
    size_t n_synthetic = 0;
    for (size_t k = 0; k < n && rc == ERR_OK; k++) {
        char *scen = path_join(dir, names[k]), *out = path_join(out_dir, names[k]);
        char *pj = path_join(out, "plan.json");
        scenario_opts so;
        scenario_opts_init(&so);
        so.need_map = false;
        scenario *sc = NULL;
        plan *p = NULL;
        err ke = {0};
        if (status[k] == 0 || status[k] == 3) {
            if (scenario_load_opts(scen, &so, &sc, &ke) != ERR_OK ||
                !(p = planjson_read(pj, &ke))) {
                log_msg(&ctx->log, LOG_WARN, "city: %s: %s", names[k], ke.msg);
                status[k] = 1;
            }
        } else {
            log_msg(&ctx->log, LOG_WARN, "city: %s: not planned (jincun plan exit %d)", names[k],
                    status[k]);
        }
        all_ok &= status[k] == 0;
        n_synthetic += sc && strstr(sc->name, "SYNTHETIC ROADS") != NULL;
        rc = city_report_add(&rep, names[k], status[k], status[k] == 0 || status[k] == 3 ? p : NULL,
                             sc, e);
        plan_free(p);
        scenario_free(sc);
        free(pj);
        free(scen);
        free(out);
    }
    char label[256] = "";
    if (n_synthetic)
        snprintf(label, sizeof label,
                 "SYNTHETIC ROADS 合成路网: %zu of %zu counties are planned on invented roads; "
                 "their km, hours, cost and CO2 are not those of the real counties",
                 n_synthetic, n);
    const char *tmp;
    FILE *f;
    if (rc == ERR_OK && (tmp = ownfile_begin(otxt, e)) == NULL)
        rc = ERR_IO;
    if (rc == ERR_OK) {
        if (!(f = fopen(tmp, "w")))
            rc = err_set(e, ERR_IO, "%s: %s", tmp, strerror(errno));
        else {
            rc = city_report_text(&rep, label, f, e);
            if (fclose(f) && rc == ERR_OK)
                rc = err_set(e, ERR_IO, "%s: %s", tmp, strerror(errno));
        }
    }
    if (rc == ERR_OK && (tmp = ownfile_begin(ocsv, e)) == NULL)
        rc = ERR_IO;
    if (rc == ERR_OK) {
        if (!(f = fopen(tmp, "w")))
            rc = err_set(e, ERR_IO, "%s: %s", tmp, strerror(errno));
        else {
            rc = city_report_csv(&rep, f, e);
            if (fclose(f) && rc == ERR_OK)
                rc = err_set(e, ERR_IO, "%s: %s", tmp, strerror(errno));
        }
    }
    if (rc == ERR_OK && (rc = ownfile_commit(otxt, e)) == ERR_OK)
        rc = ownfile_commit(ocsv, e);
    if (rc == ERR_OK) {
        city_report_text(&rep, label, ctx->out, NULL);
        fprintf(ctx->out, "\nwrote %s and %s\n", txt_path, csv_path);
        if (!all_ok)
            rc = err_set(e, ERR_INFEASIBLE,
                         "city report written to %s, but not every county was planned with "
                         "every stop served (see its plan column and each county's summary)",
                         out_dir);
    }
    city_report_free(&rep);
cleanup_run:
    for (size_t k = 0; k < n; k++)
        if (pids[k] > 0) {
            kill(pids[k], SIGTERM);
            waitpid(pids[k], NULL, 0);
        }
    free(pids);
    free(status);
cleanup_files:
    ownfile_free(otxt);
    ownfile_free(ocsv);
    free(txt_path);
    free(csv_path);
cleanup_names:
    for (size_t k = 0; k < n; k++)
        free(names[k]);
    free(names);
    return rc;
}

err_code cmd_city(cli_ctx *ctx, int argc, char **argv, err *e)
{
    return cmd_city_run(ctx, argc, argv, e);
}
