/* tsplib.c — TSPLIB CVRP instances and CVRPLIB ".sol" files (see tsplib.h).
 * SPDX-License-Identifier: MIT */
#include "io/instances/tsplib.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/txt.h"
#include "util/mem.h"
#include "util/sysmem.h"
#include "util/outfile.h"

void tsplib_free(tsplib_instance *ti)
{
    if (!ti)
        return;
    free(ti->name);
    free(ti->x);
    free(ti->y);
    free(ti->demand);
    free(ti->tsplib_id);
    free(ti->nodes);
    free(ti->vehicles);
    free(ti->dist);
    free(ti);
}

/* Compares token s[0..n) with a keyword, ignoring a trailing ':' glued to the token. */
static bool tok_is(const char *s, size_t n, const char *kw)
{
    size_t k = strlen(kw);
    if (n == k + 1 && s[k] == ':')
        n = k;
    return n == k && !memcmp(s, kw, k);
}

/* Reads the value after "KEY :" or "KEY:" (rest of line, trimmed) into buf. */
static err_code read_value(txt *t, const char *key, char *buf, size_t size, err *e)
{
    size_t n;
    const char *s = txt_next(t, true, &n);
    if (s && n == 1 && *s == ':')
        s = txt_next(t, true, &n);
    else if (s && *s == ':') { /* "KEY :VALUE" */
        s++;
        n--;
    }
    if (!s)
        return err_set(e, ERR_PARSE, "%s:%zu: field '%s': expected a value, got end of line",
                       t->path, t->tok_line, key);
    /* Take the rest of the line. */
    const char *end = s + n;
    while (*end && *end != '\n')
        end++;
    while (end > s && isspace((unsigned char)end[-1]))
        end--;
    size_t len = (size_t)(end - s);
    if (len >= size)
        len = size - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    txt_skip_line(t);
    return ERR_OK;
}

static uint32_t k_from_name(const char *name)
{
    const char *p = strstr(name, "-k");
    if (!p || !isdigit((unsigned char)p[2]))
        return 0;
    unsigned long k = strtoul(p + 2, NULL, 10);
    return k > 0 && k < 1000000 ? (uint32_t)k : 0;
}

