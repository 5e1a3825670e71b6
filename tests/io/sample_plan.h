/* sample_plan.h — a small hand-built plan shared by the plan.json and report tests: a depot, a
 * township and two villages (one not snapped, with a problem), 2 carriers, 6 days, 2 vehicles
 * (one electric), 2 routes with geometry, UTF-8 names with a quote. SPDX-License-Identifier: MIT */
#ifndef TESTS_IO_SAMPLE_PLAN_H
#define TESTS_IO_SAMPLE_PLAN_H

#include "io/plan.h"

/* A new plan; free with plan_free. */
plan *sample_plan(void);

#endif
