/* share.c — `jincun share`: every coalition of a scenario's courier companies planned on the
 * same network and fleet (threads, one plan each, iteration limits), the cheapest plan known
 * per coalition, and the cost allocations of solver/game.h and solver/gamelp.h (see share.h).
 *
 * A coalition S's problem keeps the depots and the stops where S has parcels, with S's parcels
 * only and the service time they need (time per stop + time per parcel of S), and the whole
 * fleet. Each coalition's figure is the cost of a plan that serves it, the cheapest of:
 *  - its own plan (vrp_solve, same seed and iteration limit for every coalition);
 *  - the plan of a coalition T containing it without T's other parcels: T's routes keep their
 *    order and days but skip the stops S does not need, and the solver's local search then
 *    improves them (vrp_improve). This is a plan of S, checked as one, so its cost bounds
 *    S's from above;
 *  - two disjoint coalitions' plans side by side (A + B = S), when the fleet has a van for
 *    each of their routes on each day (vans with the same depot, capacity, limits and costs
 *    may swap).
 * A heuristic can plan a larger coalition dearer than a smaller one; taking the cheapest plan
 * known removes such inversions, and coalitions.csv says which figure is whose plan.
 * Threads: the solver keeps its state in handles and GLPK keeps one environment per thread
 * (each worker frees its own with lp_free_env before it ends).
 * SPDX-License-Identifier: MIT */
#include "io/planner/share.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/planner/planner.h"
#include "io/scenario/scenario.h"
#include "io/text/csvwrite.h"
#include "io/text/outdir.h"
#include "io/text/outfmt.h"
#include "solver/game.h"
#include "solver/gamelp.h"
#include "solver/lp.h"
#include "solver/solve.h"
#include "util/clock.h"
#include "util/mem.h"
#include "util/outfile.h"
#include "util/path.h"
#include "util/rng.h"

#define UNITS_PER_FEN 10000 /* solver cost units (1e-6 CNY) per fen */

void share_opts_init(share_opts *o)
{
    *o = (share_opts){
        .time_limit_s = -1,
        .exact_max = SHARE_EXACT_MAX,
        .orders = SHARE_DEFAULT_ORDERS,
        .use_lp = true,
    };
}

/* One sub-plan of a coalition's best plan: the plan of coalition `mask` (a problem of that
 * coalition, vehicle-days disjoint from the other parts). */
typedef struct part {
    uint32_t mask;
    vrp_solution *sol;
} part;

typedef enum src_kind { SRC_NONE, SRC_OWN, SRC_LARGER, SRC_SIDE } src_kind;

typedef struct coal {
    bool need;  /* to be planned */
    bool built; /* problem below built */
    vrp_problem prob;
    vrp_node *nodes;
    int32_t *time, *dist;
    uint32_t *full_of; /* [prob.n_nodes] node of the scenario's problem */
    int32_t *svc;      /* service per node (nodes[].service points nowhere else) */
    /* own plan */
    vrp_solution *own;
    double cpu_s; /* CPU seconds of its solve (the thread's clock), for --timings */
    err_code rc;
    err e;
    /* cheapest plan known */
    part *parts;
    size_t n_parts;
    int64_t cost; /* solver units */
    src_kind src;
    uint32_t src_a, src_b;
    /* figures of the cheapest plan */
    double km, hours, co2_kg;
    uint32_t vans, vehicle_days;
    int64_t parcels_week;
} coal;

typedef struct ctx {
    const share_opts *o;
    const logger *lg;
    planner_net *net;
    const scenario *sc;
    const vrp_problem *full; /* every carrier */
    const uint32_t *node_stop;
    uint32_t k, full_mask;
    coal *co;              /* [2^k] */
    int32_t *base_service; /* [full->n_nodes] service time without parcels */
    uint64_t seed, iterations;
    double time_limit_s;
    /* the worker pool */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    uint32_t *todo;
    uint32_t *finished; /* [n_todo] masks in the order their plans finished */
    size_t n_todo, next, done;
    /* results */
    int64_t *fen; /* [2^k] */
    bool *known;  /* [2^k] */
    bool exact;
    uint32_t *orders;
    size_t n_orders;
    double shapley_se[GAME_MAX_PLAYERS];
    int64_t alloc[5][GAME_MAX_PLAYERS]; /* by rule, fen */
    bool rule_ok[5];
    char rule_note[5][160];
    double least_core_eps; /* fen */
    double epm_f;
} ctx;

enum { RULE_SHAPLEY, RULE_PARCELS, RULE_ALONE, RULE_EPM, RULE_NUCLEOLUS, N_RULES };
static const char *const rule_key[N_RULES] = {"shapley", "parcels", "alone_cost", "epm",
                                              "nucleolus"};
static const char *const rule_title[N_RULES] = {"Shapley value 沙普利值", "by parcels 按件数",
                                                "by own cost 按独立成本",
                                                "equal profit (EPM) 等比节省", "nucleolus 核仁"};

