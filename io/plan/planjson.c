/* planjson.c — plan.json writer and validating reader (JSON through io/text/jval.h), and the
 * plan folder's road background (roads.geojson). Schema:
 * docs/plan-json.md. SPDX-License-Identifier: MIT */
#include "io/plan/planjson.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/jval.h"
#include "io/text/outfmt.h"
#include "util/mem.h"
#include "util/outfile.h"
#include "util/vec.h"

/* ---- writing ------------------------------------------------------------------------------ */

/* Decimals kept, as powers of ten: coordinates 7 (1 cm), snap distances 1, the costs of a
 * vehicle 4, the plan's total cost 2. */
#define COORD_SCALE 1e7
#define SNAP_SCALE 1e1
#define VEHICLE_COST_SCALE 1e4
#define TOTAL_COST_SCALE 1e2

/* x rounded to 1/scale (half away from zero), never -0. Non-finite x is kept. */
static double rounded(double x, double scale)
{
    if (!isfinite(x))
        return x;
    double r = round(x * scale) / scale;
    return r == 0.0 ? 0.0 : r; /* no "-0.0" */
}

/* Reals are rounded to a fixed number of decimals before they are dumped with 15 significant
 * digits, so the text is short, stable, and the same on every platform. */
static jval *real_dec(double x, double scale)
{
    if (!isfinite(x))
        return jval_null();
    return jval_real(rounded(x, scale));
}

void planjson_round(plan *p)
{
    for (size_t i = 0; i < p->n_stops; i++) {
        plan_stop *s = &p->stops[i];
        s->lon = rounded(s->lon, COORD_SCALE);
        s->lat = rounded(s->lat, COORD_SCALE);
        if (s->snap_m >= 0)
            s->snap_m = rounded(s->snap_m, SNAP_SCALE);
    }
    for (size_t i = 0; i < p->n_vehicles; i++) {
        p->vehicles[i].cost_per_km = rounded(p->vehicles[i].cost_per_km, VEHICLE_COST_SCALE);
        p->vehicles[i].fixed_cost = rounded(p->vehicles[i].fixed_cost, VEHICLE_COST_SCALE);
        p->vehicles[i].use_per_100km = rounded(p->vehicles[i].use_per_100km, VEHICLE_COST_SCALE);
        p->vehicles[i].co2_per_unit = rounded(p->vehicles[i].co2_per_unit, VEHICLE_COST_SCALE);
    }
    for (size_t i = 0; i < p->n_spread; i++)
        p->spread_cost[i] = rounded(p->spread_cost[i], TOTAL_COST_SCALE);
    for (size_t i = 0; i < p->n_routes; i++)
        for (size_t k = 0; k < 2 * p->routes[i].n_points; k++)
            p->routes[i].lonlat[k] = rounded(p->routes[i].lonlat[k], COORD_SCALE);
    p->total_cost = rounded(p->total_cost, TOTAL_COST_SCALE);
    for (size_t i = 0; i < p->n_bus_runs; i++) {
        plan_bus_run *b = &p->bus_runs[i];
        b->fee = rounded(b->fee, TOTAL_COST_SCALE);
        for (size_t k = 0; k < 2 * b->n_points; k++)
            b->lonlat[k] = rounded(b->lonlat[k], COORD_SCALE);
    }
    if (p->has_van_only) {
        p->van_only.cost = rounded(p->van_only.cost, TOTAL_COST_SCALE);
        p->van_only.km = rounded(p->van_only.km, TOTAL_COST_SCALE);
        p->van_only.hours = rounded(p->van_only.hours, TOTAL_COST_SCALE);
        p->van_only.co2_kg = rounded(p->van_only.co2_kg, TOTAL_COST_SCALE);
    }
}

static jval *coord(double x)
{
    return real_dec(x, COORD_SCALE);
}

static jval *str_or_empty(const char *s)
{
    return jval_string(s ? s : "");
}

static jval *int_array(const int32_t *v, size_t n)
{
    jval *a = jval_array();
    for (size_t i = 0; i < n; i++)
        jval_push(a, jval_int(v ? v[i] : 0));
    return a;
}

/* A seed: an integer, or a decimal string above 2^63-1 (JSON readers lose such integers). */
static jval *seed_val(uint64_t seed)
{
    if (seed <= (uint64_t)INT64_MAX)
        return jval_int((int64_t)seed);
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRIu64, seed);
    return jval_string(buf);
}

