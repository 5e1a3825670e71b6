/* ch.c — contraction hierarchies (Geisberger, Sanders, Schultes & Delling 2008) with
 * many-to-many queries by buckets (Knopp, Sanders, Schultes, Schulz & Wagner 2007) or by a
 * restricted PHAST sweep (RPHAST: Delling, Goldberg & Werneck 2011).
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
 * is contiguous in memory; both graphs are CSR arrays. Every target gets a backward upward
 * search and every source a forward one (both with stall-on-demand); then either each source
 * scans the (target, cost) buckets left at the nodes of its search space, or the sources go,
 * eight at a time, through one linear sweep down the targets' search spaces. The one that
 * touches less memory is chosen per matrix: buckets on large graphs with scattered targets,
 * the sweep on small graphs (andorra, 1466 nodes) or dense target sets, where every forward
 * search meets buckets of hundreds of entries. Exact: the result equals Dijkstra on the same
 * packed weights.
 * SPDX-License-Identifier: MIT */
#include "maps/ch.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "maps/heap.h"
#include "util/clock.h"
#include "util/mem.h"
#include "util/vec.h"

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
    uint32_t *order;    /* order[query id] = node: the inverse of rank, for unpacking paths */
    uint32_t *up_first; /* n+1: upward arcs of query id r are up[up_first[r]..up_first[r+1]) */
    ch_arc *up;         /* arcs r→head with rank(head) > r */
    uint32_t *dn_first; /* n+1: arcs tail→r with rank(tail) > r, stored at r */
    ch_arc *dn;
    ch_stats stats;
};

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
    heap_clear(h);
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
    heap_free(&b->wh);
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
            if (pq.len > 0 && heap_item_less(&pq.a[0], &(heap_item){(uint64_t)p, v})) {
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
    heap_free(&pq);
    log_progress(lg, "contract", n, n, "%zu shortcuts", b.n_shortcuts);

    ch *c = xcalloc(1, sizeof *c);
    c->n = n;
    c->rank = rank;
    c->order = order;
    size_t n_up, n_dn;
    emit_csr(b.out, order, rank, n, &c->up_first, &c->up, &n_up);
    emit_csr(b.in, order, rank, n, &c->dn_first, &c->dn, &n_dn);
    size_t n_shortcuts = b.n_shortcuts;
    builder_free(&b);

    c->stats.n_nodes = n;
    c->stats.n_up_arcs = n_up;
    c->stats.n_down_arcs = n_dn;
    c->stats.n_shortcuts = n_shortcuts;
    c->stats.bytes = sizeof *c + (size_t)n * (sizeof *c->rank + sizeof *c->order) +
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
    free(c->order);
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

/* ---- upward searches ---- */

typedef struct search {
    uint64_t *dist;    /* per query id, CH_INF where untouched */
    uint32_t *touched; /* ids whose dist was set, for reset */
    size_t n_touched;
    heap h;
    uint32_t *par; /* NULL, or per query id the node whose arc set dist (NO_PAR for a seed):
                      point-to-point queries follow it back to unpack their path */
} search;

#define NO_PAR UINT32_MAX

/* Upward search from a point's seeds in graph (first, arcs), stalling with the opposite graph
 * (sfirst, sarcs). Calls visit (unless NULL) for every settled, non-stalled node. */
typedef void (*visit_fn)(void *ud, uint32_t node, uint64_t d);

static void upward_search(const ch *c, search *s, const ch_point *p, const uint32_t *first,
                          const ch_arc *arcs, const uint32_t *sfirst, const ch_arc *sarcs,
                          visit_fn visit, void *ud)
{
    for (size_t i = 0; i < s->n_touched; i++)
        s->dist[s->touched[i]] = CH_INF;
    s->n_touched = 0;
    heap_clear(&s->h);
    for (uint32_t k = 0; k < p->n_seeds; k++) {
        uint32_t r = c->rank[p->seeds[k].node];
        uint64_t d = p->seeds[k].offset;
        if (d < s->dist[r]) {
            if (s->dist[r] == CH_INF)
                s->touched[s->n_touched++] = r;
            s->dist[r] = d;
            if (s->par)
                s->par[r] = NO_PAR;
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
        if (visit)
            visit(ud, r, d);
        for (uint32_t k = first[r]; k < first[r + 1]; k++) {
            uint32_t x = arcs[k].head;
            uint64_t nd = d + arcs[k].w;
            if (nd < s->dist[x] && nd >= d) { /* nd < d: overflow, treat as unreachable */
                if (s->dist[x] == CH_INF)
                    s->touched[s->n_touched++] = x;
                s->dist[x] = nd;
                if (s->par)
                    s->par[x] = r;
                heap_push(&s->h, nd, x);
            }
        }
    }
}

/* Search spaces: the settled, non-stalled (node, distance) pairs of many upward searches, the
 * entries of search k at [first[k], first[k+1]). The backward searches of the targets become
 * the buckets; the forward searches of the sources are all kept before the method is chosen. */
typedef struct spaces {
    uint32_t *node; /* query id */
    uint64_t *d;    /* packed cost between the node and the search's point */
    size_t len, cap;
    size_t *first; /* searches + 1 */
} spaces;

static void spaces_visit(void *ud, uint32_t node, uint64_t d)
{
    spaces *sp = ud;
    if (sp->len == sp->cap) {
        sp->cap = sp->cap ? 2 * sp->cap : 1024;
        sp->node = xreallocarray(sp->node, sp->cap, sizeof *sp->node);
        sp->d = xreallocarray(sp->d, sp->cap, sizeof *sp->d);
    }
    sp->node[sp->len] = node;
    sp->d[sp->len++] = d;
}

static void spaces_free(spaces *sp)
{
    free(sp->node);
    free(sp->d);
    free(sp->first);
}

/* Runs the upward searches of n points (graph first/arcs, stalling with sfirst/sarcs) into a
 * new spaces. done counts searches for the progress report. */
static void search_all(const ch *c, search *s, size_t n, const ch_point *pts, bool forward,
                       spaces *sp, size_t *done, size_t total, const logger *lg)
{
    memset(sp, 0, sizeof *sp);
    sp->first = xmallocarray(n + 1, sizeof *sp->first);
    for (size_t i = 0; i < n; i++) {
        sp->first[i] = sp->len;
        if (forward)
            upward_search(c, s, &pts[i], c->up_first, c->up, c->dn_first, c->dn, spaces_visit, sp);
        else
            upward_search(c, s, &pts[i], c->dn_first, c->dn, c->up_first, c->up, spaces_visit, sp);
        if ((++*done & 255) == 0)
            log_progress(lg, "matrix", (double)*done, (double)total, NULL);
    }
    sp->first[n] = sp->len;
}

/* ---- buckets (Knopp et al. 2007) ---- */

typedef struct bucket_entry {
    uint64_t d;      /* packed cost from the node down to the target */
    uint32_t target; /* index into targets */
} bucket_entry;

/* The backward search spaces sorted by node (counting sort; a node's entries stay in target
 * order): entries of query id r are bucket[bfirst[r] .. bfirst[r+1]). */
static bucket_entry *make_buckets(const ch *c, const spaces *bw, size_t n_targets,
                                  const uint32_t *bfirst)
{
    bucket_entry *bucket = xmallocarray(bw->len ? bw->len : 1, sizeof *bucket);
    uint32_t *fill = xmallocarray(c->n, sizeof *fill);
    memcpy(fill, bfirst, (size_t)c->n * sizeof *fill);
    for (size_t j = 0; j < n_targets; j++)
        for (size_t k = bw->first[j]; k < bw->first[j + 1]; k++)
            bucket[fill[bw->node[k]]++] = (bucket_entry){bw->d[k], (uint32_t)j};
    free(fill);
    return bucket;
}

/* Row of source i: the minimum over its search space's nodes of (distance + bucket entry). */
static void scan_buckets(const spaces *fw, size_t i, const uint32_t *bfirst,
                         const bucket_entry *bucket, size_t n_targets, uint64_t *row)
{
    for (size_t j = 0; j < n_targets; j++)
        row[j] = CH_INF;
    for (size_t k = fw->first[i]; k < fw->first[i + 1]; k++) {
        uint32_t r = fw->node[k];
        uint64_t d = fw->d[k];
        for (const bucket_entry *b = bucket + bfirst[r], *end = bucket + bfirst[r + 1]; b < end;
             b++) {
            uint64_t t = d + b->d;
            if (t < row[b->target])
                row[b->target] = t;
        }
    }
}

/* ---- the sweep (RPHAST, Delling, Goldberg & Werneck 2011) ----
 *
 * The nodes the target searches settled ("selected"), numbered 0.. in falling rank order, with
 * the downward arcs among them: the down part of every shortest up-down path to a target lies
 * in this subgraph (its nodes have exact backward distances, so they are never stalled). After
 * a source's upward search has set the distances of its search space, one linear pass over the
 * selected nodes, each taking the minimum over its arcs from higher nodes, leaves every
 * selected node with its exact distance from the source; the targets' seeds then read theirs.
 *
 * SWEEP_LANES sources go through one pass together: each arc is loaded once for all of them,
 * the distances of a node's lanes are adjacent, and the loop over lanes is a branch-free
 * add-and-min. The lanes hold doubles, which SSE2 adds and compares two at a time (64-bit
 * unsigned compares have no SSE2 instruction): packed costs are integers, exact as doubles
 * below 2^53 (time below 2^21 deciseconds, 58 hours), and unreachable is +inf, which needs no
 * overflow test. Rounding is monotonic and the costs of a path's prefixes are at most its own,
 * so a result below 2^53 is exact; a source with a finite result at or above it is redone
 * with exact integers (sweep_exact). A node's lanes are set to +inf when the batch first
 * touches it (a batch stamp instead of clearing the whole array). */

#define SWEEP_LANES 8
#define NOT_SEL UINT32_MAX
#define EXACT_BELOW 9007199254740992.0 /* 2^53 */
#define D_INF ((double)INFINITY)

typedef struct sweeper {
    uint32_t n_sel;          /* selected nodes */
    uint32_t *loc;           /* query id -> selected id, NOT_SEL if not selected */
    uint32_t *first;         /* n_sel+1: arcs into selected id v are [first[v], first[v+1]) */
    uint32_t *arc_tail;      /* selected id of the arc's higher end (< v) */
    uint64_t *arc_w;         /* packed cost */
    double *arc_wd;          /* the same as a double */
    size_t n_arcs;           /* arcs kept */
    uint32_t *seed_loc;      /* per target, CH_MAX_SEEDS entries: selected id or NOT_SEL */
    uint64_t *seed_off;      /* per target, CH_MAX_SEEDS entries: the seed's offset */
    double *seed_offd;       /* the same as doubles */
    double *d;               /* n_sel * SWEEP_LANES distances of the current batch */
    uint32_t *stamp;         /* batch that last set a node's lanes */
    uint32_t batch;          /* current batch id (>= 1) */
    size_t lanes;            /* sources in the current batch */
    size_t src[SWEEP_LANES]; /* source index of each lane */
    uint64_t *exact;         /* n_sel distances for sweep_exact, allocated on first use */
} sweeper;

/* Counts the selected nodes (those holding bucket entries) and their downward arcs, for the
 * choice of method before anything is built. */
static void sweep_size(const ch *c, const uint32_t *bfirst, size_t *n_sel, size_t *n_arcs)
{
    *n_sel = *n_arcs = 0;
    for (uint32_t r = 0; r < c->n; r++) {
        if (bfirst[r + 1] > bfirst[r]) {
            (*n_sel)++;
            *n_arcs += c->dn_first[r + 1] - c->dn_first[r];
        }
    }
}

static void sweeper_init(sweeper *sw, const ch *c, const uint32_t *bfirst, size_t n_targets,
                         const ch_point *targets)
{
    memset(sw, 0, sizeof *sw);
    sw->loc = xmallocarray(c->n, sizeof *sw->loc);
    uint32_t n_sel = 0;
    size_t n_arcs = 0;
    for (uint32_t r = c->n; r-- > 0;) {
        if (bfirst[r + 1] > bfirst[r]) {
            sw->loc[r] = n_sel++;
            n_arcs += c->dn_first[r + 1] - c->dn_first[r];
        } else {
            sw->loc[r] = NOT_SEL;
        }
    }
    sw->n_sel = n_sel;
    size_t ns = n_sel ? n_sel : 1, na = n_arcs ? n_arcs : 1;
    sw->first = xmallocarray(ns + 1, sizeof *sw->first);
    sw->arc_tail = xmallocarray(na, sizeof *sw->arc_tail);
    sw->arc_w = xmallocarray(na, sizeof *sw->arc_w);
    sw->arc_wd = xmallocarray(na, sizeof *sw->arc_wd);
    uint32_t m = 0, v = 0;
    for (uint32_t r = c->n; r-- > 0;) {
        if (sw->loc[r] == NOT_SEL)
            continue;
        sw->first[v++] = m;
        for (uint32_t k = c->dn_first[r]; k < c->dn_first[r + 1]; k++) {
            uint32_t u = sw->loc[c->dn[k].head];
            if (u != NOT_SEL) {
                sw->arc_tail[m] = u;
                sw->arc_w[m] = c->dn[k].w;
                sw->arc_wd[m++] = (double)c->dn[k].w;
            }
        }
    }
    sw->first[n_sel] = m;
    sw->n_arcs = m;
    size_t nt = n_targets * CH_MAX_SEEDS;
    sw->seed_loc = xmallocarray(nt, sizeof *sw->seed_loc);
    sw->seed_off = xmallocarray(nt, sizeof *sw->seed_off);
    sw->seed_offd = xmallocarray(nt, sizeof *sw->seed_offd);
    for (size_t j = 0; j < n_targets; j++) {
        for (uint32_t k = 0; k < CH_MAX_SEEDS; k++) {
            bool has = k < targets[j].n_seeds;
            size_t x = j * CH_MAX_SEEDS + k;
            sw->seed_loc[x] = has ? sw->loc[c->rank[targets[j].seeds[k].node]] : NOT_SEL;
            sw->seed_off[x] = has ? targets[j].seeds[k].offset : 0;
            sw->seed_offd[x] = (double)sw->seed_off[x];
        }
    }
    sw->d = xmallocarray(ns, SWEEP_LANES * sizeof *sw->d);
    sw->stamp = xcalloc(ns, sizeof *sw->stamp);
    sw->batch = 1;
}

static void sweeper_free(sweeper *sw)
{
    free(sw->loc);
    free(sw->first);
    free(sw->arc_tail);
    free(sw->arc_w);
    free(sw->arc_wd);
    free(sw->seed_loc);
    free(sw->seed_off);
    free(sw->seed_offd);
    free(sw->d);
    free(sw->stamp);
    free(sw->exact);
}

static double *lanes_of(sweeper *sw, uint32_t v)
{
    double *dv = sw->d + (size_t)v * SWEEP_LANES;
    if (sw->stamp[v] != sw->batch) {
        sw->stamp[v] = sw->batch;
        for (int l = 0; l < SWEEP_LANES; l++)
            dv[l] = D_INF;
    }
    return dv;
}

/* The pass for source i alone in exact integers: its row of costs. */
static void sweep_exact(sweeper *sw, const spaces *fw, size_t i, size_t n_targets, uint64_t *row)
{
    if (!sw->exact)
        sw->exact = xmallocarray(sw->n_sel ? sw->n_sel : 1, sizeof *sw->exact);
    uint64_t *d = sw->exact;
    for (uint32_t v = 0; v < sw->n_sel; v++)
        d[v] = CH_INF;
    for (size_t k = fw->first[i]; k < fw->first[i + 1]; k++)
        if (sw->loc[fw->node[k]] != NOT_SEL)
            d[sw->loc[fw->node[k]]] = fw->d[k];
    for (uint32_t v = 0; v < sw->n_sel; v++) {
        uint64_t dv = d[v];
        for (uint32_t a = sw->first[v]; a < sw->first[v + 1]; a++) {
            uint64_t du = d[sw->arc_tail[a]], t = du + sw->arc_w[a];
            if (du != CH_INF && t >= du && t < dv) /* t < du: overflow, unreachable */
                dv = t;
        }
        d[v] = dv;
    }
    for (size_t j = 0; j < n_targets; j++) {
        uint64_t best = CH_INF;
        for (uint32_t k = 0; k < CH_MAX_SEEDS; k++) {
            size_t x = j * CH_MAX_SEEDS + k;
            if (sw->seed_loc[x] == NOT_SEL)
                continue;
            uint64_t dv = d[sw->seed_loc[x]], t = dv + sw->seed_off[x];
            if (dv != CH_INF && t >= dv && t < best)
                best = t;
        }
        row[j] = best;
    }
}

/* One pass for the sources of the batch: writes their rows of out, redoes exactly those with
 * a finite cost of 2^53 or more, and starts a new batch. */
static void sweeper_run(sweeper *sw, const spaces *fw, size_t n_targets, uint64_t *out)
{
    if (sw->lanes == 0)
        return;
    for (size_t l = 0; l < sw->lanes; l++) {
        size_t i = sw->src[l];
        for (size_t k = fw->first[i]; k < fw->first[i + 1]; k++) {
            uint32_t v = sw->loc[fw->node[k]];
            if (v != NOT_SEL)
                lanes_of(sw, v)[l] = (double)fw->d[k];
        }
    }
    for (uint32_t v = 0; v < sw->n_sel; v++) {
        double *dv = lanes_of(sw, v), acc[SWEEP_LANES];
        for (int l = 0; l < SWEEP_LANES; l++)
            acc[l] = dv[l];
        for (uint32_t a = sw->first[v]; a < sw->first[v + 1]; a++) {
            const double *du = sw->d + (size_t)sw->arc_tail[a] * SWEEP_LANES;
            double w = sw->arc_wd[a];
#pragma GCC unroll 8
            for (int l = 0; l < SWEEP_LANES; l++) {
                double t = du[l] + w;
                acc[l] = t < acc[l] ? t : acc[l];
            }
        }
        for (int l = 0; l < SWEEP_LANES; l++)
            dv[l] = acc[l];
    }
    unsigned inexact = 0;
    for (size_t j = 0; j < n_targets; j++) {
        double best[SWEEP_LANES];
        for (int l = 0; l < SWEEP_LANES; l++)
            best[l] = D_INF;
        for (uint32_t k = 0; k < CH_MAX_SEEDS; k++) {
            size_t x = j * CH_MAX_SEEDS + k;
            if (sw->seed_loc[x] == NOT_SEL)
                continue;
            const double *dv = sw->d + (size_t)sw->seed_loc[x] * SWEEP_LANES;
            double off = sw->seed_offd[x];
            for (int l = 0; l < SWEEP_LANES; l++) {
                double t = dv[l] + off;
                best[l] = t < best[l] ? t : best[l];
            }
        }
        for (size_t l = 0; l < sw->lanes; l++) {
            uint64_t *o = &out[sw->src[l] * n_targets + j];
            if (best[l] < EXACT_BELOW) {
                *o = (uint64_t)best[l];
            } else {
                *o = CH_INF;
                if (best[l] != D_INF)
                    inexact |= 1u << l;
            }
        }
    }
    for (size_t l = 0; l < sw->lanes; l++)
        if (inexact & (1u << l))
            sweep_exact(sw, fw, sw->src[l], n_targets, out + sw->src[l] * n_targets);
    sw->lanes = 0;
    if (++sw->batch == 0) { /* wrapped: old stamps could match again */
        memset(sw->stamp, 0, (size_t)sw->n_sel * sizeof *sw->stamp);
        sw->batch = 1;
    }
}

/* ---- many-to-many ---- */

/* Cost of a bucket entry scanned, in units of one lane of a node, arc or seed in a sweep
 * (fitted to whole-matrix times on andorra, north-bayreuth and 10k-1M node grids). */
#define BUCKET_VS_LANE 6

err_code ch_many_to_many(const ch *c, size_t n_sources, const ch_point *sources, size_t n_targets,
                         const ch_point *targets, uint64_t *out, const logger *lg, err *e)
{
    return ch_many_to_many_mode(c, CH_M2M_AUTO, n_sources, sources, n_targets, targets, out, lg, e);
}

err_code ch_many_to_many_mode(const ch *c, ch_m2m_mode mode, size_t n_sources,
                              const ch_point *sources, size_t n_targets, const ch_point *targets,
                              uint64_t *out, const logger *lg, err *e)
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
    if (mode != CH_M2M_AUTO && mode != CH_M2M_BUCKETS && mode != CH_M2M_SWEEP)
        return err_set(e, ERR_USAGE, "ch_many_to_many: unknown mode %d", (int)mode);
    if (n_sources == 0 || n_targets == 0 || c->n == 0) {
        for (size_t i = 0; i < n_sources * n_targets; i++)
            out[i] = CH_INF;
        return ERR_OK;
    }
    if (n_targets > UINT32_MAX)
        return err_set(e, ERR_USAGE, "ch_many_to_many: too many targets (%zu)", n_targets);

    search s = {0};
    s.dist = xmallocarray(c->n, sizeof *s.dist);
    for (uint32_t r = 0; r < c->n; r++)
        s.dist[r] = CH_INF;
    s.touched = xmallocarray(c->n, sizeof *s.touched);
    size_t total = n_sources + n_targets, done = 0;

    /* every upward search first: backward from the targets, forward from the sources */
    spaces bw, fw;
    search_all(c, &s, n_targets, targets, false, &bw, &done, total, lg);
    search_all(c, &s, n_sources, sources, true, &fw, &done, total, lg);
    free(s.dist);
    free(s.touched);
    heap_free(&s.h);
    uint32_t *bfirst = xcalloc((size_t)c->n + 1, sizeof *bfirst);
    for (size_t k = 0; k < bw.len; k++)
        bfirst[bw.node[k] + 1]++;
    for (uint32_t r = 0; r < c->n; r++)
        bfirst[r + 1] += bfirst[r];

    /* One method for the whole matrix (mixing them costs both working sets in the cache):
     * buckets scan, per source, the entries at its search space's nodes; the sweep costs every
     * source a lane of each selected node, arc and target seed. */
    bool use_sweep = mode == CH_M2M_SWEEP;
    if (mode == CH_M2M_AUTO) {
        uint64_t scan = 0;
        for (size_t k = 0; k < fw.len; k++)
            scan += bfirst[fw.node[k] + 1] - bfirst[fw.node[k]];
        size_t n_sel, n_arcs;
        sweep_size(c, bfirst, &n_sel, &n_arcs);
        uint64_t lanes = (uint64_t)n_sources * (n_sel + n_arcs + n_targets * CH_MAX_SEEDS);
        use_sweep = lanes < scan * BUCKET_VS_LANE;
        log_msg(lg, LOG_DEBUG,
                "ch matrix: %" PRIu64 " bucket entries to scan or %" PRIu64 " sweep lanes: %s",
                scan, lanes, use_sweep ? "sweep" : "buckets");
    }
    if (use_sweep) {
        sweeper sw;
        sweeper_init(&sw, c, bfirst, n_targets, targets);
        for (size_t i = 0; i < n_sources; i++) {
            sw.src[sw.lanes++] = i;
            if (sw.lanes == SWEEP_LANES)
                sweeper_run(&sw, &fw, n_targets, out);
        }
        sweeper_run(&sw, &fw, n_targets, out);
        sweeper_free(&sw);
    } else {
        bucket_entry *bucket = make_buckets(c, &bw, n_targets, bfirst);
        for (size_t i = 0; i < n_sources; i++)
            scan_buckets(&fw, i, bfirst, bucket, n_targets, out + i * n_targets);
        free(bucket);
    }
    log_progress(lg, "matrix", (double)total, (double)total, NULL);
    free(bfirst);
    spaces_free(&bw);
    spaces_free(&fw);
    return ERR_OK;
}

/* ---- point-to-point queries with path unpacking ----
 *
 * A forward upward search from the source's seeds and a backward one from the target's seeds
 * meet at the node of least summed distance (the top of the shortest up-down path; stalled
 * nodes may be taken too, their distances belong to real paths). The path in query ids is the
 * forward parents from the meeting node back to a source seed, then the backward parents on to
 * a target seed. Every step a→b of it is an arc of the hierarchy: upward (stored at a) when
 * a < b, else downward (stored at b). A shortcut a→b with middle node m stands for the arcs
 * a→m (downward, stored at m, since m was contracted before a) and m→b (upward, stored at m),
 * added with exactly these costs when m was contracted; m's arc lists never changed after that,
 * so both are found and their costs add up to the shortcut's. */

struct ch_query {
    const ch *c;
    search fw, bw;
    VEC(uint32_t) ranks; /* the path in query ids before unpacking */
    VEC(uint32_t) stack; /* pairs (a, b) still to unpack, b on top */
    VEC(uint32_t) nodes; /* the unpacked path, original node ids */
};

static void search_init(search *s, uint32_t n)
{
    memset(s, 0, sizeof *s);
    s->dist = xmallocarray(n ? n : 1, sizeof *s->dist);
    for (uint32_t r = 0; r < n; r++)
        s->dist[r] = CH_INF;
    s->touched = xmallocarray(n ? n : 1, sizeof *s->touched);
    s->par = xmallocarray(n ? n : 1, sizeof *s->par);
}

static void search_free(search *s)
{
    free(s->dist);
    free(s->touched);
    free(s->par);
    free(s->h.a);
}

ch_query *ch_query_new(const ch *c)
{
    ch_query *q = xcalloc(1, sizeof *q);
    q->c = c;
    search_init(&q->fw, c->n);
    search_init(&q->bw, c->n);
    return q;
}

void ch_query_free(ch_query *q)
{
    if (!q)
        return;
    search_free(&q->fw);
    search_free(&q->bw);
    VEC_FREE(&q->ranks);
    VEC_FREE(&q->stack);
    VEC_FREE(&q->nodes);
    free(q);
}

/* The arc a→b of the hierarchy (query ids), which exists on every unpacked path. Arc lists
 * are sorted by head and hold one arc per pair. */
static const ch_arc *find_arc(const ch *c, uint32_t a, uint32_t b)
{
    const ch_arc *arcs = a < b ? c->up : c->dn;
    const uint32_t *first = a < b ? c->up_first : c->dn_first;
    uint32_t at = a < b ? a : b, want = a < b ? b : a;
    uint32_t lo = first[at], hi = first[at + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (arcs[mid].head < want)
            lo = mid + 1;
        else
            hi = mid;
    }
    assert(lo < first[at + 1] && arcs[lo].head == want);
    return &arcs[lo];
}

/* The seed of p at query id r whose offset is d (the one that started the search there). */
static uint32_t seed_at(const ch *c, const ch_point *p, uint32_t r, uint64_t d)
{
    for (uint32_t k = 0; k < p->n_seeds; k++)
        if (c->rank[p->seeds[k].node] == r && p->seeds[k].offset == d)
            return k;
    assert(!"a search started at a node that is no seed");
    return 0;
}

uint64_t ch_query_path(ch_query *q, const ch_point *src, const ch_point *dst,
                       const uint32_t **nodes, size_t *n_nodes, uint32_t *src_seed,
                       uint32_t *dst_seed)
{
    const ch *c = q->c;
    *nodes = NULL;
    *n_nodes = 0;
    *src_seed = *dst_seed = 0;
    for (int side = 0; side < 2; side++) {
        const ch_point *p = side ? dst : src;
        assert(p->n_seeds <= CH_MAX_SEEDS);
        for (uint32_t k = 0; k < p->n_seeds; k++)
            assert(p->seeds[k].node < c->n);
    }
    upward_search(c, &q->fw, src, c->up_first, c->up, c->dn_first, c->dn, NULL, NULL);
    upward_search(c, &q->bw, dst, c->dn_first, c->dn, c->up_first, c->up, NULL, NULL);
    uint64_t best = CH_INF;
    uint32_t meet = NO_PAR;
    for (size_t i = 0; i < q->fw.n_touched; i++) {
        uint32_t r = q->fw.touched[i];
        uint64_t df = q->fw.dist[r], db = q->bw.dist[r];
        if (db == CH_INF || df + db < df) /* unreached from the target, or overflow */
            continue;
        if (df + db < best || (df + db == best && r < meet)) {
            best = df + db;
            meet = r;
        }
    }
    if (best == CH_INF)
        return CH_INF;

    /* the path in query ids: source seed .. meet .. target seed */
    q->ranks.len = 0;
    for (uint32_t r = meet; r != NO_PAR; r = q->fw.par[r])
        VEC_PUSH(&q->ranks, r);
    uint32_t s0 = q->ranks.data[q->ranks.len - 1];
    *src_seed = seed_at(c, src, s0, q->fw.dist[s0]);
    for (size_t i = 0, j = q->ranks.len - 1; i < j; i++, j--) {
        uint32_t t = q->ranks.data[i];
        q->ranks.data[i] = q->ranks.data[j];
        q->ranks.data[j] = t;
    }
    uint32_t t0 = meet;
    for (uint32_t r = q->bw.par[meet]; r != NO_PAR; r = q->bw.par[r]) {
        VEC_PUSH(&q->ranks, r);
        t0 = r;
    }
    *dst_seed = seed_at(c, dst, t0, q->bw.dist[t0]);

    /* unpack every step down to original arcs */
    q->nodes.len = 0;
    VEC_PUSH(&q->nodes, c->order[q->ranks.data[0]]);
    for (size_t i = 1; i < q->ranks.len; i++) {
        q->stack.len = 0;
        VEC_PUSH(&q->stack, q->ranks.data[i - 1]);
        VEC_PUSH(&q->stack, q->ranks.data[i]);
        while (q->stack.len > 0) {
            uint32_t b = q->stack.data[--q->stack.len], a = q->stack.data[--q->stack.len];
            uint32_t m = find_arc(c, a, b)->mid;
            if (m == NO_MID) {
                VEC_PUSH(&q->nodes, c->order[b]);
                continue;
            }
            VEC_PUSH(&q->stack, m); /* m→b after a→m */
            VEC_PUSH(&q->stack, b);
            VEC_PUSH(&q->stack, a);
            VEC_PUSH(&q->stack, m);
        }
    }
    *nodes = q->nodes.data;
    *n_nodes = q->nodes.len;
    return best;
}
