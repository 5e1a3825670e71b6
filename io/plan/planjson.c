/* planjson.c — plan.json writer and validating reader (jansson), and the plan folder's road
 * background (roads.geojson). The only file that includes <jansson.h>. Schema:
 * docs/plan-json.md. SPDX-License-Identifier: MIT */
#include "io/plan/planjson.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/outfmt.h"
#include "util/mem.h"
#include "util/outfile.h"
#include "util/vec.h"

/* ---- writing ------------------------------------------------------------------------------ */

/* Reals are rounded to a fixed number of decimals before they are dumped with 15 significant
 * digits, so the text is short, stable, and the same on every platform. */
static json_t *real_dec(double x, double scale)
{
    if (!isfinite(x))
        return json_null();
    double r = round(x * scale) / scale;
    if (r == 0.0)
        r = 0.0; /* no "-0.0" */
    return json_real(r);
}

static json_t *coord(double x)
{
    return real_dec(x, 1e7);
}

static json_t *str_or_empty(const char *s)
{
    return json_string(s ? s : "");
}

static json_t *int_array(const int32_t *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_integer(v ? v[i] : 0));
    return a;
}

static json_t *build(const plan *p)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string(PLANJSON_FORMAT));
    json_object_set_new(root, "version", json_integer(PLANJSON_VERSION));
    json_object_set_new(root, "scenario", str_or_empty(p->scenario));
    json_object_set_new(root, "map", str_or_empty(p->map_path));
    json_object_set_new(root, "timezone", str_or_empty(p->timezone));
    json_object_set_new(root, "utc_offset", str_or_empty(p->utc_offset));
    json_object_set_new(root, "week_start", str_or_empty(p->week_start));
    if (p->seed <= (uint64_t)INT64_MAX) {
        json_object_set_new(root, "seed", json_integer((json_int_t)p->seed));
    } else {
        char buf[32];
        snprintf(buf, sizeof buf, "%" PRIu64, p->seed);
        json_object_set_new(root, "seed", json_string(buf));
    }
    json_object_set_new(root, "total_cost", real_dec(p->total_cost, 1e2));

    json_t *days = json_array();
    for (uint32_t d = 0; d < p->n_days; d++)
        json_array_append_new(days, str_or_empty(p->day_names ? p->day_names[d] : NULL));
    json_object_set_new(root, "days", days);

    json_t *carriers = json_array();
    for (uint32_t c = 0; c < p->n_carriers; c++)
        json_array_append_new(carriers, str_or_empty(p->carriers ? p->carriers[c] : NULL));
    json_object_set_new(root, "carriers", carriers);

    json_t *stops = json_array();
    for (size_t i = 0; i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", str_or_empty(s->id));
        json_object_set_new(o, "code", str_or_empty(s->code));
        json_object_set_new(o, "name", str_or_empty(s->name));
        json_object_set_new(o, "township", str_or_empty(s->township));
        json_object_set_new(o, "kind", json_string(plan_kind_name(s->kind)));
        json_object_set_new(o, "lon", coord(s->lon));
        json_object_set_new(o, "lat", coord(s->lat));
        json_object_set_new(o, "snap_m",
                            s->snap_m < 0 ? json_integer(-1) : real_dec(s->snap_m, 10));
        json_object_set_new(o, "freq", json_integer(s->freq));
        json_t *sd = json_array();
        for (uint32_t d = 0; d < p->n_days && d < 32; d++)
            if (s->days & (UINT32_C(1) << d))
                json_array_append_new(sd, json_integer(d));
        json_object_set_new(o, "days", sd);
        json_object_set_new(o, "demand", int_array(s->demand, p->n_carriers));
        json_object_set_new(o, "problem", s->problem ? json_string(s->problem) : json_null());
        json_array_append_new(stops, o);
    }
    json_object_set_new(root, "stops", stops);

    json_t *vehicles = json_array();
    for (size_t i = 0; i < p->n_vehicles; i++) {
        const plan_vehicle *v = &p->vehicles[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", str_or_empty(v->id));
        if (v->driver && *v->driver) /* optional: plans without drivers stay byte-identical */
            json_object_set_new(o, "driver", json_string(v->driver));
        json_object_set_new(o, "depot", json_integer(v->depot));
        json_object_set_new(o, "capacity", json_integer(v->capacity));
        json_object_set_new(o, "shift_s", json_integer(v->shift_s));
        json_object_set_new(o, "range_m", json_integer(v->range_m));
        json_object_set_new(o, "electric", json_boolean(v->electric));
        json_object_set_new(o, "cost_per_km", real_dec(v->cost_per_km, 1e4));
        json_object_set_new(o, "fixed_cost", real_dec(v->fixed_cost, 1e4));
        json_array_append_new(vehicles, o);
    }
    json_object_set_new(root, "vehicles", vehicles);

    json_t *routes = json_array();
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        json_t *o = json_object();
        json_object_set_new(o, "day", json_integer(r->day));
        json_object_set_new(o, "vehicle", json_integer(r->vehicle));
        json_object_set_new(o, "start_s", json_integer(r->start_s));
        json_object_set_new(o, "end_s", json_integer(r->end_s));
        json_object_set_new(o, "km_m", json_integer(r->dist_m));
        json_object_set_new(o, "return_m", json_integer(r->return_m));
        json_object_set_new(o, "return_s", json_integer(r->return_s));
        json_t *visits = json_array();
        for (size_t k = 0; k < r->n_visits; k++) {
            const plan_visit *v = &r->visits[k];
            json_t *vo = json_object();
            json_object_set_new(vo, "stop", json_integer(v->stop));
            json_object_set_new(vo, "arrival_s", json_integer(v->arrival_s));
            json_object_set_new(vo, "departure_s", json_integer(v->departure_s));
            json_object_set_new(vo, "parcels", int_array(v->parcels, p->n_carriers));
            json_object_set_new(vo, "load_after", json_integer(v->load_after));
            json_object_set_new(vo, "leg_m", json_integer(v->leg_m));
            json_object_set_new(vo, "leg_s", json_integer(v->leg_s));
            json_array_append_new(visits, vo);
        }
        json_object_set_new(o, "visits", visits);
        json_t *geom = json_array();
        for (size_t k = 0; k < r->n_points; k++) {
            json_t *pt = json_array();
            json_array_append_new(pt, coord(r->lonlat[2 * k]));
            json_array_append_new(pt, coord(r->lonlat[2 * k + 1]));
            json_array_append_new(geom, pt);
        }
        json_object_set_new(o, "geometry", geom);
        json_array_append_new(routes, o);
    }
    json_object_set_new(root, "routes", routes);
    return root;
}

