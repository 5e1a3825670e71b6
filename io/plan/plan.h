/* plan.h — a solved weekly delivery plan as the outputs see it: stops, vehicles and routes
 * with names, times, parcels per carrier and road geometry. Built by `jincun plan`
 * (io/planner/planner.c), written to plan.json and read back by `jincun export`
 * (io/plan/planjson.c), and turned into GPX, GeoJSON, the map page and driver sheets
 * (io/export/). The names of the stop kinds and of a set of days are made here, so every
 * output spells them alike.
 * All strings are UTF-8 and owned by the plan. SPDX-License-Identifier: MIT */
#ifndef IO_PLAN_PLAN_H
#define IO_PLAN_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef enum plan_kind { PLAN_DEPOT, PLAN_TOWNSHIP, PLAN_VILLAGE } plan_kind;

typedef struct plan_stop {
    char *id;       /* scenario id */
    char *code;     /* 12-digit NBS code or "" */
    char *name;     /* 名称 */
    char *township; /* township name or "" */
    plan_kind kind;
    double lon, lat; /* WGS84 as snapped to the road (input point if not snapped) */
    double snap_m;   /* snap distance, -1 if not snapped */
    uint32_t freq;   /* required visits per week (0 for depots) */
    uint32_t days;   /* mask of days served (bit d = scenario day d) */
    int32_t *demand; /* [n_carriers] parcels per visit per carrier (with week: the part given
                        per visit) */
    int32_t *week;   /* [n_carriers] parcels per week per carrier, each visit carrying what
                        arrived since the previous one; NULL when none is given */
    int32_t *pickup; /* [n_carriers] outbound parcels collected per visit per carrier (揽收);
                        NULL when none */
    char *problem;   /* NULL if served as required, else why not (infeasible, not snapped) */
    /* opening hours (stops.csv open/close): service starts between open_s and close_s,
     * seconds after midnight; has_window false = always open (plan.json: open_s and close_s
     * only when true) */
    bool has_window;
    int32_t open_s, close_s;
} plan_stop;

typedef struct plan_vehicle {
    char *id;         /* "van03" */
    char *driver;     /* driver's name for itineraries and sheets; NULL or "" if unknown */
    uint32_t depot;   /* index into stops */
    int32_t capacity; /* parcels */
    int32_t shift_s;  /* shift length, seconds */
    int32_t range_m;  /* 0 = unlimited */
    bool electric;
    double cost_per_km;
    double fixed_cost;    /* per day used */
    int32_t start_s;      /* earliest departure from the depot, seconds after midnight (its own
                             vehicles.csv start or shift_start); -1 = not recorded (plan.json
                             has start_s only for vans with their own start) */
    bool own_start;       /* start_s came from vehicles.csv */
    double use_per_100km; /* litres (diesel) or kWh (electric) per 100 km; 0 = not recorded
                             (plans before it: summaries and compare use the defaults) */
    double co2_per_unit;  /* kg CO2 per litre or kWh; 0 = not recorded */
} plan_vehicle;

typedef struct plan_visit {
    uint32_t stop;     /* index into stops */
    int32_t arrival_s; /* seconds after midnight of the route's day */
    int32_t departure_s;
    int32_t *parcels;   /* [n_carriers] handed over at this stop */
    int32_t *pickup;    /* [n_carriers] outbound parcels collected at this stop; NULL = none */
    int32_t load_after; /* parcels on board after the stop: those still to hand over plus
                           those collected so far */
    int32_t leg_m;      /* road metres from the previous stop (or depot) */
    int32_t leg_s;      /* seconds of that leg */
} plan_visit;

typedef struct plan_route {
    uint32_t day;     /* scenario day index */
    uint32_t vehicle; /* index into vehicles */
    uint32_t line;    /* index into lines; ignored when the plan has none (free mode) */
    int32_t start_s;  /* leaves the depot, seconds after midnight */
    int32_t end_s;    /* back at the depot */
    int32_t dist_m;   /* total road metres including the return leg (plan.json: "km_m") */
    int32_t return_m; /* metres of the last leg back to the depot */
    int32_t return_s;
    size_t n_visits;
    plan_visit *visits;
    size_t n_points; /* road geometry of the whole route, depot to depot */
    double *lonlat;  /* [2 * n_points] */
} plan_route;

