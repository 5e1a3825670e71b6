/* sheet.h — the printable driver sheet of one route: stop order, planned times, parcels per
 * courier company to hand over, kilometres; HTML with A4 print CSS, no scripts, no network.
 * SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_SHEET_H
#define IO_EXPORT_SHEET_H

#include <stddef.h>

#include "io/plan/plan.h"
#include "util/err.h"

/* Writes p->routes[route]'s sheet to path atomically. The plan must have passed
 * export_check_plan. Returns ERR_IO. */
err_code sheet_write_route(const plan *p, size_t route, const char *path, err *e);

/* Writes the week sheet of p->lines[line] to path atomically: one sheet for every day of the
 * line (the same stops, times and parcels each day), its days in the title and a signature
 * column per day. The plan must have lines and have passed export_check_plan and plan_check.
 * ERR_IO. */
err_code sheet_write_line(const plan *p, size_t line, const char *path, err *e);

#endif
