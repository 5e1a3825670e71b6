/* test_synth.c — maps/synth.c and `jincun synth`: determinism, files libosmium reads back
 * (through osmium-tool, which .ci/deps.sh installs), sizes, and the demo county's contents.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maps/roads.h"
#include "maps/synth.h"
#include "tests/support.h"
#include "util/mem.h"

/* Runs a shell command and returns its stdout (caller frees); fails the test if it fails. */
static char *capture(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p, "cannot run %s", cmd);
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    buf[n] = '\0';
    cr_assert_eq(pclose(p), 0, "command failed: %s", cmd);
    return buf;
}

static bool same_file(const char *a, const char *b)
{
    size_t na, nb;
    char *x = test_slurp(a, &na), *y = test_slurp(b, &nb);
    cr_assert_not_null(x, "%s unreadable", a);
    cr_assert_not_null(y, "%s unreadable", b);
    bool same = na == nb && memcmp(x, y, na) == 0;
    free(x);
    free(y);
    return same;
}

static uint64_t osmium_count(const char *path, const char *what)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "osmium fileinfo -e -g data.count.%s '%s'", what, path);
    char *out = capture(cmd);
    uint64_t n = strtoull(out, NULL, 10);
    free(out);
    return n;
}

static void make_grid(const char *path, uint32_t nodes, uint64_t seed, synth_stats *st)
{
    synth_grid_params p;
    synth_grid_params_init(&p);
    p.nodes = nodes;
    p.seed = seed;
    err e;
    err_clear(&e);
    cr_assert_eq(synth_grid(path, &p, st, NULL, &e), ERR_OK, "%s", e.msg);
}

Test(synth, grid_same_seed_same_bytes)
{
    char *dir = test_tmpdir();
    char a[4096], b[4096], c[4096];
    snprintf(a, sizeof a, "%s/a.osm", dir);
    snprintf(b, sizeof b, "%s/b.osm", dir);
    snprintf(c, sizeof c, "%s/c.osm", dir);
    synth_stats st;
    make_grid(a, 3000, 7, &st);
    make_grid(b, 3000, 7, &st);
    make_grid(c, 3000, 8, &st);
    cr_assert(same_file(a, b), "same seed, different bytes");
    cr_assert(!same_file(a, c), "different seeds, same bytes");
    test_rmtree(dir);
    free(dir);
}

Test(synth, grid_is_read_back_with_the_requested_size)
{
    char *dir = test_tmpdir();
    char plain[4096], gz[4096];
    snprintf(plain, sizeof plain, "%s/g.osm", dir);
    snprintf(gz, sizeof gz, "%s/g.osm.gz", dir);
    synth_stats st, stz;
    make_grid(plain, 20000, 3, &st);
    make_grid(gz, 20000, 3, &stz);
    cr_assert_geq(st.nodes, 19000, "%llu nodes", (unsigned long long)st.nodes);
    cr_assert_leq(st.nodes, 20100, "%llu nodes", (unsigned long long)st.nodes);
    cr_assert_eq(osmium_count(plain, "nodes"), st.nodes);
    cr_assert_eq(osmium_count(plain, "ways"), st.ways);
    cr_assert_eq(osmium_count(gz, "nodes"), st.nodes, "the .gz holds the same data");
    cr_assert_eq(stz.ways, st.ways);
    size_t n;
    char *bytes = test_slurp(gz, &n);
    cr_assert(n > 2 && (unsigned char)bytes[0] == 0x1f && (unsigned char)bytes[1] == 0x8b,
              "gzip magic");
    free(bytes);
    /* 150 m lattice: about 2 * 141 * 140 links of 0.15 km, a few percent missing */
    cr_assert_gt(st.road_km, 5000);
    cr_assert_lt(st.road_km, 6200);
    test_rmtree(dir);
    free(dir);
}

