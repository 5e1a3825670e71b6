/* geo.c — coordinate projection with PROJ: one PJ_CONTEXT per handle, a lon/lat-ordered
 * (proj_normalize_for_visualization) transformation from EPSG:4326 to a metric CRS.
 * SPDX-License-Identifier: MIT */
#include "maps/geo.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <proj.h>

#include "util/mem.h"

struct geo {
    PJ_CONTEXT *ctx; /* owned; never the default context */
    PJ *pj;          /* EPSG:4326 -> crs, normalised to lon/lat input order */
    char *crs;       /* the CRS as given or chosen */
    char name[128];  /* PROJ's name of it ("WGS 84 / UTM zone 50N"), "" if none */
    bool has_area;   /* PROJ knows its area of use: */
    double area[4];  /* west, south, east, north, degrees (west > east across 180) */
};

void geo_auto_crs(double lon, double lat, char *buf, size_t size)
{
    if (lon >= 73.0 && lon <= 135.5 && lat >= 17.0 && lat <= 54.0) {
        /* CGCS2000 3-degree GK CM zones: EPSG:4534 is CM 75E, one code per 3 degrees. */
        int cm = (int)lround(lon / 3.0) * 3;
        if (cm < 75)
            cm = 75;
        if (cm > 135)
            cm = 135;
        snprintf(buf, size, "EPSG:%d", 4534 + (cm - 75) / 3);
        return;
    }
    int zone = (int)floor((lon + 180.0) / 6.0) + 1;
    if (zone < 1)
        zone = 1;
    if (zone > 60)
        zone = 60;
    snprintf(buf, size, "EPSG:%d", (lat >= 0 ? 32600 : 32700) + zone);
}

static err_code proj_fail(PJ_CONTEXT *ctx, err *e, const char *what)
{
    int code = proj_context_errno(ctx);
    return err_set(e, ERR_PROJ, "%s: %s", what,
                   code ? proj_context_errno_string(ctx, code) : "unknown PROJ error");
}

/* The CRS object for crs; a PROJ string without +type=crs is taken as the CRS it defines, as
 * proj_create_crs_to_crs does. NULL if PROJ knows no such CRS; *not_crs tells whether crs
 * named some other PROJ object (an operation). */
static PJ *create_crs(PJ_CONTEXT *ctx, const char *crs, bool *not_crs)
{
    *not_crs = false;
    PJ *pj = proj_create(ctx, crs);
    if (pj && proj_is_crs(pj))
        return pj;
    if (pj) {
        *not_crs = true;
        proj_destroy(pj);
        pj = NULL;
    }
    if (strstr(crs, "proj=") && !strstr(crs, "type=crs")) {
        size_t n = strlen(crs) + sizeof " +type=crs";
        char *s = xmalloc(n);
        snprintf(s, n, "%s +type=crs", crs);
        pj = proj_create(ctx, s);
        free(s);
        if (pj && !proj_is_crs(pj)) {
            proj_destroy(pj);
            pj = NULL;
        }
        if (pj)
            *not_crs = false;
    }
    return pj;
}

/* The horizontal part of crs (the source of a bound CRS, the first part of a compound one);
 * a new object, or NULL. */
static PJ *horizontal_part(PJ_CONTEXT *ctx, const PJ *crs)
{
    PJ *h = proj_clone(ctx, crs);
    for (int depth = 0; h && depth < 4; depth++) {
        PJ *next;
        switch (proj_get_type(h)) {
        case PJ_TYPE_BOUND_CRS: next = proj_get_source_crs(ctx, h); break;
        case PJ_TYPE_COMPOUND_CRS: next = proj_crs_get_sub_crs(ctx, h, 0); break;
        default: return h;
        }
        proj_destroy(h);
        h = next;
    }
    return h;
}

/* ERR_OK if crs (a CRS object) is projected with axes in metres, else ERR_USAGE and why. */
static err_code check_projected(PJ_CONTEXT *ctx, const PJ *crs, err *e)
{
    PJ *h = horizontal_part(ctx, crs);
    if (!h)
        return err_set(e, ERR_USAGE, "PROJ cannot find the horizontal part of this CRS");
    const char *name = proj_get_name(h) ? proj_get_name(h) : "this CRS";
    err_code rc = ERR_OK;
    switch (proj_get_type(h)) {
    case PJ_TYPE_PROJECTED_CRS: break;
    case PJ_TYPE_GEOGRAPHIC_CRS:
    case PJ_TYPE_GEOGRAPHIC_2D_CRS:
    case PJ_TYPE_GEOGRAPHIC_3D_CRS:
        rc = err_set(e, ERR_USAGE,
                     "%s is a geographic CRS in degrees, not a projected CRS in metres", name);
        break;
    case PJ_TYPE_GEOCENTRIC_CRS:
        rc = err_set(e, ERR_USAGE, "%s is a geocentric CRS, not a projected CRS in metres", name);
        break;
    default: rc = err_set(e, ERR_USAGE, "%s is not a projected CRS in metres", name); break;
    }
    PJ *cs = rc == ERR_OK ? proj_crs_get_coordinate_system(ctx, h) : NULL;
    if (rc == ERR_OK && !cs)
        rc = err_set(e, ERR_USAGE, "PROJ gives no coordinate system for %s", name);
    int n_axes = cs ? proj_cs_get_axis_count(ctx, cs) : 0;
    for (int i = 0; rc == ERR_OK && i < n_axes && i < 2; i++) {
        double factor = 0;
        const char *unit = NULL;
        if (!proj_cs_get_axis_info(ctx, cs, i, NULL, NULL, NULL, &factor, &unit, NULL, NULL))
            rc = err_set(e, ERR_USAGE, "PROJ gives no axis units for %s", name);
        else if (factor != 1.0)
            rc = err_set(e, ERR_USAGE, "the axes of %s are in %s, not metres", name,
                         unit ? unit : "another unit");
    }
    if (cs)
        proj_destroy(cs);
    proj_destroy(h);
    return rc;
}

