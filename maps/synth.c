/* synth.c — synthetic road networks as OSM XML (plain or gzip through zlib, the only file
 * that includes it): a hierarchical rural grid and the demo county. Geometry is built in
 * local metres and converted to WGS84 by an equirectangular approximation around a fixed
 * origin; coordinates are printed from integers (1e-7 degrees), so output is byte-identical
 * for a seed on every platform. SPDX-License-Identifier: MIT */
#include "maps/synth.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/mem.h"
#include "util/outfile.h"
#include "util/path.h"
#include "util/rng.h"
#include "util/vec.h"

#define M_PER_DEG_LAT 111320.0
#define PI 3.14159265358979323846

/* ---- an OSM document under construction ---- */

typedef struct dnode {
    double x, y;   /* metres east and north of the origin */
    uint32_t tags; /* offset of the node's tag XML in doc.text, UINT32_MAX for none */
    bool used;     /* referenced by a way or tagged: written */
} dnode;

typedef struct dway {
    size_t first_ref; /* refs[first_ref .. first_ref + n_refs) */
    uint32_t n_refs;
    uint32_t tags; /* offset of the way's tag XML in doc.text */
} dway;

typedef struct doc {
    double lon0, lat0; /* origin, degrees */
    double m_per_deg_lon;
    VEC(dnode) nodes;   /* node id = index + 1 */
    VEC(uint32_t) refs; /* node indices */
    VEC(dway) ways;     /* way id = index + 1 */
    VEC(char) text;     /* NUL-terminated tag XML fragments */
} doc;

static void doc_init(doc *d, double lon0, double lat0)
{
    memset(d, 0, sizeof *d);
    d->lon0 = lon0;
    d->lat0 = lat0;
    d->m_per_deg_lon = M_PER_DEG_LAT * cos(lat0 * PI / 180.0);
}

static void doc_free(doc *d)
{
    VEC_FREE(&d->nodes);
    VEC_FREE(&d->refs);
    VEC_FREE(&d->ways);
    VEC_FREE(&d->text);
}

static uint32_t doc_node(doc *d, double x, double y)
{
    dnode n = {x, y, UINT32_MAX, false};
    VEC_PUSH(&d->nodes, n);
    return (uint32_t)(d->nodes.len - 1);
}

/* Appends text to the fragment being built (start with frag_begin, end with frag_end). */
static void text_append(doc *d, const char *s, size_t len)
{
    VEC_RESERVE(&d->text, d->text.len + len + 1);
    memcpy(d->text.data + d->text.len, s, len);
    d->text.len += len;
}

static uint32_t frag_begin(doc *d)
{
    return (uint32_t)d->text.len;
}

static void frag_end(doc *d)
{
    text_append(d, "", 1);
}

/* Adds <tag k="k" v="v"/> with v escaped for XML. */
static void frag_tag(doc *d, const char *k, const char *v)
{
    text_append(d, "  <tag k=\"", 10);
    text_append(d, k, strlen(k));
    text_append(d, "\" v=\"", 5);
    for (const char *p = v; *p; p++) {
        switch (*p) {
        case '&': text_append(d, "&amp;", 5); break;
        case '<': text_append(d, "&lt;", 4); break;
        case '>': text_append(d, "&gt;", 4); break;
        case '"': text_append(d, "&quot;", 6); break;
        default: text_append(d, p, 1);
        }
    }
    text_append(d, "\"/>\n", 4);
}

/* A fragment from alternating key, value strings, NULL-terminated. */
static uint32_t tags_of(doc *d, const char *k, ...)
{
    uint32_t off = frag_begin(d);
    va_list ap;
    va_start(ap, k);
    for (const char *key = k; key; key = va_arg(ap, const char *)) {
        const char *v = va_arg(ap, const char *);
        frag_tag(d, key, v);
    }
    va_end(ap);
    frag_end(d);
    return off;
}

static uint32_t doc_way(doc *d, const uint32_t *nodes, size_t n, uint32_t tags)
{
    dway w = {d->refs.len, (uint32_t)n, tags};
    for (size_t i = 0; i < n; i++) {
        VEC_PUSH(&d->refs, nodes[i]);
        d->nodes.data[nodes[i]].used = true;
    }
    VEC_PUSH(&d->ways, w);
    return (uint32_t)(d->ways.len - 1);
}

static void doc_lonlat(const doc *d, const dnode *n, double *lon, double *lat)
{
    *lat = d->lat0 + n->y / M_PER_DEG_LAT;
    *lon = d->lon0 + n->x / d->m_per_deg_lon;
}

static double way_km(const doc *d, const dway *w)
{
    double m = 0;
    for (uint32_t i = 1; i < w->n_refs; i++) {
        const dnode *a = &d->nodes.data[d->refs.data[w->first_ref + i - 1]];
        const dnode *b = &d->nodes.data[d->refs.data[w->first_ref + i]];
        m += hypot(b->x - a->x, b->y - a->y);
    }
    return m / 1000.0;
}

/* ---- output: buffered, plain or gzip (zlib's deflate into the file), atomic ---- */

