/* export.c — writes every export of a plan (see export.h): checks the plan once, names the
 * files, and calls the GPX, GeoJSON, map page, sheet, timetable and notice writers.
 * SPDX-License-Identifier: MIT */
#include "io/export/export.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/geojson.h"
#include "io/export/gpx.h"
#include "io/export/mappage.h"
#include "io/export/notice.h"
#include "io/export/sheet.h"
#include "io/export/timetable.h"
#include "io/text/outfmt.h"
#include "util/mem.h"
#include "util/outfile.h"
#include "util/path.h"

void export_opts_init(export_opts *o)
{
    memset(o, 0, sizeof *o);
    o->gpx = o->geojson = o->map = o->sheets = o->timetable = o->notices = true;
    o->leaflet_dir = EXPORT_LEAFLET_DIR;
}

static bool bad_lonlat(double lon, double lat)
{
    /* GPX's longitudeType is [-180, 180): 180 itself is written as -180 by nobody here, so
     * the plan must already use the half-open range. */
    return !isfinite(lon) || !isfinite(lat) || lon < -180 || lon >= 180 || lat < -90 || lat > 90;
}

err_code export_check_plan(const plan *p, err *e)
{
    if (!p)
        return err_set(e, ERR_PARSE, "plan: missing");
    if (p->n_days == 0 || p->n_days > 32 || !p->day_names)
        return err_set(e, ERR_PARSE, "plan: %" PRIu32 " days (expected 1..32)", p->n_days);
    for (uint32_t d = 0; d < p->n_days; d++)
        if (!p->day_names[d])
            return err_set(e, ERR_PARSE, "plan: day %" PRIu32 " has no name", d);
    if (p->n_carriers && !p->carriers)
        return err_set(e, ERR_PARSE, "plan: carriers missing");
    for (uint32_t c = 0; c < p->n_carriers; c++)
        if (!p->carriers[c])
            return err_set(e, ERR_PARSE, "plan: carrier %" PRIu32 " has no name", c);
    if ((p->n_stops && !p->stops) || (p->n_vehicles && !p->vehicles) || (p->n_routes && !p->routes))
        return err_set(e, ERR_PARSE, "plan: stop, vehicle or route array missing");
    for (size_t i = 0; i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        if (!s->id || !s->name)
            return err_set(e, ERR_PARSE, "plan: stop %zu: id or name missing", i);
        if (bad_lonlat(s->lon, s->lat))
            return err_set(e, ERR_PARSE, "plan: stop '%s': coordinates %g, %g out of range", s->id,
                           s->lon, s->lat);
        if (s->kind != PLAN_DEPOT && p->n_carriers && !s->demand)
            return err_set(e, ERR_PARSE, "plan: stop '%s': demand missing", s->id);
    }
    for (size_t v = 0; v < p->n_vehicles; v++) {
        const plan_vehicle *veh = &p->vehicles[v];
        if (!veh->id)
            return err_set(e, ERR_PARSE, "plan: vehicle %zu: id missing", v);
        if (veh->depot >= p->n_stops)
            return err_set(e, ERR_PARSE, "plan: vehicle '%s': depot %" PRIu32 " of %zu stops",
                           veh->id, veh->depot, p->n_stops);
    }
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        if (r->day >= p->n_days)
            return err_set(e, ERR_PARSE, "plan: route %zu: day %" PRIu32 " of %" PRIu32, i, r->day,
                           p->n_days);
        if (r->vehicle >= p->n_vehicles)
            return err_set(e, ERR_PARSE, "plan: route %zu: vehicle %" PRIu32 " of %zu", i,
                           r->vehicle, p->n_vehicles);
        if (r->n_visits && !r->visits)
            return err_set(e, ERR_PARSE, "plan: route %zu: visits missing", i);
        if (r->n_points && !r->lonlat)
            return err_set(e, ERR_PARSE, "plan: route %zu: geometry missing", i);
        for (size_t k = 0; k < r->n_visits; k++) {
            if (r->visits[k].stop >= p->n_stops)
                return err_set(e, ERR_PARSE, "plan: route %zu visit %zu: stop %" PRIu32 " of %zu",
                               i, k, r->visits[k].stop, p->n_stops);
            if (p->n_carriers && !r->visits[k].parcels)
                return err_set(e, ERR_PARSE, "plan: route %zu visit %zu: parcels missing", i, k);
        }
        for (size_t k = 0; k < r->n_points; k++)
            if (bad_lonlat(r->lonlat[2 * k], r->lonlat[2 * k + 1]))
                return err_set(e, ERR_PARSE, "plan: route %zu: point %zu out of range", i, k);
    }
    return ERR_OK;
}

