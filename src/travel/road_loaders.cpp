#include "fsd/travel/road_loaders.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>
#include <string_view>
#include <vector>

#include "fsd/model/problem.hpp"
#include "text_input.hpp"

namespace fsd {
namespace {

namespace fs = std::filesystem;
using travel_io::fail;
using travel_io::LineReader;

constexpr std::size_t max_columns = 12;
using Fields = std::array<std::string_view, max_columns>;

std::size_t line_count_hint(std::string_view text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// `name` or `name`.gz inside `dir`, preferring the compressed one.
std::optional<fs::path> find_either(const fs::path& dir, const std::string& name) {
    for (const fs::path& candidate : {dir / (name + ".gz"), dir / name})
        if (fs::is_regular_file(candidate)) return candidate;
    return std::nullopt;
}

// The CSV header's column positions for the names wanted, in the order wanted.
template <std::size_t K>
std::array<std::size_t, K> header_columns(const fs::path& file, LineReader& lines, const std::array<std::string_view, K>& wanted,
                                          std::size_t& width) {
    std::string_view header;
    if (!lines.next(header)) fail(file, 1, "empty file, expected a header line");
    Fields names;
    width = travel_io::split(header, ',', names);
    if (width > max_columns) fail(file, 1, "too many columns in the header");
    std::array<std::size_t, K> at{};
    for (std::size_t k = 0; k < K; ++k) {
        const auto it = std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(width), wanted[k]);
        if (it == names.begin() + static_cast<std::ptrdiff_t>(width))
            fail(file, 1, "header has no column \"" + std::string(wanted[k]) + "\"");
        at[k] = static_cast<std::size_t>(it - names.begin());
    }
    return at;
}

// Splits a data row into exactly `width` fields.
void row_fields(const fs::path& file, const LineReader& lines, std::string_view line, std::size_t width, Fields& f) {
    const std::size_t got = travel_io::split(line, ',', f);
    if (got != width)
        fail(file, lines.line_number(),
             "expected " + std::to_string(width) + " fields, found " + (got > max_columns ? "more" : std::to_string(got)));
}

std::vector<LatLon> read_osm_nodes(const fs::path& file) {
    const std::string text = travel_io::read_whole_file(file);
    LineReader lines(text);
    std::size_t width = 0;
    const auto col = header_columns<3>(file, lines, {"id", "lat", "lon"}, width);
    std::vector<LatLon> positions;
    positions.reserve(line_count_hint(text));
    Fields f;
    for (std::string_view line; lines.next(line);) {
        if (line.empty()) continue;
        row_fields(file, lines, line, width, f);
        const auto id = travel_io::parse_int<std::uint32_t>(f[col[0]]);
        if (!id || *id != positions.size())
            fail(file, lines.line_number(),
                 "node id \"" + std::string(f[col[0]]) + "\": ids must be 0, 1, 2, ... in order, expected " +
                     std::to_string(positions.size()));
        const auto lat = travel_io::parse_double(f[col[1]]);
        const auto lon = travel_io::parse_double(f[col[2]]);
        if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180)
            fail(file, lines.line_number(),
                 "lat/lon \"" + std::string(f[col[1]]) + "\", \"" + std::string(f[col[2]]) +
                     "\" are not degrees in [-90, 90] and [-180, 180]");
        positions.push_back({*lat, *lon});
    }
    if (positions.empty()) fail(file, 0, "no nodes");
    return positions;
}

std::uint32_t fixed_field(const fs::path& file, const LineReader& lines, std::string_view text, int decimals, const char* what) {
    const auto v = travel_io::parse_fixed(text, decimals);
    if (!v || *v > std::numeric_limits<std::uint32_t>::max())
        fail(file, lines.line_number(), std::string(what) + " \"" + std::string(text) + "\" is not a non-negative number in range");
    return static_cast<std::uint32_t>(*v);
}

std::vector<RoadArcSpec> read_osm_edges(const fs::path& file, std::size_t node_count) {
    const std::string text = travel_io::read_whole_file(file);
    LineReader lines(text);
    std::size_t width = 0;
    const auto col = header_columns<4>(file, lines, {"source", "target", "length_m", "travel_time_s"}, width);
    std::vector<RoadArcSpec> arcs;
    arcs.reserve(line_count_hint(text));
    Fields f;
    for (std::string_view line; lines.next(line);) {
        if (line.empty()) continue;
        row_fields(file, lines, line, width, f);
        const auto from = travel_io::parse_int<RoadNodeId>(f[col[0]]);
        const auto to = travel_io::parse_int<RoadNodeId>(f[col[1]]);
        if (!from || !to || *from >= node_count || *to >= node_count)
            fail(file, lines.line_number(),
                 "edge \"" + std::string(f[col[0]]) + "\" -> \"" + std::string(f[col[1]]) + "\" does not name two of the " +
                     std::to_string(node_count) + " nodes");
        const RoadArc weight{fixed_field(file, lines, f[col[3]], 3, "travel_time_s"), fixed_field(file, lines, f[col[2]], 2, "length_m")};
        arcs.push_back({*from, *to, weight});
    }
    return arcs;
}

// Reads the `a U V W` lines of a .gr file one by one (1-based ids become 0-based).
class DimacsArcReader {
public:
    struct Arc {
        RoadNodeId from, to;
        std::uint32_t weight;
    };

