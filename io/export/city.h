/* city.h — the city report of `jincun city`: per county and in total, what the policy of
 * 快递进村 measures (villages and townships served, 村村通快递 coverage, compliance with the
 * 3/5 rule) beside what the plans cost (vans, km, hours, cost, CO2, parcels per company).
 * Figures come from each county's plan (plan.json) and, for the fuel and CO2 factors, its
 * scenario. SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_CITY_H
#define IO_EXPORT_CITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "io/plan/plan.h"
#include "io/scenario/scenario.h"
#include "util/err.h"

#define CITY_MAX_CARRIERS 32 /* companies over all counties */

/* One county's figures (or the total). */
typedef struct city_row {
    char *name;                 /* county folder name, or "total 合计"; owned */
    int status;                 /* exit status of its plan: 0, 3 (stops left out), else failed */
    bool planned;               /* a plan was written and read */
    size_t villages, townships; /* in the scenario */
    size_t villages_served;     /* visited at least once a week (村村通快递) */
    size_t villages_3x;         /* visited at least 3 times a week */
    size_t townships_5x;        /* visited at least 5 times a week */
    uint32_t vans_busiest_day;  /* routes on the busiest day (the sum over counties in the
                                   total) */
    size_t vans_used;           /* vehicles with a route in the week */
    size_t routes;              /* vehicle-days */
    double km, hours;           /* route km and hours (depot to depot) per week */
    double cost;                /* plan total_cost per week, in the scenario's currency */
    double co2_kg;              /* per week, from the scenario's consumption and factors */
    int64_t parcels[CITY_MAX_CARRIERS]; /* per week per company of city_report.carriers */
} city_row;

/* The report: one row per county in the order added, and the total. */
typedef struct city_report {
    size_t n_rows, cap;
    city_row *rows;
    city_row total;
    uint32_t n_carriers;
    char *carriers[CITY_MAX_CARRIERS]; /* union of the counties' companies, first seen first */
    char *currency;                    /* of the first county planned ("CNY"); owned */
} city_report;

/* An empty report (city_report_free releases it). */
void city_report_init(city_report *r);
void city_report_free(city_report *r);

/* Adds county `name` whose plan ended with exit status `status`; p and sc (both borrowed, may
 * be NULL when the county has no plan) give its figures. Returns ERR_OK, or ERR_PARSE when the
 * counties name more than CITY_MAX_CARRIERS companies together, or when p does not belong to
 * sc (another number of stops or vehicles). */
err_code city_report_add(city_report *r, const char *name, int status, const plan *p,
                         const scenario *sc, err *e);

/* Writes city.txt (the page a city officer reads: a table per county, the total and the
 * policy targets, 村村通快递 100 % and the 3/5 rule) to out. `label` is a line printed under
 * the title (e.g. that the roads are synthetic), or NULL. ERR_IO. */
err_code city_report_text(const city_report *r, const char *label, FILE *out, err *e);

/* Writes city.csv (UTF-8 with BOM): a row per county and a total row, the same figures.
 * ERR_IO. */
err_code city_report_csv(const city_report *r, FILE *out, err *e);

#endif
