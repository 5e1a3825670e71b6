/* cordeau.c — Cordeau PVRP instances and ".res" solutions (see cordeau.h).
 * SPDX-License-Identifier: MIT */
#include "io/instances/cordeau.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/txt.h"
#include "util/mem.h"
#include "util/sysmem.h"
#include "util/outfile.h"

uint32_t cordeau_mask_from_file(uint32_t comb, uint32_t t)
{
    uint32_t mask = 0;
    for (uint32_t d = 0; d < t; d++)
        if (comb & (1u << (t - 1 - d)))
            mask |= 1u << d;
    return mask;
}

uint32_t cordeau_mask_to_file(uint32_t mask, uint32_t t)
{
    /* The bit reversal over t bits is its own inverse. */
    return cordeau_mask_from_file(mask, t);
}

void cordeau_free(cordeau_instance *ci)
{
    if (!ci)
        return;
    if (ci->patterns)
        for (uint32_t i = 0; i <= ci->n; i++)
            free(ci->patterns[i]);
    free(ci->patterns);
    free(ci->file_patterns);
    free(ci->max_duration);
    free(ci->capacity);
    free(ci->x);
    free(ci->y);
    free(ci->service);
    free(ci->demand);
    free(ci->freq);
    free(ci->n_patterns);
    free(ci->nodes);
    free(ci->vehicles);
    free(ci->dist);
    free(ci);
}

static double euclid(const cordeau_instance *ci, uint32_t a, uint32_t b)
{
    return hypot(ci->x[a] - ci->x[b], ci->y[a] - ci->y[b]);
}

/* Scales an instance quantity to the integer model; ERR_PARSE when it overflows int32. */
static bool scale_ok(double v, int32_t *out)
{
    double s = nearbyint(v * CORDEAU_SCALE);
    if (!(s >= 0) || s > INT32_MAX)
        return false;
    *out = (int32_t)s;
    return true;
}

/* Builds ci->problem from the raw data. */
static err_code build_problem(cordeau_instance *ci, const char *path, err *e)
{
    uint32_t nn = ci->n + 1;
    char what[128];
    snprintf(what, sizeof what, "%s: the %u x %u distance matrix and the search", path, nn, nn);
    err_code mc = sysmem_check(sysmem_mul(sysmem_mul(nn, nn), 2 * sizeof(int32_t)), what, e);
    if (mc != ERR_OK)
        return mc;
    ci->nodes = xcalloc(nn, sizeof *ci->nodes);
    for (uint32_t i = 0; i < nn; i++) {
        vrp_node *v = &ci->nodes[i];
        v->demand = ci->demand[i];
        if (!scale_ok(ci->service[i], &v->service))
            return err_set(e, ERR_PARSE, "%s: customer %u: service time %g out of range", path, i,
                           ci->service[i]);
        v->freq = ci->freq[i];
        v->n_patterns = ci->n_patterns[i];
        v->patterns = ci->patterns[i];
    }
    ci->uniform_days = true;
    for (uint32_t d = 1; d < ci->t; d++)
        if (ci->max_duration[d] != ci->max_duration[0] || ci->capacity[d] != ci->capacity[0])
            ci->uniform_days = false;
    uint32_t nv = ci->uniform_days ? ci->m : ci->m * ci->t;
    ci->vehicles = xcalloc(nv ? nv : 1, sizeof *ci->vehicles);
    for (uint32_t k = 0; k < nv; k++) {
        uint32_t d = ci->uniform_days ? 0 : k / ci->m;
        vrp_vehicle *v = &ci->vehicles[k];
        v->depot = 0;
        v->capacity = ci->capacity[d];
        if (!scale_ok(ci->max_duration[d], &v->max_duration))
            return err_set(e, ERR_PARSE, "%s: day %u: duration limit %g out of range", path, d + 1,
                           ci->max_duration[d]);
        v->max_distance = 0;
        v->days = ci->uniform_days ? (ci->t >= 32 ? UINT32_MAX : (1u << ci->t) - 1) : 1u << d;
        v->fixed_cost = 0;
        v->cost_per_dist = 1;
        v->cost_per_time = 0;
    }
    ci->dist = xmallocarray((size_t)nn * nn, sizeof *ci->dist);
    for (uint32_t a = 0; a < nn; a++)
        for (uint32_t b = 0; b < nn; b++)
            if (!scale_ok(euclid(ci, a, b), &ci->dist[(size_t)a * nn + b]))
                return err_set(e, ERR_PARSE,
                               "%s: distance %u-%u too large for the integer model (scale %d)",
                               path, a, b, CORDEAU_SCALE);
    vrp_problem *p = &ci->problem;
    p->n_nodes = nn;
    p->n_depots = 1;
    p->n_days = ci->t;
    p->n_carriers = 0;
    p->nodes = ci->nodes;
    p->n_vehicles = nv;
    p->vehicles = ci->vehicles;
    p->time = ci->dist;
    p->dist = ci->dist;
    return ERR_OK;
}

