/* scenario.h — a planning scenario: a folder a person edits in a text editor or WPS/Excel,
 * holding settings.ini, stops.csv and vehicles.csv (UTF-8, Chinese names welcome). The format
 * is documented in scenarios/README.md. Reading validates everything: any mistake is
 * ERR_PARSE with "FILE:LINE: column 'x': expected ..., got '...'", never a half-read scenario.
 * SPDX-License-Identifier: MIT */
#ifndef IO_SCENARIO_SCENARIO_H
#define IO_SCENARIO_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "maps/chinacrs.h"
#include "util/err.h"

#define SCENARIO_MAX_DAYS 7        /* working days of one week: day masks fit in uint32_t */
#define SCENARIO_MAX_CARRIERS 16   /* courier companies sharing the routes */
#define SCENARIO_MAX_PATTERNS 128  /* allowed day combinations per stop */
#define SCENARIO_MAX_STOPS 20000   /* rows of stops.csv (travel matrices: 3.2 GB at the most) */
#define SCENARIO_MAX_VEHICLES 2000 /* rows of vehicles.csv */

/* Same order as plan_kind in io/plan/plan.h. */
typedef enum scenario_kind { SCENARIO_DEPOT, SCENARIO_TOWNSHIP, SCENARIO_VILLAGE } scenario_kind;

/* One row of stops.csv. */
typedef struct scenario_stop {
    char *id;       /* unique id, as written */
    char *code;     /* 12-digit NBS code, "" if unknown */
    char *name;     /* 名称, UTF-8 */
    char *township; /* township name, "" if none */
    scenario_kind kind;
    bool has_point;  /* lon/lat given (false: needs `jincun geocode`) */
    double lon, lat; /* WGS84 degrees (converted from `crs` on reading); 0 when !has_point */
    chinacrs crs;    /* system lon/lat were given in: the row's crs column, else [scenario] crs */
    char *geocode;   /* how the point was found ("exact", "normalised", ...), "" if given */
    uint32_t freq;   /* required visits per week; 0 for depots */
    uint32_t n_patterns;
    uint32_t *patterns;    /* [n_patterns] allowed day masks (bit d = scenario day d), each with
                              popcount == freq, distinct, ascending; NULL for depots */
    int32_t *demand;       /* [n_carriers] parcels per visit per carrier (all 0 for depots):
                              the carrier's column; with weekly volumes the part given per visit */
    int32_t demand_total;  /* sum of demand: parcels per visit (without the weekly volumes) */
    int32_t *week;         /* [n_carriers] parcels per week per carrier (columns CARRIER_week),
                              0 where not given; NULL when the row gives none. A visit then
                              carries what arrived since the previous visit: see
                              scenario_visit_parcels */
    int32_t *pickup;       /* [n_carriers] outbound parcels (揽收, farm produce) collected per
                              visit per carrier (columns CARRIER_out), all 0 if none given */
    int32_t pickup_total;  /* sum of pickup */
    int32_t largest_visit; /* parcels of the stop's largest visit over its allowed patterns
                              (demand_total when week is NULL) */
    int32_t service_s;     /* time at the stop per visit, seconds: the stop's service_min or
                              settings per-stop time, plus per-parcel time x the parcels of its
                              largest visit (largest_visit) and its pickup_total */
    size_t line;           /* line in stops.csv, for messages */
    /* opening hours (stops.csv open, close as HH:MM): the van may start its service no
     * earlier than open_s and no later than close_s, seconds after midnight; open alone
     * closes at 24:00, close alone opens at 00:00. has_window false: always open. */
    bool has_window;
    int32_t open_s, close_s;
} scenario_stop;

