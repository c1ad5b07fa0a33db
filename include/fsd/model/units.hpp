// Strong types for the quantities fsd computes with: durations and time points (integer
// seconds), distances (integer metres) and costs (integer cost units). Mixing them up, such as
// adding a distance to a time, does not compile. All are 64-bit integers, so sums are exact.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace fsd {

// An additive quantity with its own unit tag. Only same-unit addition, subtraction and
// comparison are defined, plus scaling by a plain integer.
template <class Tag>
class Quantity {
public:
    using rep = std::int64_t;
    constexpr Quantity() = default;
    constexpr explicit Quantity(rep value) : value_(value) {}
    [[nodiscard]] constexpr rep count() const { return value_; }

    static constexpr Quantity zero() { return Quantity(0); }
    // Large enough to dominate any real sum, small enough that adding a few never overflows.
    static constexpr Quantity infinity() { return Quantity(std::numeric_limits<rep>::max() / 8); }

    constexpr Quantity& operator+=(Quantity o) {
        value_ += o.value_;
        return *this;
    }
    constexpr Quantity& operator-=(Quantity o) {
        value_ -= o.value_;
        return *this;
    }
    friend constexpr Quantity operator+(Quantity a, Quantity b) { return Quantity(a.value_ + b.value_); }
    friend constexpr Quantity operator-(Quantity a, Quantity b) { return Quantity(a.value_ - b.value_); }
    friend constexpr Quantity operator-(Quantity a) { return Quantity(-a.value_); }
    friend constexpr Quantity operator*(Quantity a, rep k) { return Quantity(a.value_ * k); }
    friend constexpr Quantity operator*(rep k, Quantity a) { return Quantity(a.value_ * k); }
    friend constexpr auto operator<=>(Quantity, Quantity) = default;

private:
    rep value_ = 0;
};

struct DurationTag {};
struct DistanceTag {};
struct CostTag {};

// A length of time in seconds. Benchmark loaders may scale instance units to "seconds"
// (see Problem::scale) so that truncated-decimal conventions stay exact.
using Duration = Quantity<DurationTag>;
// Metres on real networks; scaled instance units on benchmark sets.
using Distance = Quantity<DistanceTag>;
// Integer cost units; see ObjectiveWeights for what one unit is worth.
using Cost = Quantity<CostTag>;

constexpr Duration seconds(std::int64_t s) {
    return Duration(s);
}
constexpr Duration minutes(std::int64_t m) {
    return Duration(m * 60);
}
constexpr Duration hours(std::int64_t h) {
    return Duration(h * 3600);
}
// A duration in minutes, for reports and messages.
constexpr double minutes_of(Duration d) {
    return static_cast<double>(d.count()) / 60.0;
}
constexpr Distance metres(std::int64_t m) {
    return Distance(m);
}

constexpr Duration max(Duration a, Duration b) {
    return a < b ? b : a;
}
constexpr Duration min(Duration a, Duration b) {
    return a < b ? a : b;
}

// A point in time: seconds since the start of the planning horizon (day 0, 00:00 local time).
class TimePoint {
public:
    using rep = std::int64_t;
    constexpr TimePoint() = default;
    constexpr explicit TimePoint(rep seconds_since_horizon_start) : value_(seconds_since_horizon_start) {}
    [[nodiscard]] constexpr rep count() const { return value_; }
    [[nodiscard]] constexpr Duration since_start() const { return Duration(value_); }

    static constexpr TimePoint min() { return TimePoint(-(std::numeric_limits<rep>::max() / 8)); }
    static constexpr TimePoint max() { return TimePoint(std::numeric_limits<rep>::max() / 8); }

    constexpr TimePoint& operator+=(Duration d) {
        value_ += d.count();
        return *this;
    }
    constexpr TimePoint& operator-=(Duration d) {
        value_ -= d.count();
        return *this;
    }
    friend constexpr TimePoint operator+(TimePoint t, Duration d) { return TimePoint(t.value_ + d.count()); }
    friend constexpr TimePoint operator+(Duration d, TimePoint t) { return t + d; }
    friend constexpr TimePoint operator-(TimePoint t, Duration d) { return TimePoint(t.value_ - d.count()); }
    friend constexpr Duration operator-(TimePoint a, TimePoint b) { return Duration(a.value_ - b.value_); }
    friend constexpr auto operator<=>(TimePoint, TimePoint) = default;

private:
    rep value_ = 0;
};

constexpr TimePoint max(TimePoint a, TimePoint b) {
    return a < b ? b : a;
}
constexpr TimePoint min(TimePoint a, TimePoint b) {
    return a < b ? a : b;
}

constexpr std::int64_t seconds_per_day = 86400;
constexpr TimePoint day_start(int day) {
    return TimePoint(day * seconds_per_day);
}
// The day a time falls on, counted from the horizon's first (negative before it).
constexpr int day_index(TimePoint t) {
    const std::int64_t s = t.count();
    return static_cast<int>(s >= 0 ? s / seconds_per_day : -((-s + seconds_per_day - 1) / seconds_per_day));
}

// A closed interval [start, end] of time points; for a job it bounds the start of service.
struct TimeWindow {
    TimePoint start;
    TimePoint end;
    [[nodiscard]] constexpr bool contains(TimePoint t) const { return start <= t && t <= end; }
    [[nodiscard]] constexpr bool meets(const TimeWindow& o) const { return start <= o.end && o.start <= end; }
    [[nodiscard]] constexpr Duration length() const { return end - start; }
    friend constexpr bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

}  // namespace fsd