cordeau_instance *cordeau_load(const char *path, err *e)
{
    txt t;
    if (txt_open(&t, path, e))
        return NULL;
    cordeau_instance *ci = xcalloc(1, sizeof *ci);
    err_code c;
#define READ(fn, field, ptr)                                                                       \
    do {                                                                                           \
        if ((c = fn(&t, false, field, ptr, e)))                                                    \
            goto fail;                                                                             \
    } while (0)
    READ(txt_u32, "type", &ci->type);
    if (ci->type != 1) {
        c = err_set(e, ERR_PARSE, "%s:%zu: field 'type': expected 1 (PVRP), got '%s'", path,
                    t.tok_line, t.tok);
        goto fail;
    }
    READ(txt_u32, "m", &ci->m);
    READ(txt_u32, "n", &ci->n);
    READ(txt_u32, "t", &ci->t);
    if (ci->m < 1 || ci->m > 100000) {
        c = err_set(e, ERR_PARSE, "%s:%zu: field 'm': expected 1..100000 vehicles, got '%u'", path,
                    t.tok_line, ci->m);
        goto fail;
    }
    if (ci->n < 1 || ci->n > 100000) {
        c = err_set(e, ERR_PARSE, "%s:1: field 'n': expected 1..100000 customers, got '%u'", path,
                    ci->n);
        goto fail;
    }
    if (ci->t < 1 || ci->t > VRP_MAX_DAYS) {
        c = err_set(e, ERR_PARSE, "%s:1: field 't': expected 1..%d days, got '%u'", path,
                    VRP_MAX_DAYS, ci->t);
        goto fail;
    }
    ci->max_duration = xcalloc(ci->t, sizeof *ci->max_duration);
    ci->capacity = xcalloc(ci->t, sizeof *ci->capacity);
    for (uint32_t d = 0; d < ci->t; d++) {
        READ(txt_double, "D", &ci->max_duration[d]);
        if (ci->max_duration[d] < 0) {
            c = err_set(e, ERR_PARSE, "%s:%zu: field 'D': expected >= 0, got '%s'", path,
                        t.tok_line, t.tok);
            goto fail;
        }
        READ(txt_i32, "Q", &ci->capacity[d]);
        if (ci->capacity[d] <= 0) {
            c = err_set(e, ERR_PARSE, "%s:%zu: field 'Q': expected a positive capacity, got '%s'",
                        path, t.tok_line, t.tok);
            goto fail;
        }
    }
    uint32_t nn = ci->n + 1;
    ci->x = xcalloc(nn, sizeof *ci->x);
    ci->y = xcalloc(nn, sizeof *ci->y);
    ci->service = xcalloc(nn, sizeof *ci->service);
    ci->demand = xcalloc(nn, sizeof *ci->demand);
    ci->freq = xcalloc(nn, sizeof *ci->freq);
    ci->n_patterns = xcalloc(nn, sizeof *ci->n_patterns);
    ci->patterns = xcalloc(nn, sizeof *ci->patterns);
    size_t fp_cap = 0, fp_len = 0;
    for (uint32_t i = 0; i < nn; i++) {
        uint32_t id, f, a;
        READ(txt_u32, "i", &id);
        size_t line = t.tok_line;
        if (id != i) {
            c = err_set(e, ERR_PARSE, "%s:%zu: field 'i': expected %s %u, got '%s'", path, line,
                        i ? "customer" : "depot", i, t.tok);
            goto fail;
        }
        READ(txt_double, "x", &ci->x[i]);
        READ(txt_double, "y", &ci->y[i]);
        READ(txt_double, "d", &ci->service[i]);
        READ(txt_i32, "q", &ci->demand[i]);
        READ(txt_u32, "f", &f);
        READ(txt_u32, "a", &a);
        if (ci->service[i] < 0 || ci->demand[i] < 0) {
            c = err_set(e, ERR_PARSE,
                        "%s:%zu: customer %u: expected non-negative service and "
                        "demand, got %g and %d",
                        path, line, i, ci->service[i], ci->demand[i]);
            goto fail;
        }
        if (i == 0) {
            /* Depot: "0 x y 0 0 0 0"; f and a must be 0. */
            if (f || a) {
                c = err_set(e, ERR_PARSE, "%s:%zu: depot: expected f = a = 0, got %u and %u", path,
                            line, f, a);
                goto fail;
            }
            continue;
        }
        if (f < 1 || f > ci->t) {
            c = err_set(e, ERR_PARSE, "%s:%zu: field 'f': expected 1..%u visits, got '%u'", path,
                        line, ci->t, f);
            goto fail;
        }
        if (a < 1 || a > (ci->t >= 31 ? UINT32_MAX : (1u << ci->t))) {
            c = err_set(e, ERR_PARSE,
                        "%s:%zu: field 'a': expected a positive number of day "
                        "combinations, got '%u'",
                        path, line, a);
            goto fail;
        }
        ci->freq[i] = f;
        ci->n_patterns[i] = a;
        ci->patterns[i] = xcalloc(a, sizeof **ci->patterns);
        for (uint32_t k = 0; k < a; k++) {
            uint32_t comb;
            READ(txt_u32, "c", &comb);
            uint32_t maxc = ci->t >= 32 ? UINT32_MAX : (1u << ci->t) - 1;
            if (comb < 1 || comb > maxc) {
                c = err_set(e, ERR_PARSE,
                            "%s:%zu: customer %u: field 'c%u': expected a day "
                            "combination in 1..%u, got '%s'",
                            path, t.tok_line, i, k + 1, maxc, t.tok);
                goto fail;
            }
            if ((uint32_t)__builtin_popcount(comb) != f) {
                c = err_set(e, ERR_PARSE,
                            "%s:%zu: customer %u: field 'c%u': combination %u "
                            "has %d days, expected f = %u",
                            path, t.tok_line, i, k + 1, comb, __builtin_popcount(comb), f);
                goto fail;
            }
            ci->patterns[i][k] = cordeau_mask_from_file(comb, ci->t);
            if (fp_len == fp_cap) {
                fp_cap = fp_cap ? 2 * fp_cap : 256;
                ci->file_patterns = xreallocarray(ci->file_patterns, fp_cap, sizeof(uint32_t));
            }
            ci->file_patterns[fp_len++] = comb;
        }
        if (!txt_at_eol(&t)) {
            size_t len;
            txt_next(&t, true, &len);
            c = err_set(e, ERR_PARSE,
                        "%s:%zu: customer %u: expected end of line after %u "
                        "combinations, got '%s'",
                        path, t.tok_line, i, a, t.tok);
            goto fail;
        }
    }
#undef READ
    size_t len;
    if (txt_next(&t, false, &len)) {
        c = err_set(e, ERR_PARSE, "%s:%zu: expected end of file after %u customers, got '%s'", path,
                    t.tok_line, ci->n, t.tok);
        goto fail;
    }
    if ((c = build_problem(ci, path, e)))
        goto fail;
    txt_close(&t);
    return ci;
fail:
    (void)c;
    txt_close(&t);
    cordeau_free(ci);
    return NULL;
}

