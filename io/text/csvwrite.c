/* csvwrite.c — CSV fields, quoted when needed (see csvwrite.h). SPDX-License-Identifier: MIT */
#include "io/text/csvwrite.h"

#include <stdbool.h>
#include <string.h>

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

void csvwrite_field(FILE *f, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    bool quote = strpbrk(s, ",\"\r\n") != NULL || (n && (is_blank(s[0]) || is_blank(s[n - 1])));
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
