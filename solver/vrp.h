/* vrp.h — the periodic vehicle-routing problem and its solution: the model shared by the
 * search, the GLPK parts, the checker and the callers; the solver's options (vrp_params,
 * vrp_move) and the per-stop feasibility test every part relies on (vrp_stop_reason,
 * vrp_diagnose). The algorithm itself is described in solve.h. Knows nothing of files or
 * maps. Costs and matrix entries are integers (STYLE §2); the caller chooses units and scale.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_VRP_H
#define SOLVER_VRP_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define VRP_MAX_DAYS 31           /* day masks are uint32_t, bit d = day d (0-based) */
#define VRP_UNREACHABLE INT32_MAX /* matrix entry for "no route" */

/* Times (window bounds, vehicle starts, the timeline) are in the problem's time units on one
 * clock per day, the clock of the vehicles' start times (jincun's planner: seconds after
 * midnight). Durations and travel times are in the same units. */
#define VRP_TIME_MAX INT32_MAX /* a window's close that never comes: open from `open` on */

/* One location. Nodes 0..n_depots-1 are depots (freq 0); the rest are stops. */
typedef struct vrp_node {
    int32_t demand;              /* per visit, all carriers together (capacity units), delivered;
                                    with visit_demand: the largest visit's (heuristics,
                                    vrp_stop_reason) */
    const int32_t *demand_by;    /* per visit per carrier [n_carriers], or NULL; sums to demand */
    const int32_t *visit_demand; /* [n_days * n_days] or NULL (= `demand` on every visit):
                                    demand of a visit on day d whose previous visit, in the
                                    stop's pattern and taken cyclically over the period, is on
                                    day q: visit_demand[q * n_days + d] (q == d for freq 1).
                                    Weekly volumes: a visit carries what arrived since the
                                    previous one, so its demand depends on its pattern. Read
                                    through vrp_visit_demand. */
    int32_t service;             /* service time per visit (time units) */
    uint32_t freq;               /* visits per period; 0 for depots */
    uint32_t n_patterns;         /* allowed day combinations */
    const uint32_t *patterns;    /* [n_patterns] day masks, each with popcount == freq */
    /* Opening window: service may start no earlier than `open` and no later than `close`
     * (a van arriving earlier waits; arriving later is infeasible). close == 0 means no
     * window (always open; `open` is then ignored), which is what a zeroed node has; an open
     * without a close is close = VRP_TIME_MAX. Needs 0 <= open <= close. Ignored on depots.
     * The window is the same on every day of the period. */
    int32_t open, close;
    /* Pickup per visit (outbound, collected at the stop and brought back to the depot), all
     * carriers together, in capacity units; 0 = none. The van leaves the depot with the
     * demand of all its stops and, at each stop, unloads `demand` and loads `pickup`: its
     * load must stay within capacity at every point of the route (vrp_timeline). */
    int32_t pickup;
    const int32_t *pickup_by; /* per visit per carrier [n_carriers], or NULL; sums to pickup */
} vrp_node;

/* The day of the visit before the one on day d in day mask `mask` (d in mask), cyclically:
 * the highest day of mask below d, else the highest day of mask (d itself when it is alone). */
static inline uint32_t vrp_prev_day(uint32_t mask, uint32_t d)
{
    uint32_t below = mask & ((1u << d) - 1u);
    uint32_t m = below ? below : mask;
    return m ? 31u - (uint32_t)__builtin_clz(m) : d;
}

/* Demand of node n's visit on day d when it is served on the days of `mask` (n_days of the
 * problem): n->demand, or its visit_demand entry. */
static inline int32_t vrp_visit_demand(const vrp_node *n, uint32_t n_days, uint32_t mask,
                                       uint32_t d)
{
    if (!n->visit_demand)
        return n->demand;
    return n->visit_demand[vrp_prev_day(mask, d) * n_days + d];
}

/* One vehicle; it may work on every day in `days`, one route per day, from and back to its
 * depot. */
