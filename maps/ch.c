/* ch.c — contraction hierarchies (Geisberger, Sanders, Schultes & Delling 2008) with
 * bucket-based many-to-many queries (Knopp, Sanders, Schultes, Schulz & Wagner 2007).
 *
 * Build: nodes are contracted one by one in the order of a lazily updated priority
 * (RoutingKit's variant of the edge difference: level + added/removed arcs + added/removed
 * hops, plus a term for already-contracted neighbours), ties by node id: a node popped with a
 * stale priority is re-evaluated and goes back into the queue if it no longer wins. Contracting v
 * adds a shortcut u→x (recording v as its middle node) for every in-neighbour u and out-neighbour x
 * unless a witness search from u, which ignores v and stops after a bounded number of settled
 * nodes, finds a path no longer than u→v→x. A node's arcs left at its contraction lead to
 * higher-ranked nodes only: its out-arcs form the upward graph, its in-arcs the (reversed)
 * downward graph.
 *
 * Query: nodes are renumbered by rank, so the top of the hierarchy, which every search visits,
 * is contiguous in memory; both graphs are CSR arrays. A backward upward search from every
 * target leaves (target, cost) entries in buckets at the nodes it settles; a forward upward
 * search from every source scans the buckets of the nodes it settles. Both searches use
 * stall-on-demand. Exact: the result equals Dijkstra on the same packed weights.
 * SPDX-License-Identifier: MIT */
#include "maps/ch.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/mem.h"

#define NO_MID UINT32_MAX

/* Settled-node bounds of witness searches: smaller while estimating a priority, larger when
 * contracting for real (a search cut short only costs superfluous shortcuts, never
 * correctness). */
#define WITNESS_SIM_SETTLED 100
#define WITNESS_SETTLED 500

/* Priority weights: level dominates the quotients (which are scaled to 1000 = 1.0), so the
 * hierarchy stays flat; measured on 10k–1M node grids, updating the neighbours' priorities
 * after each contraction cost 2–3× the time for 7% fewer shortcuts, so priorities are only
 * refreshed lazily when a node reaches the top of the queue. */
#define W_LEVEL 100
#define W_DELETED 100

/* Final arc of the upward or downward graph, in rank numbering. */
typedef struct ch_arc {
    uint64_t w;    /* packed cost (time << 32 | length) */
    uint32_t head; /* upward: arc tail→head; downward: stored at the lower end, head = tail */
    uint32_t mid;  /* middle node of a shortcut (rank), NO_MID for an original arc */
} ch_arc;

struct ch {
    uint32_t n;         /* nodes */
    uint32_t *rank;     /* rank[node] = position in the contraction order = query id */
    uint32_t *up_first; /* n+1: upward arcs of query id r are up[up_first[r]..up_first[r+1]) */
    ch_arc *up;         /* arcs r→head with rank(head) > r */
    uint32_t *dn_first; /* n+1: arcs tail→r with rank(tail) > r, stored at r */
    ch_arc *dn;
    ch_stats stats;
};

/* ---- a binary min-heap of (key, node) with lazy deletion (stale entries are skipped) ---- */

typedef struct heap_item {
    uint64_t key;
    uint32_t node;
} heap_item;

typedef struct heap {
    heap_item *a;
    size_t len, cap;
} heap;

static bool item_less(heap_item x, heap_item y)
{
    return x.key < y.key || (x.key == y.key && x.node < y.node);
}

static void heap_push(heap *h, uint64_t key, uint32_t node)
{
    if (h->len == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 64;
        h->a = xreallocarray(h->a, h->cap, sizeof *h->a);
    }
    heap_item it = {key, node};
    size_t i = h->len++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!item_less(it, h->a[p]))
            break;
        h->a[i] = h->a[p];
        i = p;
    }
    h->a[i] = it;
}

static heap_item heap_pop(heap *h)
{
    heap_item top = h->a[0];
    heap_item last = h->a[--h->len];
    size_t i = 0, n = h->len;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && item_less(h->a[c + 1], h->a[c]))
            c++;
        if (!item_less(h->a[c], last))
            break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (n > 0)
        h->a[i] = last;
    return top;
}

