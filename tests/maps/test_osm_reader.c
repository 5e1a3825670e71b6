/* test_osm_reader.c — the libosmium shim, tested from C through maps/osm_reader.h.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maps/osm_reader.h"
#include "tests/support.h"
#include "util/err.h"

static const char *const classes[] = {"unclassified", "track"};

Test(osm_reader, keeps_drivable_ways_ferries_and_places_only)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/maps/fixtures/network.osm", test_root());
    osm_reader_params p = {classes, 2, 1, 1};
    osm_data *d = NULL;
    char msg[256];
    cr_assert_eq(osm_reader_read(path, &p, &d, msg, sizeof msg), ERR_OK, "%s", msg);
    /* ways 20..25: all kept (22 is private, but access is the profile's business) */
    cr_assert_eq(d->n_ways, 6);
    cr_assert_eq(d->n_nodes, 8); /* the place node 200 is not a way node */
    cr_assert_eq(d->n_refs, 13);
    for (size_t i = 1; i < d->n_nodes; i++)
        cr_assert_lt(d->node_id[i - 1], d->node_id[i]);
    const osm_way *ferry = &d->ways[3];
    cr_assert_str_eq(d->strings + ferry->tags[OSM_TAG_ROUTE], "ferry");
    cr_assert_str_eq(d->strings + ferry->tags[OSM_TAG_HIGHWAY], "");
    cr_assert_str_eq(d->strings + d->ways[2].tags[OSM_TAG_ACCESS], "private");
    uint32_t n7 = d->refs[ferry->first_ref + 1];
    cr_assert_eq(d->node_id[n7], 7);
    cr_assert_float_eq(d->lon[n7], 0.018, 1e-7);
    cr_assert_float_eq(d->lat[n7], 0.018, 1e-7);
    cr_assert_eq(d->n_places, 1);
    cr_assert_str_eq(d->strings + d->places[0].name, "Island");
    cr_assert_str_eq(d->strings + d->places[0].place, "hamlet");
    osm_data_free(d);

    /* Without ferries and places, and with track not drivable: 4 ways. */
    osm_reader_params q = {classes, 1, 0, 0};
    cr_assert_eq(osm_reader_read(path, &q, &d, msg, sizeof msg), ERR_OK, "%s", msg);
    cr_assert_eq(d->n_ways, 4);
    cr_assert_eq(d->n_places, 0);
    osm_data_free(d);
}

Test(osm_reader, errors_come_back_as_codes_and_messages)
{
    osm_reader_params p = {classes, 2, 1, 1};
    osm_data *d = (osm_data *)1;
    char msg[256];
    cr_assert_eq(osm_reader_read("/nonexistent/a.osm.pbf", &p, &d, msg, sizeof msg), ERR_IO);
    cr_assert_null(d);
    cr_assert_gt(strlen(msg), 0);

    char *dir = test_tmpdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/broken.osm", dir);
    FILE *f = fopen(path, "w");
    fputs("<?xml version='1.0'?>\n<osm version='0.6'><node id='1' lat='x'", f);
    fclose(f);
    cr_assert_eq(osm_reader_read(path, &p, &d, msg, sizeof msg), ERR_OSM);
    cr_assert_null(d);
    cr_assert_gt(strlen(msg), 0);
    test_rmtree(dir);
    free(dir);
    osm_data_free(NULL);
    cr_assert_str_neq(osm_reader_libosmium_version(), "");
}
