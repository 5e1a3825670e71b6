/* dijkstra.h — reference one-to-many shortest paths (Dijkstra 1959, binary heap) over a CSR
 * graph with packed (time << 32 | length) weights and multi-seed sources (maps/ch.h), so its
 * results can be compared exactly with the contraction hierarchy. SPDX-License-Identifier: MIT */
#ifndef MAPS_DIJKSTRA_H
#define MAPS_DIJKSTRA_H

#include <stddef.h>
#include <stdint.h>

#include "maps/ch.h"

typedef struct dijkstra dijkstra;

/* A search workspace over the CSR graph (first_out has n+1 entries; arcs first_out[u] ..
 * first_out[u+1]-1 have heads head[] and packed weights w[]). The arrays are borrowed and
 * must outlive the workspace. Caller frees. */
dijkstra *dijkstra_new(uint32_t n, const uint32_t *first_out, const uint32_t *head,
                       const uint64_t *w);
void dijkstra_free(dijkstra *d);

/* Runs from the seeds of src (each seed node starts at its offset) until every node in
 * stop_nodes (n_stop of them; all nodes when n_stop is 0) is settled or the queue is empty. */
void dijkstra_run(dijkstra *d, const ch_point *src, size_t n_stop, const uint32_t *stop_nodes);

/* Least packed cost to node from the last run, CH_INF if not reached. */
uint64_t dijkstra_dist(const dijkstra *d, uint32_t node);

/* The arc by which node was reached in the last run, UINT32_MAX for a seed or an unreached
 * node. */
uint32_t dijkstra_pred(const dijkstra *d, uint32_t node);

/* One-to-many: out[j] = least packed cost from src to targets[j] (minimum over target seeds of
 * dist + offset), CH_INF if unreachable. */
void dijkstra_one_to_many(dijkstra *d, const ch_point *src, size_t n_targets,
                          const ch_point *targets, uint64_t *out);

#endif
