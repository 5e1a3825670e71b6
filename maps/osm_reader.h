/* osm_reader.h — C interface to the libosmium shim (maps/osm_reader.cpp), the only file that
 * includes libosmium. No C++ type crosses this header: the shim reads a file and returns plain
 * arrays; it never calls back into C. SPDX-License-Identifier: MIT */
#ifndef MAPS_OSM_READER_H
#define MAPS_OSM_READER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define OSM_NOEXCEPT noexcept
extern "C" {
#else
#define OSM_NOEXCEPT
#endif

/* Way tags the shim keeps (values only), indices into osm_way.tags. */
enum {
    OSM_TAG_HIGHWAY,
    OSM_TAG_ROUTE,
    OSM_TAG_ONEWAY,
    OSM_TAG_JUNCTION,
    OSM_TAG_ACCESS,
    OSM_TAG_VEHICLE,
    OSM_TAG_MOTOR_VEHICLE,
    OSM_TAG_MOTORCAR,
    OSM_TAG_MAXSPEED,
    OSM_TAG_SURFACE,
    OSM_TAG_NAME,
    OSM_TAG_MAXSPEED_FORWARD,  /* maxspeed:forward, along the way's node order */
    OSM_TAG_MAXSPEED_BACKWARD, /* maxspeed:backward */
    OSM_TAG_COUNT
};

/* What to keep. Arrays are borrowed during the call. */
typedef struct osm_reader_params {
    const char *const *highways; /* highway=* values kept (the profile's drivable classes) */
    size_t n_highways;
    int keep_ferries;                         /* keep route=ferry ways */
    int keep_places;                          /* keep place=* nodes */
    const volatile sig_atomic_t *interrupted; /* NULL, or read between blocks: non-zero stops
                                                 the read with ERR_INTERRUPTED */
} osm_reader_params;

typedef struct osm_way {
    int64_t id;                   /* OSM id, for messages */
    size_t first_ref;             /* refs[first_ref .. first_ref+n_refs) */
    uint32_t n_refs;              /* node references of the way, in order */
    uint32_t tags[OSM_TAG_COUNT]; /* offsets into strings; 0 = tag absent ("" at offset 0) */
} osm_way;

typedef struct osm_place {
    uint32_t name, name_zh, place; /* offsets into strings */
    double lon, lat;               /* WGS84 degrees */
} osm_place;

/* The data kept from one file. Nodes are the ones referenced by kept ways, sorted by id. */
typedef struct osm_data {
    size_t n_ways;
    osm_way *ways;
    size_t n_refs;
    uint32_t *refs; /* indices into the node arrays */
    size_t n_nodes;
    int64_t *node_id; /* OSM ids, ascending */
    double *lon;      /* WGS84 degrees; NaN when the file lacks the node (cut extract) */
    double *lat;
    size_t n_places;
    osm_place *places;
    char *strings; /* NUL-terminated values; offset 0 is "" */
    size_t strings_len;
    size_t n_dup_nodes;  /* way nodes whose id has more than one location in the file (the
                            last one is kept) */
    int64_t dup_node_id; /* the smallest such id, for messages */
} osm_data;

/* Reads path (.osm.pbf, .osm, .osm.bz2, .osm.gz, by name), keeping drivable highways (the
 * classes in p), ferries, the locations of their nodes and place nodes. Memory grows with the
 * road network, not the file: PBF is read in two passes (ways first, then only the locations
 * they need); XML, whose parsing dominates, in one pass that writes every node location (16
 * bytes each) to an unlinked temporary file in $TMPDIR (else /tmp) and reads back the needed
 * ones, so nodes and ways may come in any order. A way node the file lacks (cut extract) is
 * kept with a NaN location. XML coordinates are checked before libosmium parses them (its
 * parser overflows a signed integer on lat="1e300"): a coordinate that is not a number within
 * -90..90 / -180..180 is refused with its line, element and id, e.g. `line 5: <node id="7">:
 * lat="1e300" is not a latitude (-90..90)`. Only PBF and XML are read. On success *out is a
 * new osm_data the caller frees with osm_data_free and 0 (ERR_OK) is returned; on failure an
 * err_code value is returned and msg (size msg_size) holds the reason: ERR_NOMEM; ERR_OSM
 * (malformed file, another format such as OPL); ERR_PARSE (a bad coordinate, a NUL byte, an
 * internal DTD subset); ERR_USAGE (path is a directory); ERR_IO (unreadable file, temporary
 * file not creatable or disk full); ERR_INTERRUPTED. */
int osm_reader_read(const char *path, const osm_reader_params *p, osm_data **out, char *msg,
                    size_t msg_size) OSM_NOEXCEPT;

/* Frees what osm_reader_read returned; NULL is a no-op. */
void osm_data_free(osm_data *d) OSM_NOEXCEPT;

/* Version of libosmium compiled in ("2.19.0"). */
const char *osm_reader_libosmium_version(void) OSM_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
