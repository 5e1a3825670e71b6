/* graph.c — OSM ways -> routable CSR graph: segments between consecutive way nodes, Tarjan's
 * strongly connected components (iterative), the largest kept, then chains of degree-2 nodes
 * with matching directions compressed into edges that keep their geometry.
 * SPDX-License-Identifier: MIT */
#include "maps/graph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/vec.h"

#define SEG_FWD 1u
#define SEG_BWD 2u

typedef struct segs {
    uint32_t *a, *b; /* OSM node indices, a != b */
    uint8_t *flags;  /* SEG_FWD: a->b drivable, SEG_BWD: b->a */
    double *len;     /* metres */
    double *sec;     /* travel time a->b, seconds */
    double *sec_bwd; /* travel time b->a, seconds; NULL while every way takes the same time
                        both ways (allocated at the first maxspeed:forward/backward that differ,
                        so a 1M-node graph without them does not pay 2 x 8 bytes a point) */
    size_t n;
} segs;

/* Tarjan's SCC without recursion; comp[x] = component id, GRAPH_NONE for nodes without any
 * segment. Returns the number of components. */
static uint32_t tarjan(size_t n, const uint32_t *adj_first, const uint32_t *adj_seg, const segs *s,
                       uint32_t *comp)
{
    uint32_t *index = xmallocarray(n, sizeof *index);
    uint32_t *low = xmallocarray(n, sizeof *low);
    uint8_t *on_stack = xcalloc(n, 1);
    uint32_t *stack = xmallocarray(n, sizeof *stack);
    uint32_t *call_node = xmallocarray(n, sizeof *call_node);
    uint32_t *call_pos = xmallocarray(n, sizeof *call_pos);
    for (size_t i = 0; i < n; i++) {
        index[i] = GRAPH_NONE;
        comp[i] = GRAPH_NONE;
    }
    uint32_t next_index = 0, n_comp = 0;
    size_t sp = 0;
    for (size_t root = 0; root < n; root++) {
        if (index[root] != GRAPH_NONE || adj_first[root] == adj_first[root + 1])
            continue;
        size_t depth = 0;
        call_node[0] = (uint32_t)root;
        call_pos[0] = adj_first[root];
        index[root] = low[root] = next_index++;
        stack[sp++] = (uint32_t)root;
        on_stack[root] = 1;
        depth = 1;
        while (depth > 0) {
            uint32_t x = call_node[depth - 1];
            if (call_pos[depth - 1] < adj_first[x + 1]) {
                uint32_t sg = adj_seg[call_pos[depth - 1]++];
                uint32_t y;
                if (s->a[sg] == x && (s->flags[sg] & SEG_FWD))
                    y = s->b[sg];
                else if (s->b[sg] == x && (s->flags[sg] & SEG_BWD))
                    y = s->a[sg];
                else
                    continue;
                if (index[y] == GRAPH_NONE) {
                    index[y] = low[y] = next_index++;
                    stack[sp++] = y;
                    on_stack[y] = 1;
                    call_node[depth] = y;
                    call_pos[depth] = adj_first[y];
                    depth++;
                } else if (on_stack[y] && index[y] < low[x]) {
                    low[x] = index[y];
                }
                continue;
            }
            /* x is finished */
            if (low[x] == index[x]) {
                uint32_t y;
                do {
                    y = stack[--sp];
                    on_stack[y] = 0;
                    comp[y] = n_comp;
                } while (y != x);
                n_comp++;
            }
            depth--;
            if (depth > 0) {
                uint32_t parent = call_node[depth - 1];
                if (low[x] < low[parent])
                    low[parent] = low[x];
            }
        }
    }
    free(index);
    free(low);
    free(on_stack);
    free(stack);
    free(call_node);
    free(call_pos);
    return n_comp;
}

