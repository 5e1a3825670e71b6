// osm_reader.cpp — libosmium shim behind maps/osm_reader.h (STYLE §7): for PBF two passes,
// ways first (collecting the node ids they need), then only those node locations; XML in one
// pass that spills every node location to an unlinked temporary file and reads back the ones
// the ways need. SPDX-License-Identifier: MIT
#include "maps/osm_reader.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
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

#include <unistd.h>

#include "util/err.h"

namespace
{

const char *const way_keys[OSM_TAG_COUNT] = {
    "highway",           "route",    "oneway",   "junction", "access", "vehicle",
    "motor_vehicle",     "motorcar", "maxspeed", "surface",  "name",   "maxspeed:forward",
    "maxspeed:backward",
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

/* Sets the location of needed node k; a second, different location of the same id marks
 * dup[k] (the last location wins). */
void set_node(size_t k, const osmium::Location &loc, std::vector<double> &lon,
              std::vector<double> &lat, std::vector<uint8_t> &dup)
{
    double x = loc.lon(), y = loc.lat();
    if (!std::isnan(lon[k]) && (lon[k] != x || lat[k] != y))
        dup[k] = 1;
    lon[k] = x;
    lat[k] = y;
}

/* Every node location of a one-pass (XML) read, spilled to an unlinked temporary file in
 * $TMPDIR (else /tmp) as 16-byte records written sequentially through a 1 MiB buffer, so the
 * process keeps only the buffer whatever the size of the file. Once the ways are known,
 * resolve() streams the file back and keeps the locations of the needed ids. Write and read
 * failures (disk full) throw std::system_error, which the shim returns as ERR_IO. */
class node_spill
{
  public:
    node_spill()
    {
        const char *dir = std::getenv("TMPDIR");
        dir_ = dir && *dir ? dir : "/tmp";
        std::string name = dir_ + "/jincun-nodes-XXXXXX";
        std::vector<char> tmpl(name.begin(), name.end());
        tmpl.push_back('\0');
        int fd = mkstemp(tmpl.data());
        if (fd < 0)
            fail(errno, "cannot create a temporary file for node locations in");
        unlink(tmpl.data()); // the file lives until closed, even if we crash
        f_ = fdopen(fd, "w+b");
        if (!f_) {
            int err = errno;
            close(fd);
            fail(err, "cannot open the temporary node file in");
        }
        buf_.reserve(chunk);
    }
    ~node_spill()
    {
        std::fclose(f_);
    }
    node_spill(const node_spill &) = delete;
    node_spill &operator=(const node_spill &) = delete;

    void add(int64_t id, const osmium::Location &loc)
    {
        buf_.push_back(record{id, loc.x(), loc.y()});
        if (buf_.size() == chunk)
            flush();
    }

    /* Sets lon[k], lat[k] for every ids[k] (ascending, unique) found in the file; a later
     * record of the same id wins. Files sorted by id (the usual case) are merged against ids
     * with a cursor, so most records cost one comparison; an id below the previous one
     * restarts the cursor by binary search, so unsorted files work too. */
    void resolve(const std::vector<int64_t> &ids, std::vector<double> &lon,
                 std::vector<double> &lat, std::vector<uint8_t> &dup)
    {
        flush();
        if (std::fflush(f_) != 0)
            fail(errno, "cannot write the temporary node file in");
        if (std::fseek(f_, 0, SEEK_SET) != 0)
            fail(errno, "cannot rewind the temporary node file in");
        if (ids.empty())
            return;
        buf_.resize(chunk);
        size_t k = 0;
        int64_t prev = INT64_MIN;
        size_t got;
        while ((got = std::fread(buf_.data(), sizeof(record), chunk, f_)) > 0) {
            for (size_t i = 0; i < got; i++) {
                const record &r = buf_[i];
                if (r.id < prev)
                    k = 0;
                prev = r.id;
                if (k < ids.size() && r.id < ids[k])
                    continue;
                k = static_cast<size_t>(
                    std::lower_bound(ids.begin() + static_cast<std::ptrdiff_t>(k), ids.end(),
                                     r.id) -
                    ids.begin());
                if (k < ids.size() && ids[k] == r.id)
                    set_node(k, osmium::Location{r.x, r.y}, lon, lat, dup);
            }
        }
        if (std::ferror(f_))
            fail(errno, "cannot read the temporary node file in");
        buf_.clear();
        buf_.shrink_to_fit();
    }

  private:
    struct record {
        int64_t id;
        int32_t x, y; // osmium fixed-point coordinates
    };
    static constexpr size_t chunk = 65536; // records per write or read (1 MiB)

    // "cannot write the temporary node file in /tmp: No space left on device"
    [[noreturn]] void fail(int err, const char *what) const
    {
        throw std::system_error(err, std::generic_category(), std::string(what) + " " + dir_);
    }

    void flush()
    {
        if (!buf_.empty() &&
            std::fwrite(buf_.data(), sizeof(record), buf_.size(), f_) != buf_.size())
            fail(errno, "cannot write the temporary node file in");
        buf_.clear();
    }

    std::string dir_; // where the file is, for messages
    std::FILE *f_ = nullptr;
    std::vector<record> buf_;
};

/* Thrown when the caller's interrupt flag is set; osm_reader_read returns ERR_INTERRUPTED. */
struct interrupted_error {
};

struct raw_way {
    int64_t id;
    size_t first;
    uint32_t n;
    uint32_t tags[OSM_TAG_COUNT];
};

int read_impl(const char *path, const osm_reader_params *p, osm_data **out)
{
    auto check_interrupt = [p]() {
        if (p->interrupted && *p->interrupted)
            throw interrupted_error{};
    };
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
     * store: a second pass doubled the load time (north-bayreuth.osm.gz 0.19 -> 0.36 s,
     * 2.2x `osmium cat`), so XML is read once and every node location goes to a temporary
     * file (16 bytes a node, written sequentially), of which only the ids the ways need are
     * read back. The order of nodes and ways in the file does not matter. */
    osmium::io::File file{path};
    const bool one_pass = file.format() != osmium::io::file_format::pbf;
    std::unique_ptr<node_spill> spill;
    if (one_pass)
        spill.reset(new node_spill());
    {
        osmium::io::Reader reader{file, one_pass ? osmium::osm_entity_bits::node |
                                                       osmium::osm_entity_bits::way
                                                 : osmium::osm_entity_bits::way};
        while (osmium::memory::Buffer buffer = reader.read()) {
            check_interrupt();
            for (const osmium::OSMObject &obj : buffer.select<osmium::OSMObject>()) {
                if (obj.type() == osmium::item_type::node) {
                    const osmium::Node &n = static_cast<const osmium::Node &>(obj);
                    if (n.location().valid())
                        spill->add(n.id(), n.location());
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
                rw.id = w.id();
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
    std::vector<uint8_t> dup(ids.size(), 0);
    auto set_location = [&](int64_t id, const osmium::Location &loc) {
        auto it = std::lower_bound(ids.begin(), ids.end(), id);
        if (it != ids.end() && *it == id)
            set_node(static_cast<size_t>(it - ids.begin()), loc, lon, lat, dup);
    };

    if (one_pass) {
        spill->resolve(ids, lon, lat, dup);
        spill.reset();
    } else {
        osmium::io::Reader reader{file, osmium::osm_entity_bits::node};
        while (osmium::memory::Buffer buffer = reader.read()) {
            check_interrupt();
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
        ows[i].id = ways[i].id;
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
        for (size_t k = ids.size(); k-- > 0;)
            if (dup[k]) {
                d->n_dup_nodes++;
                d->dup_node_id = ids[k];
            }
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
    } catch (const interrupted_error &) {
        set_msg(msg, msg_size, "interrupted while reading");
        return ERR_INTERRUPTED;
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
