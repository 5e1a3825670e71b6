/* timetable.h — the posted timetable of a plan (定时、定点): when the van (or the bus that
 * carries parcels) comes to each stop. A stop's service days are split into groups that share
 * one arrival time (to the minute), one van and one line (or one bus line); a stop on one line all
 * week has one group, a stop of a plan made in free mode has one group per distinct time and van
 * (often one per day). timetable.csv has a row per group; the township notices (io/export/notice.h)
 * are made from the same groups. SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_TIMETABLE_H
#define IO_EXPORT_TIMETABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "io/plan/plan.h"
#include "util/err.h"

/* One group of a stop's service days. */
typedef struct timetable_entry {
    uint32_t stop;     /* index into stops (never a depot) */
    uint32_t days;     /* mask of the days of the group (bit d = scenario day d); 0 for a
                          stop the plan does not serve on any day */
    int32_t arrival_s; /* arrival on each of those days, seconds after midnight (whole minutes
                          of the first of them when they differ by seconds) */
    uint32_t vehicle;  /* index into vehicles (meaningless when days == 0 or bus_run >= 0) */
    int32_t line;      /* index into the plan's lines, -1 in a plan without lines or by bus */
    int32_t bus_run;   /* when a bus brings the parcels (客运班车代运): index into bus_runs of
                          the group's first run; -1 for a van */
} timetable_entry;

/* The groups of every stop that is not a depot, in the order of the township notices: by
 * township (in the order each first appears among the stops), then the township's own stop
 * first, then the stops in plan order, then a stop's groups by their first day. A stop not
 * served on any day has one entry with days 0. Returns a malloc'd array (caller frees; NULL
 * when *n is 0). p must have passed export_check_plan (io/export/export.h). */
timetable_entry *timetable_entries(const plan *p, size_t *n);

/* The township a stop is listed under: its township, else its own name for a township stop,
 * else TIMETABLE_NO_TOWNSHIP. Borrowed from p or static. */
#define TIMETABLE_NO_TOWNSHIP "未分乡镇"
const char *timetable_township(const plan_stop *s);

/* Writes timetable.csv (UTF-8 with a BOM for WPS/Excel, CRLF): the header row
 * township,stop_id,stop_name,kind,days,arrival,line,vehicle,driver
 * then one row per entry of timetable_entries: days joined by '+' ("mon+wed+fri", empty for a
 * stop not served), arrival "HH:MM", the line's number (1-based; empty without lines), the
 * van's id and its driver ("" when unknown); for a bus, the bus line's name, TIMETABLE_BUS and
 * no driver. Returns ERR_IO on a write error. */
#define TIMETABLE_BUS "bus"
err_code timetable_write_csv(const plan *p, FILE *out, err *e);

/* timetable_write_csv into path, atomically (util/outfile.h). ERR_IO. */
err_code timetable_write_csv_file(const plan *p, const char *path, err *e);

#endif
