/* clock.h — monotonic wall clock and peak memory, for progress, time limits and benchmarks.
 * SPDX-License-Identifier: MIT */
#ifndef UTIL_CLOCK_H
#define UTIL_CLOCK_H

/* Seconds from an arbitrary fixed point (CLOCK_MONOTONIC). */
double clock_now(void);

/* Peak resident set size of this process in KiB (getrusage), 0 if unknown. */
long clock_peak_rss_kib(void);

#endif
