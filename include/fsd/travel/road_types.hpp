// The value types of road-network costs: node ids, integer arc weights in the source's ticks,
// exact tick-to-unit scales, and the packing of a (time, length) path cost into one 64-bit key.
#pragma once

#include <cassert>
#include <cstdint>
#include <limits>

namespace fsd {

using RoadNodeId = std::uint32_t;

// Arc weights are integers in the source's own ticks (OSM CSV: ms and cm; DIMACS: its t and d
// units). Integer sums are exact, so every run and every thread finds the same costs.
struct RoadArc {
    std::uint32_t time = 0;
    std::uint32_t length = 0;
    friend bool operator==(const RoadArc&, const RoadArc&) = default;
};

// One tick as an exact fraction of a unit, so conversions never drift.
struct TickScale {
    std::int64_t numerator = 1;
    std::int64_t denominator = 1;
    // ticks * numerator / denominator, rounded half up; ticks are never negative.
    [[nodiscard]] constexpr std::int64_t convert(std::int64_t ticks) const {
        assert(ticks >= 0);
        return (ticks * numerator + denominator / 2) / denominator;
    }
    friend constexpr bool operator==(TickScale, TickScale) = default;
};

struct RoadUnits {
    TickScale ms_per_time_tick;    // OSM CSV: 1/1. DIMACS t: 18/5 (see docs/travel.md)
    TickScale cm_per_length_tick;  // OSM CSV: 1/1. DIMACS d: 10/1 (0.1 m)
    friend constexpr bool operator==(RoadUnits, RoadUnits) = default;
};

// A path cost packs (time, length) into one 64-bit key with time in the high bits: comparing
// keys compares time first and length on ties, and adding keys adds both parts. Dijkstra on
// these keys finds the fastest path and, among equally fast ones, the shortest, which makes
// the distance along "the" fastest path well defined. The split is chosen per network so that
// even two simple paths added together cannot carry the length into the time bits.
class CostPacking {
public:
    static constexpr std::uint64_t unreached = std::numeric_limits<std::uint64_t>::max();

    constexpr CostPacking() = default;
    constexpr explicit CostPacking(unsigned length_bits) : length_bits_(length_bits), length_mask_((std::uint64_t{1} << length_bits) - 1) {
        assert(length_bits >= 1 && length_bits < 64);
    }
    [[nodiscard]] constexpr std::uint64_t pack(std::uint64_t time, std::uint64_t length) const {
        assert(length <= length_mask_);
        return (time << length_bits_) | length;
    }
    [[nodiscard]] constexpr std::uint64_t pack(RoadArc a) const { return pack(a.time, a.length); }
    [[nodiscard]] constexpr std::uint64_t time(std::uint64_t key) const { return key >> length_bits_; }
    [[nodiscard]] constexpr std::uint64_t length(std::uint64_t key) const { return key & length_mask_; }
    [[nodiscard]] constexpr unsigned length_bits() const { return length_bits_; }

private:
    unsigned length_bits_ = 32;
    std::uint64_t length_mask_ = 0xFFFF'FFFFULL;
};

}  // namespace fsd
