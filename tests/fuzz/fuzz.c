/* fuzz.c — helpers of the fuzz harnesses (see fuzz.h). The temporary folder is process state
 * by necessity: libFuzzer's entry point takes only the input.
 * SPDX-License-Identifier: MIT */
#include "tests/fuzz/fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/cli/cli.h"
#include "io/scenario/buses.h"
#include "io/scenario/scenario.h"

static char dir[4096];
static struct {
    char name[64];
    char path[sizeof dir + 64];
} files[8]; /* the files written, so each path stays valid for the process */
static FILE *null_stream;

static void remove_dir(void)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d))) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                continue;
            char p[sizeof dir + 256];
            snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(dir);
    if (null_stream)
        fclose(null_stream);
}

const char *fuzz_dir(void)
{
    if (dir[0])
        return dir;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/jincun-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fuzz: mkdtemp");
        abort();
    }
    atexit(remove_dir);
    return dir;
}

/* The path of fuzz_dir()/name, from the table. */
static const char *file_path(const char *name)
{
    size_t i = 0;
    for (; i < sizeof files / sizeof files[0] && files[i].name[0]; i++)
        if (!strcmp(files[i].name, name))
            return files[i].path;
    if (i == sizeof files / sizeof files[0] || strlen(name) >= sizeof files[i].name)
        abort();
    snprintf(files[i].name, sizeof files[i].name, "%s", name);
    snprintf(files[i].path, sizeof files[i].path, "%s/%s", fuzz_dir(), name);
    return files[i].path;
}

const char *fuzz_write(const char *name, const void *data, size_t size)
{
    const char *path = file_path(name);
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

const char *fuzz_write_text(const char *name, const char *text)
{
    const char *path = file_path(name);
    if (access(path, F_OK) == 0)
        return path;
    return fuzz_write(name, text, strlen(text));
}

void fuzz_expect_failure(const err *e, err_code a, err_code b)
{
    if ((e->code == a || e->code == b) && e->msg[0])
        return;
    fprintf(stderr, "fuzz: failure without a proper error: code %s (%d), message '%s'\n",
            err_code_name(e->code), (int)e->code, e->msg);
    abort();
}

void fuzz_expect_status(int status, const int *ok, size_t n_ok)
{
    for (size_t i = 0; i < n_ok; i++)
        if (status == ok[i])
            return;
    fprintf(stderr, "fuzz: unexpected exit status %d\n", status);
    abort();
}

FILE *fuzz_null(void)
{
    if (!null_stream && !(null_stream = fopen("/dev/null", "w"))) {
        perror("/dev/null");
        abort();
    }
    return null_stream;
}

int fuzz_cli(const char *const *argv)
{
    static const volatile sig_atomic_t never = 0;
    cli_ctx ctx;
    cli_ctx_init(&ctx, fuzz_null(), fuzz_null(), &never);
    int argc = 0;
    while (argv[argc])
        argc++;
    /* cli_run takes char **: the subcommands' getopt permutes argv, so hand it a copy. */
    char *args[32];
    if (argc >= 32)
        abort();
    for (int i = 0; i <= argc; i++)
        args[i] = (char *)argv[i];
    return cli_run(&ctx, argc, args);
}

/* A small valid scenario: every column and setting the format knows, in the demo's style. */
static const char settings_ini[] =
    "[scenario]\nname = fuzz\nmap = map.osm\ncarriers = ems,sf\ndays = mon-sat\n"
    "week_start = 2026-11-30\ntimezone = Asia/Shanghai\nutc_offset = +08:00\n"
    "[frequency]\nvillage = 3\ntownship = 5\npatterns2 = mon+thu, tue+fri\n"
    "[service]\nper_stop_min = 4\nper_parcel_s = 8\nshift_start = 08:00\n"
    "[costs]\ncurrency = CNY\nper_km_diesel = 0.9\nper_hour = 30\n"
    "[solver]\ntime_limit_s = 10\niterations = 100\nseed = 1\nsnap_radius_m = 1000\n";
static const char stops_csv[] =
    "id,code,name,kind,township,lon,lat,ems,sf,freq,service_min,patterns\n"
    "D0,,中心,depot,城关镇,121.19,28.74,,,,,\n"
    "T01,331082100000,岭头乡,township,岭头乡,121.11,28.69,6,5,,,\n"
    "V01,,上村,village,岭头乡,121.12,28.70,1,2,2,5,\"mon+wed,tue+thu\"\n"
    "V02,,下村,village,岭头乡,,,0,3,1,,\n";
static const char vehicles_csv[] =
    "id,depot,capacity,shift_h,range_km,electric,days,driver,cost_per_km\n"
    "van01,D0,250,9,,no,mon-sat,王师傅,\n"
    "ev01,D0,200,8.5,150,yes,mon+wed+fri,陈师傅,0.3\n";

/* Writes the small valid scenario with data as its file `file` (which may be a fourth file of the
 * folder), and loads the folder without its map. Returns what scenario_load_opts returns. */
static err_code load_with(const char *file, const uint8_t *data, size_t size, scenario **sc, err *e)
{
    fuzz_write_text("settings.ini", settings_ini);
    fuzz_write_text("stops.csv", stops_csv);
    fuzz_write_text("vehicles.csv", vehicles_csv);
    fuzz_write(file, data, size);
    scenario_opts o;
    scenario_opts_init(&o);
    o.need_map = false;
    return scenario_load_opts(fuzz_dir(), &o, sc, e);
}

void fuzz_scenario(const char *file, const uint8_t *data, size_t size)
{
    scenario *sc = NULL;
    err e = {0};
    if (load_with(file, data, size, &sc, &e) != ERR_OK) {
        /* ERR_IO: settings.ini may name a profile file that does not exist */
        fuzz_expect_failure(&e, ERR_PARSE, ERR_IO);
        return;
    }
    if (scenario_require_points(sc, &e) != ERR_OK)
        fuzz_expect_failure(&e, ERR_PARSE, ERR_PARSE);
    scenario_free(sc);
}

void fuzz_buses(const uint8_t *data, size_t size)
{
    scenario *sc = NULL;
    err e = {0};
    if (load_with("buses.csv", data, size, &sc, &e) != ERR_OK) {
        fprintf(stderr, "fuzz: the fixed scenario does not load: %s\n", e.msg);
        abort();
    }
    buses *b = NULL;
    if (buses_load(sc, &b, &e) != ERR_OK)
        fuzz_expect_failure(&e, ERR_PARSE, ERR_IO);
    buses_free(b);
    scenario_free(sc);
}