static jval *build(const plan *p)
{
    jval *root = jval_object();
    jval_set(root, "format", jval_string(PLANJSON_FORMAT));
    jval_set(root, "version", jval_int(PLANJSON_VERSION));
    jval_set(root, "scenario", str_or_empty(p->scenario));
    jval_set(root, "map", str_or_empty(p->map_path));
    jval_set(root, "timezone", str_or_empty(p->timezone));
    jval_set(root, "utc_offset", str_or_empty(p->utc_offset));
    jval_set(root, "week_start", str_or_empty(p->week_start));
    jval_set(root, "seed", seed_val(p->seed));
    jval_set(root, "total_cost", real_dec(p->total_cost, TOTAL_COST_SCALE));

    jval *days = jval_array();
    for (uint32_t d = 0; d < p->n_days; d++)
        jval_push(days, str_or_empty(p->day_names ? p->day_names[d] : NULL));
    jval_set(root, "days", days);

    jval *carriers = jval_array();
    for (uint32_t c = 0; c < p->n_carriers; c++)
        jval_push(carriers, str_or_empty(p->carriers ? p->carriers[c] : NULL));
    jval_set(root, "carriers", carriers);

    jval *stops = jval_array();
    for (size_t i = 0; i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        jval *o = jval_object();
        jval_set(o, "id", str_or_empty(s->id));
        jval_set(o, "code", str_or_empty(s->code));
        jval_set(o, "name", str_or_empty(s->name));
        jval_set(o, "township", str_or_empty(s->township));
        jval_set(o, "kind", jval_string(plan_kind_name(s->kind)));
        jval_set(o, "lon", coord(s->lon));
        jval_set(o, "lat", coord(s->lat));
        jval_set(o, "snap_m", s->snap_m < 0 ? jval_int(-1) : real_dec(s->snap_m, SNAP_SCALE));
        jval_set(o, "freq", jval_int(s->freq));
        jval *sd = jval_array();
        for (uint32_t d = 0; d < p->n_days && d < 32; d++)
            if (s->days & (UINT32_C(1) << d))
                jval_push(sd, jval_int(d));
        jval_set(o, "days", sd);
        jval_set(o, "demand", int_array(s->demand, p->n_carriers));
        /* optional: plans without weekly volumes or outbound parcels stay byte-identical */
        if (s->week)
            jval_set(o, "week", int_array(s->week, p->n_carriers));
        if (s->pickup)
            jval_set(o, "pickup", int_array(s->pickup, p->n_carriers));
        jval_set(o, "problem", s->problem ? jval_string(s->problem) : jval_null());
        if (s->has_window) { /* optional: plans without windows stay byte-identical */
            jval_set(o, "open_s", jval_int(s->open_s));
            jval_set(o, "close_s", jval_int(s->close_s));
        }
        jval_push(stops, o);
    }
    jval_set(root, "stops", stops);

    jval *vehicles = jval_array();
    for (size_t i = 0; i < p->n_vehicles; i++) {
        const plan_vehicle *v = &p->vehicles[i];
        jval *o = jval_object();
        jval_set(o, "id", str_or_empty(v->id));
        if (v->driver && *v->driver) /* optional: plans without drivers stay byte-identical */
            jval_set(o, "driver", jval_string(v->driver));
        jval_set(o, "depot", jval_int(v->depot));
        jval_set(o, "capacity", jval_int(v->capacity));
        jval_set(o, "shift_s", jval_int(v->shift_s));
        jval_set(o, "range_m", jval_int(v->range_m));
        jval_set(o, "electric", jval_bool(v->electric));
        jval_set(o, "cost_per_km", real_dec(v->cost_per_km, VEHICLE_COST_SCALE));
        jval_set(o, "fixed_cost", real_dec(v->fixed_cost, VEHICLE_COST_SCALE));
        if (v->own_start)
            jval_set(o, "start_s", jval_int(v->start_s));
        if (v->use_per_100km > 0) /* optional: absent in plans made before it */
            jval_set(o, "use_per_100km", real_dec(v->use_per_100km, VEHICLE_COST_SCALE));
        if (v->co2_per_unit > 0)
            jval_set(o, "co2_per_unit", real_dec(v->co2_per_unit, VEHICLE_COST_SCALE));
        jval_push(vehicles, o);
    }
    jval_set(root, "vehicles", vehicles);

    /* lines mode only: plans made in free mode stay as they were */
    if (p->has_consistency) {
        const plan_consistency *c = &p->consistency;
        jval *o = jval_object();
        jval_set(o, "mode", jval_string(c->lines ? "lines" : "free"));
        jval_set(o, "same_van", jval_bool(c->same_van));
        jval_set(o, "township_spread_s", jval_int(c->township_spread_s));
        jval_set(o, "village_spread_s", jval_int(c->village_spread_s));
        jval_set(root, "consistency", o);
    }
    if (p->n_lines) {
        jval *lines = jval_array();
        for (size_t i = 0; i < p->n_lines; i++) {
            const plan_line *l = &p->lines[i];
            jval *o = jval_object();
            jval_set(o, "vehicle", jval_int(l->vehicle));
            jval *ld = jval_array();
            for (uint32_t d = 0; d < p->n_days && d < 32; d++)
                if (l->days & (UINT32_C(1) << d))
                    jval_push(ld, jval_int(d));
            jval_set(o, "days", ld);
            jval_set(o, "start_s", jval_int(l->start_s));
            jval_push(lines, o);
        }
        jval_set(root, "lines", lines);
    }

    jval *routes = jval_array();
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        jval *o = jval_object();
        jval_set(o, "day", jval_int(r->day));
        jval_set(o, "vehicle", jval_int(r->vehicle));
        if (p->n_lines)
            jval_set(o, "line", jval_int(r->line));
        jval_set(o, "start_s", jval_int(r->start_s));
        jval_set(o, "end_s", jval_int(r->end_s));
        jval_set(o, "km_m", jval_int(r->dist_m));
        jval_set(o, "return_m", jval_int(r->return_m));
        jval_set(o, "return_s", jval_int(r->return_s));
        jval *visits = jval_array();
        for (size_t k = 0; k < r->n_visits; k++) {
            const plan_visit *v = &r->visits[k];
            jval *vo = jval_object();
            jval_set(vo, "stop", jval_int(v->stop));
            jval_set(vo, "arrival_s", jval_int(v->arrival_s));
            jval_set(vo, "departure_s", jval_int(v->departure_s));
            jval_set(vo, "parcels", int_array(v->parcels, p->n_carriers));
            if (v->pickup)
                jval_set(vo, "pickup", int_array(v->pickup, p->n_carriers));
            jval_set(vo, "load_after", jval_int(v->load_after));
            jval_set(vo, "leg_m", jval_int(v->leg_m));
            jval_set(vo, "leg_s", jval_int(v->leg_s));
            jval_push(visits, vo);
        }
        jval_set(o, "visits", visits);
        jval *geom = jval_array();
        for (size_t k = 0; k < r->n_points; k++) {
            jval *pt = jval_array();
            jval_push(pt, coord(r->lonlat[2 * k]));
            jval_push(pt, coord(r->lonlat[2 * k + 1]));
            jval_push(geom, pt);
        }
        jval_set(o, "geometry", geom);
        jval_push(routes, o);
    }
    jval_set(root, "routes", routes);

    /* scenarios with buses.csv only: plans without buses stay as they were */
    if (p->has_van_only) {
        jval *o = jval_object();
        jval_set(o, "cost", real_dec(p->van_only.cost, TOTAL_COST_SCALE));
        jval_set(o, "km", real_dec(p->van_only.km, TOTAL_COST_SCALE));
        jval_set(o, "hours", real_dec(p->van_only.hours, TOTAL_COST_SCALE));
        jval_set(o, "co2_kg", real_dec(p->van_only.co2_kg, TOTAL_COST_SCALE));
        jval_set(root, "van_only", o);
    }
    if (p->n_bus_runs) {
        jval *runs = jval_array();
        for (size_t i = 0; i < p->n_bus_runs; i++) {
            const plan_bus_run *b = &p->bus_runs[i];
            jval *o = jval_object();
            jval_set(o, "line", str_or_empty(b->line));
            jval_set(o, "day", jval_int(b->day));
            jval_set(o, "depart_s", jval_int(b->depart_s));
            jval_set(o, "loading", jval_int(b->loading));
            jval_set(o, "deadline_s", jval_int(b->deadline_s));
            jval_set(o, "capacity", jval_int(b->capacity));
            jval_set(o, "fee", real_dec(b->fee, TOTAL_COST_SCALE));
            jval *drops = jval_array();
            for (size_t k = 0; k < b->n_drops; k++) {
                jval *dobj = jval_object();
                jval_set(dobj, "stop", jval_int(b->drops[k].stop));
                jval_set(dobj, "arrival_s", jval_int(b->drops[k].arrival_s));
                jval_set(dobj, "parcels", int_array(b->drops[k].parcels, p->n_carriers));
                jval_push(drops, dobj);
            }
            jval_set(o, "drops", drops);
            jval *geom = jval_array();
            for (size_t k = 0; k < b->n_points; k++) {
                jval *pt = jval_array();
                jval_push(pt, coord(b->lonlat[2 * k]));
                jval_push(pt, coord(b->lonlat[2 * k + 1]));
                jval_push(geom, pt);
            }
            jval_set(o, "geometry", geom);
            jval_push(runs, o);
        }
        jval_set(root, "bus_runs", runs);
    }
    if (p->time_stopped) /* optional: absent in the plans an iteration limit ended */
        jval_set(root, "time_stopped", jval_bool(true));
    if (p->n_spread) { /* optional: only a plan made of several seeds has it */
        jval *sp = jval_object();
        jval *seeds = jval_array(), *costs = jval_array();
        for (size_t i = 0; i < p->n_spread; i++) {
            jval_push(seeds, seed_val(p->spread_seed[i]));
            jval_push(costs, real_dec(p->spread_cost[i], TOTAL_COST_SCALE));
        }
        jval_set(sp, "seeds", seeds);
        jval_set(sp, "costs", costs);
        jval_set(root, "spread", sp);
    }
    return root;
}

