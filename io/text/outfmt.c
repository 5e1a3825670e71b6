/* outfmt.c — escaping and formatting for the exports (see outfmt.h). Dates use the
 * days-from-civil algorithm of H. Hinnant ("chrono-Compatible Low-Level Date Algorithms").
 * SPDX-License-Identifier: MIT */
#include "io/text/outfmt.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

/* Decodes one UTF-8 character at s; returns its length (1..4) and the code point, or length 1
 * and cp = -1 for an invalid or overlong sequence or a surrogate. */
static size_t utf8_next(const unsigned char *s, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t n;
    int32_t v, min;
    if ((c & 0xe0) == 0xc0) {
        n = 2, v = c & 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3, v = c & 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = -1;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) { /* also stops at the terminating NUL */
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
        *cp = -1;
        return 1;
    }
    *cp = v;
    return n;
}

static const char REPLACEMENT[] = "\xef\xbf\xbd"; /* U+FFFD */

void outfmt_xml(FILE *f, const char *s)
{
    if (!s)
        return;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int32_t cp;
        size_t n = utf8_next(p, &cp);
        switch (cp) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        case '\t':
        case '\n':
        case '\r': fputc(cp, f); break;
        default:
            if (cp < 0x20 || cp == 0xfffe || cp == 0xffff)
                fputs(REPLACEMENT, f);
            else
                fwrite(p, 1, n, f);
        }
        p += n;
    }
}

void outfmt_json(FILE *f, const char *s)
{
    fputc('"', f);
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        int32_t cp;
        size_t n = utf8_next(p, &cp);
        switch (cp) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        case -1: fputs("\\ufffd", f); break;
        default:
            if (cp < 0x20 || cp == '<' || cp == '>' || cp == '&' || cp == 0x2028 || cp == 0x2029)
                fprintf(f, "\\u%04" PRIx32, (uint32_t)cp);
            else
                fwrite(p, 1, n, f);
        }
        p += n;
    }
    fputc('"', f);
}

void outfmt_coord(FILE *f, double v)
{
    char buf[64];
    if (!isfinite(v))
        v = 0;
    snprintf(buf, sizeof buf, "%.6f", v);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        n--;
    if (n > 0 && buf[n - 1] == '.')
        n--;
    buf[n] = '\0';
    fputs(strcmp(buf, "-0") ? buf : "0", f);
}

char *outfmt_milli(char *buf, size_t size, int64_t x, int decimals)
{
    static const int64_t div[] = {1000, 100, 10, 1};
    if (decimals < 0)
        decimals = 0;
    if (decimals > 3)
        decimals = 3;
    int64_t d = div[decimals];
    bool neg = x < 0;
    uint64_t ax = neg ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
    uint64_t q = (ax + (uint64_t)d / 2) / (uint64_t)d; /* value in units of 10^-decimals */
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    if (decimals == 0)
        snprintf(buf, size, "%s%" PRIu64, neg && q ? "-" : "", q);
    else
        snprintf(buf, size, "%s%" PRIu64 ".%0*" PRIu64, neg && q ? "-" : "", q / scale, decimals,
                 q % scale);
    return buf;
}

char *outfmt_hhmm(char *buf, size_t size, int32_t secs)
{
    if (secs < 0)
        secs = 0;
    int32_t m = (secs + 30) / 60; /* nearest minute */
    snprintf(buf, size, "%02" PRId32 ":%02" PRId32, m / 60, m % 60);
    return buf;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool outfmt_parse_date(const char *s, int64_t *days)
{
    if (!s || strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2))
        return false;
    int64_t y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
    unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
    static const unsigned mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

bool outfmt_valid_offset(const char *s)
{
    if (!s)
        return false;
    if (!strcmp(s, "Z"))
        return true;
    return strlen(s) == 6 && (s[0] == '+' || s[0] == '-') && digits(s + 1, 2) && s[3] == ':' &&
           digits(s + 4, 2) && (s[1] - '0') * 10 + (s[2] - '0') <= 14 &&
           (s[4] - '0') * 10 + (s[5] - '0') < 60;
}

bool outfmt_date(char *buf, size_t size, const char *week_start, uint32_t day)
{
    int64_t z;
    if (!outfmt_parse_date(week_start, &z)) {
        if (size)
            buf[0] = '\0';
        return false;
    }
    int64_t y;
    unsigned m, d;
    civil_from_days(z + day, &y, &m, &d);
    snprintf(buf, size, "%04" PRId64 "-%02u-%02u", y, m, d);
    return true;
}

bool outfmt_iso_time(char *buf, size_t size, const char *week_start, const char *utc_offset,
                     uint32_t day, int32_t secs)
{
    int64_t z;
    if (!outfmt_parse_date(week_start, &z)) {
        if (size)
            buf[0] = '\0';
        return false;
    }
    if (secs < 0)
        secs = 0;
    int64_t y;
    unsigned m, d;
    civil_from_days(z + day + secs / 86400, &y, &m, &d);
    int32_t t = secs % 86400;
    snprintf(buf, size, "%04" PRId64 "-%02u-%02uT%02" PRId32 ":%02" PRId32 ":%02" PRId32 "%s", y, m,
             d, t / 3600, t / 60 % 60, t % 60, outfmt_valid_offset(utc_offset) ? utc_offset : "");
    return true;
}

char *outfmt_file_part(char *buf, size_t size, const char *s)
{
    size_t limit = size - 1 < 64 ? size - 1 : 64;
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        int32_t cp;
        size_t k = utf8_next(p, &cp);
        bool keep = cp >= 0x80 || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
                    (cp >= '0' && cp <= '9') || cp == '-' || cp == '_' || cp == '.';
        if (!keep)
            k = 1;
        if (n + (keep ? k : 1) > limit)
            break;
        if (keep)
            memcpy(buf + n, p, k);
        else
            buf[n] = '_';
        n += keep ? k : 1;
        p += k;
    }
    if (n == 0)
        buf[n++] = '_';
    if (buf[0] == '.')
        buf[0] = '_';
    buf[n] = '\0';
    return buf;
}
