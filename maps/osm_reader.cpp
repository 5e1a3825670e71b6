// osm_reader.cpp — libosmium shim behind maps/osm_reader.h (STYLE §7).
// SPDX-License-Identifier: MIT
#include "maps/osm_reader.h"

#include <osmium/version.hpp>

extern "C" const char *osm_reader_libosmium_version(void) noexcept
{
    return LIBOSMIUM_VERSION_STRING;
}
