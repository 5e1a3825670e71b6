/* roads.c — the maps facade: OSM reader + profile + projection + graph + snapping + shortest
 * paths (Dijkstra reference, contraction hierarchy built lazily for matrices).
 * SPDX-License-Identifier: MIT */
#include "maps/roads.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maps/area.h"
#include "maps/ch.h"
#include "maps/dijkstra.h"
#include "maps/geo.h"
#include "maps/graph.h"
#include "maps/osm_reader.h"
#include "maps/profile.h"
#include "maps/snap.h"
#include "util/clock.h"
#include "util/mem.h"
#include "util/vec.h"

struct roads {
    graph *gr;
    snap_index *si;
    geo *g;
    dijkstra *dj;        /* reference searches; created on first use */
    ch *hier;            /* contraction hierarchy; built on the first ROADS_CH matrix or leg */
    ch_query *chq;       /* point-to-point workspace over hier; created on the first leg */
    roads_place *places; /* strings point into place_strings */
    size_t n_places;
    char *place_strings;
    double snap_radius_m;
    uint64_t osm_nodes_used, osm_ways_used;
    uint64_t far_nodes, far_ways; /* dropped far outside the area */
    double load_seconds, ch_seconds;
    char crs[64];
};

void roads_params_init(roads_params *p)
{
    memset(p, 0, sizeof *p);
    p->snap_radius_m = 1000;
    p->keep_places = true;
}

err_code roads_check_crs(const char *crs, err *e)
{
    return geo_check_crs(crs, e);
}

/* The area the map is used for, the road nodes far outside it dropped from d (and reported),
 * and the projection chosen for it (p->crs, checked against the area, or the automatic CRS at
 * the area's centre). */
static err_code fit_area(roads *r, const char *osm_path, const roads_params *p, osm_data *d,
                         const logger *lg, err *e)
{
    if (d->n_dup_nodes > 0)
        log_msg(lg, LOG_WARN,
                "%s: %zu road node id%s given more than one location (the last one is used), "
                "e.g. node %" PRId64,
                osm_path, d->n_dup_nodes, d->n_dup_nodes == 1 ? " is" : "s are", d->dup_node_id);
    area ar;
    if (!area_of_map(d->n_nodes, d->lon, d->lat, &ar))
        return err_set(e, ERR_NOTFOUND, "%s: no drivable road in the map", osm_path);
    const char *what = "the map's main road network";
    if (p->n_area > 0 && area_of_points(p->n_area, p->area_lon, p->area_lat, &ar))
        what = p->area_what ? p->area_what : "the points";
    double margin = p->area_margin_km > 0 ? p->area_margin_km : ROADS_AREA_MARGIN_KM;
    area_dropped dr;
    size_t left = area_drop_far(&ar, margin, d, &dr);
    r->far_nodes = dr.nodes;
    r->far_ways = dr.ways_whole + dr.ways_cut;
    const geo_box *b = &ar.box;
    if (left == 0)
        return err_set(e, ERR_NOTFOUND,
                       "%s: no road of the map lies within %.0f km of %s (lon %.4f..%.4f, lat "
                       "%.4f..%.4f): is it the map of another region?",
                       osm_path, margin, what, b->minlon, b->maxlon, b->minlat, b->maxlat);
    if (dr.nodes > 0)
        log_msg(lg, LOG_WARN,
                "%s: dropped %zu road node%s more than %.0f km outside %s (lon %.4f..%.4f, lat "
                "%.4f..%.4f): %zu way%s wholly, %zu in part; the first is node %" PRId64
                " of way %" PRId64 " at lon %.7f, lat %.7f",
                osm_path, dr.nodes, dr.nodes == 1 ? "" : "s", margin, what, b->minlon, b->maxlon,
                b->minlat, b->maxlat, dr.ways_whole, dr.ways_whole == 1 ? "" : "s", dr.ways_cut,
                dr.node_id, dr.way_id, dr.lon, dr.lat);
    r->g = geo_new(p->crs, ar.centre_lon, ar.centre_lat, e);
    if (!r->g)
        return e ? e->code : ERR_PROJ;
    snprintf(r->crs, sizeof r->crs, "%s", geo_crs(r->g));
    if (p->crs)
        return geo_check_area(r->g, b, what, e);
    double worst = 0, at_lon = 0, at_lat = 0;
    err pe;
    if (geo_scale_error(r->g, b, &worst, &at_lon, &at_lat, &pe) == ERR_OK &&
        worst > GEO_MAX_SCALE_ERROR)
        log_msg(lg, LOG_WARN,
                "%s: %s span more than one projection zone: %s distorts distances by %.1f%% at "
                "lon %.4f, lat %.4f",
                osm_path, what, r->crs, 100 * worst, at_lon, at_lat);
    return ERR_OK;
}

