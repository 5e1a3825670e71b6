/* lp.c — GLPK wrapper: pattern-assignment and set-partitioning MIPs (see lp.h). The only file
 * that includes glpk.h (STYLE §7). Every index is validated before GLPK sees it, because GLPK
 * aborts the process on bad arguments; 1-based arrays stay in this file.
 * Solve sequence: glp_simplex on the LP relaxation (gives the bound and proves infeasibility),
 * then glp_intopt with presolve off, so that the branch-and-cut callback works on the original
 * columns: it hands the caller's incumbent to GLPK (glp_ios_heur_sol) and enforces the node
 * limit (glp_ios_terminate). With the relaxation solved first, presolve is not needed to avoid
 * GLP_EROOT.
 * SPDX-License-Identifier: MIT */
#include "solver/lp.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/mem.h"

const char *lp_glpk_version(void)
{
    return glp_version();
}

void lp_free_env(void)
{
    glp_free_env();
}

void lp_params_init(lp_params *p)
{
    p->time_limit = 10;
    p->node_limit = 0;
    p->mip_gap = 0;
    p->log = NULL;
    p->glpk_messages = false;
}

void lp_pattern_params_init(lp_pattern_params *pp)
{
    pp->w_load = 1;
    pp->w_time = 1;
    pp->depot_of = NULL;
    pp->start = NULL;
}

/* ---- shared machinery ------------------------------------------------------------------- */

/* A sparse matrix being built, 1-based as glp_load_matrix wants it (index 0 unused). */
typedef struct triplets {
    int *ia, *ja;
    double *ar;
    size_t len, cap;
} triplets;

static void trip_add(triplets *t, int i, int j, double v)
{
    if (t->len + 1 >= t->cap) {
        t->cap = t->cap ? 2 * t->cap : 1024;
        t->ia = xreallocarray(t->ia, t->cap, sizeof *t->ia);
        t->ja = xreallocarray(t->ja, t->cap, sizeof *t->ja);
        t->ar = xreallocarray(t->ar, t->cap, sizeof *t->ar);
    }
    t->len++;
    t->ia[t->len] = i;
    t->ja[t->len] = j;
    t->ar[t->len] = v;
}

static void trip_free(triplets *t)
{
    free(t->ia);
    free(t->ja);
    free(t->ar);
}

/* What the branch-and-cut callback needs. */
typedef struct cb_state {
    const lp_params *prm;
    const double *start; /* [1..n_cols] feasible incumbent, or NULL */
    bool start_given;    /* handed to GLPK already */
    uint64_t nodes;      /* nodes generated so far */
} cb_state;

static void callback(glp_tree *tree, void *info)
{
    cb_state *cb = info;
    int a_cnt, n_cnt, t_cnt;
    glp_ios_tree_size(tree, &a_cnt, &n_cnt, &t_cnt);
    cb->nodes = (uint64_t)t_cnt;
    switch (glp_ios_reason(tree)) {
    case GLP_IHEUR:
        if (cb->start && !cb->start_given) {
            cb->start_given = true;
            /* Rejected (returns non-zero) only when not better than GLPK's own incumbent. */
            (void)glp_ios_heur_sol(tree, cb->start);
        }
        break;
    case GLP_ISELECT:
        if (cb->prm->node_limit && cb->nodes >= cb->prm->node_limit)
            glp_ios_terminate(tree);
        break;
    default: break;
    }
}

/* glp_term_hook target: GLPK's text goes to the logger, line by line, never to stdout. */
static int term_hook(void *info, const char *s)
{
    const lp_params *prm = info;
    if (prm->glpk_messages && prm->log) {
        char line[512];
        size_t n = strlen(s);
        while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
            n--;
        if (n >= sizeof line)
            n = sizeof line - 1;
        memcpy(line, s, n);
        line[n] = '\0';
        if (n)
            log_msg(prm->log, LOG_DEBUG, "glpk: %s", line);
    }
    return 1; /* never let GLPK print */
}