/* ---- the graph during contraction ---- */

typedef struct carc {
    uint64_t w;    /* packed cost */
    uint32_t node; /* the other end */
    uint32_t mid;  /* middle node of a shortcut (original id), NO_MID if original */
    uint32_t hops; /* original arcs this arc stands for */
} carc;

typedef struct adj {
    carc *a;
    uint32_t len, cap;
} adj;

typedef struct builder {
    uint32_t n;
    adj *out, *in;      /* per node; entries to contracted nodes are removed */
    bool *done;         /* contracted */
    uint32_t *level;    /* hierarchy depth estimate */
    uint32_t *deleted;  /* contracted neighbours */
    int64_t *prio;      /* current priority */
    uint64_t *dist;     /* witness search distances, valid where stamp == cur */
    uint32_t *stamp;    /* search id that last wrote dist */
    uint32_t *target;   /* search id for which the node is a witness target */
    uint32_t cur;       /* current search id */
    heap wh;            /* witness search heap */
    size_t n_shortcuts; /* shortcuts inserted (new arcs, not improvements) */
} builder;

static void adj_push(adj *l, carc c)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 4;
        l->a = xreallocarray(l->a, l->cap, sizeof *l->a);
    }
    l->a[l->len++] = c;
}

static void adj_remove(adj *l, uint32_t node)
{
    for (uint32_t i = 0; i < l->len; i++) {
        if (l->a[i].node == node) {
            l->a[i] = l->a[--l->len];
            return;
        }
    }
}

/* Adds arc u→x or lowers its cost; returns true if the arc is new. */
static bool add_arc(builder *b, uint32_t u, uint32_t x, uint64_t w, uint32_t mid, uint32_t hops)
{
    adj *o = &b->out[u];
    for (uint32_t i = 0; i < o->len; i++) {
        if (o->a[i].node != x)
            continue;
        if (w < o->a[i].w) {
            o->a[i] = (carc){w, x, mid, hops};
            adj *in = &b->in[x];
            for (uint32_t k = 0; k < in->len; k++) {
                if (in->a[k].node == u) {
                    in->a[k] = (carc){w, u, mid, hops};
                    break;
                }
            }
        }
        return false;
    }
    adj_push(o, (carc){w, x, mid, hops});
    adj_push(&b->in[x], (carc){w, u, mid, hops});
    return true;
}

static void next_search(builder *b)
{
    if (++b->cur == 0) { /* wrapped: clear stamps so old ids cannot match */
        memset(b->stamp, 0, (size_t)b->n * sizeof *b->stamp);
        memset(b->target, 0, (size_t)b->n * sizeof *b->target);
        b->cur = 1;
    }
}

static uint64_t wdist(const builder *b, uint32_t x)
{
    return b->stamp[x] == b->cur ? b->dist[x] : CH_INF;
}

/* Dijkstra from u in the remaining graph without v, until every target (marked with the
 * current search id) is settled, the distance exceeds max_cost or `limit` nodes are settled. */
static void witness_search(builder *b, uint32_t u, uint32_t v, uint64_t max_cost,
                           uint32_t n_targets, uint32_t limit)
{
    heap *h = &b->wh;
    h->len = 0;
    b->dist[u] = 0;
    b->stamp[u] = b->cur;
    heap_push(h, 0, u);
    uint32_t settled = 0;
    while (h->len > 0) {
        heap_item it = heap_pop(h);
        if (it.key != b->dist[it.node])
            continue;
        if (it.key > max_cost || ++settled > limit)
            break;
        if (b->target[it.node] == b->cur && --n_targets == 0)
            break;
        const adj *o = &b->out[it.node];
        for (uint32_t i = 0; i < o->len; i++) {
            uint32_t y = o->a[i].node;
            if (y == v)
                continue;
            uint64_t d = it.key + o->a[i].w;
            if (d < wdist(b, y)) {
                b->dist[y] = d;
                b->stamp[y] = b->cur;
                heap_push(h, d, y);
            }
        }
    }
}

/* Simulates (insert = false) or performs the contraction of v. Returns the shortcuts needed
 * and their hop total in *added, *added_hops. */
