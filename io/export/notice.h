/* notice.h — the timetable notice of one township (班次公告), to post on the wall of its
 * village stations: every stop of the township with its service days, arrival time, line,
 * van and driver, as one page of HTML with A4 print CSS, in Chinese, with no script and
 * nothing fetched from the network (the fonts are the system's CJK fonts).
 * SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_NOTICE_H
#define IO_EXPORT_NOTICE_H

#include <stddef.h>

#include "io/export/timetable.h"
#include "io/plan/plan.h"
#include "util/err.h"

/* The Chinese name of a scenario day name: "mon" → "周一" ... "sun" → "周日" (any case);
 * other names are returned as they are. Static or borrowed from name. */
const char *notice_day_name(const char *name);

/* Writes the notice of township (as timetable_township names it) to path atomically, from
 * the entries en[0..n) of timetable_entries (only those of the township are listed). The plan
 * must have passed export_check_plan. Returns ERR_IO. */
err_code notice_write(const plan *p, const timetable_entry *en, size_t n, const char *township,
                      const char *path, err *e);

#endif
