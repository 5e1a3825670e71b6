/* err.c — expected-failure reporting. SPDX-License-Identifier: MIT */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

err_code err_set(err *e, err_code code, const char *fmt, ...)
{
    if (e) {
        e->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

err_code err_wrap(err *e, const char *fmt, ...)
{
    if (!e)
        return ERR_OK;
    char prefix[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    /* prefix + ": " + old message, cut at the buffer's end */
    size_t n = strlen(prefix);
    if (n + 2 < sizeof prefix) {
        memcpy(prefix + n, ": ", 2);
        n += 2;
        size_t m = strlen(e->msg);
        if (m > sizeof prefix - 1 - n)
            m = sizeof prefix - 1 - n;
        memcpy(prefix + n, e->msg, m);
        n += m;
    }
    prefix[n] = '\0';
    memcpy(e->msg, prefix, n + 1);
    return e->code;
}

void err_clear(err *e)
{
    if (e) {
        e->code = ERR_OK;
        e->msg[0] = '\0';
    }
}

const char *err_code_name(err_code code)
{
    switch (code) {
    case ERR_OK: return "ok";
    case ERR_NOMEM: return "out of memory";
    case ERR_IO: return "io";
    case ERR_PARSE: return "parse";
    case ERR_USAGE: return "usage";
    case ERR_INFEASIBLE: return "infeasible";
    case ERR_LP: return "lp";
    case ERR_OSM: return "osm";
    case ERR_PROJ: return "proj";
    case ERR_NOTFOUND: return "not found";
    case ERR_INTERRUPTED: return "interrupted";
    case ERR_INTERNAL: return "internal";
    }
    return "unknown";
}

int err_exit_status(err_code code)
{
    switch (code) {
    case ERR_OK: return 0;
    case ERR_PARSE:
    case ERR_USAGE:
    case ERR_NOTFOUND: return 2;
    case ERR_INFEASIBLE: return 3;
    default: return 1;
    }
}
