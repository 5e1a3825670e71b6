/* profile.h — road profile: which highway classes a vehicle may use and how fast, from an INI
 * file (maps/profiles/car.profile documents the keys). SPDX-License-Identifier: MIT */
#ifndef MAPS_PROFILE_H
#define MAPS_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "maps/osm_reader.h"
#include "util/err.h"

typedef struct profile profile;

/* An empty profile with [general] defaults (ferry 10 km/h, maxspeed factor 1, access_deny
 * "no, private", no implied one-way class) and no drivable class. Caller frees. */
profile *profile_new(void);
void profile_free(profile *p);

/* The built-in car profile, identical to maps/profiles/car.profile. Caller frees. */
profile *profile_new_car(void);

/* Loads an INI profile file (util/inifile.h). Caller frees. NULL + e on failure: ERR_IO,
 * ERR_PARSE naming "file:line". */
profile *profile_load(const char *path, err *e);

/* Applies one INI entry; where = "file:line" for messages. ERR_PARSE on an unknown section or
 * key or a bad value. */
err_code profile_set(profile *p, const char *section, const char *key, const char *value,
                     const char *where, err *e);

/* The drivable highway classes, valid while p lives (for osm_reader_params). */
size_t profile_highways(const profile *p, const char *const **names);

/* How a way may be driven. */
typedef struct profile_way {
    bool fwd;             /* along the way's node order */
    bool bwd;             /* against it */
    double speed_kmh;     /* along the node order; > 0 when fwd or bwd */
    double bwd_speed_kmh; /* against it (differs where maxspeed:forward/backward do) */
    bool ferry;           /* route=ferry */
} profile_way;

/* Evaluates a way's tags (values indexed by OSM_TAG_*, "" when absent). Returns false when
 * the way is not drivable at all (class not in the profile, access denied, oneway both
 * ways impossible, oneway=reversible|alternating). */
bool profile_eval(const profile *p, const char *const tags[OSM_TAG_COUNT], profile_way *out);

/* Parses an OSM maxspeed value to km/h: "50", "50 km/h", "30 mph", "60;80" (first). Returns
 * false for non-numeric values ("CN:urban", "none", "walk", "signals"). */
bool profile_parse_maxspeed(const char *s, double *kmh);

#endif
