/* ascii.c — locale-independent ASCII text helpers. SPDX-License-Identifier: MIT */
#include "util/ascii.h"

#include <stdint.h>
#include <string.h>

int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z')
            cb += 'a' - 'A';
        if (ca != cb || !ca)
            return ca - cb;
    }
}

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

size_t ascii_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > ASCII_DISTANCE_MAX || nb > ASCII_DISTANCE_MAX)
        return SIZE_MAX;
    /* one row of the dynamic-programming table: row[j] = distance of a[0..i) and b[0..j) */
    size_t row[ASCII_DISTANCE_MAX + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t sub = diag + (fold((unsigned char)a[i - 1]) != fold((unsigned char)b[j - 1]));
            size_t del = up + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            diag = up;
        }
    }
    return row[nb];
}

size_t ascii_nearest(const char *word, const char *const *cands, size_t n)
{
    size_t len = strlen(word), limit = len / 3 > 1 ? len / 3 : 1;
    size_t best = SIZE_MAX, best_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t d = ascii_distance(word, cands[i]);
        if (d >= 1 && d <= limit && d < strlen(cands[i]) && d < best_d) {
            best = i;
            best_d = d;
        }
    }
    return best;
}