/* Layout: one top-level member per line, and one element per line in the arrays of objects
 * (stops, vehicles, routes), each element compact. Short, yet a diff of two plans shows which
 * stop or route changed; `jq .` pretty-prints it. */
#define COMPACT (JSON_COMPACT | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY)

static int dump_compact(const json_t *j, FILE *f)
{
    return json_dumpf(j, f, COMPACT);
}

err_code planjson_dump(const plan *p, FILE *f, err *e)
{
    json_t *root = build(p);
    int rc = fputs("{\n", f) == EOF;
    const char *key;
    json_t *val;
    size_t left = json_object_size(root);
    json_object_foreach(root, key, val)
    {
        json_t *k = json_string(key);
        rc |= fputc(' ', f) == EOF;
        rc |= dump_compact(k, f);
        rc |= fputs(": ", f) == EOF;
        json_decref(k);
        bool rows = json_is_array(val) && json_array_size(val) > 0 &&
                    json_is_object(json_array_get(val, 0));
        if (rows) {
            rc |= fputs("[\n", f) == EOF;
            size_t i;
            json_t *el;
            json_array_foreach(val, i, el)
            {
                rc |= fputs("  ", f) == EOF;
                rc |= dump_compact(el, f);
                rc |= fputs(i + 1 < json_array_size(val) ? ",\n" : "\n", f) == EOF;
            }
            rc |= fputs(" ]", f) == EOF;
        } else {
            rc |= dump_compact(val, f);
        }
        rc |= fputs(--left ? ",\n" : "\n", f) == EOF;
    }
    rc |= fputs("}\n", f) == EOF;
    json_decref(root);
    if (rc != 0 || ferror(f))
        return err_set(e, ERR_IO, "writing plan.json: %s", strerror(errno));
    return ERR_OK;
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

static const char *type_name(const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
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
static json_t *member(rd *r, json_t *obj, const char *key, json_type t)
{
    json_t *j = json_object_get(obj, key);
    if (!j) {
        fail(r, key, "missing");
        return NULL;
    }
    bool ok = json_typeof(j) == t || (t == JSON_TRUE && json_is_boolean(j)) ||
              (t == JSON_REAL && json_is_number(j));
    if (!ok) {
        static const char *const want[] = {"an object", "an array",  "a string",  "an integer",
                                           "a number",  "a boolean", "a boolean", "null"};
        fail(r, key, "expected %s, got %s", want[t], type_name(j));
        return NULL;
    }
    return j;
}

static bool get_str(rd *r, json_t *obj, const char *key, char **out)
{
    json_t *j = member(r, obj, key, JSON_STRING);
    if (!j)
        return false;
    *out = xstrdup(json_string_value(j));
    return true;
}

static bool get_int(rd *r, json_t *obj, const char *key, long long lo, long long hi, long long *out)
{
    json_t *j = member(r, obj, key, JSON_INTEGER);
    if (!j)
        return false;
    long long v = json_integer_value(j);
    if (v < lo || v > hi)
        return fail(r, key, "expected an integer in [%lld, %lld], got %lld", lo, hi, v);
    *out = v;
    return true;
}

static bool get_i32(rd *r, json_t *obj, const char *key, int32_t *out)
{
    long long v = 0;
    if (!get_int(r, obj, key, INT32_MIN, INT32_MAX, &v))
        return false;
    *out = (int32_t)v;
    return true;
}

static bool get_u32(rd *r, json_t *obj, const char *key, uint32_t hi, uint32_t *out)
{
    long long v = 0;
    if (!get_int(r, obj, key, 0, hi, &v))
        return false;
    *out = (uint32_t)v;
    return true;
}

static bool get_real(rd *r, json_t *obj, const char *key, double *out)
{
    json_t *j = member(r, obj, key, JSON_REAL);
    if (!j)
        return false;
    *out = json_number_value(j);
    return true;
}

/* Array of exactly n integers (n = carriers). */
static bool get_i32_array(rd *r, json_t *obj, const char *key, size_t n, int32_t **out)
{
    json_t *a = member(r, obj, key, JSON_ARRAY);
    if (!a)
        return false;
    if (json_array_size(a) != n)
        return fail(r, key, "expected %zu values (one per carrier), got %zu", n,
                    json_array_size(a));
    int32_t *v = xcalloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(a, i);
        if (!json_is_integer(x) || json_integer_value(x) < INT32_MIN ||
            json_integer_value(x) > INT32_MAX) {
            free(v);
            return fail(r, key, "element %zu: expected an integer, got %s", i, type_name(x));
        }
        v[i] = (int32_t)json_integer_value(x);
    }
    *out = v;
    return true;
}

static bool read_names(rd *r, json_t *root, const char *key, char ***out, uint32_t *n_out,
                       uint32_t max)
{
    json_t *a = member(r, root, key, JSON_ARRAY);
    if (!a)
        return false;
    size_t n = json_array_size(a);
    if (n > max)
        return fail(r, key, "expected at most %u entries, got %zu", max, n);
    *out = xcalloc(n ? n : 1, sizeof **out);
    *n_out = (uint32_t)n;
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_array_get(a, i);
        if (!json_is_string(s)) {
            (*out)[i] = xstrdup("");
            return fail(r, key, "element %zu: expected a string, got %s", i, type_name(s));
        }
        (*out)[i] = xstrdup(json_string_value(s));
    }
    return true;
}