double cordeau_route_length(const cordeau_instance *ci, const uint32_t *stops, uint32_t k)
{
    double len = 0;
    uint32_t prev = 0;
    for (uint32_t j = 0; j < k; j++) {
        len += euclid(ci, prev, stops[j]);
        prev = stops[j];
    }
    return len + euclid(ci, prev, 0);
}

double cordeau_route_service(const cordeau_instance *ci, const uint32_t *stops, uint32_t k)
{
    double s = 0;
    for (uint32_t j = 0; j < k; j++)
        s += ci->service[stops[j]];
    return s;
}

double cordeau_solution_cost(const cordeau_instance *ci, const vrp_solution *s)
{
    double c = 0;
    for (size_t r = 0; r < s->n_routes; r++)
        c += cordeau_route_length(ci, s->routes[r].stops, s->routes[r].n_stops);
    return c;
}

void cordeau_res_free(cordeau_res *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_routes; i++)
        free(r->routes[i].stops);
    free(r->routes);
    free(r->path);
    free(r);
}

cordeau_res *cordeau_res_load(const char *path, err *e)
{
    txt t;
    if (txt_open(&t, path, e))
        return NULL;
    cordeau_res *r = xcalloc(1, sizeof *r);
    r->path = xstrdup(path);
    size_t cap = 0;
    if (txt_double(&t, false, "cost", &r->cost, e))
        goto fail;
    for (;;) {
        size_t len;
        if (!txt_next(&t, false, &len))
            break;
        /* Re-read the token just found as the day: rewind to its start. */
        t.pos -= len;
        if (r->n_routes == cap) {
            cap = cap ? 2 * cap : 32;
            r->routes = xreallocarray(r->routes, cap, sizeof *r->routes);
        }
        cordeau_res_route *rt = &r->routes[r->n_routes++];
        memset(rt, 0, sizeof *rt);
        if (txt_u32(&t, false, "day", &rt->day, e))
            goto fail;
        rt->line = t.tok_line;
        uint32_t first;
        if (txt_u32(&t, true, "vehicle", &rt->vehicle, e) ||
            txt_double(&t, true, "duration", &rt->duration, e) ||
            txt_double(&t, true, "load", &rt->load, e) || txt_u32(&t, true, "0", &first, e))
            goto fail;
        if (first != 0) {
            err_set(e, ERR_PARSE, "%s:%zu: field 'route': expected the depot 0 first, got '%s'",
                    path, rt->line, t.tok);
            goto fail;
        }
        bool closed;
        if (txt_u32_line(&t, "customer", true, &rt->stops, &rt->n_stops, &closed, e))
            goto fail;
        if (!closed) {
            err_set(e, ERR_PARSE,
                    "%s:%zu: field 'route': expected the depot 0 at the end, got "
                    "end of line",
                    path, rt->line);
            goto fail;
        }
        if (!txt_at_eol(&t)) {
            txt_next(&t, true, &len);
            err_set(e, ERR_PARSE,
                    "%s:%zu: field 'route': expected end of line after the "
                    "closing depot 0, got '%s'",
                    path, rt->line, t.tok);
            goto fail;
        }
    }
    txt_close(&t);
    return r;
fail:
    txt_close(&t);
    cordeau_res_free(r);
    return NULL;
}

