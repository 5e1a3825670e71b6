/* area.h — the area a map is used for: the box and centre of the points that matter (a
 * scenario's stops, a matrix's points) or, without points, of the map's densest part; and
 * the road nodes far outside it, which are dropped before they can choose the projection or
 * stretch a road across the world (a stray way, a node id used twice with two locations).
 * SPDX-License-Identifier: MIT */
#ifndef MAPS_AREA_H
#define MAPS_AREA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "maps/geo.h"
#include "maps/osm_reader.h"

/* Cells of this many degrees group road nodes into clusters for area_of_map. */
#define AREA_CELL_DEG 1.0

typedef struct area {
    geo_box box;       /* the points' bounding box, degrees */
    double centre_lon; /* where the automatic CRS is chosen: the component-wise median of the */
    double centre_lat; /* points (area_of_points), the box's centre (area_of_map) */
    size_t n_points;   /* points the area was made from */
} area;

/* The area of the n points with valid coordinates (|lon| <= 180, |lat| <= 90; others are
 * skipped): their box, and their component-wise median as the centre, so a single stray point
 * cannot move the projection. false if no point is valid. */
bool area_of_points(size_t n, const double *lon, const double *lat, area *a);

/* The densest part of n points (a map's road nodes), for when no points are given: the points
 * are binned into AREA_CELL_DEG cells; the occupied cells connected (8-neighbour, across the
 * antimeridian too) to the cell holding the most points form the core, and the area is the
 * box of the points in the core, centred on the box. false if no point is valid. */
bool area_of_map(size_t n, const double *lon, const double *lat, area *a);

/* Whether (lon, lat) is within margin_km of a's box (measured along the meridian and along
 * the parallel farthest from the equator, so the margin is at least margin_km everywhere). */
bool area_near(const area *a, double margin_km, double lon, double lat);

/* What area_drop_far dropped. */
typedef struct area_dropped {
    size_t nodes;      /* road nodes outside the margin (their location set to NaN) */
    size_t ways_whole; /* ways all of whose located nodes were dropped */
    size_t ways_cut;   /* ways that lost some nodes and keep others (split there) */
    int64_t node_id;   /* the first dropped node of the first such way, in file order */
    int64_t way_id;
    double lon, lat; /* its location */
} area_dropped;

/* Drops (sets to NaN, as for a node the file lacks) every node location of d farther than
 * margin_km outside a's box, and counts what that removed. Returns the number of located
 * nodes left. */
size_t area_drop_far(const area *a, double margin_km, osm_data *d, area_dropped *out);

#endif
