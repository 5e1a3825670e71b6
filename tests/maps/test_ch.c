/* test_ch.c — maps/ch.c against a plain Dijkstra written here, on random grids with random
 * weights, one-way arcs, missing links, unreachable parts, parallel arcs and loops.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "maps/ch.h"
#include "util/mem.h"
#include "util/rng.h"

#define PACK(t, l) (((uint64_t)(t) << 32) | (uint64_t)(l))

typedef struct graph {
    uint32_t n;
    uint32_t *first; /* n+1 */
    uint32_t *head;
    uint64_t *w;
} graph;

typedef struct arc_list {
    uint32_t *tail, *head;
    uint64_t *w;
    size_t len, cap;
} arc_list;

static void push_arc(arc_list *l, uint32_t u, uint32_t v, uint64_t w)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->tail = xreallocarray(l->tail, l->cap, sizeof *l->tail);
        l->head = xreallocarray(l->head, l->cap, sizeof *l->head);
        l->w = xreallocarray(l->w, l->cap, sizeof *l->w);
    }
    l->tail[l->len] = u;
    l->head[l->len] = v;
    l->w[l->len++] = w;
}

static graph to_csr(uint32_t n, arc_list *l)
{
    graph g = {n, xcalloc((size_t)n + 1, sizeof(uint32_t)), xmallocarray(l->len + 1, 4),
               xmallocarray(l->len + 1, 8)};
    for (size_t k = 0; k < l->len; k++)
        g.first[l->tail[k] + 1]++;
    for (uint32_t v = 0; v < n; v++)
        g.first[v + 1] += g.first[v];
    uint32_t *fill = xmallocarray(n + 1, sizeof *fill);
    memcpy(fill, g.first, (n + 1) * sizeof *fill);
    for (size_t k = 0; k < l->len; k++) {
        uint32_t pos = fill[l->tail[k]]++;
        g.head[pos] = l->head[k];
        g.w[pos] = l->w[k];
    }
    free(fill);
    free(l->tail);
    free(l->head);
    free(l->w);
    return g;
}

static void graph_free(graph *g)
{
    free(g->first);
    free(g->head);
    free(g->w);
}

static uint64_t rand_w(rng *r, bool ties)
{
    if (ties)
        return PACK(1 + rng_below(r, 3), 10);
    return PACK(1 + rng_below(r, 100), 1 + rng_below(r, 2000));
}

/* A w×h grid; each lattice link is two-way (70%), one-way (20%) or missing (10%); two-way
 * links get different costs per direction. Nodes [w*h, w*h + extra) form a separate ring
 * that the grid cannot reach. Some parallel arcs and loops are added too. */
static graph random_grid(uint32_t w, uint32_t h, uint32_t extra, uint64_t seed, bool ties)
{
    rng r;
    rng_seed(&r, seed);
    arc_list l = {0};
    for (uint32_t y = 0; y < h; y++) {
        for (uint32_t x = 0; x < w; x++) {
            uint32_t u = y * w + x;
            for (int dir = 0; dir < 2; dir++) {
                if ((dir == 0 && x + 1 == w) || (dir == 1 && y + 1 == h))
                    continue;
                uint32_t v = dir == 0 ? u + 1 : u + w;
                uint32_t k = rng_below(&r, 10);
                if (k < 7) {
                    push_arc(&l, u, v, rand_w(&r, ties));
                    push_arc(&l, v, u, rand_w(&r, ties));
                } else if (k < 9) {
                    if (rng_below(&r, 2))
                        push_arc(&l, u, v, rand_w(&r, ties));
                    else
                        push_arc(&l, v, u, rand_w(&r, ties));
                }
            }
            if (rng_below(&r, 50) == 0)
                push_arc(&l, u, u, rand_w(&r, ties));
            if (rng_below(&r, 30) == 0 && x + 1 < w)
                push_arc(&l, u, u + 1, rand_w(&r, ties));
        }
    }
    uint32_t base = w * h;
    for (uint32_t i = 0; i < extra; i++)
        push_arc(&l, base + i, base + (i + 1) % extra, rand_w(&r, ties));
    return to_csr(base + extra, &l);
}

/* Reference: multi-source Dijkstra with an O(n) scan for the minimum (simple, obviously
 * right). Fills dist[n]. */
