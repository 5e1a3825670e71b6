/* synthcounty.c — stops placed for a county on synthetic roads, and the scenario written again
 * around the synthetic map. Points are worked out in local metres (equirectangular around the
 * known points' centre, exact enough over a county) and rounded to 1e-6 degree.
 * SPDX-License-Identifier: MIT */
#include "io/scenario/synthcounty.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/scenario/geocode.h"
#include "io/text/csvread.h"
#include "util/file.h"
#include "util/inifile.h"
#include "util/mem.h"
#include "util/outfile.h"
#include "util/path.h"
#include "util/rng.h"

#define M_PER_DEG_LAT 111320.0
#define PI 3.14159265358979323846
#define INI_MAX_LINE 197 /* libinih's line limit, as settings.ini documents it */

void synthcounty_params_init(synthcounty_params *p)
{
    p->seed = 1;
    p->township_points = NULL;
    p->village_min_m = 300;
    p->village_max_m = 5000;
    p->spacing_m = 250;
    p->township_apart_m = 4000;
}

/* ---- the township points file ---- */

typedef struct seat_row {
    char code[10]; /* first 9 digits of the township code, "" if none */
    const char *name;
    double lon, lat;
} seat_row;

/* The first column of names[] the table has, or CSVREAD_NONE. */
static size_t col_of(const csvread *t, const char *a, const char *b)
{
    size_t c = csvread_col(t, a);
    return c != CSVREAD_NONE ? c : csvread_col(t, b);
}

static void code9(const char *code, char out[10])
{
    size_t n = 0;
    while (n < 9 && code[n] >= '0' && code[n] <= '9')
        n++;
    if (n < 9)
        n = 0;
    memcpy(out, code, n);
    out[n] = '\0';
}

/* Reads the file: the rows with a point (borrowing t's strings) into *rows; a row with both
 * lon and lat empty is left out, one with only one of them is an error. */
static err_code read_seats(const csvread *t, seat_row **rows, size_t *n, err *e)
{
    const char *name = csvread_name(t);
    size_t c_code = col_of(t, "street_code", "code"), c_name = col_of(t, "street_name", "name");
    size_t c_lon = col_of(t, "lon_wgs84", "lon"), c_lat = col_of(t, "lat_wgs84", "lat");
    if ((c_code == CSVREAD_NONE && c_name == CSVREAD_NONE) || c_lon == CSVREAD_NONE ||
        c_lat == CSVREAD_NONE)
        return err_set(e, ERR_PARSE,
                       "%s:%zu: township points need a code or name column (street_code, code, "
                       "street_name, name) and lon/lat columns (lon_wgs84, lon, lat_wgs84, lat)",
                       name, csvread_header_line(t));
    size_t nr = csvread_n_rows(t);
    seat_row *out = xmallocarray(nr ? nr : 1, sizeof *out);
    size_t k = 0;
    for (size_t r = 0; r < nr; r++) {
        if (csvread_empty(t, r, c_lon) && csvread_empty(t, r, c_lat))
            continue; /* a township the file has no point for */
        seat_row *s = &out[k++];
        code9(c_code == CSVREAD_NONE ? "" : csvread_field(t, r, c_code), s->code);
        s->name = c_name == CSVREAD_NONE ? "" : csvread_field(t, r, c_name);
        err_code rc;
        if ((rc = csvread_double(t, r, c_lon, -180, 180, &s->lon, e)) != ERR_OK ||
            (rc = csvread_double(t, r, c_lat, -90, 90, &s->lat, e)) != ERR_OK) {
            free(out);
            return rc;
        }
    }
    *rows = out;
    *n = k;
    return ERR_OK;
}

/* The row for a township stop: by code when both have one, else by name. */
static const seat_row *find_seat(const seat_row *rows, size_t n, const scenario_stop *st)
{
    char c[10];
    code9(st->code, c);
    for (size_t r = 0; *c && r < n; r++)
        if (!strcmp(rows[r].code, c))
            return &rows[r];
    for (size_t r = 0; r < n; r++)
        if (*rows[r].name && !strcmp(rows[r].name, st->name))
            return &rows[r];
    return NULL;
}

