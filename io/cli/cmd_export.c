/* cmd_export.c — `jincun export PLAN_DIR [-o OUT_DIR] [--map FILE]`: reads PLAN_DIR/plan.json
 * (io/plan/planjson.h) and writes GPX, GeoJSON, the offline map page and driver sheets
 * (io/export/export.h) next to it or into OUT_DIR. The map page's road background comes from
 * PLAN_DIR/roads.geojson, written by `jincun plan`; only --map FILE, or a plan folder without
 * that file, loads an OSM file for it. SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/cli/cmds.h"
#include "io/export/export.h"
#include "io/plan/planjson.h"
#include "io/text/outdir.h"
#include "maps/roads.h"
#include "util/mem.h"
#include "util/path.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: jincun export PLAN_DIR [options]\n"
            "Reads PLAN_DIR/plan.json (written by jincun plan) and writes, into PLAN_DIR or -o:\n"
            "  gpx/<day>-<vehicle>.gpx     GPX 1.1 itinerary per vehicle and day\n"
            "  sheets/<day>-<vehicle>.html printable A4 driver sheet per vehicle and day\n"
            "  gpx/line-<n>.gpx, sheets/line-<n>.html  the same per line, for all its days\n"
            "                              (a plan with lines only)\n"
            "  plan.geojson                routes and stops as GeoJSON (RFC 7946)\n"
            "  map.html                    offline map page (Leaflet inlined)\n"
            "  timetable.csv               per stop: days, arrival time, line, van, driver\n"
            "  timetables/<township>.html  printable A4 timetable notice per township\n"
            "The folder must be new, empty or one jincun wrote: jincun replaces or removes only\n"
            "the files listed in its " OUTDIR_MANIFEST " and leaves every other file alone.\n"
            "\noptions:\n"
            "  -o, --out DIR       write into DIR instead of PLAN_DIR (created if missing)\n"
            "  --map FILE          OSM file for the map's road background (default: the\n"
            "                      roads plan wrote to PLAN_DIR/" PLANJSON_ROADS_FILE ", else the\n"
            "                      map named in plan.json, if it exists)\n"
            "  --no-background     draw no road background\n"
            "  --leaflet DIR       directory with leaflet.js and leaflet.css\n"
            "                      (default " EXPORT_LEAFLET_DIR ")\n"
            "  --only LIST         comma list of gpx,sheets,geojson,map,timetable,timetables\n"
            "                      (default: all)\n"
            "  --help              this text\n");
}

static err_code parse_only(const char *list, export_opts *o, err *e)
{
    o->gpx = o->sheets = o->geojson = o->map = o->timetable = o->notices = false;
    const char *s = list;
    while (*s) {
        size_t n = strcspn(s, ",");
        if (n == 3 && !strncmp(s, "gpx", 3))
            o->gpx = true;
        else if (n == 6 && !strncmp(s, "sheets", 6))
            o->sheets = true;
        else if (n == 7 && !strncmp(s, "geojson", 7))
            o->geojson = true;
        else if (n == 3 && !strncmp(s, "map", 3))
            o->map = true;
        else if (n == 9 && !strncmp(s, "timetable", 9))
            o->timetable = true;
        else if (n == 10 && !strncmp(s, "timetables", 10))
            o->notices = true;
        else
            return err_set(e, ERR_USAGE,
                           "--only: expected a comma list of gpx, sheets, geojson, map, "
                           "timetable, timetables; got '%s'",
                           list);
        s += n;
        if (*s == ',')
            s++;
    }
    if (!o->gpx && !o->sheets && !o->geojson && !o->map && !o->timetable && !o->notices)
        return err_set(e, ERR_USAGE, "--only: nothing selected in '%s'", list);
    return ERR_OK;
}

static bool is_file(const char *path)
{
    struct stat st;
    return path && *path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The roads of an OSM file, simplified as `jincun plan` does for its map page; the plan's
 * stops choose the projection and the part of the map kept, as the scenario's stops do for
 * `jincun plan`. The background is a nicety: a map that fails to load costs it (a warning),
 * not the export. */
static void background_from_map(cli_ctx *ctx, const char *map, const plan *p, double **lonlat,
                                size_t **first, size_t *n_lines)
{
    roads_params rp;
    roads_params_init(&rp);
    rp.keep_places = false;
    rp.interrupted = ctx->interrupted;
    double *slon = xmallocarray(p->n_stops ? p->n_stops : 1, sizeof *slon);
    double *slat = xmallocarray(p->n_stops ? p->n_stops : 1, sizeof *slat);
    for (size_t i = 0; i < p->n_stops; i++) {
        slon[i] = p->stops[i].lon;
        slat[i] = p->stops[i].lat;
    }
    rp.area_lon = slon;
    rp.area_lat = slat;
    rp.n_area = p->n_stops;
    rp.area_what = "the plan's stops";
    err le;
    err_clear(&le);
    roads *r = roads_load(map, &rp, &ctx->log, &le);
    free(slon);
    free(slat);
    if (r &&
        roads_polylines(r, EXPORT_BACKGROUND_TOLERANCE_M, lonlat, first, n_lines, &le) == ERR_OK)
        log_msg(&ctx->log, LOG_INFO, "road background: %zu lines from %s", *n_lines, map);
    else
        log_msg(&ctx->log, LOG_WARN, "map page without road background: %s", le.msg);
    roads_free(r);
}