static void contract(builder *b, uint32_t v, bool insert, uint32_t *added, uint32_t *added_hops)
{
    *added = 0;
    *added_hops = 0;
    const adj *in = &b->in[v];
    const adj *out = &b->out[v];
    if (in->len == 0 || out->len == 0)
        return;
    uint64_t max_out = 0;
    for (uint32_t k = 0; k < out->len; k++)
        if (out->a[k].w > max_out)
            max_out = out->a[k].w;
    for (uint32_t i = 0; i < in->len; i++) {
        carc ui = in->a[i]; /* shortcuts u→x touch the lists of u and x, never of v */
        uint32_t u = ui.node;
        next_search(b);
        uint32_t n_targets = 0;
        for (uint32_t k = 0; k < out->len; k++) {
            uint32_t x = out->a[k].node;
            if (x != u && b->target[x] != b->cur) {
                b->target[x] = b->cur;
                n_targets++;
            }
        }
        if (n_targets == 0)
            continue;
        witness_search(b, u, v, ui.w + max_out, n_targets,
                       insert ? WITNESS_SETTLED : WITNESS_SIM_SETTLED);
        for (uint32_t k = 0; k < out->len; k++) {
            carc vx = out->a[k];
            if (vx.node == u)
                continue;
            uint64_t c = ui.w + vx.w;
            if (wdist(b, vx.node) <= c)
                continue;
            (*added)++;
            *added_hops += ui.hops + vx.hops;
            if (insert) {
                if (add_arc(b, u, vx.node, c, v, ui.hops + vx.hops))
                    b->n_shortcuts++;
            }
        }
    }
}

static int64_t priority(builder *b, uint32_t v)
{
    uint32_t added, added_hops;
    contract(b, v, false, &added, &added_hops);
    uint32_t removed = b->in[v].len + b->out[v].len;
    uint64_t removed_hops = 0;
    for (uint32_t i = 0; i < b->in[v].len; i++)
        removed_hops += b->in[v].a[i].hops;
    for (uint32_t i = 0; i < b->out[v].len; i++)
        removed_hops += b->out[v].a[i].hops;
    int64_t p = 1 + W_LEVEL * (int64_t)b->level[v] + W_DELETED * (int64_t)b->deleted[v];
    if (removed > 0)
        p += 1000 * (int64_t)added / removed;
    if (removed_hops > 0)
        p += 1000 * (int64_t)added_hops / (int64_t)removed_hops;
    return p;
}

static void builder_free(builder *b)
{
    if (b->out)
        for (uint32_t v = 0; v < b->n; v++)
            free(b->out[v].a);
    if (b->in)
        for (uint32_t v = 0; v < b->n; v++)
            free(b->in[v].a);
    free(b->out);
    free(b->in);
    free(b->done);
    free(b->level);
    free(b->deleted);
    free(b->prio);
    free(b->dist);
    free(b->stamp);
    free(b->target);
    free(b->wh.a);
}

/* Lays out the arc lists of every node (in contraction order) as CSR in rank numbering. */
static void emit_csr(const adj *lists, const uint32_t *order, const uint32_t *rank, uint32_t n,
                     uint32_t **first_out, ch_arc **arcs, size_t *n_arcs)
{
    uint32_t *first = xmallocarray((size_t)n + 1, sizeof *first);
    size_t m = 0;
    for (uint32_t r = 0; r < n; r++) {
        first[r] = (uint32_t)m;
        m += lists[order[r]].len;
    }
    first[n] = (uint32_t)m;
    ch_arc *a = xmallocarray(m ? m : 1, sizeof *a);
    for (uint32_t r = 0; r < n; r++) {
        const adj *l = &lists[order[r]];
        ch_arc *dst = a + first[r];
        for (uint32_t i = 0; i < l->len; i++) {
            const carc *c = &l->a[i];
            dst[i] = (ch_arc){c->w, rank[c->node], c->mid == NO_MID ? NO_MID : rank[c->mid]};
        }
        /* sorted by head: deterministic and friendlier to the cache */
        for (uint32_t i = 1; i < l->len; i++) {
            ch_arc t = dst[i];
            uint32_t j = i;
            while (j > 0 && dst[j - 1].head > t.head) {
                dst[j] = dst[j - 1];
                j--;
            }
            dst[j] = t;
        }
    }
    *first_out = first;
    *arcs = a;
    *n_arcs = m;
}

