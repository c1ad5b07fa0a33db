// Time-window segment algebra: a route piece summarised by its minimal duration, unavoidable
// time warp, start-time window, distance and load, so any concatenation of cached pieces is
// evaluated in O(1). This is what makes every move and insertion check constant time.
#pragma once

#include <cstdint>
#include <limits>

#include "fsd/model/units.hpp"

namespace fsd::solver {

// A location id that means "no location": breaks are taken wherever the technician is, so a
// segment made of breaks only is transparent to travel.
inline constexpr std::uint32_t no_location = std::numeric_limits<std::uint32_t>::max();

struct Segment {
    Duration duration;   // minimal time from start of the first to end of the last, incl. waits
    Duration time_warp;  // lateness that no start time can avoid; 0 means feasible
    TimePoint earliest;  // start times in [earliest, latest] achieve `duration` and `time_warp`
    TimePoint latest;
    Distance distance;
    std::int64_t load = 0;
    std::uint32_t first = no_location;  // first and last located stop
    std::uint32_t last = no_location;

    [[nodiscard]] bool feasible() const { return time_warp == Duration::zero(); }
    // When the segment ends if started as early as possible at its minimal duration.
    [[nodiscard]] TimePoint earliest_end() const { return earliest + duration; }

    static Segment stop(Duration service, TimeWindow window, std::int64_t load, std::uint32_t location) {
        return {service, Duration::zero(), window.start, window.end, Distance::zero(), load, location, location};
    }
};

// Concatenation a then b, given the travel time and distance from a.last to b.first (pass zero
// when either side is transparent; `connect` below does that). Vidal et al. (2013) algebra.
inline Segment concat(const Segment& a, const Segment& b, Duration travel, Distance dist) {
    const Duration delta = a.duration - a.time_warp + travel;
    const Duration wait = max(b.earliest.since_start() - delta - a.latest.since_start(), Duration::zero());
    const Duration warp = max(a.earliest.since_start() + delta - b.latest.since_start(), Duration::zero());
    Segment s;
    s.duration = a.duration + b.duration + travel + wait;
    s.time_warp = a.time_warp + b.time_warp + warp;
    s.earliest = max(b.earliest - delta, a.earliest) - wait;
    s.latest = min(b.latest - delta, a.latest) + warp;
    s.distance = a.distance + b.distance + dist;
    s.load = a.load + b.load;
    s.first = a.first != no_location ? a.first : b.first;
    s.last = b.last != no_location ? b.last : a.last;
    return s;
}

}  // namespace fsd::solver