typedef struct vrp_vehicle {
    uint32_t depot;        /* node index < n_depots */
    int32_t capacity;      /* capacity units per route, at every point of it (with pickups) */
    int32_t max_duration;  /* route duration (vrp_timeline: travel + waiting + service, from
                              leaving the depot to coming back), 0 = unlimited */
    int32_t max_distance;  /* per route (range of an electric van), 0 = unlimited */
    uint32_t days;         /* mask of days it is available */
    int64_t fixed_cost;    /* per used vehicle-day */
    int64_t cost_per_dist; /* per distance unit */
    int64_t cost_per_time; /* per time unit of route duration (travel + waiting + service) */
    int32_t start;         /* earliest departure from the depot, on the clock of the windows
                              (jincun's planner passes the scenario's shift_start or the van's
                              own start); 0 by default. Only windows make it matter. */
    int64_t weekly_cost;   /* once per period when the vehicle has at least one route (lease,
                              insurance, a driver kept for the week); 0 = none. Charged in the
                              solution's cost, not in any route's */
} vrp_vehicle;

/* The instance. Borrowed arrays: the caller keeps them alive while the problem is used. */
typedef struct vrp_problem {
    uint32_t n_nodes;      /* depots + stops */
    uint32_t n_depots;     /* >= 1 */
    uint32_t n_days;       /* period length, 1..VRP_MAX_DAYS */
    uint32_t n_carriers;   /* columns of demand_by (0 = not tracked) */
    const vrp_node *nodes; /* [n_nodes] */
    uint32_t n_vehicles;
    const vrp_vehicle *vehicles; /* [n_vehicles] */
    const int32_t *time;         /* [n_nodes * n_nodes] row-major travel time, asymmetric allowed */
    const int32_t *dist;         /* [n_nodes * n_nodes] travel distance */
} vrp_problem;

/* One route: a vehicle on a day visiting stops in order (depot not listed). */
typedef struct vrp_route {
    uint32_t day;     /* 0-based */
    uint32_t vehicle; /* index into problem->vehicles */
    uint32_t n_stops;
    uint32_t *stops;  /* [n_stops] node indices >= n_depots, owned by the solution */
    int32_t load;     /* on board leaving the depot: sum of the visits' demand (vrp_visit_demand
                         on the stops' patterns) */
    int64_t distance; /* depot → stops → depot */
    int64_t duration; /* vrp_timeline's duration: travel + waiting + service */
    int64_t cost;     /* fixed + per-distance + per-time of this route */
} vrp_route;

/* ---- a route's timeline and load profile -------------------------------------------------
 * The one definition of when a van is where, shared by the search, the checker
 * (solver/check.c) and the outputs (io/planner): nobody else adds up arrival times.
 * Rules:
 *  - The van leaves its depot at its `start`, or later by exactly the wait it would have at
 *    its first stop: it never waits at the first stop (it leaves when it will arrive as that
 *    stop opens). Nothing after the first stop changes by this, only the idle time at the
 *    start of the shift, which is then neither paid (cost_per_time) nor counted in the shift.
 *  - Arrival at a stop = departure from the previous one + travel time. Service starts at
 *    max(arrival, open) (the van waits for the window to open) and ends `service` later,
 *    when the van leaves. Arriving after `close` breaks the window (the timeline goes on with
 *    service starting at the arrival).
 *  - Back at the depot = departure from the last stop + travel time. The duration is back
 *    minus departure: travel + waiting + service; max_duration and cost_per_time apply to it.
 *  - Load: the van leaves with the demand of all its stops; after each stop it has
 *    load - demand + pickup. The peak over the departure and every stop must be <= capacity.
 * Without windows and pickups, duration = travel + service and peak = load, as before. */

/* One visit of a timeline. */
typedef struct vrp_visit_time {
    int64_t arrival;    /* reaches the stop */
    int64_t wait;       /* waits for the window to open: start - arrival, >= 0 */
    int64_t start;      /* service starts */
    int64_t departure;  /* service ends, the van leaves */
    int64_t load_after; /* on board when it leaves */
} vrp_visit_time;

/* A route's timeline, totals and feasibility. */
typedef struct vrp_timeline {
    int64_t departure; /* leaves the depot (>= the vehicle's start) */
    int64_t back;      /* returns to the depot */
    int64_t duration;  /* back - departure */
    int64_t wait;      /* total waiting at the stops */
    int64_t distance;  /* depot → stops → depot */
    int64_t load;      /* on board leaving the depot: sum of demand */
    int64_t peak;      /* largest load on board at any point */
    int64_t pickup;    /* brought back: sum of pickup */
    uint32_t late;     /* position (0-based) of the first stop whose window is missed, or
                          UINT32_MAX when none is */
    uint32_t overload; /* position of the first stop after which the load exceeds capacity,
                          UINT32_MAX when none does (the departure itself: see `load`) */
    bool unreachable;  /* some leg has no road (VRP_UNREACHABLE); times then skip that leg */
    bool feasible;     /* reachable, no window missed, peak <= capacity, duration and
                          distance within the vehicle's limits */
} vrp_timeline;