static bool read_stop(rd *r, json_t *o, const plan *p, plan_stop *s)
{
    if (!json_is_object(o))
        return fail(r, NULL, "expected an object, got %s", type_name(o));
    if (!get_str(r, o, "id", &s->id) || !get_str(r, o, "code", &s->code) ||
        !get_str(r, o, "name", &s->name) || !get_str(r, o, "township", &s->township))
        return false;
    json_t *k = member(r, o, "kind", JSON_STRING);
    if (!k)
        return false;
    if (!plan_kind_parse(json_string_value(k), &s->kind))
        return fail(r, "kind", "expected depot, township or village, got '%s'",
                    json_string_value(k));
    if (!get_real(r, o, "lon", &s->lon) || !get_real(r, o, "lat", &s->lat) ||
        !get_real(r, o, "snap_m", &s->snap_m) || !get_u32(r, o, "freq", 31, &s->freq))
        return false;
    json_t *days = member(r, o, "days", JSON_ARRAY);
    if (!days)
        return false;
    size_t i;
    json_t *d;
    json_array_foreach(days, i, d)
    {
        if (!json_is_integer(d) || json_integer_value(d) < 0 ||
            json_integer_value(d) >= (json_int_t)p->n_days)
            return fail(r, "days", "element %zu: expected a day index < %u", i, p->n_days);
        s->days |= UINT32_C(1) << json_integer_value(d);
    }
    if (!get_i32_array(r, o, "demand", p->n_carriers, &s->demand))
        return false;
    json_t *prob = json_object_get(o, "problem");
    if (prob && json_is_string(prob))
        s->problem = xstrdup(json_string_value(prob));
    else if (prob && !json_is_null(prob))
        return fail(r, "problem", "expected a string or null, got %s", type_name(prob));
    return true;
}