/* Builds a node -> incident segments CSR over the segments with keep[s] (all if keep NULL). */
static void build_adj(size_t n, const segs *s, const uint8_t *keep, uint32_t **first_out,
                      uint32_t **seg_out)
{
    uint32_t *first = xcalloc(n + 1, sizeof *first);
    for (size_t i = 0; i < s->n; i++) {
        if (keep && !keep[i])
            continue;
        first[s->a[i] + 1]++;
        first[s->b[i] + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        first[i + 1] += first[i];
    uint32_t *fill = xmallocarray(n, sizeof *fill);
    memcpy(fill, first, n * sizeof *fill);
    uint32_t *out = xmallocarray(first[n] ? first[n] : 1, sizeof *out);
    for (size_t i = 0; i < s->n; i++) {
        if (keep && !keep[i])
            continue;
        out[fill[s->a[i]]++] = (uint32_t)i;
        out[fill[s->b[i]]++] = (uint32_t)i;
    }
    free(fill);
    *first_out = first;
    *seg_out = out;
}

/* Can the chain pass straight through x (exactly two kept segments with the same directions
 * when both are oriented through x)? */
static bool passable(uint32_t x, const uint32_t *first, const uint32_t *adj, const segs *s)
{
    if (first[x + 1] - first[x] != 2)
        return false;
    uint32_t s1 = adj[first[x]], s2 = adj[first[x] + 1];
    bool f1 = s->flags[s1] & SEG_FWD, b1 = s->flags[s1] & SEG_BWD;
    bool into1 = s->b[s1] == x ? f1 : b1, outof1 = s->b[s1] == x ? b1 : f1;
    bool f2 = s->flags[s2] & SEG_FWD, b2 = s->flags[s2] & SEG_BWD;
    bool along2 = s->a[s2] == x ? f2 : b2, back2 = s->a[s2] == x ? b2 : f2;
    return into1 == along2 && outof1 == back2;
}

typedef VEC(double) dvec;
typedef VEC(graph_edge) evec;

typedef struct walker {
    const segs *s;
    const uint32_t *first, *adj;
    const uint8_t *junction;
    uint8_t *visited;
    const double *nx, *ny, *lon, *lat;
    dvec x, y, plon, plat, cum_len, cum_time, cum_time_bwd;
    evec edges;
} walker;

static void push_pt(walker *w, uint32_t node, double len, double sec, double sec_bwd)
{
    VEC_PUSH(&w->x, w->nx[node]);
    VEC_PUSH(&w->y, w->ny[node]);
    VEC_PUSH(&w->plon, w->lon[node]);
    VEC_PUSH(&w->plat, w->lat[node]);
    VEC_PUSH(&w->cum_len, len);
    VEC_PUSH(&w->cum_time, sec);
    if (w->s->sec_bwd)
        VEC_PUSH(&w->cum_time_bwd, sec_bwd);
}

/* Follows the chain that leaves junction j through segment sg, up to the next junction. The
 * edge's u, v are OSM node indices here; graph_build renumbers them. */
static void walk(walker *w, uint32_t j, uint32_t sg)
{
    const segs *s = w->s;
    graph_edge e = {0};
    e.u = j;
    e.first_pt = (uint32_t)w->x.len;
    e.fwd = s->a[sg] == j ? (s->flags[sg] & SEG_FWD) : (s->flags[sg] & SEG_BWD);
    e.bwd = s->a[sg] == j ? (s->flags[sg] & SEG_BWD) : (s->flags[sg] & SEG_FWD);
    double len = 0, sec = 0, sec_bwd = 0; /* from j: along the walk, and back to j */
    push_pt(w, j, 0, 0, 0);
    uint32_t cur = j;
    for (;;) {
        w->visited[sg] = 1;
        bool along = s->a[sg] == cur;
        uint32_t nxt = along ? s->b[sg] : s->a[sg];
        len += s->len[sg];
        double ab = s->sec[sg], ba = s->sec_bwd ? s->sec_bwd[sg] : ab;
        sec += along ? ab : ba;
        sec_bwd += along ? ba : ab;
        push_pt(w, nxt, len, sec, sec_bwd);
        if (w->junction[nxt])
            break;
        uint32_t other = w->adj[w->first[nxt]];
        if (other == sg)
            other = w->adj[w->first[nxt] + 1];
        cur = nxt;
        sg = other;
    }
    e.v = (uint32_t)(s->a[sg] == cur ? s->b[sg] : s->a[sg]);
    e.n_pts = (uint32_t)(w->x.len - e.first_pt);
    e.len_m = (int32_t)lround(len);
    e.time_ds = (int32_t)lround(sec * 10);
    e.time_bwd_ds = (int32_t)lround(sec_bwd * 10);
    VEC_PUSH(&w->edges, e);
}

graph *graph_build(const osm_data *d, const profile *p, geo *g, err *e)
{
    size_t n = d->n_nodes;
    graph *gr = xcalloc(1, sizeof *gr);
    double *nx = xmallocarray(n ? n : 1, sizeof *nx);
    double *ny = xmallocarray(n ? n : 1, sizeof *ny);
    uint32_t *adj_first = NULL, *adj_seg = NULL, *comp = NULL, *kfirst = NULL, *kadj = NULL;
    uint8_t *keep = NULL, *junction = NULL, *used = NULL;
    uint32_t *node_id = NULL;
    segs s = {0};
    walker w = {0};

    if (geo_forward(g, n, d->lon, d->lat, nx, ny, e) != ERR_OK)
        goto fail;

    /* 1. segments of drivable ways */
    size_t cap = d->n_refs;
    s.a = xmallocarray(cap ? cap : 1, sizeof *s.a);
    s.b = xmallocarray(cap ? cap : 1, sizeof *s.b);
    s.flags = xmallocarray(cap ? cap : 1, 1);
    s.len = xmallocarray(cap ? cap : 1, sizeof *s.len);
    s.sec = xmallocarray(cap ? cap : 1, sizeof *s.sec);
    used = xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < d->n_ways; i++) {
        const osm_way *ow = &d->ways[i];
        const char *tags[OSM_TAG_COUNT];
        for (int k = 0; k < OSM_TAG_COUNT; k++)
            tags[k] = d->strings + ow->tags[k];
        profile_way pw;
        if (!profile_eval(p, tags, &pw))
            continue;
        gr->osm_ways_used++;
        double mps = pw.speed_kmh / 3.6, mps_bwd = pw.bwd_speed_kmh / 3.6;
        uint8_t fl = (uint8_t)((pw.fwd ? SEG_FWD : 0) | (pw.bwd ? SEG_BWD : 0));
        for (uint32_t k = 0; k + 1 < ow->n_refs; k++) {
            uint32_t a = d->refs[ow->first_ref + k], b = d->refs[ow->first_ref + k + 1];
            if (a == b || isnan(nx[a]) || isnan(nx[b]))
                continue; /* a node missing from a cut extract splits the way */
            double len = hypot(nx[b] - nx[a], ny[b] - ny[a]);
            s.a[s.n] = a;
            s.b[s.n] = b;
            s.flags[s.n] = fl;
            s.len[s.n] = len;
            s.sec[s.n] = len / mps;
            if (!s.sec_bwd && pw.bwd_speed_kmh != pw.speed_kmh) {
                s.sec_bwd = xmallocarray(cap ? cap : 1, sizeof *s.sec_bwd);
                memcpy(s.sec_bwd, s.sec, s.n * sizeof *s.sec_bwd);
            }
            if (s.sec_bwd)
                s.sec_bwd[s.n] = len / mps_bwd;
            s.n++;
            used[a] = used[b] = 1;
        }
    }
    for (size_t i = 0; i < n; i++)
        gr->osm_nodes_used += used[i];
    if (s.n == 0) {
        err_set(e, ERR_NOTFOUND, "no drivable road in the map (with this profile)");
        goto fail;
    }

    /* 2. largest strongly connected component */
    build_adj(n, &s, NULL, &adj_first, &adj_seg);
    comp = xmallocarray(n, sizeof *comp);
    gr->components = tarjan(n, adj_first, adj_seg, &s, comp);
    uint32_t *comp_size = xcalloc(gr->components, sizeof *comp_size);
    for (size_t i = 0; i < n; i++)
        if (comp[i] != GRAPH_NONE)
            comp_size[comp[i]]++;
    uint32_t best = 0;
    for (uint32_t c = 1; c < gr->components; c++)
        if (comp_size[c] > comp_size[best])
            best = c;
    free(comp_size);
    keep = xcalloc(s.n, 1);
    double kept = 0, dropped = 0;
    for (size_t i = 0; i < s.n; i++) {
        keep[i] = comp[s.a[i]] == best && comp[s.b[i]] == best;
        if (keep[i])
            kept += s.len[i];
        else
            dropped += s.len[i];
    }
    gr->road_km = kept / 1000;
    gr->dropped_km = dropped / 1000;

    /* 3. junctions and chain compression */
    build_adj(n, &s, keep, &kfirst, &kadj);
    junction = xcalloc(n, 1);
    for (uint32_t x = 0; x < n; x++)
        junction[x] = kfirst[x + 1] > kfirst[x] && !passable(x, kfirst, kadj, &s);
    w.s = &s;
    w.first = kfirst;
    w.adj = kadj;
    w.junction = junction;
    w.visited = xcalloc(s.n, 1);
    w.nx = nx;
    w.ny = ny;
    w.lon = d->lon;
    w.lat = d->lat;
    for (uint32_t x = 0; x < n; x++)
        if (junction[x])
            for (uint32_t k = kfirst[x]; k < kfirst[x + 1]; k++)
                if (!w.visited[kadj[k]])
                    walk(&w, x, kadj[k]);
    /* Rings without any junction: make one node of each a junction. */
    for (uint32_t i = 0; i < s.n; i++)
        if (keep[i] && !w.visited[i]) {
            junction[s.a[i]] = 1;
            walk(&w, s.a[i], i);
        }

    /* 4. number the junctions, build the CSR */
    node_id = xmallocarray(n, sizeof *node_id);
    uint32_t nn = 0;
    for (uint32_t x = 0; x < n; x++)
        node_id[x] = junction[x] ? nn++ : GRAPH_NONE;
    gr->n_nodes = nn;
    gr->node_x = xmallocarray(nn ? nn : 1, sizeof *gr->node_x);
    gr->node_y = xmallocarray(nn ? nn : 1, sizeof *gr->node_y);
    for (uint32_t x = 0; x < n; x++)
        if (junction[x]) {
            gr->node_x[node_id[x]] = nx[x];
            gr->node_y[node_id[x]] = ny[x];
        }
    gr->n_edges = (uint32_t)w.edges.len;
    gr->edges = w.edges.data;
    w.edges.data = NULL;
    gr->first_out = xcalloc((size_t)nn + 1, sizeof *gr->first_out);
    for (uint32_t i = 0; i < gr->n_edges; i++) {
        graph_edge *ge = &gr->edges[i];
        ge->u = node_id[ge->u];
        ge->v = node_id[ge->v];
        ge->arc_fwd = ge->arc_bwd = GRAPH_NONE;
        if (ge->u == ge->v)
            continue; /* a loop never shortens a path; it stays for snapping */
        if (ge->fwd)
            gr->first_out[ge->u + 1]++;
        if (ge->bwd)
            gr->first_out[ge->v + 1]++;
    }
    for (uint32_t x = 0; x < nn; x++)
        gr->first_out[x + 1] += gr->first_out[x];
    gr->n_arcs = gr->first_out[nn];
    gr->head = xmallocarray(gr->n_arcs ? gr->n_arcs : 1, sizeof *gr->head);
    gr->w = xmallocarray(gr->n_arcs ? gr->n_arcs : 1, sizeof *gr->w);
    gr->arc_edge = xmallocarray(gr->n_arcs ? gr->n_arcs : 1, sizeof *gr->arc_edge);
    uint32_t *fill = xmallocarray(nn ? nn : 1, sizeof *fill);
    memcpy(fill, gr->first_out, nn * sizeof *fill);
    for (uint32_t i = 0; i < gr->n_edges; i++) {
        graph_edge *ge = &gr->edges[i];
        if (ge->u == ge->v)
            continue;
        if (ge->fwd) {
            uint32_t a = fill[ge->u]++;
            gr->head[a] = ge->v;
            gr->w[a] = GRAPH_PACK(ge->time_ds, ge->len_m);
            gr->arc_edge[a] = i << 1;
            ge->arc_fwd = a;
        }
        if (ge->bwd) {
            uint32_t a = fill[ge->v]++;
            gr->head[a] = ge->u;
            gr->w[a] = GRAPH_PACK(ge->time_bwd_ds, ge->len_m);
            gr->arc_edge[a] = i << 1 | 1u;
            ge->arc_bwd = a;
        }
    }
    free(fill);
    gr->n_pts = w.x.len;
    gr->x = w.x.data;
    gr->y = w.y.data;
    gr->lon = w.plon.data;
    gr->lat = w.plat.data;
    gr->cum_len = w.cum_len.data;
    gr->cum_time = w.cum_time.data;
    gr->cum_time_bwd = w.cum_time_bwd.data;
    memset(&w.x, 0, sizeof w.x); /* the point arrays now belong to gr */
    memset(&w.y, 0, sizeof w.y);
    memset(&w.plon, 0, sizeof w.plon);
    memset(&w.plat, 0, sizeof w.plat);
    memset(&w.cum_len, 0, sizeof w.cum_len);
    memset(&w.cum_time, 0, sizeof w.cum_time);
    memset(&w.cum_time_bwd, 0, sizeof w.cum_time_bwd);
    goto cleanup;

fail:
    graph_free(gr);
    gr = NULL;
cleanup:
    free(nx);
    free(ny);
    free(s.a);
    free(s.b);
    free(s.flags);
    free(s.len);
    free(s.sec);
    free(s.sec_bwd);
    free(used);
    free(adj_first);
    free(adj_seg);
    free(comp);
    free(keep);
    free(kfirst);
    free(kadj);
    free(junction);
    free(node_id);
    free(w.visited);
    free(w.x.data);
    free(w.y.data);
    free(w.plon.data);
    free(w.plat.data);
    free(w.cum_len.data);
    free(w.cum_time.data);
    free(w.cum_time_bwd.data);
    free(w.edges.data);
    return gr;
}

void graph_free(graph *gr)
{
    if (!gr)
        return;
    free(gr->first_out);
    free(gr->head);
    free(gr->w);
    free(gr->arc_edge);
    free(gr->node_x);
    free(gr->node_y);
    free(gr->edges);
    free(gr->x);
    free(gr->y);
    free(gr->lon);
    free(gr->lat);
    free(gr->cum_len);
    free(gr->cum_time);
    free(gr->cum_time_bwd);
    free(gr);
}