static uint32_t popcount32(uint32_t m)
{
    uint32_t n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* "ems+sf+zto" */
static void members(const ctx *x, uint32_t mask, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = 0;
    for (uint32_t i = 0; i < x->k; i++)
        if (mask >> i & 1) {
            int w = snprintf(buf + used, size - used, "%s%s", used ? "+" : "", x->sc->carriers[i]);
            if (w < 0 || (size_t)w >= size - used)
                return;
            used += (size_t)w;
        }
}

static int32_t demand_of(const ctx *x, uint32_t fnode, uint32_t mask)
{
    const vrp_node *nd = &x->full->nodes[fnode];
    if (fnode < x->full->n_depots || !nd->demand_by)
        return 0;
    int32_t d = 0;
    for (uint32_t i = 0; i < x->k; i++)
        if (mask >> i & 1)
            d += nd->demand_by[i];
    return d;
}

/* The problem of coalition mask: depots, then the stops where it has parcels. */
static void build(ctx *x, uint32_t mask)
{
    coal *c = &x->co[mask];
    if (c->built)
        return;
    const vrp_problem *F = x->full;
    uint32_t n = 0;
    c->full_of = xmallocarray(F->n_nodes, sizeof *c->full_of);
    for (uint32_t v = 0; v < F->n_nodes; v++)
        if (v < F->n_depots || demand_of(x, v, mask) > 0)
            c->full_of[n++] = v;
    c->nodes = xcalloc(n, sizeof *c->nodes);
    c->time = xmallocarray((size_t)n * n, sizeof *c->time);
    c->dist = xmallocarray((size_t)n * n, sizeof *c->dist);
    for (uint32_t a = 0; a < n; a++) {
        uint32_t fa = c->full_of[a];
        for (uint32_t b = 0; b < n; b++) {
            size_t fi = (size_t)fa * F->n_nodes + c->full_of[b];
            c->time[(size_t)a * n + b] = F->time[fi];
            c->dist[(size_t)a * n + b] = F->dist[fi];
        }
        if (a < F->n_depots)
            continue;
        const vrp_node *fn = &F->nodes[fa];
        vrp_node *nd = &c->nodes[a];
        nd->demand = demand_of(x, fa, mask);
        nd->service = x->base_service[fa] + (int32_t)lround(x->sc->service_parcel_s * nd->demand);
        nd->freq = fn->freq;
        nd->n_patterns = fn->n_patterns;
        nd->patterns = fn->patterns;
        c->parcels_week += (int64_t)nd->demand * fn->freq;
    }
    c->prob = (vrp_problem){
        .n_nodes = n,
        .n_depots = F->n_depots,
        .n_days = F->n_days,
        .nodes = c->nodes,
        .n_vehicles = F->n_vehicles,
        .vehicles = F->vehicles,
        .time = c->time,
        .dist = c->dist,
    };
    c->built = true;
}

static void plan_one(ctx *x, uint32_t mask)
{
    coal *c = &x->co[mask];
    build(x, mask);
    vrp_params vp;
    vrp_params_init(&vp);
    vp.seed = x->seed;
    vp.max_iterations = x->iterations;
    vp.time_limit_s = x->time_limit_s;
    vp.use_lp = x->o->use_lp;
    vp.interrupted = x->o->interrupted;
    struct timespec t0, t1;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    c->rc = vrp_solve(&c->prob, &vp, NULL, &c->own, &c->e);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
    c->cpu_s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (c->rc == ERR_OK && vrp_solution_unserved(&c->prob, c->own) > 0) {
        char who[256];
        members(x, mask, who, sizeof who);
        c->rc = err_set(&c->e, ERR_INFEASIBLE,
                        "coalition %s: the fleet cannot serve %zu of its stops, so its cost "
                        "would not compare with the others' (add a van or lengthen shifts)",
                        who, vrp_solution_unserved(&c->prob, c->own));
    }
}

static void *worker(void *arg)
{
    ctx *x = arg;
    for (;;) {
        pthread_mutex_lock(&x->mu);
        bool stop = x->next >= x->n_todo || (x->o->interrupted && *x->o->interrupted);
        uint32_t mask = stop ? 0 : x->todo[x->next++];
        pthread_mutex_unlock(&x->mu);
        if (stop)
            break;
        plan_one(x, mask);
        pthread_mutex_lock(&x->mu);
        x->finished[x->done++] = mask;
        pthread_cond_signal(&x->cv);
        pthread_mutex_unlock(&x->mu);
    }
    lp_free_env(); /* this thread's GLPK environment */
    pthread_mutex_lock(&x->mu);
    pthread_cond_signal(&x->cv);
    pthread_mutex_unlock(&x->mu);
    return NULL;
}

static unsigned online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 1 ? (unsigned)n : 1;
}

static err_code plan_all(ctx *x, share_stats *st, err *e)
{
    unsigned jobs = x->o->jobs ? x->o->jobs : online_cpus();
    if (jobs > x->n_todo)
        jobs = (unsigned)x->n_todo;
    if (jobs == 0)
        jobs = 1;
    st->jobs = jobs;
    pthread_t *th = xcalloc(jobs, sizeof *th);
    pthread_mutex_init(&x->mu, NULL);
    pthread_cond_init(&x->cv, NULL);
    unsigned started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&th[started], NULL, worker, x) != 0)
            break;
    if (started == 0)
        worker(x); /* no thread could start: plan here */
    log_progress(x->lg, "share", 0, (double)x->n_todo, "%zu plans, %u at once", x->n_todo,
                 started ? started : 1);
    pthread_mutex_lock(&x->mu);
    size_t shown = 0;
    while (x->done < x->n_todo && !(x->o->interrupted && *x->o->interrupted)) {
        pthread_cond_wait(&x->cv, &x->mu);
        while (shown < x->done) {
            /* the logger is the main thread's: the workers only record what they finished */
            uint32_t m = x->finished[shown++];
            const coal *c = &x->co[m];
            char who[256];
            members(x, m, who, sizeof who);
            if (c->rc == ERR_OK)
                log_msg(x->lg, LOG_INFO, "share: %s planned: %.2f %s, %.2f s CPU", who,
                        (double)c->own->cost / 1e6, x->sc->currency, c->cpu_s);
            log_progress(x->lg, "share", (double)shown, (double)x->n_todo, "%zu of %zu plans",
                         shown, x->n_todo);
        }
    }
    pthread_mutex_unlock(&x->mu);
    for (unsigned t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    free(th);
    pthread_cond_destroy(&x->cv);
    pthread_mutex_destroy(&x->mu);
    if (x->o->interrupted && *x->o->interrupted)
        return err_set(e, ERR_INTERRUPTED, "interrupted; nothing written");
    for (size_t i = 0; i < x->n_todo; i++) {
        coal *c = &x->co[x->todo[i]];
        if (c->rc != ERR_OK) {
            err_set(e, c->rc, "%s", c->e.msg);
            return c->rc;
        }
        if (c->own->end == VRP_END_TIME)
            st->time_limited = true;
        if (c->own->end == VRP_END_INTERRUPTED)
            return err_set(e, ERR_INTERRUPTED, "interrupted; nothing written");
    }
    st->n_planned = x->n_todo;
    for (size_t i = 0; i < x->n_todo; i++) {
        uint32_t size = popcount32(x->todo[i]);
        st->by_size[size].n++;
        st->by_size[size].cpu_s += x->co[x->todo[i]].cpu_s;
    }
    return ERR_OK;
}

/* ---- the cheapest plan known ------------------------------------------------------------- */