/* Recomputes a route's load, distance, duration and cost from the integer problem. */
static void eval_route(const vrp_problem *p, vrp_route *rt)
{
    const vrp_vehicle *v = &p->vehicles[rt->vehicle];
    uint32_t prev = v->depot;
    int64_t dist = 0, time = 0, load = 0;
    for (uint32_t j = 0; j < rt->n_stops; j++) {
        uint32_t s = rt->stops[j];
        dist += p->dist[(size_t)prev * p->n_nodes + s];
        time += p->time[(size_t)prev * p->n_nodes + s] + p->nodes[s].service;
        load += p->nodes[s].demand;
        prev = s;
    }
    dist += p->dist[(size_t)prev * p->n_nodes + v->depot];
    time += p->time[(size_t)prev * p->n_nodes + v->depot];
    rt->load = load > INT32_MAX ? INT32_MAX : (int32_t)load;
    rt->distance = dist;
    rt->duration = time;
    rt->cost = v->fixed_cost + v->cost_per_dist * dist + v->cost_per_time * time;
}

static int cmp_route(const void *a, const void *b)
{
    const vrp_route *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->vehicle != y->vehicle)
        return x->vehicle < y->vehicle ? -1 : 1;
    /* Stable tie-break on content so the order never depends on the input's. */
    if (x->n_stops != y->n_stops)
        return x->n_stops < y->n_stops ? -1 : 1;
    for (uint32_t j = 0; j < x->n_stops; j++)
        if (x->stops[j] != y->stops[j])
            return x->stops[j] < y->stops[j] ? -1 : 1;
    return 0;
}

/* The 1997 ".res" files omit routes of length 0: a customer at the depot's coordinates (p01's
 * customer 51, whose demand fills a vehicle) is served without travel and not listed. Such a
 * customer, absent from every route, gets one single-stop route on each day of the first of its
 * allowed patterns whose days all have a vehicle without a route. */
static void add_implicit_routes(const cordeau_instance *ci, vrp_solution *s)
{
    for (uint32_t i = 1; i <= ci->n; i++) {
        if (s->pattern[i] || ci->x[i] != ci->x[0] || ci->y[i] != ci->y[0])
            continue;
        uint32_t nv = ci->problem.n_vehicles;
        for (uint32_t q = 0; q < ci->n_patterns[i]; q++) {
            uint32_t mask = ci->patterns[i][q], veh[VRP_MAX_DAYS];
            bool ok = true;
            for (uint32_t d = 0; d < ci->t && ok; d++) {
                if (!(mask & (1u << d)))
                    continue;
                ok = false;
                for (uint32_t v = 0; v < nv && !ok; v++) {
                    if (!(ci->vehicles[v].days & (1u << d)))
                        continue;
                    bool busy = false;
                    for (size_t k = 0; k < s->n_routes && !busy; k++)
                        busy = s->routes[k].day == d && s->routes[k].vehicle == v;
                    if (!busy) {
                        veh[d] = v;
                        ok = true;
                    }
                }
            }
            if (!ok)
                continue;
            uint32_t add = (uint32_t)__builtin_popcount(mask);
            s->routes = xreallocarray(s->routes, s->n_routes + add, sizeof *s->routes);
            for (uint32_t d = 0; d < ci->t; d++) {
                if (!(mask & (1u << d)))
                    continue;
                vrp_route *rt = &s->routes[s->n_routes++];
                memset(rt, 0, sizeof *rt);
                rt->day = d;
                rt->vehicle = veh[d];
                rt->n_stops = 1;
                rt->stops = xmalloc(sizeof *rt->stops);
                rt->stops[0] = i;
                eval_route(&ci->problem, rt);
            }
            s->pattern[i] = mask;
            break;
        }
    }
}

