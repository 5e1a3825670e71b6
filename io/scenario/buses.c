/* buses.c — reading and validating buses.csv (format in scenarios/README.md): one row per stop
 * of a line, in calling order, the line's own cells on its first row. Stops at the first
 * mistake, naming file, line and column. SPDX-License-Identifier: MIT */
#include "io/scenario/buses.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/text/csvread.h"
#include "util/mem.h"
#include "util/path.h"

/* The columns of the line's first row only, then the per-stop ones. */
static const char *const line_cols[] = {"days",     "departures",  "capacity",      "loading",
                                        "deadline", "fee_per_bag", "fee_per_parcel"};
#define N_LINE_COLS (sizeof line_cols / sizeof line_cols[0])
static const char *const known_cols[] = {
    "line",       "stop",     "name",    "lon",      "lat",         "minutes",       "days",
    "departures", "capacity", "loading", "deadline", "fee_per_bag", "fee_per_parcel"};

void buses_free(buses *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n_lines; i++) {
        buses_line *l = &b->lines[i];
        for (size_t k = 0; k < l->n_stops; k++)
            free(l->stops[k].name);
        free(l->stops);
        free(l->departures);
        free(l->id);
    }
    free(b->lines);
    free(b->path);
    free(b);
}

size_t buses_n_runs(const buses *b)
{
    size_t n = 0;
    for (size_t i = 0; b && i < b->n_lines; i++)
        n += (size_t)__builtin_popcount(b->lines[i].days) * b->lines[i].n_departures;
    return n;
}

