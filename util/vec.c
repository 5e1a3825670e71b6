/* vec.c — growth policy of vec.h. SPDX-License-Identifier: MIT */
#include "util/vec.h"

#include <stdint.h>

#include "util/mem.h"

void vec_grow(void **data, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            ncap = need;
        else
            ncap *= 2;
    }
    *data = xreallocarray(*data, ncap, elem);
    *cap = ncap;
}
