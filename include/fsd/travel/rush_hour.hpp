// Time-of-day travel: hour bands in which traffic moves at a fraction of free-flow speed (rush
// hour), the trip time "leaving at t" that follows from them, and the small set of
// time-bucketed matrices a planner can use directly. docs/travel.md explains how to use them.
#pragma once

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "fsd/model/location.hpp"
#include "fsd/model/matrix.hpp"
#include "fsd/model/units.hpp"

namespace fsd {

// [start_s, end_s) seconds after local midnight, every day of the horizon. A speed factor of
// 0.6 means traffic moves at 60 % of free-flow speed: a stretch takes 1 / 0.6 times as long.
struct SpeedBand {
    std::int32_t start_s = 0;
    std::int32_t end_s = 0;
    double speed_factor = 1.0;
    friend bool operator==(const SpeedBand&, const SpeedBand&) = default;
};

class RushHourProfile {
public:
    RushHourProfile() : RushHourProfile(std::vector<SpeedBand>{}) {}  // free flow all day

    // Bands must lie within the day, not overlap, and have factors in (0, 4]; throws
    // std::invalid_argument with the reason otherwise.
    explicit RushHourProfile(std::vector<SpeedBand> bands) : bands_(std::move(bands)) {
        std::sort(bands_.begin(), bands_.end(), [](const SpeedBand& a, const SpeedBand& b) { return a.start_s < b.start_s; });
        if (auto why = problem_with(bands_)) throw std::invalid_argument(*why);
        // The whole day as consecutive pieces, free flow between the bands.
        std::int32_t at = 0;
        for (const SpeedBand& b : bands_) {
            if (b.start_s > at) pieces_.push_back({at, b.start_s, 1.0});
            pieces_.push_back(b);
            at = b.end_s;
        }
        if (at < seconds_per_day) pieces_.push_back({at, static_cast<std::int32_t>(seconds_per_day), 1.0});
    }

    [[nodiscard]] const std::vector<SpeedBand>& bands() const { return bands_; }
    [[nodiscard]] bool free_flow_all_day() const { return bands_.empty(); }

    [[nodiscard]] double factor_at(TimePoint t) const { return piece_at(time_of_day(t.count())).speed_factor; }

    // How long a trip of `free_flow` takes leaving at `depart`: every part of it is driven at
    // the speed of the moment, so a trip running into rush hour slows down on the way, and
    // leaving later never means arriving earlier. Rounded to the nearest second.
    [[nodiscard]] Duration travel_time(Duration free_flow, TimePoint depart) const {
        assert(free_flow >= Duration::zero());
        if (free_flow >= Duration::infinity()) return Duration::infinity();
        return Duration(std::llround(travel_seconds(static_cast<double>(free_flow.count()), depart.count())));
    }

    // The same in seconds with fractions, leaving `depart_s` seconds after horizon start.
    [[nodiscard]] double travel_seconds(double free_flow_s, std::int64_t depart_s) const {
        double remaining = free_flow_s;  // free-flow seconds still to drive
        double elapsed = 0;
        std::int64_t now = depart_s;
        while (remaining > 0) {
            const std::int64_t tod = time_of_day(now);
            const SpeedBand& piece = piece_at(tod);
            const auto until_change = static_cast<double>(piece.end_s - tod);
            const double coverable = until_change * piece.speed_factor;
            if (remaining <= coverable) return elapsed + remaining / piece.speed_factor;
            remaining -= coverable;
            elapsed += until_change;
            now += piece.end_s - tod;
        }
        return elapsed;
    }

    // Why `bands` cannot be a profile, or nullopt when they can.
    static std::optional<std::string> problem_with(std::vector<SpeedBand> bands) {
        std::sort(bands.begin(), bands.end(), [](const SpeedBand& a, const SpeedBand& b) { return a.start_s < b.start_s; });
        for (std::size_t i = 0; i < bands.size(); ++i) {
            const SpeedBand& b = bands[i];
            if (b.start_s < 0 || b.end_s > seconds_per_day || b.start_s >= b.end_s)
                return "band " + clock_text(b.start_s) + "-" + clock_text(b.end_s) + " must start before it ends, within 00:00-24:00";
            if (!(b.speed_factor > 0 && b.speed_factor <= 4))
                return "band " + clock_text(b.start_s) + "-" + clock_text(b.end_s) + ": speed factor must be in (0, 4]";
            if (i > 0 && b.start_s < bands[i - 1].end_s)
                return "bands " + clock_text(bands[i - 1].start_s) + "-" + clock_text(bands[i - 1].end_s) + " and " +
                       clock_text(b.start_s) + "-" + clock_text(b.end_s) + " overlap";
        }
        return std::nullopt;
    }

