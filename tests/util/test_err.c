/* test_err.c — util/err.c. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <string.h>

#include "util/err.h"

Test(err, set_fills_code_and_message_and_returns_code)
{
    err e;
    err_clear(&e);
    err_code rc = err_set(&e, ERR_PARSE, "%s:%d: bad demand", "stops.csv", 7);
    cr_assert_eq(rc, ERR_PARSE);
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert_str_eq(e.msg, "stops.csv:7: bad demand");
}

Test(err, set_accepts_null_err)
{
    cr_assert_eq(err_set(NULL, ERR_IO, "x"), ERR_IO);
    err_clear(NULL);
    cr_assert_eq(err_wrap(NULL, "y"), ERR_OK);
}

Test(err, wrap_prefixes_context_and_keeps_code)
{
    err e;
    err_set(&e, ERR_IO, "no such file");
    err_wrap(&e, "reading map %s", "a.osm");
    cr_assert_eq(e.code, ERR_IO);
    cr_assert_str_eq(e.msg, "reading map a.osm: no such file");
}

Test(err, wrap_truncates_long_messages_safely)
{
    err e;
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    err_set(&e, ERR_PARSE, "%s", big);
    err_wrap(&e, "%s", big);
    cr_assert_eq(strlen(e.msg), ERR_MSG_MAX - 1);
}

Test(err, exit_status_follows_documented_codes)
{
    cr_assert_eq(err_exit_status(ERR_OK), 0);
    cr_assert_eq(err_exit_status(ERR_IO), 1);
    cr_assert_eq(err_exit_status(ERR_OSM), 1);
    cr_assert_eq(err_exit_status(ERR_LP), 1);
    cr_assert_eq(err_exit_status(ERR_PARSE), 2);
    cr_assert_eq(err_exit_status(ERR_USAGE), 2);
    cr_assert_eq(err_exit_status(ERR_INFEASIBLE), 3);
}

Test(err, every_code_has_a_name)
{
    for (int c = ERR_OK; c <= ERR_INTERNAL; c++)
        cr_assert(strlen(err_code_name((err_code)c)) > 0);
}
