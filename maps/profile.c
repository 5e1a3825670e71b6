/* profile.c — road profile: class speeds, ferries, access, one-way rules, maxspeed and surface
 * factors. SPDX-License-Identifier: MIT */
#include "maps/profile.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/inifile.h"
#include "util/mem.h"

#define MAX_ITEMS 64
#define NAME_MAX_LEN 40

typedef struct named {
    char name[NAME_MAX_LEN];
    double value;
} named;

struct profile {
    named speeds[MAX_ITEMS]; /* highway class -> km/h */
    size_t n_speeds;
    named surface[MAX_ITEMS]; /* surface value -> factor */
    size_t n_surface;
    char deny[MAX_ITEMS][NAME_MAX_LEN]; /* access values that bar the vehicle */
    size_t n_deny;
    char oneway[MAX_ITEMS][NAME_MAX_LEN]; /* implied one-way classes */
    size_t n_oneway;
    double ferry_kmh;             /* speed on route=ferry */
    double maxspeed_factor;       /* applied to tagged maxspeed */
    const char *names[MAX_ITEMS]; /* speeds[i].name, for profile_highways */
};

/* maps/profiles/car.profile as a table; a test checks that the two agree. */
static const char *const car[][3] = {
    {"general", "ferry_speed", "10"},
    {"general", "maxspeed_factor", "0.8"},
    {"general", "access_deny", "no, private, agricultural, forestry"},
    {"general", "implied_oneway", "motorway"},
    {"speeds", "motorway", "100"},
    {"speeds", "motorway_link", "60"},
    {"speeds", "trunk", "80"},
    {"speeds", "trunk_link", "50"},
    {"speeds", "primary", "60"},
    {"speeds", "primary_link", "40"},
    {"speeds", "secondary", "50"},
    {"speeds", "secondary_link", "35"},
    {"speeds", "tertiary", "40"},
    {"speeds", "tertiary_link", "30"},
    {"speeds", "unclassified", "30"},
    {"speeds", "residential", "25"},
    {"speeds", "living_street", "10"},
    {"speeds", "service", "15"},
    {"speeds", "track", "15"},
    {"speeds", "road", "20"},
    {"surface", "unpaved", "0.6"},
    {"surface", "compacted", "0.8"},
    {"surface", "fine_gravel", "0.7"},
    {"surface", "gravel", "0.6"},
    {"surface", "pebblestone", "0.6"},
    {"surface", "dirt", "0.5"},
    {"surface", "earth", "0.5"},
    {"surface", "ground", "0.5"},
    {"surface", "grass", "0.4"},
    {"surface", "sand", "0.4"},
    {"surface", "mud", "0.3"},
    {"surface", "unhewn_cobblestone", "0.6"},
    {"surface", "cobblestone", "0.8"},
    {"surface", "sett", "0.8"},
    {"surface", "wood", "0.7"},
};

profile *profile_new(void)
{
    profile *p = xcalloc(1, sizeof *p);
    p->ferry_kmh = 10;
    p->maxspeed_factor = 1;
    snprintf(p->deny[0], NAME_MAX_LEN, "no");
    snprintf(p->deny[1], NAME_MAX_LEN, "private");
    p->n_deny = 2;
    return p;
}

void profile_free(profile *p)
{
    free(p);
}

profile *profile_new_car(void)
{
    profile *p = profile_new();
    for (size_t i = 0; i < sizeof car / sizeof car[0]; i++) {
        err_code rc = profile_set(p, car[i][0], car[i][1], car[i][2], "built-in car profile", NULL);
        if (rc != ERR_OK) {
            profile_free(p);
            return NULL;
        }
    }
    return p;
}

static bool parse_number(const char *s, double lo, double hi, double *v)
{
    char *end;
    double d = strtod(s, &end);
    while (*end && isspace((unsigned char)*end))
        end++;
    if (end == s || *end || !(d >= lo && d <= hi))
        return false;
    *v = d;
    return true;
}

