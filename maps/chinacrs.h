/* chinacrs.h — the coordinate systems of Chinese map apps and their conversion to WGS84:
 * GCJ-02 (国测局坐标, "Mars coordinates": Amap/高德, Tencent/腾讯, Apple Maps in China) and
 * BD-09 (百度坐标, Baidu). Both are published obfuscations of WGS84 rather than datums: GCJ-02
 * shifts a point by a smooth function of its position (up to some 700 m), BD-09 rotates and
 * scales GCJ-02 slightly about the origin and adds a constant offset. Outside mainland China
 * (the box 72.004–137.8347 E, 0.8293–55.8271 N used by every published implementation) GCJ-02
 * equals WGS84.
 * Accuracy: WGS84 → GCJ-02 and GCJ-02 → BD-09 are the published formulas themselves, exact to
 * rounding. GCJ-02 → WGS84 has no closed form; the usual one-step inverse (subtract the shift
 * computed at the GCJ-02 point) is off by up to 2.3 m over Taizhou and 4.8 m over China (a
 * 201 x 201 grid of each), and the published one-step BD-09 → GCJ-02 by up to 0.15 m.
 * chinacrs_to_wgs84 iterates both until a step moves less than 1e-9° (0.1 mm), so its result
 * is the point whose GCJ-02 (BD-09) image is the given one: on the same grids it comes back
 * within 0.002 mm. Tests in tests/maps/test_chinacrs.c. The formulas are what the map apps
 * publish; how far the apps' own data lie from the true WGS84 position is not known here.
 * SPDX-License-Identifier: MIT */
#ifndef MAPS_CHINACRS_H
#define MAPS_CHINACRS_H

#include <stdbool.h>

typedef enum chinacrs {
    CHINACRS_WGS84 = 0, /* GPS, OpenStreetMap, Tianditu/天地图 (CGCS2000 within centimetres) */
    CHINACRS_GCJ02,     /* Amap/高德, Tencent/腾讯 */
    CHINACRS_BD09       /* Baidu/百度 */
} chinacrs;

#define CHINACRS_COUNT 3

/* Parses a coordinate-system name, ASCII case ignored, '-', '_' and spaces ignored: wgs84,
 * gps, cgcs2000, 天地图 → WGS84; gcj02, amap, gaode, 高德, tencent, 腾讯, 火星 → GCJ-02; bd09,
 * baidu, 百度 → BD-09. Returns false (and leaves *out) for anything else. */
bool chinacrs_parse(const char *s, chinacrs *out);

/* "WGS84", "GCJ-02" or "BD-09". Never NULL. */
const char *chinacrs_name(chinacrs c);

/* True when (lon, lat) is outside the box where GCJ-02 differs from WGS84. */
bool chinacrs_outside_china(double lon, double lat);

/* The published formulas, one step each (bd09_to_gcj02 is the one-step inverse). */
void chinacrs_wgs84_to_gcj02(double lon, double lat, double *glon, double *glat);
void chinacrs_gcj02_to_bd09(double lon, double lat, double *blon, double *blat);
void chinacrs_bd09_to_gcj02(double lon, double lat, double *glon, double *glat);

/* GCJ-02 to WGS84 by iterating the one-step inverse (see the header comment). */
void chinacrs_gcj02_to_wgs84(double lon, double lat, double *wlon, double *wlat);

/* (lon, lat) given in system c, converted exactly (iterated inverses) to WGS84 in *wlon,
 * *wlat (WGS84 is copied). */
void chinacrs_to_wgs84(chinacrs c, double lon, double lat, double *wlon, double *wlat);

#endif
