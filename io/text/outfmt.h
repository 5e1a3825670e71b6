/* outfmt.h — small formatting helpers shared by the exports (GPX, GeoJSON, map page, driver
 * sheets): XML and JSON string escaping with UTF-8 repair, coordinates with at most 6
 * decimals, clock times and ISO 8601 timestamps from the plan's week start, and file-name
 * parts safe for any file system. SPDX-License-Identifier: MIT */
#ifndef IO_TEXT_OUTFMT_H
#define IO_TEXT_OUTFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Writes s as XML/HTML character data, usable inside elements and quoted attributes: & < > "
 * ' become entities; invalid UTF-8, C0 controls other than tab/newline/CR, and U+FFFE/U+FFFF
 * (all illegal in XML 1.0) become U+FFFD. s may be NULL (writes nothing). */
void outfmt_xml(FILE *f, const char *s);

/* Writes s as a quoted JSON string (RFC 8259). Besides the required escapes it writes < > &
 * U+2028 U+2029 as \u escapes so the text is also safe inside an HTML <script> element;
 * invalid UTF-8 becomes U+FFFD. NULL is written as "". */
void outfmt_json(FILE *f, const char *s);

/* Writes a longitude or latitude with at most 6 decimals, trailing zeros trimmed ("121.5",
 * "28.123457"), never in exponent notation, "-0" written as "0". */
void outfmt_coord(FILE *f, double v);

/* Formats x/1000 with exactly `decimals` decimals (0..3) from an integer, without floating
 * point rounding surprises: outfmt_milli(b, n, 12345, 1) gives "12.3". Returns buf. */
char *outfmt_milli(char *buf, size_t size, int64_t x, int decimals);

/* Clock time of a second offset after midnight: "08:35"; offsets past midnight keep counting
 * hours ("25:10") so a sheet never looks like it goes back in time. Returns buf. */
char *outfmt_hhmm(char *buf, size_t size, int32_t secs);

/* Parses an ISO date "YYYY-MM-DD" into days since 1970-01-01. False if malformed. */
bool outfmt_parse_date(const char *s, int64_t *days);

/* Checks a UTC offset "+08:00", "-03:30" or "Z". */
bool outfmt_valid_offset(const char *s);

/* Calendar date of scenario day `day` after week_start: "2026-12-01". False (buf "") if
 * week_start is not an ISO date. */
bool outfmt_date(char *buf, size_t size, const char *week_start, uint32_t day);

/* ISO 8601 timestamp of `secs` after midnight of scenario day `day` (week_start + day), with
 * the offset appended when it is valid: "2026-11-30T08:35:00+08:00". False (buf "") if
 * week_start is not an ISO date. */
bool outfmt_iso_time(char *buf, size_t size, const char *week_start, const char *utc_offset,
                     uint32_t day, int32_t secs);

/* Copies s into buf as a file-name part: ASCII letters, digits, '-', '_', '.' and UTF-8
 * multibyte sequences are kept; '/', '\\', spaces, controls and shell or Windows-reserved
 * characters become '_'; a leading '.' becomes '_' (no hidden files, no ".."); an empty
 * result becomes "_". Truncated at a character boundary to fit size (at most 64 bytes kept).
 * Returns buf. */
char *outfmt_file_part(char *buf, size_t size, const char *s);

#endif
