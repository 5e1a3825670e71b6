/* solve.c — vrp_solve: the search loop of solve.h (start, ruin-and-recreate iterations with
 * annealing acceptance, the GLPK rounds, the final polish) over the parts in inst, sol, sisr,
 * ls, pool and mip; and vrp_improve. SPDX-License-Identifier: MIT */
#include "solver/solve.h"

#include <math.h>
#include <stdlib.h>

#include "solver/inst.h"
#include "solver/ls.h"
#include "solver/mip.h"
#include "solver/pool.h"
#include "solver/sisr.h"
#include "solver/sol.h"
#include "util/clock.h"
#include "util/rng.h"

#define BLINK_RATE 0.01  /* SISR beta: probability to skip an insertion position */
#define ONE_DAY_RATE 0.5 /* share of ruins that re-route one day and keep the patterns */

/* One run of the search. */
typedef struct search {
    const inst *in;        /* the problem as the parts see it */
    const vrp_params *par; /* the caller's options, with a default iteration limit when the
                              caller set no limit at all */
    const logger *lg;      /* borrowed, may be NULL */
    rng rng;               /* the run's one random stream (ruin, recreate, acceptance) */
    sol cur, cand, best;   /* current (accepted) plan, candidate, best plan so far */
    sol_delta delta;       /* what the current iteration changed in cand */
    sisr *sisr;            /* ruin and recreate */
    ls *ls;                /* local search */
    pool *pool;            /* route pool for set partitioning; NULL without use_lp */
    mip *mip;              /* GLPK steps; NULL without use_lp */
} search;

static void search_init(search *S, const inst *I, const vrp_params *par, const logger *lg)
{
    S->in = I;
    S->par = par;
    S->lg = lg;
    rng_seed(&S->rng, par->seed);
    sol_delta_init(I, &S->delta);
    S->sisr = sisr_new(I, &S->delta, &S->rng, par->avg_removed);
    S->ls = ls_new(I, &S->delta, VRP_MOVES_ALL);
    S->pool = par->use_lp ? pool_new(I) : NULL;
    S->mip = par->use_lp ? mip_new(I, lg) : NULL;
    sol_init(I, &S->cur);
    sol_init(I, &S->cand);
    sol_init(I, &S->best);
}

static void search_free(search *S)
{
    sol_free(S->in, &S->cur);
    sol_free(S->in, &S->cand);
    sol_free(S->in, &S->best);
    mip_free(S->mip);
    pool_free(S->pool);
    ls_free(S->ls);
    sisr_free(S->sisr);
    sol_delta_free(&S->delta);
}

/* The starting plan in cur, cand and best: every stop inserted by one recreate without
 * blinks; with GLPK, a second start from balanced patterns, and the cheaper of the two. */
static void start(search *S, double lp_time)
{
    const inst *I = S->in;
    for (uint32_t k = 0; k < I->n_stops; k++) {
        uint32_t c = I->stops[k];
        S->cur.n_unserved++;
        S->cur.pen += I->penalty[c];
        sol_delta_remove(&S->delta, c);
    }
    sisr_recreate(S->sisr, &S->cur, NULL, 0.0);
    sol_delta_clear(&S->delta);
    /* the greedy patterns are GLPK's incumbent */
    uint32_t *want = S->mip && I->n_stops && !S->cur.n_unserved
                         ? mip_start_patterns(S->mip, S->cur.pat, lp_time)
                         : NULL;
    if (want) {
        sol_copy(I, &S->cand, &S->cur);
        for (uint32_t k = 0; k < I->n_stops; k++)
            sol_remove_stop(I, &S->delta, &S->cand, I->stops[k]);
        sisr_recreate(S->sisr, &S->cand, want, 0.0);
        log_msg(S->lg, LOG_INFO, "start: greedy patterns %lld, GLPK patterns %lld (%u unserved)",
                (long long)S->cur.cost, (long long)S->cand.cost, S->cand.n_unserved);
        if (sol_obj(&S->cand) < sol_obj(&S->cur))
            sol_copy(I, &S->cur, &S->cand);
        sol_delta_clear(&S->delta);
        free(want);
    }
    sol_copy(I, &S->cand, &S->cur);
    sol_copy(I, &S->best, &S->cur);
}

/* Set partitioning over the pool; a cheaper plan becomes the best and the current one. */
static void recombine(search *S, double time_limit)
{
    /* with an iteration limit the run must not depend on the clock: GLPK stops at 40 nodes
     * (a set-partitioning node of a few thousand routes takes tens of milliseconds), its time
     * limit being only what is left of the run's (glpk_time) */
    uint64_t node_limit = S->par->max_iterations ? 40 : 0;
    if (mip_recombine(S->mip, S->pool, &S->best, &S->cand, time_limit, node_limit)) {
        sol_copy(S->in, &S->best, &S->cand);
        sol_copy(S->in, &S->cur, &S->cand);
    }
    sol_copy(S->in, &S->cand, &S->cur);
}

