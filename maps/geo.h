/* geo.h — coordinate projection (the only door to PROJ). SPDX-License-Identifier: MIT */
#ifndef MAPS_GEO_H
#define MAPS_GEO_H

/* Version of the PROJ library linked in ("9.1.1"). */
const char *geo_proj_version(void);

#endif
