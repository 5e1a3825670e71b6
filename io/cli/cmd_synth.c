/* cmd_synth.c — `jincun synth grid|county`: synthetic road networks as OSM XML
 * (maps/synth.h), and `synth county --from SCENARIO`: a real scenario's stops on synthetic
 * roads (io/scenario/synthcounty.h), written as a new scenario folder. SPDX-License-Identifier:
 * MIT */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli/cmds.h"
#include "io/scenario/scenario.h"
#include "io/scenario/synthcounty.h"
#include "io/text/outdir.h"
#include "io/text/ownfile.h"
#include "maps/synth.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/outfile.h"
#include "util/path.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: jincun synth grid --nodes N [--seed S] -o FILE\n"
               "       jincun synth county [--seed S] -o DIR\n"
               "       jincun synth county --from SCENARIO_DIR [--seed S] [--nodes N]\n"
               "                           [--township-points FILE] [--week-start DATE] -o DIR\n"
               "\n"
               "grid:   a hierarchical rural grid (trunk/primary/secondary lines over a lattice\n"
               "        of tertiary/unclassified/track lanes, some one-way, some links missing)\n"
               "        of about N nodes 150 m apart, as OSM XML: FILE ends in .osm, or .osm.gz\n"
               "        for gzip\n"
               "county: the synthetic demo county (county town with the distribution centre,\n"
               "        6-10 townships, 60-120 villages, an island reached by ferry) as\n"
               "        DIR/county.osm.gz and the settlement list DIR/places.csv\n"
               "        (id,kind,name,township,lon,lat; kind = depot|township|village)\n"
               "county --from: the scenario's own stops, demand and fleet on SYNTHETIC roads,\n"
               "        written as a new scenario folder DIR (county.osm.gz, settings.ini,\n"
               "        stops.csv, vehicles.csv, README.md). Stops without lon/lat are placed\n"
               "        from the seed: townships from --township-points or spread over the\n"
               "        county, villages within a few km of their township (geocode column\n"
               "        'synthetic'). The roads are a rural lattice over the land near the\n"
               "        stops. The name gets '" SYNTHCOUNTY_LABEL "' in front: plans of DIR\n"
               "        are no plans of the real county. DIR must be new, empty or written\n"
               "        by jincun (same rules as plan -o)\n"
               "\n"
               "options:\n"
               "  -n, --nodes N      grid: about N road nodes, 100..50000000 (default 10000);\n"
               "                     county --from: about N road nodes (default: lanes 500 m\n"
               "                     apart, a node every 60 m along them)\n"
               "  -s, --seed S       random seed, an integer or 'time' (default 1)\n"
               "  -f, --from DIR     county: the scenario to move onto synthetic roads\n"
               "  -t, --township-points FILE\n"
               "                     county --from: CSV of township seats (street_code or code,\n"
               "                     street_name or name, lon_wgs84 or lon, lat_wgs84 or lat)\n"
               "                     for townships without lon/lat\n"
               "  -w, --week-start DATE\n"
               "                     county --from: the Monday of the planned week (YYYY-MM-DD);\n"
               "                     default the scenario's week_start, which it must then have\n"
               "  -o, --output PATH  output file (grid) or directory (county); required. An\n"
               "                     existing file is replaced only when jincun wrote it and it\n"
               "                     is unchanged; DIR must be new, empty or a folder jincun\n"
               "                     wrote (as for jincun plan)\n"
               "  -h, --help         this text\n");
}

/* True when text is YYYY-MM-DD of a real Monday (Gregorian calendar). */
static bool is_monday(const char *text)
{
    int y, m, d;
    char extra;
    if (strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 ||
        text[4] != '-' || text[7] != '-' || y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap))
        return false;
    /* days since 1970-01-01 (Hinnant's days_from_civil); that day was a Thursday */
    int yy = m <= 2 ? y - 1 : y;
    int era = yy / 400, yoe = yy - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long days = (long)era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return ((days % 7) + 7 + 3) % 7 == 0;
}

/* Writes len bytes to path atomically. */
static err_code write_bytes(const char *path, const char *bytes, size_t len, err *e)
{
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    fwrite(bytes, 1, len, outfile_fp(of));
    return outfile_commit(of, e);
}

typedef struct from_opts {
    const char *from, *township_points, *week_start, *output;
    uint64_t seed;
    uint32_t nodes; /* 0 = the default spacing */
} from_opts;