static vrp_solution *sol_copy(const vrp_solution *s)
{
    vrp_solution *d = xcalloc(1, sizeof *d);
    *d = *s;
    d->pattern = xmallocarray(s->n_nodes ? s->n_nodes : 1, sizeof *d->pattern);
    memcpy(d->pattern, s->pattern, s->n_nodes * sizeof *d->pattern);
    d->routes = xcalloc(s->n_routes ? s->n_routes : 1, sizeof *d->routes);
    for (size_t r = 0; r < s->n_routes; r++) {
        d->routes[r] = s->routes[r];
        d->routes[r].stops = xmallocarray(s->routes[r].n_stops ? s->routes[r].n_stops : 1,
                                          sizeof *d->routes[r].stops);
        memcpy(d->routes[r].stops, s->routes[r].stops,
               s->routes[r].n_stops * sizeof *d->routes[r].stops);
    }
    return d;
}

static void parts_free(part *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        vrp_solution_free(p[i].sol);
    free(p);
}

static int64_t parts_cost(const part *p, size_t n)
{
    int64_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += p[i].sol->cost;
    return c;
}

static void set_best(coal *c, part *p, size_t n, src_kind src, uint32_t a, uint32_t b)
{
    parts_free(c->parts, c->n_parts);
    c->parts = p;
    c->n_parts = n;
    c->cost = parts_cost(p, n);
    c->src = src;
    c->src_a = a;
    c->src_b = b;
}

/* Plan of part P's coalition without the parcels outside S: P's routes minus the stops that
 * P & S does not need, then improved by the local search (moves, 0 = only checked). NULL when
 * the result is not a feasible plan of P & S. */
static vrp_solution *restrict_part(ctx *x, const part *P, uint32_t S, unsigned moves)
{
    uint32_t Q = P->mask & S;
    build(x, Q);
    const coal *cp = &x->co[P->mask], *cq = &x->co[Q];
    uint32_t nf = x->full->n_nodes;
    uint32_t *q_of = xmallocarray(nf, sizeof *q_of);
    for (uint32_t v = 0; v < nf; v++)
        q_of[v] = UINT32_MAX;
    for (uint32_t j = 0; j < cq->prob.n_nodes; j++)
        q_of[cq->full_of[j]] = j;
    vrp_solution *d = xcalloc(1, sizeof *d);
    d->n_nodes = cq->prob.n_nodes;
    d->pattern = xcalloc(d->n_nodes, sizeof *d->pattern);
    d->routes = xcalloc(P->sol->n_routes ? P->sol->n_routes : 1, sizeof *d->routes);
    for (uint32_t j = 0; j < cp->prob.n_nodes; j++) {
        uint32_t q = q_of[cp->full_of[j]];
        if (q != UINT32_MAX && j >= cp->prob.n_depots)
            d->pattern[q] = P->sol->pattern[j];
    }
    for (size_t r = 0; r < P->sol->n_routes; r++) {
        const vrp_route *src = &P->sol->routes[r];
        vrp_route *dst = &d->routes[d->n_routes];
        *dst = (vrp_route){.day = src->day, .vehicle = src->vehicle};
        dst->stops = xmallocarray(src->n_stops ? src->n_stops : 1, sizeof *dst->stops);
        for (uint32_t s = 0; s < src->n_stops; s++) {
            uint32_t q = q_of[cp->full_of[src->stops[s]]];
            if (q != UINT32_MAX)
                dst->stops[dst->n_stops++] = q;
        }
        if (dst->n_stops)
            d->n_routes++;
        else
            free(dst->stops);
    }
    free(q_of);
    vrp_solution *out = NULL;
    err e = {0};
    err_code rc = vrp_improve(&cq->prob, moves, d, &out, &e);
    vrp_solution_free(d);
    if (rc != ERR_OK || vrp_solution_unserved(&cq->prob, out) > 0) {
        log_msg(x->lg, LOG_DEBUG, "share: a larger plan does not give one of %#x: %s", Q, e.msg);
        vrp_solution_free(out);
        return NULL;
    }
    return out;
}

/* T's cheapest plan without the parcels outside S (S inside T); NULL when not a plan. */
static part *restrict_plan(ctx *x, uint32_t T, uint32_t S, size_t *n_out)
{
    const coal *ct = &x->co[T];
    part *p = xcalloc(ct->n_parts, sizeof *p);
    size_t n = 0;
    unsigned moves = 0;
    size_t n_keep = 0;
    for (size_t i = 0; i < ct->n_parts; i++)
        n_keep += (ct->parts[i].mask & S) != 0;
    if (n_keep == 1)
        moves = VRP_MOVES_ALL; /* one plan: its routes may change vans freely */
    for (size_t i = 0; i < ct->n_parts; i++) {
        if (!(ct->parts[i].mask & S))
            continue;
        vrp_solution *s = restrict_part(x, &ct->parts[i], S, moves);
        if (!s) {
            parts_free(p, n);
            return NULL;
        }
        p[n++] = (part){ct->parts[i].mask & S, s};
    }
    *n_out = n;
    return p;
}

static bool same_kind(const vrp_vehicle *a, const vrp_vehicle *b)
{
    return a->depot == b->depot && a->capacity == b->capacity &&
           a->max_duration == b->max_duration && a->max_distance == b->max_distance &&
           a->fixed_cost == b->fixed_cost && a->cost_per_dist == b->cost_per_dist &&
           a->cost_per_time == b->cost_per_time;
}

/* A's and B's cheapest plans side by side, each route of B on a van free that day (its own, or
 * one of the same kind); NULL when the fleet has not enough vans on some day. */