/* A piece of a route: stops[0..n) in order, or in reverse when `reversed`. The search
 * evaluates candidate routes as a few pieces of existing ones without copying them. */
typedef struct vrp_seg {
    const uint32_t *stops;
    uint32_t n;
    bool reversed;
} vrp_seg;

/* The timeline of vehicle `vehicle` of p driving the stops of segs[0..n_segs) in order, from
 * and back to its depot, by the rules above. Fills *out and, when visits is not NULL,
 * visits[k] for the k-th stop (caller gives room for all stops). With `full` false the
 * evaluation may stop at the first broken limit (the search's feasibility test): *out then
 * has feasible == false and its other figures are partial; with `full` true (the checker, the
 * outputs) everything is computed. Returns out->feasible. An empty route is feasible, with
 * departure = back = the vehicle's start and all totals 0.
 * The route runs on day `day`; pattern[n_nodes] holds the stops' day masks (the plan's, e.g.
 * vrp_solution.pattern), so that a stop with visit_demand delivers that day's visit
 * (vrp_visit_demand); pattern NULL: every stop delivers its `demand`. */
bool vrp_timeline_segs(const vrp_problem *p, uint32_t vehicle, uint32_t day,
                       const uint32_t *pattern, const vrp_seg *segs, uint32_t n_segs, bool full,
                       vrp_visit_time *visits, vrp_timeline *out);

/* Same for the stops[0..n) of one route. */
bool vrp_route_timeline(const vrp_problem *p, uint32_t vehicle, uint32_t day,
                        const uint32_t *pattern, const uint32_t *stops, uint32_t n,
                        vrp_visit_time *visits, vrp_timeline *out);

/* Same, but the van leaves exactly at `depart` instead of by the first rule above (lines mode's
 * fixed departures): arriving early at its first stop it waits there like anywhere else. A
 * departure before the vehicle's start is infeasible (out->feasible false, times as given). */
bool vrp_route_timeline_at(const vrp_problem *p, uint32_t vehicle, uint32_t day,
                           const uint32_t *pattern, int64_t depart, const uint32_t *stops,
                           uint32_t n, vrp_visit_time *visits, vrp_timeline *out);

/* True when some stop of p has a window (close > 0), resp. a pickup (> 0). Without either,
 * every route's timeline is the plain sums: duration = travel + service, peak = load. */
bool vrp_has_windows(const vrp_problem *p);
bool vrp_has_pickups(const vrp_problem *p);

/* Why the search that made a plan ended. */
typedef enum vrp_end {
    VRP_END_NONE = 0,   /* no search ran: a plan read or built elsewhere, or nothing to serve */
    VRP_END_ITERATIONS, /* max_iterations reached: the plan depends only on the problem, the
                           seed and the limit */
    VRP_END_TIME,       /* time_limit_s reached; with max_iterations set, before it (the safety
                           net), so the plan depends on the machine's speed */
    VRP_END_INTERRUPTED /* the interrupt flag */
} vrp_end;

/* Short English text of e ("the iteration limit"). Never NULL. */
const char *vrp_end_text(vrp_end e);

/* A plan. Owned by whoever got it from a solver (free with vrp_solution_free). */
typedef struct vrp_solution {
    uint32_t n_nodes;
    uint32_t *pattern; /* [n_nodes] chosen day mask per node, 0 for depots and skipped stops */
    size_t n_routes;
    vrp_route *routes; /* sorted by day, then vehicle */
    int64_t cost;      /* sum of route costs, plus the weekly_cost of each vehicle with a route */
    vrp_end end;       /* why the search that made it ended (vrp_solve), else VRP_END_NONE */
} vrp_solution;

/* Frees a solution's arrays and the solution itself; NULL is a no-op. */
void vrp_solution_free(vrp_solution *s);