    explicit DimacsArcReader(fs::path file) : file_(std::move(file)), text_(travel_io::read_whole_file(file_)), lines_(text_) {}

    bool next(Arc& arc) {
        std::array<std::string_view, 4> f;
        for (std::string_view line; lines_.next(line);) {
            if (line.empty() || line[0] == 'c') continue;
            const std::size_t n = travel_io::split_blanks(line, f);
            if (line[0] == 'p') {
                if (n != 4 || f[1] != "sp") fail(file_, lines_.line_number(), "expected \"p sp NODES ARCS\"");
                nodes_ = travel_io::parse_int<std::uint32_t>(f[2]);
                declared_arcs_ = travel_io::parse_int<std::size_t>(f[3]);
                if (!nodes_ || !declared_arcs_) fail(file_, lines_.line_number(), "bad node or arc count");
                continue;
            }
            if (line[0] != 'a' || n != 4) fail(file_, lines_.line_number(), "expected \"a FROM TO WEIGHT\"");
            if (!nodes_) fail(file_, lines_.line_number(), "arc before the \"p sp\" line");
            const auto from = travel_io::parse_int<RoadNodeId>(f[1]);
            const auto to = travel_io::parse_int<RoadNodeId>(f[2]);
            const auto weight = travel_io::parse_int<std::uint32_t>(f[3]);
            if (!from || !to || *from < 1 || *to < 1 || *from > *nodes_ || *to > *nodes_)
                fail(file_, lines_.line_number(), "arc end points must be node ids 1.." + std::to_string(*nodes_));
            if (!weight) fail(file_, lines_.line_number(), "weight \"" + std::string(f[3]) + "\" is not a non-negative integer");
            arc = {*from - 1, *to - 1, *weight};
            ++arcs_read_;
            return true;
        }
        if (!nodes_) fail(file_, 0, "no \"p sp NODES ARCS\" line");
        if (arcs_read_ != *declared_arcs_)
            fail(file_, 0,
                 "the \"p\" line declares " + std::to_string(*declared_arcs_) + " arcs, the file has " + std::to_string(arcs_read_));
        return false;
    }