roads *roads_load(const char *osm_path, const roads_params *p, const logger *lg, err *e)
{
    double t0 = clock_now();
    roads_params defaults;
    if (!p) {
        roads_params_init(&defaults);
        p = &defaults;
    }
    profile *prof = p->profile_path ? profile_load(p->profile_path, e) : profile_new_car();
    if (!prof)
        return NULL;

    roads *r = xcalloc(1, sizeof *r);
    r->snap_radius_m = p->snap_radius_m > 0 ? p->snap_radius_m : 1000;
    osm_data *d = NULL;
    osm_reader_params op = {0};
    op.n_highways = profile_highways(prof, &op.highways);
    op.keep_ferries = 1;
    op.keep_places = p->keep_places;
    op.interrupted = p->interrupted;
    log_progress(lg, "read map", 0, 1, "%s", osm_path);
    char msg[512];
    int rc = osm_reader_read(osm_path, &op, &d, msg, sizeof msg);
    log_progress(lg, "read map", 1, 1, NULL);
    if (rc != ERR_OK) {
        err_set(e, (err_code)rc, "%s: %s", osm_path, msg);
        goto fail;
    }

    if (fit_area(r, osm_path, p, d, lg, e) != ERR_OK)
        goto fail;
    r->gr = graph_build(d, prof, r->g, e);
    if (!r->gr) {
        err_wrap(e, "%s", osm_path);
        goto fail;
    }
    r->si = snap_index_new(r->gr);

    /* Place nodes: one block of strings owned by the handle. */
    r->place_strings = xmalloc(d->strings_len);
    memcpy(r->place_strings, d->strings, d->strings_len);
    r->n_places = d->n_places;
    r->places = xmallocarray(d->n_places ? d->n_places : 1, sizeof *r->places);
    for (size_t i = 0; i < d->n_places; i++) {
        r->places[i].name = r->place_strings + d->places[i].name;
        r->places[i].name_zh = r->place_strings + d->places[i].name_zh;
        r->places[i].place = r->place_strings + d->places[i].place;
        r->places[i].lon = d->places[i].lon;
        r->places[i].lat = d->places[i].lat;
    }
    r->osm_nodes_used = r->gr->osm_nodes_used;
    r->osm_ways_used = r->gr->osm_ways_used;
    osm_data_free(d);
    profile_free(prof);
    r->load_seconds = clock_now() - t0;
    log_msg(lg, LOG_INFO,
            "map %s: %u nodes, %u arcs, %.1f road km kept, %u components, %.1f km dropped, "
            "%s, %.2f s",
            osm_path, r->gr->n_nodes, r->gr->n_arcs, r->gr->road_km, r->gr->components,
            r->gr->dropped_km, r->crs, r->load_seconds);
    return r;

fail:
    osm_data_free(d);
    profile_free(prof);
    roads_free(r);
    return NULL;
}

void roads_free(roads *r)
{
    if (!r)
        return;
    ch_query_free(r->chq);
    ch_free(r->hier);
    dijkstra_free(r->dj);
    snap_index_free(r->si);
    graph_free(r->gr);
    geo_free(r->g);
    free(r->places);
    free(r->place_strings);
    free(r);
}

