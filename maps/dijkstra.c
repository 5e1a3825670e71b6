/* dijkstra.c — Dijkstra's algorithm with a binary heap of (key, node) entries and lazy
 * deletion; distances are reset by timestamps so repeated runs cost O(touched), not O(n).
 * SPDX-License-Identifier: MIT */
#include "maps/dijkstra.h"

#include <stdlib.h>

#include "util/mem.h"

typedef struct entry {
    uint64_t key;
    uint32_t node;
} entry;

struct dijkstra {
    uint32_t n;
    const uint32_t *first_out, *head;
    const uint64_t *w;
    uint64_t *dist;   /* valid where stamp == run */
    uint32_t *pred;   /* arc into node, UINT32_MAX for seeds */
    uint32_t *stamp;  /* run in which dist/pred were set */
    uint8_t *settled; /* valid where stamp == run */
    uint32_t run;
    entry *heap;
    size_t heap_len, heap_cap;
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
    d->heap_cap = 64;
    d->heap = xmallocarray(d->heap_cap, sizeof *d->heap);
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
    free(d->heap);
    free(d);
}

/* Heap order: key, then node id, so runs are deterministic. */
static int less(const entry *a, const entry *b)
{
    return a->key < b->key || (a->key == b->key && a->node < b->node);
}

static void heap_push(dijkstra *d, uint64_t key, uint32_t node)
{
    if (d->heap_len == d->heap_cap) {
        d->heap_cap *= 2;
        d->heap = xreallocarray(d->heap, d->heap_cap, sizeof *d->heap);
    }
    size_t i = d->heap_len++;
    entry e = {key, node};
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!less(&e, &d->heap[p]))
            break;
        d->heap[i] = d->heap[p];
        i = p;
    }
    d->heap[i] = e;
}

static entry heap_pop(dijkstra *d)
{
    entry top = d->heap[0];
    entry last = d->heap[--d->heap_len];
    size_t i = 0, n = d->heap_len;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && less(&d->heap[c + 1], &d->heap[c]))
            c++;
        if (!less(&d->heap[c], &last))
            break;
        d->heap[i] = d->heap[c];
        i = c;
    }
    if (n > 0)
        d->heap[i] = last;
    return top;
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
        heap_push(d, key, node);
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
    d->heap_len = 0;
    size_t remaining = 0;
    for (size_t i = 0; i < n_stop; i++)
        if (!d->is_stop[stop_nodes[i]]) {
            d->is_stop[stop_nodes[i]] = 1;
            remaining++;
        }
    for (uint32_t k = 0; k < src->n_seeds; k++)
        relax(d, src->seeds[k].node, src->seeds[k].offset, UINT32_MAX);
    while (d->heap_len > 0) {
        entry top = heap_pop(d);
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