ch *ch_build(uint32_t n_nodes, const uint32_t *first_out, const uint32_t *head, const uint64_t *w,
             const logger *lg, err *e)
{
    double t0 = clock_now();
    uint32_t n = n_nodes;
    if (n == UINT32_MAX) {
        err_set(e, ERR_USAGE, "ch_build: too many nodes (%u)", n);
        return NULL;
    }
    for (uint32_t v = 0; v < n; v++) {
        if (first_out[v + 1] < first_out[v]) {
            err_set(e, ERR_INTERNAL, "ch_build: first_out decreases at node %u", v);
            return NULL;
        }
    }
    for (uint32_t k = 0; n > 0 && k < first_out[n]; k++) {
        if (head[k] >= n) {
            err_set(e, ERR_INTERNAL, "ch_build: arc %u has head %u, only %u nodes", k, head[k], n);
            return NULL;
        }
        if (w[k] == CH_INF) {
            err_set(e, ERR_INTERNAL, "ch_build: arc %u has an infinite weight", k);
            return NULL;
        }
    }

    builder b;
    memset(&b, 0, sizeof b);
    b.n = n;
    b.out = xcalloc(n ? n : 1, sizeof *b.out);
    b.in = xcalloc(n ? n : 1, sizeof *b.in);
    b.done = xcalloc(n ? n : 1, sizeof *b.done);
    b.level = xcalloc(n ? n : 1, sizeof *b.level);
    b.deleted = xcalloc(n ? n : 1, sizeof *b.deleted);
    b.prio = xcalloc(n ? n : 1, sizeof *b.prio);
    b.dist = xcalloc(n ? n : 1, sizeof *b.dist);
    b.stamp = xcalloc(n ? n : 1, sizeof *b.stamp);
    b.target = xcalloc(n ? n : 1, sizeof *b.target);
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t k = first_out[u]; k < first_out[u + 1]; k++)
            if (head[k] != u) /* a loop is never on a shortest path */
                add_arc(&b, u, head[k], w[k], NO_MID, 1);

    heap pq = {0};
    for (uint32_t v = 0; v < n; v++) {
        b.prio[v] = priority(&b, v);
        heap_push(&pq, (uint64_t)b.prio[v], v);
    }
    uint32_t *order = xmallocarray(n ? n : 1, sizeof *order);
    uint32_t *rank = xmallocarray(n ? n : 1, sizeof *rank);
    uint32_t n_done = 0;
    uint32_t *nbrs = NULL;
    size_t nbrs_cap = 0;
    while (pq.len > 0) {
        heap_item it = heap_pop(&pq);
        uint32_t v = it.node;
        if (b.done[v] || it.key != (uint64_t)b.prio[v])
            continue;
        /* lazy update: contract v only if its fresh priority still beats the queue */
        int64_t p = priority(&b, v);
        if (p != b.prio[v]) {
            b.prio[v] = p;
            if (pq.len > 0 && item_less(pq.a[0], (heap_item){(uint64_t)p, v})) {
                heap_push(&pq, (uint64_t)p, v);
                continue;
            }
        }
        uint32_t added, added_hops;
        contract(&b, v, true, &added, &added_hops);
        b.done[v] = true;
        rank[v] = n_done;
        order[n_done++] = v;
        /* detach v from its remaining neighbours; v's own lists stay as its final arcs */
        size_t nn = 0;
        size_t need = (size_t)b.in[v].len + b.out[v].len;
        if (need > nbrs_cap) {
            nbrs_cap = need;
            nbrs = xreallocarray(nbrs, nbrs_cap, sizeof *nbrs);
        }
        for (uint32_t i = 0; i < b.in[v].len; i++) {
            uint32_t u = b.in[v].a[i].node;
            adj_remove(&b.out[u], v);
            nbrs[nn++] = u;
        }
        for (uint32_t i = 0; i < b.out[v].len; i++) {
            uint32_t x = b.out[v].a[i].node;
            adj_remove(&b.in[x], v);
            nbrs[nn++] = x;
        }
        for (size_t i = 0; i < nn; i++) {
            uint32_t x = nbrs[i];
            if (b.level[x] < b.level[v] + 1)
                b.level[x] = b.level[v] + 1;
            b.deleted[x]++;
        }
        if ((n_done & 0xffff) == 0)
            log_progress(lg, "contract", n_done, n, "%zu shortcuts", b.n_shortcuts);
    }
    free(nbrs);
    free(pq.a);
    log_progress(lg, "contract", n, n, "%zu shortcuts", b.n_shortcuts);

    ch *c = xcalloc(1, sizeof *c);
    c->n = n;
    c->rank = rank;
    size_t n_up, n_dn;
    emit_csr(b.out, order, rank, n, &c->up_first, &c->up, &n_up);
    emit_csr(b.in, order, rank, n, &c->dn_first, &c->dn, &n_dn);
    size_t n_shortcuts = b.n_shortcuts;
    builder_free(&b);
    free(order);

    c->stats.n_nodes = n;
    c->stats.n_up_arcs = n_up;
    c->stats.n_down_arcs = n_dn;
    c->stats.n_shortcuts = n_shortcuts;
    c->stats.bytes = sizeof *c + (size_t)n * sizeof *c->rank +
                     2 * ((size_t)n + 1) * sizeof *c->up_first + (n_up + n_dn) * sizeof(ch_arc);
    c->stats.build_seconds = clock_now() - t0;
    log_msg(lg, LOG_DEBUG, "ch: %u nodes, %zu up + %zu down arcs, %zu shortcuts, %.2f s", n, n_up,
            n_dn, n_shortcuts, c->stats.build_seconds);
    return c;
}