void roads_get_stats(const roads *r, roads_stats *s)
{
    memset(s, 0, sizeof *s);
    s->osm_nodes_used = r->osm_nodes_used;
    s->osm_ways_used = r->osm_ways_used;
    s->graph_nodes = r->gr->n_nodes;
    s->graph_arcs = r->gr->n_arcs;
    s->road_km = r->gr->road_km;
    s->dropped_km = r->gr->dropped_km;
    s->components = r->gr->components;
    s->crs = r->crs;
    s->far_nodes = r->far_nodes;
    s->far_ways = r->far_ways;
    s->load_seconds = r->load_seconds;
    s->ch_seconds = r->ch_seconds;
}

/* Fills the position fields of s for a point at fraction t of segment seg of edge: metres,
 * and integer costs from the edge's first node, clamped to the edge's rounded totals. */
static void set_position(const graph *gr, roads_snap *s, uint32_t edge, uint32_t seg, double t)
{
    const graph_edge *ge = &gr->edges[edge];
    /* a point at the end of a segment is at the start of the next one (as a search along the
     * edge for the last segment starting at or before it finds it) */
    if (t >= 1 && seg + 2 < ge->n_pts) {
        seg++;
        t = 0;
    }
    const double *cl = gr->cum_len + ge->first_pt, *ct = gr->cum_time + ge->first_pt;
    const double *cb = gr->cum_time_bwd ? gr->cum_time_bwd + ge->first_pt : ct;
    double along = cl[seg] + t * (cl[seg + 1] - cl[seg]);
    double sec = ct[seg] + t * (ct[seg + 1] - ct[seg]);
    double sec_bwd = cb[seg] + t * (cb[seg + 1] - cb[seg]);
    long tf = lround(sec * 10), tb = lround(sec_bwd * 10), l = lround(along);
    s->arc = edge;
    s->seg = seg;
    s->along = along;
    s->t_to = (int32_t)(tf < 0 ? 0 : tf > ge->time_ds ? ge->time_ds : tf);
    s->tb_to = (int32_t)(tb < 0 ? 0 : tb > ge->time_bwd_ds ? ge->time_bwd_ds : tb);
    s->l_to = (int32_t)(l < 0 ? 0 : l > ge->len_m ? ge->len_m : l);
}

err_code roads_snap_points(roads *r, size_t n, const double *lon, const double *lat,
                           roads_snap *out, err *e)
{
    const graph *gr = r->gr;
    for (size_t i = 0; i < n; i++) {
        roads_snap *s = &out[i];
        memset(s, 0, sizeof *s);
        s->arc = GRAPH_NONE;
        if (!(lon[i] >= -180 && lon[i] <= 180 && lat[i] >= -90 && lat[i] <= 90)) {
            snprintf(s->reason, sizeof s->reason, "invalid coordinates (%g, %g)", lon[i], lat[i]);
            continue;
        }
        double x, y;
        err pe;
        if (geo_forward(r->g, 1, &lon[i], &lat[i], &x, &y, &pe) != ERR_OK) {
            snprintf(s->reason, sizeof s->reason, "cannot project: %.120s", pe.msg);
            continue;
        }
        snap_hit h;
        if (!snap_index_nearest(r->si, x, y, r->snap_radius_m, &h)) {
            snprintf(s->reason, sizeof s->reason, "no road within %.0f m", r->snap_radius_m);
            continue;
        }
        if (geo_inverse(r->g, 1, &h.x, &h.y, &s->lon, &s->lat, e) != ERR_OK)
            return e ? e->code : ERR_PROJ;
        s->ok = true;
        s->dist_m = h.dist;
        set_position(gr, s, h.edge, h.seg, h.t);
    }
    return ERR_OK;
}

/* Seeds of a point as a source (from the point into the graph) or a target: the seed driving
 * forward on the edge (leaving towards v, entered from u) comes first, when there is one. */
