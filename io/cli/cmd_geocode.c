/* cmd_geocode.c — `jincun geocode SCENARIO_DIR`: fill missing stop coordinates from the OSM
 * map's place names (io/scenario/geocode.h) and write a new stops file. SPDX-License-Identifier:
 * MIT */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/cli/cmds.h"
#include "io/scenario/geocode.h"
#include "io/scenario/scenario.h"
#include "io/text/ownfile.h"
#include "maps/roads.h"
#include "util/mem.h"
#include "util/path.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: jincun geocode SCENARIO_DIR [options]\n"
            "\n"
            "Finds coordinates for the stops of SCENARIO_DIR/stops.csv that have none, by\n"
            "matching their names to the place nodes (name, name:zh) of the scenario's map,\n"
            "tolerant of suffixes (村/村委会/居委会/社区/镇/乡/街道) and preferring places\n"
            "near the stop's township. Writes a new stops file with lon/lat and a 'geocode'\n"
            "column (exact, normalised, nearest, ambiguous, too-far, not-found) and lists\n"
            "the stops it could not place.\n"
            "\n"
            "options:\n"
            "  -o, --output FILE   stops file to write (default SCENARIO_DIR/stops.geocoded.csv);\n"
            "                      an existing FILE is replaced only when jincun wrote it and\n"
            "                      it is unchanged since (see " OWNFILE_LIST " in its folder)\n"
            "  -i, --in-place      rewrite SCENARIO_DIR/stops.csv itself, keeping your version\n"
            "                      as stops.csv.bak (refused when stops.csv.bak exists)\n"
            "  -a, --all           also re-place stops that already have coordinates\n"
            "  -r, --radius M      a village's place must lie within M metres of its\n"
            "                      township's point (default 15000)\n"
            "  -h, --help          this text\n");
}

static void list_stops(cli_ctx *ctx, const scenario *sc, const geocode_result *res,
                       const geocode_params *p, bool ambiguous)
{
    for (size_t i = 0; i < sc->n_stops; i++) {
        const scenario_stop *st = &sc->stops[i];
        const geocode_result *r = &res[i];
        bool want = ambiguous ? r->quality == GEOCODE_AMBIGUOUS
                              : r->quality == GEOCODE_NOT_FOUND || r->quality == GEOCODE_TOO_FAR;
        if (!want)
            continue;
        fprintf(ctx->out, "  stops.csv:%zu  %s %s%s%s%s: ", st->line, st->id, st->name,
                *st->township ? " (" : "", st->township, *st->township ? ")" : "");
        if (r->quality == GEOCODE_NOT_FOUND)
            fprintf(ctx->out, "no place of that name in the map\n");
        else if (r->quality == GEOCODE_TOO_FAR)
            fprintf(ctx->out,
                    "%u place(s) of that name, the nearest %.1f km from %s (limit %.0f km)\n",
                    r->n_candidates, r->ref_dist_m / 1000,
                    r->ref_township ? "its township" : "the county's centre",
                    (r->ref_township ? p->township_radius_m : p->county_radius_m) / 1000);
        else
            fprintf(ctx->out, "%u places of that name; wrote the nearest (%.6f, %.6f)\n",
                    r->n_candidates, r->lon, r->lat);
    }
}

