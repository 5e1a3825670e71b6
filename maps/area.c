/* area.c — the area a map is used for (medians of the points, or the cluster of 1-degree
 * cells holding most road nodes) and the dropping of road nodes far outside it.
 * SPDX-License-Identifier: MIT */
#include "maps/area.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define KM_PER_DEG 111.195 /* along a meridian, on the 6371 km sphere */
#define RAD_PER_DEG (3.14159265358979323846 / 180)
#define N_LAT ((size_t)(180 / AREA_CELL_DEG))
#define N_LON ((size_t)(360 / AREA_CELL_DEG))

static bool valid(double lon, double lat)
{
    return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Median of v[0..n) (n >= 1), sorting v; the mean of the two middle values when n is even. */
static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void box_reset(geo_box *b)
{
    b->minlon = b->minlat = INFINITY;
    b->maxlon = b->maxlat = -INFINITY;
}

static void box_add(geo_box *b, double lon, double lat)
{
    b->minlon = fmin(b->minlon, lon);
    b->maxlon = fmax(b->maxlon, lon);
    b->minlat = fmin(b->minlat, lat);
    b->maxlat = fmax(b->maxlat, lat);
}

bool area_of_points(size_t n, const double *lon, const double *lat, area *a)
{
    memset(a, 0, sizeof *a);
    box_reset(&a->box);
    double *vx = xmallocarray(n ? n : 1, sizeof *vx), *vy = xmallocarray(n ? n : 1, sizeof *vy);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (valid(lon[i], lat[i])) {
            box_add(&a->box, lon[i], lat[i]);
            vx[m] = lon[i];
            vy[m++] = lat[i];
        }
    if (m > 0) {
        a->centre_lon = median(vx, m);
        a->centre_lat = median(vy, m);
    }
    a->n_points = m;
    free(vx);
    free(vy);
    return m > 0;
}

static size_t cell_of(double lon, double lat)
{
    size_t y = (size_t)fmin(floor((lat + 90) / AREA_CELL_DEG), (double)(N_LAT - 1));
    size_t x = (size_t)fmin(floor((lon + 180) / AREA_CELL_DEG), (double)(N_LON - 1));
    return y * N_LON + x;
}

bool area_of_map(size_t n, const double *lon, const double *lat, area *a)
{
    memset(a, 0, sizeof *a);
    box_reset(&a->box);
    uint32_t *count = xcalloc(N_LAT * N_LON, sizeof *count);
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        if (!valid(lon[i], lat[i]))
            continue;
        size_t c = cell_of(lon[i], lat[i]);
        if (count[c] < UINT32_MAX)
            count[c]++;
        if (best == SIZE_MAX || count[c] > count[best] || (count[c] == count[best] && c < best))
            best = c;
    }
    if (best == SIZE_MAX) {
        free(count);
        return false;
    }
    /* Flood fill from the densest cell over occupied neighbours; core[c] marks the result. */
    uint8_t *core = xcalloc(N_LAT * N_LON, 1);
    size_t *stack = xmallocarray(N_LAT * N_LON, sizeof *stack), sp = 0;
    core[best] = 1;
    stack[sp++] = best;
    while (sp > 0) {
        size_t c = stack[--sp];
        long y = (long)(c / N_LON), x = (long)(c % N_LON);
        for (long ny = y - 1; ny <= y + 1; ny++)
            for (long dx = -1; dx <= 1; dx++) {
                if (ny < 0 || ny >= (long)N_LAT)
                    continue;
                long nx = (x + dx + (long)N_LON) % (long)N_LON;
                size_t nc = (size_t)ny * N_LON + (size_t)nx;
                if (count[nc] && !core[nc]) {
                    core[nc] = 1;
                    stack[sp++] = nc;
                }
            }
    }
    for (size_t i = 0; i < n; i++)
        if (valid(lon[i], lat[i]) && core[cell_of(lon[i], lat[i])]) {
            box_add(&a->box, lon[i], lat[i]);
            a->n_points++;
        }
    a->centre_lon = (a->box.minlon + a->box.maxlon) / 2;
    a->centre_lat = (a->box.minlat + a->box.maxlat) / 2;
    free(stack);
    free(core);
    free(count);
    return true;
}

bool area_near(const area *a, double margin_km, double lon, double lat)
{
    double dlat = margin_km / KM_PER_DEG;
    if (lat < a->box.minlat - dlat || lat > a->box.maxlat + dlat)
        return false;
    double far = fmax(fabs(a->box.minlat), fabs(a->box.maxlat)) + dlat;
    if (far >= 89)
        return true; /* near a pole every longitude is close */
    double dlon = dlat / cos(far * RAD_PER_DEG);
    return lon >= a->box.minlon - dlon && lon <= a->box.maxlon + dlon;
}

size_t area_drop_far(const area *a, double margin_km, osm_data *d, area_dropped *out)
{
    memset(out, 0, sizeof *out);
    uint8_t *dropped = xcalloc(d->n_nodes ? d->n_nodes : 1, 1);
    size_t left = 0;
    for (size_t i = 0; i < d->n_nodes; i++) {
        if (isnan(d->lon[i]) || isnan(d->lat[i]))
            continue;
        if (area_near(a, margin_km, d->lon[i], d->lat[i])) {
            left++;
            continue;
        }
        dropped[i] = 1;
        out->nodes++;
    }
    for (size_t w = 0; w < d->n_ways && out->nodes > 0; w++) {
        const osm_way *ow = &d->ways[w];
        size_t gone = 0, kept = 0;
        for (uint32_t k = 0; k < ow->n_refs; k++) {
            uint32_t x = d->refs[ow->first_ref + k];
            if (dropped[x]) {
                if (gone++ == 0 && out->ways_whole + out->ways_cut == 0) {
                    out->node_id = d->node_id[x];
                    out->way_id = ow->id;
                    out->lon = d->lon[x];
                    out->lat = d->lat[x];
                }
            } else if (!isnan(d->lon[x])) {
                kept++;
            }
        }
        if (gone > 0 && kept == 0)
            out->ways_whole++;
        else if (gone > 0)
            out->ways_cut++;
    }
    for (size_t i = 0; i < d->n_nodes; i++)
        if (dropped[i])
            d->lon[i] = d->lat[i] = NAN;
    free(dropped);
    return left;
}