static ch_point seeds(const graph *gr, const roads_snap *q, bool as_source)
{
    const graph_edge *ge = &gr->edges[q->arc];
    /* driving u->v: u to the point, the point to v; driving v->u: v to the point, to u */
    uint64_t u_pt = GRAPH_PACK(q->t_to, q->l_to);
    uint64_t pt_v = GRAPH_PACK(ge->time_ds - q->t_to, ge->len_m - q->l_to);
    uint64_t v_pt = GRAPH_PACK(ge->time_bwd_ds - q->tb_to, ge->len_m - q->l_to);
    uint64_t pt_u = GRAPH_PACK(q->tb_to, q->l_to);
    ch_point pt = {0};
    if (ge->fwd) /* source leaves towards v; target is entered from u */
        pt.seeds[pt.n_seeds++] = as_source ? (ch_seed){ge->v, pt_v} : (ch_seed){ge->u, u_pt};
    if (ge->bwd) /* source leaves towards u; target is entered from v */
        pt.seeds[pt.n_seeds++] = as_source ? (ch_seed){ge->u, pt_u} : (ch_seed){ge->v, v_pt};
    return pt;
}

/* Cost of driving along the shared edge from a to b without leaving it, CH_INF if not. */
static uint64_t direct(const graph *gr, const roads_snap *a, const roads_snap *b)
{
    if (a->arc != b->arc)
        return CH_INF;
    const graph_edge *ge = &gr->edges[a->arc];
    if (ge->fwd && a->along <= b->along)
        return GRAPH_PACK(b->t_to - a->t_to, b->l_to - a->l_to);
    if (ge->bwd && a->along >= b->along)
        return GRAPH_PACK(a->tb_to - b->tb_to, a->l_to - b->l_to);
    return CH_INF;
}

typedef struct edge_point {
    uint32_t edge; /* edge of the point */
    size_t i;      /* index of the point among the snapped ones */
} edge_point;

static int edge_point_cmp(const void *x, const void *y)
{
    const edge_point *a = x, *b = y;
    if (a->edge != b->edge)
        return a->edge < b->edge ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static dijkstra *get_dijkstra(roads *r)
{
    if (!r->dj)
        r->dj = dijkstra_new(r->gr->n_nodes, r->gr->first_out, r->gr->head, r->gr->w);
    return r->dj;
}

/* The hierarchy, built on first use. */
static const ch *get_hier(roads *r, const logger *lg, err *e)
{
    if (!r->hier) {
        double t0 = clock_now();
        r->hier = ch_build(r->gr->n_nodes, r->gr->first_out, r->gr->head, r->gr->w, lg, e);
        if (!r->hier)
            return NULL;
        r->ch_seconds = clock_now() - t0;
    }
    return r->hier;
}

/* A packed cost as whole seconds (rounded) and metres. */
static int32_t cost_seconds(uint64_t c)
{
    return (int32_t)((GRAPH_TIME(c) + 5) / 10);
}

err_code roads_matrix(roads *r, size_t n, const roads_snap *pts, roads_method method,
                      int32_t *time_s, int32_t *dist_m, const logger *lg, err *e)
{
    const graph *gr = r->gr;
    size_t *idx = xmallocarray(n ? n : 1, sizeof *idx); /* ok points -> input index */
    ch_point *src = xmallocarray(n ? n : 1, sizeof *src);
    ch_point *dst = xmallocarray(n ? n : 1, sizeof *dst);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!pts[i].ok || pts[i].arc >= gr->n_edges)
            continue;
        idx[m] = i;
        src[m] = seeds(gr, &pts[i], true);
        dst[m] = seeds(gr, &pts[i], false);
        m++;
    }
    uint64_t *cost = xmallocarray(m ? m : 1, (m ? m : 1) * sizeof *cost);
    err_code rc = ERR_OK;
    if (method == ROADS_CH && m > 0) {
        const ch *hier = get_hier(r, lg, e);
        if (!hier) {
            rc = e ? e->code : ERR_INTERNAL;
            goto cleanup;
        }
        rc = ch_many_to_many(hier, m, src, m, dst, cost, lg, e);
        if (rc != ERR_OK)
            goto cleanup;
    } else {
        dijkstra *dj = get_dijkstra(r);
        for (size_t i = 0; i < m; i++) {
            dijkstra_one_to_many(dj, &src[i], m, dst, cost + i * m);
            log_progress(lg, "matrix", (double)(i + 1), (double)m, NULL);
        }
    }
    /* Two points on one edge may also drive along it without reaching a node: only such
     * pairs need direct(), so points are grouped by edge first (a 1000x1000 matrix on a small
     * graph otherwise spends a third of its time here). */
    edge_point *by_edge = xmallocarray(m ? m : 1, sizeof *by_edge);
    for (size_t a = 0; a < m; a++)
        by_edge[a] = (edge_point){pts[idx[a]].arc, a};
    qsort(by_edge, m, sizeof *by_edge, edge_point_cmp);
    for (size_t g0 = 0, g1; g0 < m; g0 = g1) {
        for (g1 = g0 + 1; g1 < m && by_edge[g1].edge == by_edge[g0].edge; g1++)
            ;
        for (size_t x = g0; x < g1; x++)
            for (size_t y = g0; y < g1; y++) {
                size_t a = by_edge[x].i, b = by_edge[y].i;
                uint64_t dc = direct(gr, &pts[idx[a]], &pts[idx[b]]);
                if (dc < cost[a * m + b])
                    cost[a * m + b] = dc;
            }
    }
    free(by_edge);
    if (m < n)
        for (size_t i = 0; i < n * n; i++)
            time_s[i] = dist_m[i] = -1;
    for (size_t a = 0; a < m; a++) {
        const uint64_t *crow = cost + a * m;
        int32_t *trow = time_s + idx[a] * n, *drow = dist_m + idx[a] * n;
        for (size_t b = 0; b < m; b++) {
            uint64_t c = crow[b];
            size_t j = idx[b];
            trow[j] = c == CH_INF ? -1 : cost_seconds(c);
            drow[j] = c == CH_INF ? -1 : (int32_t)GRAPH_LEN(c);
        }
    }
    for (size_t i = 0; i < n; i++)
        time_s[i * n + i] = dist_m[i * n + i] = 0;
