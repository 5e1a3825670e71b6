/* test_mappage.c — map.html opened in headless Chromium, offline: no console errors, the
 * routes drawn for a chosen day match the plan, a screenshot is taken.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/export/export.h"
#include "tests/io/plan/fixture_plan.h"
#include "tests/support.h"
#include "util/mem.h"

#define CHROMIUM_FLAGS                                                                             \
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "                         \
    "--disable-background-networking --disable-component-update --disable-sync "                   \
    "--window-size=1200,800 --enable-logging=stderr --v=0"

static const char *chromium(void)
{
    if (fixture_have("chromium"))
        return "chromium";
    if (fixture_have("chromium-browser"))
        return "chromium-browser";
    return NULL;
}

/* Runs Chromium on the page with a URL fragment; returns the dumped DOM, *log gets stderr. */
static char *dump_dom(const char *dir, const char *fragment, char **log)
{
    const char *bin = chromium();
    char cmd[8192], errf[4200];
    snprintf(errf, sizeof errf, "%s/chromium.log", dir);
    snprintf(cmd, sizeof cmd,
             "timeout 120 %s " CHROMIUM_FLAGS " --user-data-dir='%s/profile' --dump-dom "
             "'file://%s/map.html#%s' 2>'%s'",
             bin, dir, dir, fragment, errf);
    char *dom = NULL;
    int st = fixture_sh(cmd, &dom);
    *log = test_slurp(errf, NULL);
    cr_assert_eq(st, 0, "chromium failed (%d): %s", st, *log ? *log : "");
    return dom;
}

/* The value of attribute name="..." in the <body ...> tag of dom, or "" (static buffer). */
static const char *body_attr(const char *dom, const char *name, char *buf, size_t size)
{
    buf[0] = '\0';
    const char *body = strstr(dom, "<body");
    const char *end = body ? strchr(body, '>') : NULL;
    if (!end)
        return buf;
    char key[64];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *at = strstr(body, key);
    if (!at || at > end)
        return buf;
    at += strlen(key);
    size_t n = strcspn(at, "\"");
    if (n >= size)
        n = size - 1;
    memcpy(buf, at, n);
    buf[n] = '\0';
    return buf;
}

/* Console messages Chromium logged: the page logs nothing when all is well. */
static void expect_quiet_console(const char *log)
{
    for (const char *l = log; l && *l;) {
        const char *nl = strchr(l, '\n');
        size_t n = nl ? (size_t)(nl - l) : strlen(l);
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)(n < 1000 ? n : 1000), l);
        cr_expect_null(strstr(line, ":CONSOLE"), "console message: %s", line);
        cr_expect_null(strstr(line, "Uncaught"), "script error: %s", line);
        l = nl ? nl + 1 : l + n;
    }
}

static size_t routes_on(const plan *p, uint32_t day, int vehicle)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_routes; i++)
        n += p->routes[i].day == day && (vehicle < 0 || p->routes[i].vehicle == (uint32_t)vehicle);
    return n;
}

/* Distinct stops other than depots visited by the routes on day: what the legend counts. */
static size_t stops_on(const plan *p, uint32_t day)
{
    size_t n = 0;
    for (size_t s = 0; s < p->n_stops; s++) {
        bool on = false;
        for (size_t i = 0; i < p->n_routes && !on; i++)
            for (size_t k = 0; k < p->routes[i].n_visits && !on; k++)
                on = p->routes[i].day == day && p->routes[i].visits[k].stop == s;
        n += on && p->stops[s].kind != PLAN_DEPOT;
    }
    return n;
}

/* JavaScript's encodeURIComponent. */
static void uri_encode(char *dst, size_t size, const char *s)
{
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)s; *c && n + 4 < size; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
            strchr("-_.!~*'()", *c))
            dst[n++] = (char)*c;
        else
            n += (size_t)snprintf(dst + n, size - n, "%%%02X", *c);
    }
    dst[n] = '\0';
}

/* What the page's #selftest should report for p: see io/export/mappage.h. */
static char *expected_selftest(const plan *p)
{
    size_t cap = 4096, len = 0;
    char *s = xcalloc(cap, 1);
    for (uint32_t d = 0; d < p->n_days; d++) {
        char day[256];
        uri_encode(day, sizeof day, p->day_names[d]);
        len += (size_t)snprintf(s + len, cap - len, "%s%s=%zu", len ? " " : "", day,
                                routes_on(p, d, -1));
        for (size_t v = 0; v < p->n_vehicles; v++) {
            char veh[256];
            uri_encode(veh, sizeof veh, p->vehicles[v].id);
            len += (size_t)snprintf(s + len, cap - len, " %s/%s=%zu", day, veh,
                                    routes_on(p, d, (int)v));
        }
    }
    return s;
}

