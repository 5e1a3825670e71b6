/* geo.c — coordinate projection with PROJ. SPDX-License-Identifier: MIT */
#include "maps/geo.h"

#include <proj.h>

const char *geo_proj_version(void)
{
    return proj_info().version;
}
