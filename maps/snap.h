/* snap.h — nearest point on a road segment: a uniform grid of buckets over the projected
 * segments of the graph's edges, searched in rings of growing radius.
 * SPDX-License-Identifier: MIT */
#ifndef MAPS_SNAP_H
#define MAPS_SNAP_H

#include <stdbool.h>
#include <stdint.h>

#include "maps/graph.h"

typedef struct snap_index snap_index;

/* Indexes every segment of gr's edges. gr is borrowed and must outlive the index. */
snap_index *snap_index_new(const graph *gr);
void snap_index_free(snap_index *s);

typedef struct snap_hit {
    uint32_t edge; /* graph edge */
    uint32_t seg;  /* segment index inside the edge: points seg and seg+1 */
    double t;      /* 0..1 along that segment */
    double x, y;   /* projected point on the road */
    double dist;   /* metres from the query point */
} snap_hit;

/* Nearest point on any segment to (x, y) within radius metres; ties go to the lower edge and
 * segment. Returns false when no segment is that close. */
bool snap_index_nearest(const snap_index *s, double x, double y, double radius, snap_hit *hit);

#endif