    [[nodiscard]] std::size_t line_number() const { return lines_.line_number(); }
    [[nodiscard]] std::size_t arc_count_hint() const { return line_count_hint(text_); }
    [[nodiscard]] std::uint32_t node_count() const { return nodes_.value_or(0); }
    [[nodiscard]] const fs::path& file() const { return file_; }

private:
    fs::path file_;
    std::string text_;
    LineReader lines_;
    std::optional<std::uint32_t> nodes_;
    std::optional<std::size_t> declared_arcs_;
    std::size_t arcs_read_ = 0;
};

std::vector<LatLon> read_dimacs_coordinates(const fs::path& file) {
    const std::string text = travel_io::read_whole_file(file);
    LineReader lines(text);
    std::vector<LatLon> positions;
    std::vector<bool> seen;
    std::size_t count = 0;
    std::array<std::string_view, 5> f;
    for (std::string_view line; lines.next(line);) {
        if (line.empty() || line[0] == 'c') continue;
        const std::size_t n = travel_io::split_blanks(line, f);
        if (line[0] == 'p') {
            const auto nodes =
                n == 5 && f[1] == "aux" && f[2] == "sp" && f[3] == "co" ? travel_io::parse_int<std::uint32_t>(f[4]) : std::nullopt;
            if (!nodes) fail(file, lines.line_number(), "expected \"p aux sp co NODES\"");
            positions.assign(*nodes, LatLon{});
            seen.assign(*nodes, false);
            continue;
        }
        if (line[0] != 'v' || n != 4) fail(file, lines.line_number(), "expected \"v ID X Y\"");
        if (seen.empty()) fail(file, lines.line_number(), "coordinates before the \"p aux sp co\" line");
        const auto id = travel_io::parse_int<std::uint32_t>(f[1]);
        const auto x = travel_io::parse_int<std::int64_t>(f[2]);
        const auto y = travel_io::parse_int<std::int64_t>(f[3]);
        if (!id || *id < 1 || *id > positions.size())
            fail(file, lines.line_number(), "node id must be 1.." + std::to_string(positions.size()));
        if (!x || !y || std::abs(*y) > 90'000'000 || std::abs(*x) > 180'000'000)
            fail(file, lines.line_number(), "X (longitude) and Y (latitude) must be integer microdegrees");
        if (seen[*id - 1]) fail(file, lines.line_number(), "node " + std::to_string(*id) + " appears twice");
        seen[*id - 1] = true;
        ++count;
        positions[*id - 1] = {static_cast<double>(*y) / 1e6, static_cast<double>(*x) / 1e6};
    }
    if (seen.empty()) fail(file, 0, "no \"p aux sp co NODES\" line");
    if (count != positions.size())
        fail(file, 0, "declares " + std::to_string(positions.size()) + " nodes but gives coordinates for " + std::to_string(count));
    return positions;
}

std::uint32_t great_circle_cm(LatLon a, LatLon b) {
    return static_cast<std::uint32_t>(std::llround(haversine_m(a, b) * 100.0));
}

bool is_gr_file(const fs::path& p) {
    const std::string name = p.filename().string();
    return ends_with(name, ".gr") || ends_with(name, ".gr.gz");
}
bool is_co_file(const fs::path& p) {
    const std::string name = p.filename().string();
    return ends_with(name, ".co") || ends_with(name, ".co.gz");
}
bool name_contains(const fs::path& p, std::string_view part) {
    return p.filename().string().find(part) != std::string::npos;
}

}  // namespace

RoadNetwork load_osm_csv(const fs::path& directory) {
    const auto nodes_file = find_either(directory, "nodes.csv");
    const auto edges_file = find_either(directory, "edges.csv");
    if (!nodes_file || !edges_file) fail(directory, 0, "expected nodes.csv.gz and edges.csv.gz (or uncompressed .csv) here");
    std::vector<LatLon> positions = read_osm_nodes(*nodes_file);
    std::vector<RoadArcSpec> arcs = read_osm_edges(*edges_file, positions.size());
    return build_road_network(std::move(positions), std::move(arcs), RoadUnits{}, directory.string() + " (OSM CSV)", NodeOrder::spatial);
}