static bool read_vehicle(rd *r, json_t *o, const plan *p, plan_vehicle *v)
{
    if (!json_is_object(o))
        return fail(r, NULL, "expected an object, got %s", type_name(o));
    if (!get_str(r, o, "id", &v->id))
        return false;
    json_t *drv = json_object_get(o, "driver");
    if (drv && !json_is_string(drv))
        return fail(r, "driver", "expected a string, got %s", type_name(drv));
    if (drv)
        v->driver = xstrdup(json_string_value(drv));
    if (p->n_stops == 0)
        return fail(r, "depot", "no stops to refer to");
    if (!get_u32(r, o, "depot", (uint32_t)(p->n_stops - 1), &v->depot))
        return false;
    if (p->stops[v->depot].kind != PLAN_DEPOT)
        return fail(r, "depot", "stop %u is not a depot", v->depot);
    json_t *el = member(r, o, "electric", JSON_TRUE);
    if (!el)
        return false;
    v->electric = json_is_true(el);
    return get_i32(r, o, "capacity", &v->capacity) && get_i32(r, o, "shift_s", &v->shift_s) &&
           get_i32(r, o, "range_m", &v->range_m) &&
           get_real(r, o, "cost_per_km", &v->cost_per_km) &&
           get_real(r, o, "fixed_cost", &v->fixed_cost);
}

static bool read_route(rd *r, json_t *o, const plan *p, plan_route *rt)
{
    if (!json_is_object(o))
        return fail(r, NULL, "expected an object, got %s", type_name(o));
    if (p->n_days == 0)
        return fail(r, "day", "no days to refer to");
    if (p->n_vehicles == 0)
        return fail(r, "vehicle", "no vehicles to refer to");
    if (!get_u32(r, o, "day", p->n_days - 1, &rt->day) ||
        !get_u32(r, o, "vehicle", (uint32_t)(p->n_vehicles - 1), &rt->vehicle) ||
        !get_i32(r, o, "start_s", &rt->start_s) || !get_i32(r, o, "end_s", &rt->end_s) ||
        !get_i32(r, o, "km_m", &rt->dist_m) || !get_i32(r, o, "return_m", &rt->return_m) ||
        !get_i32(r, o, "return_s", &rt->return_s))
        return false;
    json_t *visits = member(r, o, "visits", JSON_ARRAY);
    if (!visits)
        return false;
    json_t *geom = member(r, o, "geometry", JSON_ARRAY);
    if (!geom)
        return false;
    size_t n = json_array_size(visits);
    rt->visits = xcalloc(n ? n : 1, sizeof *rt->visits);
    char base[128]; /* shorter than r->where, so "BASE.visits[K]" always fits */
    snprintf(base, sizeof base, "%.100s", r->where);
    for (size_t k = 0; k < n; k++) {
        plan_visit *v = &rt->visits[k];
        rt->n_visits = k + 1; /* so plan_free releases what was read so far */
        snprintf(r->where, sizeof r->where, "%s.visits[%zu]", base, k);
        json_t *vo = json_array_get(visits, k);
        if (!json_is_object(vo))
            return fail(r, NULL, "expected an object, got %s", type_name(vo));
        if (!get_u32(r, vo, "stop", (uint32_t)(p->n_stops ? p->n_stops - 1 : 0), &v->stop) ||
            !get_i32(r, vo, "arrival_s", &v->arrival_s) ||
            !get_i32(r, vo, "departure_s", &v->departure_s) ||
            !get_i32_array(r, vo, "parcels", p->n_carriers, &v->parcels) ||
            !get_i32(r, vo, "load_after", &v->load_after) || !get_i32(r, vo, "leg_m", &v->leg_m) ||
            !get_i32(r, vo, "leg_s", &v->leg_s))
            return false;
        if (p->n_stops == 0 || p->stops[v->stop].kind == PLAN_DEPOT)
            return fail(r, "stop", "stop %u is a depot, not a stop to visit", v->stop);
    }
    snprintf(r->where, sizeof r->where, "%s", base);
    size_t m = json_array_size(geom);
    rt->lonlat = xcalloc(m ? 2 * m : 1, sizeof *rt->lonlat);
    rt->n_points = m;
    for (size_t k = 0; k < m; k++) {
        json_t *pt = json_array_get(geom, k);
        if (!json_is_array(pt) || json_array_size(pt) != 2 ||
            !json_is_number(json_array_get(pt, 0)) || !json_is_number(json_array_get(pt, 1)))
            return fail(r, "geometry", "point %zu: expected [lon, lat]", k);
        rt->lonlat[2 * k] = json_number_value(json_array_get(pt, 0));
        rt->lonlat[2 * k + 1] = json_number_value(json_array_get(pt, 1));
    }
    return true;
}

