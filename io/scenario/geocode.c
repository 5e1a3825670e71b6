/* geocode.c — stop coordinates from OSM place names (see geocode.h). Names are compared raw,
 * then with administrative suffixes dropped; among several places of one name the nearest to
 * the stop's township point (or the county's centre) wins if it is clearly nearest.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE /* M_PI */
#include "io/scenario/geocode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/csvread.h"
#include "io/text/csvwrite.h"
#include "util/mem.h"
#include "util/outfile.h"

#define NAME_MAX_BYTES 256

void geocode_params_init(geocode_params *p)
{
    p->all = false;
    p->township_radius_m = 15000;
    p->county_radius_m = 60000;
    p->clear_ratio = 2;
}

const char *geocode_quality_name(geocode_quality q)
{
    switch (q) {
    case GEOCODE_KEPT: return "kept";
    case GEOCODE_EXACT: return "exact";
    case GEOCODE_NORMALISED: return "normalised";
    case GEOCODE_NEAREST: return "nearest";
    case GEOCODE_AMBIGUOUS: return "ambiguous";
    case GEOCODE_TOO_FAR: return "too-far";
    case GEOCODE_NOT_FOUND: return "not-found";
    }
    return "?";
}

/* Longest first, so 村委会 goes before 村. */
static const char *const suffixes[] = {
    "社区居委会", "村民委员会", "居民委员会", "街道办事处", "村委会", "居委会", "行政村",
    "自然村",     "社区",       "街道",       "村",         "镇",     "乡"};

void geocode_normalise(const char *name, char *buf, size_t size)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && n + 1 < size;) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            p++;
            continue;
        }
        if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { /* U+3000 ideographic space */
            p += 3;
            continue;
        }
        buf[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p);
        p++;
    }
    buf[n] = '\0';
    for (bool cut = true; cut;) {
        cut = false;
        for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
            size_t m = strlen(suffixes[i]);
            if (n > m && !memcmp(buf + n - m, suffixes[i], m)) {
                n -= m;
                buf[n] = '\0';
                cut = true;
                break;
            }
        }
    }
}

/* Trimmed copy (leading/trailing ASCII blanks). */
static void trimmed(const char *s, char *buf, size_t size)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
}

/* Great-circle distance in metres (haversine, mean Earth radius). */
static double dist_m(double lon1, double lat1, double lon2, double lat2)
{
    const double r = 6371008.8, rad = M_PI / 180;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

typedef struct cand {
    size_t place;
    double d; /* metres from the reference, 0 without one */
} cand;

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->d != y->d)
        return x->d < y->d ? -1 : 1;
    return x->place < y->place ? -1 : x->place > y->place;
}

typedef struct names {
    char (*raw)[2][NAME_MAX_BYTES];  /* trimmed name, name:zh per place */
    char (*norm)[2][NAME_MAX_BYTES]; /* normalised */
} names;

static bool placed(const geocode_result *r)
{
    return r->quality <= GEOCODE_NEAREST; /* KEPT, EXACT, NORMALISED, NEAREST */
}

/* The township stop's point for stop s, if known (given or found before). */
static bool township_point(const scenario *sc, const geocode_result *res, size_t s, double *lon,
                           double *lat)
{
    const char *t = sc->stops[s].township;
    if (!*t)
        return false;
    char tn[NAME_MAX_BYTES], on[NAME_MAX_BYTES];
    geocode_normalise(t, tn, sizeof tn);
    for (size_t i = 0; i < sc->n_stops; i++) {
        if (sc->stops[i].kind != SCENARIO_TOWNSHIP || i == s)
            continue;
        geocode_normalise(sc->stops[i].name, on, sizeof on);
        if (strcmp(sc->stops[i].name, t) && strcmp(on, tn))
            continue;
        if (placed(&res[i])) {
            *lon = res[i].lon;
            *lat = res[i].lat;
            return true;
        }
    }
    return false;
}

