/* vrp.c — ownership of the solution structure. SPDX-License-Identifier: MIT */
#include "solver/vrp.h"

#include <stdlib.h>

void vrp_solution_free(vrp_solution *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_routes; i++)
        free(s->routes[i].stops);
    free(s->routes);
    free(s->pattern);
    free(s);
}
