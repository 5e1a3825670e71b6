/* gpx.c — a route as GPX 1.1 (Topografix schema, element order as the XSD requires:
 * metadata, wpt*, rte*, trk*). Written by hand: it is output only, and outfmt_xml escapes
 * every text. SPDX-License-Identifier: MIT */
#include "io/export/gpx.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>

#include "io/export/expdata.h"
#include "io/text/outfmt.h"
#include "util/mem.h"
#include "util/outfile.h"

static void latlon(FILE *f, double lon, double lat)
{
    fputs(" lat=\"", f);
    outfmt_coord(f, lat);
    fputs("\" lon=\"", f);
    outfmt_coord(f, lon);
    fputc('"', f);
}

static void time_elem(FILE *f, const plan *p, uint32_t day, int32_t secs, const char *indent)
{
    char t[64];
    if (outfmt_iso_time(t, sizeof t, p->week_start, p->utc_offset, day, secs))
        fprintf(f, "%s<time>%s</time>\n", indent, t);
}

typedef struct bounds {
    double minlat, minlon, maxlat, maxlon;
} bounds;

static void bounds_add(bounds *b, double lon, double lat)
{
    if (lat < b->minlat)
        b->minlat = lat;
    if (lat > b->maxlat)
        b->maxlat = lat;
    if (lon < b->minlon)
        b->minlon = lon;
    if (lon > b->maxlon)
        b->maxlon = lon;
}

/* What a file shows: one route on its day, or a line, drawn from one of its routes (all
 * alike), whose times hold on each of its days and so carry no date. */
typedef struct view {
    const plan_route *r;
    int32_t line; /* index into p->lines, -1 for a route on its day */
} view;

/* The clock time of a point of a line, " at 08:35", into its comment (a line's points have no
 * <time>: that needs a date). */
static void line_clock(FILE *f, const view *w, int32_t secs)
{
    char t[16];
    if (w->line >= 0)
        fprintf(f, " at %s", outfmt_hhmm(t, sizeof t, secs));
}

/* One stop as the body of a wpt or rtept (schema order: time, name, cmt, desc, type). */
static void point_body(FILE *f, const plan *p, const view *w, size_t k, const char *ind)
{
    const plan_route *r = w->r;
    const plan_stop *depot = &p->stops[p->vehicles[r->vehicle].depot];
    if (k == 0 || k == r->n_visits + 1) {
        bool start = k == 0;
        int32_t t = start ? r->start_s : r->end_s;
        if (w->line < 0)
            time_elem(f, p, r->day, t, ind);
        fprintf(f, "%s<name>", ind);
        outfmt_xml(f, depot->name);
        fprintf(f, "</name>\n%s<cmt>%s", ind, start ? "depot: start" : "depot: end");
        line_clock(f, w, t);
        fprintf(f, "</cmt>\n%s<type>depot</type>\n", ind);
        return;
    }
    const plan_visit *v = &r->visits[k - 1];
    const plan_stop *s = &p->stops[v->stop];
    if (w->line < 0)
        time_elem(f, p, r->day, v->arrival_s, ind);
    fprintf(f, "%s<name>", ind);
    outfmt_xml(f, s->name);
    fprintf(f, "</name>\n%s<cmt>stop %zu of %zu", ind, k, r->n_visits);
    if (s->township && *s->township) {
        fputs(", ", f);
        outfmt_xml(f, s->township);
    }
    line_clock(f, w, v->arrival_s);
    fprintf(f, "</cmt>\n%s<desc>", ind);
    int64_t total = 0;
    for (uint32_t c = 0; c < p->n_carriers; c++)
        total += v->parcels[c];
    fprintf(f, "%" PRId64 " parcels: ", total);
    expdata_write_carriers(f, p, v->parcels, 1);
    if (v->pickup) { /* outbound parcels to collect here (揽收) */
        fprintf(f, "; collect %" PRId64 ": ", expdata_visit_pickup(p, v));
        expdata_write_carriers(f, p, v->pickup, 1);
    }
    fprintf(f, "</desc>\n%s<type>%s</type>\n", ind, plan_kind_name(s->kind));
}

static void stop_lonlat(const plan *p, const plan_route *r, size_t k, double *lon, double *lat)
{
    const plan_stop *s = (k == 0 || k == r->n_visits + 1) ? &p->stops[p->vehicles[r->vehicle].depot]
                                                          : &p->stops[r->visits[k - 1].stop];
    *lon = s->lon;
    *lat = s->lat;
}

/* The first n points of route r (the depot, the stops in order, the depot again) as <tag>
 * elements indented by ind, their details one level deeper. */
static void points(FILE *f, const plan *p, const view *w, size_t n, const char *tag,
                   const char *ind)
{
    for (size_t k = 0; k < n; k++) {
        double lon, lat;
        stop_lonlat(p, w->r, k, &lon, &lat);
        fprintf(f, "%s<%s", ind, tag);
        latlon(f, lon, lat);
        fputs(">\n", f);
        char inner[16];
        snprintf(inner, sizeof inner, "%s  ", ind);
        point_body(f, p, w, k, inner);
        fprintf(f, "%s</%s>\n", ind, tag);
    }
}

