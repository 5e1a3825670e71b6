/* gpx.h — one route (a vehicle's day), or one line (the same route on each day of its
 * pattern), as a GPX 1.1 itinerary: waypoints with planned arrival times and parcels per
 * courier company, the stop order as a route, the road geometry as a track.
 * SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_GPX_H
#define IO_EXPORT_GPX_H

#include <stddef.h>

#include "io/plan/plan.h"
#include "util/err.h"

/* Writes p->routes[route] to path atomically (util/outfile.h). The plan must have passed
 * export_check_plan. Timestamps are omitted when p->week_start is not an ISO date. Returns
 * ERR_IO. */
err_code gpx_write_route(const plan *p, size_t route, const char *path, err *e);

/* Writes p->lines[line] to path atomically: its stops, order and road geometry (the same on
 * each of its days), named "line N (mon+wed+fri)", the planned clock time of each point in its
 * comment ("stop 2 of 9, 白水洋镇 at 08:35") and no <time> elements, which would need one
 * date. The plan must have lines and have passed export_check_plan and plan_check. ERR_IO. */
err_code gpx_write_line(const plan *p, size_t line, const char *path, err *e);

#endif
