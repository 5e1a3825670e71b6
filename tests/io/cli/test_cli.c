/* test_cli.c — the jincun command line as a user meets it. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli/cli.h"
#include "tests/support.h"

Test(cli, version_lists_the_three_libraries)
{
    char *out = NULL;
    int st = test_run_jincun("--version", &out, NULL);
    cr_assert_eq(st, 0);
    cr_assert_not_null(strstr(out, "jincun " JINCUN_VERSION));
    cr_assert_not_null(strstr(out, "GLPK "));
    cr_assert_not_null(strstr(out, "PROJ "));
    cr_assert_not_null(strstr(out, "libosmium "));
    free(out);
}

Test(cli, help_lists_every_subcommand)
{
    char *out = NULL;
    cr_assert_eq(test_run_jincun("--help", &out, NULL), 0);
    for (const cli_cmd *c = cli_cmds; c->name; c++)
        cr_assert_not_null(strstr(out, c->name), "%s missing from --help", c->name);
    free(out);
}

Test(cli, every_subcommand_has_help)
{
    for (const cli_cmd *c = cli_cmds; c->name; c++) {
        char args[64], *out = NULL;
        snprintf(args, sizeof args, "%s --help", c->name);
        cr_assert_eq(test_run_jincun(args, &out, NULL), 0, "%s --help", c->name);
        cr_assert_not_null(strstr(out, c->name));
        free(out);
    }
}

Test(cli, option_values_are_parsed_strictly)
{
    err e;
    uint64_t v = 0;
    cr_assert_eq(cli_parse_u64("--seed", "42", &v, &e), ERR_OK);
    cr_assert_eq(v, 42);
    cr_assert_eq(cli_parse_u64("--seed", "4x", &v, &e), ERR_USAGE);
    cr_assert_not_null(strstr(e.msg, "--seed"));
    cr_assert_eq(cli_parse_u64("--seed", "-1", &v, &e), ERR_USAGE);
    cr_assert_str_eq(e.msg, "--seed: expected a non-negative integer, got '-1'");
    /* a number too large is out of range, not "not a number" */
    cr_assert_eq(cli_parse_u64("--iterations", "18446744073709551615", &v, &e), ERR_OK);
    cr_assert_eq(v, UINT64_MAX);
    cr_assert_eq(cli_parse_u64("--iterations", "18446744073709551616", &v, &e), ERR_USAGE);
    cr_assert_str_eq(e.msg, "--iterations: '18446744073709551616' is out of range (max "
                            "18446744073709551615)");
    double d = 0;
    cr_assert_eq(cli_parse_double("--time-limit", "2.5", &d, &e), ERR_OK);
    cr_assert_float_eq(d, 2.5, 1e-12);
    cr_assert_eq(cli_parse_double("--time-limit", "", &d, &e), ERR_USAGE);
}
