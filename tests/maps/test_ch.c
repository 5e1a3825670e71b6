/* test_ch.c — maps/ch.c against a plain Dijkstra written here, on random grids with random
 * weights, one-way arcs, missing links, unreachable parts, parallel arcs and loops; its unpacked
 * point-to-point paths also on the road graphs of a synthetic grid and a real extract.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maps/ch.h"
#include "maps/dijkstra.h"
#include "maps/geo.h"
#include "maps/graph.h"
#include "maps/osm_reader.h"
#include "maps/profile.h"
#include "maps/synth.h"
#include "tests/support.h"
#include "util/mem.h"
#include "util/rng.h"

#define PACK(t, l) (((uint64_t)(t) << 32) | (uint64_t)(l))

typedef struct tgraph {
    uint32_t n;
    uint32_t *first; /* n+1 */
    uint32_t *head;
    uint64_t *w;
} tgraph;

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

static tgraph to_csr(uint32_t n, arc_list *l)
{
    tgraph g = {n, xcalloc((size_t)n + 1, sizeof(uint32_t)), xmallocarray(l->len + 1, 4),
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

static void tgraph_free(tgraph *g)
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
static tgraph random_grid(uint32_t w, uint32_t h, uint32_t extra, uint64_t seed, bool ties)
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
static void ref_dijkstra(const tgraph *g, const ch_point *src, uint64_t *dist)
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

static ch *build_or_fail(const tgraph *g)
{
    err e;
    err_clear(&e);
    ch *c = ch_build(g->n, g->first, g->head, g->w, NULL, &e);
    cr_assert_not_null(c, "ch_build: %s", e.msg);
    return c;
}

/* Compares an ns×nt matrix over random points with the reference; returns pairs checked. */
static size_t compare_random(const tgraph *g, const ch *c, uint64_t seed, size_t ns, size_t nt,
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
        tgraph g = random_grid(12 + (uint32_t)seed * 3, 10 + (uint32_t)seed * 2, 7, seed, false);
        ch *c = build_or_fail(&g);
        size_t n_inf = 0;
        size_t checked = compare_random(&g, c, seed * 77, 25, 30, &n_inf);
        cr_assert_eq(checked, 750);
        cr_assert_gt(n_inf, 0, "seed %llu: the unreachable ring should show up",
                     (unsigned long long)seed);
        cr_assert_lt(n_inf, checked, "seed %llu: most pairs are reachable",
                     (unsigned long long)seed);
        ch_free(c);
        tgraph_free(&g);
    }
}

Test(ch, matches_dijkstra_with_many_equal_costs)
{
    tgraph g = random_grid(30, 30, 5, 99, true);
    ch *c = build_or_fail(&g);
    size_t n_inf = 0;
    cr_assert_eq(compare_random(&g, c, 5, 40, 40, &n_inf), 1600);
    ch_free(c);
    tgraph_free(&g);
}

Test(ch, matches_dijkstra_on_a_larger_grid)
{
    /* big enough that witness searches hit their settled-node bound */
    tgraph g = random_grid(60, 60, 0, 2024, false);
    ch *c = build_or_fail(&g);
    ch_stats st;
    ch_get_stats(c, &st);
    cr_assert_eq(st.n_nodes, 60 * 60);
    cr_assert_gt(st.n_shortcuts, 0);
    cr_assert_eq(st.n_up_arcs + st.n_down_arcs >= g.first[g.n] - 200, true);
    size_t n_inf = 0;
    cr_assert_eq(compare_random(&g, c, 11, 12, 40, &n_inf), 480);
    ch_free(c);
    tgraph_free(&g);
}

Test(ch, matches_dijkstra_beyond_double_precision)
{
    /* The sweep adds costs as doubles, exact below 2^53; arcs of 2^20 deciseconds (2^52 as
     * packed costs) put every path of two or more arcs above that, so those rows are redone in
     * integers while single arcs stay below. */
    tgraph g = random_grid(14, 12, 5, 31, false);
    for (uint32_t k = 0; k < g.first[g.n]; k++)
        g.w[k] += PACK(1u << 20, 0);
    ch *c = build_or_fail(&g);
    size_t n_inf = 0;
    cr_assert_eq(compare_random(&g, c, 8, 20, 30, &n_inf), 600);
    ch_free(c);
    tgraph_free(&g);
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
    tgraph g = random_grid(5, 5, 0, 3, false);
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
    tgraph_free(&g);
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
    tgraph g = random_grid(25, 25, 0, 8, false);
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
    tgraph_free(&g);
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

/* ---- point-to-point queries: unpacked paths ---- */

/* Reverse arcs of g: arcs into v are rfirst[v] .. rfirst[v+1]-1, as (tail, arc index). */
typedef struct rev {
    uint32_t *first, *tail, *arc;
} rev;

static rev make_rev(const tgraph *g)
{
    uint32_t m = g->first[g->n];
    rev r = {xcalloc((size_t)g->n + 1, sizeof(uint32_t)), xmallocarray(m + 1, 4),
             xmallocarray(m + 1, 4)};
    for (uint32_t k = 0; k < m; k++)
        r.first[g->head[k] + 1]++;
    for (uint32_t v = 0; v < g->n; v++)
        r.first[v + 1] += r.first[v];
    uint32_t *fill = xmallocarray(g->n + 1, sizeof *fill);
    memcpy(fill, r.first, (g->n + 1) * sizeof *fill);
    for (uint32_t u = 0; u < g->n; u++)
        for (uint32_t k = g->first[u]; k < g->first[u + 1]; k++) {
            uint32_t at = fill[g->head[k]]++;
            r.tail[at] = u;
            r.arc[at] = k;
        }
    free(fill);
    return r;
}

static void rev_free(rev *r)
{
    free(r->first);
    free(r->tail);
    free(r->arc);
}

static const uint64_t *sort_dist; /* for by_dist only */

static int by_dist(const void *x, const void *y)
{
    uint64_t a = sort_dist[*(const uint32_t *)x], b = sort_dist[*(const uint32_t *)y];
    return a < b ? -1 : a > b;
}

/* Number of distinct shortest paths (seed and arcs) from src to every node, saturated at 2,
 * from the exact distances dist. A node entered by a tight arc of cost 0 (road graphs have a
 * few, between points at one place) counts as 2: arcs of cost 0 make ties without end. Other
 * tight arcs go to larger distances, so nodes in distance order see their counts complete. */
static void path_counts(const tgraph *g, const ch_point *src, const uint64_t *dist, uint8_t *cnt)
{
    uint32_t *ord = xmallocarray(g->n, sizeof *ord);
    uint32_t m = 0;
    for (uint32_t v = 0; v < g->n; v++) {
        cnt[v] = 0;
        if (dist[v] != CH_INF)
            ord[m++] = v;
    }
    for (uint32_t k = 0; k < src->n_seeds; k++)
        if (src->seeds[k].offset == dist[src->seeds[k].node] && cnt[src->seeds[k].node] < 2)
            cnt[src->seeds[k].node]++;
    sort_dist = dist;
    qsort(ord, m, sizeof *ord, by_dist);
    for (uint32_t i = 0; i < m; i++) {
        uint32_t u = ord[i];
        for (uint32_t k = g->first[u]; k < g->first[u + 1]; k++) {
            uint32_t x = g->head[k];
            if (x != u && dist[u] + g->w[k] == dist[x])
                cnt[x] = (uint8_t)(g->w[k] == 0 || cnt[x] + cnt[u] > 2 ? 2 : cnt[x] + cnt[u]);
        }
    }
    free(ord);
}

/* Least weight of an arc u -> x of g, CH_INF if there is none. */
static uint64_t arc_weight(const tgraph *g, uint32_t u, uint32_t x)
{
    uint64_t best = CH_INF;
    for (uint32_t k = g->first[u]; k < g->first[u + 1]; k++)
        if (g->head[k] == x && g->w[k] < best)
            best = g->w[k];
    return best;
}

typedef struct path_tally {
    size_t pairs, reached, unique; /* checked; with a path; whose shortest path is unique */
} path_tally;

/* Checks ch_query_path from src to dst against the exact distances from src and their path
 * counts: the cost; a path from the seed it names to the seed it names along arcs of g whose
 * weights add up to the cost; and, where the shortest path is unique, that very path. */
static void check_path(const tgraph *g, const rev *rv, ch_query *q, const ch_point *src,
                       const ch_point *dst, const uint64_t *dist, const uint8_t *cnt, path_tally *t)
{
    const uint32_t *nodes;
    size_t n;
    uint32_t ks = 99, kt = 99;
    uint64_t got = ch_query_path(q, src, dst, &nodes, &n, &ks, &kt);
    uint64_t want = ref_cost(dist, dst);
    t->pairs++;
    cr_assert_eq(got, want, "pair %zu: query %#llx, dijkstra %#llx", t->pairs,
                 (unsigned long long)got, (unsigned long long)want);
    if (want == CH_INF)
        return;
    t->reached++;
    cr_assert_lt(ks, src->n_seeds);
    cr_assert_lt(kt, dst->n_seeds);
    cr_assert_geq(n, 1);
    cr_assert_eq(nodes[0], src->seeds[ks].node, "the path starts at the source seed it names");
    cr_assert_eq(nodes[n - 1], dst->seeds[kt].node, "the path ends at the target seed it names");
    uint64_t sum = src->seeds[ks].offset + dst->seeds[kt].offset;
    for (size_t i = 0; i + 1 < n; i++) {
        uint64_t w = arc_weight(g, nodes[i], nodes[i + 1]);
        cr_assert_neq(w, CH_INF, "pair %zu: no arc %u -> %u at step %zu", t->pairs, nodes[i],
                      nodes[i + 1], i);
        sum += w;
    }
    cr_assert_eq(sum, got, "pair %zu: the path's arcs add up to %#llx, not %#llx", t->pairs,
                 (unsigned long long)sum, (unsigned long long)got);

    /* unique shortest path: exactly one (target seed, path) reaches the least cost */
    unsigned ways = 0;
    uint32_t end = UINT32_MAX;
    for (uint32_t k = 0; k < dst->n_seeds; k++) {
        uint32_t v = dst->seeds[k].node;
        if (dist[v] != CH_INF && dist[v] + dst->seeds[k].offset == want) {
            ways += cnt[v];
            end = v;
        }
    }
    if (ways != 1)
        return;
    t->unique++;
    /* walk the one tight arc back from end until the seed that starts the path */
    size_t len = 0;
    uint32_t *back = xmallocarray(g->n + 1, sizeof *back);
    back[len++] = end;
    for (uint32_t v = end;;) {
        uint32_t from = UINT32_MAX;
        for (uint32_t a = rv->first[v]; a < rv->first[v + 1]; a++) {
            uint32_t u = rv->tail[a];
            if (u != v && dist[u] != CH_INF && dist[u] + g->w[rv->arc[a]] == dist[v])
                from = u;
        }
        if (from == UINT32_MAX)
            break;
        cr_assert_leq(len, g->n, "pair %zu: the unique path runs in a circle", t->pairs);
        back[len++] = v = from;
    }
    cr_assert_eq(n, len, "pair %zu: unique path of %zu nodes, query gave %zu", t->pairs, len, n);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(nodes[i], back[len - 1 - i], "pair %zu: node %zu differs", t->pairs, i);
    free(back);
}

/* n_src random sources, each against n_dst random targets; reference distances by the
 * simple Dijkstra above. */
static path_tally check_random_paths(const tgraph *g, const ch *c, uint64_t seed, size_t n_src,
                                     size_t n_dst)
{
    rng r;
    rng_seed(&r, seed);
    rev rv = make_rev(g);
    ch_query *q = ch_query_new(c);
    uint64_t *dist = xmallocarray(g->n, sizeof *dist);
    uint8_t *cnt = xmallocarray(g->n, 1);
    path_tally t = {0};
    for (size_t i = 0; i < n_src; i++) {
        ch_point src = random_point(&r, g->n);
        ref_dijkstra(g, &src, dist);
        path_counts(g, &src, dist, cnt);
        for (size_t j = 0; j < n_dst; j++) {
            ch_point dst = random_point(&r, g->n);
            check_path(g, &rv, q, &src, &dst, dist, cnt, &t);
        }
    }
    free(dist);
    free(cnt);
    ch_query_free(q);
    rev_free(&rv);
    return t;
}

Test(ch, unpacked_paths_are_shortest_and_unique_ones_match_dijkstra)
{
    for (uint64_t seed = 1; seed <= 4; seed++) {
        tgraph g = random_grid(15 + (uint32_t)seed * 4, 12 + (uint32_t)seed * 3, 6, seed, false);
        ch *c = build_or_fail(&g);
        path_tally t = check_random_paths(&g, c, seed * 31, 20, 40);
        cr_assert_eq(t.pairs, 800);
        cr_assert_gt(t.reached, 400, "seed %llu: %zu reached", (unsigned long long)seed, t.reached);
        cr_assert_gt(t.unique, t.reached / 2, "seed %llu: random costs make most paths unique",
                     (unsigned long long)seed);
        ch_free(c);
        tgraph_free(&g);
    }
}

Test(ch, unpacked_paths_with_many_equal_costs_are_shortest)
{
    tgraph g = random_grid(30, 30, 5, 99, true);
    ch *c = build_or_fail(&g);
    path_tally t = check_random_paths(&g, c, 17, 20, 50);
    cr_assert_eq(t.pairs, 1000);
    cr_assert_gt(t.reached, 500);
    cr_assert_lt(t.unique, t.reached, "ties: many shortest paths are not unique");
    ch_free(c);
    tgraph_free(&g);
}

Test(ch, unpacked_path_between_seeds_of_one_node_and_unreachable_pairs)
{
    /* 0 -> 1 -> 2 and back 2 -> 0; node 3 is cut off */
    uint32_t first[] = {0, 1, 2, 3, 3};
    uint32_t head[] = {1, 2, 0};
    uint64_t w[] = {PACK(5, 50), PACK(7, 70), PACK(1, 1)};
    ch *c = ch_build(4, first, head, w, NULL, NULL);
    cr_assert_not_null(c);
    ch_query *q = ch_query_new(c);
    const uint32_t *nodes;
    size_t n;
    uint32_t ks, kt;
    ch_point a = {1, {{1, PACK(2, 2)}}}, b = {2, {{3, 0}, {1, PACK(1, 1)}}};
    cr_assert_eq(ch_query_path(q, &a, &b, &nodes, &n, &ks, &kt), PACK(3, 3));
    cr_assert_eq(n, 1);
    cr_assert_eq(nodes[0], 1);
    cr_assert_eq(ks, 0);
    cr_assert_eq(kt, 1, "the target's second seed, at node 1");
    ch_point cut = {1, {{3, 0}}};
    cr_assert_eq(ch_query_path(q, &a, &cut, &nodes, &n, &ks, &kt), CH_INF);
    cr_assert_eq(n, 0);
    ch_point two = {1, {{2, 0}}};
    cr_assert_eq(ch_query_path(q, &two, &a, &nodes, &n, &ks, &kt), PACK(8, 53));
    cr_assert_eq(n, 3);
    cr_assert_eq(nodes[0], 2);
    cr_assert_eq(nodes[1], 0);
    cr_assert_eq(nodes[2], 1);
    ch_query_free(q);
    ch_free(c);
}

/* The routable graph of an OSM file as the roads facade builds it (car profile, CRS chosen by
 * the centre of the roads). */
static graph *load_graph(const char *path)
{
    profile *prof = profile_new_car();
    osm_reader_params op = {0};
    op.n_highways = profile_highways(prof, &op.highways);
    op.keep_ferries = 1;
    osm_data *d = NULL;
    char msg[512];
    cr_assert_eq(osm_reader_read(path, &op, &d, msg, sizeof msg), ERR_OK, "%s: %s", path, msg);
    double lon = 0, lat = 0;
    size_t n = 0;
    for (size_t i = 0; i < d->n_nodes; i++)
        if (d->lon[i] == d->lon[i]) {
            lon += d->lon[i];
            lat += d->lat[i];
            n++;
        }
    cr_assert_gt(n, 0);
    err e;
    err_clear(&e);
    geo *g = geo_new(NULL, lon / (double)n, lat / (double)n, &e);
    cr_assert_not_null(g, "%s", e.msg);
    graph *gr = graph_build(d, prof, g, &e);
    cr_assert_not_null(gr, "%s", e.msg);
    geo_free(g);
    osm_data_free(d);
    profile_free(prof);
    return gr;
}

/* Random pairs on a road graph, reference distances by maps/dijkstra. */
static path_tally check_road_paths(const char *path, uint64_t seed, size_t n_src, size_t n_dst)
{
    graph *gr = load_graph(path);
    tgraph g = {gr->n_nodes, gr->first_out, gr->head, gr->w}; /* borrowed */
    ch *c = build_or_fail(&g);
    dijkstra *dj = dijkstra_new(g.n, g.first, g.head, g.w);
    rng r;
    rng_seed(&r, seed);
    rev rv = make_rev(&g);
    ch_query *q = ch_query_new(c);
    uint64_t *dist = xmallocarray(g.n, sizeof *dist);
    uint8_t *cnt = xmallocarray(g.n, 1);
    path_tally t = {0};
    for (size_t i = 0; i < n_src; i++) {
        ch_point src = random_point(&r, g.n);
        dijkstra_run(dj, &src, 0, NULL);
        for (uint32_t v = 0; v < g.n; v++)
            dist[v] = dijkstra_dist(dj, v);
        path_counts(&g, &src, dist, cnt);
        for (size_t j = 0; j < n_dst; j++) {
            ch_point dst = random_point(&r, g.n);
            check_path(&g, &rv, q, &src, &dst, dist, cnt, &t);
        }
    }
    free(dist);
    free(cnt);
    ch_query_free(q);
    rev_free(&rv);
    dijkstra_free(dj);
    ch_free(c);
    graph_free(gr);
    return t;
}

Test(ch, unpacked_paths_on_a_synth_grid_match_dijkstra)
{
    char *dir = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/grid.osm", dir);
    synth_grid_params p;
    synth_grid_params_init(&p);
    p.nodes = 4000;
    p.seed = 5;
    err e;
    err_clear(&e);
    cr_assert_eq(synth_grid(path, &p, NULL, NULL, &e), ERR_OK, "%s", e.msg);
    path_tally t = check_road_paths(path, 3, 40, 50);
    cr_assert_eq(t.pairs, 2000);
    cr_assert_gt(t.reached, 1900, "the grid is one component: %zu of 2000 reached", t.reached);
    cr_assert_gt(t.unique, t.reached / 2, "%zu of %zu unique", t.unique, t.reached);
    test_rmtree(dir);
    free(dir);
}

Test(ch, unpacked_paths_on_north_bayreuth_match_dijkstra)
{
    char path[1024];
    TEST_SHARED_OR_SKIP(path, "osm/north-bayreuth.osm.gz");
    path_tally t = check_road_paths(path, 4, 40, 50);
    cr_assert_eq(t.pairs, 2000);
    cr_assert_gt(t.reached, 1900, "%zu of 2000 reached", t.reached);
    cr_assert_gt(t.unique, t.reached / 2, "real roads rarely tie: %zu of %zu unique", t.unique,
                 t.reached);
}
