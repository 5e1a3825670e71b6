/* mip.c — the search's GLPK steps: start patterns and set partitioning over the route pool,
 * and the plan rebuilt from the routes GLPK chose. GLPK itself stays behind lp.h.
 * SPDX-License-Identifier: MIT */
#include "solver/mip.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "solver/lp.h"
#include "util/clock.h"
#include "util/mem.h"

struct mip {
    const inst *in;      /* borrowed */
    const logger *lg;    /* borrowed, may be NULL */
    vrp_node *nodes;     /* [nn] the problem's nodes, stops left out at frequency 0 */
    vrp_problem problem; /* the problem the models see: I's, with `nodes` */
    bool timed_out;      /* some GLPK call stopped at its time limit */
};

mip *mip_new(const inst *I, const logger *lg)
{
    const vrp_problem *p = I->p;
    mip *M = xcalloc(1, sizeof *M);
    M->in = I;
    M->lg = lg;
    M->nodes = xmallocarray(I->nn, sizeof *M->nodes);
    memcpy(M->nodes, p->nodes, I->nn * sizeof *M->nodes);
    for (uint32_t i = p->n_depots; i < I->nn; i++)
        if (!I->n_pats[i]) {
            M->nodes[i].freq = 0;
            M->nodes[i].n_patterns = 0;
        }
    M->problem = *p;
    M->problem.nodes = M->nodes;
    return M;
}

bool mip_timed_out(const mip *M)
{
    return M->timed_out;
}

void mip_free(mip *M)
{
    if (!M)
        return;
    free(M->nodes);
    free(M);
}

uint32_t *mip_start_patterns(mip *M, const uint32_t *start, double time_limit)
{
    const inst *I = M->in;
    lp_params lp;
    lp_params_init(&lp);
    lp.time_limit = time_limit;
    lp.node_limit = 200;
    lp.log = M->lg;
    lp_pattern_params pp;
    lp_pattern_params_init(&pp);
    uint32_t *depot_of = xmallocarray(I->nn, sizeof *depot_of);
    for (uint32_t i = 0; i < I->nn; i++)
        depot_of[i] = 0;
    /* each stop's time estimate from its nearest depot */
    for (uint32_t i = I->p->n_depots; i < I->nn; i++) {
        int64_t best = INT64_MAX;
        for (uint32_t dep = 0; dep < I->p->n_depots; dep++) {
            int64_t x = (int64_t)inst_dist(I, dep, i) + inst_dist(I, i, dep);
            if (x < best) {
                best = x;
                depot_of[i] = dep;
            }
        }
    }
    pp.depot_of = depot_of;
    pp.start = start;
    uint32_t *pat = xcalloc(I->nn, sizeof *pat);
    lp_status st = {0};
    err e = {0};
    err_code rc = lp_assign_patterns(&M->problem, &lp, &pp, pat, &st, &e);
    free(depot_of);
    M->timed_out |= st.time_out;
    if (rc) {
        log_msg(M->lg, LOG_WARN, "GLPK pattern assignment: %s", e.msg);
        free(pat);
        return NULL;
    }
    log_msg(M->lg, LOG_INFO, "GLPK pattern assignment: objective %.3f%s, %llu nodes%s",
            st.objective, st.optimal ? " (optimal)" : "", (unsigned long long)st.nodes,
            st.time_out ? ", stopped at its time limit" : "");
    return pat;
}

/* Rebuilds x from the pool routes marked in chosen, with patterns pat: each route on the
 * first empty slot of its day and group. Returns false when a day has more routes of a group
 * than slots (x is then incomplete). */
