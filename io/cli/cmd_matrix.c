/* cmd_matrix.c — `jincun matrix`: snap points to the road map and print the travel time and
 * distance matrices among them, as CSV or JSON (io/text/jval.h). SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli/cmds.h"
#include "io/text/csvread.h"
#include "io/text/csvwrite.h"
#include "io/text/jval.h"
#include "maps/roads.h"
#include "util/mem.h"

static void usage(FILE *f)
{
    fputs("usage: jincun matrix --map FILE --points FILE [options]\n"
          "Snaps points to the roads and prints travel time (s) and distance (m) matrices.\n"
          "  --map FILE          OpenStreetMap file (.osm.pbf, .osm, .osm.bz2, .osm.gz)\n"
          "  --points FILE       CSV with header id,lon,lat[,name] (WGS84 degrees)\n"
          "  --format csv|json   output format (default csv; unreachable pairs are empty in\n"
          "                      CSV and null in JSON)\n"
          "  --method ch|dijkstra  contraction hierarchy (default) or one Dijkstra per point\n"
          "  --profile FILE      road profile (default: built-in maps/profiles/car.profile)\n"
          "  --crs CRS           projected CRS in metres made for the points' area, e.g.\n"
          "                      EPSG:4549 (default: chosen from the points)\n"
          "  --snap-radius M     farthest a point may be from a road, metres (default 1000)\n"
          "  --help              this text\n",
          f);
}

static void print_csv(FILE *f, size_t n, char **ids, const int32_t *t, const int32_t *d)
{
    for (int which = 0; which < 2; which++) {
        const int32_t *m = which ? d : t;
        fputs(which ? "\ndistance_m" : "time_s", f);
        for (size_t j = 0; j < n; j++) {
            fputc(',', f);
            csvwrite_field(f, ids[j]);
        }
        fputc('\n', f);
        for (size_t i = 0; i < n; i++) {
            csvwrite_field(f, ids[i]);
            for (size_t j = 0; j < n; j++) {
                if (m[i * n + j] >= 0)
                    fprintf(f, ",%d", m[i * n + j]);
                else
                    fputc(',', f);
            }
            fputc('\n', f);
        }
    }
}

static err_code print_json(FILE *f, size_t n, char **ids, char **names, const roads_snap *sn,
                           const int32_t *t, const int32_t *d, const char *crs, const char *method,
                           err *e)
{
    jval *root = jval_object();
    jval_set(root, "crs", jval_string(crs));
    jval_set(root, "method", jval_string(method));
    jval *pts = jval_array();
    for (size_t i = 0; i < n; i++) {
        jval *p = jval_object();
        jval_set(p, "id", jval_string(ids[i]));
        jval_set(p, "name", jval_string(names[i]));
        jval_set(p, "snapped", jval_bool(sn[i].ok));
        if (sn[i].ok) {
            jval_set(p, "lon", jval_real(sn[i].lon));
            jval_set(p, "lat", jval_real(sn[i].lat));
            jval_set(p, "snap_distance_m", jval_real(sn[i].dist_m));
        } else {
            jval_set(p, "reason", jval_string(sn[i].reason));
        }
        jval_push(pts, p);
    }
    jval_set(root, "points", pts);
    for (int which = 0; which < 2; which++) {
        const int32_t *m = which ? d : t;
        jval *rows = jval_array();
        for (size_t i = 0; i < n; i++) {
            jval *row = jval_array();
            for (size_t j = 0; j < n; j++)
                jval_push(row, m[i * n + j] >= 0 ? jval_int(m[i * n + j]) : jval_null());
            jval_push(rows, row);
        }
        jval_set(root, which ? "distance_m" : "time_s", rows);
    }
    err_code rc = jval_write(root, f, JVAL_INDENT1, 0, "the JSON output", e);
    jval_free(root);
    return rc;
}

static const char *crs_of(const roads *r)
{
    roads_stats st;
    roads_get_stats(r, &st);
    return st.crs;
}

err_code cmd_matrix(cli_ctx *ctx, int argc, char **argv, err *e)
{
    static const struct option longopts[] = {{"map", required_argument, NULL, 'm'},
                                             {"points", required_argument, NULL, 'p'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"method", required_argument, NULL, 'M'},
                                             {"profile", required_argument, NULL, 'P'},
                                             {"crs", required_argument, NULL, 'c'},
                                             {"snap-radius", required_argument, NULL, 'r'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *map = NULL, *points = NULL, *format = "csv", *method = "ch";
    roads_params rp;
    roads_params_init(&rp);
    rp.keep_places = false;
    rp.interrupted = ctx->interrupted;
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'm': map = optarg; break;
        case 'p': points = optarg; break;
        case 'f': format = optarg; break;
        case 'M': method = optarg; break;
        case 'P': rp.profile_path = optarg; break;
        case 'c': rp.crs = optarg; break;
        case 'r':
            if (cli_parse_double("--snap-radius", optarg, &rp.snap_radius_m, e) != ERR_OK)
                return e->code;
            if (!(rp.snap_radius_m > 0))
                return err_set(e, ERR_USAGE, "--snap-radius: expected metres > 0, got '%s'",
                               optarg);
            break;
        case 'h': usage(ctx->out); return ERR_OK;
        default: return cli_getopt_error("matrix", c, argv, optind, e);
        }
    }
    if (optind < argc)
        return err_set(e, ERR_USAGE, "unexpected argument '%s' (try jincun matrix --help)",
                       argv[optind]);
    if (!map || !points)
        return err_set(e, ERR_USAGE,
                       "matrix needs --map FILE and --points FILE (try jincun "
                       "matrix --help)");
    if (strcmp(format, "csv") && strcmp(format, "json"))
        return err_set(e, ERR_USAGE, "--format: expected csv or json, got '%s'", format);
    roads_method rm;
    if (!strcmp(method, "ch"))
        rm = ROADS_CH;
    else if (!strcmp(method, "dijkstra"))
        rm = ROADS_DIJKSTRA;
    else
        return err_set(e, ERR_USAGE, "--method: expected ch or dijkstra, got '%s'", method);
    if (rp.crs && roads_check_crs(rp.crs, e) != ERR_OK)
        return err_wrap(e, "--crs %s", rp.crs);
    cli_print_command(ctx, argc, argv);

    err_code rc = ERR_OK;
    roads *r = NULL;
    size_t n = 0;
    char **ids = NULL, **names = NULL;
    double *lon = NULL, *lat = NULL;
    roads_snap *sn = NULL;
    int32_t *t = NULL, *d = NULL;
    size_t *lines = NULL;

    /* Points first: a typo there should not wait for the map. */
    csvread *csv = csvread_load(points, e);
    if (!csv)
        return e->code;
    size_t c_id, c_lon, c_lat, c_name = csvread_col(csv, "name");
    if ((rc = csvread_require_col(csv, "id", &c_id, e)) ||
        (rc = csvread_require_col(csv, "lon", &c_lon, e)) ||
        (rc = csvread_require_col(csv, "lat", &c_lat, e)))
        goto cleanup;
    n = csvread_n_rows(csv);
    if (n == 0) {
        rc = err_set(e, ERR_PARSE, "%s:%zu: no points after the header", points,
                     csvread_header_line(csv));
        goto cleanup;
    }
    ids = xcalloc(n, sizeof *ids);
    names = xcalloc(n, sizeof *names);
    lines = xcalloc(n, sizeof *lines);
    lon = xmallocarray(n, sizeof *lon);
    lat = xmallocarray(n, sizeof *lat);
    for (size_t i = 0; i < n; i++) {
        lines[i] = csvread_line(csv, i);
        if (csvread_empty(csv, i, c_id)) {
            rc = csvread_error(csv, i, c_id, e, "expected an id, got ''");
            goto cleanup;
        }
        ids[i] = xstrdup(csvread_field(csv, i, c_id));
        for (size_t k = 0; k < i; k++)
            if (!strcmp(ids[k], ids[i])) {
                rc = csvread_error(csv, i, c_id, e, "duplicate id '%s' (first on line %zu)", ids[i],
                                   lines[k]);
                goto cleanup;
            }
        names[i] = xstrdup(c_name == CSVREAD_NONE ? "" : csvread_field(csv, i, c_name));
        if ((rc = csvread_double(csv, i, c_lon, -180, 180, &lon[i], e)) ||
            (rc = csvread_double(csv, i, c_lat, -90, 90, &lat[i], e)))
            goto cleanup;
    }

    rp.area_lon = lon; /* the points choose the projection and the part of the map kept */
    rp.area_lat = lat;
    rp.n_area = n;
    rp.area_what = "the points";
    r = roads_load(map, &rp, &ctx->log, e);
    if (!r) {
        rc = e->code;
        goto cleanup;
    }
    if (*ctx->interrupted) {
        rc = err_set(e, ERR_INTERRUPTED, "interrupted");
        goto cleanup;
    }
    sn = xcalloc(n, sizeof *sn);
    if ((rc = roads_snap_points(r, n, lon, lat, sn, e)))
        goto cleanup;
    size_t failed = 0;
    for (size_t i = 0; i < n; i++)
        if (!sn[i].ok) {
            failed++;
            log_msg(&ctx->log, LOG_WARN, "%s:%zu: point '%s' not snapped: %s", points, lines[i],
                    ids[i], sn[i].reason);
        }
    t = xmallocarray(n, n * sizeof *t);
    d = xmallocarray(n, n * sizeof *d);
    if ((rc = roads_matrix(r, n, sn, rm, t, d, &ctx->log, e)))
        goto cleanup;
    if (*ctx->interrupted) {
        rc = err_set(e, ERR_INTERRUPTED, "interrupted");
        goto cleanup;
    }
    if (!strcmp(format, "csv"))
        print_csv(ctx->out, n, ids, t, d);
    else
        rc = print_json(ctx->out, n, ids, names, sn, t, d, crs_of(r), method, e);
    log_msg(&ctx->log, LOG_INFO, "%zu points, %zu not snapped", n, failed);

cleanup:
    for (size_t i = 0; ids && i < n; i++)
        free(ids[i]);
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(ids);
    free(names);
    free(lines);
    free(lon);
    free(lat);
    free(sn);
    free(t);
    free(d);
    roads_free(r);
    csvread_free(csv);
    return rc;
}
