// fsd matrix --roads DIR|FILE --points POINTS.csv [--profile rush.json] [--json-summary] -o MATRIX:
// travel times between points on a road network. A MATRIX ending in .csv gets the time matrix as
// CSV; any other name gets the binary matrix cache, which a rerun with the same network and
// points reuses instead of recomputing. Points too far from a road, or pairs without a road
// path, are reported by id and stop the run (exit 2) unless the caller allows the latter.
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>

#include <fmt/core.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/travel/matrix_cache.hpp"
#include "fsd/travel/points_csv.hpp"
#include "fsd/travel/reachability.hpp"
#include "fsd/travel/road_loaders.hpp"
#include "input_errors.hpp"
#include "output_path.hpp"

namespace fsd::cli {
namespace {

namespace fs = std::filesystem;

struct MatrixArgs {
    std::string roads;
    std::string points;
    std::string profile;
    std::string output;
    std::string cache;
    bool json_summary = false;
    bool allow_unreachable = false;
    bool any_node = false;
    double max_snap_m = 500.0;
    unsigned threads = 0;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool is_csv(const fs::path& p) {
    return p.extension() == ".csv";
}

// "m.csv" and band 07:00-09:00 -> "m.0700-0900.csv", next to it.
fs::path band_file(const fs::path& output, const SpeedBand& b) {
    const auto hhmm = [](std::int32_t s) { return fmt::format("{:02}{:02}", s / 3600, s / 60 % 60); };
    return output.parent_path() / (output.stem().string() + "." + hhmm(b.start_s) + "-" + hhmm(b.end_s) + ".csv");
}

// One row per source point, seconds with one decimal, no header; an empty cell where there is
// no road path (only written when the caller allowed unreachable pairs).
void write_time_csv(const fs::path& path, const RoadMatrix& m, double speed_factor) {
    fmt::memory_buffer out;
    for (std::size_t a = 0; a < m.size(); ++a) {
        for (std::size_t b = 0; b < m.size(); ++b) {
            if (b > 0) out.push_back(',');
            if (!m.reachable(a, b)) continue;
            const std::int64_t ms = speed_factor == 1.0 ? m.time_ms(a, b) : TimeBucketedTravel::stretch(m.time_ms(a, b), speed_factor);
            const std::int64_t tenths = (ms + 50) / 100;
            fmt::format_to(std::back_inserter(out), "{}.{}", tenths / 10, tenths % 10);
        }
        out.push_back('\n');
    }
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!file) throw std::runtime_error("cannot write " + path.string());
}

// True when the file starts as a matrix cache does (a damaged or stale one included).
bool looks_like_cache(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    char head[sizeof matrix_cache_magic] = {};
    in.read(head, sizeof head);
    return in.gcount() == sizeof head && std::memcmp(head, matrix_cache_magic, sizeof head) == 0;
}

// A usable cache for `key`, or nullopt when there is none, it is stale or it is damaged. A file
// given as --cache that is no cache at all (a problem file given by mistake, say) is an input
// error: the run would write the cache over it.
std::optional<MatrixCacheFile> reusable_cache(const fs::path& path, const MatrixCacheKey& key, bool quiet, bool given_as_cache) {
    if (path.empty() || !fs::exists(path)) return std::nullopt;
    if (given_as_cache && (!fs::is_regular_file(path) || !looks_like_cache(path)))
        throw input_error("--cache", path.string() + " exists and is not an fsd matrix cache: not overwritten");
    try {
        MatrixCacheFile cache = read_matrix_cache(path);
        if (cache.key == key) return cache;
    } catch (const InputErrors& e) {
        if (!quiet) fmt::print(stderr, "warning: ignoring the cache: {}\n", e.what());
    }
    return std::nullopt;
}

class MatrixRun {
    using json = nlohmann::json;

public:
    explicit MatrixRun(const MatrixArgs& args) : args_(args) {}

