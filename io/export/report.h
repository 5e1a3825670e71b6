/* report.h — the human-readable outputs of `jincun plan`: summary.txt (the page an officer
 * reads), routes.csv (one row per stop of every route) and stops.csv (one row per stop).
 * SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_REPORT_H
#define IO_EXPORT_REPORT_H

#include <stdio.h>

#include "io/plan/plan.h"
#include "util/err.h"

/* Fuel and CO2 factors of the estimate in summary.txt. They are assumptions (the summary says
 * so and prints them); scenario settings may override them. */
typedef struct report_factors {
    double diesel_l_per_100km;    /* diesel van consumption, litres per 100 km (default 10) */
    double diesel_kg_co2_per_l;   /* tailpipe CO2 of diesel, kg per litre (default 2.68) */
    double ev_kwh_per_100km;      /* electric van consumption, kWh per 100 km (default 20) */
    double grid_kg_co2_per_kwh;   /* grid CO2 intensity, kg per kWh (default 0.58) */
    const char *currency;         /* label of costs ("CNY"); borrowed */
    const double *vehicle_use;    /* [n_vehicles] L (diesel) or kWh (electric) per 100 km of each
                                     vehicle, overriding the two defaults; NULL = defaults */
    const double *vehicle_co2;    /* [n_vehicles] kg CO2 per litre or kWh; NULL = defaults */
    const double *vehicle_weekly; /* [n_vehicles] weekly cost of each van with a route (part of
                                     the plan's total_cost); NULL or all 0 = none: the summary
                                     then shows the total alone */
    size_t max_listed_problems;   /* stops named in the "not served" list (default 50) */
    double free_cost;    /* weekly cost of the same scenario planned in free mode (same seed and
                            iteration limit), for the cost of consistency; < 0 = not known
                            (default -1) */
    size_t n_from_gcj02; /* stops whose lon/lat were given in GCJ-02 and converted to
                            WGS84 on reading (default 0: the summary then says nothing) */
    size_t n_from_bd09;  /* ... given in BD-09 */
    uint32_t max_gap_h;  /* the scenario's longest gap allowed between visits, hours; 0 = none */
    const char *max_gap_key; /* the setting that gave it, for the summary; borrowed */
} report_factors;

/* Fills f with the defaults above. */
void report_factors_init(report_factors *f);

/* The 3/5 rule of the policy: visits per week a township and a village must get. */
#define REPORT_RULE_TOWNSHIP 5
#define REPORT_RULE_VILLAGE 3

/* Writes summary.txt to out (borrowed): stops served as the scenario asks, stops served per
 * weekly frequency, compliance with the 3/5 rule (measured against REPORT_RULE_*, not against
 * the scenario's frequencies; when the scenario asks for fewer visits than the rule, a block
 * says so and how many stops it concerns), each stop not served with why, routes (= vehicles and
 * drivers) per day, km and hours, parcels per company, utilisation, fuel/CO2 and cost; for a
 * plan with lines, a LINES block (each line's van, driver, days, departure, stops, km, hours,
 * parcels per run) and a CONSISTENCY block (stops with one van, median and largest arrival
 * spread, and f->free_cost beside the plan's cost: the cost of consistency).
 * Deterministic. Returns ERR_OK or ERR_IO. */
err_code report_summary(const plan *p, const report_factors *f, FILE *out, err *e);

/* Writes lines.csv (UTF-8 with BOM) of a plan with lines: header
 * line,vehicle,driver,days,departure,stops,km,hours,parcels; one row per line, its figures per
 * run (each of its days): stops visited, road km, hours from departure to return, parcels
 * handed over. ERR_IO. */
err_code report_lines_csv(const plan *p, FILE *out, err *e);

/* Writes routes.csv (UTF-8 with BOM, so WPS/Excel show the Chinese names): header
 * day,vehicle,seq,stop_id,stop_name,arrival,departure,<one column per carrier>,load_after,
 * leg_km,leg_min; per route a row for the depot departure (seq 0), one per visit, and one for
 * the return to the depot. ERR_IO. */
err_code report_routes_csv(const plan *p, FILE *out, err *e);

/* Writes stops.csv (UTF-8 with BOM): id,code,name,kind,township,freq,days,visits,lon,lat,
 * snap_m,<demand per carrier>,problem. ERR_IO. */
err_code report_stops_csv(const plan *p, FILE *out, err *e);

/* bus_handover.csv, the conductors' hand-over list: one row per stop a bus run drops parcels
 * at (one bag each), in run order (day, departure, line) then calling order: day, line,
 * departure, loading depot, load_by (its loading deadline), seq, stop_id, stop_name, arrival
 * (timetable), parcels per carrier, parcels, bags, run_fee (the whole run's fee, on each of its
 * rows). UTF-8 with BOM, CRLF. ERR_IO on a write error. */
err_code report_bus_csv(const plan *p, FILE *out, err *e);

#endif
