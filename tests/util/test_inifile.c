/* test_inifile.c — util/inifile.h. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"
#include "util/inifile.h"

static const char sample[] = "\xEF\xBB\xBF; comment\r\n"
                             "name = 仙居县 demo\r\n"
                             "\r\n"
                             "[costs]\r\n"
                             "  per_km = 1.25 ; inline comment\r\n"
                             "  fixed = 120\r\n"
                             "# another comment\r\n"
                             "[Vehicles]\n"
                             "electric = Yes\n"
                             "bad = 12x\n"
                             "[empty]\n";

Test(inifile, parses_sections_keys_values_and_lines)
{
    err e = {0};
    inifile *f = inifile_parse_string(sample, "settings.ini", &e);
    cr_assert_not_null(f, "%s", e.msg);
    cr_assert_eq(inifile_count(f), 5);
    const inifile_entry *en = inifile_entry_at(f, 0);
    cr_assert_str_eq(en->section, "");
    cr_assert_str_eq(en->key, "name");
    cr_assert_str_eq(en->value, "仙居县 demo");
    cr_assert_eq(en->line, 2);
    en = inifile_find(f, "COSTS", "Per_Km");
    cr_assert_not_null(en);
    cr_assert_str_eq(en->value, "1.25");
    cr_assert_eq(en->line, 5);
    cr_assert_str_eq(inifile_get_str(f, "costs", "fixed", NULL), "120");
    cr_assert_str_eq(inifile_get_str(f, "costs", "nothing", "dflt"), "dflt");
    cr_assert(inifile_has_section(f, "empty"));
    cr_assert(inifile_has_section(f, "vehicles"));
    cr_assert_not(inifile_has_section(f, "absent"));
    cr_assert_str_eq(inifile_name(f), "settings.ini");
    inifile_free(f);
}

Test(inifile, typed_getters_convert_and_default)
{
    err e = {0};
    inifile *f = inifile_parse_string(sample, "settings.ini", &e);
    cr_assert_not_null(f);
    double d = 0;
    cr_assert_eq(inifile_get_double(f, "costs", "per_km", 0, 0, 100, &d, &e), ERR_OK);
    cr_assert_float_eq(d, 1.25, 1e-12);
    cr_assert_eq(inifile_get_double(f, "costs", "absent", 7.5, 0, 100, &d, &e), ERR_OK);
    cr_assert_float_eq(d, 7.5, 1e-12);
    int64_t i = 0;
    cr_assert_eq(inifile_get_int(f, "costs", "fixed", 0, 0, 1000, &i, &e), ERR_OK);
    cr_assert_eq(i, 120);
    bool b = false;
    cr_assert_eq(inifile_get_bool(f, "vehicles", "electric", false, &b, &e), ERR_OK);
    cr_assert(b);
    const char *s = NULL;
    cr_assert_eq(inifile_require_str(f, "", "name", &s, &e), ERR_OK);
    cr_assert_str_eq(s, "仙居县 demo");
    inifile_free(f);
}

Test(inifile, bad_number_names_file_line_section_and_key)
{
    err e = {0};
    inifile *f = inifile_parse_string(sample, "settings.ini", &e);
    cr_assert_not_null(f);
    int64_t i = 0;
    cr_assert_eq(inifile_get_int(f, "vehicles", "bad", 0, 0, 100, &i, &e), ERR_PARSE);
    cr_assert_str_eq(e.msg, "settings.ini:10: [Vehicles] bad: expected a whole number in "
                            "0..100, got '12x'");
    double d;
    cr_assert_eq(inifile_get_double(f, "costs", "fixed", 0, 0, 100, &d, &e), ERR_PARSE);
    cr_assert_str_eq(e.msg,
                     "settings.ini:6: [costs] fixed: expected a number in 0..100, got '120'");
    bool b;
    cr_assert_eq(inifile_get_bool(f, "costs", "per_km", false, &b, &e), ERR_PARSE);
    cr_assert(strstr(e.msg, "settings.ini:5: [costs] per_km: expected yes or no"));
    const char *s;
    cr_assert_eq(inifile_require_str(f, "costs", "currency", &s, &e), ERR_PARSE);
    cr_assert_str_eq(e.msg, "settings.ini: [costs] currency: missing (required)");
    inifile_free(f);
}

Test(inifile, unknown_keys_are_caught)
{
    err e = {0};
    inifile *f = inifile_parse_string(sample, "s.ini", &e);
    cr_assert_not_null(f);
    const char *const all[] = {".name", "costs.*", "vehicles.electric", "vehicles.bad", NULL};
    cr_assert_eq(inifile_check_known(f, all, &e), ERR_OK, "%s", e.msg);
    const char *const some[] = {".name", "costs.per_km", "vehicles.*", NULL};
    cr_assert_eq(inifile_check_known(f, some, &e), ERR_PARSE);
    cr_assert_str_eq(e.msg, "s.ini:6: [costs] fixed: unknown key");
    inifile_free(f);
}

Test(inifile, malformed_line_is_a_parse_error_with_its_line)
{
    err e = {0};
    cr_assert_null(inifile_parse_string("[a]\nx = 1\nthis line has no equals\n", "s.ini", &e));
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert(strstr(e.msg, "s.ini:3:"), "%s", e.msg);
}

/* Found by fuzzing the road profile: " = 30" in [speeds] made highway="" a drivable class. */
Test(inifile, empty_key_is_a_parse_error_with_its_line)
{
    err e = {0};
    cr_assert_null(inifile_parse_string("[speeds]\nprimary = 60\n = 30\n", "car.profile", &e));
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert_str_eq(e.msg, "car.profile:3: expected a key before '='");
}