static bool rebuild(const inst *I, const pool *P, const bool *chosen, const uint32_t *pat, sol *x)
{
    for (uint32_t ri = 0; ri < I->nr; ri++)
        x->r[ri].len = 0, x->r[ri].dist = x->r[ri].time = x->r[ri].wait = 0, x->r[ri].load = 0,
        x->r[ri].bad = false;
    for (size_t k = 0; k < (size_t)I->nn * I->nd; k++)
        x->where[k] = INST_NONE;
    memcpy(x->pat, pat, I->nn * sizeof *pat);
    bool ok = true;
    for (size_t k = 0; k < pool_size(P) && ok; k++) {
        if (!chosen[k])
            continue;
        const lp_route *q = pool_route(P, k);
        uint32_t ri = I->day_first[q->day];
        while (ri < I->day_first[q->day + 1] && (pool_group(P, ri) != q->group || x->r[ri].len))
            ri++;
        if (ri == I->day_first[q->day + 1]) {
            ok = false;
            break;
        }
        sol_route *r = &x->r[ri];
        if (r->cap < q->n_stops) {
            r->cap = q->n_stops;
            r->s = xreallocarray(r->s, r->cap, sizeof *r->s);
        }
        memcpy(r->s, q->stops, q->n_stops * sizeof *r->s);
        r->len = q->n_stops;
        sol_route_eval(I, x->pat, ri, r);
        for (uint32_t j = 0; j < r->len; j++)
            x->where[(size_t)r->s[j] * I->nd + q->day] = ri;
    }
    x->cost = x->pen = 0;
    x->n_unserved = 0;
    for (uint32_t ri = 0; ri < I->nr; ri++) {
        x->cost += sol_route_cost(I, ri, &x->r[ri]);
        if (sol_route_violates(I, ri, &x->r[ri]))
            x->pen += SOL_VIOLATION_PENALTY;
    }
    sol_fleet_recount(I, x);
    for (uint32_t k = 0; k < I->n_stops; k++)
        if (!x->pat[I->stops[k]]) {
            x->n_unserved++;
            x->pen += I->penalty[I->stops[k]];
        }
    return ok;
}

bool mip_recombine(mip *M, pool *P, const sol *best, sol *out, double time_limit,
                   uint64_t node_limit)
{
    const inst *I = M->in;
    if (best->n_unserved || best->pen)
        return false;
    for (uint32_t ri = 0; ri < I->nr; ri++)
        pool_add(P, ri, &best->r[ri], true);
    size_t n = pool_size(P);
    bool *start = xcalloc(n ? n : 1, sizeof *start);
    for (uint32_t ri = 0; ri < I->nr; ri++) {
        const sol_route *r = &best->r[ri];
        if (!r->len)
            continue;
        uint32_t k = pool_find(P, I->r_day[ri], pool_group(P, ri), r->s, r->len);
        assert(k != INST_NONE);
        start[k] = true;
    }
    lp_pool lpp = pool_lp(P, start);
    lp_params lp;
    lp_params_init(&lp);
    lp.time_limit = time_limit;
    lp.node_limit = node_limit;
    lp.log = M->lg;
    bool *chosen = xcalloc(n ? n : 1, sizeof *chosen);
    uint32_t *pat = xcalloc(I->nn, sizeof *pat);
    lp_status st = {0};
    err e = {0};
    double t0 = clock_now();
    err_code rc = lp_set_partition(&M->problem, &lpp, &lp, chosen, pat, &st, &e);
    free(start);
    M->timed_out |= st.time_out;
    bool better = false;
    if (rc) {
        log_msg(M->lg, LOG_WARN, "GLPK set partitioning over %zu routes: %s", n, e.msg);
    } else {
        bool ok = rebuild(I, P, chosen, pat, out);
        int64_t before = sol_obj(best);
        better = ok && sol_obj(out) < before;
        log_msg(M->lg, LOG_INFO,
                "GLPK set partitioning over %zu routes: %lld -> %lld%s in %.2f s, %llu nodes%s", n,
                (long long)before, (long long)(better ? sol_obj(out) : before),
                st.optimal ? " (optimal)" : "", clock_now() - t0, (unsigned long long)st.nodes,
                st.time_out ? ", stopped at its time limit" : "");
    }
    free(chosen);
    free(pat);
    return better;
}
