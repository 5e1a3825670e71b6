/* compare.h — two plans side by side (`jincun compare PLAN_A PLAN_B`): the week's figures of
 * each (cost, vehicles needed, routes, km, hours, CO2, 3/5 rule compliance, parcels and cost
 * per company), whether the cost difference is larger than the seed-to-seed spread measured
 * for plan A (plan.json "spread", written by `jincun plan --seeds N`), what changed for each
 * stop (service days, van, arrival time), which routes stayed the same, as a text report and
 * as an offline HTML page with a map of the changed routes.
 * Stops are matched by their scenario id, days by their name ("mon"), vans by their id, so
 * plans of different scenarios (another fleet, Mon-Fri instead of Mon-Sat, a stop more or
 * less) compare. SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_COMPARE_H
#define IO_EXPORT_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "io/plan/plan.h"
#include "util/err.h"

/* Options; initialise with compare_opts_init. */
typedef struct compare_opts {
    int32_t tolerance_s;  /* an arrival that moves by more than this is a change (default 900) */
    const char *label_a;  /* how the reports name the plans, e.g. their folders ("A", "B") */
    const char *label_b;  /* both borrowed */
    const char *currency; /* label of costs ("CNY"); borrowed */
    size_t max_listed;    /* changed stops listed one per line in the text (default 200) */
} compare_opts;

void compare_opts_init(compare_opts *o);

/* The figures of one plan's week. */
typedef struct compare_figures {
    double cost;         /* total_cost */
    uint32_t vehicles;   /* vans needed: routes of the busiest day */
    size_t routes;       /* vehicle-days */
    int64_t metres;      /* road metres of all routes */
    int64_t seconds;     /* working seconds of all routes, depot to depot */
    double co2_kg;       /* fuel or electricity CO2 of all routes */
    bool co2_assumed;    /* some van had no factors in plan.json: the defaults were used */
    size_t stops;        /* townships and villages */
    size_t served;       /* of those, served as often as asked, without a problem */
    double compliance;   /* percent of them served as the 3/5 rule asks */
    int64_t parcels;     /* per week */
    int64_t *by_carrier; /* [n_carriers of its plan] parcels per week per company */
} compare_figures;

/* What changed for one stop, matched by id. */
typedef struct compare_stop {
    size_t a, b;         /* index in plan A and in plan B; SIZE_MAX where it is not */
    bool days_changed;   /* its service days (by name) differ */
    uint32_t van_days;   /* number of days served in both plans by different vans (when both
                            plans have lines: by different lines, a line being its van and
                            days) */
    int32_t max_shift_s; /* largest arrival shift on days served in both (signed, B - A) */
    bool time_changed;   /* |max_shift_s| > tolerance */
} compare_stop;

typedef struct compare compare;

/* Compares a and b (borrowed; they must outlive the handle). Returns a new handle (caller
 * frees with compare_free). Never fails on plans planjson_read accepted. */
compare *compare_new(const plan *a, const plan *b, const compare_opts *o);

void compare_free(compare *c);

/* Figures of plan A (which = 0) or B (1); borrowed from c. */
const compare_figures *compare_figures_of(const compare *c, int which);

/* The stops of either plan (A's first, in A's order, then B's that A lacks), n into *n. */
const compare_stop *compare_stops(const compare *c, size_t *n);

/* Stops whose days, van or arrival changed, stops only in A, stops only in B. */
size_t compare_n_changed(const compare *c);
size_t compare_n_removed(const compare *c);
size_t compare_n_added(const compare *c);

/* Routes of A with a route in B on the same day, by the same van, through the same stops in the
 * same order, every arrival within the tolerance. */
size_t compare_n_same_routes(const compare *c);

/* With lines in both plans: lines of A whose every route has an identical route in B (as
 * above) on a line of the same van and days. 0 otherwise. */
size_t compare_n_same_lines(const compare *c);

/* The verdict on the cost difference B - A against the seed spread of plan A (max - min of
 * its "spread" costs; B's when A has none): 1 larger than the spread ("real"), 0 within it
 * ("within noise"), -1 not measured (neither plan has a spread). *spread gets the spread. */
int compare_noise(const compare *c, double *spread);

/* Writes the text report (UTF-8, Chinese and English labels). Deterministic. ERR_IO. */
err_code compare_text(const compare *c, FILE *out, err *e);

/* Writes compare.html: the same report as tables, and an SVG map of the routes that changed
 * (A's dashed grey, B's in colour) with the stops that changed marked; no script, no network,
 * opens offline. Deterministic. ERR_IO. */
err_code compare_html(const compare *c, FILE *out, err *e);

#endif