Test(inifile, duplicate_key_is_an_error)
{
    err e = {0};
    cr_assert_null(inifile_parse_string("[a]\nx = 1\n[b]\nx = 2\n[a]\nX = 3\n", "s.ini", &e));
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert_str_eq(e.msg, "s.ini:6: [a] X: duplicate key (first on line 2)");
}

Test(inifile, overlong_line_is_an_error_not_a_silent_cut)
{
    char text[600];
    snprintf(text, sizeof text, "[a]\nk = %0400d\n", 7);
    err e = {0};
    cr_assert_null(inifile_parse_string(text, "s.ini", &e));
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert(strstr(e.msg, "s.ini:2: line longer than"), "%s", e.msg);
}

Test(inifile, gbk_text_is_refused_with_a_hint)
{
    err e = {0};
    /* 云岚县 saved as GBK on line 3: its bytes would end up in the UTF-8 summary */
    inifile *f = inifile_parse_string("[scenario]\n# county\nname = \xD4\xC6\xE1\xB0\xCF\xD8\n",
                                      "s.ini", &e);
    cr_assert_null(f);
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert_str_eq(e.msg, "s.ini:3: not UTF-8 text (saved as GBK/ANSI or UTF-16?); save the "
                            "file as UTF-8");
    /* the same text in UTF-8, with a BOM, is fine */
    f = inifile_parse_string("\xEF\xBB\xBF[scenario]\nname = 云岚县\n", "s.ini", &e);
    cr_assert_not_null(f, "%s", e.msg);
    cr_assert_str_eq(inifile_get_str(f, "scenario", "name", ""), "云岚县");
    inifile_free(f);
}

Test(inifile, load_reads_a_file_and_reports_missing_files)
{
    char *dir = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/x.ini", dir);
    FILE *fp = fopen(path, "w");
    fputs(sample, fp);
    fclose(fp);
    err e = {0};
    inifile *f = inifile_load(path, &e);
    cr_assert_not_null(f, "%s", e.msg);
    cr_assert_eq(inifile_count(f), 5);
    inifile_free(f);
    snprintf(path, sizeof path, "%s/absent.ini", dir);
    cr_assert_null(inifile_load(path, &e));
    cr_assert_eq(e.code, ERR_IO);
    cr_assert(strstr(e.msg, "absent.ini"));
    test_rmtree(dir);
    free(dir);
}
