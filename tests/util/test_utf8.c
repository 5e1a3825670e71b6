/* test_utf8.c — util/utf8: well-formed UTF-8 is accepted, GBK, overlong forms, surrogates,
 * truncated sequences and NUL bytes are not, and the line of the first bad byte is found.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <string.h>

#include "util/utf8.h"

static size_t seq(const char *s, size_t len)
{
    return utf8_seq_len((const unsigned char *)s, (const unsigned char *)s + len);
}

Test(utf8, sequence_lengths)
{
    cr_expect_eq(seq("a", 1), 1);
    cr_expect_eq(seq("\xC3\xA9", 2), 2);         /* é */
    cr_expect_eq(seq("村", strlen("村")), 3);    /* U+6751 */
    cr_expect_eq(seq("\xF0\x9F\x9A\x9A", 4), 4); /* U+1F69A delivery truck */
    cr_expect_eq(seq("", 1), 0, "NUL");
    cr_expect_eq(seq("\xB4\xE5", 2), 0, "GBK 村: a lone continuation byte");
    cr_expect_eq(seq("\xC0\xAF", 2), 0, "overlong '/'");
    cr_expect_eq(seq("\xE0\x80\xAF", 3), 0, "overlong '/' in 3 bytes");
    cr_expect_eq(seq("\xED\xA0\x80", 3), 0, "surrogate U+D800");
    cr_expect_eq(seq("\xF4\x90\x80\x80", 4), 0, "above U+10FFFF");
    cr_expect_eq(seq("\xE6\x9D", 2), 0, "truncated at the end of the text");
    cr_expect_eq(seq("\xE6\x41\x41", 3), 0, "continuation byte missing");
}

Test(utf8, bad_line_names_the_first_bad_line)
{
    const char *ok = "[scenario]\nname = 云岚县\r\n";
    cr_expect_eq(utf8_bad_line(ok, strlen(ok)), 0);
    cr_expect_eq(utf8_bad_line("", 0), 0);
    const char *gbk = "[scenario]\n; comment\nname = \xD4\xC6\xE1\xB0\n";
    cr_expect_eq(utf8_bad_line(gbk, strlen(gbk)), 3);
    const char nul[] = "a\nb\n\0c";
    cr_expect_eq(utf8_bad_line(nul, sizeof nul - 1), 3);
}