/* The local search over every route of the best plan, once at the end (during the run it
 * only starts from the routes an iteration changed). */
static void polish(search *S)
{
    sol_delta_clear(&S->delta);
    sol_copy(S->in, &S->cand, &S->best);
    sol_delta_all_dirty(S->in, &S->delta, &S->cand);
    int64_t before = sol_obj(&S->best);
    ls_run(S->ls, &S->cand);
    if (sol_obj(&S->cand) < before) {
        sol_copy(S->in, &S->best, &S->cand);
        log_msg(S->lg, LOG_INFO, "polish: local search over all routes %lld -> %lld",
                (long long)before, (long long)sol_obj(&S->best));
    }
    sol_delta_clear(&S->delta);
}

/* Why the search must end now (VRP_END_NONE: go on). */
static vrp_end stop_now(const search *S, uint64_t it, double t0)
{
    const vrp_params *par = S->par;
    if (par->interrupted && *par->interrupted)
        return VRP_END_INTERRUPTED;
    if (par->max_iterations && it >= par->max_iterations)
        return VRP_END_ITERATIONS;
    if (par->time_limit_s > 0 && clock_now() - t0 >= par->time_limit_s)
        return VRP_END_TIME;
    /* with an iteration limit GLPK's time limit is what was left of the run's (glpk_time): a
     * GLPK step that reached it means the run's time is up, and the plan already depends on
     * the machine */
    if (par->max_iterations && S->mip && mip_timed_out(S->mip))
        return VRP_END_TIME;
    return VRP_END_NONE;
}

/* Fraction of the run done, for the cooling schedule and the GLPK rounds: of the iteration
 * limit when there is one, so that the run depends on the iteration count alone; else of the
 * time limit. */
static double progress(const vrp_params *par, uint64_t it, double elapsed)
{
    double f = par->max_iterations ? (double)it / (double)par->max_iterations
                                   : elapsed / par->time_limit_s;
    return fmin(f, 1.0);
}

/* Seconds a GLPK step may take (<= 0: no limit). With an iteration limit, what is left of the
 * run's time limit (none without one): GLPK then stops at its node limit, whatever the
 * machine's speed, and the clock only acts as the safety net. Without an iteration limit,
 * `budget`, a few percent of the run. */
static double glpk_time(const search *S, double t0, double budget)
{
    const vrp_params *par = S->par;
    if (!par->max_iterations)
        return budget;
    if (par->time_limit_s <= 0)
        return 0;
    return fmax(0.001, par->time_limit_s - (clock_now() - t0));
}

/* One iteration: ruin, recreate, local search of a candidate new best, acceptance at
 * temperature T; the change is then copied to the plan that did not get it. */
static void iterate(search *S, double T)
{
    const inst *I = S->in;
    /* unserved stops are retried in every iteration */
    for (uint32_t k = 0; k < I->n_stops; k++)
        if (!S->cand.pat[I->stops[k]])
            sol_delta_remove(&S->delta, I->stops[k]);
    bool one_day = rng_double(&S->rng) < ONE_DAY_RATE;
    sisr_ruin(S->sisr, &S->cand, one_day);
    if (one_day)
        sisr_recreate_visits(S->sisr, &S->cand, BLINK_RATE);
    sisr_recreate(S->sisr, &S->cand, NULL, BLINK_RATE);
    if (S->par->local_search && sol_obj(&S->cand) < sol_obj(&S->best))
        ls_run(S->ls, &S->cand);
    int64_t oc = sol_obj(&S->cand), ou = sol_obj(&S->cur);
    double u = rng_double(&S->rng);
    if ((double)oc < (double)ou - T * log(u > 0 ? u : 1e-300)) {
        sol_sync(I, &S->delta, &S->cur, &S->cand);
        if (oc < sol_obj(&S->best))
            sol_copy(I, &S->best, &S->cur);
        /* routes of plans within 0.5 % of the best feed the set partitioning */
        if (S->pool && !S->cur.pen && oc <= sol_obj(&S->best) + sol_obj(&S->best) / 200)
            for (uint32_t k = 0; k < S->delta.n_dirty; k++)
                pool_add(S->pool, S->delta.dirty[k], &S->cur.r[S->delta.dirty[k]], false);
    } else {
        sol_sync(I, &S->delta, &S->cand, &S->cur);
    }
    sol_delta_clear(&S->delta);
}

