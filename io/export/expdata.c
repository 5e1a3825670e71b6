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

int64_t expdata_route_pickup(const plan *p, const plan_route *r, int64_t *per_carrier)
{
    int64_t total = 0;
    for (uint32_t c = 0; per_carrier && c < p->n_carriers; c++)
        per_carrier[c] = 0;
    for (size_t k = 0; k < r->n_visits; k++) {
        const int32_t *pk = r->visits[k].pickup;
        for (uint32_t c = 0; pk && c < p->n_carriers; c++) {
            total += pk[c];
            if (per_carrier)
                per_carrier[c] += pk[c];
        }
    }
    return total;
}

int64_t expdata_visit_pickup(const plan *p, const plan_visit *v)
{
    int64_t total = 0;
    for (uint32_t c = 0; v->pickup && c < p->n_carriers; c++)
        total += v->pickup[c];
    return total;
}

int64_t expdata_route_peak(const plan *p, const plan_route *r)
{
    int64_t peak = expdata_route_parcels(p, r, NULL);
    for (size_t k = 0; k < r->n_visits; k++)
        if (r->visits[k].load_after > peak)
            peak = r->visits[k].load_after;
    return peak;
}

bool expdata_has_pickup(const plan *p)
{
    for (size_t i = 0; i < p->n_stops; i++)
        if (p->stops[i].pickup)
            return true;
    for (size_t i = 0; i < p->n_routes; i++)
        for (size_t k = 0; k < p->routes[i].n_visits; k++)
            if (p->routes[i].visits[k].pickup)
                return true;
    return false;
}

bool expdata_has_week(const plan *p)
{
    for (size_t i = 0; i < p->n_stops; i++)
        if (p->stops[i].week)
            return true;
    return false;
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
