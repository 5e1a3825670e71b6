/* mappage.h — the plan as ONE self-contained, offline HTML map page: Leaflet (Debian
 * libjs-leaflet) and its CSS inlined, the area's roads as a light background layer, each
 * route in its own colour, day and vehicle selectors, stop popups and a legend with totals.
 * No tile server, no network. SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_MAPPAGE_H
#define IO_EXPORT_MAPPAGE_H

#include "io/export/export.h"
#include "io/plan/plan.h"
#include "util/err.h"

/* Writes the page to path atomically, inlining o->leaflet_dir/leaflet.{js,css} and the
 * background roads of o. The plan must have passed export_check_plan. A plan with lines gets a
 * line selector too (each route shows its line), which "#line=N" (1-based) preselects and
 * data-line on <body> reports.
 * The page reads "#day=NAME&vehicle=ID" from its URL to preselect, and once drawn sets on
 * <body>: data-ready="1", data-routes-drawn, data-stops-drawn (the legend's stop count: stops
 * shown other than depots), data-depots-drawn (depot markers shown), data-road-lines and
 * data-errors (script errors, failed resources and console.error calls seen so far), so a
 * headless browser can check it. With "#selftest" in the URL it first draws every day and
 * every day × vehicle and lists the routes drawn in data-selftest as "DAY=N DAY/VEHICLE=N ..."
 * (names URI-encoded, plan order), then, with lines, each line on all its days as
 * "line/L=N". Returns ERR_IO (Leaflet missing or unreadable, write
 * failure). */
err_code mappage_write(const plan *p, const export_opts *o, const char *path, err *e);

#endif
