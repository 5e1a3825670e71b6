/* log.h — logging and progress through caller-supplied callbacks, so library code never
 * prints: the CLI draws a progress bar on a terminal and plain lines in a pipe.
 * SPDX-License-Identifier: MIT */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

typedef enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } log_level;

/* Receives one formatted message, without trailing newline. */
typedef void (*log_sink_fn)(void *ud, log_level level, const char *msg);

/* Receives progress of a long phase: `done` of `total` units (total 0 = unknown), and an
 * optional short detail ("best 1234.5"). A call with done == total ends the phase. */
typedef void (*log_progress_fn)(void *ud, const char *phase, double done, double total,
                                const char *detail);

typedef struct logger {
    log_sink_fn sink;         /* NULL = discard messages */
    log_progress_fn progress; /* NULL = discard progress */
    void *ud;                 /* passed to both callbacks */
    log_level min_level;      /* messages below this level are dropped */
} logger;

/* Formats and sends a message; lg may be NULL (silent). */
void log_msg(const logger *lg, log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reports progress; lg may be NULL. detail_fmt may be NULL. */
void log_progress(const logger *lg, const char *phase, double done, double total,
                  const char *detail_fmt, ...) __attribute__((format(printf, 5, 6)));

/* Name of a level ("debug", "info", "warning", "error"). */
const char *log_level_name(log_level level);

#endif