err_code geo_check_crs(const char *crs, err *e)
{
    PJ_CONTEXT *ctx = proj_context_create();
    if (!ctx)
        return err_set(e, ERR_PROJ, "cannot create a PROJ context");
    proj_log_level(ctx, PJ_LOG_NONE);
    bool not_crs;
    PJ *pj = create_crs(ctx, crs, &not_crs);
    err_code rc =
        pj ? check_projected(ctx, pj, e)
           : err_set(e, ERR_USAGE, not_crs ? "not a coordinate reference system" : "unknown CRS");
    if (pj)
        proj_destroy(pj);
    proj_context_destroy(ctx);
    return rc;
}

geo *geo_new(const char *crs, double center_lon, double center_lat, err *e)
{
    geo *g = xcalloc(1, sizeof *g);
    char buf[64];
    if (!crs) {
        geo_auto_crs(center_lon, center_lat, buf, sizeof buf);
        crs = buf;
    }
    g->crs = xstrdup(crs);
    PJ *src = NULL, *dst = NULL, *raw = NULL;
    g->ctx = proj_context_create();
    if (!g->ctx) {
        err_set(e, ERR_PROJ, "cannot create a PROJ context");
        goto fail;
    }
    proj_log_level(g->ctx, PJ_LOG_NONE);
    bool not_crs;
    dst = create_crs(g->ctx, g->crs, &not_crs);
    if (!dst) {
        err_set(e, ERR_USAGE, not_crs ? "not a coordinate reference system" : "unknown CRS");
        goto fail_crs;
    }
    if (check_projected(g->ctx, dst, e) != ERR_OK)
        goto fail_crs;
    snprintf(g->name, sizeof g->name, "%s", proj_get_name(dst) ? proj_get_name(dst) : "");
    double *a = g->area;
    g->has_area = proj_get_area_of_use(g->ctx, dst, &a[0], &a[1], &a[2], &a[3], NULL) &&
                  a[0] > -1000 && a[1] > -1000 && a[2] > -1000 && a[3] > -1000;
    src = proj_create(g->ctx, "EPSG:4326");
    raw = src ? proj_create_crs_to_crs_from_pj(g->ctx, src, dst, NULL, NULL) : NULL;
    if (!raw) {
        proj_fail(g->ctx, e, "cannot set up the projection");
        goto fail_crs;
    }
    g->pj = proj_normalize_for_visualization(g->ctx, raw);
    if (!g->pj) {
        proj_fail(g->ctx, e, "cannot normalise the projection");
        goto fail_crs;
    }
    proj_destroy(raw);
    proj_destroy(src);
    proj_destroy(dst);
    return g;

fail_crs:
    err_wrap(e, "CRS %s", g->crs);
fail:
    if (raw)
        proj_destroy(raw);
    if (src)
        proj_destroy(src);
    if (dst)
        proj_destroy(dst);
    geo_free(g);
    return NULL;
}

void geo_free(geo *g)
{
    if (!g)
        return;
    if (g->pj)
        proj_destroy(g->pj);
    if (g->ctx)
        proj_context_destroy(g->ctx);
    free(g->crs);
    free(g);
}

const char *geo_crs(const geo *g)
{
    return g->crs;
}

static err_code trans(geo *g, PJ_DIRECTION dir, size_t n, const double *a, const double *b,
                      double *oa, double *ob, err *e)
{
    for (size_t i = 0; i < n; i++) {
        if (isnan(a[i]) || isnan(b[i])) {
            oa[i] = ob[i] = NAN;
            continue;
        }
        PJ_COORD c = proj_coord(a[i], b[i], 0, 0);
        PJ_COORD r = proj_trans(g->pj, dir, c);
        if (r.xy.x == HUGE_VAL || !isfinite(r.xy.x) || !isfinite(r.xy.y)) {
            proj_fail(g->ctx, e, "projection failed");
            return err_wrap(e, "point (%.7f, %.7f) in %s", a[i], b[i], g->crs);
        }
        oa[i] = r.xy.x;
        ob[i] = r.xy.y;
    }
    return ERR_OK;
}