/* Layout: one top-level member per line, and one element per line in the arrays of objects
 * (stops, vehicles, routes), each element compact. Short, yet a diff of two plans shows which
 * stop or route changed; `jq .` pretty-prints it. Reals are printed with 15 significant
 * digits after real_dec has rounded them. */
err_code planjson_dump(const plan *p, FILE *f, err *e)
{
    jval *root = build(p);
    err_code rc = jval_write(root, f, JVAL_ROWS, 15, "plan.json", e);
    jval_free(root);
    return rc;
}

err_code planjson_write(const plan *p, const char *path, err *e)
{
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    if (planjson_dump(p, outfile_fp(of), e) != ERR_OK) {
        outfile_abort(of);
        return err_wrap(e, "%s", path);
    }
    return outfile_commit(of, e);
}

/* ---- reading ------------------------------------------------------------------------------ */

typedef struct rd {
    const char *name; /* file name for messages */
    err *e;
    char where[160]; /* path of the object being read: "routes[3].visits[1]" */
} rd;

static const char *type_name(const jval *j)
{
    switch (jval_typeof(j)) {
    case JVAL_OBJECT: return "an object";
    case JVAL_ARRAY: return "an array";
    case JVAL_STRING: return "a string";
    case JVAL_INTEGER: return "an integer";
    case JVAL_REAL: return "a number";
    case JVAL_TRUE:
    case JVAL_FALSE: return "a boolean";
    case JVAL_NULL: return "null";
    }
    return "?";
}

static bool fail(rd *r, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(rd *r, const char *key, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(r->e, ERR_PARSE, "%s: %s%s%s: %s", r->name, r->where, *r->where && key ? "." : "",
            key ? key : "", msg);
    return false;
}

/* Member `key` of obj with type check; NULL after setting the error. */
static jval *member(rd *r, jval *obj, const char *key, jval_type t)
{
    jval *j = jval_get(obj, key);
    if (!j) {
        fail(r, key, "missing");
        return NULL;
    }
    bool ok = jval_typeof(j) == t || (t == JVAL_TRUE && jval_is_bool(j)) ||
              (t == JVAL_REAL && jval_is_number(j));
    if (!ok) {
        static const char *const want[] = {"an object", "an array",  "a string",  "an integer",
                                           "a number",  "a boolean", "a boolean", "null"};
        fail(r, key, "expected %s, got %s", want[t], type_name(j));
        return NULL;
    }
    return j;
}

static bool get_str(rd *r, jval *obj, const char *key, char **out)
{
    jval *j = member(r, obj, key, JVAL_STRING);
    if (!j)
        return false;
    *out = xstrdup(jval_str(j));
    return true;
}

static bool get_int(rd *r, jval *obj, const char *key, long long lo, long long hi, long long *out)
{
    jval *j = member(r, obj, key, JVAL_INTEGER);
    if (!j)
        return false;
    long long v = jval_int_value(j);
    if (v < lo || v > hi)
        return fail(r, key, "expected an integer in [%lld, %lld], got %lld", lo, hi, v);
    *out = v;
    return true;
}

static bool get_i32(rd *r, jval *obj, const char *key, int32_t *out)
{
    long long v = 0;
    if (!get_int(r, obj, key, INT32_MIN, INT32_MAX, &v))
        return false;
    *out = (int32_t)v;
    return true;
}

static bool get_u32(rd *r, jval *obj, const char *key, uint32_t hi, uint32_t *out)
{
    long long v = 0;
    if (!get_int(r, obj, key, 0, hi, &v))
        return false;
    *out = (uint32_t)v;
    return true;
}

static bool get_real(rd *r, jval *obj, const char *key, double *out)
{
    jval *j = member(r, obj, key, JVAL_REAL);
    if (!j)
        return false;
    *out = jval_num(j);
    return true;
}

/* Array of exactly n integers (n = carriers). */
static bool get_i32_array(rd *r, jval *obj, const char *key, size_t n, int32_t **out)
{
    jval *a = member(r, obj, key, JVAL_ARRAY);
    if (!a)
        return false;
    if (jval_len(a) != n)
        return fail(r, key, "expected %zu values (one per carrier), got %zu", n, jval_len(a));
    int32_t *v = xcalloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++) {
        jval *x = jval_at(a, i);
        if (!jval_is(x, JVAL_INTEGER) || jval_int_value(x) < INT32_MIN ||
            jval_int_value(x) > INT32_MAX) {
            free(v);
            return fail(r, key, "element %zu: expected an integer, got %s", i, type_name(x));
        }
        v[i] = (int32_t)jval_int_value(x);
    }
    *out = v;
    return true;
}