/* Outcome of solve(). */
typedef enum solve_result {
    SOLVED,     /* an integer solution is in the problem object */
    NO_INTEGER, /* limits reached before any integer solution */
    INFEASIBLE, /* proven infeasible */
    FAILED      /* GLPK error; message in e */
} solve_result;

/* Solves the MIP in lp: relaxation, then branch-and-cut with the callback. start (1-based,
 * n_cols + 1 entries) may be NULL. Fills st's bound, nodes and optimal flag. */
static solve_result solve(glp_prob *lp, const lp_params *prm, const double *start, lp_status *st,
                          const char *what, err *e)
{
    glp_term_hook(term_hook, (void *)prm);
    double t0 = clock_now();
    int msg = prm->glpk_messages && prm->log ? GLP_MSG_ON : GLP_MSG_OFF;
    int tm = prm->time_limit > 0
                 ? (prm->time_limit * 1000 > INT32_MAX ? INT32_MAX : (int)(prm->time_limit * 1000))
                 : INT32_MAX;
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = msg;
    smcp.presolve = GLP_OFF; /* keep the basis for glp_intopt */
    smcp.tm_lim = tm;
    glp_scale_prob(lp, GLP_SF_AUTO);
    int rc = glp_simplex(lp, &smcp);
    solve_result res;
    if (rc == GLP_ETMLIM) {
        st->time_out = true;
        res = NO_INTEGER;
        goto done;
    }
    if (rc != 0) {
        err_set(e, ERR_LP, "%s: glp_simplex failed (code %d)", what, rc);
        res = FAILED;
        goto done;
    }
    int ps = glp_get_status(lp);
    if (ps == GLP_NOFEAS) {
        res = INFEASIBLE;
        goto done;
    }
    if (ps != GLP_OPT) {
        err_set(e, ERR_LP, "%s: LP relaxation status %d", what, ps);
        res = FAILED;
        goto done;
    }
    st->bound = glp_get_obj_val(lp);
    cb_state cb = {.prm = prm, .start = start};
    glp_iocp iocp;
    glp_init_iocp(&iocp);
    iocp.msg_lev = msg;
    iocp.presolve = GLP_OFF; /* relaxation solved above; the callback needs original columns */
    /* the relaxation's time counts against the same limit */
    double used_ms = (clock_now() - t0) * 1000;
    iocp.tm_lim = tm == INT32_MAX ? tm : (int)fmax(1, tm - used_ms);
    iocp.mip_gap = prm->mip_gap > 0 ? prm->mip_gap : 0;
    iocp.cb_func = callback;
    iocp.cb_info = &cb;
    rc = glp_intopt(lp, &iocp);
    st->nodes = cb.nodes;
    st->time_out = rc == GLP_ETMLIM;
    int ms = glp_mip_status(lp);
    if (rc == 0 || rc == GLP_ETMLIM || rc == GLP_ESTOP || rc == GLP_EMIPGAP) {
        if (ms == GLP_OPT || ms == GLP_FEAS) {
            st->optimal = rc == 0 && ms == GLP_OPT;
            if (rc == GLP_EMIPGAP)
                st->optimal = true; /* optimal within the requested gap */
            res = SOLVED;
        } else if (ms == GLP_NOFEAS) {
            res = INFEASIBLE;
        } else {
            res = NO_INTEGER;
        }
    } else if (rc == GLP_ENOPFS) {
        res = INFEASIBLE;
    } else {
        err_set(e, ERR_LP, "%s: glp_intopt failed (code %d)", what, rc);
        res = FAILED;
    }
done:
    glp_term_hook(NULL, NULL);
    return res;
}

/* ---- 1. pattern assignment --------------------------------------------------------------- */

/* Greedy pattern choice: stops by decreasing demand, then time, then index; each takes the
 * usable pattern whose busiest day ends least loaded (weighted, normalised load + time). */
typedef struct greedy_key {
    double demand, time;
    uint32_t node;
} greedy_key;