static part *side_by_side(ctx *x, uint32_t A, uint32_t B, size_t *n_out)
{
    const coal *ca = &x->co[A], *cb = &x->co[B];
    const vrp_problem *F = x->full;
    size_t n = ca->n_parts + cb->n_parts;
    part *p = xcalloc(n, sizeof *p);
    bool *used = xcalloc((size_t)F->n_days * F->n_vehicles, sizeof *used);
    size_t j = 0;
    for (size_t i = 0; i < ca->n_parts; i++) {
        p[j++] = (part){ca->parts[i].mask, sol_copy(ca->parts[i].sol)};
        for (size_t r = 0; r < ca->parts[i].sol->n_routes; r++) {
            const vrp_route *q = &ca->parts[i].sol->routes[r];
            used[(size_t)q->day * F->n_vehicles + q->vehicle] = true;
        }
    }
    bool ok = true;
    for (size_t i = 0; i < cb->n_parts && ok; i++) {
        vrp_solution *s = sol_copy(cb->parts[i].sol);
        p[j++] = (part){cb->parts[i].mask, s};
        for (size_t r = 0; r < s->n_routes && ok; r++) {
            vrp_route *q = &s->routes[r];
            uint32_t v = q->vehicle;
            if (used[(size_t)q->day * F->n_vehicles + v]) {
                v = UINT32_MAX;
                for (uint32_t w = 0; w < F->n_vehicles && v == UINT32_MAX; w++)
                    if (!used[(size_t)q->day * F->n_vehicles + w] &&
                        (F->vehicles[w].days >> q->day & 1) &&
                        same_kind(&F->vehicles[w], &F->vehicles[q->vehicle]))
                        v = w;
            }
            if (v == UINT32_MAX) {
                ok = false;
                break;
            }
            q->vehicle = v;
            used[(size_t)q->day * F->n_vehicles + v] = true;
        }
    }
    free(used);
    if (!ok) {
        parts_free(p, j);
        return NULL;
    }
    /* a route that changed van must stay sorted by day, then vehicle (vrp_solution's order) */
    *n_out = n;
    return p;
}

static int route_order(const void *a, const void *b)
{
    const vrp_route *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->vehicle > y->vehicle) - (x->vehicle < y->vehicle);
}

static void best_plans(ctx *x, share_stats *st)
{
    uint32_t full = x->full_mask;
    for (uint32_t S = 1; S <= full; S++)
        if (x->co[S].own) {
            part *p = xcalloc(1, sizeof *p);
            p[0] = (part){S, sol_copy(x->co[S].own)};
            set_best(&x->co[S], p, 1, SRC_OWN, S, 0);
        }
    for (int round = 0; round < 2; round++) {
        /* side by side, smaller coalitions first */
        for (uint32_t size = 2; size <= x->k; size++)
            for (uint32_t S = 1; S <= full; S++) {
                if (popcount32(S) != size || !x->co[S].n_parts)
                    continue;
                uint32_t low = S & (~S + 1);
                for (uint32_t A = (S - 1) & S; A; A = (A - 1) & S) {
                    uint32_t B = S & ~A;
                    if (!(A & low) || !x->co[A].n_parts || !x->co[B].n_parts)
                        continue;
                    if (x->co[A].cost + x->co[B].cost >= x->co[S].cost)
                        continue;
                    size_t n;
                    part *p = side_by_side(x, A, B, &n);
                    if (!p)
                        continue;
                    for (size_t i = 0; i < n; i++)
                        qsort(p[i].sol->routes, p[i].sol->n_routes, sizeof *p[i].sol->routes,
                              route_order);
                    set_best(&x->co[S], p, n, SRC_SIDE, A, B);
                }
            }
        /* a larger coalition's plan without the others' parcels, larger first */
        for (uint32_t size = x->k - 1; size >= 1; size--)
            for (uint32_t S = 1; S <= full; S++) {
                if (popcount32(S) != size || !x->co[S].n_parts)
                    continue;
                for (uint32_t i = 0; i < x->k; i++) {
                    uint32_t T = S | 1u << i;
                    if (T == S || !x->co[T].n_parts || x->co[T].cost >= x->co[S].cost)
                        continue; /* removing parcels never makes T's plan dearer */
                    size_t n;
                    part *p = restrict_plan(x, T, S, &n);
                    if (!p)
                        continue;
                    if (parts_cost(p, n) < x->co[S].cost)
                        set_best(&x->co[S], p, n, SRC_LARGER, T, 0);
                    else
                        parts_free(p, n);
                }
            }
    }
    st->n_bounds = 0;
    for (uint32_t S = 1; S <= full; S++)
        if (x->co[S].n_parts && x->co[S].src != SRC_OWN)
            st->n_bounds++;
}

/* km, hours, vans, CO2 of a coalition's cheapest plan. */
static void figures(ctx *x, uint32_t S)
{
    coal *c = &x->co[S];
    const vrp_problem *F = x->full;
    uint32_t per_day[VRP_MAX_DAYS] = {0};
    c->km = c->hours = c->co2_kg = 0;
    c->vehicle_days = 0;
    for (size_t i = 0; i < c->n_parts; i++)
        for (size_t r = 0; r < c->parts[i].sol->n_routes; r++) {
            const vrp_route *q = &c->parts[i].sol->routes[r];
            const scenario_vehicle *sv = &x->sc->vehicles[q->vehicle];
            double km = (double)q->distance / 1000;
            c->km += km;
            c->hours += (double)q->duration / 3600;
            c->co2_kg += km * sv->use_per_100km / 100 * sv->co2_per_unit;
            c->vehicle_days++;
            per_day[q->day]++;
        }
    c->vans = 0;
    for (uint32_t d = 0; d < F->n_days; d++)
        if (per_day[d] > c->vans)
            c->vans = per_day[d];
}

/* ---- allocations ------------------------------------------------------------------------- */

static err_code allocate(ctx *x, err *e)
{
    uint32_t k = x->k, full = x->full_mask;
    int64_t total = x->fen[full];
    double phi[GAME_MAX_PLAYERS];
    if (x->exact) {
        game_shapley(k, x->fen, phi);
        for (uint32_t i = 0; i < k; i++)
            x->shapley_se[i] = 0;
    } else {
        game_shapley_sample(k, x->fen, x->n_orders, x->orders, phi, x->shapley_se);
    }
    game_round(k, phi, total, x->alloc[RULE_SHAPLEY]);
    x->rule_ok[RULE_SHAPLEY] = true;
    int64_t w[GAME_MAX_PLAYERS];
    for (uint32_t i = 0; i < k; i++)
        w[i] = x->co[1u << i].parcels_week;
    game_proportional(k, w, total, x->alloc[RULE_PARCELS]);
    x->rule_ok[RULE_PARCELS] = true;
    for (uint32_t i = 0; i < k; i++)
        w[i] = x->fen[1u << i];
    game_proportional(k, w, total, x->alloc[RULE_ALONE]);
    x->rule_ok[RULE_ALONE] = true;
    double y[GAME_MAX_PLAYERS], eps;
    err_code rc = gamelp_least_core(k, x->fen, x->known, y, &eps, e);
    if (rc != ERR_OK)
        return rc;
    x->least_core_eps = eps;
    /* EPM inside the core, or inside the least core when the core is empty (a fen of slack
     * keeps the LP feasible against rounding in eps) */
    double slack = eps > 0 ? eps + 1 : 0;
    rc = gamelp_epm(k, x->fen, x->known, slack, y, &x->epm_f, e);
    if (rc == ERR_INFEASIBLE && slack == 0) /* eps a hair below 0: the core is a point */
        rc = gamelp_epm(k, x->fen, x->known, 1, y, &x->epm_f, e);
    if (rc != ERR_OK)
        return rc;
    game_round(k, y, total, x->alloc[RULE_EPM]);
    x->rule_ok[RULE_EPM] = true;
    if (eps > 0)
        snprintf(x->rule_note[RULE_EPM], sizeof x->rule_note[RULE_EPM],
                 "the core is empty: EPM within the least core");
    rc = gamelp_nucleolus(k, x->fen, x->known, y, e);
    if (rc != ERR_OK)
        return rc;
    game_round(k, y, total, x->alloc[RULE_NUCLEOLUS]);
    x->rule_ok[RULE_NUCLEOLUS] = true;
    return ERR_OK;
}