static bool read_plan(rd *r, json_t *root, plan *p)
{
    if (!json_is_object(root))
        return fail(r, NULL, "expected a JSON object at the top, got %s", type_name(root));
    json_t *fmt = member(r, root, "format", JSON_STRING);
    if (!fmt)
        return false;
    if (strcmp(json_string_value(fmt), PLANJSON_FORMAT) != 0)
        return fail(r, "format", "expected '%s', got '%s'", PLANJSON_FORMAT,
                    json_string_value(fmt));
    long long version;
    if (!get_int(r, root, "version", 1, PLANJSON_VERSION, &version))
        return false;
    if (!get_str(r, root, "scenario", &p->scenario) || !get_str(r, root, "map", &p->map_path) ||
        !get_str(r, root, "timezone", &p->timezone) ||
        !get_str(r, root, "utc_offset", &p->utc_offset) ||
        !get_str(r, root, "week_start", &p->week_start))
        return false;
    json_t *seed = json_object_get(root, "seed");
    if (seed && json_is_integer(seed) && json_integer_value(seed) >= 0) {
        p->seed = (uint64_t)json_integer_value(seed);
    } else if (seed && json_is_string(seed)) {
        char *end;
        errno = 0;
        p->seed = strtoull(json_string_value(seed), &end, 10);
        if (errno || *end || end == json_string_value(seed))
            return fail(r, "seed", "expected a non-negative integer, got '%s'",
                        json_string_value(seed));
    } else {
        return fail(r, "seed", "expected a non-negative integer");
    }
    if (!get_real(r, root, "total_cost", &p->total_cost))
        return false;
    if (!read_names(r, root, "days", &p->day_names, &p->n_days, 31))
        return false;
    if (p->n_days == 0)
        return fail(r, "days", "expected at least one day");
    if (!read_names(r, root, "carriers", &p->carriers, &p->n_carriers, UINT32_MAX))
        return false;

    json_t *stops = member(r, root, "stops", JSON_ARRAY);
    if (!stops)
        return false;
    size_t n = json_array_size(stops);
    p->stops = xcalloc(n ? n : 1, sizeof *p->stops);
    for (size_t i = 0; i < n; i++) {
        p->n_stops = i + 1;
        snprintf(r->where, sizeof r->where, "stops[%zu]", i);
        if (!read_stop(r, json_array_get(stops, i), p, &p->stops[i]))
            return false;
    }
    r->where[0] = '\0';

    json_t *vehicles = member(r, root, "vehicles", JSON_ARRAY);
    if (!vehicles)
        return false;
    n = json_array_size(vehicles);
    p->vehicles = xcalloc(n ? n : 1, sizeof *p->vehicles);
    for (size_t i = 0; i < n; i++) {
        p->n_vehicles = i + 1;
        snprintf(r->where, sizeof r->where, "vehicles[%zu]", i);
        if (!read_vehicle(r, json_array_get(vehicles, i), p, &p->vehicles[i]))
            return false;
    }
    r->where[0] = '\0';

    json_t *routes = member(r, root, "routes", JSON_ARRAY);
    if (!routes)
        return false;
    n = json_array_size(routes);
    p->routes = xcalloc(n ? n : 1, sizeof *p->routes);
    for (size_t i = 0; i < n; i++) {
        p->n_routes = i + 1;
        snprintf(r->where, sizeof r->where, "routes[%zu]", i);
        if (!read_route(r, json_array_get(routes, i), p, &p->routes[i]))
            return false;
    }
    r->where[0] = '\0';
    return true;
}

