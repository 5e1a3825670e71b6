// osm_reader.cpp — libosmium shim behind maps/osm_reader.h (STYLE §7): for PBF two passes,
// ways first (collecting the node ids they need), then only those node locations; XML in one
// pass that spills every node location to an unlinked temporary file and reads back the ones
// the ways need. XML text goes through a coordinate check (coord_scanner) before libosmium's
// XML parser sees it. SPDX-License-Identifier: MIT
#include "maps/osm_reader.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <future>
#include <memory>
#include <new>
#include <string>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <vector>

#include <osmium/handler.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/object.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/version.hpp>

#include <sys/stat.h>
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

/* An input the shim refuses by itself, with the err_code osm_reader_read returns for it. */
struct input_error : std::runtime_error {
    input_error(int c, const std::string &what) : std::runtime_error(what), code(c)
    {
    }
    int code;
};

/* Streams over the text of an OSM XML file, as the XML parser will see it, and checks every
 * coordinate attribute (lat, lon, minlat, ..., min_lon, ...) before libosmium parses it:
 * libosmium's osmium::detail::string_to_location_coordinate multiplies by 10 once per unit
 * of the exponent in int64_t, so lat="1e300" is a signed overflow (undefined behaviour)
 * inside the parser, not an error. A coordinate must be a decimal number (optionally with an
 * exponent), within -90..90 (latitudes) or -180..180 (longitudes) once rounded to libosmium's
 * 7 decimals; anything else throws input_error (ERR_PARSE) naming the line, the element and
 * its id. The scanner tokenises start tags, quoted attribute values, comments, CDATA
 * sections and processing instructions the way expat does, and refuses what it cannot follow
 * as expat would: a NUL byte (UTF-16 text), an internal DTD subset (which could give an
 * attribute a default value), an entity or character reference in a coordinate. */
class coord_scanner
{
  public:
    void feed(const char *p, size_t n)
    {
        const char *end = p + n;
        while (p < end) {
            switch (st_) {
            case state::text: /* to the next '<' */
                p = skip_to(p, end, '<');
                if (p < end) {
                    p++;
                    st_ = state::lt;
                }
                break;
            case state::lt: {
                char c = *p++;
                count(c);
                if (c == '!') {
                    st_ = state::bang;
                    mark_ = 0;
                } else if (c == '?') {
                    st_ = state::pi;
                    mark_ = 0;
                } else if (c == '/') {
                    st_ = state::skip_tag;
                } else {
                    st_ = state::name;
                    elem_len_ = 0;
                    id_len_ = 0;
                    bad_.clear();
                    add(elem_, elem_len_, c);
                }
                break;
            }
            case state::bang: { /* after "<!": "--" comment, "[CDATA[", or a declaration */
                char c = *p++;
                count(c);
                if (mark_ == 0 && c == '-') {
                    mark_ = 1;
                } else if (mark_ == 1 && c == '-') {
                    st_ = state::comment;
                    mark_ = 0;
                } else if (mark_ == 0 && c == '[') {
                    st_ = state::cdata;
                    mark_ = 0;
                } else { /* "<!DOCTYPE", or malformed ("<!-x"), which expat reports */
                    st_ = c == '>' ? state::text : state::decl;
                }
                break;
            }
            case state::comment: /* until "-->" */
            case state::cdata:   /* until "]]>" */
            {
                const char mark = st_ == state::comment ? '-' : ']';
                while (p < end && st_ != state::text) {
                    char c = *p++;
                    count(c);
                    if (c == mark)
                        mark_++;
                    else if (c == '>' && mark_ >= 2)
                        st_ = state::text;
                    else
                        mark_ = 0;
                }
                break;
            }
            case state::pi: /* until "?>" */
                while (p < end && st_ != state::text) {
                    char c = *p++;
                    count(c);
                    if (c == '>' && mark_)
                        st_ = state::text;
                    mark_ = c == '?';
                }
                break;
            case state::decl: /* <!DOCTYPE ...> and the like, outside any internal subset */
                while (p < end && st_ != state::text) {
                    char c = *p++;
                    count(c);
                    if (c == '[')
                        fail("a DOCTYPE with an internal subset is not supported");
                    if (c == '>')
                        st_ = state::text;
                }
                break;
            case state::skip_tag: /* an end tag */
                p = skip_to(p, end, '>');
                if (p < end) {
                    p++;
                    st_ = state::text;
                }
                break;
            case state::name:
                while (p < end && !ends_name(*p))
                    add(elem_, elem_len_, *p++);
                if (p < end)
                    st_ = state::in_tag;
                break;
            case state::in_tag: {
                char c = *p++;
                count(c);
                if (c == '>') {
                    end_of_start_tag();
                    st_ = state::text;
                } else if (!is_space(c) && c != '/') {
                    st_ = state::attr_name;
                    attr_len_ = 0;
                    add(attr_, attr_len_, c);
                }
                break;
            }
            case state::attr_name:
                while (p < end && !ends_name(*p) && *p != '=')
                    add(attr_, attr_len_, *p++);
                if (p < end) {
                    char c = *p++;
                    count(c);
                    if (c == '=') {
                        st_ = state::before_value;
                    } else if (c == '>') { /* malformed; expat reports it */
                        end_of_start_tag();
                        st_ = state::text;
                    } else {
                        st_ = state::after_name;
                    }
                }
                break;
            case state::after_name:
            case state::before_value: {
                char c = *p++;
                count(c);
                if (is_space(c))
                    break;
                if (st_ == state::after_name) {
                    st_ = c == '=' ? state::before_value : state::in_tag;
                } else if (c == '"' || c == '\'') {
                    quote_ = c;
                    kind_ = attr_kind();
                    value_len_ = 0;
                    value_too_long_ = false;
                    st_ = state::value;
                } else {
                    st_ = state::in_tag; /* malformed; expat reports it */
                }
                break;
            }
            case state::value:
                if (kind_ == kind::other) {
                    p = skip_to(p, end, quote_);
                } else {
                    while (p < end && *p != quote_) {
                        count(*p);
                        if (value_len_ < max_value)
                            value_[value_len_++] = *p;
                        else
                            value_too_long_ = true;
                        p++;
                    }
                }
                if (p < end) {
                    p++;
                    end_of_value();
                    st_ = state::in_tag;
                }
                break;
            }
        }
    }

