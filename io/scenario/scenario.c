/* scenario.c — reading and validating a scenario folder (settings.ini, stops.csv,
 * vehicles.csv); format in scenarios/README.md. Stops at the first mistake, naming file, line
 * and column. SPDX-License-Identifier: MIT */
#include "io/scenario/scenario.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/text/csvread.h"
#include "util/ascii.h"
#include "util/inifile.h"
#include "util/mem.h"
#include "util/path.h"

static const char *const day_short[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const day_long[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
static const char *const day_zh[7] = {"一", "二", "三", "四", "五", "六", "日"};

/* Weekday 0..6 of a day name, -1 if unknown. */
static int parse_weekday(const char *s)
{
    for (int d = 0; d < 7; d++)
        if (ascii_casecmp(s, day_short[d]) == 0 || ascii_casecmp(s, day_long[d]) == 0)
            return d;
    const char *zh = NULL;
    if (!strncmp(s, "周", strlen("周")))
        zh = s + strlen("周");
    else if (!strncmp(s, "星期", strlen("星期")))
        zh = s + strlen("星期");
    if (zh) {
        for (int d = 0; d < 7; d++)
            if (!strcmp(zh, day_zh[d]))
                return d;
        if (!strcmp(zh, "天"))
            return 6;
    }
    return -1;
}

/* Copies s without leading/trailing blanks into buf (truncating at size). */
static void trim_copy(char *buf, size_t size, const char *s, size_t len)
{
    while (len > 0 && isspace((unsigned char)*s))
        s++, len--;
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    if (len >= size)
        len = size - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
}

/* Scenario day index of a weekday, -1 if it is not a working day. */
static int day_index(const scenario *sc, int weekday)
{
    for (uint32_t i = 0; i < sc->n_days; i++)
        if ((int)sc->weekday[i] == weekday)
            return (int)i;
    return -1;
}

static void working_days_text(const scenario *sc, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (uint32_t i = 0; i < sc->n_days && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "," : "", sc->day_names[i]);
}

/* One token "mon" or "mon-fri" (weekday range, may wrap) into a weekday mask (bit = 0..6). */
static err_code token_weekdays(const char *tok, uint32_t *wmask, err *e)
{
    if (ascii_casecmp(tok, "all") == 0 || !strcmp(tok, "*")) {
        *wmask = 0x7F;
        return ERR_OK;
    }
    int d = parse_weekday(tok);
    if (d >= 0) {
        *wmask = 1u << d;
        return ERR_OK;
    }
    const char *dash = strchr(tok, '-');
    if (dash) {
        char a[32], b[32];
        trim_copy(a, sizeof a, tok, (size_t)(dash - tok));
        trim_copy(b, sizeof b, dash + 1, strlen(dash + 1));
        int da = parse_weekday(a), db = parse_weekday(b);
        if (da >= 0 && db >= 0) {
            uint32_t m = 0;
            for (int x = da;; x = (x + 1) % 7) {
                m |= 1u << x;
                if (x == db)
                    break;
            }
            *wmask = m;
            return ERR_OK;
        }
    }
    return err_set(e, ERR_PARSE,
                   "unknown day '%s' (expected mon..sun, a range like mon-sat, "
                   "or all)",
                   tok);
}

/* Splits text at any of seps and calls fn on each trimmed non-empty token. */
typedef err_code (*token_fn)(void *ud, const char *tok, err *e);
static err_code split(const char *text, const char *seps, token_fn fn, void *ud, err *e)
{
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, seps);
        char tok[128];
        trim_copy(tok, sizeof tok, p, n);
        if (*tok) {
            err_code rc = fn(ud, tok, e);
            if (rc != ERR_OK)
                return rc;
        }
        p += n;
        if (*p)
            p++;
    }
    return ERR_OK;
}

typedef struct days_acc {
    const scenario *sc;
    uint32_t mask;
} days_acc;

static err_code add_days(void *ud, const char *tok, err *e)
{
    days_acc *acc = ud;
    uint32_t w;
    err_code rc = token_weekdays(tok, &w, e);
    if (rc != ERR_OK)
        return rc;
    if (w == 0x7F) { /* "all" = every working day */
        acc->mask |= (1u << acc->sc->n_days) - 1;
        return ERR_OK;
    }
    for (int d = 0; d < 7; d++) {
        if (!(w & (1u << d)))
            continue;
        int i = day_index(acc->sc, d);
        if (i < 0) {
            if (strchr(tok, '-')) /* a range may span rest days: keep its working days */
                continue;
            char wd[96];
            working_days_text(acc->sc, wd, sizeof wd);
            return err_set(e, ERR_PARSE, "'%s' is not a working day (days = %s)", tok, wd);
        }
        acc->mask |= 1u << i;
    }
    return ERR_OK;
}

err_code scenario_parse_days(const scenario *sc, const char *text, uint32_t *mask, err *e)
{
    days_acc acc = {sc, 0};
    err_code rc = split(text, ",+;| \t", add_days, &acc, e);
    if (rc != ERR_OK)
        return rc;
    if (!acc.mask)
        return err_set(e, ERR_PARSE, "no working day in '%s'", text);
    *mask = acc.mask;
    return ERR_OK;
}