static void match_stop(const scenario *sc, const geocode_place *places, size_t n_places,
                       const names *nm, const geocode_params *p, bool has_county, double clon,
                       double clat, geocode_result *res, size_t s, cand *buf)
{
    const scenario_stop *st = &sc->stops[s];
    geocode_result *r = &res[s];
    char raw[NAME_MAX_BYTES], norm[NAME_MAX_BYTES];
    trimmed(st->name, raw, sizeof raw);
    geocode_normalise(st->name, norm, sizeof norm);
    double rlon = 0, rlat = 0, radius = 0;
    bool has_ref = township_point(sc, res, s, &rlon, &rlat);
    r->ref_township = has_ref;
    if (has_ref) {
        radius = p->township_radius_m;
    } else if (has_county) {
        has_ref = true;
        rlon = clon;
        rlat = clat;
        radius = p->county_radius_m;
    }
    geocode_quality q = GEOCODE_EXACT;
    size_t n = 0;
    for (int pass = 0; pass < 2 && n == 0; pass++) {
        for (size_t i = 0; i < n_places; i++) {
            bool hit = false;
            for (int k = 0; k < 2 && !hit; k++) {
                const char *a = pass == 0 ? nm->raw[i][k] : nm->norm[i][k];
                hit = *a && !strcmp(a, pass == 0 ? raw : norm);
            }
            if (hit)
                buf[n++] =
                    (cand){i, has_ref ? dist_m(rlon, rlat, places[i].lon, places[i].lat) : 0};
        }
        if (n == 0)
            q = GEOCODE_NORMALISED;
    }
    r->n_candidates = (uint32_t)n;
    r->place = SIZE_MAX;
    r->ref_dist_m = -1;
    if (n == 0 || !*norm) {
        r->quality = GEOCODE_NOT_FOUND;
        return;
    }
    qsort(buf, n, sizeof *buf, cmp_cand);
    size_t in = 0;
    while (in < n && (!has_ref || buf[in].d <= radius))
        in++;
    if (in == 0) {
        r->quality = GEOCODE_TOO_FAR;
        r->ref_dist_m = buf[0].d;
        return;
    }
    if (in > 1) {
        const geocode_place *a = &places[buf[0].place], *b = &places[buf[1].place];
        bool same_spot = dist_m(a->lon, a->lat, b->lon, b->lat) < 1000;
        bool clear = has_ref && buf[1].d >= p->clear_ratio * buf[0].d;
        q = same_spot || clear ? GEOCODE_NEAREST : GEOCODE_AMBIGUOUS;
    }
    r->quality = q;
    r->place = buf[0].place;
    r->lon = places[buf[0].place].lon;
    r->lat = places[buf[0].place].lat;
    r->ref_dist_m = has_ref ? buf[0].d : -1;
}

err_code geocode_run(const scenario *sc, const geocode_place *places, size_t n_places,
                     const geocode_params *p, geocode_result *res, err *e)
{
    if (!(p->township_radius_m > 0) || !(p->county_radius_m > 0) || !(p->clear_ratio >= 1))
        return err_set(e, ERR_USAGE, "geocode: radii must be positive and clear_ratio >= 1");
    names nm = {xmallocarray(n_places ? n_places : 1, sizeof *nm.raw),
                xmallocarray(n_places ? n_places : 1, sizeof *nm.norm)};
    for (size_t i = 0; i < n_places; i++) {
        const char *src[2] = {places[i].name ? places[i].name : "",
                              places[i].name_zh ? places[i].name_zh : ""};
        for (int k = 0; k < 2; k++) {
            trimmed(src[k], nm.raw[i][k], NAME_MAX_BYTES);
            geocode_normalise(src[k], nm.norm[i][k], NAME_MAX_BYTES);
        }
    }
    /* the county's centre: mean of the points the user gave */
    double clon = 0, clat = 0;
    size_t known = 0;
    for (size_t s = 0; s < sc->n_stops; s++)
        if (sc->stops[s].has_point) {
            clon += sc->stops[s].lon;
            clat += sc->stops[s].lat;
            known++;
        }
    if (known) {
        clon /= (double)known;
        clat /= (double)known;
    }
    for (size_t s = 0; s < sc->n_stops; s++) {
        const scenario_stop *st = &sc->stops[s];
        res[s] =
            (geocode_result){.quality = GEOCODE_NOT_FOUND, .place = SIZE_MAX, .ref_dist_m = -1};
        if (st->has_point) {
            /* kept points serve as references; with --all they are matched below */
            res[s].quality = GEOCODE_KEPT;
            res[s].lon = st->lon;
            res[s].lat = st->lat;
        }
    }
    cand *buf = xmallocarray(n_places ? n_places : 1, sizeof *buf);
    /* townships first (their points are the villages' references), then the rest */
    for (int round = 0; round < 2; round++)
        for (size_t s = 0; s < sc->n_stops; s++) {
            const scenario_stop *st = &sc->stops[s];
            if ((st->kind == SCENARIO_TOWNSHIP) != (round == 0))
                continue;
            if (st->has_point && !p->all)
                continue;
            geocode_result keep = res[s];
            match_stop(sc, places, n_places, &nm, p, known > 0, clon, clat, res, s, buf);
            if (st->has_point && !placed(&res[s]))
                res[s] = keep; /* --all never trades a given point for a doubtful one */
        }
    free(buf);
    free(nm.raw);
    free(nm.norm);
    return ERR_OK;
}

/* ---- writing the stops file ---- */