/* ---- outputs ----------------------------------------------------------------------------- */

static void money_fen(FILE *f, int64_t fen)
{
    if (fen < 0) {
        fputc('-', f);
        fen = -fen;
    }
    fprintf(f, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

static const char *source_text(const ctx *x, uint32_t S, char *buf, size_t size)
{
    const coal *c = &x->co[S];
    char a[256], b[256];
    switch (c->src) {
    case SRC_OWN: snprintf(buf, size, "own plan"); break;
    case SRC_LARGER:
        members(x, c->src_a, a, sizeof a);
        snprintf(buf, size, "plan of %s without the others' parcels", a);
        break;
    case SRC_SIDE:
        members(x, c->src_a, a, sizeof a);
        members(x, c->src_b, b, sizeof b);
        snprintf(buf, size, "%s and %s side by side", a, b);
        break;
    default: snprintf(buf, size, "not planned"); break;
    }
    return buf;
}

static int64_t alone_fen(const ctx *x, uint32_t i)
{
    return x->fen[1u << i];
}

static err_code write_share_csv(const ctx *x, FILE *f, err *e)
{
    (void)e;
    fputs("\xEF\xBB\xBF", f);
    fputs("rule,company,parcels_per_week,alone_cost,allocated_cost,saving,saving_pct,"
          "cost_per_parcel,standard_error,core_excess,objecting_coalition\n",
          f);
    for (int r = 0; r < N_RULES; r++) {
        if (!x->rule_ok[r])
            continue;
        uint32_t worst;
        int64_t ex = game_core_excess(x->k, x->fen, x->known, x->alloc[r], &worst);
        char who[256] = "";
        if (ex > 0)
            members(x, worst, who, sizeof who);
        for (uint32_t i = 0; i < x->k; i++) {
            int64_t a = alone_fen(x, i), s = a - x->alloc[r][i];
            int64_t parcels = x->co[1u << i].parcels_week;
            fprintf(f, "%s,", rule_key[r]);
            csvwrite_field(f, x->sc->carriers[i]);
            fprintf(f, ",%lld,", (long long)parcels);
            money_fen(f, a);
            fputc(',', f);
            money_fen(f, x->alloc[r][i]);
            fputc(',', f);
            money_fen(f, s);
            fprintf(f, ",%.1f,%.2f,", a ? 100.0 * (double)s / (double)a : 0.0,
                    parcels ? (double)x->alloc[r][i] / 100.0 / (double)parcels : 0.0);
            if (r == RULE_SHAPLEY && !x->exact)
                fprintf(f, "%.2f", x->shapley_se[i] / 100);
            fputc(',', f);
            money_fen(f, ex);
            fputc(',', f);
            csvwrite_field(f, who);
            fputc('\n', f);
        }
    }
    return ferror(f) ? ERR_IO : ERR_OK;
}

static err_code write_coalitions_csv(const ctx *x, FILE *f, err *e)
{
    (void)e;
    fputs("\xEF\xBB\xBF", f);
    fputs("coalition,companies,parcels_per_week,own_plan_cost,cost,source,km,hours,vans,"
          "vehicle_days,co2_kg\n",
          f);
    for (uint32_t S = 1; S <= x->full_mask; S++) {
        const coal *c = &x->co[S];
        if (!c->n_parts)
            continue;
        char who[512], src[600];
        members(x, S, who, sizeof who);
        csvwrite_field(f, who);
        fprintf(f, ",%u,%lld,", popcount32(S), (long long)c->parcels_week);
        if (c->own)
            money_fen(f, (c->own->cost + UNITS_PER_FEN / 2) / UNITS_PER_FEN);
        fputc(',', f);
        money_fen(f, x->fen[S]);
        fputc(',', f);
        csvwrite_field(f, source_text(x, S, src, sizeof src));
        fprintf(f, ",%.1f,%.1f,%u,%u,%.1f\n", c->km, c->hours, c->vans, c->vehicle_days, c->co2_kg);
    }
    return ferror(f) ? ERR_IO : ERR_OK;
}

/* Sum over the companies alone, and the grand coalition. */
typedef struct totals {
    int64_t fen;
    double km, hours, co2;
    uint32_t vans;
} totals;

static void alone_and_shared(const ctx *x, totals *alone, totals *shared)
{
    *alone = (totals){0};
    for (uint32_t i = 0; i < x->k; i++) {
        const coal *c = &x->co[1u << i];
        alone->fen += x->fen[1u << i];
        alone->km += c->km;
        alone->hours += c->hours;
        alone->co2 += c->co2_kg;
        alone->vans += c->vans;
    }
    const coal *g = &x->co[x->full_mask];
    *shared = (totals){x->fen[x->full_mask], g->km, g->hours, g->co2_kg, g->vans};
}

static double pct(double saved, double of)
{
    return of > 0 ? 100.0 * saved / of : 0.0;
}

static err_code write_table(const ctx *x, const share_stats *st, FILE *f, err *e)
{
    (void)e;
    const char *cur = x->sc->currency;
    fprintf(f, "jincun cost sharing 快快合作成本分摊: %s\n", x->sc->name);
    fprintf(f, "map 地图: %s\n", planner_net_map_path(x->net));
    fprintf(f, "seed 随机种子: %llu; iterations per plan 每个方案迭代次数: %llu\n",
            (unsigned long long)x->seed, (unsigned long long)x->iterations);
    fprintf(f, "companies 公司: %u; coalitions planned 已规划联盟: %zu of %lu", x->k, st->n_planned,
            (unsigned long)x->full_mask);
    if (!x->exact)
        fprintf(f, " (Shapley value sampled over %zu random orders)", x->n_orders);
    fputc('\n', f);
    fprintf(f,
            "every coalition may use the whole fleet; figures from another coalition's plan, "
            "cheaper than its own: %zu (coalitions.csv)\n\n",
            st->n_bounds);
    totals a, s;
    alone_and_shared(x, &a, &s);
    fprintf(f, "SAVINGS 节省 (all companies sharing vs each alone, per week)\n");
    fprintf(f, "                       each alone      shared      saving\n");
    fprintf(f, "  cost 成本 (%s)    %12.2f %11.2f %11.2f  %5.1f%%\n", cur, (double)a.fen / 100,
            (double)s.fen / 100, (double)(a.fen - s.fen) / 100,
            pct((double)(a.fen - s.fen), (double)a.fen));
    fprintf(f, "  km 里程            %12.1f %11.1f %11.1f  %5.1f%%\n", a.km, s.km, a.km - s.km,
            pct(a.km - s.km, a.km));
    fprintf(f, "  vans 车辆 (busiest day) %7u %11u %11d  %5.1f%%\n", a.vans, s.vans,
            (int)a.vans - (int)s.vans, pct((double)a.vans - s.vans, a.vans));
    fprintf(f, "  driver hours 工时  %12.1f %11.1f %11.1f  %5.1f%%\n", a.hours, s.hours,
            a.hours - s.hours, pct(a.hours - s.hours, a.hours));
    fprintf(f, "  CO2 kg 碳排放      %12.1f %11.1f %11.1f  %5.1f%%\n\n", a.co2, s.co2,
            a.co2 - s.co2, pct(a.co2 - s.co2, a.co2));
    fprintf(f, "SHARES 分摊 (%s per week: the shared cost %.2f split %u ways)\n", cur,
            (double)s.fen / 100, x->k);
    fprintf(f, "  company          parcels      alone    Shapley    parcels   own cost        "
               "EPM  nucleolus\n");
    for (uint32_t i = 0; i < x->k; i++) {
        fprintf(f, "  %-14s %9lld %10.2f", x->sc->carriers[i],
                (long long)x->co[1u << i].parcels_week, (double)alone_fen(x, i) / 100);
        for (int r = 0; r < N_RULES; r++)
            fprintf(f, " %10.2f", (double)x->alloc[r][i] / 100);
        fputc('\n', f);
    }
    if (!x->exact) {
        fprintf(f, "  Shapley standard error 标准误差:");
        for (uint32_t i = 0; i < x->k; i++)
            fprintf(f, " %s %.2f", x->sc->carriers[i], x->shapley_se[i] / 100);
        fputc('\n', f);
    }
    fprintf(f, "  saving under Shapley 沙普利节省:");
    for (uint32_t i = 0; i < x->k; i++)
        fprintf(
            f, " %s %.1f%%", x->sc->carriers[i],
            pct((double)(alone_fen(x, i) - x->alloc[RULE_SHAPLEY][i]), (double)alone_fen(x, i)));
    fputc('\n', f);
    fprintf(f, "\nCORE CHECK 核心检验 (does any group of companies pay more than it would cost "
               "them alone?)\n");
    if (x->least_core_eps <= 0)
        fprintf(f,
                "  the core is not empty: some splits leave every group at least %.2f %s "
                "below its own cost\n",
                -x->least_core_eps / 100, cur);
    else
        fprintf(f,
                "  the core is EMPTY: whatever the split, some group pays at least %.2f %s "
                "above its own cost\n",
                x->least_core_eps / 100, cur);
    for (int r = 0; r < N_RULES; r++) {
        uint32_t worst;
        int64_t ex = game_core_excess(x->k, x->fen, x->known, x->alloc[r], &worst);
        fprintf(f, "  %s: ", rule_title[r]);
        if (ex <= 0) {
            fprintf(f, "in the core\n");
        } else {
            char who[256];
            members(x, worst, who, sizeof who);
            fprintf(f, "NOT in the core: %s would pay %.2f %s more than on its own\n", who,
                    (double)ex / 100, cur);
        }
    }
    if (x->rule_note[RULE_EPM][0])
        fprintf(f, "  (%s)\n", x->rule_note[RULE_EPM]);
    if (st->time_limited)
        fprintf(f, "WARNING: some plans stopped at the time limit, so these figures depend on "
                   "the machine's speed\n");
    return ferror(f) ? ERR_IO : ERR_OK;
}

static void html_text(FILE *f, const char *s)
{
    outfmt_xml(f, s);
}

static err_code write_html(const ctx *x, const share_stats *st, FILE *f, err *e)
{
    (void)e;
    const char *cur = x->sc->currency;
    totals a, s;
    alone_and_shared(x, &a, &s);
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    html_text(f, x->sc->name);
    fputs(" — cost sharing 成本分摊</title>\n<style>\n"
          "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#222}\n"
          "table{border-collapse:collapse;margin:.5em 0}\n"
          "td,th{border:1px solid #bbb;padding:.2em .5em;text-align:right}\n"
          "th:first-child,td:first-child{text-align:left}\n"
          ".bad{color:#b00}.ok{color:#070}\nsvg text{font-size:12px}\n"
          "</style>\n</head>\n<body>\n<h1>",
          f);
    html_text(f, x->sc->name);
    fputs("</h1>\n<h2>What sharing saves 共配节省 (per week)</h2>\n", f);
    fprintf(f, "<table>\n<tr><th></th><th>each alone</th><th>shared</th><th>saving</th>"
               "<th>%%</th></tr>\n");
    fprintf(f, "<tr><td>cost (%s)</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.1f</td></tr>\n",
            cur, (double)a.fen / 100, (double)s.fen / 100, (double)(a.fen - s.fen) / 100,
            pct((double)(a.fen - s.fen), (double)a.fen));
    fprintf(f, "<tr><td>km</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td></tr>\n", a.km,
            s.km, a.km - s.km, pct(a.km - s.km, a.km));
    fprintf(f,
            "<tr><td>vans (busiest day)</td><td>%u</td><td>%u</td><td>%d</td><td>%.1f</td>"
            "</tr>\n",
            a.vans, s.vans, (int)a.vans - (int)s.vans, pct((double)a.vans - s.vans, a.vans));
    fprintf(f,
            "<tr><td>driver hours</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td>"
            "</tr>\n",
            a.hours, s.hours, a.hours - s.hours, pct(a.hours - s.hours, a.hours));
    fprintf(f,
            "<tr><td>CO₂ kg</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td></tr>\n"
            "</table>\n",
            a.co2, s.co2, a.co2 - s.co2, pct(a.co2 - s.co2, a.co2));

    /* the chart: per company, its cost alone and its Shapley share, as horizontal bars */
    double max = 1;
    for (uint32_t i = 0; i < x->k; i++)
        if ((double)alone_fen(x, i) > max)
            max = (double)alone_fen(x, i);
    int row_h = 44, left = 90, width = 520, top = 30;
    int height = top + row_h * (int)x->k + 10;
    fprintf(f,
            "<h2>Cost per company: alone vs shared (Shapley value) 独立成本与分摊成本</h2>\n"
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
            left + width + 110, height, left + width + 110, height);
    fprintf(f,
            "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"#c0504d\"/>"
            "<text x=\"%d\" y=\"16\">alone 独立配送</text>\n",
            left, left + 16);
    fprintf(f,
            "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"#4f81bd\"/>"
            "<text x=\"%d\" y=\"16\">shared, Shapley 共配分摊</text>\n",
            left + 160, left + 176);
    for (uint32_t i = 0; i < x->k; i++) {
        int y = top + row_h * (int)i;
        double wa = width * (double)alone_fen(x, i) / max;
        double ws = width * (double)x->alloc[RULE_SHAPLEY][i] / max;
        if (ws < 0)
            ws = 0;
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 6, y + 24);
        html_text(f, x->sc->carriers[i]);
        fprintf(f,
                "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" "
                "fill=\"#c0504d\"/><text x=\"%.1f\" y=\"%d\">%.2f</text>\n",
                left, y + 2, wa, left + wa + 4, y + 15, (double)alone_fen(x, i) / 100);
        fprintf(f,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"#4f81bd\"/>"
                "<text x=\"%.1f\" y=\"%d\">%.2f</text>\n",
                left, y + 21, ws, left + ws + 4, y + 34, (double)x->alloc[RULE_SHAPLEY][i] / 100);
    }
    fputs("</svg>\n", f);

    fprintf(f,
            "<h2>Shares of the shared cost 分摊 (%s per week)</h2>\n<table>\n<tr>"
            "<th>company</th><th>parcels</th><th>alone</th>",
            cur);
    for (int r = 0; r < N_RULES; r++) {
        fputs("<th>", f);
        html_text(f, rule_title[r]);
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    for (uint32_t i = 0; i < x->k; i++) {
        fputs("<tr><td>", f);
        html_text(f, x->sc->carriers[i]);
        fprintf(f, "</td><td>%lld</td><td>%.2f</td>", (long long)x->co[1u << i].parcels_week,
                (double)alone_fen(x, i) / 100);
        for (int r = 0; r < N_RULES; r++) {
            fprintf(f, "<td>%.2f", (double)x->alloc[r][i] / 100);
            if (r == RULE_SHAPLEY && !x->exact)
                fprintf(f, " ± %.2f", x->shapley_se[i] / 100);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n<h2>Core check 核心检验</h2>\n<p>", f);
    if (x->least_core_eps <= 0)
        fprintf(f,
                "The core is not empty: there are splits under which every group of "
                "companies pays at least %.2f %s less than it would cost on its own.",
                -x->least_core_eps / 100, cur);
    else
        fprintf(f,
                "The core is <b>empty</b>: under any split some group of companies pays "
                "at least %.2f %s more than it would cost on its own.",
                x->least_core_eps / 100, cur);
    fputs("</p>\n<ul>\n", f);
    for (int r = 0; r < N_RULES; r++) {
        uint32_t worst;
        int64_t ex = game_core_excess(x->k, x->fen, x->known, x->alloc[r], &worst);
        fputs("<li>", f);
        html_text(f, rule_title[r]);
        if (ex <= 0) {
            fputs(": <span class=\"ok\">in the core</span></li>\n", f);
        } else {
            char who[256];
            members(x, worst, who, sizeof who);
            fputs(": <span class=\"bad\">not in the core</span>: ", f);
            html_text(f, who);
            fprintf(f, " would pay %.2f %s more than on its own</li>\n", (double)ex / 100, cur);
        }
    }
    fprintf(f,
            "</ul>\n<p>%zu coalitions planned with %llu iterations each (seed %llu); %zu "
            "figures are the plan of another coalition, cheaper than the coalition's own "
            "(coalitions.csv).</p>\n</body>\n</html>\n",
            st->n_planned, (unsigned long long)x->iterations, (unsigned long long)x->seed,
            st->n_bounds);
    return ferror(f) ? ERR_IO : ERR_OK;
}

typedef err_code (*writer)(const ctx *x, const share_stats *st, FILE *f, err *e);

static err_code csv_share(const ctx *x, const share_stats *st, FILE *f, err *e)
{
    (void)st;
    return write_share_csv(x, f, e);
}

static err_code csv_coalitions(const ctx *x, const share_stats *st, FILE *f, err *e)
{
    (void)st;
    return write_coalitions_csv(x, f, e);
}

static err_code write_one(const ctx *x, const share_stats *st, const char *dir, const char *name,
                          writer w, err *e)
{
    char *path = path_join(dir, name);
    outfile *of = outfile_open(path, e);
    err_code rc = ERR_IO;
    if (of) {
        rc = w(x, st, outfile_fp(of), e);
        if (rc == ERR_IO)
            err_set(e, ERR_IO, "%s: write failed", path);
        if (rc == ERR_OK)
            rc = outfile_commit(of, e);
        else
            outfile_abort(of);
    }
    free(path);
    return rc;
}

#define SHARE_N_OUT 4
static const char *const out_files[SHARE_N_OUT] = {"share.csv", "coalitions.csv", "share.txt",
                                                   "share.html"};

static void ctx_free(ctx *x)
{
    if (x->co)
        for (uint32_t S = 0; S <= x->full_mask; S++) {
            coal *c = &x->co[S];
            free(c->nodes);
            free(c->time);
            free(c->dist);
            free(c->full_of);
            vrp_solution_free(c->own);
            parts_free(c->parts, c->n_parts);
        }
    free(x->co);
    free(x->todo);
    free(x->finished);
    free(x->fen);
    free(x->known);
    free(x->orders);
    free(x->base_service);
    planner_net_free(x->net);
}

err_code share_run(const char *scenario_dir, const char *out_dir, const share_opts *o,
                   const logger *lg, FILE *table_out, share_stats *stats, err *e)
{
    share_opts defaults;
    if (!o) {
        share_opts_init(&defaults);
        o = &defaults;
    }
    share_stats local;
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    double t0 = clock_now();
    outdir *od = NULL;
    err_code rc = outdir_open(out_dir, out_files, SHARE_N_OUT, lg, &od, e);
    if (rc != ERR_OK)
        return rc;
    ctx x = {.o = o, .lg = lg};
    planner_opts po;
    planner_opts_init(&po);
    po.seed_set = o->seed_set;
    po.seed = o->seed;
    po.map_path = o->map_path;
    po.interrupted = o->interrupted;
    po.exports = false;
    rc = planner_net_load(scenario_dir, &po, lg, &x.net, e);
    stats->t_network = clock_now() - t0;
    if (rc == ERR_OK) {
        x.sc = planner_net_scenario(x.net);
        x.full = planner_net_problem(x.net);
        x.node_stop = planner_net_node_stop(x.net);
        x.seed = planner_net_seed(x.net);
        stats->seed = x.seed;
        if (o->on_seed)
            o->on_seed(o->ud, x.seed);
        x.k = x.sc->n_carriers;
        stats->n_companies = x.k;
        if (x.k < 2)
            rc = err_set(e, ERR_USAGE,
                         "%s: share needs at least 2 companies in [scenario] carriers, got %u",
                         scenario_dir, x.k);
    }
    for (size_t i = 0; rc == ERR_OK && i < x.sc->n_stops; i++) {
        const char *why = planner_net_problem_text(x.net, i);
        if (why)
            rc = err_set(e, ERR_INFEASIBLE,
                         "%s:%zu: stop %s cannot be served (%s); share compares costs of "
                         "serving every stop, so fix it first (jincun plan shows all such "
                         "stops)",
                         x.sc->stops_path, x.sc->stops[i].line, x.sc->stops[i].id, why);
    }
    if (rc == ERR_OK) {
        x.full_mask = (uint32_t)((1ull << x.k) - 1);
        x.iterations = o->iterations ? o->iterations : SHARE_DEFAULT_ITERATIONS;
        /* no time limit unless asked: plans run side by side take longer than one plan alone, and
         * a plan stopped by the clock would make the figures depend on the machine's load */
        x.time_limit_s = o->time_limit_s >= 0 ? o->time_limit_s : 0;
        x.co = xcalloc((size_t)x.full_mask + 1, sizeof *x.co);
        x.fen = xcalloc((size_t)x.full_mask + 1, sizeof *x.fen);
        x.known = xcalloc((size_t)x.full_mask + 1, sizeof *x.known);
        x.base_service = xcalloc(x.full->n_nodes, sizeof *x.base_service);
        for (uint32_t v = x.full->n_depots; v < x.full->n_nodes; v++)
            x.base_service[v] = x.full->nodes[v].service -
                                (int32_t)lround(x.sc->service_parcel_s * x.full->nodes[v].demand);
        /* which coalitions to plan */
        bool *need = xcalloc((size_t)x.full_mask + 1, sizeof *need);
        x.exact = x.k <= o->exact_max;
        if (x.exact) {
            for (uint32_t S = 1; S <= x.full_mask; S++)
                need[S] = true;
        } else {
            rng r;
            rng_seed(&r, x.seed);
            x.n_orders = o->orders ? o->orders : SHARE_DEFAULT_ORDERS;
            x.orders = xmallocarray(x.n_orders * x.k, sizeof *x.orders);
            game_orders(x.k, x.n_orders, &r, x.orders);
            game_orders_need(x.k, x.n_orders, x.orders, need);
            for (uint32_t i = 0; i < x.k; i++)
                need[1u << i] = true;
        }
        x.todo = xmallocarray((size_t)x.full_mask, sizeof *x.todo);
        x.finished = xmallocarray((size_t)x.full_mask, sizeof *x.finished);
        /* the big coalitions first: they take longest, so the threads finish together */
        for (uint32_t size = x.k; size >= 1; size--)
            for (uint32_t S = 1; S <= x.full_mask; S++)
                if (need[S] && popcount32(S) == size)
                    x.todo[x.n_todo++] = S;
        free(need);
        log_msg(lg, LOG_INFO, "share: %u companies, %zu coalition plans of %llu iterations", x.k,
                x.n_todo, (unsigned long long)x.iterations);
        double t1 = clock_now();
        rc = plan_all(&x, stats, e);
        stats->t_plans = clock_now() - t1;
    }
    if (rc == ERR_OK) {
        best_plans(&x, stats);
        for (uint32_t S = 1; S <= x.full_mask; S++)
            if (x.co[S].n_parts) {
                x.known[S] = true;
                x.fen[S] = (x.co[S].cost + UNITS_PER_FEN / 2) / UNITS_PER_FEN;
                figures(&x, S);
            }
        rc = allocate(&x, e);
    }
    if (rc == ERR_OK && o->interrupted && *o->interrupted)
        rc = err_set(e, ERR_INTERRUPTED, "interrupted; nothing written");
    stats->t_total = clock_now() - t0;
    if (rc == ERR_OK) {
        const char *tmp = outdir_begin(od, e);
        rc = tmp ? ERR_OK : ERR_IO;
        if (rc == ERR_OK)
            rc = write_one(&x, stats, tmp, "share.csv", csv_share, e);
        if (rc == ERR_OK)
            rc = write_one(&x, stats, tmp, "coalitions.csv", csv_coalitions, e);
        if (rc == ERR_OK)
            rc = write_one(&x, stats, tmp, "share.txt", write_table, e);
        if (rc == ERR_OK)
            rc = write_one(&x, stats, tmp, "share.html", write_html, e);
        if (rc == ERR_OK)
            rc = outdir_commit(od, e);
        if (rc == ERR_OK && table_out) {
            write_table(&x, stats, table_out, e);
            fflush(table_out);
        }
    }
    outdir_free(od);
    ctx_free(&x);
    return rc;
}