cleanup:
    free(idx);
    free(src);
    free(dst);
    free(cost);
    return rc;
}

typedef VEC(double) dvec;
typedef VEC(uint32_t) u32vec;

static void add_pt(dvec *v, double lon, double lat)
{
    if (v->len >= 2 && v->data[v->len - 2] == lon && v->data[v->len - 1] == lat)
        return;
    VEC_PUSH(v, lon);
    VEC_PUSH(v, lat);
}

/* Appends every point of edge e, from u to v or (reverse) from v to u. */
static void add_edge_pts(const graph *gr, dvec *v, uint32_t edge, bool reverse)
{
    const graph_edge *ge = &gr->edges[edge];
    for (uint32_t k = 0; k < ge->n_pts; k++) {
        uint32_t p = ge->first_pt + (reverse ? ge->n_pts - 1 - k : k);
        add_pt(v, gr->lon[p], gr->lat[p]);
    }
}

/* A leg's path: either along the edge both points share, or off a's edge (forward, towards v,
 * or backward, towards u), along the graph's arcs, and onto b's edge (forward, entered at u, or
 * backward, entered at v). */
typedef struct leg_path {
    uint64_t cost; /* packed, CH_INF if b cannot be reached */
    bool direct;   /* along the shared edge, no graph arc */
    bool leave_fwd, enter_fwd;
    u32vec arcs; /* graph arcs in driving order */
} leg_path;

/* Cheapest arc u -> x of the graph, the lowest-numbered among equals (the one Dijkstra's first
 * relaxation keeps), GRAPH_NONE if there is none. */
static uint32_t cheapest_arc(const graph *gr, uint32_t u, uint32_t x)
{
    uint32_t best = GRAPH_NONE;
    for (uint32_t k = gr->first_out[u]; k < gr->first_out[u + 1]; k++)
        if (gr->head[k] == x && (best == GRAPH_NONE || gr->w[k] < gr->w[best]))
            best = k;
    return best;
}