static bool read_names(rd *r, jval *root, const char *key, char ***out, uint32_t *n_out,
                       uint32_t max)
{
    jval *a = member(r, root, key, JVAL_ARRAY);
    if (!a)
        return false;
    size_t n = jval_len(a);
    if (n > max)
        return fail(r, key, "expected at most %u entries, got %zu", max, n);
    *out = xcalloc(n ? n : 1, sizeof **out);
    *n_out = (uint32_t)n;
    for (size_t i = 0; i < n; i++) {
        jval *s = jval_at(a, i);
        if (!jval_is(s, JVAL_STRING)) {
            (*out)[i] = xstrdup("");
            return fail(r, key, "element %zu: expected a string, got %s", i, type_name(s));
        }
        (*out)[i] = xstrdup(jval_str(s));
    }
    return true;
}

static bool read_stop(rd *r, jval *o, const plan *p, plan_stop *s)
{
    if (!jval_is(o, JVAL_OBJECT))
        return fail(r, NULL, "expected an object, got %s", type_name(o));
    if (!get_str(r, o, "id", &s->id) || !get_str(r, o, "code", &s->code) ||
        !get_str(r, o, "name", &s->name) || !get_str(r, o, "township", &s->township))
        return false;
    jval *k = member(r, o, "kind", JVAL_STRING);
    if (!k)
        return false;
    if (!plan_kind_parse(jval_str(k), &s->kind))
        return fail(r, "kind", "expected depot, township or village, got '%s'", jval_str(k));
    if (!get_real(r, o, "lon", &s->lon) || !get_real(r, o, "lat", &s->lat) ||
        !get_real(r, o, "snap_m", &s->snap_m) || !get_u32(r, o, "freq", 31, &s->freq))
        return false;
    jval *days = member(r, o, "days", JVAL_ARRAY);
    if (!days)
        return false;
    size_t i;
    jval *d;
    JVAL_FOREACH(days, i, d)
    {
        if (!jval_is(d, JVAL_INTEGER) || jval_int_value(d) < 0 ||
            jval_int_value(d) >= (int64_t)p->n_days)
            return fail(r, "days", "element %zu: expected a day index < %u", i, p->n_days);
        s->days |= UINT32_C(1) << jval_int_value(d);
    }
    if (!get_i32_array(r, o, "demand", p->n_carriers, &s->demand))
        return false;
    if ((jval_get(o, "week") && !get_i32_array(r, o, "week", p->n_carriers, &s->week)) ||
        (jval_get(o, "pickup") && !get_i32_array(r, o, "pickup", p->n_carriers, &s->pickup)))
        return false;
    jval *prob = jval_get(o, "problem");
    if (prob && jval_is(prob, JVAL_STRING))
        s->problem = xstrdup(jval_str(prob));
    else if (prob && !jval_is(prob, JVAL_NULL))
        return fail(r, "problem", "expected a string or null, got %s", type_name(prob));
    if (jval_get(o, "open_s") || jval_get(o, "close_s")) {
        long long lo, hi;
        if (!get_int(r, o, "open_s", 0, 24 * 3600, &lo) ||
            !get_int(r, o, "close_s", 0, 24 * 3600, &hi))
            return false;
        if (hi <= lo)
            return fail(r, "close_s", "closes at %lld, not after it opens (%lld)", hi, lo);
        s->has_window = true;
        s->open_s = (int32_t)lo;
        s->close_s = (int32_t)hi;
    }
    return true;
}

/* A seed as seed_val writes it into *out. */
static bool get_seed(rd *r, jval *seed, const char *key, uint64_t *out)
{
    if (seed && jval_is(seed, JVAL_INTEGER) && jval_int_value(seed) >= 0) {
        *out = (uint64_t)jval_int_value(seed);
    } else if (seed && jval_is(seed, JVAL_STRING)) {
        char *end;
        errno = 0;
        *out = strtoull(jval_str(seed), &end, 10);
        if (errno || *end || end == jval_str(seed) || *jval_str(seed) == '-')
            return fail(r, key, "expected a non-negative integer, got '%s'", jval_str(seed));
    } else {
        return fail(r, key, "expected a non-negative integer");
    }
    return true;
}

/* An optional non-negative number (a van's fuel or CO2 factor): absent leaves *out at 0. */
static bool get_opt_factor(rd *r, jval *obj, const char *key, double *out)
{
    jval *j = jval_get(obj, key);
    if (!j)
        return true;
    if (!jval_is_number(j) || !(jval_num(j) >= 0) || !isfinite(jval_num(j)))
        return fail(r, key, "expected a non-negative number, got %s", type_name(j));
    *out = jval_num(j);
    return true;
}