/* Runs the search on p, whose stops rejected by vrp_stop_reason are left out (pattern 0). */
static err_code run(const vrp_problem *p, const vrp_params *par, const logger *lg,
                    vrp_solution **out, err *e)
{
    double t0 = clock_now();
    vrp_params local = *par;
    if (!local.max_iterations && local.time_limit_s <= 0)
        local.max_iterations = 20000; /* neither limit: a bounded default */
    inst *I = inst_new(p);
    if (!I->n_stops) {
        bool any = false;
        for (uint32_t i = p->n_depots; i < p->n_nodes; i++)
            any |= p->nodes[i].freq > 0;
        if (any) {
            inst_free(I);
            return err_set(e, ERR_INFEASIBLE, "no stop can be served");
        }
    }
    search S;
    search_init(&S, I, &local, lg);
    /* without an iteration limit, GLPK gets a few percent of the run per call */
    double lp_time =
        local.time_limit_s > 0 ? fmax(0.2, fmin(10.0, 0.04 * local.time_limit_s)) : 10.0;
    start(&S, glpk_time(&S, t0, lp_time));

    uint32_t visits = 0, used = 0;
    for (uint32_t ri = 0; ri < I->nr; ri++)
        if (S.cur.r[ri].len) {
            visits += S.cur.r[ri].len;
            used++;
        }
    /* temperatures are fractions of the mean arc cost of the BEST plan so far (its cost over
     * the first plan's arcs), so they follow the plan as it improves instead of staying tied
     * to how good the greedy start happened to be (measured: mean gap 1.69 % -> 1.58 % over
     * 8 hard Cordeau instances, 4 seeds, 400,000 iterations) */
    const double arcs = visits + used ? visits + used : 1;
    double T0 = local.temp_start, Tf = local.temp_end;
    if (T0 <= 0 || Tf <= 0) {
        T0 = 3;
        Tf = 0.03;
    }
    log_msg(lg, LOG_INFO, "search: %u stops, %u route slots, start cost %lld, %u unserved",
            I->n_stops, I->nr, (long long)S.cur.cost, S.cur.n_unserved);

    uint64_t it = 0;
    int lp_round = 0;
    double last_report = t0;
    vrp_end end = VRP_END_NONE;
    while (I->n_stops && !(end = stop_now(&S, it, t0))) {
        double now = clock_now();
        double frac = progress(&local, it, now - t0);
        double T = T0 * pow(Tf / T0, frac) * (double)(S.best.cost ? S.best.cost : 1) / arcs;
        iterate(&S, T);
        it++;
        if (S.mip && lp_round < 2 && frac >= (lp_round ? 0.8 : 0.5)) {
            lp_round++;
            /* without an iteration limit, each round gets a few percent of the run, and never
             * more than an eighth of what is left of it */
            double left = local.time_limit_s - (clock_now() - t0);
            recombine(&S, glpk_time(&S, t0, fmin(lp_time, left / 8)));
        }
        if (now - last_report >= 1.0) {
            last_report = now;
            if (local.max_iterations)
                log_progress(lg, "search", (double)it, (double)local.max_iterations, "best %lld",
                             (long long)S.best.cost);
            else
                log_progress(lg, "search", now - t0, local.time_limit_s, "best %lld",
                             (long long)S.best.cost);
        }
    }
    if (local.local_search && I->n_stops)
        polish(&S);
    double el = clock_now() - t0;
    log_progress(lg, "search", 1, 1, "best %lld", (long long)S.best.cost);
    log_msg(
        lg, LOG_INFO, "search: %llu iterations in %.2f s, best cost %lld, %u unserved, ended by %s",
        (unsigned long long)it, el, (long long)S.best.cost, S.best.n_unserved, vrp_end_text(end));
    if (end == VRP_END_TIME && local.max_iterations)
        log_msg(lg, LOG_WARN,
                "the time limit (%g s) stopped the search after %llu of %llu iterations: this "
                "plan depends on the machine's speed, not only on the seed and the iteration "
                "limit (a longer time limit makes it reproducible)",
                local.time_limit_s, (unsigned long long)it,
                (unsigned long long)local.max_iterations);
    if (S.best.n_unserved)
        log_msg(lg, LOG_WARN, "%u stops could not be placed with the available fleet",
                S.best.n_unserved);
    *out = sol_export(I, &S.best);
    (*out)->end = end;
    search_free(&S);
    inst_free(I);
    return ERR_OK;
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
    return run(p, params, lg, out, e);
}

err_code vrp_improve(const vrp_problem *p, unsigned moves, const vrp_solution *in,
                     vrp_solution **out, err *e)
{
    return ls_improve(p, moves, in, out, e);
}