err_code geocode_write(const scenario *sc, const geocode_result *res, const char *out_path, err *e)
{
    geocode_point *pts = xcalloc(sc->n_stops ? sc->n_stops : 1, sizeof *pts);
    for (size_t r = 0; r < sc->n_stops; r++) {
        const geocode_result *g = &res[r];
        pts[r].set = g->quality >= GEOCODE_EXACT && g->quality <= GEOCODE_AMBIGUOUS;
        pts[r].lon = g->lon;
        pts[r].lat = g->lat;
        pts[r].note = g->quality != GEOCODE_KEPT ? geocode_quality_name(g->quality) : NULL;
    }
    err_code rc = geocode_write_points(sc, pts, out_path, e);
    free(pts);
    return rc;
}

err_code geocode_write_points(const scenario *sc, const geocode_point *pts, const char *out_path,
                              err *e)
{
    csvread *t = csvread_load(sc->stops_path, e);
    if (!t)
        return e ? e->code : ERR_IO;
    err_code rc = ERR_OK;
    outfile *of = NULL;
    size_t c_id = csvread_col(t, "id"), c_lon = csvread_col(t, "lon"),
           c_lat = csvread_col(t, "lat"), c_geo = csvread_col(t, "geocode"),
           c_crs = csvread_col(t, "crs");
    /* every point written is WGS84: a row given in GCJ-02 or BD-09 is written converted, and
     * its crs says wgs84 (in a crs column added when the file has none and settings.ini's
     * [scenario] crs is another system, so that the row does not fall back to that) */
    bool add_crs = c_crs == CSVREAD_NONE && sc->crs != CHINACRS_WGS84;
    if (c_id == CSVREAD_NONE || c_lon == CSVREAD_NONE || c_lat == CSVREAD_NONE ||
        csvread_n_rows(t) != sc->n_stops) {
        rc = err_set(e, ERR_PARSE, "%s changed since it was read", sc->stops_path);
        goto cleanup;
    }
    for (size_t r = 0; r < sc->n_stops; r++)
        if (strcmp(csvread_field(t, r, c_id), sc->stops[r].id)) {
            rc = err_set(e, ERR_PARSE, "%s changed since it was read", sc->stops_path);
            goto cleanup;
        }
    /* keep the original's BOM and line ends */
    bool bom = false, crlf = false;
    FILE *orig = fopen(sc->stops_path, "rb");
    if (orig) {
        char head[4096];
        size_t got = fread(head, 1, sizeof head - 1, orig);
        head[got] = '\0';
        fclose(orig);
        bom = got >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3);
        char *nl = strchr(head, '\n');
        crlf = nl && nl > head && nl[-1] == '\r';
    }
    const char *eol = crlf ? "\r\n" : "\n";
    of = outfile_open(out_path, e);
    if (!of) {
        rc = ERR_IO;
        goto cleanup;
    }
    FILE *f = outfile_fp(of);
    if (bom)
        fputs("\xEF\xBB\xBF", f);
    size_t nc = csvread_n_cols(t);
    for (size_t c = 0; c < nc; c++) {
        if (c)
            fputc(',', f);
        csvwrite_field(f, csvread_col_name(t, c));
    }
    if (c_geo == CSVREAD_NONE)
        fputs(",geocode", f);
    if (add_crs)
        fputs(",crs", f);
    fputs(eol, f);
    for (size_t r = 0; r < sc->n_stops; r++) {
        const geocode_point *g = &pts[r];
        const scenario_stop *st = &sc->stops[r];
        /* a kept point given in GCJ-02 or BD-09: its converted (WGS84) coordinates */
        bool conv = !g->set && st->has_point && st->crs != CHINACRS_WGS84;
        bool wgs = g->set || conv;
        char lon[32], lat[32];
        snprintf(lon, sizeof lon, "%.6f", conv ? st->lon : g->lon);
        snprintf(lat, sizeof lat, "%.6f", conv ? st->lat : g->lat);
        for (size_t c = 0; c < nc; c++) {
            if (c)
                fputc(',', f);
            if (wgs && c == c_lon)
                fputs(lon, f);
            else if (wgs && c == c_lat)
                fputs(lat, f);
            else if (wgs && c == c_crs)
                fputs("wgs84", f);
            else if (g->note && c == c_geo)
                csvwrite_field(f, g->note);
            else
                csvwrite_field(f, csvread_field(t, r, c));
        }
        if (c_geo == CSVREAD_NONE) {
            fputc(',', f);
            if (g->note)
                csvwrite_field(f, g->note);
        }
        if (add_crs)
            fputs(wgs ? ",wgs84" : ",", f);
        fputs(eol, f);
    }
    rc = outfile_commit(of, e);
    of = NULL;
cleanup:
    outfile_abort(of);
    csvread_free(t);
    return rc;
}