/* A line (线路): one van, and so its driver (vehicles[vehicle].driver), runs the same stops in
 * the same order, leaving the depot at the same time, on every day of its day pattern. A plan
 * made in lines mode has lines and every route belongs to one: the routes of line l are the
 * routes with line == l, one on each day of `days`, all with the same visits and times. */
typedef struct plan_line {
    uint32_t vehicle; /* index into vehicles; its driver drives the line */
    uint32_t days;    /* mask of the days it runs (bit d = scenario day d), never 0 */
    int32_t start_s;  /* departure from the depot, seconds after midnight, on each of its days */
} plan_line;

/* The consistency rules a plan was made under ([consistency] of settings.ini), kept in the
 * plan so that plan_check (and so `jincun export`) verifies them on what the plan holds. */
typedef struct plan_consistency {
    bool lines;                /* made in lines mode: every route belongs to a line */
    bool same_van;             /* each stop is served by one van on all its days */
    int32_t township_spread_s; /* largest difference between a township's arrival times over
                                  its service days, seconds; < 0 = not checked */
    int32_t village_spread_s;  /* the same for a village */
} plan_consistency;

/* One stop's parcels handed to a bus run (客运班车代运): a visit on the run's day like a van's. */
typedef struct plan_bus_drop {
    uint32_t stop;     /* index into stops */
    int32_t arrival_s; /* the bus's timetable arrival there, seconds after midnight */
    int32_t *parcels;  /* [n_carriers] parcels dropped for the village station */
} plan_bus_drop;

/* A run of a bus line that carries parcels on its day. Only runs with drops are in a plan. */
typedef struct plan_bus_run {
    char *line;         /* the bus line's name (buses.csv 'line') */
    uint32_t day;       /* scenario day index */
    int32_t depart_s;   /* departure from the line's first stop, seconds after midnight */
    uint32_t loading;   /* index into stops: the depot where the parcels are handed over */
    int32_t deadline_s; /* latest time the parcels must be there */
    int32_t capacity;   /* parcels the run may carry */
    double fee;         /* what the run is paid, in the scenario's currency */
    size_t n_drops;
    plan_bus_drop *drops; /* [n_drops] in calling order */
    size_t n_points;      /* the line's road path from its first to its last stop */
    double *lonlat;       /* [2 * n_points] */
} plan_bus_run;

/* What the same scenario costs with vans only (the plan's buses are compared against it). */
typedef struct plan_van_only {
    double cost;   /* scenario cost model, currency */
    double km;     /* van km per week */
    double hours;  /* van route hours per week */
    double co2_kg; /* van CO2 per week, kg */
} plan_van_only;

typedef struct plan {
    char *scenario;   /* scenario name */
    char *map_path;   /* OSM file used ("" if unknown) */
    char *timezone;   /* "Asia/Shanghai" */
    char *utc_offset; /* "+08:00" */
    char *week_start; /* ISO date of day 0 ("2026-11-30"), for GPX times */
    uint64_t seed;
    uint32_t n_days;
    char **day_names; /* [n_days] "mon", "tue", ... */
    uint32_t n_carriers;
    char **carriers; /* [n_carriers] company names */
    size_t n_stops;
    plan_stop *stops;
    size_t n_vehicles;
    plan_vehicle *vehicles;
    size_t n_routes;
    plan_route *routes;           /* sorted by day, then vehicle */
    double total_cost;            /* in the scenario's currency */
    size_t n_lines;               /* 0 for a plan made in free mode */
    plan_line *lines;             /* [n_lines] sorted by vehicle, then first day */
    bool has_consistency;         /* the plan was made under consistency rules (lines mode) */
    plan_consistency consistency; /* those rules; meaningful when has_consistency */
    size_t n_bus_runs;            /* 0 when no bus carries parcels */
    plan_bus_run *bus_runs;       /* [n_bus_runs] sorted by day, then departure, then line */
    bool has_van_only;            /* van_only holds the van-only plan (scenario with buses) */
    plan_van_only van_only;       /* meaningful when has_van_only */
    /* The seeds planned when the plan is the best of several (`jincun plan --seeds N`): their
     * total costs measure how much the cost of this scenario moves with the seed alone, which
     * `jincun compare` uses to tell a real effect from noise. n_spread = 0 for a plan of one
     * seed (plan.json then has no "spread" member). */
    size_t n_spread;
    uint64_t *spread_seed; /* [n_spread] seeds in the order planned */
    double *spread_cost;   /* [n_spread] total cost of each, rounded as total_cost */
    bool time_stopped;     /* the solver's time limit, not its iteration limit, ended the search:
                              the plan depends on the machine's speed (plan.json
                              "time_stopped": true, absent when false) */
} plan;

