/* snap.c — uniform grid over road segments. Each segment is listed in every cell its bounding
 * box touches; a query scans rings of cells around the point until the ring is farther than
 * the best hit or the radius. SPDX-License-Identifier: MIT */
#include "maps/snap.h"

#include <math.h>
#include <stdlib.h>

#include "util/mem.h"

struct snap_index {
    const graph *gr;
    double x0, y0;     /* grid origin (min corner) */
    double cell;       /* cell size, metres */
    uint32_t nx, ny;   /* grid dimensions */
    uint32_t *first;   /* nx*ny+1: cell c holds items[first[c] .. first[c+1]) */
    uint32_t *items;   /* global point index of each segment's first point */
    uint32_t *pt_edge; /* point index -> edge (for the segment starting there) */
};

static void cell_range(const snap_index *s, double lo, double hi, double origin, uint32_t n,
                       uint32_t *a, uint32_t *b)
{
    double fa = floor((lo - origin) / s->cell), fb = floor((hi - origin) / s->cell);
    *a = fa < 0 ? 0 : fa >= n ? n - 1 : (uint32_t)fa;
    *b = fb < 0 ? 0 : fb >= n ? n - 1 : (uint32_t)fb;
}

snap_index *snap_index_new(const graph *gr)
{
    snap_index *s = xcalloc(1, sizeof *s);
    s->gr = gr;
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    size_t n_seg = 0;
    for (size_t i = 0; i < gr->n_pts; i++) {
        minx = fmin(minx, gr->x[i]);
        maxx = fmax(maxx, gr->x[i]);
        miny = fmin(miny, gr->y[i]);
        maxy = fmax(maxy, gr->y[i]);
    }
    for (uint32_t e = 0; e < gr->n_edges; e++)
        n_seg += gr->edges[e].n_pts - 1;
    if (n_seg == 0) {
        minx = miny = maxx = maxy = 0;
    }
    /* About two segments per cell, at least 50 m, at most 4M cells. */
    double w = maxx - minx + 1, h = maxy - miny + 1;
    double cell = sqrt(w * h / (n_seg ? (double)n_seg : 1.0) * 2.0);
    if (cell < 50)
        cell = 50;
    while ((w / cell + 1) * (h / cell + 1) > 4e6)
        cell *= 1.5;
    s->cell = cell;
    s->x0 = minx;
    s->y0 = miny;
    s->nx = (uint32_t)(w / cell) + 1;
    s->ny = (uint32_t)(h / cell) + 1;
    size_t n_cells = (size_t)s->nx * s->ny;
    s->pt_edge = xmallocarray(gr->n_pts ? gr->n_pts : 1, sizeof *s->pt_edge);
    for (uint32_t e = 0; e < gr->n_edges; e++)
        for (uint32_t k = 0; k < gr->edges[e].n_pts; k++)
            s->pt_edge[gr->edges[e].first_pt + k] = e;

    s->first = xcalloc(n_cells + 1, sizeof *s->first);
    for (int pass = 0; pass < 2; pass++) {
        uint32_t *fill = NULL;
        if (pass == 1) {
            for (size_t c = 0; c < n_cells; c++)
                s->first[c + 1] += s->first[c];
            s->items = xmallocarray(s->first[n_cells] ? s->first[n_cells] : 1, sizeof *s->items);
            fill = xmallocarray(n_cells, sizeof *fill);
            for (size_t c = 0; c < n_cells; c++)
                fill[c] = s->first[c];
        }
        for (uint32_t e = 0; e < gr->n_edges; e++) {
            const graph_edge *ge = &gr->edges[e];
            for (uint32_t k = 0; k + 1 < ge->n_pts; k++) {
                uint32_t p = ge->first_pt + k;
                uint32_t ax, bx, ay, by;
                cell_range(s, fmin(gr->x[p], gr->x[p + 1]), fmax(gr->x[p], gr->x[p + 1]), s->x0,
                           s->nx, &ax, &bx);
                cell_range(s, fmin(gr->y[p], gr->y[p + 1]), fmax(gr->y[p], gr->y[p + 1]), s->y0,
                           s->ny, &ay, &by);
                for (uint32_t cy = ay; cy <= by; cy++)
                    for (uint32_t cx = ax; cx <= bx; cx++) {
                        size_t c = (size_t)cy * s->nx + cx;
                        if (pass == 0)
                            s->first[c + 1]++;
                        else
                            s->items[fill[c]++] = p;
                    }
            }
        }
        free(fill);
    }
    return s;
}

void snap_index_free(snap_index *s)
{
    if (!s)
        return;
    free(s->first);
    free(s->items);
    free(s->pt_edge);
    free(s);
}

static void consider(const snap_index *s, uint32_t p, double x, double y, snap_hit *best,
                     bool *found)
{
    const graph *gr = s->gr;
    double ax = gr->x[p], ay = gr->y[p], bx = gr->x[p + 1], by = gr->y[p + 1];
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double px = ax + t * dx, py = ay + t * dy;
    double dist = hypot(x - px, y - py);
    uint32_t e = s->pt_edge[p], seg = p - gr->edges[e].first_pt;
    if (*found &&
        (dist > best->dist ||
         (dist == best->dist && (e > best->edge || (e == best->edge && seg >= best->seg)))))
        return;
    *found = true;
    best->edge = e;
    best->seg = seg;
    best->t = t;
    best->x = px;
    best->y = py;
    best->dist = dist;
}

bool snap_index_nearest(const snap_index *s, double x, double y, double radius, snap_hit *hit)
{
    if (s->gr->n_pts == 0 || !isfinite(x) || !isfinite(y))
        return false;
    long cx = (long)floor((x - s->x0) / s->cell), cy = (long)floor((y - s->y0) / s->cell);
    bool found = false;
    snap_hit best = {0};
    long max_ring = (long)(s->nx > s->ny ? s->nx : s->ny) + labs(cx) + labs(cy) + 2;
    for (long ring = 0; ring <= max_ring; ring++) {
        /* Every cell of this ring is at least (ring - 1) cells away from the point. */
        double lower = (double)(ring - 1) * s->cell;
        if (lower > radius || (found && lower > best.dist))
            break;
        for (long gy = cy - ring; gy <= cy + ring; gy++) {
            if (gy < 0 || gy >= (long)s->ny)
                continue;
            bool edge_row = gy == cy - ring || gy == cy + ring;
            for (long gx = cx - ring; gx <= cx + ring; gx += edge_row ? 1 : 2 * ring) {
                if (gx >= 0 && gx < (long)s->nx) {
                    size_t c = (size_t)gy * s->nx + (size_t)gx;
                    for (uint32_t k = s->first[c]; k < s->first[c + 1]; k++)
                        consider(s, s->items[k], x, y, &best, &found);
                }
                if (ring == 0)
                    break;
            }
        }
    }
    if (!found || best.dist > radius)
        return false;
    *hit = best;
    return true;
}