Test(synth, grid_rejects_tiny_sizes_and_unwritable_paths)
{
    synth_grid_params p;
    synth_grid_params_init(&p);
    p.nodes = 10;
    err e;
    err_clear(&e);
    cr_assert_eq(synth_grid("/tmp/never-written.osm", &p, NULL, NULL, &e), ERR_USAGE);
    p.nodes = 1000;
    err_clear(&e);
    cr_assert_eq(synth_grid("/nonexistent-dir/x.osm", &p, NULL, NULL, &e), ERR_IO);
    cr_assert_not_null(strstr(e.msg, "/nonexistent-dir/x.osm"), "%s", e.msg);
}

/* ---- the county ---- */

typedef struct place {
    char id[16], kind[16], name[64], township[64];
    double lon, lat;
} place;

static size_t read_places(const char *path, place *out, size_t max)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s", path);
    char line[512];
    cr_assert_not_null(fgets(line, sizeof line, f));
    cr_assert_str_eq(line, "id,kind,name,township,lon,lat\n");
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        cr_assert_lt(n, max);
        place *p = &out[n++];
        int got = sscanf(line, "%15[^,],%15[^,],%63[^,],%63[^,],%lf,%lf", p->id, p->kind, p->name,
                         p->township, &p->lon, &p->lat);
        cr_assert_eq(got, 6, "bad row: %s", line);
    }
    fclose(f);
    return n;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

static void make_county(const char *dir, uint64_t seed, synth_stats *st)
{
    synth_county_params p;
    synth_county_params_init(&p);
    p.seed = seed;
    err e;
    err_clear(&e);
    cr_assert_eq(synth_county(dir, &p, st, NULL, &e), ERR_OK, "%s", e.msg);
}

Test(synth, county_same_seed_same_bytes)
{
    char *tmp = test_tmpdir();
    char a[4096], b[4096], fa[4096], fb[4096];
    snprintf(a, sizeof a, "%s/a", tmp);
    snprintf(b, sizeof b, "%s/b", tmp);
    synth_stats st;
    make_county(a, 5, &st);
    make_county(b, 5, &st);
    snprintf(fa, sizeof fa, "%s/a/county.osm.gz", tmp);
    snprintf(fb, sizeof fb, "%s/b/county.osm.gz", tmp);
    cr_assert(same_file(fa, fb));
    snprintf(fa, sizeof fa, "%s/a/places.csv", tmp);
    snprintf(fb, sizeof fb, "%s/b/places.csv", tmp);
    cr_assert(same_file(fa, fb));
    test_rmtree(tmp);
    free(tmp);
}

Test(synth, county_lists_depot_townships_and_villages_in_zhejiang)
{
    for (uint64_t seed = 1; seed <= 4; seed++) {
        char *tmp = test_tmpdir();
        synth_stats st;
        make_county(tmp, seed, &st);
        char path[4096];
        snprintf(path, sizeof path, "%s/places.csv", tmp);
        place *pl = xmallocarray(300, sizeof *pl);
        size_t n = read_places(path, pl, 300);
        cr_assert_eq(n, st.places);
        size_t depots = 0, townships = 0, villages = 0;
        for (size_t i = 0; i < n; i++) {
            cr_assert(pl[i].lon > 121.0 && pl[i].lon < 121.4, "%s lon %f", pl[i].id, pl[i].lon);
            cr_assert(pl[i].lat > 28.6 && pl[i].lat < 28.9, "%s lat %f", pl[i].id, pl[i].lat);
            for (size_t j = 0; j < i; j++) {
                cr_assert_str_neq(pl[i].id, pl[j].id);
                cr_assert_str_neq(pl[i].name, pl[j].name);
            }
            if (!strcmp(pl[i].kind, "depot")) {
                depots++;
                cr_assert_str_eq(pl[i].township, "城关镇");
            } else if (!strcmp(pl[i].kind, "township")) {
                townships++;
                cr_assert(ends_with(pl[i].name, "镇") || ends_with(pl[i].name, "乡"), "%s",
                          pl[i].name);
                cr_assert_str_eq(pl[i].township, pl[i].name);
            } else {
                cr_assert_str_eq(pl[i].kind, "village");
                villages++;
                cr_assert(ends_with(pl[i].name, "村"), "%s", pl[i].name);
                bool known = !strcmp(pl[i].township, "城关镇");
                for (size_t j = 0; j < n && !known; j++)
                    known = !strcmp(pl[j].kind, "township") && !strcmp(pl[j].name, pl[i].township);
                cr_assert(known, "%s: unknown township %s", pl[i].name, pl[i].township);
            }
        }
        cr_assert_eq(depots, 1);
        cr_assert(townships >= 6 && townships <= 10, "%zu townships", townships);
        cr_assert(villages >= 60 && villages <= 120, "%zu villages", villages);
        cr_assert_eq(townships, st.townships);
        cr_assert_eq(villages, st.villages);
        free(pl);
        test_rmtree(tmp);
        free(tmp);
    }
}

