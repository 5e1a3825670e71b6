/* gamelp.c — least core, Equal Profit Method (Frisk et al. 2010) and nucleolus as GLPK linear
 * programs (see gamelp.h). Includes glpk.h and nothing else of a third party (STYLE §7); the
 * 1-based arrays stay in this file. Each LP is small (k + 1 columns, at most 2^k rows for
 * k <= 16 players), solved by glp_simplex with presolve off, so that an infeasible or
 * unbounded model gives a status instead of an error code and the row duals are available.
 * SPDX-License-Identifier: MIT */
#include "solver/gamelp.h"

#include <assert.h>
#include <glpk.h>
#include <math.h>
#include <stdlib.h>

#include "solver/game.h"
#include "util/mem.h"

/* A row of the model: coefficients 1 on the members of `mask`, `extra` on column k + 1. */
typedef struct row {
    uint32_t mask;
    double extra;
    int type;   /* GLP_UP or GLP_FX */
    double rhs; /* upper bound or fixed value */
} row;

/* Builds and solves: minimise column k+1 (free) over free columns 1..k (when free_x) subject
 * to rows[n]. Writes x[k], the objective and, when duals != NULL, each row's dual value.
 * Returns ERR_OK, ERR_INFEASIBLE, ERR_LP. */
static err_code solve_rows(uint32_t k, const row *rows, size_t n, const double *obj_x, double *x,
                           double *objective, double *duals, const char *what, err *e)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, (int)k + 1);
    for (uint32_t j = 1; j <= k + 1; j++)
        glp_set_col_bnds(lp, (int)j, GLP_FR, 0, 0);
    glp_set_obj_coef(lp, (int)k + 1, 1);
    if (obj_x)
        for (uint32_t j = 0; j < k; j++)
            glp_set_obj_coef(lp, (int)j + 1, obj_x[j]);
    glp_add_rows(lp, (int)n);
    int *ind = xmallocarray(k + 2, sizeof *ind);
    double *val = xmallocarray(k + 2, sizeof *val);
    for (size_t r = 0; r < n; r++) {
        int len = 0;
        for (uint32_t j = 0; j < k; j++)
            if (rows[r].mask >> j & 1) {
                ind[++len] = (int)j + 1;
                val[len] = 1;
            }
        if (rows[r].extra != 0) {
            ind[++len] = (int)k + 1;
            val[len] = rows[r].extra;
        }
        glp_set_mat_row(lp, (int)r + 1, len, ind, val);
        glp_set_row_bnds(lp, (int)r + 1, rows[r].type, rows[r].rhs, rows[r].rhs);
    }
    free(ind);
    free(val);
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    smcp.presolve = GLP_OFF;
    err_code rc = ERR_OK;
    int s = glp_simplex(lp, &smcp);
    if (s != 0) {
        /* a singular start basis: retry once from the standard basis */
        glp_std_basis(lp);
        s = glp_simplex(lp, &smcp);
    }
    if (s != 0) {
        rc = err_set(e, ERR_LP, "%s: glp_simplex failed (code %d)", what, s);
    } else {
        int st = glp_get_status(lp);
        if (st == GLP_NOFEAS)
            rc = err_set(e, ERR_INFEASIBLE, "%s: no allocation meets the constraints", what);
        else if (st != GLP_OPT)
            rc = err_set(e, ERR_LP, "%s: LP status %d, not optimal", what, st);
    }
    if (rc == ERR_OK) {
        for (uint32_t j = 0; j < k; j++)
            x[j] = glp_get_col_prim(lp, (int)j + 1);
        *objective = glp_get_col_prim(lp, (int)k + 1);
        if (duals)
            for (size_t r = 0; r < n; r++)
                duals[r] = glp_get_row_dual(lp, (int)r + 1);
    }
    glp_delete_prob(lp);
    return rc;
}

static double csum(uint32_t k, const int64_t *c)
{
    return (double)c[(1ull << k) - 1];
}

/* The LPs work in units of the grand coalition's cost (so every number is about 1: GLPK
 * does not scale by itself, and costs in fen reach 10^6 and more). */
static double unit_of(uint32_t k, const int64_t *c)
{
    double u = fabs(csum(k, c));
    return u > 0 ? u : 1;
}

