/* fuzz_osm.c — fuzz harness: an OSM XML file through the libosmium shim
 * (maps/osm_reader.cpp), keeping the built-in car profile's roads, ferries and places, as
 * `jincun plan` reads a map; the arrays it returns are checked for consistency.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "maps/osm_reader.h"
#include "maps/profile.h"
#include "tests/fuzz/fuzz.h"

static void check_data(const osm_data *d)
{
    for (size_t w = 0; w < d->n_ways; w++) {
        const osm_way *ow = &d->ways[w];
        if (ow->n_refs < 2 || ow->first_ref + ow->n_refs > d->n_refs)
            abort();
        for (int k = 0; k < OSM_TAG_COUNT; k++)
            if (ow->tags[k] >= d->strings_len)
                abort();
    }
    for (size_t r = 0; r < d->n_refs; r++)
        if (d->refs[r] >= d->n_nodes)
            abort();
    for (size_t i = 0; i < d->n_nodes; i++) {
        if (i > 0 && d->node_id[i] <= d->node_id[i - 1])
            abort();
        if (!isnan(d->lon[i]) && !(fabs(d->lon[i]) <= 180 && fabs(d->lat[i]) <= 90))
            abort();
    }
    for (size_t i = 0; i < d->n_places; i++)
        if (d->places[i].name >= d->strings_len || d->places[i].place >= d->strings_len ||
            d->places[i].name_zh >= d->strings_len)
            abort();
    if (d->strings_len == 0 || d->strings[d->strings_len - 1] != '\0')
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static profile *car; /* built once: the harness reuses it for every input */
    if (!car)
        car = profile_new_car();
    osm_reader_params p = {0};
    p.n_highways = profile_highways(car, &p.highways);
    p.keep_ferries = 1;
    p.keep_places = 1;
    osm_data *d = NULL;
    char msg[512];
    int rc = osm_reader_read(fuzz_write("map.osm", data, size), &p, &d, msg, sizeof msg);
    if (rc == ERR_OK) {
        check_data(d);
        osm_data_free(d);
    } else if (rc != ERR_OSM || !msg[0] || d) {
        fprintf(stderr, "fuzz: osm_reader_read returned %d '%s'\n", rc, msg);
        abort();
    }
    return 0;
}
