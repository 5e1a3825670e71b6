/* cmd_synth.c — `jincun synth grid|county`: synthetic road networks as OSM XML
 * (maps/synth.h). SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "io/cli/cmds.h"
#include "io/text/outdir.h"
#include "io/text/ownfile.h"
#include "maps/synth.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: jincun synth grid --nodes N [--seed S] -o FILE\n"
               "       jincun synth county [--seed S] -o DIR\n"
               "\n"
               "grid:   a hierarchical rural grid (trunk/primary/secondary lines over a lattice\n"
               "        of tertiary/unclassified/track lanes, some one-way, some links missing)\n"
               "        of about N nodes 150 m apart, as OSM XML; gzip when FILE ends in .gz\n"
               "county: the synthetic demo county (county town with the distribution centre,\n"
               "        6-10 townships, 60-120 villages, an island reached by ferry) as\n"
               "        DIR/county.osm.gz and the settlement list DIR/places.csv\n"
               "        (id,kind,name,township,lon,lat; kind = depot|township|village)\n"
               "\n"
               "options:\n"
               "  -n, --nodes N      grid: about N road nodes, 100..50000000 (default 10000)\n"
               "  -s, --seed S       random seed, an integer or 'time' (default 1)\n"
               "  -o, --output PATH  output file (grid) or directory (county); required. An\n"
               "                     existing file is replaced only when jincun wrote it and it\n"
               "                     is unchanged; DIR must be new, empty or a folder jincun\n"
               "                     wrote (as for jincun plan)\n"
               "  -h, --help         this text\n");
}

err_code cmd_synth(cli_ctx *ctx, int argc, char **argv, err *e)
{
    static const struct option longopts[] = {
        {"nodes", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"output", required_argument, NULL, 'o'},
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
    const char *output = NULL;
    optind = 0;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":n:s:o:h", longopts, NULL)) != -1) {
        err_code rc = ERR_OK;
        switch (ch) {
        case 'n':
            rc = cli_parse_u64("--nodes", optarg, &nodes, e);
            nodes_given = true;
            break;
        case 's': rc = cli_parse_seed(optarg, &seed, e); break;
        case 'o': output = optarg; break;
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
    cli_print_seed(ctx, seed);
    synth_stats st;
    memset(&st, 0, sizeof st);
    if (!strcmp(what, "grid")) {
        if (nodes < 100 || nodes > 50000000)
            return err_set(e, ERR_USAGE, "--nodes: expected 100..50000000, got %" PRIu64, nodes);
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
    if (!strcmp(what, "county")) {
        if (nodes_given)
            return err_set(e, ERR_USAGE, "--nodes is for 'grid' only");
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