static int cmp_greedy(const void *a, const void *b)
{
    const greedy_key *x = a, *y = b;
    if (x->demand != y->demand)
        return x->demand > y->demand ? -1 : 1;
    if (x->time != y->time)
        return x->time > y->time ? -1 : 1;
    return (x->node > y->node) - (x->node < y->node);
}

static void greedy_patterns(const vrp_problem *p, const uint32_t *col_of, const uint32_t *col_pat,
                            const double *tim, const double *cap, const double *hor, double wq,
                            double wt, uint32_t *init)
{
    const uint32_t nn = p->n_nodes, nd = p->n_days;
    greedy_key *keys = xcalloc(nn, sizeof *keys);
    size_t nk = 0;
    for (uint32_t i = 0; i < nn; i++)
        if (col_of[i + 1] > col_of[i])
            keys[nk++] = (greedy_key){p->nodes[i].demand, tim[i], i};
    qsort(keys, nk, sizeof *keys, cmp_greedy);
    double level[VRP_MAX_DAYS] = {0};
    for (size_t k = 0; k < nk; k++) {
        uint32_t i = keys[k].node, best = 0;
        double best_v = 0;
        for (uint32_t j = col_of[i]; j < col_of[i + 1]; j++) {
            double v = 0;
            for (uint32_t d = 0; d < nd; d++) {
                if (!(col_pat[j] & (1u << d)))
                    continue;
                double l = level[d];
                if (cap[d] > 0)
                    l += wq * vrp_visit_demand(&p->nodes[i], nd, col_pat[j], d) / cap[d];
                if (hor[d] > 0)
                    l += wt * tim[i] / hor[d];
                v = l > v ? l : v;
            }
            if (!best || v < best_v) {
                best = j;
                best_v = v;
            }
        }
        init[i] = col_pat[best];
        for (uint32_t d = 0; d < nd; d++)
            if (col_pat[best] & (1u << d)) {
                if (cap[d] > 0)
                    level[d] += wq * vrp_visit_demand(&p->nodes[i], nd, col_pat[best], d) / cap[d];
                if (hor[d] > 0)
                    level[d] += wt * tim[i] / hor[d];
            }
    }
    free(keys);
}

