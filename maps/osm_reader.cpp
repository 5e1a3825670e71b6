// osm_reader.cpp — libosmium shim behind maps/osm_reader.h (STYLE §7): for PBF two passes,
// ways first (collecting the node ids they need), then only those node locations; XML in one.
// SPDX-License-Identifier: MIT
#include "maps/osm_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include <osmium/handler.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/object.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/version.hpp>

#include "util/err.h"

namespace
{

const char *const way_keys[OSM_TAG_COUNT] = {
    "highway",       "route",    "oneway",   "junction", "access", "vehicle",
    "motor_vehicle", "motorcar", "maxspeed", "surface",  "name",
};

const char *const place_values[] = {
    "city",   "town",          "village", "hamlet",   "isolated_dwelling",
    "suburb", "neighbourhood", "quarter", "locality", "farm"};

class string_pool
{
  public:
    string_pool()
    {
        data_.push_back('\0');
    }
    uint32_t add(const char *s)
    {
        if (!s || !*s)
            return 0;
        auto it = index_.find(s);
        if (it != index_.end())
            return it->second;
        uint32_t off = static_cast<uint32_t>(data_.size());
        data_.insert(data_.end(), s, s + std::strlen(s) + 1);
        index_.emplace(s, off);
        return off;
    }
    const std::vector<char> &data() const
    {
        return data_;
    }

