/* geojson.c — the plan as GeoJSON (RFC 7946), written by hand with outfmt's JSON escaper so
 * coordinates get exactly the precision RFC 7946 §11.2 recommends (6 decimals, ~10 cm).
 * SPDX-License-Identifier: MIT */
#include "io/export/geojson.h"

#include <inttypes.h>
#include <stdlib.h>

#include "io/export/expdata.h"
#include "io/text/outfmt.h"
#include "util/mem.h"
#include "util/outfile.h"

static void position(FILE *f, double lon, double lat)
{
    fputc('[', f);
    outfmt_coord(f, lon);
    fputc(',', f);
    outfmt_coord(f, lat);
    fputc(']', f);
}

static void carriers_object(FILE *f, const plan *p, const int64_t *counts)
{
    fputc('{', f);
    for (uint32_t c = 0; c < p->n_carriers; c++) {
        if (c)
            fputc(',', f);
        outfmt_json(f, p->carriers[c]);
        fprintf(f, ":%" PRId64, counts[c]);
    }
    fputc('}', f);
}

static void route_feature(FILE *f, const plan *p, size_t ri)
{
    const plan_route *r = &p->routes[ri];
    const plan_vehicle *veh = &p->vehicles[r->vehicle];
    const plan_stop *depot = &p->stops[veh->depot];
    fputs("{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[", f);
    bool road = r->n_points >= 2;
    if (road) {
        for (size_t i = 0; i < r->n_points; i++) {
            if (i)
                fputc(',', f);
            position(f, r->lonlat[2 * i], r->lonlat[2 * i + 1]);
        }
    } else {
        /* No road geometry: the stops in order, flagged road_geometry=false. */
        position(f, depot->lon, depot->lat);
        for (size_t k = 0; k < r->n_visits; k++) {
            const plan_stop *s = &p->stops[r->visits[k].stop];
            fputc(',', f);
            position(f, s->lon, s->lat);
        }
        fputc(',', f);
        position(f, depot->lon, depot->lat);
    }
    int64_t *per = xcalloc(p->n_carriers + 1, sizeof *per);
    int64_t parcels = expdata_route_parcels(p, r, per);
    char km[32], t0[16], t1[16], date[32];
    outfmt_milli(km, sizeof km, r->dist_m, 3);
    outfmt_hhmm(t0, sizeof t0, r->start_s);
    outfmt_hhmm(t1, sizeof t1, r->end_s);
    fputs("]},\"properties\":{\"feature\":\"route\",\"route\":", f);
    fprintf(f, "%zu,\"day\":", ri);
    outfmt_json(f, p->day_names[r->day]);
    fprintf(f, ",\"day_index\":%" PRIu32, r->day);
    if (outfmt_date(date, sizeof date, p->week_start, r->day))
        fprintf(f, ",\"date\":\"%s\"", date);
    fputs(",\"vehicle\":", f);
    outfmt_json(f, veh->id);
    fputs(",\"driver\":", f);
    outfmt_json(f, expdata_driver(veh));
    if (p->n_lines) /* only a plan made in lines mode: free-mode files stay as they were */
        fprintf(f, ",\"line\":%" PRIu32, r->line + 1);
    fprintf(f, ",\"km\":%s,\"minutes\":%" PRId32 ",\"parcels\":%" PRId64, km,
            (r->end_s - r->start_s + 30) / 60, parcels);
    fputs(",\"parcels_by_carrier\":", f);
    carriers_object(f, p, per);
    if (expdata_has_pickup(p)) { /* outbound parcels collected (揽收), and the most on board */
        int64_t out = expdata_route_pickup(p, r, per);
        fprintf(f, ",\"outbound\":%" PRId64 ",\"outbound_by_carrier\":", out);
        carriers_object(f, p, per);
        fprintf(f, ",\"peak_load\":%" PRId64, expdata_route_peak(p, r));
    }
    fputs(",\"depot\":", f);
    outfmt_json(f, depot->id);
    fputs(",\"stop_ids\":[", f);
    for (size_t k = 0; k < r->n_visits; k++) {
        if (k)
            fputc(',', f);
        outfmt_json(f, p->stops[r->visits[k].stop].id);
    }
    fprintf(f, "],\"stops\":%zu,\"start\":\"%s\",\"end\":\"%s\",\"road_geometry\":%s}}",
            r->n_visits, t0, t1, road ? "true" : "false");
    free(per);
}

static void stop_feature(FILE *f, const plan *p, size_t si)
{
    const plan_stop *s = &p->stops[si];
    fputs("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":", f);
    position(f, s->lon, s->lat);
    fputs("},\"properties\":{\"feature\":\"stop\",\"id\":", f);
    outfmt_json(f, s->id);
    fputs(",\"name\":", f);
    outfmt_json(f, s->name);
    fputs(",\"kind\":", f);
    outfmt_json(f, plan_kind_name(s->kind));
    fputs(",\"township\":", f);
    outfmt_json(f, s->township);
    fputs(",\"code\":", f);
    outfmt_json(f, s->code);
    fputs(",\"days\":[", f);
    int any = 0;
    for (uint32_t d = 0; d < p->n_days && d < 32; d++) {
        if (!(s->days >> d & 1u))
            continue;
        if (any)
            fputc(',', f);
        outfmt_json(f, p->day_names[d]);
        any = 1;
    }
    fprintf(f, "],\"visits_required\":%" PRIu32, s->freq);
    if (s->kind != PLAN_DEPOT) {
        int64_t *dem = xcalloc(p->n_carriers + 1, sizeof *dem);
        for (uint32_t c = 0; c < p->n_carriers; c++)
            dem[c] = s->demand ? s->demand[c] : 0;
        fputs(",\"parcels_per_visit\":", f);
        carriers_object(f, p, dem);
        if (s->week) { /* weekly volumes: each visit carries what arrived since the last one */
            for (uint32_t c = 0; c < p->n_carriers; c++)
                dem[c] = s->week[c];
            fputs(",\"parcels_per_week\":", f);
            carriers_object(f, p, dem);
        }
        if (s->pickup) {
            for (uint32_t c = 0; c < p->n_carriers; c++)
                dem[c] = s->pickup[c];
            fputs(",\"outbound_per_visit\":", f);
            carriers_object(f, p, dem);
        }
        free(dem);
    }
    if (s->snap_m >= 0) {
        fputs(",\"snap_m\":", f);
        outfmt_coord(f, (double)(int64_t)(s->snap_m * 10 + 0.5) / 10);
    }
    if (s->problem) {
        fputs(",\"problem\":", f);
        outfmt_json(f, s->problem);
    }
    fputs("}}", f);
}

void geojson_write_features(FILE *f, const plan *p)
{
    fputs("{\"type\":\"FeatureCollection\",\"name\":", f);
    outfmt_json(f, p->scenario);
    fputs(",\"features\":[\n", f);
    size_t n = 0;
    for (size_t i = 0; i < p->n_routes; i++, n++) {
        if (n)
            fputs(",\n", f);
        route_feature(f, p, i);
    }
    for (size_t i = 0; i < p->n_stops; i++, n++) {
        if (n)
            fputs(",\n", f);
        stop_feature(f, p, i);
    }
    fputs("\n]}", f);
}

err_code geojson_write(const plan *p, const char *path, err *e)
{
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    geojson_write_features(outfile_fp(of), p);
    fputc('\n', outfile_fp(of));
    return outfile_commit(of, e);
}
