/* graph.h — the routable road graph: OSM ways cut at junctions into edges, degree-2 chains
 * compressed (each edge keeps its full geometry), reduced to the largest strongly connected
 * component, as a CSR of packed (time << 32 | length) weights (the maps/ch.h convention).
 *
 * The struct is public to maps/ (dijkstra, snapping and roads walk its arrays in hot loops)
 * and read-only after graph_build. SPDX-License-Identifier: MIT */
#ifndef MAPS_GRAPH_H
#define MAPS_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "maps/geo.h"
#include "maps/osm_reader.h"
#include "maps/profile.h"
#include "util/err.h"

#define GRAPH_NONE UINT32_MAX

/* Packs a (time, length) cost; sums of packed costs are packed sums. */
#define GRAPH_PACK(time_ds, len_m) (((uint64_t)(uint32_t)(time_ds) << 32) | (uint32_t)(len_m))
#define GRAPH_TIME(w) ((uint32_t)((w) >> 32))
#define GRAPH_LEN(w) ((uint32_t)((w)&0xffffffffu))

/* An edge: a road stretch between two graph nodes with no junction inside. */
typedef struct graph_edge {
    uint32_t u, v;       /* graph nodes at the first and last point (u == v for a loop) */
    uint32_t first_pt;   /* points first_pt .. first_pt+n_pts-1, from u to v */
    uint32_t n_pts;      /* >= 2 */
    int32_t time_ds;     /* travel time u->v, deciseconds (rounded once per edge) */
    int32_t time_bwd_ds; /* travel time v->u (differs by maxspeed:forward/backward) */
    int32_t len_m;       /* length, metres (rounded once per edge) */
    uint32_t arc_fwd;    /* CSR arc u->v, GRAPH_NONE if not drivable that way or a loop */
    uint32_t arc_bwd;    /* CSR arc v->u, GRAPH_NONE likewise */
    bool fwd, bwd;       /* drivable u->v, v->u */
} graph_edge;

typedef struct graph {
    uint32_t n_nodes;
    uint32_t n_arcs;
    uint32_t *first_out; /* n_nodes + 1: arcs of node x are first_out[x] .. first_out[x+1]-1 */
    uint32_t *head;      /* arc -> head node */
    uint64_t *w;         /* arc -> packed weight (time_ds << 32 | len_m) */
    uint32_t *arc_edge;  /* arc -> edge index << 1 | (1 if the arc runs v->u) */
    double *node_x;      /* node -> projected metres */
    double *node_y;

    uint32_t n_edges;
    graph_edge *edges;
    size_t n_pts;
    double *x, *y;        /* projected metres */
    double *lon, *lat;    /* WGS84 */
    double *cum_len;      /* metres from the edge's first point */
    double *cum_time;     /* seconds from the edge's first point, driving u->v */
    double *cum_time_bwd; /* seconds back to the edge's first point, driving v->u; NULL when
                             every edge takes the same time both ways (then cum_time) */

    /* statistics */
    uint64_t osm_nodes_used;
    uint64_t osm_ways_used;
    double road_km;
    double dropped_km;
    uint32_t components;
} graph;

/* Builds the graph from what the OSM reader kept, with the profile's rules, projecting with g.
 * Caller frees with graph_free. NULL + e: ERR_NOTFOUND (no drivable road), ERR_PROJ. */
graph *graph_build(const osm_data *d, const profile *p, geo *g, err *e);
void graph_free(graph *gr);

#endif
