/* test_osm_reader.c — the libosmium shim, tested from C through maps/osm_reader.h.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Reads the XML text as a file in a fresh directory: returns the code, the message in msg. */
static int read_xml(const char *xml, size_t len, char *msg, size_t size)
{
    char *dir = test_tmpdir();
    cr_assert_not_null(dir);
    char path[1024];
    snprintf(path, sizeof path, "%s/t.osm", dir);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(xml, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    osm_reader_params p = {classes, 2, 1, 1, NULL};
    osm_data *d = NULL;
    int rc = osm_reader_read(path, &p, &d, msg, size);
    cr_assert_eq(d == NULL, rc != ERR_OK);
    osm_data_free(d);
    test_rmtree(dir);
    free(dir);
    return rc;
}

/* A file with one way through nodes 1 and 7, where ATTRS are node 7's coordinates, EXTRA
 * comes before the nodes. */
static int read_node7(const char *extra, const char *attrs, char *msg, size_t size)
{
    char xml[2048];
    snprintf(xml, sizeof xml,
             "<?xml version='1.0' encoding='UTF-8'?>\n"
             "%s<osm version='0.6' generator='test'>\n"
             "  <node id='1' lat='28.7' lon='121.2'/>\n"
             "  <node id='7' version='1'\n"
             "        %s/>\n"
             "  <way id='10'><nd ref='1'/><nd ref='7'/><tag k='highway' v='unclassified'/></way>\n"
             "</osm>\n",
             extra, attrs);
    return read_xml(xml, strlen(xml), msg, size);
}

Test(osm_reader, coordinates_libosmium_cannot_parse_safely_are_refused_with_their_line)
{
    static const struct {
        const char *attrs, *msg;
    } bad[] = {
        /* 1e300 made libosmium multiply an int64_t by 10 three hundred times (UB) */
        {"lat='1e300' lon='121.3'",
         "line 5: <node id=\"7\">: lat=\"1e300\" is not a latitude (-90..90)"},
        {"lat='28.7' lon='1E5'",
         "line 5: <node id=\"7\">: lon=\"1E5\" is not a longitude (-180..180)"},
        {"lon='180.00000005' lat='0'",
         "line 5: <node id=\"7\">: lon=\"180.00000005\" is not a longitude (-180..180)"},
        {"lat='-91' lon='0'", "line 5: <node id=\"7\">: lat=\"-91\" is not a latitude (-90..90)"},
        {"lat='abc' lon='0'", "line 5: <node id=\"7\">: lat=\"abc\" is not a number"},
        {"lat='1e+5' lon='0'", "line 5: <node id=\"7\">: lat=\"1e+5\" is not a number"},
        {"lat='' lon='0'", "line 5: <node id=\"7\">: lat=\"\" is not a number"},
        {"lat='&#49;e300' lon='0'",
         "line 5: <node id=\"7\">: lat=\"&#49;e300\" uses an entity or character reference"},
        {"lat='00000000001' lon='0'",
         "line 5: <node id=\"7\">: lat=\"00000000001\" has too many digits for a coordinate"},
        {"lat='1e000001' lon='0'",
         "line 5: <node id=\"7\">: lat=\"1e000001\" has too many digits for a coordinate"},
        {"lat=\"1e30000\"\n lon='0'", "line 5: <node id=\"7\">: lat=\"1e30000\" is not a latitude"},
        {"lat='0' lon='0'><nd lat='1e99' lon='0'/></node", /* libosmium reads nd locations too */
         "line 5: <nd>: lat=\"1e99\" is not a latitude"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char msg[256];
        cr_expect_eq(read_node7("", bad[i].attrs, msg, sizeof msg), ERR_PARSE, "%s: %s",
                     bad[i].attrs, msg);
        cr_expect(strstr(msg, bad[i].msg) == msg, "%s: got '%s'", bad[i].attrs, msg);
    }
}

Test(osm_reader, coordinates_at_the_limits_and_outside_elements_are_read)
{
    static const char *const good[] = {
        "lat='-90' lon='180'",
        "lat='90.00000004' lon='-180.00000004'", /* round to +-90/180 */
        "lat=\"1.5e1\" lon = '1E-2'",
        "lat='.5' lon='5.'",
        "lat='0000000001' lon='0'",
        "lat='1.123456789012345678901234567' lon='0'",
        "lat='1e00001' lon='-0.0000001e-400'"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char msg[256];
        cr_expect_eq(read_node7("", good[i], msg, sizeof msg), ERR_OK, "%s: %s", good[i], msg);
    }
    /* text that only looks like a coordinate: in a comment, a CDATA section, a processing
     * instruction, a DOCTYPE without an internal subset, another attribute's value */
    static const char *const extra[] = {
        "<!-- <node id='9' lat='1e300'/> - -> -->\n",
        "<?jincun lat='1e300' ?>\n",
        "<!DOCTYPE osm SYSTEM 'osm.dtd'>\n",
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        char msg[256];
        cr_expect_eq(read_node7(extra[i], "lat='0' lon='0' user=\"lat='1e300'\"", msg, sizeof msg),
                     ERR_OK, "%s: %s", extra[i], msg);
    }
    static const char cdata[] = "<osm version='0.6'><![CDATA[<node lat='1e300'/> ]] >]]>"
                                "<node id='1' lat='1' lon='1'/></osm>";
    char msg[256];
    cr_expect_eq(read_xml(cdata, sizeof cdata - 1, msg, sizeof msg), ERR_OK, "%s", msg);
}

Test(osm_reader, text_the_check_cannot_follow_is_refused)
{
    char msg[256];
    /* an internal DTD subset could give every node a default lat */
    cr_expect_eq(read_node7("<!DOCTYPE osm [<!ATTLIST node lat CDATA '1e300'>]>\n", "lon='0'", msg,
                            sizeof msg),
                 ERR_PARSE, "%s", msg);
    cr_expect_str_eq(msg, "line 2: a DOCTYPE with an internal subset is not supported");
    /* UTF-16 */
    static const char utf16[] = "<\0?\0x\0m\0l\0";
    cr_expect_eq(read_xml(utf16, sizeof utf16 - 1, msg, sizeof msg), ERR_PARSE, "%s", msg);
    cr_expect_str_eq(msg, "line 1: a NUL byte: the file is not UTF-8 text (UTF-16?)");
}

Test(osm_reader, bad_coordinate_across_a_read_boundary_is_found_at_its_line)
{
    /* libosmium reads plain XML in 1 MiB pieces: put node 7's lat value across the first
     * boundary, after lines of padding nodes. */
    size_t cap = 3u << 20, len = 0;
    char *xml = malloc(cap);
    cr_assert_not_null(xml);
    len += (size_t)sprintf(xml, "<?xml version='1.0'?>\n<osm version='0.6'>\n");
    size_t lines = 2, id = 100;
    while (len < (1u << 20) - 200) {
        len += (size_t)sprintf(xml + len, "  <node id='%zu' lat='28.%06zu' lon='121.2'/>\n", id,
                               id % 1000000);
        id++;
        lines++;
    }
    /* pad so that "1e300" starts 2 bytes before the 1 MiB boundary */
    const char *head = "  <node id='7' lon='121.2' lat='";
    size_t pad = (1u << 20) - 2 - len - strlen(head) - 1;
    memset(xml + len, ' ', pad);
    len += pad;
    xml[len++] = '\n';
    lines++;
    len += (size_t)sprintf(xml + len, "%s1e300'/>\n", head);
    cr_assert_eq(memcmp(xml + (1u << 20) - 2, "1e300", 5), 0, "the value straddles 1 MiB");
    len += (size_t)sprintf(xml + len, "  <way id='10'><nd ref='100'/><nd ref='7'/>"
                                      "<tag k='highway' v='track'/></way>\n</osm>\n");
    char msg[256], want[128];
    cr_assert_eq(read_xml(xml, len, msg, sizeof msg), ERR_PARSE, "%s", msg);
    snprintf(want, sizeof want, "line %zu: <node id=\"7\">: lat=\"1e300\" is not a latitude",
             lines + 1);
    cr_expect(strstr(msg, want) == msg, "want '%s', got '%s'", want, msg);
    free(xml);
}

Test(osm_reader, formats_other_than_pbf_and_xml_are_refused_and_directories_named)
{
    char *dir = test_tmpdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/map.opl", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("n1 v1 x121.2 y28.7\n", f);
    cr_assert_eq(fclose(f), 0);
    osm_reader_params p = {classes, 2, 1, 1, NULL};
    osm_data *d = NULL;
    char msg[256];
    cr_expect_eq(osm_reader_read(path, &p, &d, msg, sizeof msg), ERR_OSM);
    cr_expect_str_eq(msg, "unsupported format 'OPL': jincun reads .osm.pbf, .osm, .osm.gz and "
                          ".osm.bz2");
    snprintf(path, sizeof path, "%s/sub.osm", dir);
    cr_assert_eq(mkdir(path, 0755), 0);
    cr_expect_eq(osm_reader_read(path, &p, &d, msg, sizeof msg), ERR_USAGE);
    cr_expect_str_eq(msg, "is a directory, not an OSM file");
    cr_expect_null(d);
    test_rmtree(dir);
    free(dir);
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