err_code cordeau_res_to_solution(const cordeau_instance *ci, const cordeau_res *r,
                                 vrp_solution **out, err *e)
{
    *out = NULL;
    for (size_t k = 0; k < r->n_routes; k++) {
        const cordeau_res_route *rt = &r->routes[k];
        if (rt->day < 1 || rt->day > ci->t)
            return err_set(e, ERR_PARSE, "%s:%zu: field 'day': expected 1..%u, got '%u'", r->path,
                           rt->line, ci->t, rt->day);
        if (rt->vehicle < 1)
            return err_set(e, ERR_PARSE, "%s:%zu: field 'vehicle': expected >= 1, got '0'", r->path,
                           rt->line);
        for (uint32_t j = 0; j < rt->n_stops; j++)
            if (rt->stops[j] < 1 || rt->stops[j] > ci->n)
                return err_set(e, ERR_PARSE, "%s:%zu: field 'customer': expected 1..%u, got '%u'",
                               r->path, rt->line, ci->n, rt->stops[j]);
    }
    vrp_solution *s = xcalloc(1, sizeof *s);
    s->n_nodes = ci->n + 1;
    s->pattern = xcalloc(s->n_nodes, sizeof *s->pattern);
    s->n_routes = r->n_routes;
    s->routes = xcalloc(r->n_routes ? r->n_routes : 1, sizeof *s->routes);
    for (size_t k = 0; k < r->n_routes; k++) {
        const cordeau_res_route *in = &r->routes[k];
        vrp_route *rt = &s->routes[k];
        rt->day = in->day - 1;
        uint32_t v = (in->vehicle - 1) % ci->m;
        rt->vehicle = ci->uniform_days ? v : rt->day * ci->m + v;
        rt->n_stops = in->n_stops;
        rt->stops = xmallocarray(in->n_stops ? in->n_stops : 1, sizeof *rt->stops);
        memcpy(rt->stops, in->stops, in->n_stops * sizeof *rt->stops);
        for (uint32_t j = 0; j < in->n_stops; j++)
            s->pattern[in->stops[j]] |= 1u << rt->day;
        eval_route(&ci->problem, rt);
    }
    add_implicit_routes(ci, s);
    qsort(s->routes, s->n_routes, sizeof *s->routes, cmp_route);
    for (size_t k = 0; k < s->n_routes; k++)
        s->cost += s->routes[k].cost;
    *out = s;
    return ERR_OK;
}

void cordeau_res_fprint(const cordeau_instance *ci, const vrp_solution *s, FILE *f)
{
    fprintf(f, "%.2f\n", cordeau_solution_cost(ci, s));
    for (size_t k = 0; k < s->n_routes; k++) {
        const vrp_route *rt = &s->routes[k];
        double dur = cordeau_route_length(ci, rt->stops, rt->n_stops) +
                     cordeau_route_service(ci, rt->stops, rt->n_stops);
        int64_t load = 0;
        for (uint32_t j = 0; j < rt->n_stops; j++)
            load += ci->demand[rt->stops[j]];
        uint32_t v = ci->uniform_days ? rt->vehicle : rt->vehicle % ci->m;
        fprintf(f, "%u %u %.2f %lld 0", rt->day + 1, v + 1, dur, (long long)load);
        for (uint32_t j = 0; j < rt->n_stops; j++)
            fprintf(f, " %u", rt->stops[j]);
        fprintf(f, " 0\n");
    }
}

err_code cordeau_res_write(const cordeau_instance *ci, const vrp_solution *s, const char *path,
                           err *e)
{
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    FILE *f = outfile_fp(of);
    cordeau_res_fprint(ci, s, f);
    return outfile_commit(of, e);
}