  private:
    enum class state {
        text,
        lt,
        bang,
        comment,
        cdata,
        pi,
        decl,
        skip_tag,
        name,
        in_tag,
        attr_name,
        after_name,
        before_value,
        value
    };
    enum class kind { other, id, lat, lon };
    static constexpr size_t max_name = 32;  /* longer names are cut (none of ours is) */
    static constexpr size_t max_value = 64; /* a longer coordinate is refused */

    static bool is_space(char c)
    {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static bool ends_name(char c)
    {
        return is_space(c) || c == '>' || c == '/';
    }

    static void add(char *buf, size_t &len, char c)
    {
        if (len < max_name)
            buf[len++] = c;
    }

    void count(char c)
    {
        if (c == '\n')
            line_++;
        else if (c == '\0')
            fail("a NUL byte: the file is not UTF-8 text (UTF-16?)");
    }

    /* The first `what` in [p, end), or end; counts the lines and refuses NUL bytes on the way.
     * A plain loop: what it skips is short (an attribute value, the indentation between two
     * tags), where three memchr calls cost more than they save. */
    const char *skip_to(const char *p, const char *end, char what)
    {
        for (; p < end; p++) {
            char c = *p;
            if (c == what)
                break;
            if (c == '\n')
                line_++;
            else if (c == '\0')
                fail("a NUL byte: the file is not UTF-8 text (UTF-16?)");
        }
        return p;
    }

    bool attr_is(const char *name) const
    {
        size_t n = std::strlen(name);
        return attr_len_ == n && std::memcmp(attr_, name, n) == 0;
    }

    /* The attributes libosmium's XML parser reads as coordinates: lat/lon of nodes and of
     * way nodes, the bounds of the file and of changesets. */
    kind attr_kind() const
    {
        if (attr_len_ < 2 || attr_len_ > 7)
            return kind::other;
        switch (attr_[attr_len_ - 1]) {
        case 'd': return attr_is("id") ? kind::id : kind::other;
        case 't':
            return attr_is("lat") || attr_is("minlat") || attr_is("maxlat") || attr_is("min_lat") ||
                           attr_is("max_lat")
                       ? kind::lat
                       : kind::other;
        case 'n':
            return attr_is("lon") || attr_is("minlon") || attr_is("maxlon") || attr_is("min_lon") ||
                           attr_is("max_lon")
                       ? kind::lon
                       : kind::other;
        default: return kind::other;
        }
    }

    void end_of_value()
    {
        if (kind_ == kind::id) {
            id_len_ = std::min(value_len_, max_name);
            std::memcpy(id_, value_, id_len_);
        } else if (kind_ != kind::other && bad_.empty()) {
            const char *why = value_too_long_
                                  ? "is too long for a coordinate"
                                  : check(value_, value_len_, kind_ == kind::lat ? 90 : 180);
            if (why) {
                bad_line_ = line_;
                bad_ = std::string(attr_, attr_len_) + "=\"" +
                       printable(std::string(value_, value_len_)) + (value_too_long_ ? "..." : "") +
                       "\" " + why;
            }
        }
    }

    void end_of_start_tag()
    {
        if (bad_.empty())
            return;
        std::string where =
            "line " + std::to_string(bad_line_) + ": <" + printable(std::string(elem_, elem_len_));
        if (id_len_ > 0)
            where += " id=\"" + printable(std::string(id_, id_len_)) + "\"";
        throw input_error(ERR_PARSE, where + ">: " + bad_);
    }

    [[noreturn]] void fail(const char *why) const
    {
        throw input_error(ERR_PARSE, "line " + std::to_string(line_) + ": " + why);
    }

    static std::string printable(const std::string &s)
    {
        std::string out;
        for (char c : s)
            out.push_back(c >= 0x20 && c != 0x7f ? c : '?');
        return out.size() > 40 ? out.substr(0, 40) + "..." : out;
    }

    /* Why v[0..n) is not a coordinate within -limit..limit, or nullptr if it is. The grammar
     * is libosmium's: -?digits[.digits][(e|E)-?digits], at most 10 digits before the point,
     * 27 after and 5 in the exponent; digits beyond 18 only count for the magnitude, and the
     * exponent saturates, so nothing here can overflow. */
    static const char *check(const char *v, size_t n, int limit)
    {
        if (std::memchr(v, '&', n))
            return "uses an entity or character reference";
        size_t i = 0;
        if (i < n && v[i] == '-')
            i++;
        int64_t mant = 0;
        int scale = 0, digits = 0; /* value = mant * 10^scale */
        int before = 0, after = 0; /* digits before and after the point */
        bool any = false, point = false;
        for (; i < n; i++) {
            char c = v[i];
            if (c == '.' && !point) {
                point = true;
            } else if (c >= '0' && c <= '9') {
                any = true;
                (point ? after : before)++;
                if (digits < 18) {
                    mant = mant * 10 + (c - '0');
                    digits += mant > 0;
                    scale -= point;
                } else {
                    scale += !point; /* an ignored digit before the point */
                }
            } else {
                break;
            }
        }
        if (!any)
            return "is not a number";
        int exp_digits = 0;
        if (i < n && (v[i] == 'e' || v[i] == 'E')) {
            i++;
            bool eneg = i < n && v[i] == '-';
            i += eneg;
            if (i >= n || v[i] < '0' || v[i] > '9')
                return "is not a number";
            long ex = 0;
            for (; i < n && v[i] >= '0' && v[i] <= '9'; i++, exp_digits++)
                ex = std::min(ex * 10 + (v[i] - '0'), 100000L);
            scale += static_cast<int>(eneg ? -ex : ex);
        }
        if (i != n)
            return "is not a number";
        if (before > 10 || after > 27 || exp_digits > 5)
            return "has too many digits for a coordinate";
        /* |mant| < 10^18, so 10^scale decides most cases; the rest is rounded to 7 decimals,
         * half away from zero, as libosmium does */
        const char *out =
            limit == 90 ? "is not a latitude (-90..90)" : "is not a longitude (-180..180)";
        if (mant != 0 && scale > 4)
            return out;
        if (mant == 0 || scale < -30)
            return nullptr;
        long double x = mant;
        for (int k = scale; k > 0; k--)
            x *= 10;
        for (int k = scale; k < 0; k++)
            x /= 10;
        if (x > limit + 1.0L || std::llround(x * 1e7L) > limit * 10000000LL)
            return out;
        return nullptr;
    }

    state st_ = state::text;
    size_t line_ = 1;  /* line of the next byte */
    int mark_ = 0;     /* progress through a delimiter ("--", "]]", "?") */
    char quote_ = '"'; /* quote of the current value */
    kind kind_ = kind::other;
    bool value_too_long_ = false;
    char elem_[max_name], attr_[max_name], id_[max_name], value_[max_value];
    size_t elem_len_ = 0, attr_len_ = 0, id_len_ = 0, value_len_ = 0;
    std::string bad_; /* the first bad coordinate of this start tag, if any */
    size_t bad_line_ = 1;
};

namespace oid = osmium::io::detail;

/* libosmium's XML parser behind coord_scanner: registered for file_format::xml in place of
 * oid::XMLParser, it passes each chunk of text from the reader to the scanner and then on to
 * an XMLParser of its own, which runs in a second thread and writes the parsed objects into
 * the reader's output queue as usual. A bad coordinate stops the feeding before its chunk
 * reaches the XML parser and is the error the reader reports; otherwise the XML parser's own
 * error (malformed XML) is. */
class checked_xml_parser final : public oid::Parser
{
  public:
    explicit checked_xml_parser(oid::parser_arguments &args) : Parser(args), args_(args)
    {
    }