/* "08:00" or "8:30" → seconds after midnight; false if it is not a time of day. */
static bool parse_clock(const char *s, size_t len, int32_t *out)
{
    char buf[16];
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    unsigned h, m;
    char extra;
    if (sscanf(buf, "%2u:%2u%c", &h, &m, &extra) != 2 || h > 23 || m > 59 || buf[0] == '-' ||
        buf[0] == '+')
        return false;
    *out = (int32_t)(h * 3600 + m * 60);
    return true;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* "07:30 13:00" (separated by blanks, ',', ';' or '+') into l->departures. */
static err_code parse_departures(const csvread *t, size_t r, size_t c, buses_line *l, err *e)
{
    const char *s = csvread_field(t, r, c);
    l->departures = xcalloc(BUSES_MAX_DEPARTURES, sizeof *l->departures);
    const char *seps = " \t,;+";
    while (*s) {
        s += strspn(s, seps);
        size_t len = strcspn(s, seps);
        if (!len)
            break;
        int32_t at;
        if (!parse_clock(s, len, &at))
            return csvread_error(
                t, r, c, e, "expected departure times like 07:30 13:00, got '%.*s'", (int)len, s);
        if (l->n_departures == BUSES_MAX_DEPARTURES)
            return csvread_error(t, r, c, e, "more than %d departures a day", BUSES_MAX_DEPARTURES);
        for (size_t k = 0; k < l->n_departures; k++)
            if (l->departures[k] == at)
                return csvread_error(t, r, c, e, "departure %.*s given twice", (int)len, s);
        l->departures[l->n_departures++] = at;
        s += len;
    }
    if (!l->n_departures)
        return csvread_error(t, r, c, e,
                             "empty (the departure times from the first stop, e.g. "
                             "07:30 13:00)");
    qsort(l->departures, l->n_departures, sizeof *l->departures, cmp_i32);
    return ERR_OK;
}

/* A non-negative amount of money; 0 when the column is absent or the cell empty. */
static err_code opt_fee(const csvread *t, size_t r, size_t c, double *out, err *e)
{
    *out = 0;
    if (csvread_empty(t, r, c))
        return ERR_OK;
    return csvread_double(t, r, c, 0, 1e6, out, e);
}

/* The line's own cells, from its first row r. */
static err_code read_line_cells(const scenario *sc, const csvread *t, size_t r, const size_t *col,
                                buses_line *l, err *e)
{
    /* col[] follows line_cols: days, departures, capacity, loading, deadline, bags, parcels */
    err_code rc;
    for (size_t k = 0; k < 5; k++)
        if (csvread_empty(t, r, col[k]))
            return csvread_error(t, r, col[k], e, "empty (line '%s' needs it on its first row)",
                                 l->id);
    if ((rc = scenario_parse_days(sc, csvread_field(t, r, col[0]), &l->days, e)) != ERR_OK) {
        char msg[ERR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", e ? e->msg : "");
        return csvread_error(t, r, col[0], e, "%s", msg);
    }
    if ((rc = parse_departures(t, r, col[1], l, e)) != ERR_OK)
        return rc;
    int64_t cap;
    if ((rc = csvread_int(t, r, col[2], 1, 1000000, &cap, e)) != ERR_OK)
        return rc;
    l->capacity = (int32_t)cap;
    const char *dep = csvread_field(t, r, col[3]);
    size_t di = scenario_find_stop(sc, dep);
    if (di == SIZE_MAX || sc->stops[di].kind != SCENARIO_DEPOT)
        return csvread_error(t, r, col[3], e,
                             "%s '%s': parcels are handed to the bus at a depot of stops.csv",
                             di == SIZE_MAX ? "unknown depot" : "not a depot", dep);
    l->loading = di;
    const char *dl = csvread_field(t, r, col[4]);
    if (!parse_clock(dl, strlen(dl), &l->deadline_s))
        return csvread_error(t, r, col[4], e, "expected a time of day like 12:30, got '%s'", dl);
    if ((rc = opt_fee(t, r, col[5], &l->fee_per_bag, e)) != ERR_OK ||
        (rc = opt_fee(t, r, col[6], &l->fee_per_parcel, e)) != ERR_OK)
        return rc;
    return ERR_OK;
}

/* One stop row r of line l. */
static err_code read_stop(const scenario *sc, const csvread *t, size_t r, size_t c_stop,
                          size_t c_name, size_t c_lon, size_t c_lat, size_t c_min, buses_line *l,
                          err *e)
{
    bool first = l->n_stops == 0;
    buses_stop *st = &l->stops[l->n_stops++]; /* counted now, so buses_free frees its name */
    st->line = csvread_line(t, r);
    st->stop = BUSES_NONE;
    err_code rc;
    if (!csvread_empty(t, r, c_stop)) {
        const char *id = csvread_field(t, r, c_stop);
        size_t si = scenario_find_stop(sc, id);
        if (si == SIZE_MAX)
            return csvread_error(t, r, c_stop, e,
                                 "unknown stop '%s' (not in stops.csv; for a point that is not a "
                                 "stop leave 'stop' empty and give name, lon and lat)",
                                 id);
        if (!csvread_empty(t, r, c_lon) || !csvread_empty(t, r, c_lat))
            return csvread_error(t, r, csvread_empty(t, r, c_lon) ? c_lat : c_lon, e,
                                 "give either a stop of stops.csv or coordinates, not both (stop "
                                 "'%s' has its point in stops.csv)",
                                 id);
        for (size_t k = 0; k + 1 < l->n_stops; k++)
            if (l->stops[k].stop == si)
                return csvread_error(t, r, c_stop, e,
                                     "stop '%s' twice on line '%s' (first on line %zu)", id, l->id,
                                     l->stops[k].line);
        if (!sc->stops[si].has_point)
            return csvread_error(t, r, c_stop, e,
                                 "stop '%s' has no coordinates in stops.csv (run `jincun geocode`)",
                                 id);
        st->stop = si;
        st->name = xstrdup(sc->stops[si].name);
        st->lon = sc->stops[si].lon;
        st->lat = sc->stops[si].lat;
    } else {
        if (csvread_empty(t, r, c_name))
            return csvread_error(t, r, c_name == CSVREAD_NONE ? c_stop : c_name, e,
                                 "empty: give a stop of stops.csv in 'stop', or a name, lon and "
                                 "lat for another point");
        if (c_lon == CSVREAD_NONE || csvread_empty(t, r, c_lon))
            return csvread_error(t, r, c_lon == CSVREAD_NONE ? c_name : c_lon, e,
                                 "empty: point '%s' is not a stop of stops.csv, so it needs lon "
                                 "and lat",
                                 csvread_field(t, r, c_name));
        if ((rc = csvread_double(t, r, c_lon, -180, 180, &st->lon, e)) != ERR_OK)
            return rc;
        if (c_lat == CSVREAD_NONE || csvread_empty(t, r, c_lat))
            return csvread_error(t, r, c_lat == CSVREAD_NONE ? c_lon : c_lat, e,
                                 "empty: point '%s' needs lat as well as lon",
                                 csvread_field(t, r, c_name));
        if ((rc = csvread_double(t, r, c_lat, -90, 90, &st->lat, e)) != ERR_OK)
            return rc;
        st->name = xstrdup(csvread_field(t, r, c_name));
    }
    st->leg_s = -1;
    if (first) {
        if (!csvread_empty(t, r, c_min))
            return csvread_error(t, r, c_min, e,
                                 "must be empty on a line's first stop (minutes from the "
                                 "previous stop)");
        st->leg_s = 0;
    } else if (!csvread_empty(t, r, c_min)) {
        double m;
        if ((rc = csvread_double(t, r, c_min, 0, 600, &m, e)) != ERR_OK)
            return rc;
        st->leg_s = (int32_t)lround(m * 60);
    }
    return ERR_OK;
}

err_code buses_load_path(const scenario *sc, const char *path, buses **out, err *e)
{
    *out = NULL;
    csvread *t = csvread_load(path, e);
    if (!t)
        return e ? e->code : ERR_PARSE;
    buses *b = xcalloc(1, sizeof *b);
    b->path = xstrdup(path);
    err_code rc;
    size_t c_line, c_stop;
    if ((rc = csvread_require_col(t, "line", &c_line, e)) != ERR_OK ||
        (rc = csvread_require_col(t, "stop", &c_stop, e)) != ERR_OK)
        goto cleanup;
    if ((rc = csvread_check_columns(t, known_cols, sizeof known_cols / sizeof known_cols[0], NULL,
                                    e)) != ERR_OK)
        goto cleanup;
    size_t col[N_LINE_COLS];
    for (size_t k = 0; k < 5; k++)
        if ((rc = csvread_require_col(t, line_cols[k], &col[k], e)) != ERR_OK)
            goto cleanup;
    col[5] = csvread_col(t, "fee_per_bag");
    col[6] = csvread_col(t, "fee_per_parcel");
    if (col[5] == CSVREAD_NONE && col[6] == CSVREAD_NONE) {
        rc = err_set(e, ERR_PARSE,
                     "%s:%zu: missing column 'fee_per_parcel' or 'fee_per_bag' (what the bus "
                     "company is paid; write 0 for a free ride)",
                     path, csvread_header_line(t));
        goto cleanup;
    }
    size_t c_name = csvread_col(t, "name"), c_lon = csvread_col(t, "lon"),
           c_lat = csvread_col(t, "lat"), c_min = csvread_col(t, "minutes");
    size_t n = csvread_n_rows(t);
    if (n == 0) {
        rc =
            err_set(e, ERR_PARSE, "%s: no bus lines (delete the file to plan without buses)", path);
        goto cleanup;
    }
    b->lines = xcalloc(n, sizeof *b->lines);
    buses_line *cur = NULL;
    for (size_t r = 0; r < n; r++) {
        const char *id = csvread_field(t, r, c_line);
        if (!*id) {
            rc = csvread_error(t, r, c_line, e, "empty (every row names its bus line)");
            goto cleanup;
        }
        if (!cur || strcmp(cur->id, id)) {
            for (size_t k = 0; k < b->n_lines; k++)
                if (!strcmp(b->lines[k].id, id)) {
                    rc = csvread_error(t, r, c_line, e,
                                       "line '%s' started on line %zu and another line came "
                                       "between (keep a line's rows together, in calling order)",
                                       id, b->lines[k].line);
                    goto cleanup;
                }
            if (cur && cur->n_stops < 2) {
                rc = err_set(e, ERR_PARSE, "%s:%zu: line '%s' has only one stop", path, cur->line,
                             cur->id);
                goto cleanup;
            }
            if (b->n_lines == BUSES_MAX_LINES) {
                rc = csvread_error(t, r, c_line, e, "more than %d bus lines", BUSES_MAX_LINES);
                goto cleanup;
            }
            cur = &b->lines[b->n_lines++];
            cur->id = xstrdup(id);
            cur->line = csvread_line(t, r);
            cur->stops = xcalloc(BUSES_MAX_STOPS, sizeof *cur->stops);
            if ((rc = read_line_cells(sc, t, r, col, cur, e)) != ERR_OK)
                goto cleanup;
        } else {
            for (size_t k = 0; k < N_LINE_COLS; k++)
                if (!csvread_empty(t, r, col[k])) {
                    rc = csvread_error(t, r, col[k], e,
                                       "belongs on line '%s''s first row (line %zu) only; leave "
                                       "it empty here",
                                       cur->id, cur->line);
                    goto cleanup;
                }
            if (cur->n_stops == BUSES_MAX_STOPS) {
                rc = csvread_error(t, r, c_line, e, "line '%s' has more than %d stops", id,
                                   BUSES_MAX_STOPS);
                goto cleanup;
            }
        }
        if ((rc = read_stop(sc, t, r, c_stop, c_name, c_lon, c_lat, c_min, cur, e)) != ERR_OK)
            goto cleanup;
    }
    if (cur && cur->n_stops < 2) {
        rc = err_set(e, ERR_PARSE, "%s:%zu: line '%s' has only one stop", path, cur->line, cur->id);
        goto cleanup;
    }
    rc = ERR_OK;
cleanup:
    csvread_free(t);
    if (rc != ERR_OK) {
        buses_free(b);
        return rc;
    }
    *out = b;
    return ERR_OK;
}

err_code buses_load(const scenario *sc, buses **out, err *e)
{
    *out = NULL;
    char *path = path_join(sc->dir, BUSES_FILE);
    struct stat st;
    err_code rc = ERR_OK;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT)
            rc = err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    } else {
        rc = buses_load_path(sc, path, out, e);
    }
    free(path);
    return rc;
}