/* Sanitised names, made unique by appending "-2", "-3", ... in index order. */
static char **unique_parts(size_t n, const char *const *names)
{
    char **out = xcalloc(n + 1, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        char base[80], cand[96];
        outfmt_file_part(base, sizeof base, names[i]);
        snprintf(cand, sizeof cand, "%s", base);
        for (unsigned k = 2;; k++) {
            bool clash = false;
            for (size_t j = 0; j < i && !clash; j++)
                clash = strcmp(out[j], cand) == 0;
            if (!clash)
                break;
            snprintf(cand, sizeof cand, "%s-%u", base, k);
        }
        out[i] = xstrdup(cand);
    }
    return out;
}

void export_file_parts(const plan *p, char ***day_part, char ***vehicle_part)
{
    *day_part = unique_parts(p->n_days, (const char *const *)p->day_names);
    const char **ids = xcalloc(p->n_vehicles + 1, sizeof *ids);
    for (size_t v = 0; v < p->n_vehicles; v++)
        ids[v] = p->vehicles[v].id;
    *vehicle_part = unique_parts(p->n_vehicles, ids);
    free(ids);
}

size_t export_township_parts(const plan *p, const char ***names, char ***parts)
{
    size_t n_en;
    timetable_entry *en = timetable_entries(p, &n_en);
    const char **tw = xcalloc(n_en + 1, sizeof *tw);
    size_t n = 0;
    for (size_t i = 0; i < n_en; i++) {
        const char *t = timetable_township(&p->stops[en[i].stop]);
        if (n == 0 || strcmp(tw[n - 1], t)) /* entries come grouped by township */
            tw[n++] = t;
    }
    free(en);
    *names = tw;
    *parts = unique_parts(n, tw);
    return n;
}

/* timetables/<township>.html, one per township with stops. */
static err_code notices(const plan *p, const char *out_dir, const logger *lg, err *e)
{
    char *dir = path_join(out_dir, "timetables");
    err_code rc = outfile_mkdir(dir, e);
    const char **names = NULL;
    char **parts = NULL;
    size_t n = 0, n_en = 0;
    timetable_entry *en = NULL;
    if (rc == ERR_OK) {
        n = export_township_parts(p, &names, &parts);
        en = timetable_entries(p, &n_en);
    }
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        char name[256];
        snprintf(name, sizeof name, "%s.html", parts[i]);
        char *path = path_join(dir, name);
        rc = notice_write(p, en, n_en, names[i], path, e);
        free(path);
    }
    if (rc == ERR_OK)
        log_msg(lg, LOG_DEBUG, "wrote %zu township timetables in %s/", n, dir);
    for (size_t i = 0; i < n; i++)
        free(parts[i]);
    free(parts);
    free(names);
    free(en);
    free(dir);
    return rc;
}

/* Writes gpx/ or sheets/ files: one per route. */
static err_code per_route(const plan *p, const char *out_dir, const char *sub, const char *ext,
                          err_code (*write)(const plan *, size_t, const char *, err *), char **days,
                          char **vehs, const logger *lg, err *e)
{
    char *dir = path_join(out_dir, sub);
    err_code rc = outfile_mkdir(dir, e);
    for (size_t i = 0; rc == ERR_OK && i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        char name[256];
        snprintf(name, sizeof name, "%s-%s.%s", days[r->day], vehs[r->vehicle], ext);
        char *path = path_join(dir, name);
        rc = write(p, i, path, e);
        free(path);
    }
    if (rc == ERR_OK)
        log_msg(lg, LOG_DEBUG, "wrote %zu %s files in %s/", p->n_routes, ext, dir);
    free(dir);
    return rc;
}

/* The stems of the lines' files, "line-3", made distinct from every "<day>-<vehicle>" stem of
 * days x vehs by "-2", "-3"... (caller frees each and the array). */
static char **line_parts(const plan *p, char **days, char **vehs)
{
    char **out = xcalloc(p->n_lines + 1, sizeof *out);
    for (size_t l = 0; l < p->n_lines; l++) {
        char base[32], cand[48];
        snprintf(base, sizeof base, "line-%zu", l + 1);
        snprintf(cand, sizeof cand, "%s", base);
        for (unsigned k = 2;; k++) {
            bool clash = false;
            for (uint32_t d = 0; d < p->n_days && !clash; d++)
                for (size_t v = 0; v < p->n_vehicles && !clash; v++) {
                    size_t n = strlen(days[d]);
                    clash = !strncmp(cand, days[d], n) && cand[n] == '-' &&
                            !strcmp(cand + n + 1, vehs[v]);
                }
            if (!clash)
                break;
            snprintf(cand, sizeof cand, "%s-%u", base, k);
        }
        out[l] = xstrdup(cand);
    }
    return out;
}

