// The "truth" a simulated day runs on: how long each job really takes, how long each drive really
// takes, when tickets come in, who cancels and who is not at home. Drawn once from a seed, so
// every policy meets the same day; docs/simulate.md describes the model and its limits.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/simulate/recorded.hpp"
#include "fsd/travel/rush_hour.hpp"

namespace fsd::simulate {

inline constexpr double z75 = 0.6744897501960817;  // standard normal quantiles
inline constexpr double z90 = 1.2815515655446004;

// A log-normal duration (ln X ~ N(mu, sigma^2)) fitted through a job's p50 and p90: its median is
// p50 and its 90th percentile p90. A fixed duration (p90 == p50) has sigma 0.
struct LogNormal {
    double mu = 0;
    double sigma = 0;
    static LogNormal through(double p50, double p90) {
        const double median = std::max(p50, 1.0);
        return {std::log(median), std::max(0.0, std::log(std::max(p90, median) / median) / z90)};
    }
    [[nodiscard]] double at(double z) const { return std::exp(mu + sigma * z); }
    [[nodiscard]] double mean() const { return std::exp(mu + sigma * sigma / 2); }
};

enum class DurationTruth : std::uint8_t {
    lognormal,  // drawn from the job's fitted log-normal
    planned,    // exactly the duration the plan assumes (the objective's planning quantile)
};

// What reality is like. The defaults are a plausible metro day; exact() is the reality in which
// every plan happens exactly as planned.
struct TruthParams {
    DurationTruth durations = DurationTruth::lognormal;
    // Multiplies every job's log-normal sigma: 1 is the spread the quantiles state, 0 the median.
    double duration_spread = 1.0;
    // Each leg's time is the table's times a log-normal factor with median 1 and this sigma (one
    // draw per ordered pair of places, the same whoever drives it and whenever).
    double travel_sigma = 0.15;
    // Traffic by the time of day, on top of the noise: legs slow down in its bands.
    std::optional<RushHourProfile> rush_hour;
    // Tickets reported after the morning plan become known when they are reported. When false,
    // every ticket is known in the morning.
    bool arrivals = true;
    double cancellation_rate = 0.02;       // share of tickets the customer cancels during the day
    double not_home_rate = 0.03;           // share of customers not at home when the technician knocks
    Duration not_home_wait = minutes(10);  // at the door before giving up on a customer not at home
    // What really happened to some jobs (recorded.hpp): their recorded duration, absence or
    // cancellation replaces their draws, whatever the settings above say.
    RecordedDay recorded;

    static TruthParams exact() {
        TruthParams t;
        t.durations = DurationTruth::planned;
        t.travel_sigma = 0;
        t.arrivals = false;
        t.cancellation_rate = 0;
        t.not_home_rate = 0;
        return t;
    }
};

// One job's share of the truth.
struct JobTruth {
    double duration_z = 0;                      // the standard normal draw behind its log-normal duration
    std::optional<Duration> recorded_duration;  // at efficiency 1, from a recorded day: replaces the draw
    TimePoint revealed;                         // when the dispatcher learns of it
    std::optional<TimePoint> cancelled_at;
    bool not_home = false;
};

class Truth {
public:
    // `plan_at`: the morning plan; tickets reported by then are known to it.
    // The problem must outlive the truth, which refers to it (a temporary does not compile).
    Truth(const Problem& problem, TruthParams params, std::uint64_t seed, TimePoint plan_at);
    Truth(const Problem&&, TruthParams, std::uint64_t, TimePoint) = delete;

    [[nodiscard]] const TruthParams& params() const { return params_; }
    [[nodiscard]] const JobTruth& job(JobIndex j) const { return jobs_[j]; }
    // How long job j really takes when technician t does it.
    [[nodiscard]] Duration service(JobIndex j, TechnicianIndex t) const;
    // Job j's log-normal draw, before a technician's efficiency (its p50 when it is fixed).
    [[nodiscard]] double drawn_duration(JobIndex j) const;
    // How long the drive from `from` to `to` really takes, leaving at `depart`.
    [[nodiscard]] Duration travel(LocationId from, LocationId to, TimePoint depart) const;

private:
    const Problem& problem_;
    TruthParams params_;
    std::uint64_t seed_;
    PerJob<JobTruth> jobs_;
};

}  // namespace fsd::simulate