/* Distance in metres from (lon, lat) to segment a-b, locally flat. */
static double seg_dist_m(double lon, double lat, const double *a, const double *b)
{
    double kx = 111320.0 * cos(lat * 3.14159265358979 / 180.0), ky = 111320.0;
    double ax = (a[0] - lon) * kx, ay = (a[1] - lat) * ky;
    double bx = (b[0] - lon) * kx, by = (b[1] - lat) * ky;
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? -(ax * dx + ay * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(ax + t * dx, ay + t * dy);
}

Test(synth, county_roads_reach_every_settlement_and_the_island_by_ferry)
{
    char *tmp = test_tmpdir();
    synth_stats st;
    make_county(tmp, 1, &st);
    char cmd[8192], path[4096];
    snprintf(cmd, sizeof cmd, "osmium cat -f opl '%s/county.osm.gz'", tmp);
    char *opl = capture(cmd);
    /* node coordinates by id, then every road segment */
    size_t cap = st.nodes + 2;
    double *xy = xcalloc(2 * cap, sizeof *xy);
    size_t n_seg = 0, seg_cap = 1024, ferries = 0, oneways = 0, place_nodes = 0;
    double *seg = xmallocarray(4 * seg_cap, sizeof *seg);
    bool kinds[7] = {false};
    static const char *hw[7] = {"highway=trunk",    "highway=primary",     "highway=secondary",
                                "highway=tertiary", "highway=residential", "highway=unclassified",
                                "highway=track"};
    for (char *line = strtok(opl, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == 'n') {
            size_t id = strtoull(line + 1, NULL, 10);
            cr_assert_lt(id, cap);
            char *x = strstr(line, " x"), *y = strstr(line, " y");
            cr_assert(x && y, "%s", line);
            xy[2 * id] = strtod(x + 2, NULL);
            xy[2 * id + 1] = strtod(y + 2, NULL);
            place_nodes += strstr(line, "place=") != NULL;
        } else if (line[0] == 'w') {
            bool ferry = strstr(line, "route=ferry") != NULL;
            ferries += ferry;
            oneways += strstr(line, "oneway=yes") != NULL;
            for (int k = 0; k < 7; k++) {
                char *h = strstr(line, hw[k]);
                if (h && (h[strlen(hw[k])] == ',' || h[strlen(hw[k])] == ' '))
                    kinds[k] = true;
            }
            if (ferry)
                continue;
            char *refs = strstr(line, " Nn");
            cr_assert_not_null(refs, "%s", line);
            size_t prev = 0;
            for (char *r = refs + 2; *r == 'n';) {
                char *end;
                size_t id = strtoull(r + 1, &end, 10);
                if (prev) {
                    if (n_seg == seg_cap) {
                        seg_cap *= 2;
                        seg = xreallocarray(seg, 4 * seg_cap, sizeof *seg);
                    }
                    memcpy(seg + 4 * n_seg, xy + 2 * prev, 2 * sizeof *seg);
                    memcpy(seg + 4 * n_seg + 2, xy + 2 * id, 2 * sizeof *seg);
                    n_seg++;
                }
                prev = id;
                r = *end == ',' ? end + 1 : end;
            }
        }
    }
    cr_assert_eq(ferries, 1, "one route=ferry way");
    cr_assert_gt(oneways, 0, "one-way streets in town");
    for (int k = 0; k < 7; k++)
        cr_assert(kinds[k], "no %s", hw[k]);
    /* every row of places.csv is a place node (plus the depot, an amenity) near a road */
    snprintf(path, sizeof path, "%s/places.csv", tmp);
    place *pl = xmallocarray(300, sizeof *pl);
    size_t n = read_places(path, pl, 300);
    cr_assert_geq(place_nodes, n - 1);
    for (size_t i = 0; i < n; i++) {
        double best = 1e300;
        for (size_t s = 0; s < n_seg; s++) {
            double d = seg_dist_m(pl[i].lon, pl[i].lat, seg + 4 * s, seg + 4 * s + 2);
            if (d < best)
                best = d;
        }
        cr_assert_leq(best, 200.0, "%s %s is %.0f m from a road", pl[i].id, pl[i].name, best);
    }
    free(pl);
    free(seg);
    free(xy);
    free(opl);
    test_rmtree(tmp);
    free(tmp);
}

/* ---- the command ---- */

Test(synth, command_writes_county_and_reports_it)
{
    char *tmp = test_tmpdir();
    char args[8192];
    snprintf(args, sizeof args, "synth county --seed 3 -o '%s/demo'", tmp);
    char *out = NULL, *errtext = NULL;
    cr_assert_eq(test_run_jincun(args, &out, &errtext), 0, "%s", errtext);
    cr_assert_not_null(strstr(out, "places.csv"), "%s", out);
    cr_assert_not_null(strstr(errtext, "# seed 3"), "%s", errtext);
    free(out);
    free(errtext);
    test_rmtree(tmp);
    free(tmp);
}

Test(synth, command_usage_errors_exit_2)
{
    static const char *bad[] = {"synth grid --nodes 5000",
                                "synth grid --nodes 5 -o /tmp/x.osm",
                                "synth moon -o /tmp/x",
                                "synth county --nodes 9 -o /tmp/x",
                                "synth grid --frob -o /tmp/x.osm",
                                "synth"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *errtext = NULL;
        cr_assert_eq(test_run_jincun(bad[i], NULL, &errtext), 2, "%s", bad[i]);
        cr_assert_not_null(strstr(errtext, "jincun synth:"), "%s: %s", bad[i], errtext);
        free(errtext);
    }
}

/* ---- read back through the maps facade ---- */

Test(synth, county_loads_as_one_network_and_every_settlement_reaches_the_depot)
{
    char *tmp = test_tmpdir();
    synth_stats st;
    make_county(tmp, 1, &st);
    char path[4096];
    snprintf(path, sizeof path, "%s/county.osm.gz", tmp);
    err e;
    err_clear(&e);
    roads *r = roads_load(path, NULL, NULL, &e);
    cr_assert_not_null(r, "%s", e.msg);
    roads_stats rs;
    roads_get_stats(r, &rs);
    cr_assert_gt(rs.graph_nodes, 200);
    cr_assert_lt(rs.dropped_km, 0.5, "%.1f km of road outside the main component", rs.dropped_km);
    const roads_place *rp;
    cr_assert_geq(roads_places(r, &rp), st.places - 1, "place nodes kept for geocoding");

    snprintf(path, sizeof path, "%s/places.csv", tmp);
    place *pl = xmallocarray(300, sizeof *pl);
    size_t n = read_places(path, pl, 300);
    double *lon = xmallocarray(n, sizeof *lon), *lat = xmallocarray(n, sizeof *lat);
    for (size_t i = 0; i < n; i++) {
        lon[i] = pl[i].lon;
        lat[i] = pl[i].lat;
    }
    roads_snap *sn = xmallocarray(n, sizeof *sn);
    cr_assert_eq(roads_snap_points(r, n, lon, lat, sn, &e), ERR_OK, "%s", e.msg);
    for (size_t i = 0; i < n; i++) {
        cr_assert(sn[i].ok, "%s: %s", pl[i].name, sn[i].reason);
        cr_assert_leq(sn[i].dist_m, 200.0, "%s snaps %.0f m away", pl[i].name, sn[i].dist_m);
    }
    int32_t *t = xmallocarray(n * n, sizeof *t), *d = xmallocarray(n * n, sizeof *d);
    cr_assert_eq(roads_matrix(r, n, sn, ROADS_CH, t, d, NULL, &e), ERR_OK, "%s", e.msg);
    size_t depot = n;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(pl[i].kind, "depot"))
            depot = i;
    cr_assert_lt(depot, n);
    for (size_t i = 0; i < n; i++) {
        cr_assert_geq(t[depot * n + i], 0, "depot cannot reach %s", pl[i].name);
        cr_assert_geq(t[i * n + depot], 0, "%s cannot reach the depot", pl[i].name);
    }
    /* the island villages (the last two rows) need the ferry: farther than their township */
    size_t iv = n - 1, twp = n;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(pl[i].kind, "township") && !strcmp(pl[i].name, pl[iv].township))
            twp = i;
    cr_assert_lt(twp, n);
    cr_assert_gt(t[twp * n + iv], 600, "township to island village by ferry: %d s",
                 t[twp * n + iv]);
    free(t);
    free(d);
    free(sn);
    free(lon);
    free(lat);
    free(pl);
    roads_free(r);
    test_rmtree(tmp);
    free(tmp);
}