/* Number of stops (freq > 0) with pattern 0 in s, i.e. not served. */
size_t vrp_solution_unserved(const vrp_problem *p, const vrp_solution *s);

/* Options of vrp_solve. Initialise with vrp_params_init, then set fields. */
typedef struct vrp_params {
    uint64_t seed;           /* random seed (default 1); same seed ⇒ same solution when the
                                run is stopped by max_iterations */
    double time_limit_s;     /* wall-clock limit in seconds, 0 = none (default 10); with
                                max_iterations set only a safety net (see solve.h) */
    uint64_t max_iterations; /* ruin-and-recreate iterations, 0 = none (default 0; 20000 when
                                there is no time limit either) */
    bool use_lp;             /* use the GLPK MIPs of solver/lp.h (default true) */
    const volatile sig_atomic_t *interrupted; /* non-zero ⇒ stop and return the best so far;
                                                 NULL = never */
    uint32_t avg_removed;                     /* mean stops removed per ruin (default 10) */
    double temp_start; /* annealing temperature at the start and at the end of the run, as */
    double temp_end;   /* fractions of the best plan's mean arc cost (3, 0.03) */
    bool local_search; /* the vrp_move local search on each candidate new best (default true) */
} vrp_params;

/* Fills p with the defaults above. */
void vrp_params_init(vrp_params *p);

/* The moves of the solver's local search. Each is applied only when it lowers the plan's cost
 * and keeps every route within its vehicle's capacity, shift and distance. */
typedef enum vrp_move {
    VRP_MOVE_2OPT = 1,      /* reverse a stretch of a route */
    VRP_MOVE_RELOCATE = 2,  /* move 1-3 consecutive stops elsewhere on the same day (or-opt) */
    VRP_MOVE_SWAP = 4,      /* two stops of different routes of a day trade places */
    VRP_MOVE_2OPT_STAR = 8, /* two routes of a day exchange their tails */
    VRP_MOVE_PATTERN = 16,  /* a stop takes its best day pattern and positions */
    VRP_MOVES_ALL = 31
} vrp_move;

/* Why a stop cannot be served whatever the other stops do. */
typedef enum vrp_reason {
    VRP_REASON_NO_PATTERN = 1, /* no allowed pattern has `freq` days inside the period */
    VRP_REASON_DEMAND,         /* demand (or pickup) exceeds the capacity of every vehicle */
    VRP_REASON_UNREACHABLE,    /* no vehicle can go there and back (no road, or the round trip
                                  alone exceeds its max duration / max distance) */
    VRP_REASON_NO_DAYS,        /* no allowed pattern has a capable vehicle on each of its days */
    VRP_REASON_WINDOW          /* its window closes before any vehicle that can go there and
                                  back gets there (leaving at its start): tested after
                                  VRP_REASON_UNREACHABLE, before VRP_REASON_NO_DAYS */
} vrp_reason;

/* One diagnosed stop. */
typedef struct vrp_diag {
    uint32_t node;     /* stop index (>= n_depots) */
    vrp_reason reason; /* the first failing test, in the order of vrp_reason */
} vrp_diag;

/* Short English text of a reason ("demand exceeds every vehicle's capacity"). Never NULL. */
const char *vrp_reason_text(vrp_reason r);

/* True when day mask `mask` is a usable pattern of stop i of p: inside the period and with
 * exactly freq days. (Allowed patterns that fail this are ignored by the solver.) */
bool vrp_pattern_valid(const vrp_problem *p, uint32_t i, uint32_t mask);

/* Tests stop i of p on its own: returns 0 when some allowed pattern has, on each of its days, a
 * vehicle that can carry the stop's demand and go there and back within its limits, else the
 * first failing reason. */
vrp_reason vrp_stop_reason(const vrp_problem *p, uint32_t i);

/* Tests every stop of p on its own (can some vehicle on the days of some allowed pattern
 * carry its demand and get there and back within its limits?). Writes a malloc'd array of
 * the infeasible stops, in node order, to *out (caller frees; NULL when none) and their number
 * to *n_out. Returns ERR_OK, or ERR_INFEASIBLE when p has stops and none is feasible (the
 * array is still filled). A stop passing this test may still be left out by vrp_solve when the
 * fleet as a whole is too small. */
err_code vrp_diagnose(const vrp_problem *p, vrp_diag **out, size_t *n_out, err *e);

#endif