    int run() {
        require_writable(args_.output, "-o");
        if (!args_.cache.empty()) require_writable(args_.cache, "--cache");
        const auto start = std::chrono::steady_clock::now();
        const RoadNetwork network = load_road_network(args_.roads);
        summary_["load_seconds"] = round3(seconds_since(start));
        summary_["network"] = {{"source", network.description()}, {"nodes", network.node_count()}, {"arcs", network.arc_count()}};
        const bool dimacs = detect_road_format(args_.roads) == RoadFormat::dimacs;
        points_ = read_points_csv(args_.points, dimacs ? PointCoordinates::microdegrees_x_y : PointCoordinates::degrees_lat_lon);
        const RushHourProfile profile = args_.profile.empty() ? RushHourProfile() : load_rush_hour_profile(args_.profile);
        std::vector<LatLon> positions;
        for (const auto& p : points_) positions.push_back(p.position);
        const SnapOptions snapping{args_.max_snap_m, !args_.any_node};
        const MatrixCacheKey key{network.content_hash(), points_hash(positions, snapping)};
        const fs::path cache_path = is_csv(args_.output) ? fs::path(args_.cache) : fs::path(args_.output);
        const unsigned threads = args_.threads == 0 ? hardware_threads() : args_.threads;
        summary_["points"] = points_.size();
        summary_["snap_limit_m"] = args_.max_snap_m;
        summary_["threads"] = threads;

        const auto compute_start = std::chrono::steady_clock::now();
        MatrixCacheFile result;
        if (auto cached = reusable_cache(cache_path, key, args_.json_summary, is_csv(args_.output))) {
            result = std::move(*cached);
            summary_["cache"] = "hit";
        } else {
            const RoadSnapper snapper(network, snapping.largest_component_only);
            const SnapReport snaps = snapper.snap(positions, args_.max_snap_m);
            if (!snaps.all_snapped()) return report_too_far(snaps, compute_start);
            result = {key, snaps.points, road_matrix(network, snaps.nodes(), threads), {}};
            summary_["cache"] = cache_path.empty() ? "none" : "miss";
        }
        double max_snap = 0;
        for (const auto& s : result.snaps) max_snap = std::max(max_snap, s.distance_m);
        summary_["snapped"] = result.snaps.size();
        summary_["too_far"] = json::array();
        summary_["max_snap_m"] = std::round(max_snap * 10) / 10;
        summary_["seconds"] = round3(seconds_since(compute_start));

        const ReachabilityReport reach = check_reachability(result.matrix);
        summary_["unreachable_pairs"] = reach.pairs.size();
        summary_["unreachable_points"] = ids_of(reach.culprits);
        if (!reach.all_reachable() && !args_.allow_unreachable) return report_unreachable(reach);

        result.bands = profile.bands();
        write_outputs(result, cache_path);
        print_summary();
        return exit_ok;
    }

private:
    static double round3(double s) { return std::round(s * 1000) / 1000; }

    template <class Indices>
    json ids_of(const Indices& indices) const {
        json ids = json::array();
        for (auto i : indices) ids.push_back(points_[i].id);
        return ids;
    }

    int report_too_far(const SnapReport& snaps, std::chrono::steady_clock::time_point compute_start) {
        summary_["snapped"] = snaps.points.size() - snaps.too_far.size();
        summary_["too_far"] = ids_of(snaps.too_far);
        summary_["max_snap_m"] = std::round(snaps.max_snapped_m * 10) / 10;
        summary_["seconds"] = round3(seconds_since(compute_start));
        summary_["unreachable_pairs"] = 0;
        summary_["unreachable_points"] = json::array();
        fmt::print(stderr, "error: {} of {} points are farther than {} m from any road; no matrix written\n", snaps.too_far.size(),
                   snaps.points.size(), args_.max_snap_m);
        for (std::size_t i : snaps.too_far)
            fmt::print(stderr, "  {}: nearest road node {:.0f} m away\n", points_[i].id, snaps.points[i].distance_m);
        print_summary();
        return exit_input;
    }

    int report_unreachable(const ReachabilityReport& reach) {
        fmt::print(stderr,
                   "error: {} ordered pairs of points have no road path; no matrix written "
                   "(--allow-unreachable writes them as empty cells)\n",
                   reach.pairs.size());
        fmt::print(stderr, "  cut-off points: {}\n", fmt::join(summary_["unreachable_points"].get<std::vector<std::string>>(), ", "));
        for (std::size_t k = 0; k < std::min<std::size_t>(reach.pairs.size(), 10); ++k)
            fmt::print(stderr, "  no path {} -> {}\n", points_[reach.pairs[k].from].id, points_[reach.pairs[k].to].id);
        print_summary();
        return exit_input;
    }

