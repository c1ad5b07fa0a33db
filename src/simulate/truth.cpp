#include "fsd/simulate/truth.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "fsd/model/random.hpp"

namespace fsd::simulate {
namespace {

// An independent random stream per (seed, purpose, key): a job's draws do not depend on how many
// other jobs there are, and a leg's noise not on who drives it or when.
Rng stream(std::uint64_t seed, std::uint64_t purpose, std::uint64_t key) {
    auto mix = [](std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    return Rng(mix(mix(seed + 0x9e3779b97f4a7c15ULL * purpose) + key));
}

enum Purpose : std::uint64_t { job_draws = 1, leg_noise = 2 };

// A z-score kept within four standard deviations: a 1-in-30,000 tail is still long, but no
// single draw turns a 90-minute repair into a day.
double bounded_normal(Rng& rng) {
    return std::clamp(rng.normal(), -4.0, 4.0);
}

// A recorded job's outcome replaces what was drawn for it; a cancellation is learnt no earlier than
// the ticket (a customer who cancelled before the morning plan is found out at it).
void apply_recorded(const RecordedJob& rec, JobTruth& t) {
    t.recorded_duration = rec.nominal_duration;
    t.not_home = rec.outcome == RecordedOutcome::not_home;
    t.cancelled_at.reset();
    if (rec.outcome == RecordedOutcome::cancelled) t.cancelled_at = max(t.revealed, rec.cancelled_at.value_or(t.revealed));
}

TimePoint last_window_end(const Job& job, TimePoint fallback) {
    TimePoint end = TimePoint::min();
    for (const auto& w : job.time_windows) end = max(end, w.end);
    return job.time_windows.empty() ? fallback : end;
}

}  // namespace

Truth::Truth(const Problem& problem, TruthParams params, std::uint64_t seed, TimePoint plan_at)
    : problem_(problem), params_(std::move(params)), seed_(seed) {
    if (!params_.recorded.jobs.empty() && params_.recorded.jobs.size() != problem.jobs.size())
        throw std::invalid_argument("the recorded day is of another problem: it has " + std::to_string(params_.recorded.jobs.size()) +
                                    " jobs, the problem " + std::to_string(problem.jobs.size()));
    jobs_.resize(problem.jobs.size());
    for (JobIndex j : problem.jobs.indices()) {
        const Job& job = problem.jobs[j];
        JobTruth& t = jobs_[j];
        Rng rng = stream(seed, job_draws, j.value());
        t.duration_z = bounded_normal(rng);
        t.revealed = params_.arrivals ? max(plan_at, job.reported_at.value_or(plan_at)) : plan_at;
        const bool cancels = rng.chance(params_.cancellation_rate);
        const double cancel_at = rng.uniform();
        t.not_home = rng.chance(params_.not_home_rate);
        if (cancels) {
            // Any time between the report and the close of the customer's last window.
            const TimePoint until = max(t.revealed, last_window_end(job, t.revealed + hours(10)));
            t.cancelled_at = t.revealed + Duration(std::llround(cancel_at * static_cast<double>((until - t.revealed).count())));
        }
        if (const RecordedJob* rec = params_.recorded.find(j)) apply_recorded(*rec, t);
    }
}

// At most a week, however long the draw's tail or slow the technician: the executed day is a
// problem like any other, and check_problem refuses a longer job.
Duration Truth::service(JobIndex j, TechnicianIndex t) const {
    const Job& job = problem_.jobs[j];
    const Technician& tech = problem_.technicians[t];
    if (jobs_[j].recorded_duration) return min(Problem::for_technician(*jobs_[j].recorded_duration, tech), longest_job_duration);
    if (params_.durations == DurationTruth::planned) return min(problem_.service_time(job, tech), longest_job_duration);
    return Duration(std::llround(std::min(drawn_duration(j) / tech.efficiency, static_cast<double>(longest_job_duration.count()))));
}

double Truth::drawn_duration(JobIndex j) const {
    const Job& job = problem_.jobs[j];
    if (jobs_[j].recorded_duration) return static_cast<double>(jobs_[j].recorded_duration->count());
    if (job.duration.is_fixed()) return static_cast<double>(job.duration.p50.count());
    const LogNormal d = LogNormal::through(static_cast<double>(job.duration.p50.count()), static_cast<double>(job.duration.p90.count()));
    return d.at(params_.duration_spread * jobs_[j].duration_z);
}

Duration Truth::travel(LocationId from, LocationId to, TimePoint depart) const {
    const Duration table = problem_.travel_time(from, to);
    if (from == to || table <= Duration::zero()) return table;
    double seconds = static_cast<double>(table.count());
    if (params_.travel_sigma > 0) {
        Rng rng = stream(seed_, leg_noise, std::uint64_t{from.value()} * problem_.locations.size() + to.value());
        seconds *= std::exp(params_.travel_sigma * bounded_normal(rng));
    }
    const Duration noisy(std::llround(seconds));
    return params_.rush_hour ? params_.rush_hour->travel_time(noisy, depart) : noisy;
}

}  // namespace fsd::simulate