/* Splits a comma-separated list into names; ERR_PARSE on an over-long or excess item. */
static err_code parse_list(const char *value, char (*out)[NAME_MAX_LEN], size_t *n,
                           const char *where, const char *key, err *e)
{
    *n = 0;
    const char *s = value;
    while (*s) {
        while (*s == ',' || isspace((unsigned char)*s))
            s++;
        if (!*s)
            break;
        size_t len = 0;
        while (s[len] && s[len] != ',' && !isspace((unsigned char)s[len]))
            len++;
        if (len >= NAME_MAX_LEN || *n >= MAX_ITEMS)
            return err_set(e, ERR_PARSE, "%s: field '%s': list item too long or too many items",
                           where, key);
        memcpy(out[*n], s, len);
        out[*n][len] = '\0';
        (*n)++;
        s += len;
    }
    return ERR_OK;
}

static err_code set_named(named *items, size_t *n, const char *key, double v, const char *where,
                          err *e)
{
    if (strlen(key) >= NAME_MAX_LEN)
        return err_set(e, ERR_PARSE, "%s: key '%s' too long", where, key);
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(items[i].name, key)) {
            items[i].value = v;
            return ERR_OK;
        }
    if (*n >= MAX_ITEMS)
        return err_set(e, ERR_PARSE, "%s: too many entries", where);
    snprintf(items[*n].name, NAME_MAX_LEN, "%s", key);
    items[*n].value = v;
    (*n)++;
    return ERR_OK;
}

err_code profile_set(profile *p, const char *section, const char *key, const char *value,
                     const char *where, err *e)
{
    double v;
    if (!strcmp(section, "general")) {
        if (!strcmp(key, "ferry_speed")) {
            if (!parse_number(value, 0.1, 200, &v))
                return err_set(e, ERR_PARSE,
                               "%s: field 'ferry_speed': expected km/h in 0.1..200, got '%s'",
                               where, value);
            p->ferry_kmh = v;
            return ERR_OK;
        }
        if (!strcmp(key, "maxspeed_factor")) {
            if (!parse_number(value, 0.05, 2, &v))
                return err_set(e, ERR_PARSE,
                               "%s: field 'maxspeed_factor': expected 0.05..2, got '%s'", where,
                               value);
            p->maxspeed_factor = v;
            return ERR_OK;
        }
        if (!strcmp(key, "access_deny"))
            return parse_list(value, p->deny, &p->n_deny, where, key, e);
        if (!strcmp(key, "implied_oneway"))
            return parse_list(value, p->oneway, &p->n_oneway, where, key, e);
        return err_set(e, ERR_PARSE, "%s: unknown key '%s' in [general]", where, key);
    }
    if (!strcmp(section, "speeds")) {
        if (!parse_number(value, 1, 300, &v))
            return err_set(e, ERR_PARSE, "%s: field '%s': expected km/h in 1..300, got '%s'", where,
                           key, value);
        err_code rc = set_named(p->speeds, &p->n_speeds, key, v, where, e);
        for (size_t i = 0; i < p->n_speeds; i++)
            p->names[i] = p->speeds[i].name;
        return rc;
    }
    if (!strcmp(section, "surface")) {
        if (!parse_number(value, 0.01, 1, &v))
            return err_set(e, ERR_PARSE, "%s: field '%s': expected a factor in 0.01..1, got '%s'",
                           where, key, value);
        return set_named(p->surface, &p->n_surface, key, v, where, e);
    }
    return err_set(e, ERR_PARSE, "%s: unknown section [%s] (expected general, speeds, surface)",
                   where, section);
}

profile *profile_load(const char *path, err *e)
{
    inifile *ini = inifile_load(path, e);
    if (!ini)
        return NULL;
    profile *p = profile_new();
    size_t n = inifile_count(ini);
    for (size_t i = 0; i < n; i++) {
        const inifile_entry *en = inifile_entry_at(ini, i);
        char where[512];
        snprintf(where, sizeof where, "%s:%zu", path, en->line);
        if (profile_set(p, en->section, en->key, en->value, where, e) != ERR_OK) {
            profile_free(p);
            inifile_free(ini);
            return NULL;
        }
    }
    inifile_free(ini);
    if (p->n_speeds == 0) {
        err_set(e, ERR_PARSE, "%s: no [speeds] entry: no road would be drivable", path);
        profile_free(p);
        return NULL;
    }
    return p;
}