err_code gamelp_least_core(uint32_t k, const int64_t *c, const bool *known, double *x, double *eps,
                           err *e)
{
    assert(k >= 1 && k <= GAME_MAX_PLAYERS);
    uint32_t full = (uint32_t)((1ull << k) - 1);
    if (k == 1) {
        x[0] = csum(k, c);
        *eps = 0;
        return ERR_OK;
    }
    double u = unit_of(k, c);
    row *rows = xmallocarray(full, sizeof *rows);
    size_t n = 0;
    for (uint32_t S = 1; S < full; S++)
        if (!known || known[S])
            rows[n++] = (row){S, -1, GLP_UP, (double)c[S] / u};
    rows[n++] = (row){full, 0, GLP_FX, csum(k, c) / u};
    err_code rc = solve_rows(k, rows, n, NULL, x, eps, NULL, "least core", e);
    free(rows);
    for (uint32_t j = 0; j < k; j++)
        x[j] *= u;
    *eps *= u;
    return rc;
}

err_code gamelp_epm(uint32_t k, const int64_t *c, const bool *known, double slack, double *y,
                    double *f, err *e)
{
    assert(k >= 1 && k <= GAME_MAX_PLAYERS);
    uint32_t full = (uint32_t)((1ull << k) - 1);
    for (uint32_t i = 0; i < k; i++)
        if ((known && !known[1u << i]) || c[1u << i] <= 0)
            return err_set(e, ERR_USAGE, "EPM: player %u's own cost is unknown or not positive",
                           i + 1);
    if (k == 1) {
        y[0] = csum(k, c);
        *f = 0;
        return ERR_OK;
    }
    /* Columns 1..k are y scaled by own cost: z_i = y_i / c({i}), so that the difference rows
     * have unit coefficients; the coalition rows then carry c({i}) as coefficients. Written
     * out here rather than through solve_rows, whose rows have 0/1 coefficients. */
    double u = unit_of(k, c);
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, (int)k + 1);
    for (uint32_t j = 1; j <= k + 1; j++)
        glp_set_col_bnds(lp, (int)j, GLP_FR, 0, 0);
    glp_set_obj_coef(lp, (int)k + 1, 1);
    int *ind = xmallocarray(k + 2, sizeof *ind);
    double *val = xmallocarray(k + 2, sizeof *val);
    int r = 0;
    for (uint32_t S = 1; S <= full; S++) {
        if (S != full && known && !known[S])
            continue;
        int len = 0;
        for (uint32_t j = 0; j < k; j++)
            if (S >> j & 1) {
                ind[++len] = (int)j + 1;
                val[len] = (double)c[1u << j] / u;
            }
        r = glp_add_rows(lp, 1);
        glp_set_mat_row(lp, r, len, ind, val);
        if (S == full)
            glp_set_row_bnds(lp, r, GLP_FX, csum(k, c) / u, csum(k, c) / u);
        else
            glp_set_row_bnds(lp, r, GLP_UP, 0, ((double)c[S] + slack) / u);
    }
    for (uint32_t i = 0; i < k; i++)
        for (uint32_t j = 0; j < k; j++) {
            if (i == j)
                continue;
            ind[1] = (int)i + 1;
            val[1] = 1;
            ind[2] = (int)j + 1;
            val[2] = -1;
            ind[3] = (int)k + 1;
            val[3] = -1;
            r = glp_add_rows(lp, 1);
            glp_set_mat_row(lp, r, 3, ind, val);
            glp_set_row_bnds(lp, r, GLP_UP, 0, 0);
        }
    free(ind);
    free(val);
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    smcp.presolve = GLP_OFF;
    err_code rc = ERR_OK;
    int s = glp_simplex(lp, &smcp);
    if (s != 0) {
        glp_std_basis(lp);
        s = glp_simplex(lp, &smcp);
    }
    if (s != 0)
        rc = err_set(e, ERR_LP, "EPM: glp_simplex failed (code %d)", s);
    else if (glp_get_status(lp) == GLP_NOFEAS)
        rc = err_set(e, ERR_INFEASIBLE, "EPM: no allocation within the coalitions' costs");
    else if (glp_get_status(lp) != GLP_OPT)
        rc = err_set(e, ERR_LP, "EPM: LP status %d, not optimal", glp_get_status(lp));
    if (rc == ERR_OK) {
        for (uint32_t j = 0; j < k; j++)
            y[j] = glp_get_col_prim(lp, (int)j + 1) * (double)c[1u << j];
        *f = glp_get_col_prim(lp, (int)k + 1);
    }
    glp_delete_prob(lp);
    return rc;
}

