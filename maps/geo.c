/* geo.c — coordinate projection with PROJ: one PJ_CONTEXT per handle, a lon/lat-ordered
 * (proj_normalize_for_visualization) transformation from EPSG:4326 to a metric CRS.
 * SPDX-License-Identifier: MIT */
#include "maps/geo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <proj.h>

#include "util/mem.h"

struct geo {
    PJ_CONTEXT *ctx; /* owned; never the default context */
    PJ *pj;          /* EPSG:4326 -> crs, normalised to lon/lat input order */
    char crs[64];    /* the CRS as given or chosen */
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

geo *geo_new(const char *crs, double center_lon, double center_lat, err *e)
{
    geo *g = xcalloc(1, sizeof *g);
    if (crs)
        snprintf(g->crs, sizeof g->crs, "%s", crs);
    else
        geo_auto_crs(center_lon, center_lat, g->crs, sizeof g->crs);
    g->ctx = proj_context_create();
    if (!g->ctx) {
        err_set(e, ERR_PROJ, "cannot create a PROJ context");
        geo_free(g);
        return NULL;
    }
    proj_log_level(g->ctx, PJ_LOG_NONE);
    PJ *raw = proj_create_crs_to_crs(g->ctx, "EPSG:4326", g->crs, NULL);
    if (!raw) {
        proj_fail(g->ctx, e, "cannot set up the projection");
        err_wrap(e, "CRS '%s'", g->crs);
        geo_free(g);
        return NULL;
    }
    g->pj = proj_normalize_for_visualization(g->ctx, raw);
    proj_destroy(raw);
    if (!g->pj) {
        proj_fail(g->ctx, e, "cannot normalise the projection");
        err_wrap(e, "CRS '%s'", g->crs);
        geo_free(g);
        return NULL;
    }
    return g;
}

void geo_free(geo *g)
{
    if (!g)
        return;
    if (g->pj)
        proj_destroy(g->pj);
    if (g->ctx)
        proj_context_destroy(g->ctx);
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

const char *geo_proj_version(void)
{
    return proj_info().version;
}
