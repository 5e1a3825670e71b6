/* maps_bench.c — benchmark driver for the maps module: loads one OSM file through roads_load,
 * snaps N random points taken near its roads, and times an N×N travel matrix by
 * Dijkstra-per-source and by the contraction hierarchy (build and query separately; the two
 * matrices are compared entry by entry), then the road geometry of N legs (point i to point
 * i+1) by one Dijkstra search each and by unpacking the hierarchy's path (costs compared,
 * polylines that differ counted: those are equally short alternatives). Prints one
 * tab-separated line of figures, so that bench/maps.sh can run each file in a fresh process
 * (peak RSS is per process).
 * Usage: maps_bench [--points N] [--seed S] [--no-dijkstra] [--header] FILE
 * SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "maps/roads.h"
#include "util/clock.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/rng.h"

static double cpu_now(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

static const char *header =
    "file\tload_s\trss_load_mib\tnodes\tarcs\tsnapped\tdijkstra_s\tdijkstra_cpu_s\t"
    "ch_build_s\tch_build_cpu_s\tch_query_s\tch_query_cpu_s\tspeedup\t"
    "peak_rss_mib\tmismatches\tlegs\tleg_dijkstra_us\tleg_ch_us\tleg_speedup\tlegs_drawn_apart";

int main(int argc, char **argv)
{
    size_t n = 1000;
    uint64_t seed = 1;
    int no_dijkstra = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--points") && i + 1 < argc)
            n = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--no-dijkstra"))
            no_dijkstra = 1;
        else if (!strcmp(argv[i], "--header")) {
            puts(header);
            return 0;
        } else if (argv[i][0] != '-' && !path)
            path = argv[i];
        else {
            fprintf(stderr, "usage: maps_bench [--points N] [--seed S] [--no-dijkstra] "
                            "[--header] FILE\n");
            return 2;
        }
    }
    if (!path || n == 0) {
        fprintf(stderr, "maps_bench: no file given\n");
        return 2;
    }
    err e;
    err_clear(&e);
    roads *r = roads_load(path, NULL, NULL, &e);
    if (!r) {
        fprintf(stderr, "maps_bench: %s: %s\n", path, e.msg);
        return 1;
    }
    roads_stats st;
    roads_get_stats(r, &st);
    long rss_load = clock_peak_rss_kib();

    /* random points: a random vertex of a random road, moved up to 50 m away */
    double *ll = NULL;
    size_t *first = NULL, n_lines = 0;
    if (roads_polylines(r, 0, &ll, &first, &n_lines, &e) != ERR_OK || n_lines == 0) {
        fprintf(stderr, "maps_bench: %s: no roads (%s)\n", path, e.msg);
        roads_free(r);
        return 1;
    }
    rng g;
    rng_seed(&g, seed);
    double *lon = xmallocarray(n, sizeof *lon), *lat = xmallocarray(n, sizeof *lat);
    for (size_t i = 0; i < n; i++) {
        size_t k;
        do
            k = rng_below(&g, (uint32_t)n_lines);
        while (first[k + 1] == first[k]);
        size_t v = first[k] + rng_below(&g, (uint32_t)(first[k + 1] - first[k]));
        lat[i] = ll[2 * v + 1] + (rng_double(&g) - 0.5) * 100.0 / 111320.0;
        lon[i] = ll[2 * v] +
                 (rng_double(&g) - 0.5) * 100.0 / (111320.0 * cos(lat[i] * 3.14159265358979 / 180));
    }
    free(ll);
    free(first);
    roads_snap *pts = xmallocarray(n, sizeof *pts);
    if (roads_snap_points(r, n, lon, lat, pts, &e) != ERR_OK) {
        fprintf(stderr, "maps_bench: snapping: %s\n", e.msg);
        return 1;
    }
    size_t snapped = 0;
    for (size_t i = 0; i < n; i++)
        snapped += pts[i].ok;

    int32_t *t_dj = xmallocarray(n * n, sizeof *t_dj), *d_dj = xmallocarray(n * n, sizeof *d_dj);
    int32_t *t_ch = xmallocarray(n * n, sizeof *t_ch), *d_ch = xmallocarray(n * n, sizeof *d_ch);
    double dj_s = -1, dj_cpu = -1;
    if (!no_dijkstra) {
        double t0 = clock_now(), c = cpu_now();
        if (roads_matrix(r, n, pts, ROADS_DIJKSTRA, t_dj, d_dj, NULL, &e) != ERR_OK) {
            fprintf(stderr, "maps_bench: dijkstra matrix: %s\n", e.msg);
            return 1;
        }
        dj_s = clock_now() - t0;
        dj_cpu = cpu_now() - c;
    }
    /* the first CH matrix builds the hierarchy; the second is the query alone */
    double c0 = cpu_now(), w0 = clock_now();
    if (roads_matrix(r, n, pts, ROADS_CH, t_ch, d_ch, NULL, &e) != ERR_OK) {
        fprintf(stderr, "maps_bench: ch matrix: %s\n", e.msg);
        return 1;
    }
    double first_cpu = cpu_now() - c0, first_wall = clock_now() - w0;
    roads_get_stats(r, &st);
    c0 = cpu_now();
    w0 = clock_now();
    if (roads_matrix(r, n, pts, ROADS_CH, t_ch, d_ch, NULL, &e) != ERR_OK) {
        fprintf(stderr, "maps_bench: ch matrix: %s\n", e.msg);
        return 1;
    }
    double q_cpu = cpu_now() - c0, q_wall = clock_now() - w0;
    /* build share of the first call: its wall time is in the stats; CPU estimated as the
     * first call's CPU minus one query's */
    double build_cpu = first_cpu - q_cpu;
    (void)first_wall;
    size_t mismatches = 0;
    if (!no_dijkstra)
        for (size_t i = 0; i < n * n; i++)
            mismatches += t_dj[i] != t_ch[i] || d_dj[i] != d_ch[i];

    /* leg geometry: point i to point i+1, all by the hierarchy, then all by Dijkstra (CPU) */
    roads_leg *by_ch = xcalloc(n, sizeof *by_ch), *by_dj = xcalloc(n, sizeof *by_dj);
    size_t legs = 0, apart = 0;
    double legs_cpu[2] = {0, 0};
    for (int m = 0; m < (no_dijkstra ? 1 : 2); m++) {
        roads_method method = m == 0 ? ROADS_CH : ROADS_DIJKSTRA;
        roads_leg *out = m == 0 ? by_ch : by_dj;
        c0 = cpu_now();
        for (size_t i = 0; i < n; i++) {
            size_t j = (i + 1) % n;
            if (t_ch[i * n + j] < 0 || i == j)
                continue;
            if (roads_leg_geometry(r, &pts[i], &pts[j], method, &out[i], NULL, &e) != ERR_OK) {
                fprintf(stderr, "maps_bench: leg %zu: %s\n", i, e.msg);
                return 1;
            }
        }
        legs_cpu[m] = cpu_now() - c0;
    }
    for (size_t i = 0; i < n; i++) {
        if (!by_ch[i].lonlat)
            continue;
        legs++;
        if (no_dijkstra)
            ;
        else if (by_ch[i].time_s != by_dj[i].time_s || by_ch[i].dist_m != by_dj[i].dist_m)
            mismatches++;
        else if (by_ch[i].n_pts != by_dj[i].n_pts ||
                 memcmp(by_ch[i].lonlat, by_dj[i].lonlat, 2 * by_ch[i].n_pts * sizeof(double)))
            apart++;
        free(by_ch[i].lonlat);
        free(by_dj[i].lonlat);
    }
    free(by_ch);
    free(by_dj);
    double leg_ch_us = legs ? legs_cpu[0] / (double)legs * 1e6 : 0;
    double leg_dj_us = legs ? legs_cpu[1] / (double)legs * 1e6 : 0;
    char ldj[32], lsp[32], lap[32];
    snprintf(ldj, sizeof ldj, "%.1f", leg_dj_us);
    snprintf(lsp, sizeof lsp, "%.0f", leg_dj_us / (leg_ch_us > 0.01 ? leg_ch_us : 0.01));
    snprintf(lap, sizeof lap, "%zu", apart);
    char mm[32], djs[32], djc[32], sp[32];
    snprintf(mm, sizeof mm, "%zu", mismatches);
    snprintf(djs, sizeof djs, "%.2f", dj_s);
    snprintf(djc, sizeof djc, "%.2f", dj_cpu);
    /* speedup on CPU time: other processes share the machine, wall time is noisier */
    snprintf(sp, sizeof sp, "%.0f", dj_cpu / (q_cpu > 0.0005 ? q_cpu : 0.0005));
    printf("%s\t%.2f\t%ld\t%" PRIu32 "\t%" PRIu32
           "\t%zu\t%s\t%s\t%.2f\t%.2f\t%.3f\t%.3f\t%s\t%ld\t%s\t%zu\t%s\t%.1f\t%s\t%s\n",
           path, st.load_seconds, rss_load / 1024, st.graph_nodes, st.graph_arcs, snapped,
           no_dijkstra ? "-" : djs, no_dijkstra ? "-" : djc, st.ch_seconds, build_cpu, q_wall,
           q_cpu, no_dijkstra ? "-" : sp, clock_peak_rss_kib() / 1024, no_dijkstra ? "-" : mm, legs,
           no_dijkstra ? "-" : ldj, leg_ch_us, no_dijkstra ? "-" : lsp, no_dijkstra ? "-" : lap);
    free(t_dj);
    free(d_dj);
    free(t_ch);
    free(d_ch);
    free(pts);
    free(lon);
    free(lat);
    roads_free(r);
    return 0;
}
