/* solve.c — periodic VRP metaheuristic: ruin-and-recreate with slack induction by string
 * removals (SISR, Christiaens & Vanden Berghe, Transp. Sci. 2020) adapted to periodic
 * patterns: a ruin removes every visit of the stops it picks, and the recreate chooses for each
 * stop the allowed pattern whose days have the cheapest sum of best insertions (with SISR's
 * "blinks"). Simulated-annealing acceptance; per-day route local search (2-opt, or-opt,
 * relocate, swap, 2-opt*) on improving solutions; optional GLPK pattern assignment for the
 * start and set partitioning over a pool of routes (solver/lp.h).
 * SPDX-License-Identifier: MIT */
#include "solver/solve.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/search.h"
#include "util/mem.h"

void vrp_params_init(vrp_params *p)
{
    memset(p, 0, sizeof *p);
    p->seed = 1;
    p->time_limit_s = 10.0;
    p->max_iterations = 0;
    p->use_lp = true;
    p->interrupted = NULL;
    p->avg_removed = 10;
    p->temp_start = 3.0;
    p->temp_end = 0.03;
    p->local_search = true;
}

const char *vrp_reason_text(vrp_reason r)
{
    switch (r) {
    case VRP_REASON_NO_PATTERN: return "no allowed day pattern fits its frequency and the period";
    case VRP_REASON_DEMAND: return "demand exceeds every vehicle's capacity";
    case VRP_REASON_UNREACHABLE:
        return "no vehicle can reach it and return within its duration and distance limits";
    case VRP_REASON_NO_DAYS:
        return "no allowed day pattern has a capable vehicle on each of its days";
    }
    return "unknown reason";
}

static bool pattern_valid(const vrp_problem *p, const vrp_node *nd, uint32_t mask)
{
    uint32_t all = p->n_days >= 32 ? UINT32_MAX : ((1u << p->n_days) - 1u);
    return (mask & ~all) == 0 && (uint32_t)__builtin_popcount(mask) == nd->freq;
}

/* Can vehicle v alone go from its depot to stop i and back within its limits? */
static bool round_trip_ok(const vrp_problem *p, const vrp_vehicle *v, uint32_t i)
{
    size_t n = p->n_nodes;
    int32_t t1 = p->time[v->depot * n + i], t2 = p->time[i * n + v->depot];
    int32_t d1 = p->dist[v->depot * n + i], d2 = p->dist[i * n + v->depot];
    if (t1 == VRP_UNREACHABLE || t2 == VRP_UNREACHABLE || d1 == VRP_UNREACHABLE ||
        d2 == VRP_UNREACHABLE)
        return false;
    int64_t dur = (int64_t)t1 + p->nodes[i].service + t2;
    if (v->max_duration > 0 && dur > v->max_duration)
        return false;
    if (v->max_distance > 0 && (int64_t)d1 + d2 > v->max_distance)
        return false;
    return true;
}

vrp_reason vrp_stop_reason(const vrp_problem *p, uint32_t i)
{
    const vrp_node *nd = &p->nodes[i];
    bool any_pattern = false;
    for (uint32_t k = 0; k < nd->n_patterns; k++)
        any_pattern |= pattern_valid(p, nd, nd->patterns[k]);
    if (!any_pattern)
        return VRP_REASON_NO_PATTERN;
    bool cap_ok = false;
    uint32_t days = 0;
    for (uint32_t v = 0; v < p->n_vehicles; v++) {
        const vrp_vehicle *vh = &p->vehicles[v];
        if (vh->capacity < nd->demand || !vh->days)
            continue;
        cap_ok = true;
        if (round_trip_ok(p, vh, i))
            days |= vh->days;
    }
    if (!cap_ok)
        return VRP_REASON_DEMAND;
    if (!days)
        return VRP_REASON_UNREACHABLE;
    for (uint32_t k = 0; k < nd->n_patterns; k++)
        if (pattern_valid(p, nd, nd->patterns[k]) && (nd->patterns[k] & ~days) == 0)
            return 0;
    return VRP_REASON_NO_DAYS;
}

err_code vrp_diagnose(const vrp_problem *p, vrp_diag **out, size_t *n_out, err *e)
{
    vrp_diag *d = NULL;
    size_t n = 0, n_stops = 0;
    for (uint32_t i = p->n_depots; i < p->n_nodes; i++) {
        if (!p->nodes[i].freq)
            continue;
        n_stops++;
        vrp_reason r = vrp_stop_reason(p, i);
        if (!r)
            continue;
        d = xreallocarray(d, n + 1, sizeof *d);
        d[n++] = (vrp_diag){.node = i, .reason = r};
    }
    *out = d;
    *n_out = n;
    if (n_stops > 0 && n == n_stops)
        return err_set(e, ERR_INFEASIBLE, "none of the %zu stops can be served (stop %u: %s)",
                       n_stops, d[0].node, vrp_reason_text(d[0].reason));
    return ERR_OK;
}

size_t vrp_solution_unserved(const vrp_problem *p, const vrp_solution *s)
{
    size_t n = 0;
    for (uint32_t i = p->n_depots; i < p->n_nodes; i++)
        if (p->nodes[i].freq && !s->pattern[i])
            n++;
    return n;
}

err_code vrp_solve(const vrp_problem *p, const vrp_params *params, const logger *lg,
                   vrp_solution **out, err *e)
{
    vrp_params def;
    if (!params) {
        vrp_params_init(&def);
        params = &def;
    }
    *out = NULL;
    vrp_diag *diag = NULL;
    size_t n_diag = 0;
    err_code rc = vrp_diagnose(p, &diag, &n_diag, e);
    for (size_t k = 0; k < n_diag; k++)
        log_msg(lg, LOG_WARN, "stop %u left out: %s", diag[k].node,
                vrp_reason_text(diag[k].reason));
    free(diag);
    if (rc)
        return rc;
    return search_run(p, params, lg, out, e);
}

err_code vrp_improve(const vrp_problem *p, unsigned moves, const vrp_solution *in,
                     vrp_solution **out, err *e)
{
    return search_improve(p, moves, in, out, e);
}
