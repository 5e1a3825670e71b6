/* plan.c — ownership of the plan structure. SPDX-License-Identifier: MIT */
#include "io/plan/plan.h"

#include <stdlib.h>

void plan_free(plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_stops; i++) {
        plan_stop *s = &p->stops[i];
        free(s->id);
        free(s->code);
        free(s->name);
        free(s->township);
        free(s->demand);
        free(s->problem);
    }
    free(p->stops);
    for (size_t i = 0; i < p->n_vehicles; i++) {
        free(p->vehicles[i].id);
        free(p->vehicles[i].driver);
    }
    free(p->vehicles);
    for (size_t i = 0; i < p->n_routes; i++) {
        plan_route *r = &p->routes[i];
        for (size_t k = 0; k < r->n_visits; k++)
            free(r->visits[k].parcels);
        free(r->visits);
        free(r->lonlat);
    }
    free(p->routes);
    for (uint32_t d = 0; d < p->n_days; d++)
        free(p->day_names[d]);
    free(p->day_names);
    for (uint32_t c = 0; c < p->n_carriers; c++)
        free(p->carriers[c]);
    free(p->carriers);
    free(p->scenario);
    free(p->map_path);
    free(p->timezone);
    free(p->utc_offset);
    free(p->week_start);
    free(p);
}
