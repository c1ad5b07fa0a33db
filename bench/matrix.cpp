// fsd-bench-matrix: how long loading a road network and computing a travel-time matrix take,
// and how much memory they need. Each configuration is one process, so the peak RSS it prints
// (VmHWM) belongs to that configuration alone. Recorded in docs/benchmarks.md, section 2.
//
//   fsd-bench-matrix --roads PATH [--points N] [--runs R] [--load-runs L] [--threads T]
//                    [--engine tight|boost] [--seed S]
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "fsd/travel/boost_dijkstra.hpp"
#include "fsd/travel/road_loaders.hpp"
#include "fsd/travel/road_matrix.hpp"
#include "fsd/travel/sample_points.hpp"
#include "fsd/travel/snap.hpp"

namespace bench_matrix {
namespace {

struct Options {
    std::string roads;
    std::size_t points = 1000;
    int runs = 5;
    int load_runs = 3;
    unsigned threads = 0;
    std::string engine = "tight";
    std::uint64_t seed = 1;
};

[[noreturn]] void usage(const std::string& why) {
    std::cerr << "error: " << why << "\n"
              << "usage: fsd-bench-matrix --roads PATH [--points N] [--runs R] [--load-runs L] [--threads T]\n"
              << "                        [--engine tight|boost] [--seed S]\n";
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) usage("missing value after " + std::string(arg));
        const std::string value = argv[++i];
        if (arg == "--roads")
            o.roads = value;
        else if (arg == "--points")
            o.points = std::stoul(value);
        else if (arg == "--runs")
            o.runs = std::stoi(value);
        else if (arg == "--load-runs")
            o.load_runs = std::stoi(value);
        else if (arg == "--threads")
            o.threads = static_cast<unsigned>(std::stoul(value));
        else if (arg == "--engine")
            o.engine = value;
        else if (arg == "--seed")
            o.seed = std::stoull(value);
        else
            usage("unknown option " + std::string(arg));
    }
    if (o.roads.empty()) usage("--roads is required");
    if (o.engine != "tight" && o.engine != "boost") usage("--engine is tight or boost");
    if (o.runs < 1 || o.load_runs < 1) usage("--runs and --load-runs must be at least 1");
    return o;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds of the whole process: with other work on the machine, wall time says how long a
// user waits, CPU time what the computation itself costs.
double process_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Peak resident set size of this process so far, in MiB.
double peak_rss_mib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return -1;
}

std::string list(const std::vector<double>& v) {
    std::string s;
    for (double x : v) s += (s.empty() ? "" : " ") + fmt::format("{:.3f}", x);
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    const Options opt = parse(argc, argv);
    std::vector<double> load_s;
    std::optional<fsd::RoadNetwork> network;
    for (int r = 0; r < opt.load_runs; ++r) {
        network.reset();
        const auto start = std::chrono::steady_clock::now();
        network.emplace(fsd::load_road_network(opt.roads));
        load_s.push_back(seconds_since(start));
    }
    const auto index_start = std::chrono::steady_clock::now();
    const fsd::RoadSnapper snapper(*network);
    const double index_s = seconds_since(index_start);
    const std::vector<fsd::LatLon> points = fsd::sample_road_points(*network, opt.points, opt.seed);

    std::vector<double> snap_s, matrix_s, matrix_cpu_s;
    fsd::RoadMatrix first;
    for (int r = 0; r < opt.runs; ++r) {
        auto start = std::chrono::steady_clock::now();
        const fsd::SnapReport snaps = snapper.snap(points, 500.0);
        snap_s.push_back(seconds_since(start));
        if (!snaps.all_snapped()) usage("sampled points failed to snap");
        const std::vector<fsd::RoadNodeId> nodes = snaps.nodes();
        start = std::chrono::steady_clock::now();
        const double cpu_start = process_cpu_seconds();
        fsd::RoadMatrix m = opt.engine == "tight" ? fsd::road_matrix<fsd::OneToManyDijkstra>(*network, nodes, opt.threads)
                                                  : fsd::road_matrix<fsd::BoostOneToManyDijkstra>(*network, nodes, opt.threads);
        matrix_s.push_back(seconds_since(start));
        matrix_cpu_s.push_back(process_cpu_seconds() - cpu_start);
        if (r == 0)
            first = std::move(m);
        else if (m != first)
            usage("runs disagree: the matrix is not deterministic");
    }
    std::int64_t checksum = 0;
    for (std::int64_t t : first.time_ms.data()) checksum += t;

    const unsigned threads = opt.threads == 0 ? fsd::hardware_threads() : opt.threads;
    fmt::print("network      {} ({} nodes, {} arcs)\n", network->description(), network->node_count(), network->arc_count());
    fmt::print("load         median {:.3f} s   runs: {}\n", median(load_s), list(load_s));
    fmt::print("snap index   {:.3f} s\n", index_s);
    fmt::print("matrix       {}x{} engine={} threads={}\n", opt.points, opt.points, opt.engine, threads);
    fmt::print("snap         median {:.4f} s\n", median(snap_s));
    fmt::print("matrix wall  median {:.3f} s   runs: {}\n", median(matrix_s), list(matrix_s));
    fmt::print("matrix cpu   median {:.3f} s   runs: {}\n", median(matrix_cpu_s), list(matrix_cpu_s));
    fmt::print("peak RSS     {:.1f} MiB (VmHWM)\n", peak_rss_mib());
    fmt::print("checksum     sum of times {} ms\n", checksum);
    fmt::print(
        "{{\"roads\":\"{}\",\"points\":{},\"engine\":\"{}\",\"threads\":{},\"load_s\":{:.3f},\"snap_s\":{:.4f},"
        "\"matrix_s\":{:.3f},\"matrix_cpu_s\":{:.3f},\"peak_rss_mib\":{:.1f}}}\n",
        opt.roads, opt.points, opt.engine, threads, median(load_s), median(snap_s), median(matrix_s), median(matrix_cpu_s), peak_rss_mib());
    return 0;
}

}  // namespace bench_matrix
