/* test_plan_e2e.c — `jincun plan` end to end on a real map: a scenario built in a tmpdir from
 * the villages and hamlets of ../shared/osm/north-bayreuth.osm.gz, planned twice with a fixed
 * seed and an iteration limit. Bad scenarios are cases in tests/cases/bad_*.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "io/plan/planjson.h"
#include "maps/roads.h"
#include "tests/support.h"
#include "util/mem.h"

#define N_TOWNSHIPS 4
#define ITERATIONS "300"

static void write_text(const char *dir, const char *name, const char *text)
{
    cr_assert_eq(test_write_file(dir, name, text), 0, "cannot write %s/%s", dir, name);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Writes a scenario into dir: the place nodes of the map as stops (the one nearest the centre
 * of all places is the depot, every 6th village a township), 3 carriers, 6 days, 4 vans.
 * Returns the number of townships + villages. */
static size_t write_scenario(const char *dir, const char *osm)
{
    roads_params rp;
    roads_params_init(&rp);
    rp.keep_places = true;
    err e = {0};
    roads *r = roads_load(osm, &rp, NULL, &e);
    cr_assert_not_null(r, "%s", e.msg);
    const roads_place *pl;
    size_t n = roads_places(r, &pl);
    cr_assert_gt(n, 20, "north-bayreuth has 70 village/hamlet nodes");
    double clon = 0, clat = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (*pl[i].name && (!strcmp(pl[i].place, "village") || !strcmp(pl[i].place, "hamlet"))) {
            clon += pl[i].lon;
            clat += pl[i].lat;
            m++;
        }
    clon /= (double)m;
    clat /= (double)m;
    size_t depot = SIZE_MAX;
    double best = 1e30;
    for (size_t i = 0; i < n; i++) {
        if (!*pl[i].name || strcmp(pl[i].place, "village") != 0)
            continue;
        double d =
            (pl[i].lon - clon) * (pl[i].lon - clon) + (pl[i].lat - clat) * (pl[i].lat - clat);
        if (d < best) {
            best = d;
            depot = i;
        }
    }
    cr_assert_neq(depot, SIZE_MAX);

    char path[8192];
    snprintf(path, sizeof path, "%s/stops.csv", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("id,code,name,kind,township,lon,lat,ems,zto,sf\n", f);
    fprintf(f, "d1,,\"Depot %s\",depot,,%.7f,%.7f,,,\n", pl[depot].name, pl[depot].lon,
            pl[depot].lat);
    size_t n_stops = 0, n_villages = 0;
    for (size_t i = 0; i < n; i++) {
        if (!*pl[i].name || (strcmp(pl[i].place, "village") && strcmp(pl[i].place, "hamlet")))
            continue;
        bool village = !strcmp(pl[i].place, "village");
        bool township = village && i != depot && n_villages++ % 6 == 0;
        n_stops++;
        fprintf(f, "p%zu,,\"%s\",%s,,%.7f,%.7f,%zu,%zu,%zu\n", i, pl[i].name,
                township ? "township" : "village", pl[i].lon, pl[i].lat, 1 + i % 3, 2 + i % 4,
                i % 2);
    }
    fclose(f);
    roads_free(r);

    char settings[8192];
    snprintf(settings, sizeof settings,
             "[scenario]\nname = north-bayreuth e2e\nmap = %s\ncarriers = ems,zto,sf\n"
             "days = mon-sat\nweek_start = 2026-11-30\n\n"
             "[service]\nper_stop_min = 4\nper_parcel_s = 10\nshift_start = 08:00\n\n"
             "[solver]\nseed = 1\ntime_limit_s = 600\n",
             osm);
    write_text(dir, "settings.ini", settings);
    write_text(dir, "vehicles.csv",
               "id,depot,capacity,shift_h,range_km,electric,days,driver\n"
               "van01,d1,150,8,,no,mon-sat,Anna\n"
               "van02,d1,150,8,,no,mon-sat,Bernd\n"
               "ev01,d1,100,8,160,yes,mon-sat,Chen\n"
               "ev02,d1,100,7.5,160,yes,mon-fri,\n");
    return n_stops;
}

static void run_plan(const char *scen, const char *out, int want_status)
{
    char args[8192];
    snprintf(args, sizeof args, "plan '%s' -o '%s' --seed 7 --iterations " ITERATIONS " --quiet",
             scen, out);
    char *so = NULL, *se = NULL;
    int st = test_run_jincun(args, &so, &se);
    cr_assert_eq(st, want_status, "jincun %s: exit %d\nstdout:\n%s\nstderr:\n%s", args, st, so, se);
    if (want_status == 0) {
        cr_assert_not_null(strstr(so, "3/5 rule compliance"), "summary printed: %s", so);
        cr_assert_not_null(strstr(se, "# seed 7"), "seed printed: %s", se);
    }
    free(so);
    free(se);
}

Test(plan_e2e, north_bayreuth_week_is_complete_checked_and_reproducible, .timeout = 600)
{
    char osm[4096];
    TEST_SHARED_OR_SKIP(osm, "osm/north-bayreuth.osm.gz");
    char *dir = test_tmpdir();
    char scen[4096], out1[4096], out2[4096];
    snprintf(scen, sizeof scen, "%s/scen", dir);
    snprintf(out1, sizeof out1, "%s/out1", dir);
    snprintf(out2, sizeof out2, "%s/out2", dir);
    mkdir(scen, 0755);
    size_t n_stops = write_scenario(scen, osm);

    run_plan(scen, out1, 0);
    run_plan(scen, out2, 0);

    /* byte-identical outputs */
    const char *files[] = {"summary.txt", "routes.csv", "stops.csv", "plan.json", "roads.geojson"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char a[4200], b[4200];
        snprintf(a, sizeof a, "%s/%s", out1, files[i]);
        snprintf(b, sizeof b, "%s/%s", out2, files[i]);
        size_t la, lb;
        char *ta = test_slurp(a, &la), *tb = test_slurp(b, &lb);
        cr_assert_not_null(ta, "%s written", a);
        cr_assert_not_null(tb, "%s written", b);
        cr_assert(la == lb && memcmp(ta, tb, la) == 0, "%s differs between two runs", files[i]);
        free(ta);
        free(tb);
    }

    /* the plan (lines mode, the default): every village 3x on mon+wed+fri or tue+thu+sat,
     * every township (asked 5x) on one line of each, so 6x; each visit on the stop's days,
     * loads and shifts respected; plan_check verified the lines and spreads */
    char pj[4200];
    snprintf(pj, sizeof pj, "%s/plan.json", out1);
    err e = {0};
    plan *p = planjson_read(pj, &e);
    cr_assert_not_null(p, "%s", e.msg);
    cr_assert_eq(p->n_stops, n_stops + 1);
    cr_assert_eq(p->n_days, 6);
    cr_assert(p->has_consistency && p->consistency.lines && p->n_lines > 0);
    cr_assert_eq(plan_check(p, &e), ERR_OK, "%s", e.msg);
    size_t townships = 0;
    uint32_t *seen = xcalloc(p->n_stops, sizeof *seen);
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        const plan_vehicle *v = &p->vehicles[r->vehicle];
        int32_t load = 0;
        for (size_t k = 0; k < r->n_visits; k++) {
            const plan_visit *vi = &r->visits[k];
            cr_assert(p->stops[vi->stop].days & (1u << r->day), "visit on a day of its pattern");
            cr_assert_eq(seen[vi->stop] & (1u << r->day), 0, "one visit per day");
            seen[vi->stop] |= 1u << r->day;
            for (uint32_t c = 0; c < p->n_carriers; c++)
                load += vi->parcels[c];
            cr_assert_geq(vi->arrival_s, r->start_s);
        }
        cr_assert_leq(load, v->capacity, "route %zu load", i);
        cr_assert_leq(r->end_s - r->start_s, v->shift_s, "route %zu within the shift", i);
        if (v->range_m)
            cr_assert_leq(r->dist_m, v->range_m);
        cr_assert_gt(r->n_points, r->n_visits + 1, "route %zu follows the roads", i);
    }
    for (size_t i = 0; i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        if (s->kind == PLAN_DEPOT)
            continue;
        cr_assert_null(s->problem, "%s %s: %s", s->id, s->name, s->problem);
        cr_assert_eq(seen[i], s->days, "%s visited on exactly its days", s->id);
        if (s->kind == PLAN_TOWNSHIP) {
            townships++;
            /* lines mode: a 5x township is on a mon+wed+fri and a tue+thu+sat line */
            cr_assert_eq(s->days, 0x3f, "%s township days %#x", s->id, s->days);
        } else {
            cr_assert(s->days == 0x15 || s->days == 0x2a, "%s village days %#x", s->id, s->days);
        }
    }
    cr_assert_geq(townships, 2);

    /* the exports of this real plan: one GPX per route and one per line, each valid GPX 1.1
     * that gpsbabel reads back; GeoJSON with a LineString per route and a Point per stop */
    char cmd[16384], xsd[4096];
    if (test_shared_path(xsd, sizeof xsd, "schemas/gpx11.xsd")) {
        snprintf(cmd, sizeof cmd,
                 "n=0; for f in '%s'/gpx/*.gpx; do xmllint --noout --schema '%s' \"$f\" "
                 ">/dev/null 2>&1 || exit 1; gpsbabel -i gpx -f \"$f\" -o unicsv -F - "
                 ">/dev/null 2>&1 || exit 2; n=$((n+1)); done; test $n -eq %zu || exit 3",
                 out1, xsd, p->n_routes + p->n_lines);
        int st = system(cmd);
        cr_assert_eq(st, 0, "GPX of the plan: schema, gpsbabel and count (status %d)", st);
    }
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
             "t=[f[\"geometry\"][\"type\"] for f in d[\"features\"]]; "
             "sys.exit(0 if (t.count(\"LineString\"), t.count(\"Point\")) == "
             "(int(sys.argv[2]), int(sys.argv[3])) else 1)' '%s/plan.geojson' %zu %zu",
             out1, p->n_routes, p->n_stops);
    cr_assert_eq(system(cmd), 0, "plan.geojson: a LineString per route and a Point per stop");

    /* a re-export draws the plan's own background from roads.geojson, without the map */
    char args[8400], *so = NULL, *se = NULL;
    snprintf(args, sizeof args, "export '%s' -o '%s/web' --only map", out1, out1);
    cr_assert_eq(test_run_jincun(args, &so, &se), 0, "%s", se);
    cr_expect_not_null(strstr(se, "road background: "), "%s", se);
    cr_expect_not_null(strstr(se, "roads.geojson"), "%s", se);
    cr_expect_null(strstr(se, "osm.gz"), "the OSM file is not read: %s", se);
    char a[4200], b[4200];
    snprintf(a, sizeof a, "%s/map.html", out1);
    snprintf(b, sizeof b, "%s/web/map.html", out1);
    char *ha = test_slurp(a, NULL), *hb = test_slurp(b, NULL);
    cr_assert(ha && hb);
    char *ra = strstr(ha, "var JC_ROADS = ["), *rb = strstr(hb, "var JC_ROADS = [");
    cr_assert(ra && rb);
    size_t la = strstr(ra, "];") - ra, lb = strstr(rb, "];") - rb;
    cr_assert_gt(la, 1000, "north-bayreuth's roads are drawn");
    cr_assert(la == lb && memcmp(ra, rb, la) == 0, "the same background as the plan's page");
    free(ha);
    free(hb);
    free(so);
    free(se);
    free(seen);
    plan_free(p);
    test_rmtree(dir);
    free(dir);
}

