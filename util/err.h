/* err.h — expected-failure reporting: an error code plus a message.
 * SPDX-License-Identifier: MIT */
#ifndef UTIL_ERR_H
#define UTIL_ERR_H

#include <stddef.h>

typedef enum err_code {
    ERR_OK = 0,
    ERR_NOMEM,       /* allocation failed inside a third-party library */
    ERR_IO,          /* a file could not be opened, read or written */
    ERR_PARSE,       /* malformed input file */
    ERR_USAGE,       /* bad command line or configuration */
    ERR_INFEASIBLE,  /* no feasible plan exists */
    ERR_LP,          /* GLPK failed */
    ERR_OSM,         /* libosmium failed */
    ERR_PROJ,        /* PROJ failed */
    ERR_NOTFOUND,    /* a requested item does not exist (point off the map, ...) */
    ERR_INTERRUPTED, /* stopped by a signal before any result existed */
    ERR_INTERNAL     /* an invariant that input cannot break was broken */
} err_code;

#define ERR_MSG_MAX 1024

typedef struct err {
    err_code code;         /* ERR_OK when nothing failed */
    char msg[ERR_MSG_MAX]; /* human-readable, no trailing newline */
} err;

/* Sets e (if non-NULL) to code and a printf-formatted message; returns code so callers can
 * write `return err_set(e, ERR_PARSE, "%s:%zu: ...", path, line);`. */
err_code err_set(err *e, err_code code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Prefixes the message of e with a printf-formatted context ("reading map: ..."). Keeps the
 * code. Returns the code. No-op on NULL. */
err_code err_wrap(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Resets e to ERR_OK with an empty message. No-op on NULL. */
void err_clear(err *e);

/* Short stable name of a code ("parse", "io", ...). Never NULL. */
const char *err_code_name(err_code code);

/* Process exit status documented for the CLI: 0 ok, 1 runtime failure, 2 usage or input
 * error, 3 no feasible plan. */
int err_exit_status(err_code code);

#endif