tsplib_instance *tsplib_load(const char *path, uint32_t n_vehicles, err *e)
{
    txt t;
    if (txt_open(&t, path, e))
        return NULL;
    tsplib_instance *ti = xcalloc(1, sizeof *ti);
    double *fx = NULL, *fy = NULL;
    int32_t *fd = NULL;
    uint8_t *seen_c = NULL, *seen_d = NULL;
    bool have_cap = false, have_coord = false, have_dem = false, have_depot = false;
    char val[256];
    for (;;) {
        size_t n;
        const char *s = txt_next(&t, false, &n);
        if (!s || tok_is(s, n, "EOF"))
            break;
        size_t line = t.tok_line;
        if (tok_is(s, n, "NAME")) {
            if (read_value(&t, "NAME", val, sizeof val, e))
                goto fail;
            free(ti->name);
            ti->name = xstrdup(val);
        } else if (tok_is(s, n, "COMMENT") || tok_is(s, n, "TYPE")) {
            txt_skip_line(&t);
        } else if (tok_is(s, n, "DIMENSION")) {
            if (read_value(&t, "DIMENSION", val, sizeof val, e))
                goto fail;
            char *end;
            unsigned long d = strtoul(val, &end, 10);
            if (*end || d < 2 || d > 100000 || ti->dimension) {
                err_set(e, ERR_PARSE,
                        "%s:%zu: field 'DIMENSION': expected 2..100000 (once), "
                        "got '%s'",
                        path, line, val);
                goto fail;
            }
            ti->dimension = (uint32_t)d;
            fx = xcalloc(d, sizeof *fx);
            fy = xcalloc(d, sizeof *fy);
            fd = xcalloc(d, sizeof *fd);
            seen_c = xcalloc(d, 1);
            seen_d = xcalloc(d, 1);
        } else if (tok_is(s, n, "CAPACITY")) {
            if (read_value(&t, "CAPACITY", val, sizeof val, e))
                goto fail;
            char *end;
            long c = strtol(val, &end, 10);
            if (*end || c < 1 || c > INT32_MAX) {
                err_set(e, ERR_PARSE,
                        "%s:%zu: field 'CAPACITY': expected a positive integer, "
                        "got '%s'",
                        path, line, val);
                goto fail;
            }
            ti->capacity = (int32_t)c;
            have_cap = true;
        } else if (tok_is(s, n, "EDGE_WEIGHT_TYPE")) {
            if (read_value(&t, "EDGE_WEIGHT_TYPE", val, sizeof val, e))
                goto fail;
            if (strcmp(val, "EUC_2D")) {
                err_set(e, ERR_PARSE,
                        "%s:%zu: field 'EDGE_WEIGHT_TYPE': expected EUC_2D, got "
                        "'%s'",
                        path, line, val);
                goto fail;
            }
        } else if (tok_is(s, n, "NODE_COORD_SECTION") || tok_is(s, n, "DEMAND_SECTION")) {
            bool coord = tok_is(s, n, "NODE_COORD_SECTION");
            const char *sec = coord ? "NODE_COORD_SECTION" : "DEMAND_SECTION";
            if (!ti->dimension) {
                err_set(e, ERR_PARSE, "%s:%zu: field '%s': expected DIMENSION before it", path,
                        line, sec);
                goto fail;
            }
            for (uint32_t k = 0; k < ti->dimension; k++) {
                uint32_t id;
                if (txt_u32(&t, false, sec, &id, e))
                    goto fail;
                if (id < 1 || id > ti->dimension || (coord ? seen_c : seen_d)[id - 1]) {
                    err_set(e, ERR_PARSE,
                            "%s:%zu: field '%s': expected a new node id in 1..%u, "
                            "got '%s'",
                            path, t.tok_line, sec, ti->dimension, t.tok);
                    goto fail;
                }
                (coord ? seen_c : seen_d)[id - 1] = 1;
                if (coord) {
                    if (txt_double(&t, true, "x", &fx[id - 1], e) ||
                        txt_double(&t, true, "y", &fy[id - 1], e))
                        goto fail;
                } else {
                    if (txt_i32(&t, true, "demand", &fd[id - 1], e))
                        goto fail;
                    if (fd[id - 1] < 0) {
                        err_set(e, ERR_PARSE, "%s:%zu: field 'demand': expected >= 0, got '%s'",
                                path, t.tok_line, t.tok);
                        goto fail;
                    }
                }
            }
            if (coord)
                have_coord = true;
            else
                have_dem = true;
        } else if (tok_is(s, n, "DEPOT_SECTION")) {
            if (txt_u32(&t, false, "DEPOT_SECTION", &ti->depot, e))
                goto fail;
            if (ti->depot < 1 || (ti->dimension && ti->depot > ti->dimension)) {
                err_set(e, ERR_PARSE,
                        "%s:%zu: field 'DEPOT_SECTION': expected a node id in "
                        "1..%u, got '%s'",
                        path, t.tok_line, ti->dimension, t.tok);
                goto fail;
            }
            const char *m = txt_next(&t, false, &n);
            if (!m || !tok_is(m, n, "-1")) {
                err_set(e, ERR_PARSE,
                        "%s:%zu: field 'DEPOT_SECTION': expected -1 after the "
                        "single depot, got '%s'",
                        path, t.tok_line, m ? t.tok : "end of file");
                goto fail;
            }
            have_depot = true;
        } else {
            err_set(e, ERR_PARSE, "%s:%zu: expected a TSPLIB keyword, got '%s'", path, line, t.tok);
            goto fail;
        }
    }
    const char *missing = !ti->dimension ? "DIMENSION"
                          : !have_cap    ? "CAPACITY"
                          : !have_coord  ? "NODE_COORD_SECTION"
                          : !have_dem    ? "DEMAND_SECTION"
                          : !have_depot  ? "DEPOT_SECTION"
                                         : NULL;
    if (missing) {
        err_set(e, ERR_PARSE, "%s:%zu: field '%s': expected it, got end of file", path, t.line,
                missing);
        goto fail;
    }
    if (ti->depot > ti->dimension) {
        err_set(e, ERR_PARSE, "%s: field 'DEPOT_SECTION': depot %u outside 1..%u", path, ti->depot,
                ti->dimension);
        goto fail;
    }
    if (!ti->name)
        ti->name = xstrdup("");
    ti->k = k_from_name(ti->name);
    uint32_t nn = ti->dimension;
    ti->x = xcalloc(nn, sizeof *ti->x);
    ti->y = xcalloc(nn, sizeof *ti->y);
    ti->demand = xcalloc(nn, sizeof *ti->demand);
    ti->tsplib_id = xcalloc(nn, sizeof *ti->tsplib_id);
    uint32_t v = 1;
    for (uint32_t id = 1; id <= nn; id++) {
        uint32_t i = id == ti->depot ? 0 : v++;
        ti->x[i] = fx[id - 1];
        ti->y[i] = fy[id - 1];
        ti->demand[i] = id == ti->depot ? 0 : fd[id - 1];
        ti->tsplib_id[i] = id;
        if (ti->demand[i] > ti->capacity) {
            err_set(e, ERR_PARSE, "%s: node %u: demand %d exceeds CAPACITY %d", path, id,
                    ti->demand[i], ti->capacity);
            goto fail;
        }
    }
    ti->pattern_day0 = 1u;
    ti->nodes = xcalloc(nn, sizeof *ti->nodes);
    for (uint32_t i = 1; i < nn; i++) {
        ti->nodes[i].demand = ti->demand[i];
        ti->nodes[i].freq = 1;
        ti->nodes[i].n_patterns = 1;
        ti->nodes[i].patterns = &ti->pattern_day0;
    }
    /* No fleet limit by default, as in CVRPLIB (k of the name is the least number of routes).
     * A fleet no best solution can fill stands for "unlimited": when the triangle inequality
     * holds, two routes that fit in one van together are never both in a best solution (joined,
     * they cost no more), so at most one route carries half a van or less and a best solution
     * has at most floor(2 * demand / CAPACITY) + 1 routes. One more for the rounding of
     * EUC_2D, never fewer than k, never more than one per customer. Every empty van is a
     * place the search tries, so one van per customer would slow it for nothing. */
    int64_t total = 0;
    for (uint32_t i = 1; i < nn; i++)
        total += ti->demand[i];
    int64_t enough = 2 * total / (ti->capacity > 0 ? ti->capacity : 1) + 2;
    if (enough < (int64_t)ti->k)
        enough = ti->k;
    uint32_t nv = n_vehicles ? n_vehicles : enough < (int64_t)(nn - 1) ? (uint32_t)enough : nn - 1;
    ti->vehicles = xcalloc(nv, sizeof *ti->vehicles);
    for (uint32_t k = 0; k < nv; k++) {
        ti->vehicles[k].capacity = ti->capacity;
        ti->vehicles[k].days = 1u;
        ti->vehicles[k].cost_per_dist = 1;
    }
    char what[128];
    snprintf(what, sizeof what, "%s: the %u x %u distance matrix and the search", path, nn, nn);
    if (sysmem_check(sysmem_mul(sysmem_mul(nn, nn), 2 * sizeof(int32_t)), what, e) != ERR_OK)
        goto fail;
    ti->dist = xmallocarray((size_t)nn * nn, sizeof *ti->dist);
    for (uint32_t a = 0; a < nn; a++)
        for (uint32_t b = 0; b < nn; b++) {
            double d = hypot(ti->x[a] - ti->x[b], ti->y[a] - ti->y[b]);
            if (d > INT32_MAX / 2) {
                err_set(e, ERR_PARSE, "%s: distance %u-%u too large", path, ti->tsplib_id[a],
                        ti->tsplib_id[b]);
                goto fail;
            }
            ti->dist[(size_t)a * nn + b] = (int32_t)(d + 0.5);
        }
    vrp_problem *p = &ti->problem;
    p->n_nodes = nn;
    p->n_depots = 1;
    p->n_days = 1;
    p->nodes = ti->nodes;
    p->n_vehicles = nv;
    p->vehicles = ti->vehicles;
    p->time = ti->dist;
    p->dist = ti->dist;
    free(fx);
    free(fy);
    free(fd);
    free(seen_c);
    free(seen_d);
    txt_close(&t);
    return ti;
fail:
    free(fx);
    free(fy);
    free(fd);
    free(seen_c);
    free(seen_d);
    txt_close(&t);
    tsplib_free(ti);
    return NULL;
}