/* Writes gpx/ or sheets/ files of the lines: one per line. */
static err_code per_line(const plan *p, const char *out_dir, const char *sub, const char *ext,
                         err_code (*write)(const plan *, size_t, const char *, err *), char **lines,
                         const logger *lg, err *e)
{
    char *dir = path_join(out_dir, sub);
    err_code rc = outfile_mkdir(dir, e);
    for (size_t l = 0; rc == ERR_OK && l < p->n_lines; l++) {
        char name[64];
        snprintf(name, sizeof name, "%s.%s", lines[l], ext);
        char *path = path_join(dir, name);
        rc = write(p, l, path, e);
        free(path);
    }
    if (rc == ERR_OK)
        log_msg(lg, LOG_DEBUG, "wrote %zu line %s files in %s/", p->n_lines, ext, dir);
    free(dir);
    return rc;
}

size_t export_shapes(const export_opts *o, const char **shapes)
{
    export_opts defaults;
    if (!o) {
        export_opts_init(&defaults);
        o = &defaults;
    }
    size_t n = 0;
    if (o->gpx)
        shapes[n++] = "gpx/*.gpx";
    if (o->sheets)
        shapes[n++] = "sheets/*.html";
    if (o->geojson)
        shapes[n++] = "plan.geojson";
    if (o->map)
        shapes[n++] = "map.html";
    if (o->timetable)
        shapes[n++] = "timetable.csv";
    if (o->notices)
        shapes[n++] = "timetables/*.html";
    return n;
}

err_code export_plan(const plan *p, const export_opts *o, const char *out_dir, err *e)
{
    export_opts defaults;
    if (!o) {
        export_opts_init(&defaults);
        o = &defaults;
    }
    err_code rc = export_check_plan(p, e);
    if (rc != ERR_OK)
        return rc;
    if (!outfmt_parse_date(p->week_start, &(int64_t){0}))
        log_msg(o->log, LOG_WARN, "plan has no valid week start date ('%s'): no times in GPX",
                p->week_start ? p->week_start : "");
    /* Times, loads and visits that agree with each other (and one route per vehicle and
     * day, so no two routes write the same file). */
    rc = plan_check(p, e);
    if (rc != ERR_OK) {
        err_wrap(e, "plan");
        return rc;
    }
    rc = outfile_mkdir(out_dir, e);
    if (rc != ERR_OK)
        return rc;
    char **days, **vehs;
    export_file_parts(p, &days, &vehs);
    char **lines = line_parts(p, days, vehs);
    if (rc == ERR_OK && o->gpx)
        rc = per_route(p, out_dir, "gpx", "gpx", gpx_write_route, days, vehs, o->log, e);
    if (rc == ERR_OK && o->gpx && p->n_lines)
        rc = per_line(p, out_dir, "gpx", "gpx", gpx_write_line, lines, o->log, e);
    if (rc == ERR_OK && o->sheets)
        rc = per_route(p, out_dir, "sheets", "html", sheet_write_route, days, vehs, o->log, e);
    if (rc == ERR_OK && o->sheets && p->n_lines)
        rc = per_line(p, out_dir, "sheets", "html", sheet_write_line, lines, o->log, e);
    if (rc == ERR_OK && o->geojson) {
        char *path = path_join(out_dir, "plan.geojson");
        rc = geojson_write(p, path, e);
        if (rc == ERR_OK)
            log_msg(o->log, LOG_DEBUG, "wrote %s", path);
        free(path);
    }
    if (rc == ERR_OK && o->map) {
        char *path = path_join(out_dir, "map.html");
        rc = mappage_write(p, o, path, e);
        if (rc == ERR_OK)
            log_msg(o->log, LOG_DEBUG, "wrote %s (%zu background road lines)", path,
                    o->road_n_lines);
        free(path);
    }
    if (rc == ERR_OK && o->timetable) {
        char *path = path_join(out_dir, "timetable.csv");
        rc = timetable_write_csv_file(p, path, e);
        if (rc == ERR_OK)
            log_msg(o->log, LOG_DEBUG, "wrote %s", path);
        free(path);
    }
    if (rc == ERR_OK && o->notices)
        rc = notices(p, out_dir, o->log, e);
    for (uint32_t d = 0; d < p->n_days; d++)
        free(days[d]);
    for (size_t v = 0; v < p->n_vehicles; v++)
        free(vehs[v]);
    for (size_t l = 0; l < p->n_lines; l++)
        free(lines[l]);
    free(days);
    free(vehs);
    free(lines);
    return rc;
}