err_code cmd_geocode(cli_ctx *ctx, int argc, char **argv, err *e)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"in-place", no_argument, NULL, 'i'},
        {"all", no_argument, NULL, 'a'},          {"radius", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(ctx->out);
            return ERR_OK;
        }
    cli_print_command(ctx, argc, argv);
    geocode_params gp;
    geocode_params_init(&gp);
    const char *output = NULL;
    bool in_place = false;
    optind = 0;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":o:iar:h", longopts, NULL)) != -1) {
        err_code rc = ERR_OK;
        switch (ch) {
        case 'o': output = optarg; break;
        case 'i': in_place = true; break;
        case 'a': gp.all = true; break;
        case 'r':
            rc = cli_parse_double("--radius", optarg, &gp.township_radius_m, e);
            if (rc == ERR_OK && !(gp.township_radius_m >= 1 && gp.township_radius_m <= 1e6))
                rc = err_set(e, ERR_USAGE, "--radius: expected metres in 1..1000000, got '%s'",
                             optarg);
            break;
        case 'h': usage(ctx->out); return ERR_OK;
        default: return cli_getopt_error("geocode", ch, argv, optind, e);
        }
        if (rc != ERR_OK)
            return rc;
    }
    if (optind != argc - 1)
        return err_set(e, ERR_USAGE, "expected one SCENARIO_DIR (try jincun geocode --help)");
    if (output && in_place)
        return err_set(e, ERR_USAGE, "--output and --in-place exclude each other");
    const char *dir = argv[optind];

    scenario *sc = NULL;
    roads *rd = NULL;
    geocode_place *places = NULL;
    geocode_result *res = NULL;
    char *out_path = NULL;
    ownfile *of = NULL;
    err_code rc = scenario_load(dir, &sc, e);
    if (rc != ERR_OK)
        goto cleanup;
    if (in_place) {
        out_path = xstrdup(sc->stops_path);
    } else if (output) {
        out_path = xstrdup(output);
    } else {
        out_path = path_join(dir, "stops.geocoded.csv");
    }
    /* The output is checked before the map is read; --in-place keeps the user's stops.csv. */
    struct stat a, b;
    if (output && stat(output, &a) == 0 && stat(sc->stops_path, &b) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino) {
        rc = err_set(e, ERR_USAGE,
                     "-o %s is the scenario's stops.csv; to rewrite it, use --in-place (jincun "
                     "keeps your version as stops.csv.bak)",
                     output);
        goto cleanup;
    }
    rc = ownfile_open(out_path, in_place ? OWNFILE_BACKUP : 0, &ctx->log, &of, e);
    if (rc != ERR_OK)
        goto cleanup;
    roads_params rp;
    roads_params_init(&rp);
    rp.keep_places = true;
    rp.profile_path = sc->profile_path;
    rp.snap_radius_m = sc->snap_radius_m;
    rd = roads_load(sc->map_path, &rp, &ctx->log, e);
    if (!rd) {
        rc = e ? e->code : ERR_OSM;
        goto cleanup;
    }
    const roads_place *rpl = NULL;
    size_t n_places = roads_places(rd, &rpl);
    places = xmallocarray(n_places ? n_places : 1, sizeof *places);
    for (size_t i = 0; i < n_places; i++)
        places[i] =
            (geocode_place){rpl[i].name, rpl[i].name_zh, rpl[i].place, rpl[i].lon, rpl[i].lat};
    res = xmallocarray(sc->n_stops, sizeof *res);
    if ((rc = geocode_run(sc, places, n_places, &gp, res, e)) != ERR_OK)
        goto cleanup;
    const char *tmp = ownfile_begin(of, e);
    rc = tmp ? geocode_write(sc, res, tmp, e) : ERR_IO;
    if (rc == ERR_OK)
        rc = ownfile_commit(of, e);
    if (rc != ERR_OK)
        goto cleanup;

    size_t count[GEOCODE_NOT_FOUND + 1] = {0}, missing = 0;
    for (size_t i = 0; i < sc->n_stops; i++) {
        count[res[i].quality]++;
        missing += !sc->stops[i].has_point;
    }
    fprintf(ctx->out, "%zu stops, %zu without coordinates; %zu place nodes in %s\n", sc->n_stops,
            missing, n_places, sc->map_path);
    fprintf(ctx->out,
            "placed %zu (exact %zu, normalised %zu, nearest %zu), ambiguous %zu, "
            "not placed %zu (not found %zu, too far %zu), kept %zu\n",
            count[GEOCODE_EXACT] + count[GEOCODE_NORMALISED] + count[GEOCODE_NEAREST],
            count[GEOCODE_EXACT], count[GEOCODE_NORMALISED], count[GEOCODE_NEAREST],
            count[GEOCODE_AMBIGUOUS], count[GEOCODE_NOT_FOUND] + count[GEOCODE_TOO_FAR],
            count[GEOCODE_NOT_FOUND], count[GEOCODE_TOO_FAR], count[GEOCODE_KEPT]);
    fprintf(ctx->out, "wrote %s\n", out_path);
    if (ownfile_backup(of))
        fprintf(ctx->out, "kept your previous %s as %s\n", out_path, ownfile_backup(of));
    if (count[GEOCODE_AMBIGUOUS]) {
        fprintf(ctx->out, "ambiguous (check these):\n");
        list_stops(ctx, sc, res, &gp, true);
    }
    if (count[GEOCODE_NOT_FOUND] + count[GEOCODE_TOO_FAR]) {
        fprintf(ctx->out, "not placed (fill lon/lat by hand):\n");
        list_stops(ctx, sc, res, &gp, false);
    }
cleanup:
    ownfile_free(of);
    free(out_path);
    free(res);
    free(places);
    roads_free(rd);
    scenario_free(sc);
    return rc;
}
