/* test_profile.c — maps/profile.c: the car profile file, tag rules, errors.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maps/profile.h"
#include "tests/support.h"

static void tags_init(const char *t[OSM_TAG_COUNT])
{
    for (int k = 0; k < OSM_TAG_COUNT; k++)
        t[k] = "";
}

static profile *car_file(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/maps/profiles/car.profile", test_root());
    err e = {0};
    profile *p = profile_load(path, &e);
    cr_assert_not_null(p, "%s", e.msg);
    return p;
}

Test(profile, car_file_matches_the_built_in_profile)
{
    profile *f = car_file(), *b = profile_new_car();
    const char *const *nf, *const *nb;
    size_t n = profile_highways(f, &nf);
    cr_assert_eq(n, profile_highways(b, &nb));
    cr_assert_gt(n, 10);
    const char *surfaces[] = {"", "gravel", "dirt", "asphalt", "mud"};
    const char *maxspeeds[] = {"", "50", "30 mph", "CN:urban"};
    const char *ows[] = {"", "yes", "-1", "no"};
    for (size_t i = 0; i < n; i++) {
        cr_assert_str_eq(nf[i], nb[i]);
        for (size_t s = 0; s < 5; s++)
            for (size_t m = 0; m < 4; m++)
                for (size_t o = 0; o < 4; o++) {
                    const char *t[OSM_TAG_COUNT];
                    tags_init(t);
                    t[OSM_TAG_HIGHWAY] = nf[i];
                    t[OSM_TAG_SURFACE] = surfaces[s];
                    t[OSM_TAG_MAXSPEED] = maxspeeds[m];
                    t[OSM_TAG_ONEWAY] = ows[o];
                    profile_way wf, wb;
                    cr_assert_eq(profile_eval(f, t, &wf), profile_eval(b, t, &wb));
                    cr_assert_eq(wf.fwd, wb.fwd);
                    cr_assert_eq(wf.bwd, wb.bwd);
                    cr_assert_float_eq(wf.speed_kmh, wb.speed_kmh, 1e-12);
                }
    }
    profile_free(f);
    profile_free(b);
}

Test(profile, tags_decide_direction_speed_and_access)
{
    profile *p = profile_new_car();
    const char *t[OSM_TAG_COUNT];
    profile_way w;
    tags_init(t);
    t[OSM_TAG_HIGHWAY] = "track";
    cr_assert(profile_eval(p, t, &w));
    cr_assert(w.fwd && w.bwd);
    cr_assert_float_eq(w.speed_kmh, 15, 1e-12);
    t[OSM_TAG_SURFACE] = "gravel";
    cr_assert(profile_eval(p, t, &w));
    cr_assert_float_eq(w.speed_kmh, 9, 1e-12);
    t[OSM_TAG_MOTOR_VEHICLE] = "agricultural";
    cr_assert_not(profile_eval(p, t, &w));
    t[OSM_TAG_MOTORCAR] = "yes"; /* more specific than motor_vehicle */
    cr_assert(profile_eval(p, t, &w));

    tags_init(t);
    t[OSM_TAG_HIGHWAY] = "primary";
    t[OSM_TAG_MAXSPEED] = "50 mph";
    t[OSM_TAG_ONEWAY] = "-1";
    cr_assert(profile_eval(p, t, &w));
    cr_assert(!w.fwd && w.bwd);
    cr_assert_float_eq(w.speed_kmh, 50 * 1.609344 * 0.8, 1e-9);
    t[OSM_TAG_MAXSPEED] = "CN:urban";
    cr_assert(profile_eval(p, t, &w));
    cr_assert_float_eq(w.speed_kmh, 60, 1e-12);
    cr_assert_float_eq(w.bwd_speed_kmh, 60, 1e-12);

    tags_init(t);
    t[OSM_TAG_HIGHWAY] = "secondary";
    t[OSM_TAG_MAXSPEED] = "70";
    t[OSM_TAG_MAXSPEED_BACKWARD] = "40";
    t[OSM_TAG_SURFACE] = "compacted";
    cr_assert(profile_eval(p, t, &w));
    cr_assert(w.fwd && w.bwd);
    cr_assert_float_eq(w.speed_kmh, 70 * 0.8 * 0.8, 1e-9);
    cr_assert_float_eq(w.bwd_speed_kmh, 40 * 0.8 * 0.8, 1e-9);
    t[OSM_TAG_MAXSPEED_FORWARD] = "30 mph";
    cr_assert(profile_eval(p, t, &w));
    cr_assert_float_eq(w.speed_kmh, 30 * 1.609344 * 0.8 * 0.8, 1e-9);

    tags_init(t);
    t[OSM_TAG_HIGHWAY] = "motorway";
    cr_assert(profile_eval(p, t, &w));
    cr_assert(w.fwd && !w.bwd);
    t[OSM_TAG_ONEWAY] = "no";
    cr_assert(profile_eval(p, t, &w));
    cr_assert(w.fwd && w.bwd);

    tags_init(t);
    t[OSM_TAG_HIGHWAY] = "residential";
    t[OSM_TAG_JUNCTION] = "roundabout";
    cr_assert(profile_eval(p, t, &w));
    cr_assert(w.fwd && !w.bwd);
    t[OSM_TAG_ACCESS] = "private";
    cr_assert_not(profile_eval(p, t, &w));

    tags_init(t);
    t[OSM_TAG_HIGHWAY] = "tertiary";
    t[OSM_TAG_ONEWAY] = "reversible";
    cr_assert_not(profile_eval(p, t, &w));
    t[OSM_TAG_ONEWAY] = "alternating";
    cr_assert_not(profile_eval(p, t, &w));

    tags_init(t);
    t[OSM_TAG_HIGHWAY] = "footway";
    cr_assert_not(profile_eval(p, t, &w));
    tags_init(t);
    t[OSM_TAG_ROUTE] = "ferry";
    cr_assert(profile_eval(p, t, &w));
    cr_assert(w.ferry);
    cr_assert_float_eq(w.speed_kmh, 10, 1e-12);
    profile_free(p);
}

Test(profile, maxspeed_values_parse_or_are_ignored)
{
    double v;
    cr_assert(profile_parse_maxspeed("60", &v));
    cr_assert_float_eq(v, 60, 1e-12);
    cr_assert(profile_parse_maxspeed("40 km/h", &v));
    cr_assert_float_eq(v, 40, 1e-12);
    cr_assert(profile_parse_maxspeed("60;80", &v));
    cr_assert_float_eq(v, 60, 1e-12);
    cr_assert(profile_parse_maxspeed("20 mph", &v));
    cr_assert_float_eq(v, 32.18688, 1e-9);
    cr_assert_not(profile_parse_maxspeed("CN:urban", &v));
    cr_assert_not(profile_parse_maxspeed("none", &v));
    cr_assert_not(profile_parse_maxspeed("signals", &v));
    cr_assert_not(profile_parse_maxspeed("10 knots", &v));
}

Test(profile, bad_value_names_file_and_line)
{
    char *dir = test_tmpdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/bad.profile", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("[general]\nferry_speed = 10\n\n[speeds]\nprimary = fast\n", f);
    fclose(f);
    err e = {0};
    cr_assert_null(profile_load(path, &e));
    cr_assert_eq(e.code, ERR_PARSE);
    char want[1100];
    snprintf(want, sizeof want, "%s:5: field 'primary'", path);
    cr_assert(strstr(e.msg, want), "%s", e.msg);
    test_rmtree(dir);
    free(dir);
}