static bool read_vehicle(rd *r, jval *o, const plan *p, plan_vehicle *v)
{
    if (!jval_is(o, JVAL_OBJECT))
        return fail(r, NULL, "expected an object, got %s", type_name(o));
    if (!get_str(r, o, "id", &v->id))
        return false;
    jval *drv = jval_get(o, "driver");
    if (drv && !jval_is(drv, JVAL_STRING))
        return fail(r, "driver", "expected a string, got %s", type_name(drv));
    if (drv)
        v->driver = xstrdup(jval_str(drv));
    if (p->n_stops == 0)
        return fail(r, "depot", "no stops to refer to");
    if (!get_u32(r, o, "depot", (uint32_t)(p->n_stops - 1), &v->depot))
        return false;
    if (p->stops[v->depot].kind != PLAN_DEPOT)
        return fail(r, "depot", "stop %u is not a depot", v->depot);
    jval *el = member(r, o, "electric", JVAL_TRUE);
    if (!el)
        return false;
    v->electric = jval_is(el, JVAL_TRUE);
    v->start_s = -1;
    if (jval_get(o, "start_s")) {
        long long st;
        if (!get_int(r, o, "start_s", 0, 24 * 3600 - 1, &st))
            return false;
        v->start_s = (int32_t)st;
        v->own_start = true;
    }
    return get_i32(r, o, "capacity", &v->capacity) && get_i32(r, o, "shift_s", &v->shift_s) &&
           get_i32(r, o, "range_m", &v->range_m) &&
           get_real(r, o, "cost_per_km", &v->cost_per_km) &&
           get_real(r, o, "fixed_cost", &v->fixed_cost) &&
           get_opt_factor(r, o, "use_per_100km", &v->use_per_100km) &&
           get_opt_factor(r, o, "co2_per_unit", &v->co2_per_unit);
}

/* The optional "spread" member: {"seeds": [...], "costs": [...]}, one cost per seed. */
static bool read_spread(rd *r, jval *root, plan *p)
{
    jval *sp = jval_get(root, "spread");
    if (!sp)
        return true;
    snprintf(r->where, sizeof r->where, "spread");
    if (!jval_is(sp, JVAL_OBJECT))
        return fail(r, NULL, "expected an object, got %s", type_name(sp));
    jval *seeds = member(r, sp, "seeds", JVAL_ARRAY);
    jval *costs = seeds ? member(r, sp, "costs", JVAL_ARRAY) : NULL;
    if (!costs)
        return false;
    size_t n = jval_len(seeds);
    if (n < 2 || jval_len(costs) != n)
        return fail(r, "costs", "expected as many costs as seeds (at least 2), got %zu and %zu",
                    jval_len(costs), n);
    p->spread_seed = xcalloc(n, sizeof *p->spread_seed);
    p->spread_cost = xcalloc(n, sizeof *p->spread_cost);
    p->n_spread = n;
    for (size_t i = 0; i < n; i++) {
        jval *s = jval_at(seeds, i), *c = jval_at(costs, i);
        char key[48];
        snprintf(key, sizeof key, "seeds[%zu]", i);
        if (!get_seed(r, s, key, &p->spread_seed[i]))
            return false;
        if (!jval_is_number(c) || !isfinite(jval_num(c)))
            return fail(r, "costs", "element %zu: expected a number, got %s", i, type_name(c));
        p->spread_cost[i] = jval_num(c);
    }
    r->where[0] = '\0';
    return true;
}

static bool read_route(rd *r, jval *o, const plan *p, plan_route *rt)
{
    if (!jval_is(o, JVAL_OBJECT))
        return fail(r, NULL, "expected an object, got %s", type_name(o));
    if (p->n_days == 0)
        return fail(r, "day", "no days to refer to");
    if (p->n_vehicles == 0)
        return fail(r, "vehicle", "no vehicles to refer to");
    if (!get_u32(r, o, "day", p->n_days - 1, &rt->day) ||
        !get_u32(r, o, "vehicle", (uint32_t)(p->n_vehicles - 1), &rt->vehicle) ||
        (p->n_lines && !get_u32(r, o, "line", (uint32_t)(p->n_lines - 1), &rt->line)) ||
        !get_i32(r, o, "start_s", &rt->start_s) || !get_i32(r, o, "end_s", &rt->end_s) ||
        !get_i32(r, o, "km_m", &rt->dist_m) || !get_i32(r, o, "return_m", &rt->return_m) ||
        !get_i32(r, o, "return_s", &rt->return_s))
        return false;
    jval *visits = member(r, o, "visits", JVAL_ARRAY);
    if (!visits)
        return false;
    jval *geom = member(r, o, "geometry", JVAL_ARRAY);
    if (!geom)
        return false;
    size_t n = jval_len(visits);
    rt->visits = xcalloc(n ? n : 1, sizeof *rt->visits);
    char base[128]; /* shorter than r->where, so "BASE.visits[K]" always fits */
    snprintf(base, sizeof base, "%.100s", r->where);
    for (size_t k = 0; k < n; k++) {
        plan_visit *v = &rt->visits[k];
        rt->n_visits = k + 1; /* so plan_free releases what was read so far */
        snprintf(r->where, sizeof r->where, "%s.visits[%zu]", base, k);
        jval *vo = jval_at(visits, k);
        if (!jval_is(vo, JVAL_OBJECT))
            return fail(r, NULL, "expected an object, got %s", type_name(vo));
        if (!get_u32(r, vo, "stop", (uint32_t)(p->n_stops ? p->n_stops - 1 : 0), &v->stop) ||
            !get_i32(r, vo, "arrival_s", &v->arrival_s) ||
            !get_i32(r, vo, "departure_s", &v->departure_s) ||
            !get_i32_array(r, vo, "parcels", p->n_carriers, &v->parcels) ||
            (jval_get(vo, "pickup") &&
             !get_i32_array(r, vo, "pickup", p->n_carriers, &v->pickup)) ||
            !get_i32(r, vo, "load_after", &v->load_after) || !get_i32(r, vo, "leg_m", &v->leg_m) ||
            !get_i32(r, vo, "leg_s", &v->leg_s))
            return false;
        if (p->n_stops == 0 || p->stops[v->stop].kind == PLAN_DEPOT)
            return fail(r, "stop", "stop %u is a depot, not a stop to visit", v->stop);
    }
    snprintf(r->where, sizeof r->where, "%s", base);
    size_t m = jval_len(geom);
    rt->lonlat = xcalloc(m ? 2 * m : 1, sizeof *rt->lonlat);
    rt->n_points = m;
    for (size_t k = 0; k < m; k++) {
        jval *pt = jval_at(geom, k);
        if (!jval_is(pt, JVAL_ARRAY) || jval_len(pt) != 2 || !jval_is_number(jval_at(pt, 0)) ||
            !jval_is_number(jval_at(pt, 1)))
            return fail(r, "geometry", "point %zu: expected [lon, lat]", k);
        rt->lonlat[2 * k] = jval_num(jval_at(pt, 0));
        rt->lonlat[2 * k + 1] = jval_num(jval_at(pt, 1));
    }
    return true;
}

