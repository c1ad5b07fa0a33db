// Time-window segment algebra: a route piece summarised by its minimal duration, unavoidable
// time warp, start-time window, distance and load, so any concatenation of cached pieces is
// evaluated in O(1). This is what makes every move and insertion check constant time.
#pragma once

#include <cstdint>
#include <limits>

#include "fsd/model/units.hpp"

namespace fsd::solver {

// A location id that means "no location": breaks are taken wherever the technician is.
inline constexpr std::uint32_t no_location = std::numeric_limits<std::uint32_t>::max();

// The time part of a segment (Vidal et al. 2013).
struct TimeSummary {
    Duration duration;   // minimal time from start of the first to end of the last, incl. waits
    Duration time_warp;  // lateness that no start time can avoid; 0 means feasible
    TimePoint earliest;  // start times in [earliest, latest] achieve `duration` and `time_warp`
    TimePoint latest;

    // The neutral element: nothing to do, any start time.
    static constexpr TimeSummary identity() { return {Duration::zero(), Duration::zero(), TimePoint::min(), TimePoint::max()}; }
};

// a then b, `travel` apart.
[[gnu::always_inline]] inline TimeSummary then(const TimeSummary& a, const TimeSummary& b, Duration travel) {
    const Duration delta = a.duration - a.time_warp + travel;
    const Duration wait = max(b.earliest.since_start() - delta - a.latest.since_start(), Duration::zero());
    const Duration warp = max(a.earliest.since_start() + delta - b.latest.since_start(), Duration::zero());
    return {a.duration + b.duration + travel + wait, a.time_warp + b.time_warp + warp, max(b.earliest - delta, a.earliest) - wait,
            min(b.latest - delta, a.latest) + warp};
}

// A route piece. Breaks have no location: a break is taken where the technician is, after the
// previous stop and before driving on. So breaks at the very start of a piece cannot be placed
// until the piece's predecessor is known; they wait in `head`, which becomes part of the time
// line (before the drive) once the piece is joined after a located one.
struct Segment {
    TimeSummary time;  // from the first located stop (or all of it, if none is)
    Distance distance;
    std::int64_t load = 0;
    Cost penalty;                       // vehicle-dependent job costs, e.g. not the preferred technician
    std::uint32_t first = no_location;  // first and last located stop; no_location: breaks only
    std::uint32_t last = no_location;
    bool has_head = false;
    TimeSummary head = TimeSummary::identity();  // leading breaks, when has_head

    [[nodiscard]] bool feasible() const { return time.time_warp == Duration::zero() && head.time_warp == Duration::zero(); }
    [[nodiscard]] Duration duration() const { return time.duration; }
    [[nodiscard]] Duration time_warp() const { return time.time_warp + head.time_warp; }
    [[nodiscard]] TimePoint earliest() const { return time.earliest; }
    [[nodiscard]] TimePoint latest() const { return time.latest; }
    // When the piece ends if started as early as possible at its minimal duration.
    [[nodiscard]] TimePoint earliest_end() const { return time.earliest + time.duration; }

    static Segment stop(Duration service, TimeWindow window, std::int64_t load, std::uint32_t location, Cost penalty = Cost::zero()) {
        return {{service, Duration::zero(), window.start, window.end}, Distance::zero(), load, penalty, location, location};
    }
};

// a then b when either holds only breaks or b starts with some: the rare cases.
template <class ArcLookup>
Segment join_with_breaks(const Segment& a, const Segment& b, const ArcLookup& arc) {
    Segment s;
    s.load = a.load + b.load;
    s.penalty = a.penalty + b.penalty;
    s.distance = a.distance + b.distance;
    if (b.first == no_location) {  // only breaks follow: taken right after a
        s.time = then(a.time, b.time, Duration::zero());
        s.first = a.first;
        s.last = a.last;
        s.has_head = a.has_head;
        s.head = a.head;
        return s;
    }
    if (a.first == no_location) {  // only breaks come first: they join b's head
        s.time = b.time;
        s.first = b.first;
        s.last = b.last;
        s.has_head = true;
        s.head = b.has_head ? then(a.time, b.head, Duration::zero()) : a.time;
        return s;
    }
    const auto& e = arc(a.last, b.first);
    s.time = then(then(a.time, b.head, Duration::zero()), b.time, e.time);
    s.distance += e.distance;
    s.first = a.first;
    s.last = b.last;
    s.has_head = a.has_head;
    s.head = a.head;
    return s;
}

// a then b, where `arc(x, y)` gives {time, distance} between two locations.
template <class ArcLookup>
[[gnu::always_inline]] inline Segment join(const Segment& a, const Segment& b, const ArcLookup& arc) {
    if (a.first == no_location || b.first == no_location || b.has_head) [[unlikely]]
        return join_with_breaks(a, b, arc);
    const auto& e = arc(a.last, b.first);
    Segment s;
    s.time = then(a.time, b.time, e.time);
    s.distance = a.distance + b.distance + e.distance;
    s.load = a.load + b.load;
    s.penalty = a.penalty + b.penalty;
    s.first = a.first;
    s.last = b.last;
    s.has_head = a.has_head;
    s.head = a.head;
    return s;
}

}  // namespace fsd::solver