/* One row of vehicles.csv. */
typedef struct scenario_vehicle {
    char *id;         /* unique id */
    char *driver;     /* driver name, "" if none */
    uint32_t depot;   /* index into stops; that stop has kind SCENARIO_DEPOT */
    int32_t capacity; /* parcels per route */
    int32_t shift_s;  /* longest route (driving + service), seconds */
    int32_t range_m;  /* longest route, metres; 0 = unlimited */
    bool electric;
    uint32_t days;        /* mask of scenario days it works */
    double cost_per_km;   /* currency per km driven */
    double cost_per_hour; /* currency per hour of route (driver) */
    double fixed_cost;    /* currency per day used */
    double weekly_cost;   /* currency per week when the van has any route (lease, insurance,
                             the driver's wage for the week); vehicles.csv weekly_cost, else
                             settings.ini [costs] weekly_per_van, else 0 */
    double use_per_100km; /* litres of diesel (or kWh if electric) per 100 km */
    double co2_per_unit;  /* kg CO2 per litre (or per kWh) */
    size_t line;          /* line in vehicles.csv */
    int32_t start_s;      /* leaves its depot (vehicles.csv start, HH:MM), seconds after
                             midnight; settings.ini shift_start when not given */
    bool own_start;       /* start_s came from vehicles.csv */
} scenario_vehicle;

/* Settings from settings.ini (with defaults applied) and the tables. Owns everything. */
typedef struct scenario {
    char *dir;          /* the scenario folder, as given */
    char *name;         /* [scenario] name */
    char *map_path;     /* map file: the folder joined with [scenario] map */
    char *map_hint;     /* how to obtain the map ([scenario] map_hint), "" if none */
    char *profile_path; /* road profile file, NULL = built-in car profile */
    char *stops_path;   /* the stops file read */
    char *vehicles_path;
    uint32_t n_days;                       /* working days, 1..SCENARIO_MAX_DAYS */
    char *day_names[SCENARIO_MAX_DAYS];    /* "mon", "tue", ... in week order */
    uint32_t weekday[SCENARIO_MAX_DAYS];   /* 0 = Monday .. 6 = Sunday */
    char *week_start;                      /* ISO date of the Monday of the week, "" if none */
    char *timezone;                        /* "Asia/Shanghai" */
    char *utc_offset;                      /* "+08:00" */
    chinacrs crs;                          /* [scenario] crs: stops.csv lon/lat default system */
    uint32_t n_carriers;                   /* 1..SCENARIO_MAX_CARRIERS */
    char *carriers[SCENARIO_MAX_CARRIERS]; /* company names = demand columns of stops.csv */
    uint32_t freq_village;                 /* default visits per week of a village */
    uint32_t freq_township;                /* default visits per week of a township */
    uint32_t max_gap_h;     /* [frequency] max_gap_days x 24 or max_gap_hours: longest time allowed
                               between two visits of a stop, the week wrapping round, counted in
                               whole days (a pattern's gap in days x 24 must not exceed it);
                               0 = no limit */
    char *max_gap_key;      /* the key that set it ("max_gap_days = 3"), for messages; "" if none */
    int32_t service_stop_s; /* default time per stop visit, seconds */
    double service_parcel_s;   /* extra time per parcel handed over, seconds */
    int32_t shift_start_s;     /* routes leave the depot, seconds after 00:00 */
    char *currency;            /* "CNY" */
    double co2_per_l_diesel;   /* kg CO2 per litre of diesel */
    double co2_per_kwh;        /* kg CO2 per kWh (grid) */
    double time_limit_s;       /* solver time limit, seconds */
    uint64_t iterations;       /* solver iteration limit, 0 = none */
    uint64_t seed;             /* random seed */
    double snap_radius_m;      /* farthest a stop may be from a road */
    bool lines;                /* [consistency] mode: lines (default) or free */
    bool same_van;             /* [consistency] same_van: a township on two lines
                                  keeps one van (default no; a village on one line
                                  always has one) */
    int32_t township_spread_s; /* [consistency] township_spread_min (default 30),
                                  seconds: largest difference between a township's
                                  arrival times over its days (lines mode) */
    int32_t village_spread_s;  /* [consistency] village_spread_min (default 15) */
    bool compare_free;         /* [consistency] compare_free: in lines mode also
                                  plan in free mode for the cost of consistency
                                  (default yes) */
    size_t n_stops;
    scenario_stop *stops; /* [n_stops] in file order (depots included) */
    size_t n_vehicles;
    scenario_vehicle *vehicles; /* [n_vehicles] in file order */
} scenario;