static err_code write_readme(const char *path, const from_opts *o, const scenario *sc,
                             const synthcounty_stats *ps, const synth_stats *st, err *e)
{
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    FILE *f = outfile_fp(of);
    fprintf(f, "# %s: %s\n\n", SYNTHCOUNTY_LABEL, sc->name);
    char nodes[32] = "";
    if (o->nodes)
        snprintf(nodes, sizeof nodes, " --nodes %u", o->nodes);
    fprintf(f,
            "Written by `jincun synth county --from %s --seed %" PRIu64 "%s%s%s%s%s`.\n\n"
            "**The roads in `county.osm.gz` are generated, not real.** This folder holds the\n"
            "stops, demand and fleet of the scenario `%s`, but every road is a synthetic rural\n"
            "network laid over the land near the stops, and the stops that had no coordinates\n"
            "were placed from the seed. A plan of this folder tests the planner at the size of\n"
            "the county; its distances, travel times, routes and costs say nothing about the\n"
            "real county. The scenario name starts with `%s` so that every summary, sheet and\n"
            "map page says so.\n\n",
            o->from, o->seed, o->township_points ? " --township-points " : "",
            o->township_points ? o->township_points : "", nodes,
            o->week_start ? " --week-start " : "", o->week_start ? o->week_start : "", o->from,
            SYNTHCOUNTY_LABEL);
    fprintf(f,
            "| what | count |\n|---|---|\n"
            "| stops | %zu |\n"
            "| points kept from the source stops.csv | %zu |\n"
            "| township seats from the township points file | %zu |\n"
            "| townships placed from the seed (`synthetic`) | %zu |\n"
            "| villages placed from the seed (`synthetic`) | %zu |\n"
            "| of those, villages without a known township (placed anywhere) | %zu |\n"
            "| depots placed at their township's seat | %zu |\n"
            "| extent of the stops | %.1f km x %.1f km |\n"
            "| road nodes / ways / km | %" PRIu64 " / %" PRIu64 " / %.1f |\n\n",
            sc->n_stops, ps->given, ps->from_file, ps->townships_placed, ps->villages_placed,
            ps->villages_loose, ps->depots_placed, ps->width_km, ps->height_km, st->nodes, st->ways,
            st->road_km);
    fprintf(f, "Plan it with `jincun plan DIR -o OUT_DIR` like any scenario.\n");
    return outfile_commit(of, e);
}