/* The path by the hierarchy: its unpacked node sequence, each step on the graph's cheapest arc
 * between the two nodes.
 *
 * A point lying on a node can be left or entered at equal cost by a seed or by the other seed
 * and the point's own edge (for instance entered at u directly, or at v after driving the edge
 * from v to u). Both give the same road, but not the same points: the end of the edge appears
 * once more next to the snapped point. So the seeds are then chosen as Dijkstra chooses them:
 * a source seed reached at its own offset starts the path (a seed keeps the distance it starts
 * with against equal ones), and the lowest-numbered target seed reached at the least cost ends
 * it (looked for on the path and one arc beyond its end). */
static err_code path_ch(roads *r, const roads_snap *a, const roads_snap *b, leg_path *lp,
                        const logger *lg, err *e)
{
    const graph *gr = r->gr;
    const ch *hier = get_hier(r, lg, e);
    if (!hier)
        return e ? e->code : ERR_INTERNAL;
    if (!r->chq)
        r->chq = ch_query_new(hier);
    ch_point src = seeds(gr, a, true), dst = seeds(gr, b, false);
    const uint32_t *nodes;
    size_t n;
    uint32_t ks, kt;
    uint64_t c = ch_query_path(r->chq, &src, &dst, &nodes, &n, &ks, &kt);
    lp->cost = direct(gr, a, b);
    lp->direct = true;
    if (c == CH_INF || c >= lp->cost)
        return ERR_OK;
    lp->cost = c;
    lp->direct = false;

    /* arcs[i] joins nodes[i] and nodes[i+1]; cum[i] = cost from a to nodes[i] */
    VEC(uint64_t) cum = {0};
    VEC_PUSH(&cum, src.seeds[ks].offset);
    for (size_t i = 0; i + 1 < n; i++) {
        uint32_t arc = cheapest_arc(gr, nodes[i], nodes[i + 1]);
        assert(arc != GRAPH_NONE);
        VEC_PUSH(&lp->arcs, arc);
        VEC_PUSH(&cum, cum.data[i] + gr->w[arc]);
    }
    size_t first = 0, last = n - 1; /* the part of nodes[] kept */
    for (size_t i = n; i-- > 0 && first == 0;)
        for (uint32_t k = 0; k < src.n_seeds; k++)
            if (src.seeds[k].node == nodes[i] && src.seeds[k].offset == cum.data[i]) {
                first = i;
                ks = k;
                break;
            }
    uint32_t extra = GRAPH_NONE; /* an arc appended after nodes[last] */
    for (uint32_t k = 0; k < kt; k++) {
        const ch_seed *sd = &dst.seeds[k];
        size_t at = first;
        while (at <= last && !(nodes[at] == sd->node && cum.data[at] + sd->offset == c))
            at++;
        if (at <= last) {
            last = at;
            kt = k;
            break;
        }
        uint32_t arc = cheapest_arc(gr, nodes[last], sd->node);
        if (arc != GRAPH_NONE && cum.data[last] + gr->w[arc] + sd->offset == c) {
            extra = arc;
            kt = k;
            break;
        }
    }
    VEC_FREE(&cum);
    if (first > 0 && last > first)
        memmove(lp->arcs.data, lp->arcs.data + first, (last - first) * sizeof *lp->arcs.data);
    lp->arcs.len = last - first;
    if (extra != GRAPH_NONE)
        VEC_PUSH(&lp->arcs, extra);
    lp->leave_fwd = gr->edges[a->arc].fwd && ks == 0;
    lp->enter_fwd = gr->edges[b->arc].fwd && kt == 0;
    return ERR_OK;
}