/* Options of scenario_load_opts. */
typedef struct scenario_opts {
    const char *stops_path; /* NULL = DIR/stops.csv (e.g. DIR/stops.geocoded.csv instead) */
    bool need_map;          /* the map file must exist (default true) */
} scenario_opts;

/* Defaults: stops.csv in the folder, map required. */
void scenario_opts_init(scenario_opts *o);

/* Reads and validates the scenario in folder dir; *out gets a new scenario (caller frees with
 * scenario_free). Returns ERR_OK; ERR_IO if a file is missing or unreadable (a missing map
 * names the file and the map_hint); ERR_PARSE for any mistake in the files (bad value,
 * duplicate id, unknown depot/kind/day, negative demand, frequency above the working days,
 * no stops or no vehicles, more than SCENARIO_MAX_STOPS stops or SCENARIO_MAX_VEHICLES
 * vehicles; a file larger than its limit, see csvread.h and inifile.h), with file:line and column
 * in the message. On error *out = NULL. */
err_code scenario_load(const char *dir, scenario **out, err *e);
err_code scenario_load_opts(const char *dir, const scenario_opts *o, scenario **out, err *e);

/* Frees sc and everything it owns; NULL is a no-op. */
void scenario_free(scenario *sc);

/* ERR_PARSE if a stop has no coordinates: names the first such stop with its line and how
 * many there are, and says to run `jincun geocode DIR` or fill lon/lat. */
err_code scenario_require_points(const scenario *sc, err *e);

/* Parcels per carrier (into by[n_carriers], may be NULL) and in total (returned) that stop st
 * receives at its visit on scenario day `day` when its previous visit, going back round the
 * week, was on day `prev` (prev == day: once a week). The per-visit columns count in full;
 * each weekly volume W is taken to arrive evenly over the 7 days of the calendar week, weekend
 * included: a visit carries the arrivals of the calendar days after the previous visit's day
 * up to and including its own, cum(t) = round(W * t / 7) counted from Monday, so the visits of
 * any pattern carry exactly W a week. Mon/Wed/Fri with W = 70: 30 on Monday (Sat, Sun, Mon),
 * 20 on Wednesday, 20 on Friday. */
int32_t scenario_visit_parcels(const scenario *sc, const scenario_stop *st, uint32_t prev,
                               uint32_t day, int32_t *by);

/* Index of the stop with id, or SIZE_MAX. */
size_t scenario_find_stop(const scenario *sc, const char *id);

/* Every evenly spread pattern of freq visits over n_days working days taken as a weekly
 * cycle: day sets {s + floor(k * n_days / freq) mod n_days : k < freq} for each start s,
 * distinct, ascending. 6 days, 3 visits: mon+wed+fri, tue+thu+sat. Writes up to max masks to
 * out and returns how many there are. freq must be 1..n_days. */
uint32_t scenario_spread_patterns(uint32_t n_days, uint32_t freq, uint32_t *out, uint32_t max);

/* The longest gap of day pattern mask over sc's working days, in days: the most calendar days
 * from one visit day to the next, the week wrapping round (mon+wed+fri: 3, fri to mon; one day
 * a week: 7). 0 for an empty mask. */
uint32_t scenario_pattern_gap_days(const scenario *sc, uint32_t mask);

/* Parses a day set over the scenario's working days: "mon-sat", "mon+wed+fri", "mon,tue",
 * "all"; day names mon..sun (or monday.., 周一..周日, 星期一..星期日). Sets *mask or returns
 * ERR_PARSE with a message naming the bad day (no file position: callers add it). */
err_code scenario_parse_days(const scenario *sc, const char *text, uint32_t *mask, err *e);

#endif