    void write_outputs(const MatrixCacheFile& result, const fs::path& cache_path) {
        json files = json::array({args_.output});
        json buckets = json::array();
        if (is_csv(args_.output)) {
            write_time_csv(args_.output, result.matrix, 1.0);
            for (const SpeedBand& b : result.bands) {
                const fs::path f = band_file(args_.output, b);
                write_time_csv(f, result.matrix, b.speed_factor);
                files.push_back(f.string());
                buckets.push_back({{"from", RushHourProfile::clock_text(b.start_s)},
                                   {"to", RushHourProfile::clock_text(b.end_s)},
                                   {"speed_factor", b.speed_factor},
                                   {"file", f.string()}});
            }
        } else {
            for (const SpeedBand& b : result.bands)
                buckets.push_back({{"from", RushHourProfile::clock_text(b.start_s)},
                                   {"to", RushHourProfile::clock_text(b.end_s)},
                                   {"speed_factor", b.speed_factor}});
        }
        if (!cache_path.empty()) {
            write_matrix_cache(cache_path, result);
            if (cache_path != fs::path(args_.output)) files.push_back(cache_path.string());
        }
        summary_["output"] = args_.output;
        summary_["files"] = files;
        summary_["buckets"] = buckets;
    }

    void print_summary() const {
        if (args_.json_summary) {
            fmt::print("{}\n", summary_.dump());
            return;
        }
        const json& n = summary_["network"];
        fmt::print("network      {}: {} nodes, {} arcs, loaded in {:.2f} s\n", n["source"].get<std::string>(),
                   n["nodes"].get<std::size_t>(), n["arcs"].get<std::size_t>(), summary_["load_seconds"].get<double>());
        fmt::print("points       {} read, {} snapped (farthest {:.1f} m, limit {} m)\n", summary_["points"].get<std::size_t>(),
                   summary_["snapped"].get<std::size_t>(), summary_["max_snap_m"].get<double>(), args_.max_snap_m);
        if (!summary_.contains("cache")) return;
        fmt::print("matrix       {0} x {0} in {1:.3f} s on {2} threads (cache: {3})\n", summary_["snapped"].get<std::size_t>(),
                   summary_["seconds"].get<double>(), summary_["threads"].get<unsigned>(), summary_["cache"].get<std::string>());
        const std::size_t pairs = summary_["unreachable_pairs"].get<std::size_t>();
        if (pairs == 0)
            fmt::print("unreachable  none\n");
        else
            fmt::print("unreachable  {} pairs, cut-off points: {}\n", pairs,
                       fmt::join(summary_["unreachable_points"].get<std::vector<std::string>>(), ", "));
        if (summary_.contains("files")) fmt::print("wrote        {}\n", fmt::join(summary_["files"].get<std::vector<std::string>>(), ", "));
    }

    const MatrixArgs& args_;
    std::vector<NamedPoint> points_;
    json summary_ = json::object();
};

const Register matrix_command{
    {"matrix", "Travel-time matrix between points on a road network (CSV or binary cache)", [](CLI::App& app) {
         auto args = std::make_shared<MatrixArgs>();
         app.add_option("--roads", args->roads, "road network: an OSM CSV directory, a DIMACS directory or .gr[.gz] file")->required();
         app.add_option("--points", args->points,
                        "POINTS.csv: id,lat,lon in degrees; for DIMACS networks id,x,y in microdegrees, longitude first")
             ->required();
         app.add_option("-o,--output", args->output, "MATRIX: *.csv for seconds as CSV, any other name for the binary cache")->required();
         app.add_option("--profile", args->profile, "rush-hour profile JSON: also write one matrix per band");
         app.add_option("--cache", args->cache, "with CSV output: binary cache file to reuse and update");
         app.add_flag("--json-summary", args->json_summary, "print one JSON line instead of the text report");
         app.add_option("--max-snap-m", args->max_snap_m, "refuse points farther than this from a road node (default 500)")
             ->check(number_in(0, 100000));
         app.add_option("--threads", args->threads, "worker threads (default: all cores)");
         app.add_flag("--any-node", args->any_node,
                      "snap to any road node, not only the largest strongly connected component (dead ends and "
                      "cut-off parts then show up as unreachable pairs)");
         app.add_flag("--allow-unreachable", args->allow_unreachable, "write pairs without a road path as empty cells instead of failing");
         return std::function<int()>([args] { return MatrixRun(*args).run(); });
     }}};

}  // namespace
}  // namespace fsd::cli