/* The map page's background: --map FILE if given; else the roads the plan wrote next to
 * plan.json; else (a plan folder from before that file) the map named in plan.json. */
static err_code background(cli_ctx *ctx, const char *plan_dir, const char *map, const plan *p,
                           double **lonlat, size_t **first, size_t *n_lines, err *e)
{
    if (map) {
        if (!is_file(map))
            return err_set(e, ERR_USAGE, "--map %s: no such file", map);
        background_from_map(ctx, map, p, lonlat, first, n_lines);
        return ERR_OK;
    }
    char *path = path_join(plan_dir, PLANJSON_ROADS_FILE);
    if (is_file(path)) {
        err le;
        err_clear(&le);
        if (planjson_read_roads(path, lonlat, first, n_lines, &le) == ERR_OK)
            log_msg(&ctx->log, LOG_INFO, "road background: %zu lines from %s", *n_lines, path);
        else
            log_msg(&ctx->log, LOG_WARN,
                    "map page without road background: %s (use --map FILE to draw it from a "
                    "map)",
                    le.msg);
    } else if (is_file(p->map_path)) {
        log_msg(&ctx->log, LOG_INFO, "%s is missing (the plan predates it); reading the map %s",
                path, p->map_path);
        background_from_map(ctx, p->map_path, p, lonlat, first, n_lines);
    } else {
        log_msg(&ctx->log, LOG_WARN, "map page without road background: %s (use --map FILE)",
                p->map_path && *p->map_path ? "the plan's map file is not there"
                                            : "plan.json names no map");
    }
    free(path);
    return ERR_OK;
}

err_code cmd_export(cli_ctx *ctx, int argc, char **argv, err *e)
{
    enum { OPT_MAP = 256, OPT_NOBG, OPT_LEAFLET, OPT_ONLY, OPT_HELP };
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'},
        {"map", required_argument, NULL, OPT_MAP},
        {"no-background", no_argument, NULL, OPT_NOBG},
        {"leaflet", required_argument, NULL, OPT_LEAFLET},
        {"only", required_argument, NULL, OPT_ONLY},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    export_opts o;
    export_opts_init(&o);
    o.log = &ctx->log;
    const char *out_dir = NULL, *map = NULL;
    bool background_on = true;
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out_dir = optarg; break;
        case OPT_MAP: map = optarg; break;
        case OPT_NOBG: background_on = false; break;
        case OPT_LEAFLET: o.leaflet_dir = optarg; break;
        case OPT_ONLY: {
            err_code rc = parse_only(optarg, &o, e);
            if (rc)
                return rc;
            break;
        }
        case OPT_HELP: usage(ctx->out); return ERR_OK;
        default: return cli_getopt_error("export", c, argv, optind, e);
        }
    }
    if (optind != argc - 1)
        return err_set(e, ERR_USAGE, "expected one PLAN_DIR (try jincun export --help)");
    const char *plan_dir = argv[optind];
    if (!out_dir)
        out_dir = plan_dir;
    if (!*out_dir)
        return err_set(e, ERR_USAGE, "-o: empty folder name (try jincun export --help)");
    cli_print_command(ctx, argc, argv);

    char *json = path_join(plan_dir, "plan.json");
    plan *p = planjson_read(json, e);
    if (!p) {
        free(json);
        return e && e->code ? e->code : ERR_PARSE;
    }
    /* A hand-edited plan.json must still make sense before drivers get it. */
    err_code rc = plan_check(p, e);
    if (rc != ERR_OK)
        err_wrap(e, "%s: nothing exported", json);
    free(json);
    if (rc != ERR_OK) {
        plan_free(p);
        return rc;
    }

    double *lonlat = NULL;
    size_t *first = NULL;
    /* The output folder is checked before the (possibly long) map read. */
    const char *shapes[EXPORT_N_SHAPES];
    size_t n_shapes = export_shapes(&o, shapes);
    outdir *od = NULL;
    rc = outdir_open(out_dir, shapes, n_shapes, &ctx->log, &od, e);
    if (rc != ERR_OK)
        goto cleanup;
    if (o.map && background_on) {
        rc = background(ctx, plan_dir, map, p, &lonlat, &first, &o.road_n_lines, e);
        if (rc != ERR_OK)
            goto cleanup;
        o.road_lonlat = lonlat;
        o.road_first = first;
    }
    if (ctx->interrupted && *ctx->interrupted) {
        rc = err_set(e, ERR_INTERRUPTED, "interrupted");
        goto cleanup;
    }
    const char *tmp = outdir_begin(od, e);
    rc = tmp ? export_plan(p, &o, tmp, e) : ERR_IO;
    if (rc == ERR_OK && ctx->interrupted && *ctx->interrupted)
        rc = err_set(e, ERR_INTERRUPTED, "interrupted; nothing written");
    if (rc == ERR_OK)
        rc = outdir_commit(od, e);
    if (rc == ERR_OK)
        fprintf(ctx->out, "exported %zu routes of '%s' to %s\n", p->n_routes, p->scenario, out_dir);
cleanup:
    outdir_free(od);
    free(lonlat);
    free(first);
    plan_free(p);
    return rc;
}