/* The path by the reference Dijkstra search: predecessor arcs back from b's entry node. */
static void path_dijkstra(roads *r, const roads_snap *a, const roads_snap *b, leg_path *lp)
{
    const graph *gr = r->gr;
    ch_point src = seeds(gr, a, true), dst = seeds(gr, b, false);
    dijkstra *dj = get_dijkstra(r);
    uint32_t stop[CH_MAX_SEEDS];
    for (uint32_t k = 0; k < dst.n_seeds; k++)
        stop[k] = dst.seeds[k].node;
    dijkstra_run(dj, &src, dst.n_seeds, stop);
    lp->cost = direct(gr, a, b);
    lp->direct = true;
    int best_k = -1;
    for (uint32_t k = 0; k < dst.n_seeds; k++) {
        uint64_t dn = dijkstra_dist(dj, dst.seeds[k].node);
        if (dn != CH_INF && dn + dst.seeds[k].offset < lp->cost) {
            lp->cost = dn + dst.seeds[k].offset;
            best_k = (int)k;
        }
    }
    if (best_k < 0)
        return;
    lp->direct = false;
    uint32_t node = dst.seeds[best_k].node;
    for (uint32_t arc; (arc = dijkstra_pred(dj, node)) != UINT32_MAX;) {
        VEC_PUSH(&lp->arcs, arc);
        uint32_t ed = gr->arc_edge[arc] >> 1;
        node = (gr->arc_edge[arc] & 1) ? gr->edges[ed].v : gr->edges[ed].u;
    }
    for (size_t i = 0, j = lp->arcs.len; i + 1 < j; i++, j--) {
        uint32_t t = lp->arcs.data[i];
        lp->arcs.data[i] = lp->arcs.data[j - 1];
        lp->arcs.data[j - 1] = t;
    }
    /* the source seed the path started from: the forward one (at v) if its cost is the one */
    const graph_edge *ea = &gr->edges[a->arc];
    lp->leave_fwd =
        ea->fwd && ea->v == node &&
        dijkstra_dist(dj, node) == GRAPH_PACK(ea->time_ds - a->t_to, ea->len_m - a->l_to);
    lp->enter_fwd = dst.seeds[best_k].node == gr->edges[b->arc].u && gr->edges[b->arc].fwd &&
                    dst.seeds[best_k].offset == GRAPH_PACK(b->t_to, b->l_to);
}

err_code roads_leg_geometry(roads *r, const roads_snap *a, const roads_snap *b, roads_method method,
                            roads_leg *leg, const logger *lg, err *e)
{
    const graph *gr = r->gr;
    memset(leg, 0, sizeof *leg);
    if (!a->ok || !b->ok || a->arc >= gr->n_edges || b->arc >= gr->n_edges)
        return err_set(e, ERR_NOTFOUND, "leg geometry: a point is not snapped to a road");
    leg_path lp = {0};
    if (method == ROADS_CH) {
        err_code rc = path_ch(r, a, b, &lp, lg, e);
        if (rc != ERR_OK) {
            VEC_FREE(&lp.arcs);
            return rc;
        }
    } else {
        path_dijkstra(r, a, b, &lp);
    }
    if (lp.cost == CH_INF) {
        VEC_FREE(&lp.arcs);
        return err_set(e, ERR_NOTFOUND, "leg geometry: no road path between the points");
    }

    dvec v = {0};
    add_pt(&v, a->lon, a->lat);
    if (lp.direct) { /* along the shared edge */
        const graph_edge *ge = &gr->edges[a->arc];
        bool fwd = ge->fwd && a->along <= b->along;
        if (fwd)
            for (uint32_t k = a->seg + 1; k <= b->seg; k++)
                add_pt(&v, gr->lon[ge->first_pt + k], gr->lat[ge->first_pt + k]);
        else
            for (uint32_t k = a->seg; k > b->seg; k--)
                add_pt(&v, gr->lon[ge->first_pt + k], gr->lat[ge->first_pt + k]);
    } else {
        /* Leave a's edge towards the start node: v going forward, u going backward. */
        const graph_edge *ea = &gr->edges[a->arc];
        if (lp.leave_fwd)
            for (uint32_t k = a->seg + 1; k < ea->n_pts; k++)
                add_pt(&v, gr->lon[ea->first_pt + k], gr->lat[ea->first_pt + k]);
        else
            for (uint32_t k = a->seg + 1; k-- > 0;)
                add_pt(&v, gr->lon[ea->first_pt + k], gr->lat[ea->first_pt + k]);
        for (size_t k = 0; k < lp.arcs.len; k++) {
            uint32_t ae = gr->arc_edge[lp.arcs.data[k]];
            add_edge_pts(gr, &v, ae >> 1, ae & 1);
        }
        /* Enter b's edge: from u going forward, from v going backward. */
        const graph_edge *eb = &gr->edges[b->arc];
        if (lp.enter_fwd)
            for (uint32_t k = 0; k <= b->seg; k++)
                add_pt(&v, gr->lon[eb->first_pt + k], gr->lat[eb->first_pt + k]);
        else
            for (uint32_t k = eb->n_pts - 1; k > b->seg; k--)
                add_pt(&v, gr->lon[eb->first_pt + k], gr->lat[eb->first_pt + k]);
    }
    add_pt(&v, b->lon, b->lat);
    VEC_FREE(&lp.arcs);
    leg->lonlat = v.data;
    leg->n_pts = v.len / 2;
    leg->time_s = cost_seconds(lp.cost);
    leg->dist_m = (int32_t)GRAPH_LEN(lp.cost);
    return ERR_OK;
}