static plan *finish(rd *r, json_t *root)
{
    plan *p = xcalloc(1, sizeof *p);
    bool ok = read_plan(r, root, p);
    json_decref(root);
    if (!ok) {
        plan_free(p);
        return NULL;
    }
    return p;
}

plan *planjson_parse(const char *text, const char *name, err *e)
{
    rd r = {.name = name ? name : "plan.json", .e = e};
    json_error_t jerr;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        err_set(e, ERR_PARSE, "%s:%d:%d: %s", r.name, jerr.line, jerr.column, jerr.text);
        return NULL;
    }
    return finish(&r, root);
}

plan *planjson_read(const char *path, err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    json_error_t jerr;
    json_t *root = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
    bool read_err = ferror(f) != 0;
    fclose(f);
    if (!root) {
        err_set(e, read_err ? ERR_IO : ERR_PARSE, "%s:%d:%d: %s", path, jerr.line, jerr.column,
                jerr.text);
        return NULL;
    }
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
static bool read_line(rd *r, json_t *ls, const char *key, dvec *pts, szvec *first)
{
    if (!json_is_array(ls))
        return fail(r, key, "expected an array of [lon, lat], got %s", type_name(ls));
    size_t i;
    json_t *pt;
    json_array_foreach(ls, i, pt)
    {
        json_t *x = json_array_get(pt, 0), *y = json_array_get(pt, 1);
        if (!json_is_array(pt) || json_array_size(pt) < 2 || !json_is_number(x) ||
            !json_is_number(y)) {
            char at[64];
            snprintf(at, sizeof at, "%s[%zu]", key, i);
            return fail(r, at, "expected [lon, lat], got %s", type_name(pt));
        }
        double lon = json_number_value(x), lat = json_number_value(y);
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

static bool read_roads(rd *r, json_t *root, dvec *pts, szvec *first)
{
    json_t *features = member(r, root, "features", JSON_ARRAY);
    if (!features)
        return false;
    size_t i;
    json_t *ft;
    json_array_foreach(features, i, ft)
    {
        snprintf(r->where, sizeof r->where, "features[%zu]", i);
        json_t *geom = json_is_object(ft) ? json_object_get(ft, "geometry") : NULL;
        if (!json_is_object(geom))
            return fail(r, "geometry", "missing or not an object");
        snprintf(r->where, sizeof r->where, "features[%zu].geometry", i);
        json_t *type = member(r, geom, "type", JSON_STRING);
        json_t *coords = type ? member(r, geom, "coordinates", JSON_ARRAY) : NULL;
        if (!coords)
            return false;
        if (!strcmp(json_string_value(type), "LineString")) {
            if (!read_line(r, coords, "coordinates", pts, first))
                return false;
        } else if (!strcmp(json_string_value(type), "MultiLineString")) {
            size_t k;
            json_t *ls;
            json_array_foreach(coords, k, ls)
            {
                char key[48];
                snprintf(key, sizeof key, "coordinates[%zu]", k);
                if (!read_line(r, ls, key, pts, first))
                    return false;
            }
        } else {
            return fail(r, "type", "expected LineString or MultiLineString, got '%s'",
                        json_string_value(type));
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
    json_error_t jerr;
    json_t *root = json_loadf(f, 0, &jerr);
    bool read_err = ferror(f) != 0;
    fclose(f);
    if (!root)
        return err_set(e, read_err ? ERR_IO : ERR_PARSE, "%s:%d:%d: %s", path, jerr.line,
                       jerr.column, jerr.text);
    rd r = {.name = path, .e = e};
    dvec pts = {0};
    szvec fi = {0};
    VEC_PUSH(&fi, (size_t)0);
    bool ok = json_is_object(root);
    if (ok)
        ok = read_roads(&r, root, &pts, &fi);
    else
        err_set(e, ERR_PARSE, "%s: expected a GeoJSON object, got %s", path, type_name(root));
    json_decref(root);
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
