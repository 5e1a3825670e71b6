/* cmd_export.c — `jincun export PLAN_DIR [-o OUT_DIR] [--map FILE]`: reads PLAN_DIR/plan.json
 * (io/planjson.h) and writes GPX, GeoJSON, the offline map page and driver sheets
 * (io/export.h) next to it or into OUT_DIR. SPDX-License-Identifier: MIT */
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

/* Douglas-Peucker tolerance of the background roads: invisible at county zoom levels and
 * keeps map.html a few MB for a whole county. */
#define BACKGROUND_TOLERANCE_M 15.0

static void usage(FILE *f)
{
    fprintf(f,
            "usage: jincun export PLAN_DIR [options]\n"
            "Reads PLAN_DIR/plan.json (written by jincun plan) and writes, into PLAN_DIR or -o:\n"
            "  gpx/<day>-<vehicle>.gpx     GPX 1.1 itinerary per vehicle and day\n"
            "  sheets/<day>-<vehicle>.html printable A4 driver sheet per vehicle and day\n"
            "  plan.geojson                routes and stops as GeoJSON (RFC 7946)\n"
            "  map.html                    offline map page (Leaflet inlined)\n"
            "The folder must be new, empty or one jincun wrote: jincun replaces or removes only\n"
            "the files listed in its " OUTDIR_MANIFEST " and leaves every other file alone.\n"
            "\noptions:\n"
            "  -o, --out DIR       write into DIR instead of PLAN_DIR (created if missing)\n"
            "  --map FILE          OSM file for the map's road background (default: the map\n"
            "                      named in plan.json, if it exists)\n"
            "  --no-background     draw no road background\n"
            "  --leaflet DIR       directory with leaflet.js and leaflet.css\n"
            "                      (default " EXPORT_LEAFLET_DIR ")\n"
            "  --only LIST         comma list of gpx,sheets,geojson,map (default: all)\n"
            "  --help              this text\n");
}

static err_code parse_only(const char *list, export_opts *o, err *e)
{
    o->gpx = o->sheets = o->geojson = o->map = false;
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
        else
            return err_set(e, ERR_USAGE,
                           "--only: expected a comma list of gpx, sheets, geojson, map; got '%s'",
                           list);
        s += n;
        if (*s == ',')
            s++;
    }
    if (!o->gpx && !o->sheets && !o->geojson && !o->map)
        return err_set(e, ERR_USAGE, "--only: nothing selected in '%s'", list);
    return ERR_OK;
}

static bool is_file(const char *path)
{
    struct stat st;
    return path && *path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
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
    bool background = true;
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out_dir = optarg; break;
        case OPT_MAP: map = optarg; break;
        case OPT_NOBG: background = false; break;
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
    if (o.map && background) {
        if (map && !is_file(map)) {
            rc = err_set(e, ERR_USAGE, "--map %s: no such file", map);
            goto cleanup;
        }
        const char *src = map ? map : p->map_path;
        if (!is_file(src)) {
            log_msg(&ctx->log, LOG_WARN, "map page without road background: %s (use --map FILE)",
                    src && *src ? "the plan's map file is not there" : "plan.json names no map");
        } else {
            /* The background is a nicety: a map that fails to load costs it, not the export. */
            roads_params rp;
            roads_params_init(&rp);
            rp.keep_places = false;
            err le;
            err_clear(&le);
            roads *r = roads_load(src, &rp, &ctx->log, &le);
            if (r && roads_polylines(r, BACKGROUND_TOLERANCE_M, &lonlat, &first, &o.road_n_lines,
                                     &le) == ERR_OK) {
                o.road_lonlat = lonlat;
                o.road_first = first;
                log_msg(&ctx->log, LOG_INFO, "road background: %zu lines from %s", o.road_n_lines,
                        src);
            } else {
                log_msg(&ctx->log, LOG_WARN, "map page without road background: %s", le.msg);
            }
            roads_free(r);
        }
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
