/* utf8.h — checking that input text is UTF-8, so a file saved as GBK/ANSI is refused with a
 * hint instead of its bytes reaching the UTF-8 outputs. SPDX-License-Identifier: MIT */
#ifndef UTIL_UTF8_H
#define UTIL_UTF8_H

#include <stddef.h>

/* Length (1..4) of the well-formed UTF-8 sequence at s, which must be before end; 0 when the
 * bytes there are not one (an invalid or truncated sequence, an overlong form, a surrogate,
 * a code point above U+10FFFF) or when s is a NUL byte (text files hold none). */
size_t utf8_seq_len(const unsigned char *s, const unsigned char *end);

/* 0 when the len bytes at s are UTF-8 text without NUL bytes, else the 1-based line of the
 * first byte that is not (lines end at '\n'). */
size_t utf8_bad_line(const char *s, size_t len);

#endif
