/* log.c — callback logging. SPDX-License-Identifier: MIT */
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>

void log_msg(const logger *lg, log_level level, const char *fmt, ...)
{
    if (!lg || !lg->sink || level < lg->min_level)
        return;
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    lg->sink(lg->ud, level, buf);
}

void log_progress(const logger *lg, const char *phase, double done, double total,
                  const char *detail_fmt, ...)
{
    if (!lg || !lg->progress)
        return;
    char buf[256];
    buf[0] = '\0';
    if (detail_fmt) {
        va_list ap;
        va_start(ap, detail_fmt);
        vsnprintf(buf, sizeof buf, detail_fmt, ap);
        va_end(ap);
    }
    lg->progress(lg->ud, phase, done, total, detail_fmt ? buf : NULL);
}

const char *log_level_name(log_level level)
{
    switch (level) {
    case LOG_DEBUG: return "debug";
    case LOG_INFO: return "info";
    case LOG_WARN: return "warning";
    case LOG_ERROR: return "error";
    }
    return "?";
}