Test(plan_e2e, out_dir_that_is_not_a_plan_is_refused)
{
    char *dir = test_tmpdir();
    write_text(dir, "precious.txt", "do not delete\n");
    char args[9000], keep[4200];
    snprintf(args, sizeof args, "plan /nonexistent-scenario -o '%s' --quiet", dir);
    char *se = NULL;
    int st = test_run_jincun(args, NULL, &se);
    cr_assert_eq(st, 2, "exit %d: %s", st, se);
    cr_assert_not_null(strstr(se, "not a folder jincun wrote"), "%s", se);
    snprintf(keep, sizeof keep, "%s/precious.txt", dir);
    cr_assert(exists(keep));
    free(se);
    test_rmtree(dir);
    free(dir);
}

/* SIGINT during a long run (map, matrix or search, whichever it has reached): exit 1, no
 * OUT_DIR and no temporary folder left. */
Test(plan_e2e, interrupt_writes_nothing, .timeout = 300)
{
    char osm[4096];
    TEST_SHARED_OR_SKIP(osm, "osm/north-bayreuth.osm.gz");
    char *dir = test_tmpdir();
    char scen[4200], out[4200], cmd[16384];
    snprintf(scen, sizeof scen, "%s/scen", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    mkdir(scen, 0755);
    write_scenario(scen, osm);
    const char *bin = getenv("JINCUN_BIN");
    cr_assert_not_null(bin, "JINCUN_BIN is set by make test");
    snprintf(cmd, sizeof cmd,
             "timeout --preserve-status -s INT 3 '%s' plan '%s' -o '%s' --time-limit 200 --quiet "
             ">/dev/null 2>'%s/err'",
             bin, scen, out, dir);
    int st = system(cmd);
    cr_assert(WIFEXITED(st));
    char errf[4300];
    snprintf(errf, sizeof errf, "%s/err", dir);
    char *se = test_slurp(errf, NULL);
    cr_assert_eq(WEXITSTATUS(st), 1, "exit %d: %s", WEXITSTATUS(st), se);
    cr_assert_not_null(strstr(se, "interrupted"), "%s", se);
    free(se);
    cr_assert_not(exists(out), "no output folder after an interrupt");
    snprintf(cmd, sizeof cmd, "ls -d '%s'/out.* 2>/dev/null | grep -q .", dir);
    cr_assert_neq(system(cmd), 0, "no temporary folder left behind");
    test_rmtree(dir);
    free(dir);
}
