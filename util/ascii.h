/* ascii.h — locale-independent ASCII text helpers for file formats whose keywords are
 * English whatever the user's locale. SPDX-License-Identifier: MIT */
#ifndef UTIL_ASCII_H
#define UTIL_ASCII_H

/* Compares two NUL-terminated strings ignoring the case of ASCII letters only (bytes >= 0x80,
 * e.g. UTF-8 Chinese, compare as they are), like strcasecmp in the C locale: < 0, 0 or > 0.
 * Arguments are borrowed. */
int ascii_casecmp(const char *a, const char *b);

#endif
