// Shared by the tests/test_travel_*.cpp programs: a deliberately plain reference Dijkstra that
// shares no code with fsd's engines (adjacency lists, std::priority_queue, (time, length)
// pairs), and small helpers to build and write road networks for tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include <zlib.h>

#include "fsd/travel/road_network.hpp"

namespace fsd::test {

struct RefCost {
    std::uint64_t time = 0;
    std::uint64_t length = 0;
    friend auto operator<=>(const RefCost&, const RefCost&) = default;
};

// Least (time, length) from `source` to every node, compared lexicographically: the fastest
// path and, among equally fast ones, the shortest. nullopt: unreachable.
inline std::vector<std::optional<RefCost>> reference_costs(std::size_t node_count, const std::vector<RoadArcSpec>& arcs,
                                                           std::uint32_t source) {
    std::vector<std::vector<const RoadArcSpec*>> out(node_count);
    for (const auto& a : arcs) out[a.from].push_back(&a);
    std::vector<std::optional<RefCost>> best(node_count);
    using Item = std::pair<RefCost, std::uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    best[source] = RefCost{};
    queue.push({RefCost{}, source});
    std::vector<bool> done(node_count, false);
    while (!queue.empty()) {
        const auto [cost, v] = queue.top();
        queue.pop();
        if (done[v]) continue;
        done[v] = true;
        for (const RoadArcSpec* a : out[v]) {
            const RefCost next{cost.time + a->weight.time, cost.length + a->weight.length};
            if (!best[a->to] || next < *best[a->to]) {
                best[a->to] = next;
                queue.push({next, a->to});
            }
        }
    }
    return best;
}

// A random street network for property tests: a jittered grid of intersections joined by
// streets subdivided into shape points (so the search graph has many chains), some streets
// one-way in either direction, cul-de-sacs with side branches (dead-end trees), one-way dead
// ends, a worse parallel arc, and a detached loop.
struct RandomNetwork {
    std::vector<LatLon> positions;
    std::vector<RoadArcSpec> arcs;
};

inline RandomNetwork random_street_network(std::uint64_t seed, int side = 6) {
    std::mt19937_64 rng(seed);
    auto uniform = [&](std::uint32_t lo, std::uint32_t hi) { return lo + static_cast<std::uint32_t>(rng() % (hi - lo + 1)); };
    RandomNetwork net;
    auto add_node = [&](double lat, double lon) {
        net.positions.push_back({lat, lon});
        return static_cast<RoadNodeId>(net.positions.size() - 1);
    };
    std::vector<RoadNodeId> grid;
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) grid.push_back(add_node(41.0 + 0.002 * r, -8.6 + 0.002 * c + 1e-5 * (rng() % 50)));
    auto street = [&](RoadNodeId a, RoadNodeId b) {
        const int shape_points = static_cast<int>(uniform(0, 3));
        const int kind = static_cast<int>(uniform(0, 9));  // 0: one-way a->b, 1: one-way b->a, else two-way
        std::vector<RoadNodeId> path{a};
        for (int k = 1; k <= shape_points; ++k) {
            const double f = double(k) / (shape_points + 1);
            path.push_back(add_node(net.positions[a].lat * (1 - f) + net.positions[b].lat * f,
                                    net.positions[a].lon * (1 - f) + net.positions[b].lon * f));
        }
        path.push_back(b);
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            const RoadArc w{uniform(0, 5000), uniform(1, 900)};
            if (kind != 1) net.arcs.push_back({path[i], path[i + 1], w});
            // The other direction may cost differently (a steeper climb, a slower lane).
            if (kind != 0) net.arcs.push_back({path[i + 1], path[i], RoadArc{w.time + uniform(0, 1) * 700, w.length}});
        }
    };
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            const RoadNodeId v = grid[r * side + c];
            if (c + 1 < side && uniform(0, 5) > 0) street(v, grid[r * side + c + 1]);
            if (r + 1 < side && uniform(0, 5) > 0) street(v, grid[(r + 1) * side + c]);
        }
    // Dead ends off some intersections and off some shape points: two-way trees of depth up to
    // three with a side branch, or a one-way stub.
    const std::size_t street_nodes = net.positions.size();
    for (RoadNodeId at = 0; at < street_nodes; ++at) {
        if (uniform(0, 3) != 0) continue;
        const bool one_way = uniform(0, 4) == 0;
        RoadNodeId prev = at;
        const int depth = static_cast<int>(uniform(1, 3));
        for (int d = 0; d < depth; ++d) {
            const RoadNodeId next = add_node(net.positions[prev].lat + 0.0003, net.positions[prev].lon + 0.0001 * (d + 1));
            const RoadArc w{uniform(0, 3000), uniform(1, 400)};
            net.arcs.push_back({prev, next, w});
            if (!one_way) net.arcs.push_back({next, prev, RoadArc{w.time + uniform(0, 1) * 300, w.length}});
            if (!one_way && d == 1 && uniform(0, 1) == 0) {
                const RoadNodeId side = add_node(net.positions[next].lat, net.positions[next].lon + 0.0002);
                net.arcs.push_back({next, side, RoadArc{1000, 90}});
                net.arcs.push_back({side, next, RoadArc{1000, 90}});
            }
            prev = next;
        }
    }
    // Equal times on purpose, so ties between paths of different length occur.
    for (auto& a : net.arcs) a.weight.time -= a.weight.time % 500;
    // A parallel arc that is worse than the original, and a detached two-way ring.
    net.arcs.push_back({net.arcs[0].from, net.arcs[0].to, RoadArc{net.arcs[0].weight.time + 1000, 5}});
    const RoadNodeId r0 = add_node(41.1, -8.5), r1 = add_node(41.1, -8.499), r2 = add_node(41.101, -8.499);
    for (auto [x, y] : {std::pair{r0, r1}, std::pair{r1, r2}, std::pair{r2, r0}}) {
        net.arcs.push_back({x, y, RoadArc{1000, 80}});
        net.arcs.push_back({y, x, RoadArc{1500, 80}});
    }
    return net;
}

// Writes `text` gzip-compressed.
inline void write_gz(const std::filesystem::path& path, const std::string& text) {
    gzFile f = gzopen(path.c_str(), "wb");
    if (f == nullptr) throw std::runtime_error("cannot write " + path.string());
    gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
    gzclose(f);
}

// A fresh empty directory under the system temp dir, removed when the object dies.
class TempDir {
public:
    explicit TempDir(const std::string& name)
        : path_(std::filesystem::temp_directory_path() / ("fsd-test-" + name + "-" + std::to_string(std::random_device{}()))) {
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace fsd::test