Test(synth, grid_loads_with_most_nodes_routable)
{
    char *tmp = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/g.osm.gz", tmp);
    synth_stats st;
    make_grid(path, 4000, 2, &st);
    err e;
    err_clear(&e);
    roads *r = roads_load(path, NULL, NULL, &e);
    cr_assert_not_null(r, "%s", e.msg);
    roads_stats rs;
    roads_get_stats(r, &rs);
    /* chain compression removes degree-2 nodes; one-way lanes strand a few corners */
    cr_assert_gt(rs.graph_nodes, st.nodes / 2, "%u of %llu", rs.graph_nodes,
                 (unsigned long long)st.nodes);
    cr_assert_gt(rs.road_km, 0.9 * st.road_km, "%.1f of %.1f km", rs.road_km, st.road_km);
    roads_free(r);
    test_rmtree(tmp);
    free(tmp);
}

/* ---- a network around given sites ---- */

/* Two clusters 25 km apart (a hub and villages each) and a lone village between them. */
static size_t region_sites(synth_site *s)
{
    size_t n = 0;
    s[n++] = (synth_site){121.10, 28.80, true};
    s[n++] = (synth_site){121.10, 28.80, true}; /* a depot on its township's seat */
    for (int k = 0; k < 12; k++)
        s[n++] = (synth_site){121.10 + 0.02 * cos(k * 0.52), 28.80 + 0.018 * sin(k * 0.52), false};
    s[n++] = (synth_site){121.36, 28.86, true};
    for (int k = 0; k < 8; k++)
        s[n++] = (synth_site){121.36 + 0.025 * cos(k * 0.8), 28.86 + 0.02 * sin(k * 0.8), false};
    s[n++] = (synth_site){121.23, 28.95, false};
    return n;
}