    void run() override
    {
        oid::future_string_queue_type checked{20, "jincun_checked_xml"};
        std::promise<osmium::io::Header> header;
        std::future<osmium::io::Header> header_future = header.get_future();
        oid::parser_arguments inner_args{args_.pool,
                                         args_.fd,
                                         checked,
                                         args_.output_queue,
                                         header,
                                         args_.offset_ptr,
                                         args_.read_which_entities,
                                         args_.read_metadata,
                                         args_.buffers_kind,
                                         args_.want_buffered_pages_removed};
        std::exception_ptr inner_error, error;
        std::atomic<bool> inner_done{false};
        std::thread inner([&]() {
            try {
                oid::XMLParser xml{inner_args}; /* its destructor shuts `checked` down */
                xml.run();
            } catch (...) {
                inner_error = std::current_exception();
            }
            inner_done = true;
        });
        coord_scanner scan;
        try {
            for (;;) {
                std::string data = get_input(); /* rethrows a read or decompression error */
                if (data.empty() || inner_done)
                    break;
                scan.feed(data.data(), data.size());
                oid::add_to_queue(checked, std::move(data));
            }
        } catch (...) {
            error = std::current_exception();
        }
        oid::add_end_of_data_to_queue(checked);
        inner.join();
        if (error)
            std::rethrow_exception(error);
        if (inner_error)
            std::rethrow_exception(inner_error);
        if (header_future.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
            set_header_value(header_future.get());
    }

  private:
    oid::parser_arguments args_; /* references into the reader's parser thread, alive while
                                    run() runs */
};

/* Makes libosmium read OSM XML through checked_xml_parser (once per process; the stock XML
 * parser registers itself during static initialisation, so this runs later and wins). */
void use_checked_xml_parser()
{
    static const bool registered = oid::ParserFactory::instance().register_parser(
        osmium::io::file_format::xml, [](oid::parser_arguments &args) {
            return std::unique_ptr<oid::Parser>(new checked_xml_parser{args});
        });
    (void)registered;
}

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
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        throw input_error(ERR_USAGE, "is a directory, not an OSM file");
    osmium::io::File file{path};
    /* libosmium also reads OPL, O5M and others, but only PBF and XML are supported here (and
     * only XML coordinates are checked before libosmium parses them); an unknown format is
     * left to libosmium, which names the file. */
    if (file.format() != osmium::io::file_format::pbf &&
        file.format() != osmium::io::file_format::xml &&
        file.format() != osmium::io::file_format::unknown)
        throw input_error(ERR_OSM, std::string("unsupported format '") +
                                       osmium::io::as_string(file.format()) +
                                       "': jincun reads .osm.pbf, .osm, .osm.gz and .osm.bz2");
    use_checked_xml_parser();
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
    } catch (const input_error &x) {
        set_msg(msg, msg_size, x.what());
        return x.code;
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
