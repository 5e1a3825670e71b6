/* test_osm_reader.c — the libosmium shim, tested from C through maps/osm_reader.h.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <inttypes.h>
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
    osm_reader_params p = {classes, 2, 1, 1, NULL};
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
    osm_reader_params q = {classes, 1, 0, 0, NULL};
    cr_assert_eq(osm_reader_read(path, &q, &d, msg, sizeof msg), ERR_OK, "%s", msg);
    cr_assert_eq(d->n_ways, 4);
    cr_assert_eq(d->n_places, 0);
    osm_data_free(d);
}

Test(osm_reader, errors_come_back_as_codes_and_messages)
{
    osm_reader_params p = {classes, 2, 1, 1, NULL};
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

static osm_data *read_fixture(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/maps/fixtures/%s", test_root(), name);
    osm_reader_params p = {classes, 2, 1, 1, NULL};
    osm_data *d = NULL;
    char msg[256];
    cr_assert_eq(osm_reader_read(path, &p, &d, msg, sizeof msg), ERR_OK, "%s: %s", name, msg);
    return d;
}

Test(osm_reader, ways_before_nodes_read_the_same_as_sorted)
{
    osm_data *a = read_fixture("network.osm"), *b = read_fixture("unsorted.osm");
    cr_assert_eq(b->n_ways, a->n_ways);
    cr_assert_eq(b->n_refs, a->n_refs);
    cr_assert_eq(b->n_nodes, a->n_nodes);
    cr_assert_eq(b->n_places, a->n_places);
    for (size_t i = 0; i < a->n_nodes; i++) {
        cr_assert_eq(b->node_id[i], a->node_id[i]);
        cr_assert(!isnan(b->lon[i]) && !isnan(b->lat[i]), "node %zu has no location", i);
        cr_assert_eq(b->lon[i], a->lon[i], "lon of node %" PRId64, a->node_id[i]);
        cr_assert_eq(b->lat[i], a->lat[i], "lat of node %" PRId64, a->node_id[i]);
    }
    for (size_t i = 0; i < a->n_refs; i++)
        cr_assert_eq(b->refs[i], a->refs[i]);
    for (size_t i = 0; i < a->n_ways; i++) {
        cr_assert_eq(b->ways[i].first_ref, a->ways[i].first_ref);
        cr_assert_eq(b->ways[i].n_refs, a->ways[i].n_refs);
        for (int k = 0; k < OSM_TAG_COUNT; k++)
            cr_assert_str_eq(b->strings + b->ways[i].tags[k], a->strings + a->ways[i].tags[k]);
    }
    cr_assert_str_eq(b->strings + b->places[0].name, "Island");
    cr_assert_eq(b->places[0].lon, a->places[0].lon);
    osm_data_free(a);
    osm_data_free(b);
}

Test(osm_reader, missing_node_is_kept_without_location)
{
    osm_data *d = read_fixture("missing_node.osm");
    cr_assert_eq(d->n_ways, 2);
    cr_assert_eq(d->n_nodes, 5); /* 1..5: the ways' references, node 3 included */
    for (size_t i = 0; i < d->n_nodes; i++) {
        cr_assert_eq(d->node_id[i], (int64_t)i + 1);
        cr_assert_eq(isnan(d->lon[i]), d->node_id[i] == 3, "node %" PRId64, d->node_id[i]);
        cr_assert_eq(isnan(d->lat[i]), d->node_id[i] == 3, "node %" PRId64, d->node_id[i]);
    }
    cr_assert_float_eq(d->lon[3], 0.027, 1e-9); /* node 4 */
    osm_data_free(d);
}

Test(osm_reader, unusable_temporary_directory_is_an_io_error)
{
    /* XML spills node locations to $TMPDIR; Criterion runs each test in its own process */
    cr_assert_eq(setenv("TMPDIR", "/nonexistent/jincun-test", 1), 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/maps/fixtures/network.osm", test_root());
    osm_reader_params p = {classes, 2, 1, 1, NULL};
    osm_data *d = (osm_data *)1;
    char msg[256];
    cr_assert_eq(osm_reader_read(path, &p, &d, msg, sizeof msg), ERR_IO, "%s", msg);
    cr_assert_null(d);
    cr_assert(strstr(msg, "/nonexistent/jincun-test"), "%s", msg);
    cr_assert(strstr(msg, "No such file or directory"), "%s", msg);
}

Test(osm_reader, set_interrupt_flag_stops_the_read)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/maps/fixtures/network.osm", test_root());
    volatile sig_atomic_t flag = 1;
    osm_reader_params p = {classes, 2, 1, 1, &flag};
    osm_data *d = (osm_data *)1;
    char msg[256];
    cr_assert_eq(osm_reader_read(path, &p, &d, msg, sizeof msg), ERR_INTERRUPTED, "%s", msg);
    cr_assert_null(d);
    cr_assert_str_eq(msg, "interrupted while reading");
    flag = 0;
    cr_assert_eq(osm_reader_read(path, &p, &d, msg, sizeof msg), ERR_OK, "%s", msg);
    cr_assert_eq(d->n_ways, 6);
    osm_data_free(d);
}

Test(osm_reader, node_id_with_two_locations_is_counted)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/maps/fixtures/duplicate_node.osm", test_root());
    osm_reader_params p = {classes, 2, 1, 1, NULL};
    osm_data *d = NULL;
    char msg[256];
    cr_assert_eq(osm_reader_read(path, &p, &d, msg, sizeof msg), ERR_OK, "%s", msg);
    cr_expect_eq(d->n_dup_nodes, 1);
    cr_expect_eq(d->dup_node_id, 4);
    cr_expect_float_eq(d->lon[3], 10.0, 1e-9, "the last location is kept");
    cr_expect_eq(d->ways[1].id, 11);
    osm_data_free(d);
    d = read_fixture("network.osm");
    cr_expect_eq(d->n_dup_nodes, 0);
    osm_data_free(d);
}