err_code lp_assign_patterns(const vrp_problem *p, const lp_params *prm, const lp_pattern_params *pp,
                            uint32_t *pattern_out, lp_status *st, err *e)
{
    lp_params dprm;
    lp_pattern_params dpp;
    lp_status dst;
    if (!prm) {
        lp_params_init(&dprm);
        prm = &dprm;
    }
    if (!pp) {
        lp_pattern_params_init(&dpp);
        pp = &dpp;
    }
    if (!st)
        st = &dst;
    memset(st, 0, sizeof *st);
    const uint32_t nn = p->n_nodes, nd = p->n_days;
    if (nd < 1 || nd > VRP_MAX_DAYS || p->n_depots < 1 || p->n_depots > nn)
        return err_set(e, ERR_USAGE, "pattern assignment: bad problem (%u days, %u depots)", nd,
                       p->n_depots);
    /* Day capacities: C_d = capacity, H_d = duration (or vehicle count) available on day d. */
    double cap[VRP_MAX_DAYS] = {0}, hor[VRP_MAX_DAYS] = {0};
    bool unlimited[VRP_MAX_DAYS] = {false};
    uint32_t n_avail[VRP_MAX_DAYS] = {0};
    for (uint32_t k = 0; k < p->n_vehicles; k++) {
        const vrp_vehicle *v = &p->vehicles[k];
        for (uint32_t d = 0; d < nd; d++) {
            if (!(v->days & (1u << d)))
                continue;
            cap[d] += v->capacity;
            hor[d] += v->max_duration;
            n_avail[d]++;
            if (v->max_duration <= 0)
                unlimited[d] = true;
        }
    }
    uint32_t usable_days = 0;
    for (uint32_t d = 0; d < nd; d++) {
        if (n_avail[d])
            usable_days |= 1u << d;
        if (unlimited[d])
            hor[d] = n_avail[d];
    }
    bool any_unlimited = false;
    for (uint32_t d = 0; d < nd; d++)
        any_unlimited |= unlimited[d];
    if (any_unlimited) /* one unit per vehicle on every day, so all days compare alike */
        for (uint32_t d = 0; d < nd; d++)
            hor[d] = n_avail[d];

    /* Columns: y[i][q] for usable patterns, then zq, zt. col_of[i] = first column of i. */
    uint32_t *col_of = xcalloc(nn + 1, sizeof *col_of);
    double *tim = xcalloc(nn, sizeof *tim);
    int n_cols = 0;
    double tot_q = 0, tot_t = 0;
    err_code c = ERR_OK;
    for (uint32_t i = 0; i < nn; i++) {
        col_of[i] = (uint32_t)n_cols + 1;
        const vrp_node *n = &p->nodes[i];
        if (i < p->n_depots || n->freq == 0)
            continue;
        uint32_t dep = pp->depot_of ? pp->depot_of[i] : (p->n_vehicles ? p->vehicles[0].depot : 0);
        if (dep >= p->n_depots) {
            c = err_set(e, ERR_USAGE, "pattern assignment: stop %u: depot %u out of range", i, dep);
            goto cleanup;
        }
        int32_t a = p->time[(size_t)dep * nn + i], b = p->time[(size_t)i * nn + dep];
        tim[i] =
            (a == VRP_UNREACHABLE ? 0 : a) + (b == VRP_UNREACHABLE ? 0 : b) + (double)n->service;
        uint32_t usable = 0;
        for (uint32_t q = 0; q < n->n_patterns; q++)
            if ((n->patterns[q] & ~usable_days) == 0 && n->patterns[q]) {
                usable++;
                n_cols++;
            }
        if (!usable) {
            c = err_set(e, ERR_INFEASIBLE,
                        "stop %u: none of its %u allowed patterns has a "
                        "vehicle on every day",
                        i, n->n_patterns);
            goto cleanup;
        }
        if (n->visit_demand) /* a week's visits of any pattern carry the week's parcels */
            for (uint32_t d = 0; d < nd; d++)
                tot_q += n->patterns[0] >> d & 1 ? vrp_visit_demand(n, nd, n->patterns[0], d) : 0;
        else
            tot_q += (double)n->demand * n->freq;
        tot_t += tim[i] * n->freq;
    }
    col_of[nn] = (uint32_t)n_cols + 1;
    double sum_cap = 0, sum_hor = 0;
    for (uint32_t d = 0; d < nd; d++) {
        sum_cap += cap[d];
        sum_hor += hor[d];
    }
    bool use_q = tot_q > 0 && sum_cap > 0 && pp->w_load > 0;
    bool use_t = tot_t > 0 && sum_hor > 0 && pp->w_time > 0;
    const int zq = n_cols + 1, zt = n_cols + 2, total_cols = n_cols + 2;

    glp_prob *lp = glp_create_prob();
    glp_set_prob_name(lp, "pattern-assignment");
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, total_cols);
    /* col_pat[j] = day mask of column j. */
    uint32_t *col_pat = xcalloc((size_t)total_cols + 1, sizeof *col_pat);
    uint32_t *col_node = xcalloc((size_t)total_cols + 1, sizeof *col_node);
    for (uint32_t i = 0, j = 1; i < nn; i++) {
        const vrp_node *n = &p->nodes[i];
        if (i < p->n_depots || n->freq == 0)
            continue;
        for (uint32_t q = 0; q < n->n_patterns; q++)
            if ((n->patterns[q] & ~usable_days) == 0 && n->patterns[q]) {
                glp_set_col_kind(lp, (int)j, GLP_BV);
                col_pat[j] = n->patterns[q];
                col_node[j] = i;
                j++;
            }
    }
    glp_set_col_bnds(lp, zq, GLP_LO, 0, 0);
    glp_set_col_bnds(lp, zt, GLP_LO, 0, 0);
    /* zq and zt are stored divided by their ideal values, so that they are about 1 and every
     * day row reads sum_i (w_i / share_d) y - z <= 0 with share_d = the day's even share of
     * the total: coefficients near 1/(stops per day) instead of raw demands and scaled times
     * (10^6 and more), which made the simplex fail (GLP_EFAIL) on p18, p21 and p30. */
    const double ideal_q = use_q ? tot_q / sum_cap : 1, ideal_t = use_t ? tot_t / sum_hor : 1;
    glp_set_obj_coef(lp, zq, use_q ? pp->w_load : 0);
    glp_set_obj_coef(lp, zt, use_t ? pp->w_time : 0);

    triplets tr = {0};
    int row = 0;
    for (uint32_t i = 0; i < nn; i++) {
        if (col_of[i + 1] == col_of[i])
            continue;
        glp_add_rows(lp, 1);
        row++;
        glp_set_row_bnds(lp, row, GLP_FX, 1, 1);
        for (uint32_t j = col_of[i]; j < col_of[i + 1]; j++)
            trip_add(&tr, row, (int)j, 1);
    }
    for (int kind = 0; kind < 2; kind++) {
        if ((kind == 0 && !use_q) || (kind == 1 && !use_t))
            continue;
        for (uint32_t d = 0; d < nd; d++) {
            double lim = kind == 0 ? cap[d] : hor[d];
            double share = lim * (kind == 0 ? ideal_q : ideal_t);
            if (lim <= 0)
                continue;
            glp_add_rows(lp, 1);
            row++;
            glp_set_row_bnds(lp, row, GLP_UP, 0, 0);
            for (int j = 1; j <= n_cols; j++) {
                if (!(col_pat[j] & (1u << d)))
                    continue;
                uint32_t i = col_node[j];
                double w = kind == 0 ? vrp_visit_demand(&p->nodes[i], nd, col_pat[j], d) : tim[i];
                if (w != 0)
                    trip_add(&tr, row, j, w / share);
            }
            trip_add(&tr, row, kind == 0 ? zq : zt, -1);
        }
    }
    glp_load_matrix(lp, (int)tr.len, tr.ia, tr.ja, tr.ar);
    trip_free(&tr);

    /* The first incumbent: the caller's start if it is usable, else a greedy assignment.
     * GLPK always has an integer solution to return, even under a node limit of 1. */
    uint32_t *init = xcalloc(nn, sizeof *init);
    bool start_ok = pp->start != NULL;
    for (uint32_t i = 0; i < nn && start_ok; i++) {
        if (col_of[i + 1] == col_of[i])
            continue;
        bool found = false;
        for (uint32_t j = col_of[i]; j < col_of[i + 1] && !found; j++)
            found = col_pat[j] == pp->start[i];
        start_ok = found;
        init[i] = pp->start[i];
    }
    if (pp->start && !start_ok)
        log_msg(prm->log, LOG_WARN,
                "pattern assignment: start ignored (a stop's pattern is not "
                "one of its usable allowed patterns)");
    if (!start_ok)
        greedy_patterns(p, col_of, col_pat, tim, cap, hor, use_q ? pp->w_load / ideal_q : 0,
                        use_t ? pp->w_time / ideal_t : 0, init);
    double *start = xcalloc((size_t)total_cols + 1, sizeof *start);
    {
        double load[VRP_MAX_DAYS] = {0}, tload[VRP_MAX_DAYS] = {0};
        for (uint32_t i = 0; i < nn; i++) {
            for (uint32_t j = col_of[i]; j < col_of[i + 1]; j++)
                if (col_pat[j] == init[i]) {
                    start[j] = 1;
                    break;
                }
            for (uint32_t d = 0; d < nd && col_of[i + 1] > col_of[i]; d++)
                if (init[i] & (1u << d)) {
                    load[d] += vrp_visit_demand(&p->nodes[i], nd, init[i], d);
                    tload[d] += tim[i];
                }
        }
        for (uint32_t d = 0; d < nd; d++) {
            if (use_q && cap[d] > 0 && load[d] / (cap[d] * ideal_q) > start[zq])
                start[zq] = load[d] / (cap[d] * ideal_q);
            if (use_t && hor[d] > 0 && tload[d] / (hor[d] * ideal_t) > start[zt])
                start[zt] = tload[d] / (hor[d] * ideal_t);
        }
    }

    solve_result res = solve(lp, prm, start, st, "pattern assignment", e);
    if (res == SOLVED) {
        for (uint32_t i = 0; i < nn; i++) {
            pattern_out[i] = 0;
            for (uint32_t j = col_of[i]; j < col_of[i + 1]; j++)
                if (glp_mip_col_val(lp, (int)j) > 0.5)
                    pattern_out[i] = col_pat[j];
        }
        st->objective = glp_mip_obj_val(lp);
        st->from_incumbent = false;
        c = ERR_OK;
    } else if (res != FAILED) {
        /* GLPK stopped before it could take the start (time limit in the relaxation); the
         * model is never infeasible, since every stop has a usable pattern. */
        for (uint32_t i = 0; i < nn; i++)
            pattern_out[i] = col_of[i + 1] == col_of[i] ? 0 : init[i];
        st->objective = 0;
        for (int j = 1; j <= total_cols; j++)
            st->objective += glp_get_obj_coef(lp, j) * start[j];
        st->from_incumbent = start_ok;
        c = ERR_OK;
    } else {
        c = e ? e->code : ERR_LP;
    }
    if (c == ERR_OK) {
        /* Report from_incumbent truthfully: GLPK may return exactly the given start. */
        if (start_ok && res == SOLVED) {
            bool same = true;
            for (uint32_t i = 0; i < nn && same; i++)
                same = col_of[i + 1] == col_of[i] || pattern_out[i] == pp->start[i];
            st->from_incumbent = same;
        }
    }
    free(start);
    free(init);
    free(col_pat);
    free(col_node);
    glp_delete_prob(lp);