err_code geo_forward(geo *g, size_t n, const double *lon, const double *lat, double *x, double *y,
                     err *e)
{
    return trans(g, PJ_FWD, n, lon, lat, x, y, e);
}

err_code geo_inverse(geo *g, size_t n, const double *x, const double *y, double *lon, double *lat,
                     err *e)
{
    return trans(g, PJ_INV, n, x, y, lon, lat, e);
}

/* WGS84 ellipsoid: semi-major axis (m) and first eccentricity squared. */
#define WGS84_A 6378137.0
#define WGS84_E2 0.0066943799901413165

err_code geo_scale_error(geo *g, const geo_box *b, double *error, double *at_lon, double *at_lat,
                         err *e)
{
    const double pts[5][2] = {{b->minlon, b->minlat},
                              {b->maxlon, b->minlat},
                              {b->minlon, b->maxlat},
                              {b->maxlon, b->maxlat},
                              {(b->minlon + b->maxlon) / 2, (b->minlat + b->maxlat) / 2}};
    const double step = 1e-4; /* degrees, about 10 m: the scale is a local property */
    *error = 0;
    for (int i = 0; i < 5; i++) {
        double lon = pts[i][0], lat = fmin(pts[i][1], 90 - 2 * step);
        double lons[3] = {lon, lon + step, lon}, lats[3] = {lat, lat, lat + step}, x[3], y[3];
        err_code rc = trans(g, PJ_FWD, 3, lons, lats, x, y, e);
        if (rc != ERR_OK)
            return rc;
        /* Lengths on the ellipsoid: a step east along the parallel, north along the meridian. */
        double phi = proj_torad(lat), mid = proj_torad(lat + step / 2), rad = proj_torad(step);
        double w = sqrt(1 - WGS84_E2 * sin(phi) * sin(phi));
        double wm = sqrt(1 - WGS84_E2 * sin(mid) * sin(mid));
        double east = WGS84_A / w * cos(phi) * rad,
               north = WGS84_A * (1 - WGS84_E2) / pow(wm, 3) * rad;
        double k[2] = {east > 1e-3 ? hypot(x[1] - x[0], y[1] - y[0]) / east : 1,
                       hypot(x[2] - x[0], y[2] - y[0]) / north};
        for (int j = 0; j < 2; j++)
            if (!(fabs(k[j] - 1) <= *error)) { /* NaN counts as the worst */
                *error = isnan(k[j]) ? (double)INFINITY : fabs(k[j] - 1);
                if (at_lon)
                    *at_lon = lon;
                if (at_lat)
                    *at_lat = lat;
            }
    }
    return ERR_OK;
}

/* Does [lo, hi] lie inside the area-of-use interval [w, e] (which wraps when w > e)? */
static bool lon_inside(double lo, double hi, double w, double e)
{
    if (w <= e)
        return lo >= w - GEO_AREA_SLACK_DEG && hi <= e + GEO_AREA_SLACK_DEG;
    return (lo >= w - GEO_AREA_SLACK_DEG || hi <= e + GEO_AREA_SLACK_DEG) &&
           (lo >= w - GEO_AREA_SLACK_DEG) == (hi >= w - GEO_AREA_SLACK_DEG);
}

err_code geo_check_area(geo *g, const geo_box *b, const char *what, err *e)
{
    const char *name = *g->name ? g->name : "no name";
    if (g->has_area) {
        const double *a = g->area;
        if (!lon_inside(b->minlon, b->maxlon, a[0], a[2]) ||
            b->minlat < a[1] - GEO_AREA_SLACK_DEG || b->maxlat > a[3] + GEO_AREA_SLACK_DEG)
            return err_set(e, ERR_USAGE,
                           "CRS %s (%s) is made for lon %.2f..%.2f, lat %.2f..%.2f, which does "
                           "not cover %s (lon %.4f..%.4f, lat %.4f..%.4f)",
                           g->crs, name, a[0], a[2], a[1], a[3], what, b->minlon, b->maxlon,
                           b->minlat, b->maxlat);
    }
    double worst, lon = 0, lat = 0;
    err pe;
    if (geo_scale_error(g, b, &worst, &lon, &lat, &pe) != ERR_OK)
        return err_set(e, ERR_USAGE, "CRS %s (%s) cannot project %s: %s", g->crs, name, what,
                       pe.msg);
    if (worst > GEO_MAX_SCALE_ERROR)
        return err_set(e, ERR_USAGE,
                       "CRS %s (%s) distorts distances at %s by %.1f%% (at lon %.4f, lat %.4f; "
                       "at most %.0f%% is accepted)",
                       g->crs, name, what, 100 * worst, lon, lat, 100 * GEO_MAX_SCALE_ERROR);
    return ERR_OK;
}

const char *geo_proj_version(void)
{
    return proj_info().version;
}
