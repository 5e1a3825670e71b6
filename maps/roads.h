/* roads.h — the road map as the planner uses it: an OSM file loaded into a routable graph,
 * points snapped to roads, travel matrices and the road geometry of legs. A facade over
 * osm_reader (libosmium), geo (PROJ), graph, snap, dijkstra and ch.
 * SPDX-License-Identifier: MIT */
#ifndef MAPS_ROADS_H
#define MAPS_ROADS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/log.h"

typedef struct roads roads;

typedef struct roads_params {
    const char *profile_path; /* road profile file; NULL = maps/profiles/car.profile defaults */
    const char *crs;          /* projected CRS ("EPSG:4549"); NULL = automatic */
    double snap_radius_m;     /* default 1000 */
    bool keep_places;         /* keep place nodes for geocoding (default true) */
    const volatile sig_atomic_t *interrupted; /* NULL, or polled while the file is read:
                                                 non-zero stops roads_load (ERR_INTERRUPTED) */
    /* The points the map is used for (a scenario's stops, a matrix's points), borrowed during
     * roads_load; invalid ones (NaN, out of range) are skipped. Their median chooses the
     * automatic CRS and road nodes more than area_margin_km outside their box are dropped.
     * Without points (n_area 0) the area is the map's densest part (maps/area.h). */
    const double *area_lon, *area_lat;
    size_t n_area;
    const char *area_what; /* names the points in messages (default "the points") */
    double area_margin_km; /* default ROADS_AREA_MARGIN_KM */
} roads_params;

#define ROADS_AREA_MARGIN_KM 100.0

void roads_params_init(roads_params *p);

/* Checks a CRS for roads_params.crs before any map is read: a projected CRS in metres that
 * PROJ knows (geo_check_crs). ERR_USAGE with the reason ("unknown CRS", ...), which the
 * caller prefixes with where the CRS came from. Whether it suits the area is checked by
 * roads_load. */
err_code roads_check_crs(const char *crs, err *e);

/* Loads .osm.pbf/.osm/.osm.bz2/.osm.gz into a graph (largest strongly connected component),
 * projected, chains compressed, ready for snapping and matrices. Road nodes far outside the
 * area (see roads_params) are dropped with a warning through lg that says how many, and
 * where. A given CRS must suit the area (geo_check_area). Caller frees. ERR_IO, ERR_OSM,
 * ERR_PROJ, ERR_PARSE (profile), ERR_USAGE (p->crs unfit), ERR_NOTFOUND (no road in the area),
 * ERR_INTERRUPTED. */
roads *roads_load(const char *osm_path, const roads_params *p, const logger *lg, err *e);
void roads_free(roads *r);

typedef struct roads_stats {
    uint64_t osm_nodes_used; /* way nodes kept from the file */
    uint64_t osm_ways_used;  /* drivable ways + ferries */
    uint32_t graph_nodes;    /* after chain compression, in the routable component */
    uint32_t graph_arcs;
    double road_km;      /* kept, both directions counted once */
    double dropped_km;   /* in components other than the largest */
    uint32_t components; /* strongly connected components found */
    const char *crs;     /* the CRS used ("EPSG:4549") */
    uint64_t far_nodes;  /* road nodes dropped as farther than the margin outside the area */
    uint64_t far_ways;   /* ways that lost nodes that way (wholly or in part) */
    double load_seconds;
    double ch_seconds; /* 0 until a matrix needed the hierarchy */
} roads_stats;
void roads_get_stats(const roads *r, roads_stats *s);

/* A point snapped to the nearest point on a road segment. */
typedef struct roads_snap {
    bool ok;          /* false: see reason */
    char reason[160]; /* why not ("no road within 1000 m", ...) */
    double lon, lat;  /* the point on the road */
    double dist_m;    /* distance from the input point to the road */
    /* internal: where the point lies in the graph, found once by roads_snap_points and read by
     * every matrix and leg */
    uint32_t arc;  /* the graph edge (a compressed chain of road segments) */
    uint32_t seg;  /* the segment of the edge holding the point (its points seg, seg+1) */
    double along;  /* metres from the edge's first point */
    int32_t t_to;  /* deciseconds from the edge's first node to the point, driving forward */
    int32_t tb_to; /* deciseconds from the point to the edge's first node, driving backward */
    int32_t l_to;  /* metres from the edge's first node to the point */
} roads_snap;

/* Snaps n points (WGS84). Never moves a point farther than the snap radius. */
err_code roads_snap_points(roads *r, size_t n, const double *lon, const double *lat,
                           roads_snap *out, err *e);

typedef enum roads_method { ROADS_CH = 0, ROADS_DIJKSTRA = 1 } roads_method;

/* n×n matrices among snapped points: time_s[i*n+j] in seconds, dist_m in metres, both -1 when
 * j cannot be reached from i (or either point failed to snap). The diagonal is 0. */
err_code roads_matrix(roads *r, size_t n, const roads_snap *pts, roads_method method,
                      int32_t *time_s, int32_t *dist_m, const logger *lg, err *e);

/* A leg's road polyline and cost. */
typedef struct roads_leg {
    double *lonlat; /* 2 * n_pts doubles (lon, lat), from a's snapped point to b's; caller frees */
    size_t n_pts;
    int32_t time_s; /* the leg's travel time and length, rounded as in roads_matrix (so they */
    int32_t dist_m; /* equal its entry for a→b) */
} roads_leg;

/* Road polyline of the fastest path from a to b into *leg. ROADS_CH unpacks the shortcuts of
 * the contraction hierarchy (built on first use, shared with roads_matrix); ROADS_DIJKSTRA runs
 * the reference search. Both find a least-cost path; where several paths cost exactly the same,
 * the two may draw different ones. ERR_NOTFOUND if a point is not snapped or b cannot be
 * reached (leg->lonlat NULL); errors of building the hierarchy. */
err_code roads_leg_geometry(roads *r, const roads_snap *a, const roads_snap *b, roads_method method,
                            roads_leg *leg, const logger *lg, err *e);

/* Every road of the routable graph as polylines, for a background map layer, simplified to
 * about tolerance_m. *lonlat holds all points, *first[k]..first[k+1] the points of line k. */
err_code roads_polylines(const roads *r, double tolerance_m, double **lonlat, size_t **first,
                         size_t *n_lines, err *e);

/* Place nodes (place=town|village|hamlet|isolated_dwelling...) kept for geocoding. */
typedef struct roads_place {
    const char *name;    /* name tag, "" if none */
    const char *name_zh; /* name:zh tag, "" if none */
    const char *place;   /* "village", "hamlet", ... */
    double lon, lat;
} roads_place;
size_t roads_places(const roads *r, const roads_place **places);

#endif