static void make_region(const char *path, const synth_site *s, size_t n, uint32_t nodes,
                        uint64_t seed, synth_stats *st)
{
    synth_region_params p;
    synth_region_params_init(&p);
    p.nodes = nodes;
    p.seed = seed;
    err e;
    err_clear(&e);
    cr_assert_eq(synth_region(path, s, n, &p, st, NULL, &e), ERR_OK, "%s", e.msg);
}

Test(synth, region_same_seed_same_bytes)
{
    char *dir = test_tmpdir();
    char a[4096], b[4096], c[4096];
    snprintf(a, sizeof a, "%s/a.osm.gz", dir);
    snprintf(b, sizeof b, "%s/b.osm.gz", dir);
    snprintf(c, sizeof c, "%s/c.osm.gz", dir);
    synth_site s[32];
    size_t n = region_sites(s);
    synth_stats st;
    make_region(a, s, n, 0, 4, &st);
    make_region(b, s, n, 0, 4, &st);
    make_region(c, s, n, 0, 5, &st);
    cr_assert(same_file(a, b), "same seed, different bytes");
    cr_assert(!same_file(a, c), "different seeds, same bytes");
    cr_assert_eq(st.places, n);
    cr_assert_eq(osmium_count(c, "nodes"), st.nodes, "stats of the last file written");
    test_rmtree(dir);
    free(dir);
}