/* What names the route or line in the file: "mon" or "line 3 (mon+wed+fri)". */
static void title(FILE *f, const plan *p, const view *w)
{
    if (w->line < 0) {
        outfmt_xml(f, p->day_names[w->r->day]);
        return;
    }
    char days[512];
    fprintf(f, "line %d (", (int)w->line + 1);
    outfmt_xml(f, plan_days_text(p, p->lines[w->line].days, "-", days, sizeof days));
    fputc(')', f);
}

static err_code write_gpx(const plan *p, const view *w, const char *path, err *e)
{
    const plan_route *r = w->r;
    const plan_vehicle *veh = &p->vehicles[r->vehicle];
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    FILE *f = outfile_fp(of);

    bounds b = {90, 180, -90, -180};
    for (size_t k = 0; k < r->n_visits + 2; k++) {
        double lon, lat;
        stop_lonlat(p, r, k, &lon, &lat);
        bounds_add(&b, lon, lat);
    }
    for (size_t i = 0; i < r->n_points; i++)
        bounds_add(&b, r->lonlat[2 * i], r->lonlat[2 * i + 1]);

    char date[32], t0[16], t1[16], shift[16], km[32];
    date[0] = '\0';
    if (w->line < 0)
        outfmt_date(date, sizeof date, p->week_start, r->day);
    outfmt_hhmm(t0, sizeof t0, r->start_s);
    outfmt_hhmm(t1, sizeof t1, r->end_s);
    outfmt_milli(shift, sizeof shift, (int64_t)veh->shift_s * 1000 / 3600, 1);
    outfmt_milli(km, sizeof km, r->dist_m, 1);
    int64_t parcels = expdata_route_parcels(p, r, NULL);

    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gpx version=\"1.1\" creator=\"jincun\" xmlns=\"http://www.topografix.com/GPX/1/1\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1 "
          "http://www.topografix.com/GPX/1/1/gpx.xsd\">\n",
          f);
    fputs("  <metadata>\n    <name>", f);
    outfmt_xml(f, p->scenario);
    fputs(" / ", f);
    title(f, p, w);
    if (*date)
        fprintf(f, " %s", date);
    fputs(" / ", f);
    outfmt_xml(f, veh->id);
    fputs("</name>\n    <desc>", f);
    if (*expdata_driver(veh)) {
        fputs("driver ", f);
        outfmt_xml(f, expdata_driver(veh));
        fputs("; ", f);
    }
    fprintf(f, "shift %s-%s (limit %s h); %zu stops; %s km; %" PRId64 " parcels", t0, t1, shift,
            r->n_visits, km, parcels);
    if (expdata_has_pickup(p))
        fprintf(f, "; %" PRId64 " to collect, at most %" PRId64 " on board",
                expdata_route_pickup(p, r, NULL), expdata_route_peak(p, r));
    fputs("</desc>\n", f);
    if (w->line < 0)
        time_elem(f, p, r->day, r->start_s, "    ");
    fputs("    <keywords>", f);
    outfmt_xml(f, p->scenario);
    fputs(", ", f);
    title(f, p, w);
    fputs(", ", f);
    outfmt_xml(f, veh->id);
    fputs("</keywords>\n    <bounds", f);
    fputs(" minlat=\"", f);
    outfmt_coord(f, b.minlat);
    fputs("\" minlon=\"", f);
    outfmt_coord(f, b.minlon);
    fputs("\" maxlat=\"", f);
    outfmt_coord(f, b.maxlat);
    fputs("\" maxlon=\"", f);
    outfmt_coord(f, b.maxlon);
    fputs("\"/>\n  </metadata>\n", f);

    /* Waypoints: the depot (leaving), then every stop in visiting order. */
    points(f, p, w, r->n_visits + 1, "wpt", "  ");

    fputs("  <rte>\n    <name>", f);
    title(f, p, w);
    fputs(" ", f);
    outfmt_xml(f, veh->id);
    fprintf(f, "</name>\n    <desc>%zu stops, depot first and last</desc>\n", r->n_visits);
    points(f, p, w, r->n_visits + 2, "rtept", "    ");
    fputs("  </rte>\n", f);

    /* The roads actually driven; a route without geometry gets no track (a straight line
     * between stops would mislead a driver). */
    if (r->n_points >= 2) {
        fputs("  <trk>\n    <name>", f);
        title(f, p, w);
        fputs(" ", f);
        outfmt_xml(f, veh->id);
        fprintf(f, "</name>\n    <desc>road geometry, %s km</desc>\n    <trkseg>\n", km);
        for (size_t i = 0; i < r->n_points; i++) {
            fputs("      <trkpt", f);
            latlon(f, r->lonlat[2 * i], r->lonlat[2 * i + 1]);
            fputs("/>\n", f);
        }
        fputs("    </trkseg>\n  </trk>\n", f);
    }
    fputs("</gpx>\n", f);
    if (outfile_commit(of, e) != ERR_OK)
        return ERR_IO;
    return ERR_OK;
}

err_code gpx_write_route(const plan *p, size_t route, const char *path, err *e)
{
    view w = {&p->routes[route], -1};
    return write_gpx(p, &w, path, e);
}

err_code gpx_write_line(const plan *p, size_t line, const char *path, err *e)
{
    view w = {NULL, (int32_t)line};
    for (size_t i = 0; i < p->n_routes && !w.r; i++)
        if (p->routes[i].line == line)
            w.r = &p->routes[i];
    assert(w.r); /* plan_check: a line has a route on each of its days */
    return write_gpx(p, &w, path, e);
}
