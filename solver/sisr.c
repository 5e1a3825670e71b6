/* sisr.c — SISR ruin (whole-stop and one-day string removals) and recreate (random, demand,
 * far and close orders; blinks) for the periodic VRP. SPDX-License-Identifier: MIT */
#include "solver/sisr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

struct sisr {
    const inst *in;     /* borrowed */
    sol_delta *delta;   /* borrowed: the search's change record */
    rng *rng;           /* borrowed: the search's stream */
    sol_blinker bk;     /* blink state of the recreate (uses rng) */
    double avg_removed; /* SISR c-bar: mean stops removed per ruin */
    int64_t *key;       /* [nn] sort keys of the recreate order */
    uint32_t *vrem;     /* [nn] stops whose visit of day vday the one-day ruin took */
    uint32_t n_vrem;    /* entries of vrem */
    uint32_t vday;      /* the one-day ruin's day (INST_NONE after a whole-stop ruin) */
    uint32_t *ruined;   /* [nr] stamp (ruin count) of the last ruin that cut each slot */
    uint64_t n_ruins;   /* ruins so far: the current stamp */
};

sisr *sisr_new(const inst *I, sol_delta *D, rng *r, uint32_t avg_removed)
{
    sisr *S = xcalloc(1, sizeof *S);
    S->in = I;
    S->delta = D;
    S->rng = r;
    S->bk = (sol_blinker){.rng = r, .gap = 0};
    S->avg_removed = avg_removed ? avg_removed : 10;
    S->key = xcalloc(I->nn, sizeof *S->key);
    S->vrem = xcalloc(I->nn, sizeof *S->vrem);
    S->ruined = xcalloc(I->nr ? I->nr : 1, sizeof *S->ruined);
    return S;
}

void sisr_free(sisr *S)
{
    if (!S)
        return;
    free(S->key);
    free(S->vrem);
    free(S->ruined);
    free(S);
}

/* Sorts ids by key descending, ties by id (deterministic). Insertion sort: lists are short. */
static void sort_by_key(uint32_t *ids, uint32_t n, const int64_t *key)
{
    for (uint32_t i = 1; i < n; i++) {
        uint32_t v = ids[i];
        uint32_t j = i;
        while (j > 0 &&
               (key[ids[j - 1]] < key[v] || (key[ids[j - 1]] == key[v] && ids[j - 1] > v))) {
            ids[j] = ids[j - 1];
            j--;
        }
        ids[j] = v;
    }
}

/* Puts stops ids in a SISR recreate order, drawn with weights 4:4:2:1: random, largest
 * demand first (all visits of the stop when whole_stops, else one visit), farthest from the
 * depots first, closest first. */
static void sisr_order(sisr *S, uint32_t *ids, uint32_t n, bool whole_stops)
{
    rng_shuffle_u32(S->rng, ids, n);
    uint32_t w = rng_below(S->rng, 11);
    if (w < 4)
        return;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t c = ids[k];
        const vrp_node *nc = &S->in->p->nodes[c];
        int64_t demand = whole_stops ? (int64_t)nc->demand * nc->freq : nc->demand;
        S->key[c] = w < 8 ? demand : w < 10 ? S->in->far[c] : -S->in->far[c];
    }
    sort_by_key(ids, n, S->key);
}

void sisr_recreate(sisr *S, sol *x, const uint32_t *want, double blink)
{
    uint32_t n = S->delta->n_rem;
    uint32_t *ids = xmallocarray(n ? n : 1, sizeof *ids);
    memcpy(ids, S->delta->rem, n * sizeof *ids);
    sisr_order(S, ids, n, true);
    for (uint32_t k = 0; k < n; k++)
        if (!x->pat[ids[k]])
            sol_insert_stop(S->in, S->delta, x, ids[k], want ? want[ids[k]] : 0, blink, &S->bk);
    free(ids);
}

void sisr_recreate_visits(sisr *S, sol *x, double blink)
{
    uint32_t n = S->n_vrem, d = S->vday, *ids = S->vrem;
    sisr_order(S, ids, n, false);
    for (uint32_t k = 0; k < n; k++) {
        sol_ins at = sol_best_insertion(S->in, x, ids[k], d, x->pat[ids[k]], blink, &S->bk);
        if (at.ri != INST_NONE)
            sol_insert_at(S->in, S->delta, x, ids[k], d, at);
        else
            sol_remove_stop(S->in, S->delta, x, ids[k]);
    }
    S->n_vrem = 0;
}

void sisr_ruin(sisr *S, sol *x, bool one_day)
{
    const inst *I = S->in;
    uint32_t visits = 0, used = 0;
    for (uint32_t ri = 0; ri < I->nr; ri++)
        if (x->r[ri].len) {
            visits += x->r[ri].len;
            used++;
        }
    if (!used)
        return;
    double lmax = fmin(SISR_MAX_STRING, (double)visits / used);
    double ksmax = 4.0 * S->avg_removed / (1.0 + lmax) - 1.0;
    uint32_t ks = (uint32_t)floor(rng_double(S->rng) * ksmax) + 1;
    uint32_t seed;
    do
        seed = I->stops[rng_below(S->rng, I->n_stops)];
    while (!x->pat[seed]);
    uint32_t day = INST_NONE; /* one_day: a day of the seed's pattern */
    if (one_day) {
        uint32_t k = rng_below(S->rng, (uint32_t)__builtin_popcount(x->pat[seed]));
        for (day = 0; !(x->pat[seed] >> day & 1) || k--; day++)
            ;
    }
    S->vday = day;
    uint32_t done = 0;
    S->n_ruins++;
    for (uint32_t k = 0; k < I->K && done < ks; k++) {
        uint32_t c = I->nbr[(size_t)seed * I->K + k];
        if (!x->pat[c])
            continue;
        /* a day of c whose route is not yet ruined, chosen at random */
        uint32_t cand_days[VRP_MAX_DAYS], nc = 0;
        for (uint32_t d = 0; d < I->nd; d++) {
            uint32_t ri = x->where[(size_t)c * I->nd + d];
            if (ri != INST_NONE && S->ruined[ri] != S->n_ruins && (day == INST_NONE || d == day))
                cand_days[nc++] = d;
        }
        if (!nc)
            continue;
        uint32_t ri = x->where[(size_t)c * I->nd + cand_days[rng_below(S->rng, nc)]];
        sol_route *r = &x->r[ri];
        S->ruined[ri] = (uint32_t)S->n_ruins;
        double lr = fmin(lmax, r->len);
        uint32_t l = (uint32_t)floor(rng_double(S->rng) * lr) + 1;
        if (l > r->len)
            l = r->len;
        uint32_t pos = 0;
        while (r->s[pos] != c)
            pos++;
        uint32_t lo = pos + 1 >= l ? pos + 1 - l : 0;
        uint32_t hi = pos + l <= r->len ? pos : r->len - l;
        uint32_t start = lo + rng_below(S->rng, hi - lo + 1);
        uint32_t str[SISR_MAX_STRING + 1];
        memcpy(str, r->s + start, l * sizeof *str);
        for (uint32_t j = 0; j < l; j++) {
            if (day == INST_NONE) {
                sol_remove_stop(I, S->delta, x, str[j]);
            } else {
                sol_remove_visit(I, S->delta, x, str[j], day);
                S->vrem[S->n_vrem++] = str[j];
            }
        }
        done++;
    }
}