/* `synth county --from`: the scenario's stops placed, the roads around them, the folder. */
static err_code county_from(cli_ctx *ctx, const from_opts *o, err *e)
{
    static const char *const shapes[] = {"county.osm.gz", "settings.ini", "stops.csv",
                                         "vehicles.csv", "README.md"};
    outdir *od = NULL;
    scenario *sc = NULL, *check = NULL;
    synthcounty_point *pts = NULL;
    synth_site *sites = NULL;
    char *path = NULL, *bytes = NULL;
    err_code rc = outdir_open(o->output, shapes, sizeof shapes / sizeof *shapes, &ctx->log, &od, e);
    if (rc != ERR_OK)
        goto cleanup;
    scenario_opts so;
    scenario_opts_init(&so);
    so.need_map = false;
    if ((rc = scenario_load_opts(o->from, &so, &sc, e)) != ERR_OK)
        goto cleanup;
    if (!o->week_start && !*sc->week_start) {
        rc = err_set(e, ERR_USAGE,
                     "%s/settings.ini has no [scenario] week_start, so a plan would carry no "
                     "times: give --week-start YYYY-MM-DD (a Monday)",
                     o->from);
        goto cleanup;
    }
    synthcounty_params pp;
    synthcounty_params_init(&pp);
    pp.seed = o->seed;
    pp.township_points = o->township_points;
    synthcounty_stats ps;
    pts = xmallocarray(sc->n_stops, sizeof *pts);
    if ((rc = synthcounty_place(sc, &pp, pts, &ps, e)) != ERR_OK)
        goto cleanup;
    const char *tmp = outdir_begin(od, e);
    if (!tmp) {
        rc = ERR_IO;
        goto cleanup;
    }
    sites = xmallocarray(sc->n_stops, sizeof *sites);
    for (size_t i = 0; i < sc->n_stops; i++)
        sites[i] = (synth_site){pts[i].lon, pts[i].lat, sc->stops[i].kind != SCENARIO_VILLAGE};
    synth_region_params rp;
    synth_region_params_init(&rp);
    rp.seed = o->seed;
    rp.nodes = o->nodes;
    synth_stats st;
    memset(&st, 0, sizeof st);
    path = path_join(tmp, "county.osm.gz");
    if ((rc = synth_region(path, sites, sc->n_stops, &rp, &st, &ctx->log, e)) != ERR_OK)
        goto cleanup;
    free(path);
    path = path_join(tmp, "settings.ini");
    if ((rc = synthcounty_write_settings(sc, "county.osm.gz", o->week_start, path, e)) != ERR_OK)
        goto cleanup;
    free(path);
    path = path_join(tmp, "stops.csv");
    if ((rc = synthcounty_write_stops(sc, pts, o->township_points, path, e)) != ERR_OK)
        goto cleanup;
    free(path);
    size_t len;
    if (!(bytes = file_read_all(sc->vehicles_path, &len, e))) {
        rc = e ? e->code : ERR_IO;
        goto cleanup;
    }
    path = path_join(tmp, "vehicles.csv");
    if ((rc = write_bytes(path, bytes, len, e)) != ERR_OK)
        goto cleanup;
    free(path);
    path = path_join(tmp, "README.md");
    if ((rc = write_readme(path, o, sc, &ps, &st, e)) != ERR_OK)
        goto cleanup;
    /* what was written must read back as a complete scenario with every point */
    if ((rc = scenario_load(tmp, &check, e)) != ERR_OK ||
        (rc = scenario_require_points(check, e)) != ERR_OK)
        goto cleanup;
    if (check->n_stops != sc->n_stops || check->n_vehicles != sc->n_vehicles) {
        rc = err_set(e, ERR_INTERNAL, "%s: the written scenario lost stops or vehicles", tmp);
        goto cleanup;
    }
    if ((rc = outdir_commit(od, e)) != ERR_OK)
        goto cleanup;
    fprintf(ctx->out,
            "wrote %s/county.osm.gz: SYNTHETIC roads, %" PRIu64 " nodes, %" PRIu64
            " ways, %.1f km of road over %.1f x %.1f km\n",
            o->output, st.nodes, st.ways, st.road_km, ps.width_km, ps.height_km);
    char from_file[64] = "";
    if (o->township_points)
        snprintf(from_file, sizeof from_file, "%zu township seat(s) from ", ps.from_file);
    fprintf(ctx->out,
            "wrote %s/stops.csv: %zu stops; %zu points kept, %s%s%s%zu township(s) and %zu "
            "village(s) placed (geocode '%s')%s\n",
            o->output, sc->n_stops, ps.given, from_file,
            o->township_points ? o->township_points : "", o->township_points ? ", " : "",
            ps.townships_placed, ps.villages_placed, SYNTHCOUNTY_NOTE,
            ps.depots_placed ? ", a depot at its seat" : "");
    if (ps.villages_loose)
        fprintf(ctx->out,
                "  %zu villages name no township of stops.csv: placed anywhere in the county\n",
                ps.villages_loose);
    fprintf(ctx->out, "wrote %s/settings.ini (name '%s'), vehicles.csv, README.md\n", o->output,
            check->name);
cleanup:
    scenario_free(check);
    free(bytes);
    free(path);
    free(sites);
    free(pts);
    scenario_free(sc);
    outdir_free(od);
    return rc;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

err_code cmd_synth(cli_ctx *ctx, int argc, char **argv, err *e)
{
    static const struct option longopts[] = {
        {"nodes", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"output", required_argument, NULL, 'o'},
        {"from", required_argument, NULL, 'f'},
        {"township-points", required_argument, NULL, 't'},
        {"week-start", required_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(ctx->out);
            return ERR_OK;
        }
    }
    cli_print_command(ctx, argc, argv);
    uint64_t seed = 1, nodes = 10000;
    bool nodes_given = false;
    const char *output = NULL, *from = NULL, *township_points = NULL, *week_start = NULL;
    optind = 0;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":n:s:o:f:t:w:h", longopts, NULL)) != -1) {
        err_code rc = ERR_OK;
        switch (ch) {
        case 'n':
            rc = cli_parse_u64("--nodes", optarg, &nodes, e);
            nodes_given = true;
            break;
        case 's': rc = cli_parse_seed(optarg, &seed, e); break;
        case 'o': output = optarg; break;
        case 'f': from = optarg; break;
        case 't': township_points = optarg; break;
        case 'w': week_start = optarg; break;
        case 'h': usage(ctx->out); return ERR_OK;
        default: return cli_getopt_error("synth", ch, argv, optind, e);
        }
        if (rc != ERR_OK)
            return rc;
    }
    if (optind != argc - 1)
        return err_set(e, ERR_USAGE,
                       "expected one of 'grid' or 'county' (try jincun synth --help)");
    const char *what = argv[optind];
    if (!output)
        return err_set(e, ERR_USAGE, "missing -o/--output (try jincun synth --help)");
    bool is_county = !strcmp(what, "county");
    if ((township_points || week_start) && !from)
        return err_set(e, ERR_USAGE, "--township-points and --week-start need county --from");
    if (from && !is_county)
        return err_set(e, ERR_USAGE, "--from is for 'county' only");
    if (week_start && !is_monday(week_start))
        return err_set(e, ERR_USAGE,
                       "--week-start: expected the ISO date of a Monday "
                       "(2026-11-30), got '%s'",
                       week_start);
    cli_print_seed(ctx, seed);
    if (from) {
        if (nodes_given && (nodes < 100 || nodes > 50000000))
            return err_set(e, ERR_USAGE, "--nodes: expected 100..50000000, got %" PRIu64, nodes);
        from_opts o = {
            from, township_points, week_start, output, seed, nodes_given ? (uint32_t)nodes : 0};
        return county_from(ctx, &o, e);
    }
    synth_stats st;
    memset(&st, 0, sizeof st);
    if (!strcmp(what, "grid")) {
        if (nodes < 100 || nodes > 50000000)
            return err_set(e, ERR_USAGE, "--nodes: expected 100..50000000, got %" PRIu64, nodes);
        /* The grid is OSM XML (gzip for .gz); any other name (.osm.pbf, .osm.bz2) would give a
         * file that jincun reads as another format and cannot parse. */
        if (!has_suffix(output, ".osm") && !has_suffix(output, ".osm.gz"))
            return err_set(e, ERR_USAGE,
                           "-o %s: synth grid writes OSM XML, so FILE must end in .osm or "
                           ".osm.gz (convert it with osmium cat for .osm.pbf)",
                           output);
        synth_grid_params p;
        synth_grid_params_init(&p);
        p.nodes = (uint32_t)nodes;
        p.seed = seed;
        ownfile *of = NULL; /* FILE is checked before the network is made */
        err_code rc = ownfile_open(output, 0, &ctx->log, &of, e);
        const char *tmp = rc == ERR_OK ? ownfile_begin(of, e) : NULL;
        if (rc == ERR_OK)
            rc = tmp ? synth_grid(tmp, &p, &st, &ctx->log, e) : ERR_IO;
        if (rc == ERR_OK)
            rc = ownfile_commit(of, e);
        ownfile_free(of);
        if (rc != ERR_OK)
            return rc;
        fprintf(ctx->out, "wrote %s: %" PRIu64 " nodes, %" PRIu64 " ways, %.1f km of road\n",
                output, st.nodes, st.ways, st.road_km);
        return ERR_OK;
    }
    if (is_county) {
        if (nodes_given)
            return err_set(e, ERR_USAGE, "--nodes is for 'grid' and 'county --from' only");
        synth_county_params p;
        synth_county_params_init(&p);
        p.seed = seed;
        /* DIR follows plan's rules (io/text/outdir.h), checked before the county is made */
        static const char *const shapes[] = {"county.osm.gz", "places.csv"};
        outdir *od = NULL;
        err_code rc = outdir_open(output, shapes, 2, &ctx->log, &od, e);
        const char *tmp = rc == ERR_OK ? outdir_begin(od, e) : NULL;
        if (rc == ERR_OK)
            rc = tmp ? synth_county(tmp, &p, &st, &ctx->log, e) : ERR_IO;
        if (rc == ERR_OK)
            rc = outdir_commit(od, e);
        outdir_free(od);
        if (rc != ERR_OK)
            return rc;
        fprintf(ctx->out,
                "wrote %s/county.osm.gz: %" PRIu64 " nodes, %" PRIu64 " ways, %.1f km of road\n"
                "wrote %s/places.csv: %" PRIu64 " settlements (1 depot, %u townships, "
                "%u villages)\n",
                output, st.nodes, st.ways, st.road_km, output, st.places, st.townships,
                st.villages);
        return ERR_OK;
    }
    return err_set(e, ERR_USAGE, "unknown network '%s': expected 'grid' or 'county'", what);
}
