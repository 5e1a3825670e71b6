/* synth.h — deterministic synthetic road networks written as OSM XML that libosmium reads:
 * a hierarchical rural grid of about N nodes for scaling benchmarks, the demo county
 * (a clearly synthetic rural county in Zhejiang) with its list of settlements, and a rural
 * network laid around given sites (a real county's stops on synthetic roads).
 * SPDX-License-Identifier: MIT */
#ifndef MAPS_SYNTH_H
#define MAPS_SYNTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/log.h"

/* What a generator wrote. */
typedef struct synth_stats {
    uint64_t nodes;     /* OSM nodes written (road nodes and place nodes) */
    uint64_t ways;      /* OSM ways written */
    uint64_t places;    /* settlements (county: rows of places.csv) */
    uint32_t townships; /* county: townships, the county town not counted */
    uint32_t villages;  /* county: villages, the island ones included */
    double road_km;     /* length of all ways, ferries included */
} synth_stats;

typedef struct synth_grid_params {
    uint32_t nodes; /* about this many road nodes, >= 100 (default 10000) */
    uint64_t seed;  /* default 1 */
} synth_grid_params;

void synth_grid_params_init(synth_grid_params *p);

/* Writes a hierarchical rural grid: a lattice of about p->nodes nodes 150 m apart whose lines
 * are, from every 120th to the rest, trunk / primary / secondary / tertiary, the others
 * unclassified or track lanes with some one-way ways and some missing links. WGS84 from
 * 119.6E 28.0N north-eastwards. Output is gzip-compressed when path ends in ".gz"; written to
 * a temporary name and renamed, so path is complete or untouched. st may be NULL.
 * ERR_USAGE (bad parameters), ERR_IO. */
err_code synth_grid(const char *path, const synth_grid_params *p, synth_stats *st, const logger *lg,
                    err *e);

typedef struct synth_county_params {
    uint64_t seed; /* default 1 */
} synth_county_params;

void synth_county_params_init(synth_county_params *p);

/* Writes the demo county into directory dir (created if missing): dir/county.osm.gz and
 * dir/places.csv (header "id,kind,name,township,lon,lat"; kind is depot, township or
 * village). The county town 城关镇 with the distribution centre, 6–10 townships, 60–120
 * villages along valleys and up in the hills, a road hierarchy from 国道 trunk to tracks,
 * one-way streets in the town and an island with two villages reached by a route=ferry way.
 * Every settlement lies within 100 m of a road. Around 121.0–121.4E, 28.6–28.9N.
 * ERR_IO. */
err_code synth_county(const char *dir, const synth_county_params *p, synth_stats *st,
                      const logger *lg, err *e);

/* A place the roads of synth_region must reach. */
typedef struct synth_site {
    double lon, lat; /* WGS84 degrees */
    bool hub;        /* a township seat or depot: a small street grid centred on it */
} synth_site;

typedef struct synth_region_params {
    uint64_t seed;    /* default 1 */
    uint32_t nodes;   /* about this many road nodes (0 = spacing_m decides; default 0) */
    double spacing_m; /* metres between the crossings of the lane lattice when nodes == 0
                         (default 500) */
    double cover_m;   /* the land within this distance of a site gets roads (default 2500) */
} synth_region_params;

void synth_region_params_init(synth_region_params *p);

/* Writes a rural road network around n sites to path (gzip when it ends in ".gz"; atomic like
 * synth_grid). The land within cover_m of a site gets a lattice of village lanes (crossings
 * spacing_m apart, or the spacing that gives about p->nodes road nodes; a node every 60 m
 * along a lane) with a hierarchy trunk / primary / secondary / tertiary / unclassified /
 * track by line, some links missing; separate patches of land are joined by the shortest
 * lattice road between them. A hub gets a 3x3 street grid 150 m apart centred on it (one per
 * 500 m); every other site a lane from the nearest road to 30-90 m from it. All ways are
 * two-way and form one connected network, so every site is within 100 m of a road that
 * reaches every other. Same sites and parameters, same bytes. st->places = n.
 * ERR_USAGE (no site, bad parameters, sites spread too far for the lattice), ERR_IO. */
err_code synth_region(const char *path, const synth_site *sites, size_t n,
                      const synth_region_params *p, synth_stats *st, const logger *lg, err *e);

#endif