Test(mappage, loads_offline_without_errors_and_draws_each_days_routes, .timeout = 300)
{
    if (!chromium())
        cr_skip_test("chromium not installed (Debian package chromium, see .ci/deps.sh)");
    plan *p = fixture_plan_new();
    /* A background road layer, as roads_polylines would give it. */
    double roads[] = {121.0, 28.8, 121.1, 28.85, 121.2, 28.9, 121.1, 28.85, 121.15, 28.95};
    size_t first[] = {0, 3, 5};
    export_opts o;
    export_opts_init(&o);
    o.road_lonlat = roads;
    o.road_first = first;
    o.road_n_lines = 2;
    err e = {0};
    char *dir = fixture_export(p, &o, &e);
    cr_assert_not_null(dir, "%s", e.msg);

    /* One browser run: the page draws every day and vehicle (#selftest), then settles on
     * "tue/周二" as the fragment asks. */
    char *log = NULL, buf[4096], want[32];
    char *dom = dump_dom(dir, "selftest&day=tue%2F%E5%91%A8%E4%BA%8C", &log);
    cr_assert_not_null(dom);
    cr_expect_str_eq(body_attr(dom, "data-ready", buf, sizeof buf), "1", "page not drawn");
    cr_expect_str_eq(body_attr(dom, "data-errors", buf, sizeof buf), "0", "page errors: %s",
                     strstr(dom, "id=\"errors\"") ? strstr(dom, "id=\"errors\"") : "");
    char *expect = expected_selftest(p);
    cr_expect_str_eq(body_attr(dom, "data-selftest", buf, sizeof buf), expect,
                     "routes drawn per day and vehicle");
    free(expect);
    cr_expect_str_eq(body_attr(dom, "data-day", buf, sizeof buf), "tue/周二");
    snprintf(want, sizeof want, "%zu", routes_on(p, 1, -1));
    cr_expect_str_eq(body_attr(dom, "data-routes-drawn", buf, sizeof buf), want);
    cr_expect_str_eq(body_attr(dom, "data-road-lines", buf, sizeof buf), "2");
    /* The legend counts stops, not the depot the routes start from. */
    snprintf(want, sizeof want, "%zu", stops_on(p, 1));
    cr_expect_str_eq(want, "2", "fixture: 下洋村 and 上塘村 on tue");
    cr_expect_str_eq(body_attr(dom, "data-stops-drawn", buf, sizeof buf), want);
    cr_expect_str_eq(body_attr(dom, "data-depots-drawn", buf, sizeof buf), "1");
    /* Totals row: "<td colspan="2">N routes, H h</td><td class="n">STOPS</td>..." */
    cr_expect_not_null(strstr(dom, " h</td><td class=\"n\">2</td>"), "legend stop total not 2");
    size_t n_stops = 0;
    for (size_t i = 0; i < p->n_stops; i++)
        n_stops += p->stops[i].kind != PLAN_DEPOT;
    snprintf(buf, sizeof buf, "parcels, %zu stops", n_stops);
    cr_expect_not_null(strstr(dom, buf), "week line lacks '%s'", buf);
    cr_expect_not_null(strstr(dom, "张三"), "legend lacks the driver");
    expect_quiet_console(log);
    free(dom);
    free(log);

    /* Screenshot: a PNG of the whole week. */
    char cmd[8192], *out = NULL, png[4200];
    snprintf(png, sizeof png, "%s/map.png", dir);
    snprintf(cmd, sizeof cmd,
             "timeout 120 %s " CHROMIUM_FLAGS " --user-data-dir='%s/profile2' "
             "--screenshot='%s' 'file://%s/map.html'",
             chromium(), dir, png, dir);
    cr_expect_eq(fixture_sh(cmd, &out), 0, "%s", out);
    size_t len = 0;
    char *img = test_slurp(png, &len);
    cr_expect(img && len > 1000 && !memcmp(img, "\x89PNG", 4), "no screenshot: %s", out);
    free(img);
    free(out);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(mappage, page_is_self_contained)
{
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char path[4200];
    snprintf(path, sizeof path, "%s/map.html", dir);
    char *html = test_slurp(path, NULL);
    cr_assert_not_null(html);
    cr_expect_not_null(strstr(html, "<meta charset=\"utf-8\">"));
    cr_expect_not_null(strstr(html, "Leaflet"), "Leaflet is inlined");
    cr_expect_null(strstr(html, "<script src"), "no external scripts");
    cr_expect_null(strstr(html, "<link"), "no external stylesheets");
    const char *own = strstr(html, "var JC_PLAN");
    cr_assert_not_null(own, "plan data embedded");
    cr_expect_null(strstr(own, "tileLayer"), "no tile server");
    cr_expect_null(strstr(own, "http"), "no network address in the page's own part");
    cr_expect_not_null(strstr(own, "No road network background"));
    free(html);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(mappage, empty_leaflet_file_is_refused)
{
    plan *p = fixture_plan_new();
    char *dir = test_tmpdir();
    char lib[4200], path[4400];
    snprintf(lib, sizeof lib, "%s/leaflet", dir);
    cr_assert_eq(mkdir(lib, 0777), 0);
    snprintf(path, sizeof path, "%s/leaflet.js", lib);
    cr_assert_eq(test_write_file(lib, "leaflet.js", ""), 0);
    cr_assert_eq(test_write_file(lib, "leaflet.css", ".leaflet-pane{z-index:400}\n"), 0);
    export_opts o;
    export_opts_init(&o);
    o.leaflet_dir = lib;
    err e = {0};
    char out[4300];
    snprintf(out, sizeof out, "%s/out", dir);
    cr_expect_eq(export_plan(p, &o, out, &e), ERR_IO);
    snprintf(path, sizeof path, "%s/leaflet.js: empty file", lib);
    cr_expect_str_eq(e.msg, path);
    snprintf(path, sizeof path, "%s/map.html", out);
    cr_expect_null(test_slurp(path, NULL), "no map.html after a failure");
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(mappage, missing_leaflet_is_a_clear_io_error)
{
    plan *p = fixture_plan_new();
    export_opts o;
    export_opts_init(&o);
    o.leaflet_dir = "/nonexistent/leaflet";
    err e = {0};
    char *dir = test_tmpdir();
    cr_assert_eq(export_plan(p, &o, dir, &e), ERR_IO);
    cr_expect_not_null(strstr(e.msg, "/nonexistent/leaflet/leaflet.js"), "%s", e.msg);
    cr_expect_not_null(strstr(e.msg, "libjs-leaflet"), "%s", e.msg);
    cr_expect_not_null(strstr(e.msg, "No such file or directory"), "%s", e.msg);
    char path[4200];
    snprintf(path, sizeof path, "%s/map.html", dir);
    cr_expect_null(test_slurp(path, NULL), "no map.html after a failure");
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(mappage, draws_the_bus_runs_of_the_day, .timeout = 300)
{
    if (!chromium())
        cr_skip_test("chromium not installed (Debian package chromium, see .ci/deps.sh)");
    plan *p = fixture_bus_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char *log = NULL, buf[4096];
    char *dom = dump_dom(dir, "day=tue%2F%E5%91%A8%E4%BA%8C", &log);
    cr_assert_not_null(dom);
    cr_expect_str_eq(body_attr(dom, "data-ready", buf, sizeof buf), "1", "page not drawn");
    cr_expect_str_eq(body_attr(dom, "data-errors", buf, sizeof buf), "0", "page errors: %s",
                     strstr(dom, "id=\"errors\"") ? strstr(dom, "id=\"errors\"") : "");
    cr_expect_str_eq(body_attr(dom, "data-buses-drawn", buf, sizeof buf), "1");
    free(dom);
    expect_quiet_console(log);
    free(log);
    dom = dump_dom(dir, "day=mon", &log);
    cr_assert_not_null(dom);
    cr_expect_str_eq(body_attr(dom, "data-buses-drawn", buf, sizeof buf), "0");
    free(dom);
    free(log);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(mappage, a_plan_with_lines_gets_a_line_selector, .timeout = 300)
{
    if (!chromium())
        cr_skip_test("chromium not installed (Debian package chromium, see .ci/deps.sh)");
    plan *p = fixture_lines_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char *log = NULL, buf[4096];
    char *dom = dump_dom(dir, "selftest&line=1", &log);
    cr_assert_not_null(dom);
    cr_expect_str_eq(body_attr(dom, "data-ready", buf, sizeof buf), "1", "page not drawn");
    cr_expect_str_eq(body_attr(dom, "data-errors", buf, sizeof buf), "0");
    /* line 1 runs on mon and tue, line 2 on mon */
    char *expect = expected_selftest(p);
    char want[8192];
    snprintf(want, sizeof want, "%s line/1=2 line/2=1", expect);
    cr_expect_str_eq(body_attr(dom, "data-selftest", buf, sizeof buf), want);
    free(expect);
    cr_expect_str_eq(body_attr(dom, "data-line", buf, sizeof buf), "1");
    cr_expect_str_eq(body_attr(dom, "data-routes-drawn", buf, sizeof buf), "2");
    cr_expect_not_null(strstr(dom, "<select id=\"line\">"), "line selector");
    cr_expect_not_null(strstr(dom, "1: van01 张三, mon+tue/周二 07:30"), "line 1 in the selector");
    expect_quiet_console(log);
    free(dom);
    free(log);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}
