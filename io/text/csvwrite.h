/* csvwrite.h — writing CSV fields (RFC 4180) that io/text/csvread.h, WPS and Excel read back
 * as they were written. SPDX-License-Identifier: MIT */
#ifndef IO_TEXT_CSVWRITE_H
#define IO_TEXT_CSVWRITE_H

#include <stdio.h>

/* Writes s to f as one CSV field: as it is, or in double quotes with each quote doubled when
 * it holds a comma, a quote, CR or LF (RFC 4180), or starts or ends with a space or a tab
 * (csvread drops blanks around unquoted fields, so only quotes keep them). NULL writes an
 * empty field. Separators and line ends are the caller's; write errors show in ferror(f). */
void csvwrite_field(FILE *f, const char *s);

#endif
