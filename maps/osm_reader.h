/* osm_reader.h — C interface to the libosmium shim (maps/osm_reader.cpp), the only file that
 * includes libosmium. No C++ type crosses this header. SPDX-License-Identifier: MIT */
#ifndef MAPS_OSM_READER_H
#define MAPS_OSM_READER_H

#ifdef __cplusplus
#define OSM_NOEXCEPT noexcept
extern "C" {
#else
#define OSM_NOEXCEPT
#endif

/* Version of libosmium compiled in ("2.19.0"). */
const char *osm_reader_libosmium_version(void) OSM_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