static void ref_dijkstra(const graph *g, const ch_point *src, uint64_t *dist)
{
    bool *done = xcalloc(g->n, 1);
    for (uint32_t v = 0; v < g->n; v++)
        dist[v] = CH_INF;
    for (uint32_t k = 0; k < src->n_seeds; k++)
        if (src->seeds[k].offset < dist[src->seeds[k].node])
            dist[src->seeds[k].node] = src->seeds[k].offset;
    for (;;) {
        uint32_t best = UINT32_MAX;
        for (uint32_t v = 0; v < g->n; v++)
            if (!done[v] && dist[v] != CH_INF && (best == UINT32_MAX || dist[v] < dist[best]))
                best = v;
        if (best == UINT32_MAX)
            break;
        done[best] = true;
        for (uint32_t k = g->first[best]; k < g->first[best + 1]; k++) {
            uint64_t d = dist[best] + g->w[k];
            if (d < dist[g->head[k]])
                dist[g->head[k]] = d;
        }
    }
    free(done);
}

static uint64_t ref_cost(const uint64_t *dist, const ch_point *t)
{
    uint64_t best = CH_INF;
    for (uint32_t k = 0; k < t->n_seeds; k++) {
        uint64_t d = dist[t->seeds[k].node];
        if (d != CH_INF && d + t->seeds[k].offset < best)
            best = d + t->seeds[k].offset;
    }
    return best;
}

static ch_point random_point(rng *r, uint32_t n)
{
    ch_point p = {0};
    p.n_seeds = 1 + rng_below(r, 2);
    for (uint32_t k = 0; k < p.n_seeds; k++) {
        p.seeds[k].node = rng_below(r, n);
        p.seeds[k].offset = rng_below(r, 3) == 0 ? 0 : PACK(rng_below(r, 20), rng_below(r, 300));
    }
    return p;
}

static ch *build_or_fail(const graph *g)
{
    err e;
    err_clear(&e);
    ch *c = ch_build(g->n, g->first, g->head, g->w, NULL, &e);
    cr_assert_not_null(c, "ch_build: %s", e.msg);
    return c;
}

/* Compares an ns×nt matrix over random points with the reference; returns pairs checked. */
static size_t compare_random(const graph *g, const ch *c, uint64_t seed, size_t ns, size_t nt,
                             size_t *n_inf)
{
    rng r;
    rng_seed(&r, seed);
    ch_point *src = xmallocarray(ns, sizeof *src);
    ch_point *dst = xmallocarray(nt, sizeof *dst);
    for (size_t i = 0; i < ns; i++)
        src[i] = random_point(&r, g->n);
    for (size_t j = 0; j < nt; j++)
        dst[j] = random_point(&r, g->n);
    /* the last node is in the unreachable ring when there is one */
    src[0] = (ch_point){1, {{g->n - 1, 0}}};
    dst[0] = (ch_point){1, {{g->n - 1, PACK(1, 1)}}};
    /* every method: buckets, the batched sweep, and the automatic choice between them */
    uint64_t *out[3];
    for (int m = 0; m < 3; m++) {
        out[m] = xmallocarray(ns * nt, sizeof *out[m]);
        err e;
        err_clear(&e);
        ch_m2m_mode mode = m == 0 ? CH_M2M_AUTO : m == 1 ? CH_M2M_BUCKETS : CH_M2M_SWEEP;
        cr_assert_eq(ch_many_to_many_mode(c, mode, ns, src, nt, dst, out[m], NULL, &e), ERR_OK,
                     "%s", e.msg);
    }
    uint64_t *dist = xmallocarray(g->n, sizeof *dist);
    size_t checked = 0;
    for (size_t i = 0; i < ns; i++) {
        ref_dijkstra(g, &src[i], dist);
        for (size_t j = 0; j < nt; j++) {
            uint64_t want = ref_cost(dist, &dst[j]);
            for (int m = 0; m < 3; m++)
                cr_assert_eq(out[m][i * nt + j], want,
                             "method %d, source %zu target %zu: ch %#llx, dijkstra %#llx", m, i, j,
                             (unsigned long long)out[m][i * nt + j], (unsigned long long)want);
            *n_inf += want == CH_INF;
            checked++;
        }
    }
    free(dist);
    for (int m = 0; m < 3; m++)
        free(out[m]);
    free(src);
    free(dst);
    return checked;
}