static unsigned popcount32(uint32_t x)
{
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts and removes duplicates; returns the new count. */
static uint32_t sort_unique(uint32_t *m, uint32_t n)
{
    qsort(m, n, sizeof *m, cmp_u32);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        if (k == 0 || m[k - 1] != m[i])
            m[k++] = m[i];
    return k;
}

uint32_t scenario_pattern_gap_days(const scenario *sc, uint32_t mask)
{
    uint32_t first = 7, prev = 7, gap = 0;
    for (uint32_t d = 0; d < sc->n_days; d++) {
        if (!(mask >> d & 1))
            continue;
        uint32_t wd = sc->weekday[d];
        if (first == 7)
            first = wd;
        else if (wd - prev > gap)
            gap = wd - prev;
        prev = wd;
    }
    if (first == 7)
        return 0;
    uint32_t wrap = 7 - prev + first; /* last visit of the week to the first of the next */
    return wrap > gap ? wrap : gap;
}

uint32_t scenario_spread_patterns(uint32_t n_days, uint32_t freq, uint32_t *out, uint32_t max)
{
    assert(n_days >= 1 && n_days <= 31 && freq >= 1 && freq <= n_days);
    uint32_t all[32];
    for (uint32_t s = 0; s < n_days; s++) {
        uint32_t m = 0;
        for (uint32_t k = 0; k < freq; k++)
            m |= 1u << ((s + k * n_days / freq) % n_days);
        all[s] = m;
    }
    uint32_t n = sort_unique(all, n_days);
    for (uint32_t i = 0; i < n && i < max; i++)
        out[i] = all[i];
    return n;
}

typedef struct pat_acc {
    const scenario *sc;
    uint32_t freq;
    uint32_t n;
    uint32_t m[SCENARIO_MAX_PATTERNS];
} pat_acc;

static err_code add_pattern(void *ud, const char *tok, err *e)
{
    pat_acc *acc = ud;
    uint32_t mask;
    err_code rc = scenario_parse_days(acc->sc, tok, &mask, e);
    if (rc != ERR_OK)
        return rc;
    if (popcount32(mask) != acc->freq)
        return err_set(e, ERR_PARSE, "pattern '%s' has %u days, expected %u (the frequency)", tok,
                       popcount32(mask), acc->freq);
    if (acc->n == SCENARIO_MAX_PATTERNS)
        return err_set(e, ERR_PARSE, "more than %d patterns", SCENARIO_MAX_PATTERNS);
    acc->m[acc->n++] = mask;
    return ERR_OK;
}

/* "mon+wed+fri, tue+thu+sat" → masks. Patterns are separated by , ; | or /. */
static err_code parse_patterns(const scenario *sc, const char *text, uint32_t freq, pat_acc *acc,
                               err *e)
{
    acc->sc = sc;
    acc->freq = freq;
    acc->n = 0;
    err_code rc = split(text, ",;|/", add_pattern, acc, e);
    if (rc != ERR_OK)
        return rc;
    if (!acc->n)
        return err_set(e, ERR_PARSE, "no pattern in '%s'", text);
    acc->n = sort_unique(acc->m, acc->n);
    return ERR_OK;
}

/* ---- settings.ini ---- */

static const char *const known_keys[] = {
    "scenario.name",
    "scenario.map",
    "scenario.map_hint",
    "scenario.profile",
    "scenario.carriers",
    "scenario.days",
    "scenario.week_start",
    "scenario.timezone",
    "scenario.utc_offset",
    "scenario.crs",
    "frequency.*", /* village, township, patterns1..patterns7: checked below */
    "service.per_stop_min",
    "service.per_parcel_s",
    "service.shift_start",
    "costs.currency",
    "costs.per_km_diesel",
    "costs.per_km_electric",
    "costs.per_hour",
    "costs.fixed_per_day",
    "costs.weekly_per_van",
    "costs.diesel_l_per_100km",
    "costs.electric_kwh_per_100km",
    "costs.co2_kg_per_l_diesel",
    "costs.co2_kg_per_kwh",
    "solver.time_limit_s",
    "solver.seed",
    "solver.iterations",
    "solver.snap_radius_m",
    "consistency.mode",
    "consistency.same_van",
    "consistency.township_spread_min",
    "consistency.village_spread_min",
    "consistency.compare_free",
    NULL,
};

static err_code parse_yes_no(const char *s, bool *out);

/* Settings read once, used to fill stops and vehicles. */
typedef struct defaults {
    double per_km_diesel, per_km_electric, per_hour, fixed_per_day, weekly_per_van;
    double diesel_l_per_100km, electric_kwh_per_100km;
    bool map_missing;                       /* the map file does not exist */
    bool map_is_dir;                        /* [scenario] map names a folder */
    uint32_t n_fpat[SCENARIO_MAX_DAYS + 1]; /* explicit patterns per frequency, 0 = spread */
    uint32_t fpat[SCENARIO_MAX_DAYS + 1][SCENARIO_MAX_PATTERNS];
} defaults;

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static bool valid_date(const char *s, int *weekday)
{
    unsigned y, m, d;
    char extra;
    if (strlen(s) != 10 || sscanf(s, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3)
        return false;
    static const unsigned mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return false;
    long z = days_from_civil((long)y, m, d);
    *weekday = (int)(((z % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday (3) */
    return true;
}

/* "08:00" or "8:30" → seconds after midnight. */
static bool parse_clock(const char *s, int32_t *out)
{
    unsigned h, m;
    char extra;
    if (sscanf(s, "%2u:%2u%c", &h, &m, &extra) != 2 || h > 23 || m > 59)
        return false;
    *out = (int32_t)(h * 3600 + m * 60);
    return true;
}

/* Stop row r's opening hours from the optional columns open and close (HH:MM, either may be
 * empty or absent): both empty means always open. */
static err_code read_window(csvread *t, size_t r, size_t c_open, size_t c_close, scenario_stop *st,
                            err *e)
{
    bool has_open = !csvread_empty(t, r, c_open), has_close = !csvread_empty(t, r, c_close);
    st->has_window = has_open || has_close;
    st->open_s = 0;
    st->close_s = 24 * 3600;
    if (has_open && !parse_clock(csvread_field(t, r, c_open), &st->open_s))
        return csvread_error(t, r, c_open, e,
                             "expected the time the stop opens as HH:MM (e.g. 08:30), got '%s'",
                             csvread_field(t, r, c_open));
    if (has_close && !parse_clock(csvread_field(t, r, c_close), &st->close_s))
        return csvread_error(t, r, c_close, e,
                             "expected the time the stop closes as HH:MM (e.g. 17:00), got '%s'",
                             csvread_field(t, r, c_close));
    if (st->has_window && st->close_s <= st->open_s)
        return csvread_error(t, r, c_close, e, "closes at %s, not after it opens (%s)",
                             csvread_field(t, r, c_close),
                             has_open ? csvread_field(t, r, c_open) : "00:00");
    return ERR_OK;
}

static err_code add_carrier(void *ud, const char *tok, err *e)
{
    scenario *sc = ud;
    static const char *const reserved[] = {"id",      "code", "name",  "kind",        "township",
                                           "lon",     "lat",  "freq",  "service_min", "patterns",
                                           "geocode", "open", "close", "crs",         NULL};
    for (const char *const *r = reserved; *r; r++)
        if (ascii_casecmp(tok, *r) == 0)
            return err_set(e, ERR_PARSE, "carrier '%s' clashes with a stops.csv column", tok);
    size_t len = strlen(tok);
    if ((len > 4 && ascii_casecmp(tok + len - 4, "_out") == 0) ||
        (len > 5 && ascii_casecmp(tok + len - 5, "_week") == 0))
        return err_set(e, ERR_PARSE,
                       "carrier '%s': a company name may not end in _out or _week (stops.csv "
                       "names its outbound and weekly columns so)",
                       tok);
    for (uint32_t i = 0; i < sc->n_carriers; i++)
        if (ascii_casecmp(sc->carriers[i], tok) == 0)
            return err_set(e, ERR_PARSE, "carrier '%s' listed twice", tok);
    if (sc->n_carriers == SCENARIO_MAX_CARRIERS)
        return err_set(e, ERR_PARSE, "more than %d carriers", SCENARIO_MAX_CARRIERS);
    sc->carriers[sc->n_carriers++] = xstrdup(tok);
    return ERR_OK;
}

static err_code add_working_day(void *ud, const char *tok, err *e)
{
    uint32_t *wmask = ud, w;
    err_code rc = token_weekdays(tok, &w, e);
    if (rc == ERR_OK)
        *wmask |= w;
    return rc;
}

/* Wraps a message about entry en's value with its position. */
static err_code at_entry(const inifile *ini, const char *section, const char *key, err *e)
{
    const inifile_entry *en = inifile_find(ini, section, key);
    if (en) {
        char msg[ERR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", e ? e->msg : "");
        return inifile_error(ini, en, e, "%s", msg);
    }
    return err_wrap(e, "%s: [%s] %s", inifile_name(ini), section, key);
}

static err_code read_settings(scenario *sc, const char *path, defaults *df, err *e)
{
    inifile *ini = inifile_load(path, e);
    if (!ini)
        return e ? e->code : ERR_PARSE;
    err_code rc = inifile_check_known(ini, known_keys, e);
    if (rc != ERR_OK)
        goto cleanup;
    const char *s;
    if ((rc = inifile_require_str(ini, "scenario", "name", &s, e)) != ERR_OK)
        goto cleanup;
    sc->name = xstrdup(s);
    if ((rc = inifile_require_str(ini, "scenario", "map", &s, e)) != ERR_OK)
        goto cleanup;
    sc->map_path = path_resolve(sc->dir, s);
    sc->map_hint = xstrdup(inifile_get_str(ini, "scenario", "map_hint", ""));
    s = inifile_get_str(ini, "scenario", "profile", "");
    if (*s) {
        sc->profile_path = path_resolve(sc->dir, s);
        if (!file_exists(sc->profile_path)) {
            rc = inifile_error(ini, inifile_find(ini, "scenario", "profile"), e,
                               "file '%s' not found", sc->profile_path);
            rc = e ? (e->code = ERR_IO) : ERR_IO;
            goto cleanup;
        }
    }
    /* carriers */
    if ((rc = inifile_require_str(ini, "scenario", "carriers", &s, e)) != ERR_OK)
        goto cleanup;
    if ((rc = split(s, ",;| \t", add_carrier, sc, e)) != ERR_OK) {
        rc = at_entry(ini, "scenario", "carriers", e);
        goto cleanup;
    }
    if (sc->n_carriers == 0) {
        rc = inifile_error(ini, inifile_find(ini, "scenario", "carriers"), e,
                           "expected at least one company name");
        goto cleanup;
    }
    /* working days */
    uint32_t wmask = 0;
    s = inifile_get_str(ini, "scenario", "days", "mon-sat");
    if ((rc = split(s, ",+;| \t", add_working_day, &wmask, e)) != ERR_OK) {
        rc = at_entry(ini, "scenario", "days", e);
        goto cleanup;
    }
    if (!wmask) {
        rc = err_set(e, ERR_PARSE, "%s: [scenario] days: no working day", path);
        goto cleanup;
    }
    for (int d = 0; d < 7; d++)
        if (wmask & (1u << d)) {
            sc->weekday[sc->n_days] = (uint32_t)d;
            sc->day_names[sc->n_days++] = xstrdup(day_short[d]);
        }
    s = inifile_get_str(ini, "scenario", "week_start", "");
    int wd;
    if (*s && (!valid_date(s, &wd) || wd != 0)) {
        rc = inifile_error(ini, inifile_find(ini, "scenario", "week_start"), e,
                           "expected the ISO date of a Monday (2026-11-30), got '%s'", s);
        goto cleanup;
    }
    sc->week_start = xstrdup(s);
    sc->timezone = xstrdup(inifile_get_str(ini, "scenario", "timezone", "Asia/Shanghai"));
    s = inifile_get_str(ini, "scenario", "utc_offset", "+08:00");
    unsigned oh, om;
    char sign, extra;
    if (sscanf(s, "%c%2u:%2u%c", &sign, &oh, &om, &extra) != 3 || (sign != '+' && sign != '-') ||
        oh > 14 || om > 59 || strlen(s) != 6) {
        rc = inifile_error(ini, inifile_find(ini, "scenario", "utc_offset"), e,
                           "expected an offset like +08:00, got '%s'", s);
        goto cleanup;
    }
    sc->utc_offset = xstrdup(s);
    s = inifile_get_str(ini, "scenario", "crs", "wgs84");
    if (!chinacrs_parse(s, &sc->crs)) {
        rc = inifile_error(ini, inifile_find(ini, "scenario", "crs"), e,
                           "expected the coordinate system of stops.csv: wgs84, gcj02 (Amap 高德, "
                           "Tencent 腾讯) or bd09 (Baidu 百度), got '%s'",
                           s);
        goto cleanup;
    }

    /* frequencies and patterns */
    int64_t v;
    if ((rc = inifile_get_int(ini, "frequency", "village", 3, 1, sc->n_days, &v, e)) != ERR_OK)
        goto cleanup;
    sc->freq_village = (uint32_t)v;
    uint32_t fdef = sc->n_days < 5 ? sc->n_days : 5;
    if ((rc = inifile_get_int(ini, "frequency", "township", fdef, 1, sc->n_days, &v, e)) != ERR_OK)
        goto cleanup;
    sc->freq_township = (uint32_t)v;
    for (size_t i = 0; i < inifile_count(ini); i++) {
        const inifile_entry *en = inifile_entry_at(ini, i);
        if (ascii_casecmp(en->section, "frequency") != 0 ||
            ascii_casecmp(en->key, "village") == 0 || ascii_casecmp(en->key, "township") == 0 ||
            ascii_casecmp(en->key, "max_gap_days") == 0 ||
            ascii_casecmp(en->key, "max_gap_hours") == 0)
            continue;
        unsigned f;
        char x;
        if (strncmp(en->key, "patterns", 8) || sscanf(en->key + 8, "%u%c", &f, &x) != 1 || f < 1 ||
            f > SCENARIO_MAX_DAYS) {
            rc = inifile_error(ini, en, e,
                               "unknown key (expected village, township, patternsN, N=1..7, "
                               "max_gap_days or max_gap_hours)");
            goto cleanup;
        }
        if (f > sc->n_days) {
            rc = inifile_error(ini, en, e, "frequency %u is larger than the %u working days", f,
                               sc->n_days);
            goto cleanup;
        }
        pat_acc acc;
        if ((rc = parse_patterns(sc, en->value, f, &acc, e)) != ERR_OK) {
            char msg[ERR_MSG_MAX];
            snprintf(msg, sizeof msg, "%s", e ? e->msg : "");
            rc = inifile_error(ini, en, e, "%s", msg);
            goto cleanup;
        }
        df->n_fpat[f] = acc.n;
        memcpy(df->fpat[f], acc.m, acc.n * sizeof acc.m[0]);
    }
    /* the longest gap between two visits of a stop */
    const inifile_entry *gd = inifile_find(ini, "frequency", "max_gap_days"),
                        *gh = inifile_find(ini, "frequency", "max_gap_hours");
    sc->max_gap_key = xstrdup("");
    if (gd && gh) {
        rc = inifile_error(ini, gh, e, "give max_gap_days or max_gap_hours, not both");
        goto cleanup;
    }
    if (gd || gh) {
        if ((rc = inifile_get_int(ini, "frequency", gd ? "max_gap_days" : "max_gap_hours", 0,
                                  gd ? 1 : 24, gd ? 7 : 168, &v, e)) != ERR_OK)
            goto cleanup;
        sc->max_gap_h = (uint32_t)(gd ? v * 24 : v);
        char key[64];
        snprintf(key, sizeof key, "[frequency] %s = %lld", gd ? "max_gap_days" : "max_gap_hours",
                 (long long)v);
        free(sc->max_gap_key);
        sc->max_gap_key = xstrdup(key);
    }
    /* service */
    double d;
    if ((rc = inifile_get_double(ini, "service", "per_stop_min", 5, 0, 600, &d, e)) != ERR_OK)
        goto cleanup;
    sc->service_stop_s = (int32_t)lround(d * 60);
    if ((rc = inifile_get_double(ini, "service", "per_parcel_s", 10, 0, 3600, &sc->service_parcel_s,
                                 e)) != ERR_OK)
        goto cleanup;
    s = inifile_get_str(ini, "service", "shift_start", "08:00");
    if (!parse_clock(s, &sc->shift_start_s)) {
        rc = inifile_error(ini, inifile_find(ini, "service", "shift_start"), e,
                           "expected a time of day like 08:00, got '%s'", s);
        goto cleanup;
    }
    /* costs */
    sc->currency = xstrdup(inifile_get_str(ini, "costs", "currency", "CNY"));
    struct {
        const char *key;
        double def, max;
        double *out;
    } nums[] = {
        {"per_km_diesel", 0.9, 1000, &df->per_km_diesel},
        {"per_km_electric", 0.3, 1000, &df->per_km_electric},
        {"per_hour", 30, 100000, &df->per_hour},
        {"fixed_per_day", 100, 1e7, &df->fixed_per_day},
        {"weekly_per_van", 0, 1e8, &df->weekly_per_van},
        {"diesel_l_per_100km", 10, 100, &df->diesel_l_per_100km},
        {"electric_kwh_per_100km", 20, 200, &df->electric_kwh_per_100km},
        {"co2_kg_per_l_diesel", 2.68, 10, &sc->co2_per_l_diesel},
        {"co2_kg_per_kwh", 0.5703, 10, &sc->co2_per_kwh},
    };
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        if ((rc = inifile_get_double(ini, "costs", nums[i].key, nums[i].def, 0, nums[i].max,
                                     nums[i].out, e)) != ERR_OK)
            goto cleanup;
    /* solver */
    if ((rc = inifile_get_double(ini, "solver", "time_limit_s", 60, 0.1, 86400, &sc->time_limit_s,
                                 e)) != ERR_OK)
        goto cleanup;
    if ((rc = inifile_get_int(ini, "solver", "seed", 1, 0, INT64_MAX, &v, e)) != ERR_OK)
        goto cleanup;
    sc->seed = (uint64_t)v;
    if ((rc = inifile_get_int(ini, "solver", "iterations", 0, 0, INT64_MAX, &v, e)) != ERR_OK)
        goto cleanup;
    sc->iterations = (uint64_t)v;
    if ((rc = inifile_get_double(ini, "solver", "snap_radius_m", 1000, 1, 100000,
                                 &sc->snap_radius_m, e)) != ERR_OK)
        goto cleanup;
    /* consistency */
    s = inifile_get_str(ini, "consistency", "mode", "lines");
    if (strcmp(s, "lines") && strcmp(s, "free")) {
        rc = inifile_error(ini, inifile_find(ini, "consistency", "mode"), e,
                           "expected lines or free, got '%s'", s);
        goto cleanup;
    }
    sc->lines = !strcmp(s, "lines");
    s = inifile_get_str(ini, "consistency", "same_van", "no");
    if (parse_yes_no(s, &sc->same_van) != ERR_OK) {
        rc = inifile_error(ini, inifile_find(ini, "consistency", "same_van"), e,
                           "expected yes or no, got '%s'", s);
        goto cleanup;
    }
    if ((rc = inifile_get_double(ini, "consistency", "township_spread_min", 30, 0, 1440, &d, e)) !=
        ERR_OK)
        goto cleanup;
    sc->township_spread_s = (int32_t)lround(d * 60);
    if ((rc = inifile_get_double(ini, "consistency", "village_spread_min", 15, 0, 1440, &d, e)) !=
        ERR_OK)
        goto cleanup;
    sc->village_spread_s = (int32_t)lround(d * 60);
    s = inifile_get_str(ini, "consistency", "compare_free", "yes");
    if (parse_yes_no(s, &sc->compare_free) != ERR_OK) {
        rc = inifile_error(ini, inifile_find(ini, "consistency", "compare_free"), e,
                           "expected yes or no, got '%s'", s);
        goto cleanup;
    }
    /* the map comes last: every mistake in the text is reported before a missing file */
    df->map_missing = !file_exists(sc->map_path);
    struct stat st;
    df->map_is_dir = stat(sc->map_path, &st) == 0 && S_ISDIR(st.st_mode);
cleanup:
    inifile_free(ini);
    return rc;
}

/* ---- stops.csv ---- */

/* Room for a carrier's name (a settings.ini line is shorter) and a column suffix. */
#define STOPS_MAX_CARRIER_COL 256

static err_code parse_kind(const char *s, scenario_kind *k)
{
    static const struct {
        const char *name;
        scenario_kind kind;
    } kinds[] = {
        {"village", SCENARIO_VILLAGE}, {"村", SCENARIO_VILLAGE},  {"township", SCENARIO_TOWNSHIP},
        {"乡镇", SCENARIO_TOWNSHIP},   {"镇", SCENARIO_TOWNSHIP}, {"乡", SCENARIO_TOWNSHIP},
        {"街道", SCENARIO_TOWNSHIP},   {"depot", SCENARIO_DEPOT}, {"仓库", SCENARIO_DEPOT},
        {"网点", SCENARIO_DEPOT},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (ascii_casecmp(s, kinds[i].name) == 0) {
            *k = kinds[i].kind;
            return ERR_OK;
        }
    return ERR_PARSE;
}

size_t scenario_find_stop(const scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->n_stops; i++)
        if (!strcmp(sc->stops[i].id, id))
            return i;
    return SIZE_MAX;
}

/* Parcels of carrier week volume w arrived in the first t days of the calendar week. */
static int64_t arrived(int64_t w, uint32_t t)
{
    return (2 * w * t + 7) / 14; /* round(w * t / 7), halves up */
}

int32_t scenario_visit_parcels(const scenario *sc, const scenario_stop *st, uint32_t prev,
                               uint32_t day, int32_t *by)
{
    assert(prev < sc->n_days && day < sc->n_days);
    uint32_t wp = sc->weekday[prev] + 1, wd = sc->weekday[day] + 1; /* days since Monday 00:00 */
    int32_t total = 0;
    for (uint32_t k = 0; k < sc->n_carriers; k++) {
        int64_t q = st->demand ? st->demand[k] : 0;
        if (st->week) {
            int64_t w = st->week[k];
            q += wd > wp ? arrived(w, wd) - arrived(w, wp) : w - arrived(w, wp) + arrived(w, wd);
        }
        if (by)
            by[k] = (int32_t)q;
        total += (int32_t)q;
    }
    return total;
}

/* The most parcels one visit of st brings, over the days of its allowed patterns. */
static int32_t largest_visit(const scenario *sc, const scenario_stop *st)
{
    int32_t most = 0;
    for (uint32_t k = 0; k < st->n_patterns; k++) {
        uint32_t m = st->patterns[k];
        for (uint32_t d = 0; d < sc->n_days; d++) {
            if (!(m >> d & 1))
                continue;
            uint32_t prev = d; /* the pattern's day before d, going back round the week */
            for (uint32_t b = 1; b <= sc->n_days; b++)
                if (m >> ((d + sc->n_days - b) % sc->n_days) & 1) {
                    prev = (d + sc->n_days - b) % sc->n_days;
                    break;
                }
            int32_t q = scenario_visit_parcels(sc, st, prev, d, NULL);
            most = q > most ? q : most;
        }
    }
    return most;
}

static err_code read_stops(scenario *sc, const defaults *df, err *e)
{
    csvread *t = csvread_load(sc->stops_path, e);
    if (!t)
        return e ? e->code : ERR_PARSE;
    err_code rc;
    size_t c_id, c_name, c_kind, c_lon, c_lat, c_dem[SCENARIO_MAX_CARRIERS];
    size_t c_out[SCENARIO_MAX_CARRIERS], c_week[SCENARIO_MAX_CARRIERS];
    /* each carrier's optional columns: outbound parcels per visit, inbound parcels per week */
    char col_out[SCENARIO_MAX_CARRIERS][STOPS_MAX_CARRIER_COL];
    char col_week[SCENARIO_MAX_CARRIERS][STOPS_MAX_CARRIER_COL];
    for (uint32_t k = 0; k < sc->n_carriers; k++) {
        snprintf(col_out[k], sizeof col_out[k], "%s_out", sc->carriers[k]);
        snprintf(col_week[k], sizeof col_week[k], "%s_week", sc->carriers[k]);
    }
    if ((rc = csvread_require_col(t, "id", &c_id, e)) != ERR_OK ||
        (rc = csvread_require_col(t, "name", &c_name, e)) != ERR_OK ||
        (rc = csvread_require_col(t, "kind", &c_kind, e)) != ERR_OK ||
        (rc = csvread_require_col(t, "lon", &c_lon, e)) != ERR_OK ||
        (rc = csvread_require_col(t, "lat", &c_lat, e)) != ERR_OK)
        goto cleanup;
    /* a carrier's parcels per visit, or per week (CARRIER_week), or both */
    for (uint32_t k = 0; k < sc->n_carriers; k++)
        if (csvread_col(t, col_week[k]) != CSVREAD_NONE)
            c_dem[k] = csvread_col(t, sc->carriers[k]);
        else if ((rc = csvread_require_col(t, sc->carriers[k], &c_dem[k], e)) != ERR_OK) {
            err_wrap(e, "carriers in settings.ini need a demand column each (parcels per visit, "
                        "or per week in a column CARRIER_week)");
            goto cleanup;
        }
    /* every column must be known: a typo must not silently drop data, nor a company's column
     * left behind after it was taken out of carriers */
    const char *known[3 * SCENARIO_MAX_CARRIERS + 16] = {
        "id",  "code", "name",        "kind",     "township", "lon",
        "lat", "freq", "service_min", "patterns", "geocode"};
    size_t n_known = 11;
    known[n_known++] = "open";
    known[n_known++] = "close";
    known[n_known++] = "crs";
    char hint[512];
    size_t w = (size_t)snprintf(hint, sizeof hint,
                                "if '%%s' is a courier company, add it to settings.ini [scenario] "
                                "carriers (now: ");
    for (uint32_t k = 0; k < sc->n_carriers; k++) {
        known[n_known++] = sc->carriers[k];
        known[n_known++] = col_out[k];
        known[n_known++] = col_week[k];
        if (w < sizeof hint)
            w += (size_t)snprintf(hint + w, sizeof hint - w, "%s%s", k ? "," : "", sc->carriers[k]);
    }
    if (w < sizeof hint)
        snprintf(hint + w, sizeof hint - w, "), else delete the column");
    if ((rc = csvread_check_columns(t, known, n_known, hint, e)) != ERR_OK)
        goto cleanup;
    size_t c_code = csvread_col(t, "code"), c_town = csvread_col(t, "township"),
           c_freq = csvread_col(t, "freq"), c_serv = csvread_col(t, "service_min"),
           c_pat = csvread_col(t, "patterns"), c_geo = csvread_col(t, "geocode");
    size_t c_open = csvread_col(t, "open"), c_close = csvread_col(t, "close"),
           c_crs = csvread_col(t, "crs");
    for (uint32_t k = 0; k < sc->n_carriers; k++) {
        c_out[k] = csvread_col(t, col_out[k]);
        c_week[k] = csvread_col(t, col_week[k]);
    }
    size_t n = csvread_n_rows(t);
    if (n > SCENARIO_MAX_STOPS) {
        rc = err_set(e, ERR_PARSE, "%s: %zu stops, more than the %d a scenario may hold",
                     sc->stops_path, n, SCENARIO_MAX_STOPS);
        goto cleanup;
    }
    sc->stops = xcalloc(n ? n : 1, sizeof *sc->stops);
    size_t n_depots = 0, n_clients = 0;
    for (size_t r = 0; r < n; r++) {
        scenario_stop *st = &sc->stops[sc->n_stops++];
        st->line = csvread_line(t, r);
        const char *id = csvread_field(t, r, c_id);
        if (!*id) {
            rc = csvread_error(t, r, c_id, e, "empty (every stop needs an id)");
            goto cleanup;
        }
        for (size_t j = 0; j + 1 < sc->n_stops; j++)
            if (!strcmp(sc->stops[j].id, id)) {
                rc = csvread_error(t, r, c_id, e, "duplicate id '%s' (first on line %zu)", id,
                                   sc->stops[j].line);
                goto cleanup;
            }
        st->id = xstrdup(id);
        st->name = xstrdup(csvread_field(t, r, c_name));
        if (!*st->name) {
            rc = csvread_error(t, r, c_name, e, "empty (every stop needs a name)");
            goto cleanup;
        }
        const char *code = c_code == CSVREAD_NONE ? "" : csvread_field(t, r, c_code);
        if (*code) {
            bool digits = strlen(code) == 12;
            for (const char *p = code; *p && digits; p++)
                digits = *p >= '0' && *p <= '9';
            if (!digits) {
                rc =
                    csvread_error(t, r, c_code, e, "expected a 12-digit NBS code, got '%s'%s", code,
                                  strchr(code, 'E') || strchr(code, 'e')
                                      ? " (a spreadsheet turned it into a number: format the "
                                        "column as text)"
                                      : "");
                goto cleanup;
            }
        }
        st->code = xstrdup(code);
        st->township = xstrdup(c_town == CSVREAD_NONE ? "" : csvread_field(t, r, c_town));
        st->geocode = xstrdup(c_geo == CSVREAD_NONE ? "" : csvread_field(t, r, c_geo));
        const char *kind = csvread_field(t, r, c_kind);
        if (parse_kind(kind, &st->kind) != ERR_OK) {
            rc = csvread_error(t, r, c_kind, e, "expected village, township or depot, got '%s'",
                               kind);
            goto cleanup;
        }
        /* coordinates: both or neither */
        bool has_lon = !csvread_empty(t, r, c_lon), has_lat = !csvread_empty(t, r, c_lat);
        if (has_lon != has_lat) {
            size_t c = has_lon ? c_lat : c_lon;
            rc = csvread_error(t, r, c, e, "empty while '%s' is given (fill both or neither)",
                               has_lon ? "lon" : "lat");
            goto cleanup;
        }
        st->crs = sc->crs;
        if (!csvread_empty(t, r, c_crs) && !chinacrs_parse(csvread_field(t, r, c_crs), &st->crs)) {
            rc = csvread_error(t, r, c_crs, e,
                               "expected wgs84, gcj02 (Amap 高德, Tencent 腾讯) or bd09 (Baidu "
                               "百度), or empty for settings.ini [scenario] crs, got '%s'",
                               csvread_field(t, r, c_crs));
            goto cleanup;
        }
        if (has_lon) {
            if ((rc = csvread_double(t, r, c_lon, -180, 180, &st->lon, e)) != ERR_OK ||
                (rc = csvread_double(t, r, c_lat, -90, 90, &st->lat, e)) != ERR_OK)
                goto cleanup;
            st->has_point = true;
            /* every later step works in WGS84 (OSM, PROJ, GPX) */
            chinacrs_to_wgs84(st->crs, st->lon, st->lat, &st->lon, &st->lat);
        }
        /* demand per carrier */
        st->demand = xcalloc(sc->n_carriers, sizeof *st->demand);
        for (uint32_t k = 0; k < sc->n_carriers; k++) {
            if (c_dem[k] == CSVREAD_NONE || csvread_empty(t, r, c_dem[k]))
                continue;
            int64_t v;
            if ((rc = csvread_int(t, r, c_dem[k], 0, 100000, &v, e)) != ERR_OK)
                goto cleanup;
            if (st->kind == SCENARIO_DEPOT && v) {
                rc = csvread_error(t, r, c_dem[k], e,
                                   "a depot receives no deliveries: leave it empty or 0");
                goto cleanup;
            }
            st->demand[k] = (int32_t)v;
            st->demand_total += (int32_t)v;
        }
        /* outbound parcels per visit and inbound parcels per week, per carrier */
        st->pickup = xcalloc(sc->n_carriers ? sc->n_carriers : 1, sizeof *st->pickup);
        for (uint32_t k = 0; k < sc->n_carriers; k++) {
            size_t cols[2] = {c_out[k], c_week[k]};
            for (int wk = 0; wk < 2; wk++) {
                if (cols[wk] == CSVREAD_NONE || csvread_empty(t, r, cols[wk]))
                    continue;
                int64_t v;
                if ((rc = csvread_int(t, r, cols[wk], 0, wk ? 700000 : 100000, &v, e)) != ERR_OK)
                    goto cleanup;
                if (st->kind == SCENARIO_DEPOT && v) {
                    rc = csvread_error(t, r, cols[wk], e,
                                       "a depot is not visited: leave it empty or 0");
                    goto cleanup;
                }
                if (wk == 0) {
                    st->pickup[k] = (int32_t)v;
                    st->pickup_total += (int32_t)v;
                    continue;
                }
                if (st->demand[k] && v) {
                    rc = csvread_error(t, r, cols[wk], e,
                                       "'%s' gives parcels per visit on this row: give the "
                                       "company's parcels per visit or per week, not both",
                                       sc->carriers[k]);
                    goto cleanup;
                }
                if (!st->week)
                    st->week = xcalloc(sc->n_carriers, sizeof *st->week);
                st->week[k] = (int32_t)v;
            }
        }
        if (st->kind == SCENARIO_DEPOT) {
            n_depots++;
            size_t cols[5] = {c_freq, c_serv, c_pat, c_open, c_close};
            for (size_t i = 0; i < 5; i++)
                if (!csvread_empty(t, r, cols[i])) {
                    rc = csvread_error(t, r, cols[i], e, "a depot is not visited: leave it empty");
                    goto cleanup;
                }
            continue;
        }
        n_clients++;
        if ((rc = read_window(t, r, c_open, c_close, st, e)) != ERR_OK)
            goto cleanup;
        /* frequency */
        st->freq = st->kind == SCENARIO_VILLAGE ? sc->freq_village : sc->freq_township;
        if (!csvread_empty(t, r, c_freq)) {
            int64_t v;
            if (csvread_int(t, r, c_freq, 1, sc->n_days, &v, NULL) != ERR_OK) {
                rc = csvread_error(t, r, c_freq, e,
                                   "expected visits per week in 1..%u (the working days of "
                                   "settings.ini [scenario] days), got '%s'",
                                   sc->n_days, csvread_field(t, r, c_freq));
                goto cleanup;
            }
            st->freq = (uint32_t)v;
        }
        /* service time */
        int32_t base = sc->service_stop_s;
        if (!csvread_empty(t, r, c_serv)) {
            double m;
            if ((rc = csvread_double(t, r, c_serv, 0, 600, &m, e)) != ERR_OK)
                goto cleanup;
            base = (int32_t)lround(m * 60);
        }
        st->largest_visit = st->demand_total; /* weekly volumes: once the patterns are known */
        st->service_s = base;
        /* patterns: the stop's own, else the settings' for its frequency, else spread */
        pat_acc acc;
        if (!csvread_empty(t, r, c_pat)) {
            if ((rc = parse_patterns(sc, csvread_field(t, r, c_pat), st->freq, &acc, e)) !=
                ERR_OK) {
                char msg[ERR_MSG_MAX];
                snprintf(msg, sizeof msg, "%s", e ? e->msg : "");
                rc = csvread_error(t, r, c_pat, e, "%s", msg);
                goto cleanup;
            }
        } else if (df->n_fpat[st->freq]) {
            acc.n = df->n_fpat[st->freq];
            memcpy(acc.m, df->fpat[st->freq], acc.n * sizeof acc.m[0]);
        } else {
            acc.n = scenario_spread_patterns(sc->n_days, st->freq, acc.m, SCENARIO_MAX_PATTERNS);
        }
        /* only the patterns that keep the longest gap allowed */
        if (sc->max_gap_h) {
            uint32_t kept = 0, best = 0, best_gap = UINT32_MAX;
            for (uint32_t k = 0; k < acc.n; k++) {
                uint32_t g = scenario_pattern_gap_days(sc, acc.m[k]);
                if (g < best_gap) {
                    best_gap = g;
                    best = acc.m[k];
                }
                if (g * 24 <= sc->max_gap_h)
                    acc.m[kept++] = acc.m[k];
            }
            if (!kept) {
                char days[64] = "";
                for (uint32_t d = 0, o = 0; d < sc->n_days; d++)
                    if (best >> d & 1)
                        o += (uint32_t)snprintf(days + o, sizeof days - o, "%s%s", o ? "+" : "",
                                                sc->day_names[d]);
                rc = err_set(e, ERR_PARSE,
                             "%s:%zu: stop '%s' %s: none of its %u day patterns (%u visits a "
                             "week) keeps settings.ini %s (the best, %s, leaves %u days "
                             "between visits): give it more visits or other patterns, or "
                             "raise the limit",
                             sc->stops_path, st->line, st->id, st->name, acc.n, st->freq,
                             sc->max_gap_key, days, best_gap);
                goto cleanup;
            }
            acc.n = kept;
        }
        st->n_patterns = acc.n;
        st->patterns = xmallocarray(acc.n, sizeof *st->patterns);
        memcpy(st->patterns, acc.m, acc.n * sizeof acc.m[0]);
        if (st->week)
            st->largest_visit = largest_visit(sc, st);
        st->service_s +=
            (int32_t)lround(sc->service_parcel_s * ((double)st->largest_visit + st->pickup_total));
    }
    if (n_depots == 0) {
        rc = err_set(e, ERR_PARSE, "%s: no depot (a row with kind 'depot')", sc->stops_path);
        goto cleanup;
    }
    if (n_clients == 0) {
        rc = err_set(e, ERR_PARSE, "%s: no village or township to deliver to", sc->stops_path);
        goto cleanup;
    }
    rc = ERR_OK;
cleanup:
    csvread_free(t);
    return rc;
}

/* ---- vehicles.csv ---- */

static err_code parse_yes_no(const char *s, bool *out)
{
    static const char *const yes[] = {"yes", "y", "true", "1", "是", "electric", NULL};
    static const char *const no[] = {"no", "n", "false", "0", "否", "diesel", "", NULL};
    for (const char *const *p = yes; *p; p++)
        if (ascii_casecmp(s, *p) == 0)
            return *out = true, ERR_OK;
    for (const char *const *p = no; *p; p++)
        if (ascii_casecmp(s, *p) == 0)
            return *out = false, ERR_OK;
    return ERR_PARSE;
}

static void depot_list(const scenario *sc, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sc->n_stops && n < size; i++)
        if (sc->stops[i].kind == SCENARIO_DEPOT)
            n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", sc->stops[i].id);
}

/* Optional non-negative number column; def when absent or empty. */
static err_code opt_double(const csvread *t, size_t r, size_t c, double def, double max,
                           double *out, err *e)
{
    if (csvread_empty(t, r, c)) {
        *out = def;
        return ERR_OK;
    }
    return csvread_double(t, r, c, 0, max, out, e);
}

static err_code read_vehicles(scenario *sc, const defaults *df, err *e)
{
    csvread *t = csvread_load(sc->vehicles_path, e);
    if (!t)
        return e ? e->code : ERR_PARSE;
    static const char *const known[] = {
        "id",       "depot",       "capacity",      "shift_h",    "shift_min",
        "range_km", "cost_per_km", "cost_per_hour", "fixed_cost", "days",
        "electric", "driver",      "use_per_100km", "start",      "weekly_cost"};
    err_code rc;
    size_t c_id, c_depot, c_cap;
    if ((rc = csvread_require_col(t, "id", &c_id, e)) != ERR_OK ||
        (rc = csvread_require_col(t, "depot", &c_depot, e)) != ERR_OK ||
        (rc = csvread_require_col(t, "capacity", &c_cap, e)) != ERR_OK)
        goto cleanup;
    size_t c_sh = csvread_col(t, "shift_h"), c_sm = csvread_col(t, "shift_min");
    if ((c_sh == CSVREAD_NONE) == (c_sm == CSVREAD_NONE)) {
        rc = err_set(e, ERR_PARSE,
                     "%s:%zu: expected exactly one of the columns 'shift_h' (hours) and "
                     "'shift_min' (minutes)",
                     sc->vehicles_path, csvread_header_line(t));
        goto cleanup;
    }
    /* a typo in an optional column (range_kms) must not silently drop its values */
    if ((rc = csvread_check_columns(t, known, sizeof known / sizeof known[0], NULL, e)) != ERR_OK)
        goto cleanup;
    size_t c_range = csvread_col(t, "range_km"), c_km = csvread_col(t, "cost_per_km"),
           c_hour = csvread_col(t, "cost_per_hour"), c_fixed = csvread_col(t, "fixed_cost"),
           c_days = csvread_col(t, "days"), c_el = csvread_col(t, "electric"),
           c_drv = csvread_col(t, "driver"), c_use = csvread_col(t, "use_per_100km"),
           c_start = csvread_col(t, "start"), c_week = csvread_col(t, "weekly_cost");
    size_t n = csvread_n_rows(t);
    if (n == 0) {
        rc = err_set(e, ERR_PARSE, "%s: no vehicles", sc->vehicles_path);
        goto cleanup;
    }
    if (n > SCENARIO_MAX_VEHICLES) {
        rc = err_set(e, ERR_PARSE, "%s: %zu vehicles, more than the %d a scenario may hold",
                     sc->vehicles_path, n, SCENARIO_MAX_VEHICLES);
        goto cleanup;
    }
    sc->vehicles = xcalloc(n, sizeof *sc->vehicles);
    for (size_t r = 0; r < n; r++) {
        scenario_vehicle *v = &sc->vehicles[sc->n_vehicles++];
        v->line = csvread_line(t, r);
        const char *id = csvread_field(t, r, c_id);
        if (!*id) {
            rc = csvread_error(t, r, c_id, e, "empty (every vehicle needs an id)");
            goto cleanup;
        }
        for (size_t j = 0; j + 1 < sc->n_vehicles; j++)
            if (!strcmp(sc->vehicles[j].id, id)) {
                rc = csvread_error(t, r, c_id, e, "duplicate id '%s' (first on line %zu)", id,
                                   sc->vehicles[j].line);
                goto cleanup;
            }
        v->id = xstrdup(id);
        v->driver = xstrdup(c_drv == CSVREAD_NONE ? "" : csvread_field(t, r, c_drv));
        const char *depot = csvread_field(t, r, c_depot);
        size_t di = scenario_find_stop(sc, depot);
        if (di == SIZE_MAX || sc->stops[di].kind != SCENARIO_DEPOT) {
            char list[256];
            depot_list(sc, list, sizeof list);
            rc = csvread_error(t, r, c_depot, e, "%s depot '%s' (depots in %s: %s)",
                               di == SIZE_MAX ? "unknown" : "not a", depot, "stops.csv", list);
            goto cleanup;
        }
        v->depot = (uint32_t)di;
        int64_t cap;
        if ((rc = csvread_int(t, r, c_cap, 1, 1000000, &cap, e)) != ERR_OK)
            goto cleanup;
        v->capacity = (int32_t)cap;
        double shift;
        if (c_sh != CSVREAD_NONE) {
            if ((rc = csvread_double(t, r, c_sh, 0.25, 24, &shift, e)) != ERR_OK)
                goto cleanup;
            v->shift_s = (int32_t)lround(shift * 3600);
        } else {
            if ((rc = csvread_double(t, r, c_sm, 15, 1440, &shift, e)) != ERR_OK)
                goto cleanup;
            v->shift_s = (int32_t)lround(shift * 60);
        }
        const char *el = c_el == CSVREAD_NONE ? "" : csvread_field(t, r, c_el);
        if (parse_yes_no(el, &v->electric) != ERR_OK) {
            rc = csvread_error(t, r, c_el, e, "expected yes or no, got '%s'", el);
            goto cleanup;
        }
        double range;
        if ((rc = opt_double(t, r, c_range, 0, 5000, &range, e)) != ERR_OK)
            goto cleanup;
        v->range_m = (int32_t)lround(range * 1000);
        if ((rc = opt_double(t, r, c_km, v->electric ? df->per_km_electric : df->per_km_diesel,
                             1000, &v->cost_per_km, e)) != ERR_OK ||
            (rc = opt_double(t, r, c_hour, df->per_hour, 100000, &v->cost_per_hour, e)) != ERR_OK ||
            (rc = opt_double(t, r, c_fixed, df->fixed_per_day, 1e7, &v->fixed_cost, e)) != ERR_OK ||
            (rc = opt_double(t, r, c_week, df->weekly_per_van, 1e8, &v->weekly_cost, e)) !=
                ERR_OK ||
            (rc = opt_double(t, r, c_use,
                             v->electric ? df->electric_kwh_per_100km : df->diesel_l_per_100km, 200,
                             &v->use_per_100km, e)) != ERR_OK)
            goto cleanup;
        v->co2_per_unit = v->electric ? sc->co2_per_kwh : sc->co2_per_l_diesel;
        v->start_s = sc->shift_start_s;
        if (!csvread_empty(t, r, c_start)) {
            if (!parse_clock(csvread_field(t, r, c_start), &v->start_s)) {
                rc = csvread_error(t, r, c_start, e,
                                   "expected the time the van leaves its depot as HH:MM (e.g. "
                                   "07:30), got '%s'",
                                   csvread_field(t, r, c_start));
                goto cleanup;
            }
            v->own_start = true;
        }
        v->days = (1u << sc->n_days) - 1;
        if (!csvread_empty(t, r, c_days)) {
            if ((rc = scenario_parse_days(sc, csvread_field(t, r, c_days), &v->days, e)) !=
                ERR_OK) {
                char msg[ERR_MSG_MAX];
                snprintf(msg, sizeof msg, "%s", e ? e->msg : "");
                rc = csvread_error(t, r, c_days, e, "%s", msg);
                goto cleanup;
            }
        }
    }
    rc = ERR_OK;
cleanup:
    csvread_free(t);
    return rc;
}

void scenario_opts_init(scenario_opts *o)
{
    o->stops_path = NULL;
    o->need_map = true;
}

err_code scenario_load(const char *dir, scenario **out, err *e)
{
    scenario_opts o;
    scenario_opts_init(&o);
    return scenario_load_opts(dir, &o, out, e);
}

err_code scenario_load_opts(const char *dir, const scenario_opts *o, scenario **out, err *e)
{
    *out = NULL;
    /* a local err keeps messages even when the caller passes e = NULL */
    err local = {0};
    scenario *sc = xcalloc(1, sizeof *sc);
    sc->dir = xstrdup(dir);
    defaults *df = xcalloc(1, sizeof *df);
    char *settings = path_join(dir, "settings.ini");
    err_code rc;
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        rc = err_set(&local, ERR_IO, "%s: not a scenario folder (%s)", dir,
                     stat(dir, &st) != 0 ? strerror(errno) : "not a directory");
        goto cleanup;
    }
    if ((rc = read_settings(sc, settings, df, &local)) != ERR_OK)
        goto cleanup;
    sc->stops_path = o->stops_path ? xstrdup(o->stops_path) : path_join(dir, "stops.csv");
    sc->vehicles_path = path_join(dir, "vehicles.csv");
    if ((rc = read_stops(sc, df, &local)) != ERR_OK ||
        (rc = read_vehicles(sc, df, &local)) != ERR_OK)
        goto cleanup;
    if (o->need_map && df->map_is_dir) {
        rc = err_set(&local, ERR_USAGE,
                     "map '%s' is a directory, not an OSM file (settings.ini [scenario] map)",
                     sc->map_path);
        goto cleanup;
    }
    if (o->need_map && df->map_missing) {
        rc = err_set(&local, ERR_IO, "map file '%s' not found (settings.ini [scenario] map)%s%s",
                     sc->map_path, *sc->map_hint ? "; get it with: " : "", sc->map_hint);
        goto cleanup;
    }
cleanup:
    free(settings);
    free(df);
    if (rc != ERR_OK) {
        scenario_free(sc);
        if (e)
            *e = local;
        return rc;
    }
    *out = sc;
    return ERR_OK;
}

void scenario_free(scenario *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < sc->n_stops; i++) {
        scenario_stop *st = &sc->stops[i];
        free(st->id);
        free(st->code);
        free(st->name);
        free(st->township);
        free(st->geocode);
        free(st->patterns);
        free(st->demand);
        free(st->week);
        free(st->pickup);
    }
    free(sc->stops);
    for (size_t i = 0; i < sc->n_vehicles; i++) {
        free(sc->vehicles[i].id);
        free(sc->vehicles[i].driver);
    }
    free(sc->vehicles);
    for (uint32_t i = 0; i < sc->n_days; i++)
        free(sc->day_names[i]);
    for (uint32_t i = 0; i < sc->n_carriers; i++)
        free(sc->carriers[i]);
    free(sc->dir);
    free(sc->name);
    free(sc->map_path);
    free(sc->map_hint);
    free(sc->profile_path);
    free(sc->stops_path);
    free(sc->vehicles_path);
    free(sc->week_start);
    free(sc->timezone);
    free(sc->utc_offset);
    free(sc->max_gap_key);
    free(sc->currency);
    free(sc);
}

err_code scenario_require_points(const scenario *sc, err *e)
{
    size_t missing = 0, first = 0;
    for (size_t i = 0; i < sc->n_stops; i++)
        if (!sc->stops[i].has_point && missing++ == 0)
            first = i;
    if (!missing)
        return ERR_OK;
    const scenario_stop *st = &sc->stops[first];
    return err_set(e, ERR_PARSE,
                   "%s:%zu: stop '%s' (%s) has no coordinates, nor have %zu other stops; run "
                   "`jincun geocode %s` or fill lon/lat",
                   sc->stops_path, st->line, st->id, st->name, missing - 1, sc->dir);
}