void tsplib_sol_free(tsplib_sol *s)
{
    if (!s)
        return;
    for (size_t r = 0; r < s->n_routes; r++)
        free(s->stops[r]);
    free(s->stops);
    free(s->n_stops);
    free(s->line);
    free(s->path);
    free(s);
}

tsplib_sol *tsplib_sol_load(const char *path, err *e)
{
    txt t;
    if (txt_open(&t, path, e))
        return NULL;
    tsplib_sol *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    size_t cap = 0;
    for (;;) {
        size_t n;
        const char *w = txt_next(&t, false, &n);
        if (!w)
            break;
        if (tok_is(w, n, "Route")) {
            const char *h = txt_next(&t, true, &n);
            if (!h || h[0] != '#' || h[n - 1] != ':') {
                err_set(e, ERR_PARSE, "%s:%zu: field 'Route': expected '#N:', got '%s'", path,
                        t.tok_line, h ? t.tok : "end of line");
                goto fail;
            }
            if (s->n_routes == cap) {
                cap = cap ? 2 * cap : 16;
                s->stops = xreallocarray(s->stops, cap, sizeof *s->stops);
                s->n_stops = xreallocarray(s->n_stops, cap, sizeof *s->n_stops);
                s->line = xreallocarray(s->line, cap, sizeof *s->line);
            }
            size_t r = s->n_routes++;
            s->line[r] = t.tok_line;
            s->n_stops[r] = 0;
            s->stops[r] = NULL;
            bool zero; /* a 0 is stored: tsplib_sol_to_solution rejects it with its line */
            if (txt_u32_line(&t, "customer", false, &s->stops[r], &s->n_stops[r], &zero, e))
                goto fail;
        } else if (tok_is(w, n, "Cost")) {
            if (txt_double(&t, true, "Cost", &s->cost, e))
                goto fail;
            s->has_cost = true;
        } else {
            err_set(e, ERR_PARSE, "%s:%zu: expected 'Route #N:' or 'Cost', got '%s'", path,
                    t.tok_line, t.tok);
            goto fail;
        }
    }
    txt_close(&t);
    return s;
fail:
    txt_close(&t);
    tsplib_sol_free(s);
    return NULL;
}