static bool read_plan_line(rd *r, jval *o, const plan *p, plan_line *l)
{
    if (!jval_is(o, JVAL_OBJECT))
        return fail(r, NULL, "expected an object, got %s", type_name(o));
    if (p->n_vehicles == 0)
        return fail(r, "vehicle", "no vehicles to refer to");
    if (!get_u32(r, o, "vehicle", (uint32_t)(p->n_vehicles - 1), &l->vehicle) ||
        !get_i32(r, o, "start_s", &l->start_s))
        return false;
    jval *days = member(r, o, "days", JVAL_ARRAY);
    if (!days)
        return false;
    size_t i;
    jval *d;
    JVAL_FOREACH(days, i, d)
    {
        if (!jval_is(d, JVAL_INTEGER) || jval_int_value(d) < 0 ||
            jval_int_value(d) >= (int64_t)p->n_days)
            return fail(r, "days", "element %zu: expected a day index < %u", i, p->n_days);
        l->days |= UINT32_C(1) << jval_int_value(d);
    }
    if (!l->days)
        return fail(r, "days", "expected at least one day");
    return true;
}

static bool read_bus_run(rd *r, jval *o, const plan *p, plan_bus_run *b)
{
    if (!jval_is(o, JVAL_OBJECT))
        return fail(r, NULL, "expected an object, got %s", type_name(o));
    if (p->n_days == 0 || p->n_stops == 0)
        return fail(r, "day", "no days or stops to refer to");
    if (!get_str(r, o, "line", &b->line) || !get_u32(r, o, "day", p->n_days - 1, &b->day) ||
        !get_i32(r, o, "depart_s", &b->depart_s) ||
        !get_u32(r, o, "loading", (uint32_t)(p->n_stops - 1), &b->loading) ||
        !get_i32(r, o, "deadline_s", &b->deadline_s) || !get_i32(r, o, "capacity", &b->capacity) ||
        !get_real(r, o, "fee", &b->fee))
        return false;
    jval *drops = member(r, o, "drops", JVAL_ARRAY);
    if (!drops)
        return false;
    jval *geom = member(r, o, "geometry", JVAL_ARRAY);
    if (!geom)
        return false;
    size_t n = jval_len(drops);
    b->drops = xcalloc(n ? n : 1, sizeof *b->drops);
    char base[128];
    snprintf(base, sizeof base, "%.100s", r->where);
    for (size_t k = 0; k < n; k++) {
        plan_bus_drop *dr = &b->drops[k];
        b->n_drops = k + 1;
        snprintf(r->where, sizeof r->where, "%s.drops[%zu]", base, k);
        jval *dobj = jval_at(drops, k);
        if (!jval_is(dobj, JVAL_OBJECT))
            return fail(r, NULL, "expected an object, got %s", type_name(dobj));
        if (!get_u32(r, dobj, "stop", (uint32_t)(p->n_stops - 1), &dr->stop) ||
            !get_i32(r, dobj, "arrival_s", &dr->arrival_s) ||
            !get_i32_array(r, dobj, "parcels", p->n_carriers, &dr->parcels))
            return false;
    }
    snprintf(r->where, sizeof r->where, "%s", base);
    size_t m = jval_len(geom);
    b->lonlat = xcalloc(m ? 2 * m : 1, sizeof *b->lonlat);
    b->n_points = m;
    for (size_t k = 0; k < m; k++) {
        jval *pt = jval_at(geom, k);
        if (!jval_is(pt, JVAL_ARRAY) || jval_len(pt) != 2 || !jval_is_number(jval_at(pt, 0)) ||
            !jval_is_number(jval_at(pt, 1)))
            return fail(r, "geometry", "point %zu: expected [lon, lat]", k);
        b->lonlat[2 * k] = jval_num(jval_at(pt, 0));
        b->lonlat[2 * k + 1] = jval_num(jval_at(pt, 1));
    }
    return true;
}

static bool read_van_only(rd *r, jval *o, plan *p)
{
    snprintf(r->where, sizeof r->where, "van_only");
    if (!jval_is(o, JVAL_OBJECT))
        return fail(r, NULL, "expected an object, got %s", type_name(o));
    if (!get_real(r, o, "cost", &p->van_only.cost) || !get_real(r, o, "km", &p->van_only.km) ||
        !get_real(r, o, "hours", &p->van_only.hours) ||
        !get_real(r, o, "co2_kg", &p->van_only.co2_kg))
        return false;
    p->has_van_only = true;
    r->where[0] = '\0';
    return true;
}

