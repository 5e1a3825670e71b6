/* expdata.h — per-route and per-stop facts the exports share (parcels per carrier on a
 * route, text like "中通 3, 圆通 5"), so GPX, GeoJSON, the map page and the sheets all say
 * the same thing. Stop kinds and days are named by io/plan/plan.h. SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_EXPDATA_H
#define IO_EXPORT_EXPDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "io/plan/plan.h"

/* Parcels handed over on a route in total, and per carrier into per_carrier[n_carriers]
 * when per_carrier is non-NULL. */
int64_t expdata_route_parcels(const plan *p, const plan_route *r, int64_t *per_carrier);

/* Outbound parcels (揽收) collected on a route in total, and per carrier into
 * per_carrier[n_carriers] when non-NULL. */
int64_t expdata_route_pickup(const plan *p, const plan_route *r, int64_t *per_carrier);

/* Outbound parcels collected at one visit (0 when it has none). */
int64_t expdata_visit_pickup(const plan *p, const plan_visit *v);

/* Most parcels on board at any point of route r: leaving the depot, or after a stop where
 * outbound parcels were collected. */
int64_t expdata_route_peak(const plan *p, const plan_route *r);

/* True when some stop of p collects outbound parcels (the outputs then show them; a plan
 * without any is written as before). */
bool expdata_has_pickup(const plan *p);

/* True when some stop of p has weekly volumes. */
bool expdata_has_week(const plan *p);

/* Writes "中通 3, 圆通 5" for the non-zero entries of counts[n_carriers] (escaped as XML
 * when xml is true), or "none" when all are zero. */
void expdata_write_carriers(FILE *f, const plan *p, const int32_t *counts, int xml);

/* The vehicle's driver, or "" if unknown. */
const char *expdata_driver(const plan_vehicle *v);

#endif