  private:
    std::vector<char> data_;
    std::unordered_map<std::string, uint32_t> index_;
};

template <typename T> T *copy_out(const std::vector<T> &v)
{
    T *p = static_cast<T *>(std::malloc(v.empty() ? 1 : v.size() * sizeof(T)));
    if (!p)
        throw std::bad_alloc();
    if (!v.empty())
        std::memcpy(p, v.data(), v.size() * sizeof(T));
    return p;
}

void set_msg(char *msg, size_t size, const char *text)
{
    if (msg && size > 0) {
        std::strncpy(msg, text, size - 1);
        msg[size - 1] = '\0';
    }
}

struct raw_way {
    size_t first;
    uint32_t n;
    uint32_t tags[OSM_TAG_COUNT];
};

int read_impl(const char *path, const osm_reader_params *p, osm_data **out)
{
    std::vector<std::string> highways;
    for (size_t i = 0; i < p->n_highways; i++)
        highways.emplace_back(p->highways[i]);
    std::sort(highways.begin(), highways.end());

    string_pool pool;
    std::vector<raw_way> ways;
    std::vector<int64_t> way_refs; // OSM ids until pass 2 maps them to indices

    std::vector<osm_place> places;
    auto add_place = [&](const osmium::Node &n) {
        if (!p->keep_places || n.tags().empty() || !n.location().valid())
            return;
        const char *place = n.tags().get_value_by_key("place");
        if (!place)
            return;
        bool known = false;
        for (const char *v : place_values)
            known = known || !std::strcmp(v, place);
        if (!known)
            return;
        osm_place pl;
        pl.name = pool.add(n.tags().get_value_by_key("name"));
        pl.name_zh = pool.add(n.tags().get_value_by_key("name:zh"));
        pl.place = pool.add(place);
        pl.lon = n.location().lon();
        pl.lat = n.location().lat();
        places.push_back(pl);
    };

    /* PBF: two passes, ways first, so memory follows the road network and the second pass
     * decodes node blocks only. XML (plain or compressed) costs far more to parse than to
     * keep: one pass, holding every node location (16 bytes a node) until the ways are known.
     * Such files are small in practice; large regions come as PBF. */
    osmium::io::File file{path};
    const bool one_pass = file.format() != osmium::io::file_format::pbf;
    std::vector<int64_t> all_id;
    std::vector<int32_t> all_x, all_y; // osmium fixed-point coordinates
    {
        osmium::io::Reader reader{file, one_pass ? osmium::osm_entity_bits::node |
                                                       osmium::osm_entity_bits::way
                                                 : osmium::osm_entity_bits::way};
        while (osmium::memory::Buffer buffer = reader.read()) {
            for (const osmium::OSMObject &obj : buffer.select<osmium::OSMObject>()) {
                if (obj.type() == osmium::item_type::node) {
                    const osmium::Node &n = static_cast<const osmium::Node &>(obj);
                    if (n.location().valid()) {
                        all_id.push_back(n.id());
                        all_x.push_back(n.location().x());
                        all_y.push_back(n.location().y());
                    }
                    add_place(n);
                    continue;
                }
                if (obj.type() != osmium::item_type::way)
                    continue;
                const osmium::Way &w = static_cast<const osmium::Way &>(obj);
                const osmium::TagList &tags = w.tags();
                const char *hw = tags.get_value_by_key("highway");
                const char *route = tags.get_value_by_key("route");
                bool keep =
                    hw && std::binary_search(highways.begin(), highways.end(), std::string(hw));
                if (!keep && p->keep_ferries && route && !std::strcmp(route, "ferry"))
                    keep = true;
                if (!keep || w.nodes().size() < 2)
                    continue;
                raw_way rw;
                rw.first = way_refs.size();
                rw.n = static_cast<uint32_t>(w.nodes().size());
                for (int k = 0; k < OSM_TAG_COUNT; k++)
                    rw.tags[k] = pool.add(tags.get_value_by_key(way_keys[k]));
                for (const osmium::NodeRef &nr : w.nodes())
                    way_refs.push_back(nr.ref());
                ways.push_back(rw);
            }
        }
        reader.close();
    }

    std::vector<int64_t> ids(way_refs);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<double> lon(ids.size(), NAN), lat(ids.size(), NAN);
    auto set_location = [&](int64_t id, const osmium::Location &loc) {
        auto it = std::lower_bound(ids.begin(), ids.end(), id);
        if (it != ids.end() && *it == id) {
            size_t k = static_cast<size_t>(it - ids.begin());
            lon[k] = loc.lon();
            lat[k] = loc.lat();
        }
    };

    if (one_pass) {
        for (size_t i = 0; i < all_id.size(); i++)
            set_location(all_id[i], osmium::Location{all_x[i], all_y[i]});
    } else {
        osmium::io::Reader reader{file, osmium::osm_entity_bits::node};
        while (osmium::memory::Buffer buffer = reader.read()) {
            for (const osmium::Node &n : buffer.select<osmium::Node>()) {
                if (n.location().valid())
                    set_location(n.id(), n.location());
                add_place(n);
            }
        }
        reader.close();
    }

    std::vector<uint32_t> refs(way_refs.size());
    for (size_t i = 0; i < way_refs.size(); i++)
        refs[i] = static_cast<uint32_t>(std::lower_bound(ids.begin(), ids.end(), way_refs[i]) -
                                        ids.begin());
    std::vector<osm_way> ows(ways.size());
    for (size_t i = 0; i < ways.size(); i++) {
        ows[i].first_ref = ways[i].first;
        ows[i].n_refs = ways[i].n;
        std::memcpy(ows[i].tags, ways[i].tags, sizeof ows[i].tags);
    }

    osm_data *d = static_cast<osm_data *>(std::calloc(1, sizeof(osm_data)));
    if (!d)
        throw std::bad_alloc();
    try {
        d->n_ways = ows.size();
        d->ways = copy_out(ows);
        d->n_refs = refs.size();
        d->refs = copy_out(refs);
        d->n_nodes = ids.size();
        d->node_id = copy_out(ids);
        d->lon = copy_out(lon);
        d->lat = copy_out(lat);
        d->n_places = places.size();
        d->places = copy_out(places);
        d->strings_len = pool.data().size();
        d->strings = copy_out(pool.data());
    } catch (...) {
        osm_data_free(d);
        throw;
    }
    *out = d;
    return ERR_OK;
}

} // namespace

extern "C" int osm_reader_read(const char *path, const osm_reader_params *p, osm_data **out,
                               char *msg, size_t msg_size) noexcept
{
    *out = nullptr;
    set_msg(msg, msg_size, "");
    try {
        return read_impl(path, p, out);
    } catch (const std::bad_alloc &) {
        set_msg(msg, msg_size, "out of memory while reading OSM data");
        return ERR_NOMEM;
    } catch (const std::system_error &x) {
        set_msg(msg, msg_size, x.what());
        return ERR_IO;
    } catch (const std::exception &x) {
        set_msg(msg, msg_size, x.what());
        return ERR_OSM;
    } catch (...) {
        set_msg(msg, msg_size, "unknown error in libosmium");
        return ERR_OSM;
    }
}

extern "C" void osm_data_free(osm_data *d) noexcept
{
    if (!d)
        return;
    std::free(d->ways);
    std::free(d->refs);
    std::free(d->node_id);
    std::free(d->lon);
    std::free(d->lat);
    std::free(d->places);
    std::free(d->strings);
    std::free(d);
}

extern "C" const char *osm_reader_libosmium_version(void) noexcept
{
    return LIBOSMIUM_VERSION_STRING;
}