static bool read_consistency(rd *r, jval *o, plan *p)
{
    snprintf(r->where, sizeof r->where, "consistency");
    if (!jval_is(o, JVAL_OBJECT))
        return fail(r, NULL, "expected an object, got %s", type_name(o));
    plan_consistency *c = &p->consistency;
    jval *mode = member(r, o, "mode", JVAL_STRING);
    if (!mode)
        return false;
    if (strcmp(jval_str(mode), "lines") && strcmp(jval_str(mode), "free"))
        return fail(r, "mode", "expected lines or free, got '%s'", jval_str(mode));
    c->lines = !strcmp(jval_str(mode), "lines");
    jval *sv = member(r, o, "same_van", JVAL_TRUE);
    if (!sv)
        return false;
    c->same_van = jval_is(sv, JVAL_TRUE);
    if (!get_i32(r, o, "township_spread_s", &c->township_spread_s) ||
        !get_i32(r, o, "village_spread_s", &c->village_spread_s))
        return false;
    p->has_consistency = true;
    r->where[0] = '\0';
    return true;
}

static bool read_plan(rd *r, jval *root, plan *p)
{
    if (!jval_is(root, JVAL_OBJECT))
        return fail(r, NULL, "expected a JSON object at the top, got %s", type_name(root));
    jval *fmt = member(r, root, "format", JVAL_STRING);
    if (!fmt)
        return false;
    if (strcmp(jval_str(fmt), PLANJSON_FORMAT) != 0)
        return fail(r, "format", "expected '%s', got '%s'", PLANJSON_FORMAT, jval_str(fmt));
    jval *ver = member(r, root, "version", JVAL_INTEGER);
    if (!ver)
        return false;
    if (jval_int_value(ver) > PLANJSON_VERSION)
        return fail(r, "version",
                    "plan.json version %lld is newer than this jincun reads (1 to %d): use the "
                    "jincun that wrote it, or a newer one",
                    (long long)jval_int_value(ver), PLANJSON_VERSION);
    if (jval_int_value(ver) < 1)
        return fail(r, "version", "expected a version from 1 to %d, got %lld", PLANJSON_VERSION,
                    (long long)jval_int_value(ver));
    if (!get_str(r, root, "scenario", &p->scenario) || !get_str(r, root, "map", &p->map_path) ||
        !get_str(r, root, "timezone", &p->timezone) ||
        !get_str(r, root, "utc_offset", &p->utc_offset) ||
        !get_str(r, root, "week_start", &p->week_start))
        return false;
    if (!get_seed(r, jval_get(root, "seed"), "seed", &p->seed))
        return false;
    if (!get_real(r, root, "total_cost", &p->total_cost))
        return false;
    if (!read_names(r, root, "days", &p->day_names, &p->n_days, 31))
        return false;
    if (p->n_days == 0)
        return fail(r, "days", "expected at least one day");
    if (!read_names(r, root, "carriers", &p->carriers, &p->n_carriers, UINT32_MAX))
        return false;

    jval *stops = member(r, root, "stops", JVAL_ARRAY);
    if (!stops)
        return false;
    size_t n = jval_len(stops);
    p->stops = xcalloc(n ? n : 1, sizeof *p->stops);
    for (size_t i = 0; i < n; i++) {
        p->n_stops = i + 1;
        snprintf(r->where, sizeof r->where, "stops[%zu]", i);
        if (!read_stop(r, jval_at(stops, i), p, &p->stops[i]))
            return false;
    }
    r->where[0] = '\0';

    jval *vehicles = member(r, root, "vehicles", JVAL_ARRAY);
    if (!vehicles)
        return false;
    n = jval_len(vehicles);
    p->vehicles = xcalloc(n ? n : 1, sizeof *p->vehicles);
    for (size_t i = 0; i < n; i++) {
        p->n_vehicles = i + 1;
        snprintf(r->where, sizeof r->where, "vehicles[%zu]", i);
        if (!read_vehicle(r, jval_at(vehicles, i), p, &p->vehicles[i]))
            return false;
    }
    r->where[0] = '\0';

    jval *cons = jval_get(root, "consistency");
    if (cons && !read_consistency(r, cons, p))
        return false;
    jval *lines = jval_get(root, "lines");
    if (lines && !jval_is(lines, JVAL_ARRAY))
        return fail(r, "lines", "expected an array, got %s", type_name(lines));
    n = lines ? jval_len(lines) : 0;
    p->lines = n ? xcalloc(n, sizeof *p->lines) : NULL;
    for (size_t i = 0; i < n; i++) {
        p->n_lines = i + 1;
        snprintf(r->where, sizeof r->where, "lines[%zu]", i);
        if (!read_plan_line(r, jval_at(lines, i), p, &p->lines[i]))
            return false;
    }
    r->where[0] = '\0';

    jval *routes = member(r, root, "routes", JVAL_ARRAY);
    if (!routes)
        return false;
    n = jval_len(routes);
    p->routes = xcalloc(n ? n : 1, sizeof *p->routes);
    for (size_t i = 0; i < n; i++) {
        p->n_routes = i + 1;
        snprintf(r->where, sizeof r->where, "routes[%zu]", i);
        if (!read_route(r, jval_at(routes, i), p, &p->routes[i]))
            return false;
    }
    r->where[0] = '\0';

    jval *vo = jval_get(root, "van_only");
    if (vo && !read_van_only(r, vo, p))
        return false;
    jval *runs = jval_get(root, "bus_runs");
    if (runs && !jval_is(runs, JVAL_ARRAY))
        return fail(r, "bus_runs", "expected an array, got %s", type_name(runs));
    n = runs ? jval_len(runs) : 0;
    p->bus_runs = n ? xcalloc(n, sizeof *p->bus_runs) : NULL;
    for (size_t i = 0; i < n; i++) {
        p->n_bus_runs = i + 1;
        snprintf(r->where, sizeof r->where, "bus_runs[%zu]", i);
        if (!read_bus_run(r, jval_at(runs, i), p, &p->bus_runs[i]))
            return false;
    }
    r->where[0] = '\0';
    jval *ts = jval_get(root, "time_stopped");
    if (ts && !jval_is_bool(ts))
        return fail(r, "time_stopped", "expected a boolean, got %s", type_name(ts));
    p->time_stopped = ts && jval_is(ts, JVAL_TRUE);
    return read_spread(r, root, p);
}

