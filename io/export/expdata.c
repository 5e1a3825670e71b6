/* expdata.c — facts shared by the exports (see expdata.h). SPDX-License-Identifier: MIT */
#include "io/export/expdata.h"

#include <inttypes.h>

#include "io/text/outfmt.h"

int64_t expdata_route_parcels(const plan *p, const plan_route *r, int64_t *per_carrier)
{
    int64_t total = 0;
    for (uint32_t c = 0; per_carrier && c < p->n_carriers; c++)
        per_carrier[c] = 0;
    for (size_t k = 0; k < r->n_visits; k++) {
        for (uint32_t c = 0; c < p->n_carriers; c++) {
            int32_t n = r->visits[k].parcels[c];
            total += n;
            if (per_carrier)
                per_carrier[c] += n;
        }
    }
    return total;
}

static void text(FILE *f, const char *s, int xml)
{
    if (xml)
        outfmt_xml(f, s);
    else
        fputs(s, f);
}

void expdata_write_carriers(FILE *f, const plan *p, const int32_t *counts, int xml)
{
    int any = 0;
    for (uint32_t c = 0; c < p->n_carriers; c++) {
        if (!counts[c])
            continue;
        if (any)
            fputs(", ", f);
        text(f, p->carriers[c], xml);
        fprintf(f, " %" PRId32, counts[c]);
        any = 1;
    }
    if (!any)
        fputs("none", f);
}

const char *expdata_driver(const plan_vehicle *v)
{
    return v->driver ? v->driver : "";
}