/* ---- placing ---- */

typedef struct frame {
    double lon0, lat0, kx; /* origin and metres per degree of longitude */
} frame;

static void to_xy(const frame *f, double lon, double lat, double *x, double *y)
{
    *x = (lon - f->lon0) * f->kx;
    *y = (lat - f->lat0) * M_PER_DEG_LAT;
}

static void to_lonlat(const frame *f, double x, double y, double *lon, double *lat)
{
    *lon = round((f->lon0 + x / f->kx) * 1e6) / 1e6;
    *lat = round((f->lat0 + y / M_PER_DEG_LAT) * 1e6) / 1e6;
}

/* Points already placed or given, in metres. */
typedef struct taken {
    double *x, *y;
    size_t n;
} taken;

static bool clear_of(const taken *t, double x, double y, double d)
{
    for (size_t k = 0; k < t->n; k++)
        if ((t->x[k] - x) * (t->x[k] - x) + (t->y[k] - y) * (t->y[k] - y) < d * d)
            return false;
    return true;
}

/* Index of the township stop named name, SIZE_MAX if none (the first of equal names). */
static size_t township_of(const scenario *sc, const char *name)
{
    if (!*name)
        return SIZE_MAX;
    for (size_t i = 0; i < sc->n_stops; i++)
        if (sc->stops[i].kind == SCENARIO_TOWNSHIP && !strcmp(sc->stops[i].name, name))
            return i;
    return SIZE_MAX;
}

