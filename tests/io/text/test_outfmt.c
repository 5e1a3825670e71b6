/* test_outfmt.c — escaping and formatting shared by the exports. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/outfmt.h"

/* Runs a writer into a memory stream and returns the text (caller frees). */
static char *capture(void (*fn)(FILE *, const char *), const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    fn(f, s);
    fclose(f);
    return buf;
}

static char *coord(double v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    outfmt_coord(f, v);
    fclose(f);
    return buf;
}

Test(outfmt, xml_escapes_markup_and_keeps_chinese)
{
    char *s = capture(outfmt_xml, "<&>\"'镇");
    cr_expect_str_eq(s, "&lt;&amp;&gt;&quot;&#39;镇");
    free(s);
}

Test(outfmt, xml_replaces_invalid_utf8_and_controls)
{
    char *s = capture(outfmt_xml, "a\x01"
                                  "b\xff"
                                  "c\xe4\xb8"
                                  "d\tn");
    cr_expect_str_eq(s, "a\xef\xbf\xbd"
                        "b\xef\xbf\xbd"
                        "c\xef\xbf\xbd\xef\xbf\xbd"
                        "d\tn");
    free(s);
}

Test(outfmt, json_is_safe_inside_a_script_element)
{
    char *s = capture(outfmt_json, "</script>\"\\\n村");
    cr_expect_str_eq(s, "\"\\u003c/script\\u003e\\\"\\\\\\n村\"");
    free(s);
    s = capture(outfmt_json, NULL);
    cr_expect_str_eq(s, "\"\"");
    free(s);
}

Test(outfmt, coordinates_have_at_most_six_decimals)
{
    char *a = coord(121.123456789), *b = coord(28.5), *c = coord(-0.0000001), *d = coord(1e-7);
    cr_expect_str_eq(a, "121.123457");
    cr_expect_str_eq(b, "28.5");
    cr_expect_str_eq(c, "0");
    cr_expect_str_eq(d, "0");
    free(a);
    free(b);
    free(c);
    free(d);
}

Test(outfmt, milli_rounds_integers_without_floating_point)
{
    char buf[32];
    cr_expect_str_eq(outfmt_milli(buf, sizeof buf, 12345, 1), "12.3");
    cr_expect_str_eq(outfmt_milli(buf, sizeof buf, 12350, 1), "12.4");
    cr_expect_str_eq(outfmt_milli(buf, sizeof buf, 7000, 3), "7.000");
    cr_expect_str_eq(outfmt_milli(buf, sizeof buf, 499, 0), "0");
    cr_expect_str_eq(outfmt_milli(buf, sizeof buf, -1500, 1), "-1.5");
}

Test(outfmt, iso_times_count_days_from_the_week_start)
{
    char buf[64];
    cr_assert(outfmt_iso_time(buf, sizeof buf, "2026-11-30", "+08:00", 1, 8 * 3600 + 35 * 60));
    cr_expect_str_eq(buf, "2026-12-01T08:35:00+08:00");
    /* past midnight rolls into the next date; leap day exists in 2028 */
    cr_assert(outfmt_iso_time(buf, sizeof buf, "2028-02-28", "Z", 0, 86400 + 61));
    cr_expect_str_eq(buf, "2028-02-29T00:01:01Z");
    cr_assert(outfmt_iso_time(buf, sizeof buf, "2026-12-28", "bogus", 6, 0));
    cr_expect_str_eq(buf, "2027-01-03T00:00:00", "invalid offset left out");
    cr_expect_not(outfmt_iso_time(buf, sizeof buf, "2026-02-29", "+08:00", 0, 0));
    cr_expect_not(outfmt_iso_time(buf, sizeof buf, "", "+08:00", 0, 0));
    cr_expect_str_eq(buf, "");
}

Test(outfmt, clock_times_round_to_the_minute_and_keep_counting_past_midnight)
{
    char buf[16];
    cr_expect_str_eq(outfmt_hhmm(buf, sizeof buf, 8 * 3600 + 35 * 60 + 29), "08:35");
    cr_expect_str_eq(outfmt_hhmm(buf, sizeof buf, 8 * 3600 + 35 * 60 + 30), "08:36");
    cr_expect_str_eq(outfmt_hhmm(buf, sizeof buf, 25 * 3600 + 600), "25:10");
}

Test(outfmt, file_parts_are_safe_names)
{
    char buf[80];
    cr_expect_str_eq(outfmt_file_part(buf, sizeof buf, "tue/周二"), "tue_周二");
    cr_expect_str_eq(outfmt_file_part(buf, sizeof buf, "van<2>"), "van_2_");
    cr_expect_str_eq(outfmt_file_part(buf, sizeof buf, ".."), "_.");
    cr_expect_str_eq(outfmt_file_part(buf, sizeof buf, ""), "_");
    cr_expect_str_eq(outfmt_file_part(buf, sizeof buf, "a b:c*d?\\e"), "a_b_c_d__e");
    /* cut at a character boundary, never inside a UTF-8 sequence */
    char small[8];
    cr_expect_str_eq(outfmt_file_part(small, sizeof small, "周二周二"), "周二");
}