size_t profile_highways(const profile *p, const char *const **names)
{
    *names = p->names;
    return p->n_speeds;
}

bool profile_parse_maxspeed(const char *s, double *kmh)
{
    char *end;
    double d = strtod(s, &end);
    if (end == s || !(d > 0 && d < 400))
        return false;
    while (*end == ' ')
        end++;
    if (*end == '\0' || *end == ';' || !strcmp(end, "km/h") || !strcmp(end, "kmh") ||
        !strcmp(end, "kph")) {
        *kmh = d;
        return true;
    }
    if (!strncmp(end, "mph", 3) && (end[3] == '\0' || end[3] == ';')) {
        *kmh = d * 1.609344;
        return true;
    }
    return false;
}

static bool in_list(const char (*list)[NAME_MAX_LEN], size_t n, const char *v)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], v))
            return true;
    return false;
}

bool profile_eval(const profile *p, const char *const tags[OSM_TAG_COUNT], profile_way *out)
{
    memset(out, 0, sizeof *out);
    const char *hw = tags[OSM_TAG_HIGHWAY];
    double speed = 0;
    for (size_t i = 0; i < p->n_speeds; i++)
        if (!strcmp(p->speeds[i].name, hw))
            speed = p->speeds[i].value;
    if (speed == 0 && !strcmp(tags[OSM_TAG_ROUTE], "ferry")) {
        out->ferry = true;
        speed = p->ferry_kmh;
    }
    if (speed == 0)
        return false;

    /* Access: the most specific tag present decides (motorcar > motor_vehicle > vehicle >
     * access). */
    static const int order[] = {OSM_TAG_MOTORCAR, OSM_TAG_MOTOR_VEHICLE, OSM_TAG_VEHICLE,
                                OSM_TAG_ACCESS};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const char *v = tags[order[i]];
        if (*v) {
            if (in_list(p->deny, p->n_deny, v))
                return false;
            break;
        }
    }

    double bwd_speed = speed;
    if (!out->ferry) {
        /* maxspeed, then maxspeed:forward / maxspeed:backward for their direction only */
        double ms;
        if (*tags[OSM_TAG_MAXSPEED] && profile_parse_maxspeed(tags[OSM_TAG_MAXSPEED], &ms))
            speed = bwd_speed = ms * p->maxspeed_factor;
        const char *msf = tags[OSM_TAG_MAXSPEED_FORWARD], *msb = tags[OSM_TAG_MAXSPEED_BACKWARD];
        if (*msf && profile_parse_maxspeed(msf, &ms))
            speed = ms * p->maxspeed_factor;
        if (*msb && profile_parse_maxspeed(msb, &ms))
            bwd_speed = ms * p->maxspeed_factor;
        const char *sf = tags[OSM_TAG_SURFACE];
        for (size_t i = 0; *sf && i < p->n_surface; i++)
            if (!strcmp(p->surface[i].name, sf)) {
                speed *= p->surface[i].value;
                bwd_speed *= p->surface[i].value;
            }
    }

    const char *ow = tags[OSM_TAG_ONEWAY];
    const char *junction = tags[OSM_TAG_JUNCTION];
    bool fwd = true, bwd = true;
    if (!strcmp(ow, "reversible") || !strcmp(ow, "alternating")) {
        /* direction changes by time of day (reversible) or by signals on a single lane
         * (alternating): never known at planning time, so not routable, as in OSRM's car
         * profile */
        return false;
    } else if (!strcmp(ow, "yes") || !strcmp(ow, "1") || !strcmp(ow, "true")) {
        bwd = false;
    } else if (!strcmp(ow, "-1") || !strcmp(ow, "reverse")) {
        fwd = false;
    } else if (!strcmp(ow, "no") || !strcmp(ow, "false") || !strcmp(ow, "0")) {
        /* explicitly two-way */
    } else if (!strcmp(junction, "roundabout") || !strcmp(junction, "circular") ||
               in_list(p->oneway, p->n_oneway, hw)) {
        bwd = false;
    }
    out->fwd = fwd;
    out->bwd = bwd;
    out->speed_kmh = speed;
    out->bwd_speed_kmh = bwd_speed;
    return fwd || bwd;
}
