/* vec.h — typed growable arrays: VEC(int) v = {0}; VEC_PUSH(&v, 3); VEC_FREE(&v);
 * Capacity doubles with an overflow check, so pushes are amortised O(1).
 * SPDX-License-Identifier: MIT */
#ifndef UTIL_VEC_H
#define UTIL_VEC_H

#include <stddef.h>

#define VEC(T)                                                                                     \
    struct {                                                                                       \
        T *data;    /* elements, NULL while cap == 0 */                                            \
        size_t len; /* elements in use */                                                          \
        size_t cap; /* elements allocated */                                                       \
    }

/* Ensures room for at least `need` elements of `elem` bytes in *data; grows by doubling.
 * Aborts (mem.h) on overflow or exhaustion. */
void vec_grow(void **data, size_t *cap, size_t need, size_t elem);

#define VEC_RESERVE(v, n)                                                                          \
    do {                                                                                           \
        if ((n) > (v)->cap)                                                                        \
            vec_grow((void **)&(v)->data, &(v)->cap, (n), sizeof *(v)->data);                      \
    } while (0)

#define VEC_PUSH(v, x)                                                                             \
    do {                                                                                           \
        VEC_RESERVE((v), (v)->len + 1);                                                            \
        (v)->data[(v)->len++] = (x);                                                               \
    } while (0)

#define VEC_FREE(v)                                                                                \
    do {                                                                                           \
        free((v)->data);                                                                           \
        (v)->data = NULL;                                                                          \
        (v)->len = (v)->cap = 0;                                                                   \
    } while (0)

#endif