err_code synthcounty_place(const scenario *sc, const synthcounty_params *p, synthcounty_point *pts,
                           synthcounty_stats *st, err *e)
{
    if (!(p->village_min_m >= 0 && p->village_max_m >= p->village_min_m + 100 &&
          p->spacing_m >= 10 && p->township_apart_m >= p->spacing_m))
        return err_set(e, ERR_USAGE, "synthetic placement: bad distances");
    synthcounty_stats s;
    memset(&s, 0, sizeof s);
    size_t n = sc->n_stops, n_towns = 0;
    bool *has = xcalloc(n ? n : 1, sizeof *has);
    double *x = xcalloc(n ? n : 1, sizeof *x), *y = xcalloc(n ? n : 1, sizeof *y);
    taken tk = {xmallocarray(n ? n : 1, sizeof *tk.x), xmallocarray(n ? n : 1, sizeof *tk.y), 0};
    csvread *t = NULL;
    seat_row *seats = NULL;
    size_t n_seats = 0;
    err_code rc = ERR_OK;
    double sum_lon = 0, sum_lat = 0;
    for (size_t i = 0; i < n; i++) {
        const scenario_stop *sp = &sc->stops[i];
        n_towns += sp->kind == SCENARIO_TOWNSHIP;
        if (!sp->has_point)
            continue;
        pts[i] = (synthcounty_point){sp->lon, sp->lat, SYNTHCOUNTY_GIVEN};
        has[i] = true;
        sum_lon += sp->lon;
        sum_lat += sp->lat;
        s.given++;
    }
    if (p->township_points) {
        if (!(t = csvread_load(p->township_points, e))) {
            rc = e ? e->code : ERR_IO;
            goto cleanup;
        }
        if ((rc = read_seats(t, &seats, &n_seats, e)) != ERR_OK)
            goto cleanup;
        for (size_t i = 0; i < n; i++) {
            const scenario_stop *sp = &sc->stops[i];
            if (has[i] || sp->kind != SCENARIO_TOWNSHIP)
                continue;
            const seat_row *r = find_seat(seats, n_seats, sp);
            if (!r)
                continue;
            pts[i] = (synthcounty_point){r->lon, r->lat, SYNTHCOUNTY_FILE};
            has[i] = true;
            sum_lon += r->lon;
            sum_lat += r->lat;
            s.from_file++;
        }
    }
    size_t known = s.given + s.from_file;
    if (known == 0) {
        rc = err_set(e, ERR_PARSE,
                     "%s: no stop has coordinates, so the county's extent is unknown: give "
                     "lon/lat of the depot or of a township at least",
                     sc->stops_path);
        goto cleanup;
    }
    frame f = {sum_lon / (double)known, sum_lat / (double)known, 0};
    f.kx = M_PER_DEG_LAT * cos(f.lat0 * PI / 180);
    double minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (!has[i])
            continue;
        to_xy(&f, pts[i].lon, pts[i].lat, &x[i], &y[i]);
        minx = fmin(minx, x[i]);
        maxx = fmax(maxx, x[i]);
        miny = fmin(miny, y[i]);
        maxy = fmax(maxy, y[i]);
        tk.x[tk.n] = x[i];
        tk.y[tk.n++] = y[i];
    }
    /* the extent in which missing townships go: the known points' box, at least 6 km per
     * square root of the number of townships a side */
    double side = 6000 * sqrt((double)(n_towns ? n_towns : 1));
    if (maxx - minx < side) {
        double c = (minx + maxx) / 2;
        minx = c - side / 2;
        maxx = c + side / 2;
    }
    if (maxy - miny < side) {
        double c = (miny + maxy) / 2;
        miny = c - side / 2;
        maxy = c + side / 2;
    }
    rng r;
    rng_seed(&r, p->seed);
    /* townships: uniform in the extent, apart from the other seats (less so when crowded) */
    for (size_t i = 0; i < n; i++) {
        if (has[i] || sc->stops[i].kind != SCENARIO_TOWNSHIP)
            continue;
        double apart = p->township_apart_m, px = 0, py = 0;
        for (uint32_t tries = 1;; tries++) {
            px = minx + rng_double(&r) * (maxx - minx);
            py = miny + rng_double(&r) * (maxy - miny);
            bool ok = true;
            for (size_t j = 0; j < n && ok; j++)
                if (has[j] && sc->stops[j].kind != SCENARIO_VILLAGE)
                    ok = hypot(x[j] - px, y[j] - py) >= apart;
            /* a box crowded with given points: after 3000 tries any spot will do */
            if ((ok && clear_of(&tk, px, py, p->spacing_m)) || tries >= 3000)
                break;
            if (tries % 50 == 0)
                apart = fmax(apart * 0.8, p->spacing_m);
        }
        x[i] = px;
        y[i] = py;
        has[i] = true;
        pts[i].origin = SYNTHCOUNTY_PLACED;
        tk.x[tk.n] = px;
        tk.y[tk.n++] = py;
        s.townships_placed++;
    }
    /* depots: at their township's seat, else the centre of the extent */
    for (size_t i = 0; i < n; i++) {
        if (has[i] || sc->stops[i].kind != SCENARIO_DEPOT)
            continue;
        size_t ti = township_of(sc, sc->stops[i].township);
        x[i] = ti != SIZE_MAX ? x[ti] : (minx + maxx) / 2;
        y[i] = ti != SIZE_MAX ? y[ti] : (miny + maxy) / 2;
        has[i] = true;
        pts[i].origin = SYNTHCOUNTY_PLACED;
        s.depots_placed++;
    }
    /* villages: in a ring round their township's seat, as wide as the nearest other seat
     * allows, widening whenever 60 tries found no free spot */
    for (size_t i = 0; i < n; i++) {
        if (has[i])
            continue;
        size_t ti = township_of(sc, sc->stops[i].township);
        double px = 0, py = 0;
        if (ti == SIZE_MAX) {
            for (uint32_t tries = 1;; tries++) {
                px = minx + rng_double(&r) * (maxx - minx);
                py = miny + rng_double(&r) * (maxy - miny);
                if (clear_of(&tk, px, py, tries > 1000 ? 0 : p->spacing_m))
                    break;
            }
            s.villages_loose++;
        } else {
            double near = INFINITY;
            for (size_t j = 0; j < n; j++)
                if (j != ti && sc->stops[j].kind == SCENARIO_TOWNSHIP &&
                    (x[j] != x[ti] || y[j] != y[ti]))
                    near = fmin(near, hypot(x[j] - x[ti], y[j] - y[ti]));
            double rmin = p->village_min_m;
            double rmax = fmin(p->village_max_m, fmax(1500, 0.6 * near));
            for (uint32_t tries = 1;; tries++) {
                double ang = rng_double(&r) * 2 * PI;
                double rad = sqrt(rmin * rmin + rng_double(&r) * (rmax * rmax - rmin * rmin));
                px = x[ti] + cos(ang) * rad;
                py = y[ti] + sin(ang) * rad;
                if (clear_of(&tk, px, py, p->spacing_m))
                    break;
                if (tries % 60 == 0)
                    rmax *= 1.15;
            }
        }
        x[i] = px;
        y[i] = py;
        has[i] = true;
        pts[i].origin = SYNTHCOUNTY_PLACED;
        tk.x[tk.n] = px;
        tk.y[tk.n++] = py;
        s.villages_placed++;
    }
    minx = miny = INFINITY;
    maxx = maxy = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (pts[i].origin != SYNTHCOUNTY_GIVEN)
            to_lonlat(&f, x[i], y[i], &pts[i].lon, &pts[i].lat);
        minx = fmin(minx, x[i]);
        maxx = fmax(maxx, x[i]);
        miny = fmin(miny, y[i]);
        maxy = fmax(maxy, y[i]);
    }
    s.width_km = (maxx - minx) / 1000;
    s.height_km = (maxy - miny) / 1000;
    if (st)
        *st = s;