RoadNetwork load_dimacs(const DimacsFiles& files) {
    std::vector<LatLon> positions = read_dimacs_coordinates(files.coordinates);
    DimacsArcReader times(files.time_arcs);
    std::optional<DimacsArcReader> lengths;
    if (files.length_arcs) lengths.emplace(*files.length_arcs);
    std::vector<RoadArcSpec> arcs;
    arcs.reserve(times.arc_count_hint());
    DimacsArcReader::Arc t{}, d{};
    for (;;) {
        const bool more = times.next(t);
        const bool more_lengths = lengths && lengths->next(d);
        if (lengths && more != more_lengths)
            fail(files.time_arcs, times.line_number(), "has a different number of arcs than " + lengths->file().string());
        if (!more) break;
        if (times.node_count() != positions.size())
            fail(files.time_arcs, times.line_number(),
                 "has " + std::to_string(times.node_count()) + " nodes but " + files.coordinates.string() + " has " +
                     std::to_string(positions.size()));
        if (lengths && (d.from != t.from || d.to != t.to))
            fail(lengths->file(), lengths->line_number(),
                 "arc " + std::to_string(d.from + 1) + " -> " + std::to_string(d.to + 1) + " differs from line " +
                     std::to_string(times.line_number()) + " of " + files.time_arcs.string() +
                     "; the two files must list the same arcs in order");
        const std::uint32_t length = lengths ? d.weight : great_circle_cm(positions[t.from], positions[t.to]);
        arcs.push_back({t.from, t.to, RoadArc{t.weight, length}});
    }
    const RoadUnits units{dimacs_ms_per_time_unit, lengths ? dimacs_cm_per_length_unit : TickScale{}};
    return build_road_network(std::move(positions), std::move(arcs), units, files.time_arcs.string() + " (DIMACS)", NodeOrder::spatial);
}

DimacsFiles find_dimacs_files(const fs::path& directory_or_gr_file) {
    const bool is_file = fs::is_regular_file(directory_or_gr_file);
    const fs::path dir = is_file ? directory_or_gr_file.parent_path() : directory_or_gr_file;
    std::vector<fs::path> grs, cos;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir.empty() ? fs::path(".") : dir, ec)) {
        if (!entry.is_regular_file()) continue;
        if (is_gr_file(entry.path())) grs.push_back(entry.path());
        if (is_co_file(entry.path())) cos.push_back(entry.path());
    }
    if (ec) fail(dir, 0, "cannot list directory (" + ec.message() + ")");
    std::sort(grs.begin(), grs.end());
    if (cos.size() != 1) fail(dir, 0, "expected exactly one DIMACS coordinate file (*.co or *.co.gz), found " + std::to_string(cos.size()));

    DimacsFiles files;
    files.coordinates = cos.front();
    auto with = [&](std::string_view part) {
        std::vector<fs::path> out;
        std::copy_if(grs.begin(), grs.end(), std::back_inserter(out), [&](const fs::path& p) { return name_contains(p, part); });
        return out;
    };
    if (is_file) {
        files.time_arcs = directory_or_gr_file;
    } else if (const auto t = with("-t."); t.size() == 1) {
        files.time_arcs = t.front();
    } else if (grs.size() == 1) {
        files.time_arcs = grs.front();
    } else {
        fail(dir, 0, "cannot tell which .gr file holds travel times: expected one *-t.*.gr[.gz] or a single .gr file");
    }
    if (const auto d = with("-d."); d.size() == 1 && d.front() != files.time_arcs) files.length_arcs = d.front();
    return files;
}

RoadFormat detect_road_format(const fs::path& p) {
    if (fs::is_directory(p)) {
        if (find_either(p, "nodes.csv")) return RoadFormat::osm_csv;
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(p, ec))
            if (entry.is_regular_file() && is_co_file(entry.path())) return RoadFormat::dimacs;
        fail(p, 0, "is neither an OSM CSV road directory (nodes.csv.gz, edges.csv.gz) nor a DIMACS one (.gr, .co)");
    }
    if (fs::is_regular_file(p)) {
        if (is_gr_file(p)) return RoadFormat::dimacs;
        const std::string name = p.filename().string();
        if (name.rfind("nodes.csv", 0) == 0 || name.rfind("edges.csv", 0) == 0) return RoadFormat::osm_csv;
        fail(p, 0, "is not a road network file: give a directory, a DIMACS .gr[.gz] file or nodes.csv[.gz]");
    }
    fail(p, 0, "no such file or directory");
}

RoadNetwork load_road_network(const fs::path& p) {
    if (detect_road_format(p) == RoadFormat::dimacs) return load_dimacs(find_dimacs_files(p));
    return load_osm_csv(fs::is_directory(p) ? p : p.parent_path());
}

}  // namespace fsd