cleanup:
    free(tim);
    free(col_of);
    return c;
}

/* ---- 2. set partitioning -------------------------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

err_code lp_set_partition(const vrp_problem *p, const lp_pool *pool, const lp_params *prm,
                          bool *chosen, uint32_t *pattern_out, lp_status *st, err *e)
{
    lp_params dprm;
    lp_status dst;
    if (!prm) {
        lp_params_init(&dprm);
        prm = &dprm;
    }
    if (!st)
        st = &dst;
    memset(st, 0, sizeof *st);
    const uint32_t nn = p->n_nodes, nd = p->n_days;
    const size_t nr = pool->n_routes;
    if (nd < 1 || nd > VRP_MAX_DAYS || p->n_depots < 1 || p->n_depots > nn)
        return err_set(e, ERR_USAGE, "set partitioning: bad problem (%u days, %u depots)", nd,
                       p->n_depots);
    if (pool->n_groups < 1 || !pool->fleet)
        return err_set(e, ERR_USAGE,
                       "set partitioning: the pool needs n_groups >= 1 and a fleet "
                       "table");
    if (nr > (size_t)INT32_MAX / 2)
        return err_set(e, ERR_USAGE, "set partitioning: pool of %zu routes is too large", nr);
    for (size_t r = 0; r < nr; r++) {
        const lp_route *rt = &pool->routes[r];
        if (rt->day >= nd)
            return err_set(e, ERR_USAGE, "set partitioning: route %zu: day %u outside 0..%u", r,
                           rt->day, nd - 1);
        if (rt->group >= pool->n_groups)
            return err_set(e, ERR_USAGE, "set partitioning: route %zu: group %u outside 0..%u", r,
                           rt->group, pool->n_groups - 1);
        for (uint32_t j = 0; j < rt->n_stops; j++) {
            uint32_t s = rt->stops[j];
            if (s < p->n_depots || s >= nn || p->nodes[s].freq == 0)
                return err_set(e, ERR_USAGE, "set partitioning: route %zu: node %u is not a stop",
                               r, s);
        }
    }

    /* Columns: x[r] = r + 1; then y[i][q] from pcol[i]. Rows: one per stop (pattern choice),
     * one per (stop, day) that any route or pattern touches, one per used (group, day). */
    uint32_t *pcol = xcalloc(nn + 1, sizeof *pcol);
    int n_cols = (int)nr;
    for (uint32_t i = 0; i < nn; i++) {
        pcol[i] = (uint32_t)n_cols + 1;
        if (i >= p->n_depots && p->nodes[i].freq > 0)
            n_cols += (int)p->nodes[i].n_patterns;
    }
    pcol[nn] = (uint32_t)n_cols + 1;
    glp_prob *lp = glp_create_prob();
    glp_set_prob_name(lp, "set-partitioning");
    glp_set_obj_dir(lp, GLP_MIN);
    if (n_cols > 0)
        glp_add_cols(lp, n_cols);
    for (int j = 1; j <= n_cols; j++)
        glp_set_col_kind(lp, j, GLP_BV);
    for (size_t r = 0; r < nr; r++)
        glp_set_obj_coef(lp, (int)r + 1, (double)pool->routes[r].cost);

    /* Row index of (stop i, day d), 0 = not created yet. */
    int *cover_row = xcalloc((size_t)nn * nd, sizeof *cover_row);
    int row = 0;
    triplets tr = {0};
    for (uint32_t i = 0; i < nn; i++) {
        if (pcol[i + 1] == pcol[i])
            continue;
        glp_add_rows(lp, 1);
        row++;
        glp_set_row_bnds(lp, row, GLP_FX, 1, 1);
        for (uint32_t j = pcol[i]; j < pcol[i + 1]; j++)
            trip_add(&tr, row, (int)j, 1);
        for (uint32_t q = 0; q < p->nodes[i].n_patterns; q++)
            for (uint32_t d = 0; d < nd; d++) {
                if (!(p->nodes[i].patterns[q] & (1u << d)))
                    continue;
                int *cr = &cover_row[(size_t)i * nd + d];
                if (!*cr) {
                    glp_add_rows(lp, 1);
                    *cr = ++row;
                    glp_set_row_bnds(lp, row, GLP_FX, 0, 0);
                }
                trip_add(&tr, *cr, (int)(pcol[i] + q), -1);
            }
    }
    uint32_t *tmp = NULL;
    size_t tmp_cap = 0;
    int *fleet_row = xcalloc((size_t)pool->n_groups * nd, sizeof *fleet_row);
    for (size_t r = 0; r < nr; r++) {
        const lp_route *rt = &pool->routes[r];
        /* Merge repeated stops: glp_load_matrix refuses duplicate (row, column) pairs. */
        if (rt->n_stops > tmp_cap) {
            tmp_cap = rt->n_stops;
            tmp = xreallocarray(tmp, tmp_cap, sizeof *tmp);
        }
        if (rt->n_stops)
            memcpy(tmp, rt->stops, rt->n_stops * sizeof *tmp);
        qsort(tmp, rt->n_stops, sizeof *tmp, cmp_u32);
        for (uint32_t j = 0; j < rt->n_stops;) {
            uint32_t k = j;
            while (k < rt->n_stops && tmp[k] == tmp[j])
                k++;
            int *cr = &cover_row[(size_t)tmp[j] * nd + rt->day];
            if (!*cr) { /* day in none of the stop's patterns: forces x[r] = 0 */
                glp_add_rows(lp, 1);
                *cr = ++row;
                glp_set_row_bnds(lp, row, GLP_FX, 0, 0);
            }
            trip_add(&tr, *cr, (int)r + 1, (double)(k - j));
            j = k;
        }
        int *fr = &fleet_row[(size_t)rt->group * nd + rt->day];
        if (!*fr) {
            glp_add_rows(lp, 1);
            *fr = ++row;
            glp_set_row_bnds(lp, row, GLP_UP, 0,
                             (double)pool->fleet[(size_t)rt->group * nd + rt->day]);
        }
        trip_add(&tr, *fr, (int)r + 1, 1);
    }
    free(tmp);
    glp_load_matrix(lp, (int)tr.len, tr.ia, tr.ja, tr.ar);
    trip_free(&tr);

    /* The incumbent, checked: exact cover on a pattern of each stop, within the fleet. */
    double *start = NULL;
    if (pool->start) {
        start = xcalloc((size_t)n_cols + 1, sizeof *start);
        uint32_t *cnt = xcalloc((size_t)nn * nd, sizeof *cnt);
        uint32_t *fl = xcalloc((size_t)pool->n_groups * nd, sizeof *fl);
        bool ok = true;
        for (size_t r = 0; r < nr; r++) {
            if (!pool->start[r])
                continue;
            const lp_route *rt = &pool->routes[r];
            start[r + 1] = 1;
            for (uint32_t j = 0; j < rt->n_stops; j++)
                cnt[(size_t)rt->stops[j] * nd + rt->day]++;
            if (++fl[(size_t)rt->group * nd + rt->day] >
                pool->fleet[(size_t)rt->group * nd + rt->day])
                ok = false;
        }
        for (uint32_t i = 0; i < nn && ok; i++) {
            if (pcol[i + 1] == pcol[i])
                continue;
            uint32_t mask = 0;
            for (uint32_t d = 0; d < nd && ok; d++) {
                uint32_t k = cnt[(size_t)i * nd + d];
                if (k > 1)
                    ok = false;
                if (k)
                    mask |= 1u << d;
            }
            bool found = false;
            for (uint32_t q = 0; q < p->nodes[i].n_patterns && ok && !found; q++)
                if (p->nodes[i].patterns[q] == mask) {
                    start[pcol[i] + q] = 1;
                    found = true;
                }
            ok = ok && found;
        }
        free(cnt);
        free(fl);
        if (!ok) {
            log_msg(prm->log, LOG_WARN,
                    "set partitioning: start ignored (not a feasible "
                    "selection of pool routes)");
            free(start);
            start = NULL;
        }
    }

    err_code c;
    solve_result res = solve(lp, prm, start, st, "set partitioning", e);
    const double *x = NULL;
    double *xbuf = NULL;
    if (res == SOLVED) {
        xbuf = xcalloc((size_t)n_cols + 1, sizeof *xbuf);
        for (int j = 1; j <= n_cols; j++)
            xbuf[j] = glp_mip_col_val(lp, j);
        x = xbuf;
        st->objective = glp_mip_obj_val(lp);
        c = ERR_OK;
    } else if (res == NO_INTEGER && start) {
        x = start;
        st->from_incumbent = true;
        st->objective = 0;
        for (size_t r = 0; r < nr; r++)
            st->objective += start[r + 1] * (double)pool->routes[r].cost;
        c = ERR_OK;
    } else if (res == INFEASIBLE) {
        c = err_set(e, ERR_INFEASIBLE,
                    "set partitioning: no selection of the %zu pool routes "
                    "serves every stop on one of its patterns within the fleet",
                    nr);
    } else if (res == NO_INTEGER) {
        c = err_set(e, ERR_LP,
                    "set partitioning: no integer solution within the limits (%.1f s, "
                    "%llu nodes)",
                    prm->time_limit, (unsigned long long)prm->node_limit);
    } else {
        c = e ? e->code : ERR_LP;
    }
    if (x) {
        for (size_t r = 0; r < nr; r++)
            chosen[r] = x[r + 1] > 0.5;
        for (uint32_t i = 0; i < nn; i++) {
            pattern_out[i] = 0;
            for (uint32_t j = pcol[i]; j < pcol[i + 1]; j++)
                if (x[j] > 0.5)
                    pattern_out[i] = p->nodes[i].patterns[j - pcol[i]];
        }
        if (start && x != start) {
            bool same = true;
            for (size_t r = 0; r < nr && same; r++)
                same = chosen[r] == (start[r + 1] > 0.5);
            st->from_incumbent = same;
        }
    }
    free(xbuf);
    free(start);
    free(fleet_row);
    free(cover_row);
    free(pcol);
    glp_delete_prob(lp);
    return c;
}