Test(ch, matches_dijkstra_on_random_grids)
{
    for (uint64_t seed = 1; seed <= 6; seed++) {
        graph g = random_grid(12 + (uint32_t)seed * 3, 10 + (uint32_t)seed * 2, 7, seed, false);
        ch *c = build_or_fail(&g);
        size_t n_inf = 0;
        size_t checked = compare_random(&g, c, seed * 77, 25, 30, &n_inf);
        cr_assert_eq(checked, 750);
        cr_assert_gt(n_inf, 0, "seed %llu: the unreachable ring should show up",
                     (unsigned long long)seed);
        cr_assert_lt(n_inf, checked, "seed %llu: most pairs are reachable",
                     (unsigned long long)seed);
        ch_free(c);
        graph_free(&g);
    }
}

Test(ch, matches_dijkstra_with_many_equal_costs)
{
    graph g = random_grid(30, 30, 5, 99, true);
    ch *c = build_or_fail(&g);
    size_t n_inf = 0;
    cr_assert_eq(compare_random(&g, c, 5, 40, 40, &n_inf), 1600);
    ch_free(c);
    graph_free(&g);
}

Test(ch, matches_dijkstra_on_a_larger_grid)
{
    /* big enough that witness searches hit their settled-node bound */
    graph g = random_grid(60, 60, 0, 2024, false);
    ch *c = build_or_fail(&g);
    ch_stats st;
    ch_get_stats(c, &st);
    cr_assert_eq(st.n_nodes, 60 * 60);
    cr_assert_gt(st.n_shortcuts, 0);
    cr_assert_eq(st.n_up_arcs + st.n_down_arcs >= g.first[g.n] - 200, true);
    size_t n_inf = 0;
    cr_assert_eq(compare_random(&g, c, 11, 12, 40, &n_inf), 480);
    ch_free(c);
    graph_free(&g);
}

Test(ch, matches_dijkstra_beyond_double_precision)
{
    /* The sweep adds costs as doubles, exact below 2^53; arcs of 2^20 deciseconds (2^52 as
     * packed costs) put every path of two or more arcs above that, so those rows are redone in
     * integers while single arcs stay below. */
    graph g = random_grid(14, 12, 5, 31, false);
    for (uint32_t k = 0; k < g.first[g.n]; k++)
        g.w[k] += PACK(1u << 20, 0);
    ch *c = build_or_fail(&g);
    size_t n_inf = 0;
    cr_assert_eq(compare_random(&g, c, 8, 20, 30, &n_inf), 600);
    ch_free(c);
    graph_free(&g);
}

Test(ch, seed_offsets_add_at_both_ends)
{
    /* 0 -> 1 -> 2 with costs (5,50) and (7,70); also 2 -> 0 (1,1) */
    uint32_t first[] = {0, 1, 2, 3};
    uint32_t head[] = {1, 2, 0};
    uint64_t w[] = {PACK(5, 50), PACK(7, 70), PACK(1, 1)};
    ch *c = ch_build(3, first, head, w, NULL, NULL);
    cr_assert_not_null(c);
    ch_point s = {2, {{0, PACK(2, 20)}, {1, PACK(30, 0)}}};
    ch_point t = {2, {{2, PACK(1, 3)}, {1, PACK(100, 0)}}};
    uint64_t out = 0;
    cr_assert_eq(ch_many_to_many(c, 1, &s, 1, &t, &out, NULL, NULL), ERR_OK);
    /* via seed 0: 2+5+7+1 = 15 s, 20+50+70+3 = 143 m; via seed 1: 30+7+1 = 38 s */
    cr_assert_eq(out, PACK(15, 143), "got %#llx", (unsigned long long)out);
    /* reversed: 2 -> 0 -> 1 ... */
    uint64_t back = 0;
    cr_assert_eq(ch_many_to_many(c, 1, &t, 1, &s, &back, NULL, NULL), ERR_OK);
    /* from seed 2 (offset 1,3 as a source) to seed 0 (offset 2,20): 1+1+2 = 4 s, 3+1+20 m */
    cr_assert_eq(back, PACK(4, 24), "got %#llx", (unsigned long long)back);
    ch_free(c);
}

