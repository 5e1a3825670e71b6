/* fuzz_profile.c — fuzz harness: a road profile file (maps/profile.c over util/inifile.c);
 * a profile that loads is then asked about a few ways. SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "maps/profile.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err e = {0};
    profile *p = profile_load(fuzz_write("car.profile", data, size), &e);
    if (!p) {
        fuzz_expect_failure(&e, ERR_PARSE, ERR_PARSE);
        return 0;
    }
    static const char *const ways[][3] = {
        /* highway, oneway, maxspeed */
        {"primary", "", "60"},
        {"track", "-1", "30 mph"},
        {"motorway", "yes", "none"},
        {"residential", "no", "50;80"},
    };
    for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++) {
        const char *tags[OSM_TAG_COUNT];
        for (int k = 0; k < OSM_TAG_COUNT; k++)
            tags[k] = "";
        tags[OSM_TAG_HIGHWAY] = ways[i][0];
        tags[OSM_TAG_ONEWAY] = ways[i][1];
        tags[OSM_TAG_MAXSPEED] = ways[i][2];
        tags[OSM_TAG_SURFACE] = "gravel";
        tags[OSM_TAG_ACCESS] = i == 3 ? "private" : "";
        profile_way w;
        if (profile_eval(p, tags, &w) && (w.fwd || w.bwd) &&
            !(w.speed_kmh > 0 && w.bwd_speed_kmh > 0)) {
            fprintf(stderr, "fuzz: drivable way %s with speed %g / %g km/h\n", ways[i][0],
                    w.speed_kmh, w.bwd_speed_kmh);
            abort();
        }
    }
    const char *const *names;
    size_t n = profile_highways(p, &names);
    for (size_t i = 0; i < n; i++)
        if (!names[i] || !names[i][0])
            abort();
    profile_free(p);
    return 0;
}
