/* fuzz.h — what the fuzz harnesses (tests/fuzz/fuzz_NAME.c) share: each harness defines
 * LLVMFuzzerTestOneInput, which libFuzzer drives in `make fuzz` (clang, build/fuzz) and
 * tests/fuzz/replay.c drives over the stored corpus in `make test` and `make asan` (gcc).
 * The parsers read files by path, so the input goes to a file in a per-process temporary
 * folder: the real read path is exercised, file_read_all and fopen included.
 * SPDX-License-Identifier: MIT */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The process's temporary folder ($TMPDIR, else /tmp; created on first use, removed with
 * its files at exit). */
const char *fuzz_dir(void);

/* Writes size bytes to fuzz_dir()/name, replacing it; returns the path (valid for the
 * process; at most 8 names). Aborts when the file cannot be written: a broken harness must not
 * pass. */
const char *fuzz_write(const char *name, const void *data, size_t size);

/* Writes a NUL-terminated text to fuzz_dir()/name once per process (the fixed companion
 * files of a harness); returns the path, as fuzz_write. */
const char *fuzz_write_text(const char *name, const char *text);

/* A failed read must say why: aborts (so libFuzzer and the replay report it) unless e holds
 * code a or code b and a non-empty message. */
void fuzz_expect_failure(const err *e, err_code a, err_code b);

/* Aborts unless status is one of the n_ok statuses in ok (exit statuses of fuzz_cli). */
void fuzz_expect_status(int status, const int *ok, size_t n_ok);

/* A stream to /dev/null for output the harness does not look at. */
FILE *fuzz_null(void);

/* Runs `jincun ARGV...` through the subcommand table (io/cli/cli.h) with its output and
 * diagnostics going to fuzz_null(); returns the exit status. argv ends with NULL. */
int fuzz_cli(const char *const *argv);

/* Writes data as fuzz_dir()/file (one of settings.ini, stops.csv, vehicles.csv), the other
 * two from a small valid scenario, and loads the folder (map not required); aborts unless the
 * load succeeds or fails with a message. */
void fuzz_scenario(const char *file, const uint8_t *data, size_t size);

/* Writes data as fuzz_dir()/buses.csv beside the small valid scenario of fuzz_scenario, loads
 * the scenario and then the bus lines; aborts unless they load or fail with a message. */
void fuzz_buses(const uint8_t *data, size_t size);

#endif
