/* ascii.h — locale-independent ASCII text helpers for file formats whose keywords are
 * English whatever the user's locale. SPDX-License-Identifier: MIT */
#ifndef UTIL_ASCII_H
#define UTIL_ASCII_H

#include <stddef.h>

/* Compares two NUL-terminated strings ignoring the case of ASCII letters only (bytes >= 0x80,
 * e.g. UTF-8 Chinese, compare as they are), like strcasecmp in the C locale: < 0, 0 or > 0.
 * Arguments are borrowed. */
int ascii_casecmp(const char *a, const char *b);

/* Longest string ascii_distance compares, in bytes. */
#define ASCII_DISTANCE_MAX 64

/* Edit distance (Levenshtein: byte insertions, deletions and substitutions) between a and b,
 * ignoring the case of ASCII letters. SIZE_MAX when either is longer than ASCII_DISTANCE_MAX
 * bytes. Catches typos in keywords: "range_kms" is 1 from "range_km". */
size_t ascii_distance(const char *a, const char *b);

/* Index of the candidate (of n) nearest to word by ascii_distance, when it is a likely typo:
 * distance at least 1 and at most max(1, strlen(word) / 3), and below the candidate's
 * length. Ties go to the first. SIZE_MAX when no candidate is that near. For "did you mean"
 * hints. */
size_t ascii_nearest(const char *word, const char *const *cands, size_t n);

#endif
