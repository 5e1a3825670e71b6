/* ch.h — contraction hierarchies (Geisberger et al. 2008) with many-to-many queries by buckets
 * (Knopp et al. 2007) or by a restricted PHAST sweep (Delling et al. 2011) over a plain CSR
 * graph. Knows nothing of OSM.
 *
 * Weights are packed 64-bit costs: (time << 32) | length, so that paths are compared by time
 * first and by length on ties, and the sum of packed weights is the packed sum as long as a
 * path's length stays below 2^32. Dijkstra on the same weights gives identical results.
 * SPDX-License-Identifier: MIT */
#ifndef MAPS_CH_H
#define MAPS_CH_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/log.h"

#define CH_INF UINT64_MAX

typedef struct ch ch;

/* A start or end of a query: a node reached with an extra cost (a snapped point sits on an
 * arc between nodes, so it enters the graph at up to two nodes). */
typedef struct ch_seed {
    uint32_t node;   /* graph node */
    uint64_t offset; /* packed cost from the point to node (source) or node to point (target) */
} ch_seed;

/* A point = up to CH_MAX_SEEDS seeds. */
#define CH_MAX_SEEDS 2
typedef struct ch_point {
    uint32_t n_seeds;
    ch_seed seeds[CH_MAX_SEEDS];
} ch_point;

/* Builds the hierarchy of a directed graph given in CSR form: arcs of node u are
 * first_out[u] .. first_out[u+1]-1 with heads head[] and packed weights w[]. The arrays are
 * borrowed during the call only. lg receives progress (phase "contract"). Returns NULL and
 * fills e on failure. Deterministic. */
ch *ch_build(uint32_t n_nodes, const uint32_t *first_out, const uint32_t *head, const uint64_t *w,
             const logger *lg, err *e);

void ch_free(ch *c);

/* Many-to-many: out[i * n_targets + j] = least packed cost from sources[i] to targets[j]
 * (minimum over seed pairs of offset + path + offset), CH_INF if unreachable. Same-arc
 * shortcuts between two points on one arc are the caller's business. */
err_code ch_many_to_many(const ch *c, size_t n_sources, const ch_point *sources, size_t n_targets,
                         const ch_point *targets, uint64_t *out, const logger *lg, err *e);

/* How ch_many_to_many_mode finishes each source's row after its upward search: by scanning the
 * targets' buckets at the nodes it settled, by a sweep over the targets' search spaces in rank
 * order (RPHAST, several sources per pass), or the cheaper of the two by an estimate (AUTO,
 * what ch_many_to_many does). All three give the same result. */
typedef enum ch_m2m_mode { CH_M2M_AUTO = 0, CH_M2M_BUCKETS, CH_M2M_SWEEP } ch_m2m_mode;

/* ch_many_to_many with the method chosen; for tests and benchmarks. */
err_code ch_many_to_many_mode(const ch *c, ch_m2m_mode mode, size_t n_sources,
                              const ch_point *sources, size_t n_targets, const ch_point *targets,
                              uint64_t *out, const logger *lg, err *e);

/* A point-to-point query that also returns the path, by unpacking the shortcuts of the
 * hierarchy (each remembers the node it bypasses) down to arcs of the original graph. A
 * workspace of O(nodes) reused from query to query; c is borrowed and must outlive it. Caller
 * frees. */
typedef struct ch_query ch_query;
ch_query *ch_query_new(const ch *c);
void ch_query_free(ch_query *q);

/* The least packed cost from src to dst (minimum over seed pairs of offset + path + offset,
 * the value ch_many_to_many gives), CH_INF if unreachable. When reachable, *nodes receives the
 * path as original node ids, from the node of the source seed used (src->seeds[*src_seed]) to
 * the node of the target seed used (dst->seeds[*dst_seed]); consecutive nodes are joined by an
 * arc of the original graph of least weight, and the weights of those arcs add up to the cost
 * without the offsets. *nodes is owned by q and valid until its next query. Where several
 * paths are equally short, which one is returned is deterministic but may differ from the one
 * a Dijkstra search picks. Seeds must be valid (as for ch_many_to_many; asserted). */
uint64_t ch_query_path(ch_query *q, const ch_point *src, const ch_point *dst,
                       const uint32_t **nodes, size_t *n_nodes, uint32_t *src_seed,
                       uint32_t *dst_seed);

/* Shortcut and memory figures for benchmarks. */
typedef struct ch_stats {
    uint32_t n_nodes;
    size_t n_up_arcs;     /* arcs in the upward graph */
    size_t n_down_arcs;   /* arcs in the downward graph */
    size_t n_shortcuts;   /* shortcut arcs added */
    size_t bytes;         /* memory held by the hierarchy */
    double build_seconds; /* wall time of ch_build */
} ch_stats;
void ch_get_stats(const ch *c, ch_stats *s);

#endif