typedef struct writer {
    outfile *of; /* the atomic output file (util/outfile.h) */
    FILE *f;     /* its stream */
    bool gz;     /* compress: a gzip member, as gzopen(path, "wb6") writes it */
    z_stream z;  /* deflate state when gz */
    bool failed; /* a write or deflate failed: close discards the file */
    size_t len;  /* bytes in buf */
    char buf[1 << 16];
    char zbuf[1 << 16]; /* compressed bytes on their way to f */
} writer;

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static err_code writer_open(writer *w, const char *path, err *e)
{
    memset(w, 0, sizeof *w);
    w->of = outfile_open(path, e);
    if (!w->of)
        return ERR_IO;
    w->f = outfile_fp(w->of);
    w->gz = ends_with(path, ".gz");
    /* Level 6, 32 KiB window + 16 for the gzip wrapper (no name, mtime 0), memLevel 8: the
     * parameters gzopen uses, so the bytes do not depend on the zlib entry point. */
    if (w->gz &&
        deflateInit2(&w->z, 6, Z_DEFLATED, MAX_WBITS + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        outfile_abort(w->of);
        memset(w, 0, sizeof *w);
        return err_set(e, ERR_IO, "%s: cannot start gzip compression", path);
    }
    return ERR_OK;
}

/* Compresses n bytes of s (with flush Z_FINISH: and ends the stream) into the file. */
static void writer_deflate(writer *w, const char *s, size_t n, int flush)
{
    w->z.next_in = (Bytef *)(uintptr_t)s; /* zlib's next_in is not const; it only reads */
    w->z.avail_in = (uInt)n;
    int zr;
    do {
        w->z.next_out = (Bytef *)w->zbuf;
        w->z.avail_out = sizeof w->zbuf;
        zr = deflate(&w->z, flush);
        if (zr == Z_STREAM_ERROR) {
            w->failed = true;
            return;
        }
        size_t have = sizeof w->zbuf - w->z.avail_out;
        if (fwrite(w->zbuf, 1, have, w->f) != have) {
            w->failed = true;
            return;
        }
    } while (w->z.avail_out == 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
}

static void writer_raw(writer *w, const char *s, size_t n)
{
    if (w->failed || n == 0)
        return;
    if (w->gz)
        writer_deflate(w, s, n, Z_NO_FLUSH);
    else if (fwrite(s, 1, n, w->f) != n)
        w->failed = true;
}

static void writer_flush(writer *w)
{
    writer_raw(w, w->buf, w->len);
    w->len = 0;
}

static void writer_put(writer *w, const char *s, size_t n)
{
    if (w->len + n > sizeof w->buf)
        writer_flush(w);
    if (n > sizeof w->buf) {
        writer_raw(w, s, n);
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void writer_printf(writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void writer_printf(writer *w, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        w->failed = true;
        return;
    }
    writer_put(w, tmp, (size_t)n);
}

/* Ends the file: renamed onto its path when everything was written, removed otherwise. */
static err_code writer_close(writer *w, const char *path, err *e)
{
    writer_flush(w);
    if (w->gz) {
        if (!w->failed)
            writer_deflate(w, NULL, 0, Z_FINISH);
        deflateEnd(&w->z);
    }
    err_code rc;
    if (w->failed) {
        outfile_abort(w->of);
        rc = err_set(e, ERR_IO, "%s: write failed", path);
    } else {
        rc = outfile_commit(w->of, e);
    }
    memset(w, 0, sizeof *w);
    return rc;
}

/* Formats degrees with 7 decimals from an integer, identical on every platform. */
static void fmt_deg(char *buf, size_t size, double deg)
{
    long long v = llround(deg * 1e7);
    const char *sign = v < 0 ? "-" : "";
    if (v < 0)
        v = -v;
    snprintf(buf, size, "%s%lld.%07lld", sign, v / 10000000, v % 10000000);
}

static err_code doc_write(const doc *d, const char *path, synth_stats *st, const logger *lg, err *e)
{
    writer w;
    err_code rc = writer_open(&w, path, e);
    if (rc != ERR_OK)
        return rc;
    double minlon = 1e9, minlat = 1e9, maxlon = -1e9, maxlat = -1e9;
    for (size_t i = 0; i < d->nodes.len; i++) {
        if (!d->nodes.data[i].used)
            continue;
        double lon, lat;
        doc_lonlat(d, &d->nodes.data[i], &lon, &lat);
        minlon = fmin(minlon, lon);
        maxlon = fmax(maxlon, lon);
        minlat = fmin(minlat, lat);
        maxlat = fmax(maxlat, lat);
    }
    char a[32], b[32], c[32], f[32];
    writer_printf(&w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<osm version=\"0.6\" generator=\"jincun synth\">\n");
    if (minlon <= maxlon) {
        fmt_deg(a, sizeof a, minlat);
        fmt_deg(b, sizeof b, minlon);
        fmt_deg(c, sizeof c, maxlat);
        fmt_deg(f, sizeof f, maxlon);
        writer_printf(&w, " <bounds minlat=\"%s\" minlon=\"%s\" maxlat=\"%s\" maxlon=\"%s\"/>\n", a,
                      b, c, f);
    }
    uint64_t n_nodes = 0;
    for (size_t i = 0; i < d->nodes.len; i++) {
        const dnode *n = &d->nodes.data[i];
        if (!n->used)
            continue;
        double lon, lat;
        doc_lonlat(d, n, &lon, &lat);
        fmt_deg(a, sizeof a, lat);
        fmt_deg(b, sizeof b, lon);
        if (n->tags == UINT32_MAX) {
            writer_printf(&w, " <node id=\"%zu\" version=\"1\" lat=\"%s\" lon=\"%s\"/>\n", i + 1, a,
                          b);
        } else {
            writer_printf(&w, " <node id=\"%zu\" version=\"1\" lat=\"%s\" lon=\"%s\">\n", i + 1, a,
                          b);
            const char *t = d->text.data + n->tags;
            writer_put(&w, t, strlen(t));
            writer_printf(&w, " </node>\n");
        }
        n_nodes++;
        if ((n_nodes & 0x3ffff) == 0)
            log_progress(lg, "write", (double)i, (double)(d->nodes.len + d->ways.len), NULL);
    }
    double km = 0;
    for (size_t i = 0; i < d->ways.len; i++) {
        const dway *wy = &d->ways.data[i];
        writer_printf(&w, " <way id=\"%zu\" version=\"1\">\n", i + 1);
        for (uint32_t k = 0; k < wy->n_refs; k++)
            writer_printf(&w, "  <nd ref=\"%u\"/>\n", d->refs.data[wy->first_ref + k] + 1);
        const char *t = d->text.data + wy->tags;
        writer_put(&w, t, strlen(t));
        writer_printf(&w, " </way>\n");
        km += way_km(d, wy);
    }
    writer_printf(&w, "</osm>\n");
    log_progress(lg, "write", 1, 1, NULL);
    rc = writer_close(&w, path, e);
    if (rc == ERR_OK && st) {
        st->nodes = n_nodes;
        st->ways = d->ways.len;
        st->road_km = km;
    }
    return rc;
}

/* ---- the hierarchical grid ---- */

void synth_grid_params_init(synth_grid_params *p)
{
    p->nodes = 10000;
    p->seed = 1;
}

enum { G_TRUNK, G_PRIMARY, G_SECONDARY, G_TERTIARY, G_UNCLASSIFIED, G_TRACK, G_N };

static int line_class(uint32_t i)
{
    if (i % 120 == 0)
        return G_TRUNK;
    if (i % 40 == 0)
        return G_PRIMARY;
    if (i % 10 == 0)
        return G_SECONDARY;
    if (i % 5 == 0)
        return G_TERTIARY;
    return G_UNCLASSIFIED;
}

/* Emits run[0..n) as one way of line class cls (unclassified lines mix in tracks; lanes are
 * sometimes one-way, in either direction). */
static void grid_way(doc *d, rng *r, uint32_t *run, uint32_t n, int cls, uint32_t tags[][2])
{
    if (n < 2)
        return;
    int c = cls == G_UNCLASSIFIED && rng_below(r, 10) < 3 ? G_TRACK : cls;
    bool oneway = cls >= G_TERTIARY && rng_below(r, 100) < 5;
    if (oneway && rng_below(r, 2)) {
        for (uint32_t i = 0; i < n / 2; i++) {
            uint32_t t = run[i];
            run[i] = run[n - 1 - i];
            run[n - 1 - i] = t;
        }
    }
    doc_way(d, run, n, tags[c][oneway]);
}

err_code synth_grid(const char *path, const synth_grid_params *p, synth_stats *st, const logger *lg,
                    err *e)
{
    if (p->nodes < 100 || p->nodes > 50000000)
        return err_set(e, ERR_USAGE, "--nodes: expected 100 .. 50000000, got %u", p->nodes);
    uint32_t s = (uint32_t)llround(sqrt((double)p->nodes));
    const double spacing = 150.0;
    rng r;
    rng_seed(&r, p->seed);
    doc d;
    doc_init(&d, 119.6, 28.0);
    VEC_RESERVE(&d.nodes, (size_t)s * s);
    for (uint32_t row = 0; row < s; row++) {
        for (uint32_t col = 0; col < s; col++) {
            /* nodes on fast roads stay on their line; the others wander a little */
            bool fast_row = line_class(row) <= G_SECONDARY,
                 fast_col = line_class(col) <= G_SECONDARY;
            double jx = fast_col ? 0 : (rng_double(&r) - 0.5) * 50.0;
            double jy = fast_row ? 0 : (rng_double(&r) - 0.5) * 50.0;
            doc_node(&d, col * spacing + jx, row * spacing + jy);
        }
    }
    static const char *hw[G_N] = {"trunk",    "primary",      "secondary",
                                  "tertiary", "unclassified", "track"};
    uint32_t tags[G_N][2];
    for (int c = 0; c < G_N; c++) {
        tags[c][0] = tags_of(&d, "highway", hw[c], (const char *)NULL);
        tags[c][1] = tags_of(&d, "highway", hw[c], "oneway", "yes", (const char *)NULL);
    }
    uint32_t *run = xmallocarray((size_t)s, sizeof *run);
    for (int dir = 0; dir < 2; dir++) { /* 0: rows west→east, 1: columns south→north */
        for (uint32_t line = 0; line < s; line++) {
            int cls = line_class(line);
            uint32_t n = 0, want = 0;
            for (uint32_t k = 0; k < s; k++) {
                uint32_t node = dir == 0 ? line * s + k : k * s + line;
                if (k > 0) {
                    uint32_t pct = cls == G_TERTIARY ? 3 : cls == G_UNCLASSIFIED ? 8 : 0;
                    if (pct && rng_below(&r, 100) < pct) { /* missing link: start afresh */
                        grid_way(&d, &r, run, n, cls, tags);
                        n = 0;
                    } else if (n > want) { /* split: the next way shares the end node */
                        uint32_t last = run[n - 1];
                        grid_way(&d, &r, run, n, cls, tags);
                        n = 0;
                        run[n++] = last;
                    }
                }
                if (n <= 1)
                    want = cls <= G_SECONDARY ? 25 : 4 + rng_below(&r, 9);
                run[n++] = node;
            }
            grid_way(&d, &r, run, n, cls, tags);
        }
        log_progress(lg, "synth", dir + 1, 2, NULL);
    }
    free(run);
    err_code rc = doc_write(&d, path, st, lg, e);
    if (rc == ERR_OK && st)
        st->places = 0, st->townships = 0, st->villages = 0;
    doc_free(&d);
    return rc;
}

/* ---- the demo county ---- */

void synth_county_params_init(synth_county_params *p)
{
    p->seed = 1;
}

/* Syllables of village names with their pinyin, combined as first + second + 村. */
typedef struct syllable {
    const char *zh, *py;
} syllable;

static const syllable name_first[] = {
    {"石", "Shi"},  {"白", "Bai"},  {"黄", "Huang"}, {"高", "Gao"}, {"上", "Shang"},
    {"下", "Xia"},  {"东", "Dong"}, {"西", "Xi"},    {"南", "Nan"}, {"北", "Bei"},
    {"大", "Da"},   {"小", "Xiao"}, {"前", "Qian"},  {"后", "Hou"}, {"杨", "Yang"},
    {"李", "Li"},   {"王", "Wang"}, {"陈", "Chen"},  {"林", "Lin"}, {"金", "Jin"},
    {"青", "Qing"}, {"桃", "Tao"},  {"梅", "Mei"},   {"竹", "Zhu"}, {"松", "Song"},
    {"枫", "Feng"}, {"溪", "Xi"},   {"岭", "Ling"},  {"茶", "Cha"}, {"云", "Yun"},
};
static const syllable name_second[] = {
    {"门", "men"},  {"坑", "keng"}, {"岙", "ao"},   {"头", "tou"},    {"塘", "tang"},
    {"田", "tian"}, {"坪", "ping"}, {"山", "shan"}, {"洋", "yang"},   {"桥", "qiao"},
    {"湾", "wan"},  {"坞", "wu"},   {"岩", "yan"},  {"家", "jia"},    {"口", "kou"},
    {"垟", "yang"}, {"墩", "dun"},  {"园", "yuan"}, {"庄", "zhuang"}, {"岗", "gang"},
};

/* Township names: 镇 (place=town) and 乡 (place=village). */
static const syllable township_names[] = {
    {"石桥镇", "Shiqiao Zhen"},    {"溪口镇", "Xikou Zhen"},   {"白鹤乡", "Baihe Xiang"},
    {"桐岭乡", "Tongling Xiang"},  {"大洋镇", "Dayang Zhen"},  {"沙溪乡", "Shaxi Xiang"},
    {"龙潭镇", "Longtan Zhen"},    {"横街镇", "Hengjie Zhen"}, {"岭头乡", "Lingtou Xiang"},
    {"上垟乡", "Shangyang Xiang"},
};

#define COUNTY_MAX_TOWNSHIPS 10
#define COUNTY_BOUND_X 18500.0 /* |x| (m) keeps lon within 121.0–121.4 */
#define COUNTY_BOUND_Y 15500.0 /* |y| (m) keeps lat within 28.6–28.9 */

typedef struct place_row {
    char id[16];
    const char *kind;     /* depot | township | village */
    char name[64];        /* UTF-8 */
    const char *township; /* its township's name */
    uint32_t node;        /* the place node (its position) */
} place_row;

typedef struct county {
    doc d;
    rng r;
    VEC(place_row) places;
    bool name_used[sizeof name_first / sizeof *name_first]
                  [sizeof name_second / sizeof *name_second];
} county;

/* A road from node a to node b with intermediate nodes about seg m apart, bending sideways
 * by up to amp m (a valley road meanders, a hill road winds more). Returns the nodes through
 * *path (caller frees) when path is non-NULL. */
static uint32_t road(county *c, uint32_t a, uint32_t b, double seg, double amp, uint32_t tags,
                     uint32_t **path, uint32_t *n_path)
{
    doc *d = &c->d;
    double ax = d->nodes.data[a].x, ay = d->nodes.data[a].y;
    double bx = d->nodes.data[b].x, by = d->nodes.data[b].y;
    double len = hypot(bx - ax, by - ay);
    uint32_t n = (uint32_t)(len / seg) + 1;
    if (n < 1)
        n = 1;
    double nx = len > 0 ? -(by - ay) / len : 0, ny = len > 0 ? (bx - ax) / len : 0;
    double a1 = (rng_double(&c->r) * 2 - 1) * amp;
    double a2 = (rng_double(&c->r) * 2 - 1) * amp * 0.35;
    uint32_t *nodes = xmallocarray((size_t)n + 1, sizeof *nodes);
    nodes[0] = a;
    for (uint32_t i = 1; i < n; i++) {
        double t = (double)i / n;
        double off = a1 * sin(PI * t) + a2 * sin(3 * PI * t);
        nodes[i] = doc_node(d, ax + (bx - ax) * t + nx * off, ay + (by - ay) * t + ny * off);
    }
    nodes[n] = b;
    uint32_t w = doc_way(d, nodes, (size_t)n + 1, tags);
    if (path) {
        *path = nodes;
        *n_path = n + 1;
    } else {
        free(nodes);
    }
    return w;
}

/* Tags a place node placed 30–90 m off road node `at` and, when id is non-NULL, records it
 * in places.csv. kind "depot" tags amenity=post_depot instead of place. */
static void settlement(county *c, uint32_t at, const char *kind, const char *place, const char *zh,
                       const char *en, const char *township, const char *id)
{
    doc *d = &c->d;
    double ang = rng_double(&c->r) * 2 * PI, dist = 30 + rng_double(&c->r) * 60;
    uint32_t node =
        doc_node(d, d->nodes.data[at].x + cos(ang) * dist, d->nodes.data[at].y + sin(ang) * dist);
    uint32_t t = frag_begin(d);
    if (!strcmp(kind, "depot")) {
        frag_tag(d, "amenity", "post_depot");
    } else {
        frag_tag(d, "place", place);
        frag_tag(d, "name:zh", zh);
    }
    frag_tag(d, "name", zh);
    if (en)
        frag_tag(d, "name:en", en);
    frag_end(d);
    d->nodes.data[node].tags = t;
    d->nodes.data[node].used = true;
    if (!id)
        return;
    place_row row;
    memset(&row, 0, sizeof row);
    snprintf(row.id, sizeof row.id, "%s", id);
    row.kind = kind;
    snprintf(row.name, sizeof row.name, "%s", zh);
    row.township = township;
    row.node = node;
    VEC_PUSH(&c->places, row);
}

/* A fresh village name (zh and pinyin); names never repeat within the county. */
static void village_name(county *c, char *zh, size_t zhn, char *en, size_t enn)
{
    size_t nf = sizeof name_first / sizeof *name_first;
    size_t ns = sizeof name_second / sizeof *name_second;
    for (;;) {
        uint32_t i = rng_below(&c->r, (uint32_t)nf), j = rng_below(&c->r, (uint32_t)ns);
        if (c->name_used[i][j])
            continue;
        c->name_used[i][j] = true;
        snprintf(zh, zhn, "%s%s村", name_first[i].zh, name_second[j].zh);
        snprintf(en, enn, "%s%s Cun", name_first[i].py, name_second[j].py);
        return;
    }
}

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* A small street grid of k×k intersections `step` m apart centred on (cx, cy); returns the
 * node of intersection (i, j) through grid[i*k+j]. Streets are two-way tertiary/residential
 * unless oneway_inner, which makes rows and columns 2 and k-3 one-way in opposite senses. */
static void street_grid(county *c, double cx, double cy, uint32_t k, double step, bool oneway_inner,
                        uint32_t *grid, const uint32_t *row_tags, const uint32_t *col_tags)
{
    doc *d = &c->d;
    double half = (k - 1) * step / 2;
    for (uint32_t i = 0; i < k; i++)
        for (uint32_t j = 0; j < k; j++)
            grid[i * k + j] = doc_node(d, cx - half + j * step, cy - half + i * step);
    uint32_t *line = xmallocarray(k, sizeof *line);
    for (uint32_t i = 0; i < k; i++) {
        for (int dir = 0; dir < 2; dir++) {
            for (uint32_t j = 0; j < k; j++)
                line[j] = dir == 0 ? grid[i * k + j] : grid[j * k + i];
            bool reverse = oneway_inner && i == k - 3;
            if (reverse)
                for (uint32_t j = 0; j < k / 2; j++) {
                    uint32_t t = line[j];
                    line[j] = line[k - 1 - j];
                    line[k - 1 - j] = t;
                }
            doc_way(d, line, k, dir == 0 ? row_tags[i] : col_tags[i]);
        }
    }
    free(line);
}

/* The node of a street grid nearest to (x, y) among its perimeter. */
static uint32_t nearest_of(const doc *d, const uint32_t *nodes, size_t n, double x, double y)
{
    uint32_t best = nodes[0];
    double bd = 1e300;
    for (size_t i = 0; i < n; i++) {
        const dnode *p = &d->nodes.data[nodes[i]];
        double dd = hypot(p->x - x, p->y - y);
        if (dd < bd) {
            bd = dd;
            best = nodes[i];
        }
    }
    return best;
}

static err_code write_places(const county *c, const char *path, err *e)
{
    writer w;
    err_code rc = writer_open(&w, path, e);
    if (rc != ERR_OK)
        return rc;
    writer_printf(&w, "id,kind,name,township,lon,lat\n");
    for (size_t i = 0; i < c->places.len; i++) {
        const place_row *p = &c->places.data[i];
        double lon, lat;
        doc_lonlat(&c->d, &c->d.nodes.data[p->node], &lon, &lat);
        char a[32], b[32];
        fmt_deg(a, sizeof a, lon);
        fmt_deg(b, sizeof b, lat);
        writer_printf(&w, "%s,%s,%s,%s,%s,%s\n", p->id, p->kind, p->name, p->township, a, b);
    }
    return writer_close(&w, path, e);
}

err_code synth_county(const char *dir, const synth_county_params *p, synth_stats *st,
                      const logger *lg, err *e)
{
    if (outfile_mkdir(dir, e) != ERR_OK)
        return ERR_IO;
    county *c = xcalloc(1, sizeof *c);
    rng_seed(&c->r, p->seed);
    doc_init(&c->d, 121.2, 28.75);
    doc *d = &c->d;
    uint32_t t_trunk =
        tags_of(d, "highway", "trunk", "ref", "G104", "name", "104国道", (const char *)NULL);
    uint32_t t_primary =
        tags_of(d, "highway", "primary", "ref", "S325", "name", "325省道", (const char *)NULL);
    uint32_t t_res = tags_of(d, "highway", "residential", (const char *)NULL);
    uint32_t t_ter = tags_of(d, "highway", "tertiary", (const char *)NULL);
    uint32_t t_unc = tags_of(d, "highway", "unclassified", (const char *)NULL);
    uint32_t t_track = tags_of(d, "highway", "track", "tracktype", "grade2", (const char *)NULL);

    /* county town 城关镇: 7×7 streets 200 m apart, G104 along the middle row, S325 along the
     * middle column, one-way streets on rows and columns 2 and 4 */
    uint32_t town[49];
    uint32_t row_tags[7], col_tags[7];
    static const char *streets_ew[7] = {"环城南路", "南门街", "解放街",  "",
                                        "人民街",   "北门街", "环城北路"};
    static const char *streets_ns[7] = {"环城西路", "西门街", "中山街",  "",
                                        "新华街",   "东门街", "环城东路"};
    for (int i = 0; i < 7; i++) {
        bool ow = i == 2 || i == 4;
        bool ring = i == 0 || i == 6;
        const char *hwv = ring ? "tertiary" : "residential";
        row_tags[i] = i == 3
                          ? t_trunk
                          : tags_of(d, "highway", hwv, "name", streets_ew[i],
                                    ow ? "oneway" : (const char *)NULL, "yes", (const char *)NULL);
        col_tags[i] = i == 3
                          ? t_primary
                          : tags_of(d, "highway", hwv, "name", streets_ns[i],
                                    ow ? "oneway" : (const char *)NULL, "yes", (const char *)NULL);
    }
    street_grid(c, 0, 0, 7, 200, true, town, row_tags, col_tags);
    uint32_t perim[24];
    size_t np = 0;
    for (uint32_t i = 0; i < 7; i++)
        for (uint32_t j = 0; j < 7; j++)
            if (i == 0 || i == 6 || j == 0 || j == 6)
                perim[np++] = town[i * 7 + j];
    /* the county seat is a place node but not a row: its parcels go through the depot */
    settlement(c, town[3 * 7 + 3], "township", "town", "城关镇", "Chengguan Zhen", "城关镇", NULL);
    settlement(c, town[0], "depot", NULL, "云岚县快递物流共配中心", "Yunlan County Parcel Centre",
               "城关镇", "D0");

    /* G104 west and east, S325 north and south */
    uint32_t w_end = doc_node(d, -COUNTY_BOUND_X, -2500);
    uint32_t e_end = doc_node(d, 14500, 2000);
    uint32_t n_end = doc_node(d, 1800, COUNTY_BOUND_Y);
    uint32_t s_end = doc_node(d, -1200, -COUNTY_BOUND_Y);
    road(c, w_end, town[3 * 7 + 0], 300, 900, t_trunk, NULL, NULL);
    road(c, town[3 * 7 + 6], e_end, 300, 700, t_trunk, NULL, NULL);
    road(c, town[6 * 7 + 3], n_end, 300, 1200, t_primary, NULL, NULL);
    road(c, s_end, town[0 * 7 + 3], 300, 1000, t_primary, NULL, NULL);

    /* townships in a ring; the easternmost is on the coast and runs the ferry */
    uint32_t k = 6 + rng_below(&c->r, 5);
    uint32_t order[COUNTY_MAX_TOWNSHIPS];
    for (uint32_t i = 0; i < COUNTY_MAX_TOWNSHIPS; i++)
        order[i] = i;
    rng_shuffle_u32(&c->r, order, COUNTY_MAX_TOWNSHIPS);
    double tx[COUNTY_MAX_TOWNSHIPS], ty[COUNTY_MAX_TOWNSHIPS];
    uint32_t tcentre[COUNTY_MAX_TOWNSHIPS];
    uint32_t tgrid[COUNTY_MAX_TOWNSHIPS][9];
    double phase = rng_double(&c->r) * 2 * PI;
    uint32_t coastal = 0;
    for (uint32_t i = 0; i < k; i++) {
        double ang = phase + 2 * PI * i / k + (rng_double(&c->r) - 0.5) * 0.5;
        double dist = 8000 + rng_double(&c->r) * 5000;
        tx[i] = clampd(cos(ang) * dist, -COUNTY_BOUND_X + 3000, 10500);
        ty[i] = clampd(sin(ang) * dist, -COUNTY_BOUND_Y + 3000, COUNTY_BOUND_Y - 3000);
        if (tx[i] > tx[coastal])
            coastal = i;
    }
    uint32_t g_tags[3] = {t_ter, t_res, t_ter};
    char xid[16];
    for (uint32_t i = 0; i < k; i++) {
        street_grid(c, tx[i], ty[i], 3, 150, false, tgrid[i], g_tags, g_tags);
        tcentre[i] = tgrid[i][4];
        const syllable *tn = &township_names[order[i]];
        bool zhen = strstr(tn->zh, "镇") != NULL;
        snprintf(xid, sizeof xid, "T%02u", i + 1);
        settlement(c, tcentre[i], "township", zhen ? "town" : "village", tn->zh, tn->py, tn->zh,
                   xid);
        /* 县道 from the town's nearest edge */
        uint32_t from = nearest_of(d, perim, np, tx[i], ty[i]);
        uint32_t to = nearest_of(d, tgrid[i], 9, 0, 0);
        char ref[16];
        snprintf(ref, sizeof ref, "X%u", 601 + i);
        uint32_t t_sec = tags_of(d, "highway", "secondary", "ref", ref, (const char *)NULL);
        road(c, from, to, 250, 600 + rng_double(&c->r) * 900, t_sec, NULL, NULL);
    }
    /* 乡道 between neighbouring townships round the ring */
    for (uint32_t i = 0; i < k; i++) {
        uint32_t j = (i + 1) % k;
        if (hypot(tx[i] - tx[j], ty[i] - ty[j]) < 16000)
            road(c, nearest_of(d, tgrid[i], 9, tx[j], ty[j]),
                 nearest_of(d, tgrid[j], 9, tx[i], ty[i]), 250, 1200, t_ter, NULL, NULL);
    }

    /* villages: 60–120, along 2–3 valleys per township and 1–2 near the county town; some up
     * spurs in the hills */
    uint32_t n_vill = 60 + rng_below(&c->r, 61) - 2; /* 2 more on the island */
    uint32_t vno = 0;
    char zh[64], en[64];
    for (uint32_t ti = 0; ti <= k && vno < n_vill; ti++) {
        bool seat_twp = ti == k; /* the last round serves the county town */
        uint32_t quota = seat_twp ? n_vill - vno : (n_vill - 4) / k;
        if (!seat_twp && ti < (n_vill - 4) % k)
            quota++;
        double cx = seat_twp ? 0 : tx[ti], cy = seat_twp ? 0 : ty[ti];
        const char *tname = seat_twp ? "城关镇" : township_names[order[ti]].zh;
        uint32_t valleys = seat_twp ? 2 : 2 + rng_below(&c->r, 2);
        double base = atan2(cy, cx) + (rng_double(&c->r) - 0.5);
        for (uint32_t v = 0; v < valleys && quota > 0; v++) {
            uint32_t in_valley = (quota + (valleys - v) - 1) / (valleys - v);
            quota -= in_valley;
            double ang = base + (v + 0.5) * 2 * PI / valleys - PI / valleys +
                         (rng_double(&c->r) - 0.5) * 0.6;
            uint32_t prev =
                seat_twp ? nearest_of(d, perim, np, cx + cos(ang) * 5000, cy + sin(ang) * 5000)
                         : nearest_of(d, tgrid[ti], 9, cx + cos(ang) * 5000, cy + sin(ang) * 5000);
            double dist = seat_twp ? 900 : 150;
            for (uint32_t q = 0; q < in_valley; q++) {
                dist += 900 + rng_double(&c->r) * 1100;
                double side = (rng_double(&c->r) - 0.5) * 900;
                double x = clampd(cx + cos(ang) * dist - sin(ang) * side, -COUNTY_BOUND_X,
                                  COUNTY_BOUND_X - 4000);
                double y =
                    clampd(cy + sin(ang) * dist + cos(ang) * side, -COUNTY_BOUND_Y, COUNTY_BOUND_Y);
                uint32_t vn = doc_node(d, x, y);
                bool hill = rng_below(&c->r, 100) < 25;
                if (hill) {
                    /* up a spur from the valley road: village lane or track, winding */
                    double ha = ang + (rng_below(&c->r, 2) ? 1 : -1) * (0.8 + rng_double(&c->r));
                    double hd = 600 + rng_double(&c->r) * 1200;
                    uint32_t hn = doc_node(
                        d, clampd(x + cos(ha) * hd, -COUNTY_BOUND_X, COUNTY_BOUND_X - 4000),
                        clampd(y + sin(ha) * hd, -COUNTY_BOUND_Y, COUNTY_BOUND_Y));
                    road(c, prev, vn, 200, 300, t_ter, NULL, NULL);
                    road(c, vn, hn, 120, 250, rng_below(&c->r, 2) ? t_unc : t_track, NULL, NULL);
                    village_name(c, zh, sizeof zh, en, sizeof en);
                    snprintf(xid, sizeof xid, "V%03u", ++vno);
                    settlement(c, hn, "village", rng_below(&c->r, 3) ? "village" : "hamlet", zh, en,
                               tname, xid);
                } else {
                    road(c, prev, vn, 200, 350, q == 0 ? t_ter : t_unc, NULL, NULL);
                    village_name(c, zh, sizeof zh, en, sizeof en);
                    snprintf(xid, sizeof xid, "V%03u", ++vno);
                    settlement(c, vn, "village", "village", zh, en, tname, xid);
                    if (rng_below(&c->r, 10) < 3) { /* a lane on to the fields */
                        uint32_t f = doc_node(d, x + (rng_double(&c->r) - 0.5) * 800,
                                              y + (rng_double(&c->r) - 0.5) * 800);
                        road(c, vn, f, 100, 60, t_track, NULL, NULL);
                    }
                }
                prev = vn;
            }
        }
    }

    /* the island: a pier road from the coastal township, a ferry, two villages */
    uint32_t pier = doc_node(d, tx[coastal] + 2500, ty[coastal] + 300);
    road(c, nearest_of(d, tgrid[coastal], 9, tx[coastal] + 5000, ty[coastal]), pier, 200, 200,
         t_ter, NULL, NULL);
    uint32_t ipier = doc_node(d, tx[coastal] + 6500, ty[coastal] + 900);
    uint32_t t_ferry = tags_of(d, "route", "ferry", "motor_vehicle", "yes", "duration", "00:30",
                               "name", "东屿轮渡", "name:en", "Dongyu Ferry", (const char *)NULL);
    road(c, pier, ipier, 400, 300, t_ferry, NULL, NULL);
    static const syllable island[2] = {{"东屿村", "Dongyu Cun"}, {"小屿村", "Xiaoyu Cun"}};
    uint32_t iv1 = doc_node(d, tx[coastal] + 7800, ty[coastal] + 1900);
    uint32_t iv2 = doc_node(d, tx[coastal] + 8400, ty[coastal] - 700);
    road(c, ipier, iv1, 150, 150, t_unc, NULL, NULL);
    road(c, iv1, iv2, 150, 200, t_unc, NULL, NULL);
    road(c, iv2, ipier, 150, 150, t_track, NULL, NULL);
    const char *cname = township_names[order[coastal]].zh;
    snprintf(xid, sizeof xid, "V%03u", ++vno);
    settlement(c, iv1, "village", "village", island[0].zh, island[0].py, cname, xid);
    snprintf(xid, sizeof xid, "V%03u", ++vno);
    settlement(c, iv2, "village", "hamlet", island[1].zh, island[1].py, cname, xid);

    char *path = path_join(dir, "county.osm.gz");
    err_code rc = doc_write(d, path, st, lg, e);
    if (rc == ERR_OK) {
        free(path);
        path = path_join(dir, "places.csv");
        rc = write_places(c, path, e);
    }
    if (rc == ERR_OK && st) {
        st->places = c->places.len;
        st->townships = k;
        st->villages = vno;
    }
    free(path);
    VEC_FREE(&c->places);
    doc_free(d);
    free(c);
    return rc;
}

/* ---- a rural network around given sites ---- */

void synth_region_params_init(synth_region_params *p)
{
    p->seed = 1;
    p->nodes = 0;
    p->spacing_m = 500;
    p->cover_m = 2500;
}

#define REGION_SEG_M 60.0                /* a road node about every 60 m along a lane */
#define REGION_MAX_POSITIONS 20000000ull /* lattice positions (about 100 bytes each at most) */
#define REGION_MIN_SPACING 100.0
#define REGION_MAX_SPACING 5000.0
#define HUB_STEP_M 150.0 /* street spacing of a hub's grid */
#define HUB_APART_M 500.0

enum {
    P_COVERED = 1, /* the position has a crossing */
    P_FORCE_E = 2, /* the link to (i, j+1) must exist (bridge or spanning tree) */
    P_FORCE_N = 4, /* the link to (i+1, j) must exist */
    P_HAS_E = 8,   /* the link to (i, j+1) exists */
    P_HAS_N = 16,  /* the link to (i+1, j) exists */
    P_SEEN = 32,   /* scratch mark of the searches */
};

typedef struct lattice {
    double x0, y0, s; /* position (i, j) lies near (x0 + j s, y0 + i s) */
    uint32_t rows, cols;
    uint8_t *flags; /* [rows * cols] P_* bits */
    uint32_t *node; /* [rows * cols] doc node of a covered position */
} lattice;

/* Extent of the sites in local metres. */
typedef struct extent {
    double minx, miny, maxx, maxy;
} extent;

/* Lattice size for spacing s over the extent grown by cover; false when too many positions. */
static bool lattice_dims(const extent *x, double cover, double s, uint32_t *rows, uint32_t *cols)
{
    double w = x->maxx - x->minx + 2 * cover, h = x->maxy - x->miny + 2 * cover;
    double c = floor(w / s) + 2, r = floor(h / s) + 2;
    if (c * r > (double)REGION_MAX_POSITIONS)
        return false;
    *rows = (uint32_t)r;
    *cols = (uint32_t)c;
    return true;
}

/* Marks the positions within cover of a site (flags must be zeroed); returns how many. */
static size_t mark_cover(lattice *L, const double *sx, const double *sy, size_t n, double cover)
{
    size_t count = 0;
    int32_t reach = (int32_t)ceil(cover / L->s);
    for (size_t k = 0; k < n; k++) {
        int32_t ci = (int32_t)lround((sy[k] - L->y0) / L->s);
        int32_t cj = (int32_t)lround((sx[k] - L->x0) / L->s);
        for (int32_t i = ci - reach; i <= ci + reach; i++) {
            if (i < 0 || i >= (int32_t)L->rows)
                continue;
            for (int32_t j = cj - reach; j <= cj + reach; j++) {
                if (j < 0 || j >= (int32_t)L->cols)
                    continue;
                double dx = L->x0 + j * L->s - sx[k], dy = L->y0 + i * L->s - sy[k];
                uint8_t *f = &L->flags[(size_t)i * L->cols + (size_t)j];
                if (!(*f & P_COVERED) && dx * dx + dy * dy <= cover * cover) {
                    *f |= P_COVERED;
                    count++;
                }
            }
        }
    }
    return count;
}

/* Intermediate nodes of one link of spacing s. */
static uint32_t link_shape_nodes(double s)
{
    long k = lround(s / REGION_SEG_M) - 1;
    return k > 0 ? (uint32_t)k : 0;
}

/* Road nodes a lattice of spacing s would have: crossings plus the nodes of about 1.85 links
 * per crossing (a full lattice has 2, less the edge of the land and the missing links). */
static double estimate_nodes(const extent *x, const double *sx, const double *sy, size_t n,
                             double cover, double s)
{
    lattice L;
    memset(&L, 0, sizeof L);
    if (!lattice_dims(x, cover, s, &L.rows, &L.cols))
        return INFINITY;
    L.s = s;
    L.x0 = x->minx - cover;
    L.y0 = x->miny - cover;
    L.flags = xcalloc((size_t)L.rows * L.cols, 1);
    size_t covered = mark_cover(&L, sx, sy, n, cover);
    free(L.flags);
    return (double)covered * (1 + 1.85 * link_shape_nodes(s)) + 3.0 * (double)n;
}

/* Neighbours of position p in the order east, west, north, south; UINT32_MAX off the edge. */
static void neighbours(const lattice *L, uint32_t p, uint32_t nb[4])
{
    uint32_t i = p / L->cols, j = p % L->cols;
    nb[0] = j + 1 < L->cols ? p + 1 : UINT32_MAX;
    nb[1] = j > 0 ? p - 1 : UINT32_MAX;
    nb[2] = i + 1 < L->rows ? p + L->cols : UINT32_MAX;
    nb[3] = i > 0 ? p - L->cols : UINT32_MAX;
}

/* Marks the link between adjacent positions a and b as required. */
static void force_link(lattice *L, uint32_t a, uint32_t b)
{
    uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
    L->flags[lo] |= hi == lo + 1 ? P_FORCE_E : P_FORCE_N;
}

/* Joins the patches of covered land: labels them, then grows a search from the largest one
 * over every position; reaching another patch turns the path back into road positions with
 * required links, and the patch joins the search. Afterwards the covered positions are
 * 4-connected. */
static void join_patches(lattice *L)
{
    size_t np = (size_t)L->rows * L->cols;
    uint32_t *comp = xmallocarray(np, sizeof *comp);
    uint32_t *queue = xmallocarray(np, sizeof *queue);
    uint32_t *parent = xmallocarray(np, sizeof *parent);
    VEC(uint32_t) size = {0};
    for (size_t p = 0; p < np; p++)
        comp[p] = UINT32_MAX;
    for (size_t p0 = 0; p0 < np; p0++) {
        if (!(L->flags[p0] & P_COVERED) || comp[p0] != UINT32_MAX)
            continue;
        uint32_t c = (uint32_t)size.len, n = 0;
        size_t head = 0, tail = 0;
        queue[tail++] = (uint32_t)p0;
        comp[p0] = c;
        while (head < tail) {
            uint32_t p = queue[head++], nb[4];
            n++;
            neighbours(L, p, nb);
            for (int k = 0; k < 4; k++)
                if (nb[k] != UINT32_MAX && (L->flags[nb[k]] & P_COVERED) &&
                    comp[nb[k]] == UINT32_MAX) {
                    comp[nb[k]] = c;
                    queue[tail++] = nb[k];
                }
        }
        VEC_PUSH(&size, n);
    }
    uint32_t main_c = 0;
    for (uint32_t c = 1; c < size.len; c++)
        if (size.data[c] > size.data[main_c])
            main_c = c;
    /* the positions of each patch, in order, to start the search from a joined patch */
    uint32_t *start = xcalloc(size.len + 1, sizeof *start);
    for (size_t p = 0; p < np; p++)
        if (comp[p] != UINT32_MAX)
            start[comp[p] + 1]++;
    for (size_t c = 0; c < size.len; c++)
        start[c + 1] += start[c];
    uint32_t *members = xmallocarray(start[size.len] ? start[size.len] : 1, sizeof *members);
    uint32_t *fill = xmallocarray(size.len ? size.len : 1, sizeof *fill);
    memcpy(fill, start, size.len * sizeof *fill);
    for (size_t p = 0; p < np; p++)
        if (comp[p] != UINT32_MAX)
            members[fill[comp[p]]++] = (uint32_t)p;
    bool *joined = xcalloc(size.len ? size.len : 1, sizeof *joined);
    size_t head = 0, tail = 0;
    if (size.len) {
        joined[main_c] = true;
        for (uint32_t k = start[main_c]; k < start[main_c + 1]; k++) {
            uint32_t p = members[k];
            L->flags[p] |= P_SEEN;
            parent[p] = p;
            queue[tail++] = p;
        }
    }
    while (head < tail) {
        uint32_t p = queue[head++], nb[4];
        neighbours(L, p, nb);
        for (int k = 0; k < 4; k++) {
            uint32_t q = nb[k];
            if (q == UINT32_MAX || (L->flags[q] & P_SEEN))
                continue;
            L->flags[q] |= P_SEEN;
            parent[q] = p;
            queue[tail++] = q;
            if (!(L->flags[q] & P_COVERED) || joined[comp[q]])
                continue;
            /* a new patch: the path back to joined land becomes road */
            uint32_t a = q, b = p;
            for (;;) {
                force_link(L, a, b);
                if ((L->flags[b] & P_COVERED) && joined[comp[b]])
                    break;
                L->flags[b] |= P_COVERED;
                comp[b] = main_c;
                a = b;
                b = parent[b];
            }
            uint32_t c = comp[q];
            joined[c] = true;
            for (uint32_t m = start[c]; m < start[c + 1]; m++) {
                uint32_t r = members[m];
                if (!(L->flags[r] & P_SEEN)) {
                    L->flags[r] |= P_SEEN;
                    parent[r] = r;
                    queue[tail++] = r;
                }
            }
        }
    }
    for (size_t p = 0; p < np; p++)
        L->flags[p] &= (uint8_t)~P_SEEN;
    free(joined);
    free(fill);
    free(members);
    free(start);
    VEC_FREE(&size);
    free(parent);
    free(queue);
    free(comp);
}

/* A breadth-first spanning tree of the covered positions (one patch after join_patches): its
 * links are required, so dropping other links never cuts the network. */
static void spanning_tree(lattice *L)
{
    size_t np = (size_t)L->rows * L->cols;
    uint32_t *queue = xmallocarray(np, sizeof *queue);
    for (size_t p0 = 0; p0 < np; p0++) {
        if (!(L->flags[p0] & P_COVERED) || (L->flags[p0] & P_SEEN))
            continue;
        size_t head = 0, tail = 0;
        queue[tail++] = (uint32_t)p0;
        L->flags[p0] |= P_SEEN;
        while (head < tail) {
            uint32_t p = queue[head++], nb[4];
            neighbours(L, p, nb);
            for (int k = 0; k < 4; k++)
                if (nb[k] != UINT32_MAX && (L->flags[nb[k]] & P_COVERED) &&
                    !(L->flags[nb[k]] & P_SEEN)) {
                    L->flags[nb[k]] |= P_SEEN;
                    force_link(L, p, nb[k]);
                    queue[tail++] = nb[k];
                }
        }
    }
    for (size_t p = 0; p < np; p++)
        L->flags[p] &= (uint8_t)~P_SEEN;
    free(queue);
}

/* ---- nearest road node: buckets of the lattice's cell size ---- */

typedef struct node_index {
    double x0, y0, cell;
    uint32_t rows, cols;
    uint32_t *head;     /* [rows * cols] first node of the cell, UINT32_MAX if none */
    VEC(uint32_t) next; /* next node of the same cell, by doc node */
} node_index;

static void index_add(node_index *ix, const doc *d, uint32_t node)
{
    const dnode *n = &d->nodes.data[node];
    long i = lround(floor((n->y - ix->y0) / ix->cell)),
         j = lround(floor((n->x - ix->x0) / ix->cell));
    i = i < 0 ? 0 : i >= (long)ix->rows ? (long)ix->rows - 1 : i;
    j = j < 0 ? 0 : j >= (long)ix->cols ? (long)ix->cols - 1 : j;
    size_t cell = (size_t)i * ix->cols + (size_t)j;
    while (ix->next.len <= node)
        VEC_PUSH(&ix->next, UINT32_MAX);
    ix->next.data[node] = ix->head[cell];
    ix->head[cell] = node;
}

/* The indexed node nearest to (x, y); the index is never empty when this is called. */
static uint32_t index_nearest(const node_index *ix, const doc *d, double x, double y)
{
    long ci = lround(floor((y - ix->y0) / ix->cell)), cj = lround(floor((x - ix->x0) / ix->cell));
    uint32_t best = UINT32_MAX;
    double bd = INFINITY;
    long rmax = (long)(ix->rows > ix->cols ? ix->rows : ix->cols) + 1;
    for (long r = 0; r <= rmax; r++) {
        for (long i = ci - r; i <= ci + r; i++) {
            if (i < 0 || i >= (long)ix->rows)
                continue;
            for (long j = cj - r; j <= cj + r; j++) {
                if (j < 0 || j >= (long)ix->cols)
                    continue;
                if (i != ci - r && i != ci + r && j != cj - r && j != cj + r)
                    continue; /* inside the ring: seen before */
                for (uint32_t k = ix->head[(size_t)i * ix->cols + (size_t)j]; k != UINT32_MAX;
                     k = ix->next.data[k]) {
                    const dnode *n = &d->nodes.data[k];
                    double dd = hypot(n->x - x, n->y - y);
                    if (dd < bd || (dd == bd && k < best)) {
                        bd = dd;
                        best = k;
                    }
                }
            }
        }
        /* every node of a cell beyond ring r is at least r cells away */
        if (best != UINT32_MAX && bd <= (double)r * ix->cell)
            break;
    }
    return best;
}

/* Emits run[0..n) as one two-way way of line class cls (lanes are sometimes tracks). */
static void region_way(doc *d, rng *r, const uint32_t *run, size_t n, int cls, const uint32_t *tags)
{
    if (n < 2)
        return;
    int c = cls == G_UNCLASSIFIED && rng_below(r, 10) < 3 ? G_TRACK : cls;
    doc_way(d, run, n, tags[c]);
}

/* A lane from node a to node b: intermediate nodes about REGION_SEG_M apart, bending sideways
 * by up to amp m; the intermediate nodes go into the index (a and b are the caller's: a node
 * must be added once). */
static void region_road(doc *d, rng *r, node_index *ix, uint32_t a, uint32_t b, double amp,
                        uint32_t tags)
{
    double ax = d->nodes.data[a].x, ay = d->nodes.data[a].y;
    double bx = d->nodes.data[b].x, by = d->nodes.data[b].y;
    double len = hypot(bx - ax, by - ay);
    uint32_t k = link_shape_nodes(len);
    double nx = len > 0 ? -(by - ay) / len : 0, ny = len > 0 ? (bx - ax) / len : 0;
    double a1 = (rng_double(r) * 2 - 1) * amp;
    uint32_t *nodes = xmallocarray((size_t)k + 2, sizeof *nodes);
    nodes[0] = a;
    for (uint32_t i = 1; i <= k; i++) {
        double t = (double)i / (k + 1), off = a1 * sin(PI * t);
        nodes[i] = doc_node(d, ax + (bx - ax) * t + nx * off, ay + (by - ay) * t + ny * off);
        index_add(ix, d, nodes[i]);
    }
    nodes[k + 1] = b;
    doc_way(d, nodes, (size_t)k + 2, tags);
    free(nodes);
}

err_code synth_region(const char *path, const synth_site *sites, size_t n,
                      const synth_region_params *p, synth_stats *st, const logger *lg, err *e)
{
    if (n == 0)
        return err_set(e, ERR_USAGE, "synthetic region: no site to build roads around");
    if (!(p->cover_m >= 200 && p->cover_m <= 100000))
        return err_set(e, ERR_USAGE, "synthetic region: cover %.0f m, expected 200..100000",
                       p->cover_m);
    if (p->nodes == 0 &&
        !(p->spacing_m >= REGION_MIN_SPACING && p->spacing_m <= REGION_MAX_SPACING))
        return err_set(e, ERR_USAGE,
                       "synthetic region: lattice spacing %.0f m, expected %.0f..%.0f",
                       p->spacing_m, REGION_MIN_SPACING, REGION_MAX_SPACING);
    if (p->nodes > 50000000)
        return err_set(e, ERR_USAGE, "--nodes: expected at most 50000000, got %u", p->nodes);
    double minlon = INFINITY, maxlon = -INFINITY, minlat = INFINITY, maxlat = -INFINITY;
    for (size_t k = 0; k < n; k++) {
        if (!(fabs(sites[k].lon) <= 180 && fabs(sites[k].lat) <= 85))
            return err_set(e, ERR_USAGE, "synthetic region: site %zu at (%g, %g) is not a point",
                           k + 1, sites[k].lon, sites[k].lat);
        minlon = fmin(minlon, sites[k].lon);
        maxlon = fmax(maxlon, sites[k].lon);
        minlat = fmin(minlat, sites[k].lat);
        maxlat = fmax(maxlat, sites[k].lat);
    }
    if (maxlon - minlon > 10 || maxlat - minlat > 10)
        return err_set(e, ERR_USAGE,
                       "synthetic region: the sites span %.1f x %.1f degrees; a county spans "
                       "less than 10",
                       maxlon - minlon, maxlat - minlat);
    doc d;
    doc_init(&d, (minlon + maxlon) / 2, (minlat + maxlat) / 2);
    double *sx = xmallocarray(n, sizeof *sx), *sy = xmallocarray(n, sizeof *sy);
    extent x = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t k = 0; k < n; k++) {
        sx[k] = (sites[k].lon - d.lon0) * d.m_per_deg_lon;
        sy[k] = (sites[k].lat - d.lat0) * M_PER_DEG_LAT;
        x.minx = fmin(x.minx, sx[k]);
        x.maxx = fmax(x.maxx, sx[k]);
        x.miny = fmin(x.miny, sy[k]);
        x.maxy = fmax(x.maxy, sy[k]);
    }
    /* the spacing: given, or the one whose estimate meets the wanted node count */
    double s = p->spacing_m, cover = p->cover_m;
    if (p->nodes) {
        double lo = REGION_MIN_SPACING, hi = REGION_MAX_SPACING;
        for (int it = 0; it < 40; it++) {
            double mid = sqrt(lo * hi);
            if (estimate_nodes(&x, sx, sy, n, fmax(cover, 1.5 * mid), mid) > p->nodes)
                lo = mid;
            else
                hi = mid;
        }
        s = hi;
    }
    cover = fmax(cover, 1.5 * s); /* every site has crossings around it */
    lattice L;
    memset(&L, 0, sizeof L);
    if (!lattice_dims(&x, cover, s, &L.rows, &L.cols)) {
        free(sx);
        free(sy);
        doc_free(&d);
        return err_set(e, ERR_USAGE,
                       "synthetic region: %.0f x %.0f km at %.0f m spacing is more than %llu "
                       "lattice positions",
                       (x.maxx - x.minx) / 1000, (x.maxy - x.miny) / 1000, s,
                       (unsigned long long)REGION_MAX_POSITIONS);
    }
    L.s = s;
    L.x0 = x.minx - cover;
    L.y0 = x.miny - cover;
    size_t np = (size_t)L.rows * L.cols;
    L.flags = xcalloc(np, 1);
    L.node = xmallocarray(np, sizeof *L.node);
    mark_cover(&L, sx, sy, n, cover);
    join_patches(&L);
    spanning_tree(&L);
    log_progress(lg, "synth", 1, 4, NULL);

    rng r;
    rng_seed(&r, p->seed);
    /* crossings; the ones on fast lines stay on their line */
    for (size_t q = 0; q < np; q++) {
        L.node[q] = UINT32_MAX;
        if (!(L.flags[q] & P_COVERED))
            continue;
        uint32_t i = (uint32_t)(q / L.cols), j = (uint32_t)(q % L.cols);
        double jx = line_class(j) <= G_SECONDARY ? 0 : (rng_double(&r) - 0.5) * 0.2 * s;
        double jy = line_class(i) <= G_SECONDARY ? 0 : (rng_double(&r) - 0.5) * 0.2 * s;
        L.node[q] = doc_node(&d, L.x0 + j * s + jx, L.y0 + i * s + jy);
    }
    /* links: required ones always, the others missing at random (more among lanes) */
    for (int dir = 0; dir < 2; dir++) {
        uint8_t force = dir == 0 ? P_FORCE_E : P_FORCE_N, has = dir == 0 ? P_HAS_E : P_HAS_N;
        for (size_t q = 0; q < np; q++) {
            uint32_t i = (uint32_t)(q / L.cols), j = (uint32_t)(q % L.cols);
            bool inside = dir == 0 ? j + 1 < L.cols : i + 1 < L.rows;
            if (!inside || !(L.flags[q] & P_COVERED))
                continue;
            size_t q2 = dir == 0 ? q + 1 : q + L.cols;
            if (!(L.flags[q2] & P_COVERED))
                continue;
            int cls = line_class(dir == 0 ? i : j);
            uint32_t pct = cls == G_TERTIARY ? 5 : cls == G_UNCLASSIFIED ? 15 : 0;
            if ((L.flags[q] & force) || !pct || rng_below(&r, 100) >= pct)
                L.flags[q] |= has;
        }
    }
    static const char *hw[G_N] = {"trunk",    "primary",      "secondary",
                                  "tertiary", "unclassified", "track"};
    uint32_t tags[G_N];
    for (int c = 0; c < G_N; c++)
        tags[c] = c == G_TRACK
                      ? tags_of(&d, "highway", "track", "tracktype", "grade2", (const char *)NULL)
                      : tags_of(&d, "highway", hw[c], (const char *)NULL);
    uint32_t t_res = tags_of(&d, "highway", "residential", (const char *)NULL);
    /* ways along each row (west to east) and column (south to north): a run of links, split
     * every few links; every link gets its intermediate nodes, bending a little */
    uint32_t k_shape = link_shape_nodes(s);
    VEC(uint32_t) run = {0};
    for (int dir = 0; dir < 2; dir++) {
        uint32_t lines = dir == 0 ? L.rows : L.cols, along = dir == 0 ? L.cols : L.rows;
        uint8_t has = dir == 0 ? P_HAS_E : P_HAS_N;
        for (uint32_t line = 0; line < lines; line++) {
            int cls = line_class(line);
            double amp = cls <= G_SECONDARY ? 0.03 * s : cls == G_TERTIARY ? 0.08 * s : 0.15 * s;
            uint32_t links = 0, want = 0;
            run.len = 0;
            for (uint32_t k = 0; k < along; k++) {
                size_t q = dir == 0 ? (size_t)line * L.cols + k : (size_t)k * L.cols + line;
                if (!(L.flags[q] & P_COVERED))
                    continue;
                if (run.len == 0) {
                    VEC_PUSH(&run, L.node[q]);
                    links = 0;
                    want = cls <= G_SECONDARY ? 25 : 4 + rng_below(&r, 9);
                }
                if (!(L.flags[q] & has) || k + 1 == along) {
                    region_way(&d, &r, run.data, run.len, cls, tags);
                    run.len = 0;
                    continue;
                }
                size_t q2 = dir == 0 ? q + 1 : q + L.cols;
                const dnode *a = &d.nodes.data[L.node[q]], *b = &d.nodes.data[L.node[q2]];
                double ax = a->x, ay = a->y, bx = b->x, by = b->y;
                double len = hypot(bx - ax, by - ay);
                double nx = -(by - ay) / len, ny = (bx - ax) / len;
                double a1 = (rng_double(&r) * 2 - 1) * amp;
                for (uint32_t t = 1; t <= k_shape; t++) {
                    double f = (double)t / (k_shape + 1), off = a1 * sin(PI * f);
                    uint32_t m =
                        doc_node(&d, ax + (bx - ax) * f + nx * off, ay + (by - ay) * f + ny * off);
                    VEC_PUSH(&run, m);
                }
                VEC_PUSH(&run, L.node[q2]);
                if (++links >= want) {
                    uint32_t last = run.data[run.len - 1];
                    region_way(&d, &r, run.data, run.len, cls, tags);
                    run.len = 0;
                    VEC_PUSH(&run, last);
                    links = 0;
                    want = cls <= G_SECONDARY ? 25 : 4 + rng_below(&r, 9);
                }
            }
        }
    }
    VEC_FREE(&run);
    log_progress(lg, "synth", 2, 4, NULL);

    /* every road node so far, for the nearest-node searches of hubs and sites */
    node_index ix;
    memset(&ix, 0, sizeof ix);
    ix.x0 = L.x0 - s;
    ix.y0 = L.y0 - s;
    ix.cell = s;
    ix.rows = L.rows + 2;
    ix.cols = L.cols + 2;
    ix.head = xmallocarray((size_t)ix.rows * ix.cols, sizeof *ix.head);
    for (size_t q = 0; q < (size_t)ix.rows * ix.cols; q++)
        ix.head[q] = UINT32_MAX;
    for (size_t k = 0; k < d.nodes.len; k++)
        if (d.nodes.data[k].used)
            index_add(&ix, &d, (uint32_t)k);

    /* hubs: a 3x3 street grid centred on the site, its corners joined to the nearest roads */
    VEC(uint32_t) hub_at = {0}; /* centre nodes of the grids made */
    bool *served = xcalloc(n, sizeof *served);
    uint32_t row_tags[3] = {tags[G_TERTIARY], t_res, tags[G_TERTIARY]};
    for (size_t k = 0; k < n; k++) {
        if (!sites[k].hub)
            continue;
        bool near = false;
        for (size_t h = 0; h < hub_at.len && !near; h++) {
            const dnode *c = &d.nodes.data[hub_at.data[h]];
            near = hypot(c->x - sx[k], c->y - sy[k]) < HUB_APART_M;
        }
        if (near)
            continue;
        uint32_t g[9];
        for (uint32_t i = 0; i < 3; i++)
            for (uint32_t j = 0; j < 3; j++)
                g[i * 3 + j] = doc_node(&d, sx[k] + ((double)j - 1) * HUB_STEP_M,
                                        sy[k] + ((double)i - 1) * HUB_STEP_M);
        /* the corners' nearest roads, found before the grid itself is indexed */
        static const int corner[4] = {0, 2, 6, 8};
        uint32_t to[4];
        for (int c = 0; c < 4; c++) {
            const dnode *cn = &d.nodes.data[g[corner[c]]];
            to[c] = index_nearest(&ix, &d, cn->x, cn->y);
        }
        for (uint32_t i = 0; i < 3; i++) {
            uint32_t rowv[3] = {g[i * 3], g[i * 3 + 1], g[i * 3 + 2]};
            uint32_t colv[3] = {g[i], g[3 + i], g[6 + i]};
            doc_way(&d, rowv, 3, row_tags[i]);
            doc_way(&d, colv, 3, row_tags[i]);
        }
        for (int c = 0; c < 9; c++)
            index_add(&ix, &d, g[c]);
        for (int c = 0; c < 4; c++)
            region_road(&d, &r, &ix, g[corner[c]], to[c], 20, tags[G_TERTIARY]);
        VEC_PUSH(&hub_at, g[4]);
        served[k] = true;
    }
    log_progress(lg, "synth", 3, 4, NULL);
    /* every other site: a lane from the nearest road to 30-90 m from the site */
    for (size_t k = 0; k < n; k++) {
        if (served[k])
            continue;
        double ang = rng_double(&r) * 2 * PI, dist = 30 + rng_double(&r) * 60;
        uint32_t end = doc_node(&d, sx[k] + cos(ang) * dist, sy[k] + sin(ang) * dist);
        uint32_t from = index_nearest(&ix, &d, d.nodes.data[end].x, d.nodes.data[end].y);
        int cls = rng_below(&r, 4) == 0 ? G_TRACK : G_UNCLASSIFIED;
        region_road(&d, &r, &ix, from, end, 25, tags[cls]);
        index_add(&ix, &d, end);
    }
    free(served);
    VEC_FREE(&hub_at);
    VEC_FREE(&ix.next);
    free(ix.head);
    free(L.node);
    free(L.flags);
    free(sx);
    free(sy);
    log_progress(lg, "synth", 4, 4, NULL);
    err_code rc = doc_write(&d, path, st, lg, e);
    if (rc == ERR_OK && st) {
        st->places = n;
        st->townships = 0;
        st->villages = 0;
    }
    doc_free(&d);
    return rc;
}