Test(synth, region_meets_the_node_count_it_is_asked_for)
{
    char *dir = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/r.osm", dir);
    synth_site s[32];
    size_t n = region_sites(s);
    uint32_t want[2] = {8000, 30000};
    for (int k = 0; k < 2; k++) {
        synth_stats st;
        make_region(path, s, n, want[k], 1, &st);
        cr_assert(st.nodes > 0.8 * want[k] && st.nodes < 1.2 * want[k], "%llu nodes for %u",
                  (unsigned long long)st.nodes, want[k]);
    }
    test_rmtree(dir);
    free(dir);
}

Test(synth, region_is_one_network_within_100_m_of_every_site)
{
    char *dir = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/r.osm.gz", dir);
    synth_site s[32];
    size_t n = region_sites(s);
    synth_stats st;
    make_region(path, s, n, 0, 3, &st);
    err e;
    err_clear(&e);
    roads *r = roads_load(path, NULL, NULL, &e);
    cr_assert_not_null(r, "%s", e.msg);
    roads_stats rs;
    roads_get_stats(r, &rs);
    cr_assert_eq(rs.components, 1, "%u components, %.1f km dropped", rs.components, rs.dropped_km);
    cr_assert_gt(rs.road_km, 0.99 * st.road_km, "%.1f of %.1f km", rs.road_km, st.road_km);
    double lon[32], lat[32];
    for (size_t i = 0; i < n; i++) {
        lon[i] = s[i].lon;
        lat[i] = s[i].lat;
    }
    roads_snap sn[32];
    cr_assert_eq(roads_snap_points(r, n, lon, lat, sn, &e), ERR_OK, "%s", e.msg);
    for (size_t i = 0; i < n; i++) {
        cr_assert(sn[i].ok, "site %zu: %s", i, sn[i].reason);
        cr_assert_leq(sn[i].dist_m, 100.0, "site %zu snaps %.0f m away", i, sn[i].dist_m);
        if (s[i].hub)
            cr_assert_lt(sn[i].dist_m, 1.0, "hub %zu is not on its street grid", i);
    }
    int32_t t[32 * 32], d[32 * 32];
    cr_assert_eq(roads_matrix(r, n, sn, ROADS_CH, t, d, NULL, &e), ERR_OK, "%s", e.msg);
    for (size_t i = 0; i < n * n; i++)
        cr_assert_geq(t[i], 0, "site %zu cannot reach site %zu", i / n, i % n);
    /* the clusters are joined by road, not by a straight line: longer than 25 km */
    cr_assert_gt(d[0 * n + 14], 25000, "%d m", d[0 * n + 14]);
    roads_free(r);
    test_rmtree(dir);
    free(dir);
}

Test(synth, region_refuses_no_sites_and_a_continent)
{
    synth_region_params p;
    synth_region_params_init(&p);
    err e;
    err_clear(&e);
    synth_site s[2] = {{100.0, 20.0, true}, {121.0, 40.0, false}};
    cr_assert_eq(synth_region("/tmp/never-written.osm", s, 0, &p, NULL, NULL, &e), ERR_USAGE);
    err_clear(&e);
    cr_assert_eq(synth_region("/tmp/never-written.osm", s, 2, &p, NULL, NULL, &e), ERR_USAGE);
    cr_assert_not_null(strstr(e.msg, "degrees"), "%s", e.msg);
    p.spacing_m = 10;
    err_clear(&e);
    cr_assert_eq(synth_region("/tmp/never-written.osm", s, 1, &p, NULL, NULL, &e), ERR_USAGE);
    synth_region_params_init(&p);
    err_clear(&e);
    cr_assert_eq(synth_region("/nonexistent-dir/x.osm", s, 1, &p, NULL, NULL, &e), ERR_IO);
}
