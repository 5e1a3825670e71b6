/* fixture_plan.h — the small hand-built plan of the output tests (exports, plan.json, reports):
 * 2 days, 2 vans (one electric), 3 carriers, Chinese names with characters that need
 * XML/JSON/CSV escaping, road geometry that is not a straight line, a stop that is not served;
 * plus running a shell command with captured output.
 * SPDX-License-Identifier: MIT */
#ifndef TESTS_IO_PLAN_FIXTURE_PLAN_H
#define TESTS_IO_PLAN_FIXTURE_PLAN_H

#include <stddef.h>

#include "io/plan/plan.h"

struct export_opts;

/* A fresh plan (caller frees with plan_free): days "mon" and "tue/周二", vans "van01" and
 * "van<2>" (driver names 张三 and 李"四"; van<2> electric, range 150 km), depot 城关网点 and
 * stops 下洋村, <&>"'镇, 上塘村 and 外岙村 (V3: not snapped, with a problem, on no route).
 * Routes (day, van): (0,0) depot→下洋村→<&>"'镇→depot, (0,1) depot→上塘村→depot,
 * (1,0) depot→下洋村→上塘村→depot. Each leg has FIXTURE_LEG_POINTS road points. */
plan *fixture_plan_new(void);

/* The fixture as a plan made in lines mode: route 3 (tue, van01) runs 下洋村→<&>"'镇 like
 * route 1, so line 1 is van01 on mon+tue leaving 07:30 and line 2 is van<2> on mon (上塘村,
 * now freq 1); rules: lines, same van, township 30 min, village 15 min. */
plan *fixture_lines_plan_new(void);

/* The fixture with a bus: <&>"'镇 (now freq 2) gets its tue parcels from bus line "K101
 * 县城—<&>"'镇" leaving 13:00 (loading at 城关网点 by 12:30, capacity 25, fee 12.5), and the
 * van-only figures of the same scenario. */
plan *fixture_bus_plan_new(void);

#define FIXTURE_LEG_POINTS                                                                         \
    4 /* points per leg including its start, so a route of L legs has                              \
         L * FIXTURE_LEG_POINTS + 1 points */

/* Runs cmd through /bin/sh with stdout+stderr captured into *out (malloc'd, may be NULL to
 * discard). Returns the exit status, -1 if it could not run or was killed. */
int fixture_sh(const char *cmd, char **out);

/* Exports p with options o (NULL = defaults) into a fresh temporary directory and returns it
 * (caller removes it with test_rmtree and frees it), or NULL with the error in e. */
char *fixture_export(const plan *p, const struct export_opts *o, err *e);

/* Path of a route's export file: DIR/SUB/<day>-<vehicle>.EXT, malloc'd. */
char *fixture_route_file(const plan *p, const char *dir, const char *sub, size_t route,
                         const char *ext);

/* Number of '\n' in s. */
size_t fixture_lines(const char *s);

/* True if an executable named prog is on PATH. */
int fixture_have(const char *prog);

#endif