err_code tsplib_sol_to_solution(const tsplib_instance *ti, const tsplib_sol *s, vrp_solution **out,
                                err *e)
{
    *out = NULL;
    for (size_t r = 0; r < s->n_routes; r++)
        for (uint32_t j = 0; j < s->n_stops[r]; j++)
            if (s->stops[r][j] < 1 || s->stops[r][j] >= ti->dimension)
                return err_set(e, ERR_PARSE,
                               "%s:%zu: field 'customer': expected 1..%u, got "
                               "'%u'",
                               s->path, s->line[r], ti->dimension - 1, s->stops[r][j]);
    const vrp_problem *p = &ti->problem;
    vrp_solution *sol = xcalloc(1, sizeof *sol);
    sol->n_nodes = p->n_nodes;
    sol->pattern = xcalloc(p->n_nodes, sizeof *sol->pattern);
    sol->n_routes = s->n_routes;
    sol->routes = xcalloc(s->n_routes ? s->n_routes : 1, sizeof *sol->routes);
    for (size_t r = 0; r < s->n_routes; r++) {
        vrp_route *rt = &sol->routes[r];
        rt->day = 0;
        rt->vehicle = (uint32_t)(r % p->n_vehicles);
        rt->n_stops = s->n_stops[r];
        rt->stops = xmallocarray(rt->n_stops ? rt->n_stops : 1, sizeof *rt->stops);
        memcpy(rt->stops, s->stops[r], rt->n_stops * sizeof *rt->stops);
        int64_t load = 0, dist = 0;
        uint32_t prev = 0;
        for (uint32_t j = 0; j < rt->n_stops; j++) {
            uint32_t c = rt->stops[j];
            sol->pattern[c] = 1u;
            load += p->nodes[c].demand;
            dist += p->dist[(size_t)prev * p->n_nodes + c];
            prev = c;
        }
        dist += p->dist[(size_t)prev * p->n_nodes];
        rt->load = load > INT32_MAX ? INT32_MAX : (int32_t)load;
        rt->distance = rt->duration = rt->cost = dist;
        sol->cost += dist;
    }
    /* Routes sorted by day then vehicle (vrp.h); all on day 0, so by vehicle, stable by r. */
    if (s->n_routes > p->n_vehicles) {
        vrp_route *sorted = xcalloc(s->n_routes, sizeof *sorted);
        size_t k = 0;
        for (uint32_t v = 0; v < p->n_vehicles; v++)
            for (size_t r = v; r < s->n_routes; r += p->n_vehicles)
                sorted[k++] = sol->routes[r];
        free(sol->routes);
        sol->routes = sorted;
    }
    *out = sol;
    return ERR_OK;
}

int64_t tsplib_solution_cost(const tsplib_instance *ti, const vrp_solution *s)
{
    const vrp_problem *p = &ti->problem;
    int64_t c = 0;
    for (size_t r = 0; r < s->n_routes; r++) {
        uint32_t prev = 0;
        for (uint32_t j = 0; j < s->routes[r].n_stops; j++) {
            c += p->dist[(size_t)prev * p->n_nodes + s->routes[r].stops[j]];
            prev = s->routes[r].stops[j];
        }
        c += p->dist[(size_t)prev * p->n_nodes];
    }
    return c;
}

void tsplib_sol_fprint(const tsplib_instance *ti, const vrp_solution *s, FILE *f)
{
    size_t k = 0;
    for (size_t r = 0; r < s->n_routes; r++) {
        if (!s->routes[r].n_stops)
            continue;
        fprintf(f, "Route #%zu:", ++k);
        for (uint32_t j = 0; j < s->routes[r].n_stops; j++)
            fprintf(f, " %u", s->routes[r].stops[j]);
        fprintf(f, "\n");
    }
    fprintf(f, "Cost %lld\n", (long long)tsplib_solution_cost(ti, s));
}

err_code tsplib_sol_write(const tsplib_instance *ti, const vrp_solution *s, const char *path,
                          err *e)
{
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    FILE *f = outfile_fp(of);
    tsplib_sol_fprint(ti, s, f);
    return outfile_commit(of, e);
}
