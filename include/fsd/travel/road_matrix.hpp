// Travel-time and distance matrices between points snapped to a RoadNetwork: one one-to-many
// search per distinct source node, spread over std::threads. Each row is computed by one thread
// alone from the same deterministic search, so any thread count gives bit-identical results.
#pragma once

#include <algorithm>
#include <atomic>
#include <concepts>
#include <cstdint>
#include <exception>
#include <span>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "fsd/model/matrix.hpp"
#include "fsd/model/travel_tables.hpp"
#include "fsd/travel/one_to_many.hpp"

namespace fsd {

// A one-to-many shortest-path engine: a per-thread workspace built from the network whose
// run() fills the packed cost of every target slot (see OneToManyDijkstra).
template <class S>
concept OneToManySearch = std::constructible_from<S, const RoadNetwork&> &&
    requires(S& s, RoadNodeId source, const TargetSet& targets, std::span<std::uint64_t> out) {
    { s.run(source, targets, out) } -> std::convertible_to<std::size_t>;
};

inline unsigned hardware_threads() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

// Packed costs (CostPacking) from each source node to each target node, row-major
// sources x targets. threads = 0 uses every core.
template <OneToManySearch Search = OneToManyDijkstra>
std::vector<std::uint64_t> node_cost_table(const RoadNetwork& network, std::span<const RoadNodeId> sources,
                                           std::span<const RoadNodeId> targets, unsigned threads = 0) {
    const TargetSet target_set(network, targets);
    const std::size_t width = target_set.size();

    // Two points on one node share a search.
    std::vector<RoadNodeId> distinct_sources;
    std::vector<std::uint32_t> row_of_source(sources.size());
    std::unordered_map<RoadNodeId, std::uint32_t> seen;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        auto [it, fresh] = seen.emplace(sources[i], static_cast<std::uint32_t>(distinct_sources.size()));
        if (fresh) distinct_sources.push_back(sources[i]);
        row_of_source[i] = it->second;
    }

    std::vector<std::uint64_t> distinct_rows(distinct_sources.size() * width);
    std::atomic<std::size_t> next_row{0};
    auto work = [&] {
        Search search(network);
        for (std::size_t r = next_row++; r < distinct_sources.size(); r = next_row++)
            search.run(distinct_sources[r], target_set, std::span(distinct_rows).subspan(r * width, width));
    };
    const unsigned wanted = threads == 0 ? hardware_threads() : threads;
    const std::size_t thread_count = std::clamp<std::size_t>(wanted, 1, std::max<std::size_t>(1, distinct_sources.size()));
    std::vector<std::exception_ptr> failures(thread_count);
    {
        std::vector<std::jthread> pool;
        for (std::size_t t = 1; t < thread_count; ++t)
            pool.emplace_back([&, t] {
                try {
                    work();
                } catch (...) {
                    failures[t] = std::current_exception();
                }
            });
        try {
            work();
        } catch (...) {
            failures[0] = std::current_exception();
        }
    }
    for (const auto& f : failures)
        if (f) std::rethrow_exception(f);

    std::vector<std::uint64_t> table(sources.size() * targets.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::uint64_t* row = distinct_rows.data() + row_of_source[i] * width;
        for (std::size_t j = 0; j < targets.size(); ++j) table[i * targets.size() + j] = row[target_set.slot_of_target(j)];
    }
    return table;
}

// Travel between points, in milliseconds and centimetres along the fastest path (the shortest
// of the fastest when several tie). Unreachable entries hold `unreachable` in both matrices:
// see reachability.hpp for the report callers must act on.
struct RoadMatrix {
    static constexpr std::int64_t unreachable = -1;
    Matrix<std::int64_t> time_ms;
    Matrix<std::int64_t> length_cm;

    [[nodiscard]] std::size_t size() const { return time_ms.size(); }
    [[nodiscard]] bool reachable(std::size_t from, std::size_t to) const { return time_ms(from, to) != unreachable; }
    friend bool operator==(const RoadMatrix&, const RoadMatrix&) = default;
};

// Square matrix between points already snapped to `point_nodes` (one node per point).
template <OneToManySearch Search = OneToManyDijkstra>
RoadMatrix road_matrix(const RoadNetwork& network, std::span<const RoadNodeId> point_nodes, unsigned threads = 0) {
    const std::size_t n = point_nodes.size();
    const std::vector<std::uint64_t> packed = node_cost_table<Search>(network, point_nodes, point_nodes, threads);
    const CostPacking& packing = network.packing();
    const RoadUnits& units = network.units();
    RoadMatrix m{Matrix<std::int64_t>(n), Matrix<std::int64_t>(n)};
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) {
            const std::uint64_t key = packed[a * n + b];
            if (key == CostPacking::unreached) {
                m.time_ms(a, b) = m.length_cm(a, b) = RoadMatrix::unreachable;
                continue;
            }
            m.time_ms(a, b) = units.ms_per_time_tick.convert(static_cast<std::int64_t>(packing.time(key)));
            m.length_cm(a, b) = units.cm_per_length_tick.convert(static_cast<std::int64_t>(packing.length(key)));
        }
    return m;
}

// The model's tables: seconds and metres, rounded to nearest. Pairs from or to an `excluded`
// point become infinity, for callers that mark those jobs unassignable; any other unreachable
// pair throws std::logic_error, because the caller must decide before a solver sees it.
inline TravelTables to_travel_tables(const RoadMatrix& m, std::span<const std::uint32_t> excluded = {}) {
    const std::size_t n = m.size();
    std::vector<bool> is_excluded(n, false);
    for (auto p : excluded) is_excluded.at(p) = true;
    TravelTables t{Matrix<Duration>(n), Matrix<Distance>(n)};
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) {
            if (is_excluded[a] || is_excluded[b]) {
                t.time(a, b) = a == b ? Duration::zero() : Duration::infinity();
                t.distance(a, b) = a == b ? Distance::zero() : Distance::infinity();
            } else if (!m.reachable(a, b)) {
                throw std::logic_error("point " + std::to_string(b) + " is unreachable from point " + std::to_string(a) +
                                       " and was not excluded");
            } else {
                t.time(a, b) = Duration((m.time_ms(a, b) + 500) / 1000);
                t.distance(a, b) = Distance((m.length_cm(a, b) + 50) / 100);
            }
        }
    return t;
}

}  // namespace fsd
