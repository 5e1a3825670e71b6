/* inifile.h — INI files (libinih) loaded into entries with line numbers, and typed lookups
 * whose errors name the file, line, section and key:
 *   "settings.ini:7: [costs] per_km: expected a number, got 'x'".
 * The only file that includes <ini.h> is util/inifile.c. SPDX-License-Identifier: MIT */
#ifndef UTIL_INIFILE_H
#define UTIL_INIFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef struct inifile inifile;

/* Largest INI file read: 1 MiB. */
#define INIFILE_MAX_BYTES ((size_t)1 << 20)

/* One `key = value` line. Keys before any [section] have section "". Whitespace around key
 * and value is stripped; an inline comment starts at " ;". Strings are owned by the inifile. */
typedef struct inifile_entry {
    const char *section; /* as written (lookups ignore ASCII case) */
    const char *key;     /* as written (lookups ignore ASCII case) */
    const char *value;   /* UTF-8, may be "" */
    size_t line;         /* 1-based line of the key */
} inifile_entry;

/* Reads the INI file at path (UTF-8, optional BOM, CRLF or LF, comments start with ; or #,
 * leading blanks ignored, so no continuation lines). Messages use path as given.
 * Returns a new inifile (caller frees with inifile_free), or NULL with e set: ERR_IO if the
 * file cannot be read (ERR_USAGE or ERR_PARSE when it is not a regular file or larger than
 * INIFILE_MAX_BYTES: see file_read_max), ERR_PARSE for text that is not UTF-8 ("FILE:LINE: not
 * UTF-8 text (saved as GBK/ANSI or UTF-16?); save the file as UTF-8"), a malformed line, a line
 * over libinih's limit (197 bytes) or a key that appears twice in one section ("FILE:LINE: [s] k:
 * duplicate key (first on line N)"). */
inifile *inifile_load(const char *path, err *e);

/* Same as inifile_load for text in memory; name stands for the file name in messages. */
inifile *inifile_parse_string(const char *text, const char *name, err *e);

/* Frees f; NULL is a no-op. */
void inifile_free(inifile *f);

/* The file name used in messages (borrowed, valid until inifile_free). */
const char *inifile_name(const inifile *f);

/* Number of entries and the i-th (0 <= i < count), in file order. */
size_t inifile_count(const inifile *f);
const inifile_entry *inifile_entry_at(const inifile *f, size_t i);

/* True when the file has a [section] header or an entry in section (ASCII case ignored). */
bool inifile_has_section(const inifile *f, const char *section);

/* The entry for section/key (ASCII case ignored), NULL if absent. */
const inifile_entry *inifile_find(const inifile *f, const char *section, const char *key);

/* The value of section/key, or def when absent (def may be NULL). Borrowed. */
const char *inifile_get_str(const inifile *f, const char *section, const char *key,
                            const char *def);

/* Sets *out to the value of section/key; ERR_PARSE "FILE: [s] k: missing (required)" when
 * absent or empty. */
err_code inifile_require_str(const inifile *f, const char *section, const char *key,
                             const char **out, err *e);

/* Typed getters: *out = def when the key is absent or its value empty; otherwise the value
 * must be a whole number (decimal) / a finite number in [min, max], else ERR_PARSE
 * "FILE:LINE: [s] k: expected a number in MIN..MAX, got 'x'". */
err_code inifile_get_int(const inifile *f, const char *section, const char *key, int64_t def,
                         int64_t min, int64_t max, int64_t *out, err *e);
err_code inifile_get_double(const inifile *f, const char *section, const char *key, double def,
                            double min, double max, double *out, err *e);

/* Booleans: yes/no, true/false, on/off, 1/0 (ASCII case ignored), else ERR_PARSE. */
err_code inifile_get_bool(const inifile *f, const char *section, const char *key, bool def,
                          bool *out, err *e);

/* ERR_PARSE "FILE:LINE: [s] k: MESSAGE" for the entry (a formatted message about a value the
 * caller checked itself). Returns ERR_PARSE. */
err_code inifile_error(const inifile *f, const inifile_entry *en, err *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Catches typos: every entry must match one of the NULL-terminated patterns "section.key"
 * or "section.*" (ASCII case ignored), else ERR_PARSE "FILE:LINE: [s] k: unknown key". */
err_code inifile_check_known(const inifile *f, const char *const *patterns, err *e);

#endif
