/* dijkstra.c — Dijkstra's algorithm with a binary heap of (key, node) entries and lazy
 * deletion (maps/heap.h); distances are reset by timestamps so repeated runs cost O(touched), not
 * O(n). SPDX-License-Identifier: MIT */
#include "maps/dijkstra.h"

#include <stdlib.h>

#include "maps/heap.h"
#include "util/mem.h"

struct dijkstra {
    uint32_t n;
    const uint32_t *first_out, *head;
    const uint64_t *w;
    uint64_t *dist;   /* valid where stamp == run */
    uint32_t *pred;   /* arc into node, UINT32_MAX for seeds */
    uint32_t *stamp;  /* run in which dist/pred were set */
    uint8_t *settled; /* valid where stamp == run */
    uint32_t run;
    heap h;           /* (distance, node), lazy deletion */
    uint8_t *is_stop; /* scratch for stop nodes, all zero between runs */
};

dijkstra *dijkstra_new(uint32_t n, const uint32_t *first_out, const uint32_t *head,
                       const uint64_t *w)
{
    dijkstra *d = xcalloc(1, sizeof *d);
    d->n = n;
    d->first_out = first_out;
    d->head = head;
    d->w = w;
    size_t m = n ? n : 1;
    d->dist = xmallocarray(m, sizeof *d->dist);
    d->pred = xmallocarray(m, sizeof *d->pred);
    d->stamp = xcalloc(m, sizeof *d->stamp);
    d->settled = xcalloc(m, 1);
    d->is_stop = xcalloc(m, 1);
    return d;
}

void dijkstra_free(dijkstra *d)
{
    if (!d)
        return;
    free(d->dist);
    free(d->pred);
    free(d->stamp);
    free(d->settled);
    free(d->is_stop);
    heap_free(&d->h);
    free(d);
}

static void relax(dijkstra *d, uint32_t node, uint64_t key, uint32_t pred)
{
    if (d->stamp[node] != d->run) {
        d->stamp[node] = d->run;
        d->settled[node] = 0;
        d->dist[node] = CH_INF;
    }
    if (key < d->dist[node]) {
        d->dist[node] = key;
        d->pred[node] = pred;
        heap_push(&d->h, key, node);
    }
}

void dijkstra_run(dijkstra *d, const ch_point *src, size_t n_stop, const uint32_t *stop_nodes)
{
    d->run++;
    if (d->run == 0) { /* wrapped: clear stamps once every 2^32 runs */
        for (uint32_t i = 0; i < d->n; i++)
            d->stamp[i] = 0;
        d->run = 1;
    }
    heap_clear(&d->h);
    size_t remaining = 0;
    for (size_t i = 0; i < n_stop; i++)
        if (!d->is_stop[stop_nodes[i]]) {
            d->is_stop[stop_nodes[i]] = 1;
            remaining++;
        }
    for (uint32_t k = 0; k < src->n_seeds; k++)
        relax(d, src->seeds[k].node, src->seeds[k].offset, UINT32_MAX);
    while (d->h.len > 0) {
        heap_item top = heap_pop(&d->h);
        uint32_t u = top.node;
        if (d->settled[u] || top.key != d->dist[u])
            continue;
        d->settled[u] = 1;
        if (d->is_stop[u]) {
            d->is_stop[u] = 0;
            if (--remaining == 0 && n_stop > 0)
                break;
        }
        for (uint32_t a = d->first_out[u]; a < d->first_out[u + 1]; a++)
            relax(d, d->head[a], top.key + d->w[a], a);
    }
    for (size_t i = 0; i < n_stop; i++)
        d->is_stop[stop_nodes[i]] = 0;
}

uint64_t dijkstra_dist(const dijkstra *d, uint32_t node)
{
    /* Only settled distances are final; with an early stop, others may be too high. */
    if (d->stamp[node] != d->run || !d->settled[node])
        return CH_INF;
    return d->dist[node];
}

uint32_t dijkstra_pred(const dijkstra *d, uint32_t node)
{
    if (d->stamp[node] != d->run || !d->settled[node])
        return UINT32_MAX;
    return d->pred[node];
}

void dijkstra_one_to_many(dijkstra *d, const ch_point *src, size_t n_targets,
                          const ch_point *targets, uint64_t *out)
{
    size_t n_stop = 0;
    for (size_t j = 0; j < n_targets; j++)
        n_stop += targets[j].n_seeds;
    uint32_t *stop = xmallocarray(n_stop ? n_stop : 1, sizeof *stop);
    n_stop = 0;
    for (size_t j = 0; j < n_targets; j++)
        for (uint32_t k = 0; k < targets[j].n_seeds; k++)
            stop[n_stop++] = targets[j].seeds[k].node;
    if (n_stop > 0)
        dijkstra_run(d, src, n_stop, stop);
    free(stop);
    for (size_t j = 0; j < n_targets; j++) {
        uint64_t best = CH_INF;
        for (uint32_t k = 0; k < targets[j].n_seeds; k++) {
            uint64_t dn = dijkstra_dist(d, targets[j].seeds[k].node);
            if (dn != CH_INF && dn + targets[j].seeds[k].offset < best)
                best = dn + targets[j].seeds[k].offset;
        }
        out[j] = best;
    }
}
