/* game.c — Shapley value (exact, and sampled: Castro, Gómez & Tejada 2009), proportional
 * shares, largest-remainder rounding and the core check by enumeration (see game.h).
 * SPDX-License-Identifier: MIT */
#include "solver/game.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

static uint32_t popcount32(uint32_t m)
{
    uint32_t n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

void game_shapley(uint32_t k, const int64_t *c, double *phi)
{
    assert(k >= 1 && k <= GAME_MAX_PLAYERS);
    /* weight[s] = s!(k-s-1)!/k!, built as a product to stay exact for small k */
    double weight[GAME_MAX_PLAYERS];
    for (uint32_t s = 0; s < k; s++) {
        double w = 1.0 / k;
        /* s!(k-1-s)!/(k-1)! = 1 / C(k-1, s) */
        double binom = 1;
        for (uint32_t j = 1; j <= s; j++)
            binom = binom * (double)(k - j) / j;
        weight[s] = w / binom;
    }
    uint32_t full = (uint32_t)((1ull << k) - 1);
    for (uint32_t i = 0; i < k; i++) {
        double sum = 0;
        uint32_t bit = 1u << i;
        for (uint32_t S = 0; S <= full; S++) {
            if (S & bit)
                continue;
            sum += weight[popcount32(S)] * (double)(c[S | bit] - (S ? c[S] : 0));
        }
        phi[i] = sum;
    }
}

void game_orders(uint32_t k, size_t n_orders, rng *r, uint32_t *orders)
{
    for (size_t o = 0; o < n_orders; o++) {
        uint32_t *p = orders + o * k;
        for (uint32_t i = 0; i < k; i++)
            p[i] = i;
        rng_shuffle_u32(r, p, k);
    }
}

void game_orders_need(uint32_t k, size_t n_orders, const uint32_t *orders, bool *need)
{
    for (size_t o = 0; o < n_orders; o++) {
        uint32_t S = 0;
        for (uint32_t j = 0; j < k; j++) {
            S |= 1u << orders[o * k + j];
            need[S] = true;
        }
    }
}

void game_shapley_sample(uint32_t k, const int64_t *c, size_t n_orders, const uint32_t *orders,
                         double *phi, double *se)
{
    double mean[GAME_MAX_PLAYERS] = {0}, m2[GAME_MAX_PLAYERS] = {0};
    for (size_t o = 0; o < n_orders; o++) {
        uint32_t S = 0;
        for (uint32_t j = 0; j < k; j++) {
            uint32_t i = orders[o * k + j];
            double x = (double)(c[S | 1u << i] - (S ? c[S] : 0));
            S |= 1u << i;
            /* Welford's running mean and sum of squares */
            double d = x - mean[i];
            mean[i] += d / (double)(o + 1);
            m2[i] += d * (x - mean[i]);
        }
    }
    for (uint32_t i = 0; i < k; i++) {
        phi[i] = mean[i];
        se[i] = n_orders >= 2 ? sqrt(m2[i] / (double)(n_orders - 1) / (double)n_orders) : 0;
    }
}

/* Gives `left` units (may be negative) one each by rank of frac (descending when adding,
 * ascending when taking), ties as game.h states. */
static void hand_out(uint32_t k, const double *frac, int64_t left, int64_t *out)
{
    bool used[GAME_MAX_PLAYERS] = {false};
    while (left != 0) {
        int best = -1;
        for (uint32_t i = 0; i < k; i++) {
            if (used[i])
                continue;
            if (best < 0)
                best = (int)i;
            else if (left > 0 ? frac[i] > frac[best] : frac[i] <= frac[best])
                best = (int)i;
        }
        if (best < 0) { /* more left than players: start another round */
            for (uint32_t i = 0; i < k; i++)
                used[i] = false;
            continue;
        }
        used[best] = true;
        out[best] += left > 0 ? 1 : -1;
        left += left > 0 ? -1 : 1;
    }
}

void game_round(uint32_t k, const double *x, int64_t total, int64_t *out)
{
    assert(k >= 1 && k <= GAME_MAX_PLAYERS);
    double frac[GAME_MAX_PLAYERS];
    int64_t sum = 0;
    for (uint32_t i = 0; i < k; i++) {
        double f = floor(x[i]);
        out[i] = (int64_t)f;
        frac[i] = x[i] - f;
        sum += out[i];
    }
    hand_out(k, frac, total - sum, out);
}

void game_proportional(uint32_t k, const int64_t *w, int64_t total, int64_t *out)
{
    assert(k >= 1 && k <= GAME_MAX_PLAYERS && total >= 0);
    int64_t W = 0;
    for (uint32_t i = 0; i < k; i++) {
        assert(w[i] >= 0);
        W += w[i];
    }
    assert(W > 0);
    double frac[GAME_MAX_PLAYERS];
    int64_t sum = 0;
    for (uint32_t i = 0; i < k; i++) {
        int64_t num = total * w[i];
        out[i] = num / W;
        /* remainders num % W < W are compared exactly as doubles while W < 2^53 */
        frac[i] = (double)(num % W);
        sum += out[i];
    }
    hand_out(k, frac, total - sum, out);
}

int64_t game_core_excess(uint32_t k, const int64_t *c, const bool *known, const int64_t *x,
                         uint32_t *worst)
{
    assert(k >= 1 && k <= GAME_MAX_PLAYERS);
    uint32_t full = (uint32_t)((1ull << k) - 1);
    int64_t best = INT64_MIN;
    uint32_t arg = 0;
    for (uint32_t S = 1; S < full; S++) {
        if (known && !known[S])
            continue;
        int64_t pay = 0;
        for (uint32_t i = 0; i < k; i++)
            if (S >> i & 1)
                pay += x[i];
        int64_t ex = pay - c[S];
        if (ex > best) {
            best = ex;
            arg = S;
        }
    }
    if (worst)
        *worst = arg;
    return arg ? best : 0;
}