cleanup:
    free(seats);
    csvread_free(t);
    free(tk.x);
    free(tk.y);
    free(x);
    free(y);
    free(has);
    return rc;
}

/* ---- writing the scenario ---- */

/* Base name of a path (borrowed from it). */
static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

err_code synthcounty_write_stops(const scenario *sc, const synthcounty_point *pts,
                                 const char *township_points, const char *out_path, err *e)
{
    char file_note[256];
    snprintf(file_note, sizeof file_note, "township points %s",
             township_points ? base_name(township_points) : "");
    geocode_point *gp = xcalloc(sc->n_stops ? sc->n_stops : 1, sizeof *gp);
    for (size_t i = 0; i < sc->n_stops; i++) {
        if (pts[i].origin == SYNTHCOUNTY_GIVEN)
            continue;
        gp[i].set = true;
        gp[i].lon = pts[i].lon;
        gp[i].lat = pts[i].lat;
        gp[i].note = pts[i].origin == SYNTHCOUNTY_PLACED ? SYNTHCOUNTY_NOTE : file_note;
    }
    err_code rc = geocode_write_points(sc, gp, out_path, e);
    free(gp);
    return rc;
}

/* Appends the line `key = ...` (without its end) and the line end, or fails when too long. */
static err_code put_line(FILE *f, const char *text, const char *eol, const char *path,
                         const char *key, err *e)
{
    if (strlen(text) > INI_MAX_LINE)
        return err_set(e, ERR_USAGE,
                       "%s: [scenario] %s: the line would be longer than the %d bytes "
                       "settings.ini allows; shorten it in the source scenario",
                       path, key, INI_MAX_LINE);
    fputs(text, f);
    fputs(eol, f);
    return ERR_OK;
}