void ch_free(ch *c)
{
    if (!c)
        return;
    free(c->rank);
    free(c->up_first);
    free(c->up);
    free(c->dn_first);
    free(c->dn);
    free(c);
}

void ch_get_stats(const ch *c, ch_stats *s)
{
    *s = c->stats;
}

/* ---- many-to-many ---- */

typedef struct bucket_entry {
    uint64_t d;      /* packed cost from the node down to the target */
    uint32_t target; /* index into targets */
} bucket_entry;

typedef struct search {
    uint64_t *dist;    /* per query id, CH_INF where untouched */
    uint32_t *touched; /* ids whose dist was set, for reset */
    size_t n_touched;
    heap h;
} search;

/* Upward search from a point's seeds in graph (first, arcs), stalling with the opposite graph
 * (sfirst, sarcs). Calls visit for every settled, non-stalled node. */
typedef void (*visit_fn)(void *ud, uint32_t node, uint64_t d);

static void upward_search(const ch *c, search *s, const ch_point *p, const uint32_t *first,
                          const ch_arc *arcs, const uint32_t *sfirst, const ch_arc *sarcs,
                          visit_fn visit, void *ud)
{
    for (size_t i = 0; i < s->n_touched; i++)
        s->dist[s->touched[i]] = CH_INF;
    s->n_touched = 0;
    s->h.len = 0;
    for (uint32_t k = 0; k < p->n_seeds; k++) {
        uint32_t r = c->rank[p->seeds[k].node];
        uint64_t d = p->seeds[k].offset;
        if (d < s->dist[r]) {
            if (s->dist[r] == CH_INF)
                s->touched[s->n_touched++] = r;
            s->dist[r] = d;
            heap_push(&s->h, d, r);
        }
    }
    while (s->h.len > 0) {
        heap_item it = heap_pop(&s->h);
        uint32_t r = it.node;
        uint64_t d = it.key;
        if (d != s->dist[r])
            continue;
        /* stall-on-demand: a higher node reaches r more cheaply, so d is not exact and no
         * shortest path continues upward from here */
        bool stalled = false;
        for (uint32_t k = sfirst[r]; k < sfirst[r + 1]; k++) {
            uint64_t dh = s->dist[sarcs[k].head];
            if (dh != CH_INF && dh + sarcs[k].w < d) {
                stalled = true;
                break;
            }
        }
        if (stalled)
            continue;
        visit(ud, r, d);
        for (uint32_t k = first[r]; k < first[r + 1]; k++) {
            uint32_t x = arcs[k].head;
            uint64_t nd = d + arcs[k].w;
            if (nd < s->dist[x] && nd >= d) { /* nd < d: overflow, treat as unreachable */
                if (s->dist[x] == CH_INF)
                    s->touched[s->n_touched++] = x;
                s->dist[x] = nd;
                heap_push(&s->h, nd, x);
            }
        }
    }
}

