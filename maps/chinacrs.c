/* chinacrs.c — GCJ-02 and BD-09 to WGS84, written from the published description of the
 * formulas (the Krasovsky-ellipsoid shift of GCJ-02 and Baidu's rotation and offset; see
 * chinacrs.h). SPDX-License-Identifier: MIT */
#include "maps/chinacrs.h"

#include <math.h>
#include <string.h>

#include "util/ascii.h"

static const double PI = 3.14159265358979324;
static const double KRASOVSKY_A = 6378245.0;               /* semi-major axis, metres */
static const double KRASOVSKY_EE = 0.00669342162296594323; /* first eccentricity squared */
static const double BD_XPI = 3.14159265358979324 * 3000.0 / 180.0;

bool chinacrs_parse(const char *s, chinacrs *out)
{
    static const struct {
        const char *name;
        chinacrs c;
    } names[] = {
        {"wgs84", CHINACRS_WGS84},  {"gps", CHINACRS_WGS84},   {"cgcs2000", CHINACRS_WGS84},
        {"天地图", CHINACRS_WGS84}, {"gcj02", CHINACRS_GCJ02}, {"amap", CHINACRS_GCJ02},
        {"gaode", CHINACRS_GCJ02},  {"高德", CHINACRS_GCJ02},  {"tencent", CHINACRS_GCJ02},
        {"腾讯", CHINACRS_GCJ02},   {"火星", CHINACRS_GCJ02},  {"bd09", CHINACRS_BD09},
        {"baidu", CHINACRS_BD09},   {"百度", CHINACRS_BD09},
    };
    char buf[32];
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '-' || *p == '_' || *p == ' ')
            continue;
        if (n + 1 >= sizeof buf)
            return false;
        buf[n++] = *p;
    }
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ascii_casecmp(buf, names[i].name) == 0) {
            *out = names[i].c;
            return true;
        }
    return false;
}

const char *chinacrs_name(chinacrs c)
{
    switch (c) {
    case CHINACRS_GCJ02: return "GCJ-02";
    case CHINACRS_BD09: return "BD-09";
    default: return "WGS84";
    }
}

bool chinacrs_outside_china(double lon, double lat)
{
    return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

/* The two polynomial-and-sine terms of the shift, in the published form, of x = lon - 105
 * and y = lat - 35 (degrees). */
static double shift_lat(double x, double y)
{
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(fabs(x));
    r += (20.0 * sin(6.0 * x * PI) + 20.0 * sin(2.0 * x * PI)) * 2.0 / 3.0;
    r += (20.0 * sin(y * PI) + 40.0 * sin(y / 3.0 * PI)) * 2.0 / 3.0;
    r += (160.0 * sin(y / 12.0 * PI) + 320.0 * sin(y * PI / 30.0)) * 2.0 / 3.0;
    return r;
}

static double shift_lon(double x, double y)
{
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(fabs(x));
    r += (20.0 * sin(6.0 * x * PI) + 20.0 * sin(2.0 * x * PI)) * 2.0 / 3.0;
    r += (20.0 * sin(x * PI) + 40.0 * sin(x / 3.0 * PI)) * 2.0 / 3.0;
    r += (150.0 * sin(x / 12.0 * PI) + 300.0 * sin(x / 30.0 * PI)) * 2.0 / 3.0;
    return r;
}

/* The GCJ-02 shift at WGS84 point (lon, lat), degrees: the terms above read as metres on the
 * Krasovsky ellipsoid and turned into degrees of latitude and longitude there. */
static void shift(double lon, double lat, double *dlon, double *dlat)
{
    double x = lon - 105.0, y = lat - 35.0;
    double dy = shift_lat(x, y), dx = shift_lon(x, y);
    double rad = lat / 180.0 * PI, m = sin(rad);
    m = 1 - KRASOVSKY_EE * m * m;
    double sm = sqrt(m);
    *dlat = (dy * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (m * sm) * PI);
    *dlon = (dx * 180.0) / (KRASOVSKY_A / sm * cos(rad) * PI);
}

void chinacrs_wgs84_to_gcj02(double lon, double lat, double *glon, double *glat)
{
    if (chinacrs_outside_china(lon, lat)) {
        *glon = lon;
        *glat = lat;
        return;
    }
    double dlon, dlat;
    shift(lon, lat, &dlon, &dlat);
    *glon = lon + dlon;
    *glat = lat + dlat;
}

void chinacrs_gcj02_to_wgs84(double lon, double lat, double *wlon, double *wlat)
{
    if (chinacrs_outside_china(lon, lat)) {
        *wlon = lon;
        *wlat = lat;
        return;
    }
    /* fixed point of w = g - shift(w): the shift changes by under 1e-5 of itself per metre,
     * so each step gains five digits; 10 steps are far more than the 3-4 it takes */
    double x = lon, y = lat;
    for (int k = 0; k < 10; k++) {
        double gx, gy;
        chinacrs_wgs84_to_gcj02(x, y, &gx, &gy);
        double ex = gx - lon, ey = gy - lat;
        x -= ex;
        y -= ey;
        if (fabs(ex) < 1e-9 && fabs(ey) < 1e-9)
            break;
    }
    *wlon = x;
    *wlat = y;
}

void chinacrs_gcj02_to_bd09(double lon, double lat, double *blon, double *blat)
{
    double z = sqrt(lon * lon + lat * lat) + 0.00002 * sin(lat * BD_XPI);
    double th = atan2(lat, lon) + 0.000003 * cos(lon * BD_XPI);
    *blon = z * cos(th) + 0.0065;
    *blat = z * sin(th) + 0.006;
}

void chinacrs_bd09_to_gcj02(double lon, double lat, double *glon, double *glat)
{
    double x = lon - 0.0065, y = lat - 0.006;
    double z = sqrt(x * x + y * y) - 0.00002 * sin(y * BD_XPI);
    double th = atan2(y, x) - 0.000003 * cos(x * BD_XPI);
    *glon = z * cos(th);
    *glat = z * sin(th);
}

/* BD-09 to GCJ-02 exactly: the published one-step inverse (chinacrs_bd09_to_gcj02) evaluates
 * the small rotation and scaling terms at the BD-09 point instead of the GCJ-02 one, which is
 * off by up to 0.15 m; this corrects it by the same fixed-point steps as GCJ-02 → WGS84. */
static void bd09_to_gcj02_exact(double lon, double lat, double *glon, double *glat)
{
    double x, y;
    chinacrs_bd09_to_gcj02(lon, lat, &x, &y);
    for (int k = 0; k < 10; k++) {
        double bx, by;
        chinacrs_gcj02_to_bd09(x, y, &bx, &by);
        double ex = bx - lon, ey = by - lat;
        x -= ex;
        y -= ey;
        if (fabs(ex) < 1e-9 && fabs(ey) < 1e-9)
            break;
    }
    *glon = x;
    *glat = y;
}

void chinacrs_to_wgs84(chinacrs c, double lon, double lat, double *wlon, double *wlat)
{
    switch (c) {
    case CHINACRS_GCJ02: chinacrs_gcj02_to_wgs84(lon, lat, wlon, wlat); break;
    case CHINACRS_BD09: {
        double glon, glat;
        bd09_to_gcj02_exact(lon, lat, &glon, &glat);
        chinacrs_gcj02_to_wgs84(glon, glat, wlon, wlat);
        break;
    }
    default: *wlon = lon; *wlat = lat;
    }
}