/* Frees everything a plan owns, then the plan; NULL is a no-op. */
void plan_free(plan *p);

/* The kind as a lower-case word, the one spelling every output uses: "depot", "township",
 * "village". k must be a plan_kind. */
const char *plan_kind_name(plan_kind k);

/* The kind named s (exactly as plan_kind_name spells it) into *k; false if none is. */
bool plan_kind_parse(const char *s, plan_kind *k);

/* Writes the names of the days in mask (bit d = p->day_names[d]) joined by '+' into buf (size
 * bytes, cut at the end if too small), "mon+wed+fri", or none when mask has none of p's days.
 * Returns buf. */
const char *plan_days_text(const plan *p, uint32_t mask, const char *none, char *buf, size_t size);

/* Number of days in a day mask. */
unsigned plan_days_count(uint32_t mask);

/* Checks that a plan agrees with itself the way `jincun plan` writes it, so that the exports
 * of a hand-edited plan.json cannot give a driver an impossible day. The independent checker
 * (solver/check.h) needs the travel matrices, the vans' working days and the allowed day
 * patterns, which a plan does not hold; this checks the same rules on what it holds:
 *  - indices in range and arrays present (day, vehicle, stop, a vehicle's depot);
 *  - each route: no depot among its visits and no stop twice; a visit departs no earlier than
 *    it arrives, and arrives no earlier than the previous departure (or the start) plus its
 *    leg; back at the depot no earlier than the last departure plus the return leg; end minus
 *    start within the van's shift; leaves no earlier than the van's start (when recorded);
 *    each stop with a window reached no later than it closes and left no earlier than it
 *    opens (the plan holds no service times: a van waiting for the opening leaves after
 *    it); the parcels loaded (those of all its visits) within the van's capacity, and
 *    load_after what is on board after each stop (left to hand over plus the outbound
 *    parcels collected so far), within the capacity too; dist_m the sum of the legs
 *    and the return leg, within the van's range; no negative leg or parcel count;
 *  - each day: a van drives at most one route, and a stop is visited by at most one route;
 *  - each stop: its days are the days its routes (and bus runs) visit it, and a stop with no
 * problem is served on at least freq days;
 *  - with lines: each route's line in range, its day one of the line's days, its van the
 *    line's van and its start the line's departure; each line has a route on each of its days
 *    and those routes visit the same stops in the same order at the same times;
 *  - bus runs: day, loading depot and stops in range, no depot dropped at; the parcels of its
 *    drops within the run's capacity; a stop gets parcels from a van or a bus, never both on
 *    one day, and its days include its bus days;
 *  - with consistency rules: every route on a line (lines), each stop served by one van
 *    (same_van), and the spread of each township's and village's arrival times over its days
 *    within the allowed minutes.
 * Returns ERR_OK, or ERR_PARSE with the first problem, naming the route (1-based, with its
 * day and vehicle) and the stop: "route 2 (tue, van01): leaves 'V1' 青坪村 at 08:20, before
 * it arrives at 08:30". p is borrowed. */
err_code plan_check(const plan *p, err *e);

#endif
