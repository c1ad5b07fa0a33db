// Random locations on a road network for scenario generators and benchmarks: distinct nodes of
// the largest strongly connected component, so every pair is mutually reachable by road. The
// same seed gives the same points on every platform.
#pragma once

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "fsd/model/location.hpp"
#include "fsd/travel/components.hpp"
#include "fsd/travel/road_network.hpp"

namespace fsd {

// Uniform in [0, bound) from the 64-bit engine, by rejection: std::uniform_int_distribution
// differs between standard libraries, the engine's output does not.
inline std::uint64_t uniform_below(std::mt19937_64& rng, std::uint64_t bound) {
    const std::uint64_t limit = std::mt19937_64::max() - std::mt19937_64::max() % bound;
    for (;;)
        if (const std::uint64_t x = rng(); x < limit) return x % bound;
}

// `count` distinct road nodes, chosen uniformly; throws std::invalid_argument when the
// component has fewer nodes than asked for.
inline std::vector<RoadNodeId> sample_road_nodes(const RoadNetwork& network, std::size_t count, std::uint64_t seed) {
    std::vector<RoadNodeId> pool = largest_strong_component(network);
    if (count > pool.size())
        throw std::invalid_argument("cannot sample " + std::to_string(count) + " distinct nodes from a component of " +
                                    std::to_string(pool.size()));
    std::mt19937_64 rng(seed);
    // Partial Fisher-Yates: the first `count` slots end up a uniform sample.
    for (std::size_t i = 0; i < count; ++i) std::swap(pool[i], pool[i + uniform_below(rng, pool.size() - i)]);
    pool.resize(count);
    return pool;
}

// The positions of sample_road_nodes(): each snaps back at distance 0 (to its own node, or to
// another node at the very same position).
inline std::vector<LatLon> sample_road_points(const RoadNetwork& network, std::size_t count, std::uint64_t seed) {
    std::vector<LatLon> points;
    points.reserve(count);
    for (RoadNodeId v : sample_road_nodes(network, count, seed)) points.push_back(network.position(v));
    return points;
}

}  // namespace fsd
