/* rng.h — small portable deterministic generator with explicit state
 * (xoshiro256**, Blackman & Vigna 2018, seeded through splitmix64).
 * SPDX-License-Identifier: MIT */
#ifndef UTIL_RNG_H
#define UTIL_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct rng {
    uint64_t s[4]; /* generator state; never all zero */
} rng;

/* Seeds r; the same seed gives the same stream on every platform. */
void rng_seed(rng *r, uint64_t seed);

/* Next 64 random bits. */
uint64_t rng_next(rng *r);

/* Uniform integer in [0, n) without modulo bias (Lemire 2019); n must be > 0. */
uint32_t rng_below(rng *r, uint32_t n);

/* Uniform double in [0, 1) with 53 random bits. */
double rng_double(rng *r);

/* Fisher–Yates shuffle of a[0..n). */
void rng_shuffle_u32(rng *r, uint32_t *a, size_t n);

#endif