/* Douglas–Peucker on projected points p[0..n): keep[] marks the kept ones. */
static void douglas_peucker(const double *x, const double *y, size_t n, double tol, uint8_t *keep)
{
    memset(keep, 0, n);
    keep[0] = keep[n - 1] = 1;
    VEC(size_t) st = {0};
    VEC_PUSH(&st, (size_t)0);
    VEC_PUSH(&st, n - 1);
    while (st.len > 0) {
        size_t hi = st.data[--st.len], lo = st.data[--st.len];
        double dx = x[hi] - x[lo], dy = y[hi] - y[lo], l2 = dx * dx + dy * dy;
        double worst = -1;
        size_t wi = lo;
        for (size_t k = lo + 1; k < hi; k++) {
            double d;
            if (l2 > 0) {
                double t = ((x[k] - x[lo]) * dx + (y[k] - y[lo]) * dy) / l2;
                t = t < 0 ? 0 : t > 1 ? 1 : t;
                d = hypot(x[k] - (x[lo] + t * dx), y[k] - (y[lo] + t * dy));
            } else {
                d = hypot(x[k] - x[lo], y[k] - y[lo]);
            }
            if (d > worst) {
                worst = d;
                wi = k;
            }
        }
        if (worst > tol) {
            keep[wi] = 1;
            VEC_PUSH(&st, lo);
            VEC_PUSH(&st, wi);
            VEC_PUSH(&st, wi);
            VEC_PUSH(&st, hi);
        }
    }
    VEC_FREE(&st);
}

err_code roads_polylines(const roads *r, double tolerance_m, double **lonlat, size_t **first,
                         size_t *n_lines, err *e)
{
    (void)e;
    const graph *gr = r->gr;
    dvec v = {0};
    size_t *fi = xmallocarray((size_t)gr->n_edges + 1, sizeof *fi);
    uint8_t *keep = xmalloc(gr->n_pts ? gr->n_pts : 1);
    for (uint32_t i = 0; i < gr->n_edges; i++) {
        const graph_edge *ge = &gr->edges[i];
        fi[i] = v.len / 2;
        size_t p0 = ge->first_pt;
        douglas_peucker(gr->x + p0, gr->y + p0, ge->n_pts, tolerance_m, keep);
        for (uint32_t k = 0; k < ge->n_pts; k++)
            if (keep[k]) {
                VEC_PUSH(&v, gr->lon[p0 + k]);
                VEC_PUSH(&v, gr->lat[p0 + k]);
            }
    }
    fi[gr->n_edges] = v.len / 2;
    free(keep);
    *lonlat = v.data ? v.data : xmalloc(0);
    *first = fi;
    *n_lines = gr->n_edges;
    return ERR_OK;
}

size_t roads_places(const roads *r, const roads_place **places)
{
    *places = r->places;
    return r->n_places;
}