err_code synthcounty_write_settings(const scenario *sc, const char *map_file,
                                    const char *week_start, const char *out_path, err *e)
{
    if (!week_start || !*week_start)
        week_start = sc->week_start;
    if (!*week_start)
        return err_set(e, ERR_USAGE,
                       "%s/settings.ini has no [scenario] week_start, so the plan would carry no "
                       "times: give --week-start YYYY-MM-DD (a Monday)",
                       sc->dir);
    char *path = path_join(sc->dir, "settings.ini");
    char *text = NULL, *profile = NULL, *line = NULL;
    outfile *of = NULL;
    err_code rc = ERR_OK;
    inifile *ini = inifile_load(path, e);
    if (!ini) {
        rc = e ? e->code : ERR_IO;
        goto cleanup;
    }
    size_t len;
    if (!(text = file_read_max(path, INIFILE_MAX_BYTES, &len, e))) {
        rc = e ? e->code : ERR_IO;
        goto cleanup;
    }
    const inifile_entry *en_name = inifile_find(ini, "scenario", "name");
    const inifile_entry *en_map = inifile_find(ini, "scenario", "map");
    const inifile_entry *en_hint = inifile_find(ini, "scenario", "map_hint");
    const inifile_entry *en_prof = inifile_find(ini, "scenario", "profile");
    const inifile_entry *en_week = inifile_find(ini, "scenario", "week_start");
    if (!en_name || !en_map) {
        rc = err_set(e, ERR_PARSE, "%s changed since it was read", path);
        goto cleanup;
    }
    if (en_prof && sc->profile_path) {
        if (sc->profile_path[0] == '/') {
            profile = xstrdup(sc->profile_path);
        } else {
            char cwd[4096];
            if (!getcwd(cwd, sizeof cwd)) {
                rc = err_set(e, ERR_IO, "%s: cannot name the road profile %s by its full path",
                             path, sc->profile_path);
                goto cleanup;
            }
            profile = path_join(cwd, sc->profile_path);
        }
    }
    bool bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3);
    char *nl = strchr(text, '\n');
    const char *eol = nl && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
    if (!(of = outfile_open(out_path, e))) {
        rc = ERR_IO;
        goto cleanup;
    }
    FILE *f = outfile_fp(of);
    if (bom)
        fputs("\xEF\xBB\xBF", f);
    static const char *const head[] = {
        "; " SYNTHCOUNTY_LABEL ": a real scenario on a GENERATED road network",
        "; (jincun synth county --from). Stops without coordinates were placed from a seed and",
        "; every road is invented: a plan of this folder says nothing about real distances or",
        "; travel times. The source scenario and the seed are in README.md.",
    };
    for (size_t k = 0; k < sizeof head / sizeof *head; k++)
        fprintf(f, "%s%s", head[k], eol);
    size_t line_cap = 1024;
    line = xmalloc(line_cap);
    bool started = false; /* past the leading comments */
    char *p = text + (bom ? 3 : 0);
    for (size_t no = 1; *p; no++) {
        char *end = strchr(p, '\n');
        size_t l = end ? (size_t)(end - p) : strlen(p);
        char *next = end ? end + 1 : p + l;
        if (l && p[l - 1] == '\r')
            l--;
        if (l + 1 > line_cap) {
            line_cap = l + 1;
            line = xrealloc(line, line_cap);
        }
        memcpy(line, p, l);
        line[l] = '\0';
        p = next;
        const char *q = line + strspn(line, " \t");
        if (!started && (*q == '\0' || *q == ';' || *q == '#'))
            continue;
        started = true;
        char buf[512];
        if (no == en_name->line) {
            snprintf(buf, sizeof buf, "name = %s: %s", SYNTHCOUNTY_LABEL, en_name->value);
            rc = put_line(f, buf, eol, path, "name", e);
            if (rc == ERR_OK && !en_week) {
                snprintf(buf, sizeof buf, "week_start = %s", week_start);
                rc = put_line(f, buf, eol, path, "week_start", e);
            }
        } else if (no == en_map->line) {
            snprintf(buf, sizeof buf, "map = %s", map_file);
            rc = put_line(f, buf, eol, path, "map", e);
        } else if (en_hint && no == en_hint->line) {
            continue;
        } else if (en_prof && profile && no == en_prof->line) {
            snprintf(buf, sizeof buf, "profile = %s", profile);
            rc = put_line(f, buf, eol, path, "profile", e);
        } else if (en_week && no == en_week->line) {
            snprintf(buf, sizeof buf, "week_start = %s", week_start);
            rc = put_line(f, buf, eol, path, "week_start", e);
        } else {
            fputs(line, f);
            fputs(eol, f);
        }
        if (rc != ERR_OK)
            goto cleanup;
    }
    rc = outfile_commit(of, e);
    of = NULL;
cleanup:
    outfile_abort(of);
    free(line);
    free(profile);
    free(text);
    inifile_free(ini);
    free(path);
    return rc;
}