Test(ch, unreachable_pairs_are_inf)
{
    /* two nodes, one arc 0 -> 1: nothing goes back */
    uint32_t first[] = {0, 1, 1};
    uint32_t head[] = {1};
    uint64_t w[] = {PACK(3, 4)};
    ch *c = ch_build(2, first, head, w, NULL, NULL);
    cr_assert_not_null(c);
    ch_point p[2] = {{1, {{0, 0}}}, {1, {{1, 0}}}};
    uint64_t out[4];
    cr_assert_eq(ch_many_to_many(c, 2, p, 2, p, out, NULL, NULL), ERR_OK);
    cr_assert_eq(out[0], 0);
    cr_assert_eq(out[1], PACK(3, 4));
    cr_assert_eq(out[2], CH_INF);
    cr_assert_eq(out[3], 0);
    ch_free(c);
}

Test(ch, empty_sets_and_seedless_points)
{
    graph g = random_grid(5, 5, 0, 3, false);
    ch *c = build_or_fail(&g);
    ch_point p[2] = {{1, {{4, 0}}}, {0, {{0, 0}}}};
    uint64_t out[4] = {1, 2, 3, 4};
    cr_assert_eq(ch_many_to_many(c, 0, p, 2, p, out, NULL, NULL), ERR_OK);
    cr_assert_eq(out[0], 1, "nothing written for an empty source set");
    cr_assert_eq(ch_many_to_many(c, 2, p, 0, p, out, NULL, NULL), ERR_OK);
    cr_assert_eq(out[0], 1, "nothing written for an empty target set");
    cr_assert_eq(ch_many_to_many(c, 2, p, 2, p, out, NULL, NULL), ERR_OK);
    cr_assert_eq(out[0], 0);
    cr_assert_eq(out[1], CH_INF, "a point without seeds cannot be reached");
    cr_assert_eq(out[2], CH_INF, "nor left");
    cr_assert_eq(out[3], CH_INF);
    ch_free(c);
    graph_free(&g);
}

Test(ch, single_node_graph)
{
    uint32_t first[] = {0, 0};
    ch *c = ch_build(1, first, NULL, NULL, NULL, NULL);
    cr_assert_not_null(c);
    ch_point a = {1, {{0, PACK(1, 2)}}};
    ch_point b = {1, {{0, PACK(3, 4)}}};
    uint64_t out = 0;
    cr_assert_eq(ch_many_to_many(c, 1, &a, 1, &b, &out, NULL, NULL), ERR_OK);
    cr_assert_eq(out, PACK(4, 6));
    ch_stats st;
    ch_get_stats(c, &st);
    cr_assert_eq(st.n_nodes, 1);
    cr_assert_eq(st.n_up_arcs + st.n_down_arcs, 0);
    ch_free(c);
}

Test(ch, build_is_deterministic)
{
    graph g = random_grid(25, 25, 0, 8, false);
    ch *a = build_or_fail(&g);
    ch *b = build_or_fail(&g);
    ch_stats sa, sb;
    ch_get_stats(a, &sa);
    ch_get_stats(b, &sb);
    cr_assert_eq(sa.n_up_arcs, sb.n_up_arcs);
    cr_assert_eq(sa.n_down_arcs, sb.n_down_arcs);
    cr_assert_eq(sa.n_shortcuts, sb.n_shortcuts);
    cr_assert_eq(sa.bytes, sb.bytes);
    ch_free(a);
    ch_free(b);
    graph_free(&g);
}

Test(ch, rejects_bad_graphs_and_bad_seeds)
{
    uint32_t first[] = {0, 1, 1};
    uint32_t head[] = {5};
    uint64_t w[] = {1};
    err e;
    err_clear(&e);
    cr_assert_null(ch_build(2, first, head, w, NULL, &e));
    cr_assert_eq(e.code, ERR_INTERNAL);
    cr_assert_not_null(strstr(e.msg, "head 5"), "%s", e.msg);

    head[0] = 1;
    ch *c = ch_build(2, first, head, w, NULL, &e);
    cr_assert_not_null(c);
    ch_point bad = {1, {{7, 0}}};
    uint64_t out;
    err_clear(&e);
    cr_assert_eq(ch_many_to_many(c, 1, &bad, 1, &bad, &out, NULL, &e), ERR_INTERNAL);
    cr_assert_not_null(strstr(e.msg, "node 7"), "%s", e.msg);
    ch_free(c);
}