typedef struct collect_ctx {
    bucket_entry *e; /* entries in collection order */
    uint32_t *node;  /* node of each entry */
    size_t len, cap;
    uint32_t target; /* the target being searched */
} collect_ctx;

static void collect_visit(void *ud, uint32_t node, uint64_t d)
{
    collect_ctx *cc = ud;
    if (cc->len == cc->cap) {
        cc->cap = cc->cap ? 2 * cc->cap : 1024;
        cc->e = xreallocarray(cc->e, cc->cap, sizeof *cc->e);
        cc->node = xreallocarray(cc->node, cc->cap, sizeof *cc->node);
    }
    cc->e[cc->len] = (bucket_entry){d, cc->target};
    cc->node[cc->len++] = node;
}

typedef struct settled_list {
    uint32_t *node; /* settled, non-stalled nodes of the current forward search */
    size_t len;
} settled_list;

static void settled_visit(void *ud, uint32_t node, uint64_t d)
{
    (void)d;
    settled_list *sl = ud;
    sl->node[sl->len++] = node;
}

/* Forward search done: scans the buckets of its settled nodes into row. */
static void scan_buckets(const settled_list *sl, const uint64_t *dist, const uint32_t *bfirst,
                         const bucket_entry *bucket, uint64_t *row)
{
    for (size_t i = 0; i < sl->len; i++) {
        uint32_t r = sl->node[i];
        uint64_t d = dist[r];
        for (const bucket_entry *b = bucket + bfirst[r], *end = bucket + bfirst[r + 1]; b < end;
             b++) {
            uint64_t t = d + b->d;
            if (t < row[b->target])
                row[b->target] = t;
        }
    }
}

/* Forward search done: PHAST-style sweep (Delling et al. 2011) restricted to the nodes the
 * target searches reached (sel, by falling rank): each takes the minimum over its downward
 * arcs from higher nodes, so every selected node ends with its exact distance from the
 * source; the targets' seeds then read theirs. Cheaper than bucket scans when the forward
 * search meets large buckets (small or grid-like graphs). */
static void sweep(const ch *c, search *s, const uint32_t *sel, size_t n_sel, size_t n_targets,
                  const ch_point *targets, uint64_t *row)
{
    uint64_t *dist = s->dist;
    for (size_t i = 0; i < n_sel; i++) {
        uint32_t v = sel[i];
        uint64_t dv = dist[v];
        for (uint32_t k = c->dn_first[v]; k < c->dn_first[v + 1]; k++) {
            uint64_t du = dist[c->dn[k].head];
            if (du != CH_INF && du + c->dn[k].w < dv)
                dv = du + c->dn[k].w;
        }
        if (dv < dist[v]) {
            if (dist[v] == CH_INF)
                s->touched[s->n_touched++] = v;
            dist[v] = dv;
        }
    }
    for (size_t j = 0; j < n_targets; j++) {
        for (uint32_t k = 0; k < targets[j].n_seeds; k++) {
            uint64_t d = dist[c->rank[targets[j].seeds[k].node]];
            if (d != CH_INF && d + targets[j].seeds[k].offset < row[j])
                row[j] = d + targets[j].seeds[k].offset;
        }
    }
}

