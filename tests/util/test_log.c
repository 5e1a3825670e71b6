/* test_log.c — util/log.c. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <string.h>

#include "util/log.h"

typedef struct capture {
    int messages;
    char last[256];
    log_level last_level;
    int progress_calls;
    double last_done, last_total;
    char last_phase[32];
} capture;

static void sink(void *ud, log_level level, const char *msg)
{
    capture *c = ud;
    c->messages++;
    c->last_level = level;
    strncpy(c->last, msg, sizeof c->last - 1);
}

static void progress(void *ud, const char *phase, double done, double total, const char *detail)
{
    capture *c = ud;
    (void)detail;
    c->progress_calls++;
    c->last_done = done;
    c->last_total = total;
    strncpy(c->last_phase, phase, sizeof c->last_phase - 1);
}

Test(log, messages_reach_the_sink_formatted)
{
    capture c = {0};
    logger lg = {sink, progress, &c, LOG_INFO};
    log_msg(&lg, LOG_WARN, "%d stops unreachable", 3);
    cr_assert_eq(c.messages, 1);
    cr_assert_eq(c.last_level, LOG_WARN);
    cr_assert_str_eq(c.last, "3 stops unreachable");
}

Test(log, messages_below_min_level_are_dropped)
{
    capture c = {0};
    logger lg = {sink, progress, &c, LOG_INFO};
    log_msg(&lg, LOG_DEBUG, "noise");
    cr_assert_eq(c.messages, 0);
}

Test(log, progress_reaches_callback)
{
    capture c = {0};
    logger lg = {sink, progress, &c, LOG_INFO};
    log_progress(&lg, "matrix", 5, 10, "row %d", 5);
    cr_assert_eq(c.progress_calls, 1);
    cr_assert_str_eq(c.last_phase, "matrix");
    cr_assert_float_eq(c.last_done, 5.0, 1e-12);
    cr_assert_float_eq(c.last_total, 10.0, 1e-12);
}

Test(log, null_logger_and_null_callbacks_are_silent)
{
    log_msg(NULL, LOG_ERROR, "x");
    log_progress(NULL, "p", 1, 2, NULL);
    logger lg = {NULL, NULL, NULL, LOG_DEBUG};
    log_msg(&lg, LOG_ERROR, "x");
    log_progress(&lg, "p", 1, 2, NULL);
    cr_assert_str_eq(log_level_name(LOG_WARN), "warning");
}