/* Rows of an echelon basis of the fixed coalitions' indicator vectors. */
typedef struct span {
    uint32_t k, rank;
    double v[GAME_MAX_PLAYERS][GAME_MAX_PLAYERS];
    uint32_t pivot[GAME_MAX_PLAYERS];
} span;

/* Reduces the indicator of mask against the basis; adds it and returns true when independent. */
static bool span_add(span *sp, uint32_t mask, bool add)
{
    double w[GAME_MAX_PLAYERS];
    for (uint32_t j = 0; j < sp->k; j++)
        w[j] = (double)(mask >> j & 1);
    for (uint32_t r = 0; r < sp->rank; r++) {
        double f = w[sp->pivot[r]];
        if (f != 0)
            for (uint32_t j = 0; j < sp->k; j++)
                w[j] -= f * sp->v[r][j];
    }
    uint32_t p = sp->k;
    for (uint32_t j = 0; j < sp->k; j++)
        if (fabs(w[j]) > 1e-9 && (p == sp->k || fabs(w[j]) > fabs(w[p])))
            p = j;
    if (p == sp->k)
        return false;
    if (add) {
        double d = w[p];
        for (uint32_t j = 0; j < sp->k; j++)
            sp->v[sp->rank][j] = w[j] / d;
        /* keep the basis reduced: clear column p in the earlier rows */
        for (uint32_t r = 0; r < sp->rank; r++) {
            double f = sp->v[r][p];
            if (f != 0)
                for (uint32_t j = 0; j < sp->k; j++)
                    sp->v[r][j] -= f * sp->v[sp->rank][j];
        }
        sp->pivot[sp->rank++] = p;
    }
    return true;
}

err_code gamelp_nucleolus(uint32_t k, const int64_t *c, const bool *known, double *x, err *e)
{
    assert(k >= 1 && k <= GAME_MAX_PLAYERS);
    uint32_t full = (uint32_t)((1ull << k) - 1);
    if (k == 1) {
        x[0] = csum(k, c);
        return ERR_OK;
    }
    /* state per coalition: 0 active, 1 fixed, 2 dropped (determined by the fixed ones) */
    uint8_t *state = xcalloc((size_t)full + 1, 1);
    double *fixed_at = xcalloc((size_t)full + 1, sizeof *fixed_at);
    row *rows = xmallocarray((size_t)full + 1, sizeof *rows);
    uint32_t *row_mask = xmallocarray((size_t)full + 1, sizeof *row_mask);
    double *duals = xmallocarray((size_t)full + 1, sizeof *duals);
    span sp = {.k = k};
    span_add(&sp, full, true);
    double u = unit_of(k, c);
    err_code rc = ERR_OK;
    size_t n_active = 0;
    for (uint32_t S = 1; S < full; S++)
        if (!known || known[S])
            n_active++;
        else
            state[S] = 2;
    while (rc == ERR_OK && sp.rank < k && n_active > 0) {
        size_t n = 0;
        for (uint32_t S = 1; S < full; S++) {
            if (state[S] == 0)
                rows[n] = (row){S, -1, GLP_UP, (double)c[S] / u};
            else if (state[S] == 1)
                rows[n] = (row){S, 0, GLP_FX, fixed_at[S]};
            else
                continue;
            row_mask[n++] = S;
        }
        rows[n] = (row){full, 0, GLP_FX, csum(k, c) / u};
        row_mask[n++] = full;
        double eps;
        rc = solve_rows(k, rows, n, NULL, x, &eps, duals, "nucleolus", e);
        if (rc != ERR_OK)
            break;
        bool progress = false;
        for (size_t r = 0; r < n; r++) {
            uint32_t S = row_mask[r];
            if (S == full || state[S] != 0 || fabs(duals[r]) <= 1e-9)
                continue;
            state[S] = 1;
            fixed_at[S] = (double)c[S] / u + eps;
            span_add(&sp, S, true);
            n_active--;
            progress = true;
        }
        if (!progress) {
            /* eps has cost 1 and is free, so the duals of its rows sum to 1 in magnitude:
             * some active row always has a non-zero dual */
            rc = err_set(e, ERR_LP, "nucleolus: no coalition with a non-zero dual");
            break;
        }
        for (uint32_t S = 1; S < full; S++)
            if (state[S] == 0 && !span_add(&sp, S, false)) {
                state[S] = 2;
                n_active--;
            }
    }
    for (uint32_t j = 0; j < k; j++)
        x[j] *= u;
    free(duals);
    free(row_mask);
    free(rows);
    free(fixed_at);
    free(state);
    return rc;
}