err_code ch_many_to_many(const ch *c, size_t n_sources, const ch_point *sources, size_t n_targets,
                         const ch_point *targets, uint64_t *out, const logger *lg, err *e)
{
    for (size_t side = 0; side < 2; side++) {
        const ch_point *pts = side ? targets : sources;
        size_t np = side ? n_targets : n_sources;
        for (size_t i = 0; i < np; i++) {
            if (pts[i].n_seeds > CH_MAX_SEEDS)
                return err_set(e, ERR_INTERNAL, "ch_many_to_many: %s %zu has %u seeds",
                               side ? "target" : "source", i, pts[i].n_seeds);
            for (uint32_t k = 0; k < pts[i].n_seeds; k++)
                if (pts[i].seeds[k].node >= c->n)
                    return err_set(e, ERR_INTERNAL,
                                   "ch_many_to_many: %s %zu seed at node %u, only %u nodes",
                                   side ? "target" : "source", i, pts[i].seeds[k].node, c->n);
        }
    }
    for (size_t i = 0; i < n_sources * n_targets; i++)
        out[i] = CH_INF;
    if (n_sources == 0 || n_targets == 0 || c->n == 0)
        return ERR_OK;
    if (n_targets > UINT32_MAX)
        return err_set(e, ERR_USAGE, "ch_many_to_many: too many targets (%zu)", n_targets);

    search s = {0};
    s.dist = xmallocarray(c->n, sizeof *s.dist);
    for (uint32_t r = 0; r < c->n; r++)
        s.dist[r] = CH_INF;
    s.touched = xmallocarray(c->n, sizeof *s.touched);
    size_t total = n_sources + n_targets, done = 0;

    /* backward searches fill the buckets */
    collect_ctx cc = {0};
    for (size_t j = 0; j < n_targets; j++) {
        cc.target = (uint32_t)j;
        upward_search(c, &s, &targets[j], c->dn_first, c->dn, c->up_first, c->up, collect_visit,
                      &cc);
        if ((++done & 255) == 0)
            log_progress(lg, "matrix", (double)done, (double)total, NULL);
    }
    /* counting sort of the entries by node; entries of a node stay in target order */
    uint32_t *bfirst = xcalloc((size_t)c->n + 1, sizeof *bfirst);
    for (size_t k = 0; k < cc.len; k++)
        bfirst[cc.node[k] + 1]++;
    for (uint32_t r = 0; r < c->n; r++)
        bfirst[r + 1] += bfirst[r];
    bucket_entry *bucket = xmallocarray(cc.len ? cc.len : 1, sizeof *bucket);
    uint32_t *fill = xmallocarray(c->n, sizeof *fill);
    memcpy(fill, bfirst, (size_t)c->n * sizeof *fill);
    for (size_t k = 0; k < cc.len; k++)
        bucket[fill[cc.node[k]]++] = cc.e[k];
    free(fill);
    free(cc.e);
    free(cc.node);

    /* the sweep alternative visits every node holding a bucket, in falling rank order */
    size_t n_sel = 0, sweep_cost = 0;
    uint32_t *sel = xmallocarray(c->n, sizeof *sel);
    for (uint32_t r = c->n; r-- > 0;) {
        if (bfirst[r + 1] > bfirst[r]) {
            sel[n_sel++] = r;
            sweep_cost += 1 + c->dn_first[r + 1] - c->dn_first[r];
        }
    }
    sweep_cost += n_targets;

    /* forward searches, then per source the cheaper of bucket scans and sweep (both exact) */
    settled_list sl = {xmallocarray(c->n, sizeof *sl.node), 0};
    for (size_t i = 0; i < n_sources; i++) {
        uint64_t *row = out + i * n_targets;
        sl.len = 0;
        upward_search(c, &s, &sources[i], c->up_first, c->up, c->dn_first, c->dn, settled_visit,
                      &sl);
        size_t scan_cost = 0;
        for (size_t k = 0; k < sl.len && scan_cost <= sweep_cost; k++)
            scan_cost += bfirst[sl.node[k] + 1] - bfirst[sl.node[k]];
        if (scan_cost <= sweep_cost)
            scan_buckets(&sl, s.dist, bfirst, bucket, row);
        else
            sweep(c, &s, sel, n_sel, n_targets, targets, row);
        if ((++done & 255) == 0)
            log_progress(lg, "matrix", (double)done, (double)total, NULL);
    }
    free(sl.node);
    free(sel);
    log_progress(lg, "matrix", (double)total, (double)total, NULL);
    free(bucket);
    free(bfirst);
    free(s.dist);
    free(s.touched);
    free(s.h.a);
    return ERR_OK;
}