static plan *finish(rd *r, jval *root)
{
    plan *p = xcalloc(1, sizeof *p);
    bool ok = read_plan(r, root, p);
    jval_free(root);
    if (!ok) {
        plan_free(p);
        return NULL;
    }
    return p;
}

plan *planjson_parse(const char *text, const char *name, err *e)
{
    rd r = {.name = name ? name : "plan.json", .e = e};
    jval *root = jval_parse(text, r.name, true, e);
    if (!root)
        return NULL;
    return finish(&r, root);
}

plan *planjson_read(const char *path, err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    jval *root = jval_read(f, path, true, e);
    fclose(f);
    if (!root)
        return NULL;
    rd r = {.name = path, .e = e};
    return finish(&r, root);
}

/* ---- the road background: roads.geojson --------------------------------------------------- */

err_code planjson_write_roads(const char *path, const double *lonlat, const size_t *first,
                              size_t n_lines, err *e)
{
    outfile *of = outfile_open(path, e);
    if (!of)
        return e ? e->code : ERR_IO;
    FILE *f = outfile_fp(of);
    fputs("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
          "{\"feature\":\"roads\"},\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[",
          f);
    for (size_t k = 0; k < n_lines; k++) {
        fputs(k ? ",\n[" : "\n[", f);
        for (size_t i = first[k]; i < first[k + 1]; i++) {
            fputs(i > first[k] ? ",[" : "[", f);
            outfmt_coord(f, lonlat[2 * i]);
            fputc(',', f);
            outfmt_coord(f, lonlat[2 * i + 1]);
            fputc(']', f);
        }
        fputc(']', f);
    }
    fputs("]}}]}\n", f);
    return outfile_commit(of, e);
}

typedef VEC(double) dvec;
typedef VEC(size_t) szvec;

/* Appends the LineString coordinates ls ([[lon, lat], ...]) as one line. */
static bool read_line(rd *r, jval *ls, const char *key, dvec *pts, szvec *first)
{
    if (!jval_is(ls, JVAL_ARRAY))
        return fail(r, key, "expected an array of [lon, lat], got %s", type_name(ls));
    size_t i;
    jval *pt;
    JVAL_FOREACH(ls, i, pt)
    {
        jval *x = jval_at(pt, 0), *y = jval_at(pt, 1);
        if (!jval_is(pt, JVAL_ARRAY) || jval_len(pt) < 2 || !jval_is_number(x) ||
            !jval_is_number(y)) {
            char at[64];
            snprintf(at, sizeof at, "%s[%zu]", key, i);
            return fail(r, at, "expected [lon, lat], got %s", type_name(pt));
        }
        double lon = jval_num(x), lat = jval_num(y);
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            char at[64];
            snprintf(at, sizeof at, "%s[%zu]", key, i);
            return fail(r, at, "(%g, %g) is not a longitude and latitude", lon, lat);
        }
        VEC_PUSH(pts, lon);
        VEC_PUSH(pts, lat);
    }
    VEC_PUSH(first, pts->len / 2);
    return true;
}

static bool read_roads(rd *r, jval *root, dvec *pts, szvec *first)
{
    jval *features = member(r, root, "features", JVAL_ARRAY);
    if (!features)
        return false;
    size_t i;
    jval *ft;
    JVAL_FOREACH(features, i, ft)
    {
        snprintf(r->where, sizeof r->where, "features[%zu]", i);
        jval *geom = jval_is(ft, JVAL_OBJECT) ? jval_get(ft, "geometry") : NULL;
        if (!jval_is(geom, JVAL_OBJECT))
            return fail(r, "geometry", "missing or not an object");
        snprintf(r->where, sizeof r->where, "features[%zu].geometry", i);
        jval *type = member(r, geom, "type", JVAL_STRING);
        jval *coords = type ? member(r, geom, "coordinates", JVAL_ARRAY) : NULL;
        if (!coords)
            return false;
        if (!strcmp(jval_str(type), "LineString")) {
            if (!read_line(r, coords, "coordinates", pts, first))
                return false;
        } else if (!strcmp(jval_str(type), "MultiLineString")) {
            size_t k;
            jval *ls;
            JVAL_FOREACH(coords, k, ls)
            {
                char key[48];
                snprintf(key, sizeof key, "coordinates[%zu]", k);
                if (!read_line(r, ls, key, pts, first))
                    return false;
            }
        } else {
            return fail(r, "type", "expected LineString or MultiLineString, got '%s'",
                        jval_str(type));
        }
    }
    return true;
}

err_code planjson_read_roads(const char *path, double **lonlat, size_t **first, size_t *n_lines,
                             err *e)
{
    *lonlat = NULL;
    *first = NULL;
    *n_lines = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    jval *root = jval_read(f, path, false, e);
    fclose(f);
    if (!root)
        return e ? e->code : ERR_PARSE;
    rd r = {.name = path, .e = e};
    dvec pts = {0};
    szvec fi = {0};
    VEC_PUSH(&fi, (size_t)0);
    bool ok = jval_is(root, JVAL_OBJECT);
    if (ok)
        ok = read_roads(&r, root, &pts, &fi);
    else
        err_set(e, ERR_PARSE, "%s: expected a GeoJSON object, got %s", path, type_name(root));
    jval_free(root);
    if (!ok) {
        VEC_FREE(&pts);
        VEC_FREE(&fi);
        return e ? e->code : ERR_PARSE;
    }
    *lonlat = pts.data ? pts.data : xmalloc(0);
    *first = fi.data;
    *n_lines = fi.len - 1;
    return ERR_OK;
}