    static std::string clock_text(std::int64_t s) {
        const auto two = [](std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
        return two(s / 3600) + ":" + two(s / 60 % 60);
    }

private:
    static std::int64_t time_of_day(std::int64_t t) {
        const std::int64_t r = t % seconds_per_day;
        return r < 0 ? r + seconds_per_day : r;
    }
    const SpeedBand& piece_at(std::int64_t tod) const {
        const auto it =
            std::upper_bound(pieces_.begin(), pieces_.end(), tod, [](std::int64_t t, const SpeedBand& p) { return t < p.end_s; });
        assert(it != pieces_.end());
        return *it;
    }

    std::vector<SpeedBand> bands_;
    std::vector<SpeedBand> pieces_;  // bands plus free-flow gaps, covering [0, 24 h)
};

// The free-flow matrix together with one matrix per distinct speed factor of the profile:
// "a small set of time-bucketed matrices". Bucket 0 is free flow.
class TimeBucketedTravel {
public:
    TimeBucketedTravel(Matrix<Duration> free_flow, RushHourProfile profile) : profile_(std::move(profile)) {
        factors_.push_back(1.0);
        for (const SpeedBand& b : profile_.bands())
            if (std::find(factors_.begin(), factors_.end(), b.speed_factor) == factors_.end()) factors_.push_back(b.speed_factor);
        buckets_.push_back(std::move(free_flow));
        for (std::size_t k = 1; k < factors_.size(); ++k) buckets_.push_back(scaled(buckets_[0], factors_[k]));
    }

    [[nodiscard]] const RushHourProfile& profile() const { return profile_; }
    [[nodiscard]] const Matrix<Duration>& free_flow() const { return buckets_[0]; }
    [[nodiscard]] std::size_t bucket_count() const { return buckets_.size(); }
    [[nodiscard]] double bucket_factor(std::size_t b) const { return factors_[b]; }
    [[nodiscard]] const Matrix<Duration>& bucket(std::size_t b) const { return buckets_[b]; }

    // The bucket of the band `depart` falls in: what a planner inserting a leg looks up.
    [[nodiscard]] std::size_t bucket_at(TimePoint depart) const {
        const double f = profile_.factor_at(depart);
        return static_cast<std::size_t>(std::find(factors_.begin(), factors_.end(), f) - factors_.begin());
    }
    [[nodiscard]] const Matrix<Duration>& matrix_at(TimePoint depart) const { return buckets_[bucket_at(depart)]; }

    // Exact under the profile: the leg's free-flow time driven through the bands it meets.
    [[nodiscard]] Duration travel_time(LocationId from, LocationId to, TimePoint depart) const {
        return profile_.travel_time(buckets_[0](from, to), depart);
    }

    // A free-flow duration in a band of speed `factor`, rounded to the nearest unit.
    static std::int64_t stretch(std::int64_t free_flow, double factor) { return std::llround(static_cast<double>(free_flow) / factor); }

private:
    static Matrix<Duration> scaled(const Matrix<Duration>& m, double factor) {
        Matrix<Duration> out(m.size());
        for (std::size_t a = 0; a < m.size(); ++a)
            for (std::size_t b = 0; b < m.size(); ++b)
                out(a, b) = m(a, b) >= Duration::infinity() ? m(a, b) : Duration(stretch(m(a, b).count(), factor));
        return out;
    }

    RushHourProfile profile_;
    std::vector<double> factors_;
    std::vector<Matrix<Duration>> buckets_;
};

// A profile file: {"bands": [{"from": "07:00", "to": "09:00", "speed_factor": 0.6}, ...]}.
// Throws InputErrors with the JSON path of each problem.
RushHourProfile rush_hour_profile_from_json(const nlohmann::json& doc);
RushHourProfile load_rush_hour_profile(const std::filesystem::path& path);

}  // namespace fsd
