// The immutable input of every planner: technicians, jobs, the horizon, travel tables and the
// objective. Build one from JSON (fsd/io/json.hpp), a benchmark file, the scenario generator or
// by hand, then call check_problem() once, or make a CheckedProblem (checked_problem.hpp) that
// records it passed; everything downstream assumes it did.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "fsd/model/calendar.hpp"
#include "fsd/model/capability.hpp"
#include "fsd/model/job.hpp"
#include "fsd/model/location.hpp"
#include "fsd/model/technician.hpp"
#include "fsd/model/travel_tables.hpp"

namespace fsd {

struct Horizon {
    std::optional<Date> start_date;  // when absent, times are plain seconds from horizon start
    int days = 1;
    std::string timezone;  // IANA name, informational: all times are local wall-clock
    friend bool operator==(const Horizon&, const Horizon&) = default;
};

enum class ObjectiveKind : std::uint8_t {
    weighted,      // field service: technician time and mileage, overtime, penalties
    distance,      // benchmark: total distance only
    hierarchical,  // benchmark: routes used first, then distance
};

// One job's share of the quantile q of a route of m > 1 jobs like it (risk pooling): its own
// quantile times LogNormalDuration::pooled_factor (duration_distribution.hpp).
Duration pooled_duration(const DurationQuantiles& d, Quantile q, double m);

// What a plan costs. Money amounts are in the problem's currency; internally they become
// integer micro-currency (Cost). The benchmark kinds ignore the money fields. docs/objective.md
// explains each term and how the defaults were chosen.
struct ObjectiveWeights {
    ObjectiveKind kind = ObjectiveKind::weighted;
    Quantile planning_quantile = Quantile::p75;  // which duration quantile routes are built on
    // Per urgency (emergency, same-day, scheduled); an unset entry uses planning_quantile.
    std::array<std::optional<Quantile>, 3> planning_quantile_by_urgency{};
    // Risk pooling: with m > 1, each job is planned at its share of the planning quantile of a
    // route of m jobs like it (LogNormalDuration::pooled_factor), so that a route of about m jobs
    // ends at about its own quantile, not at the sum of its jobs' quantiles. The price: a stop
    // early in such a route is reached later than planned more often than the quantile says.
    // 1 (the default): every job at its own quantile. Live dispatch sets it per re-plan
    // (simulate::LiveParams::pooled_durations); docs/objective.md.
    double pooled_route_jobs = 1.0;
    // Before a fixed appointment (a pinned start, or hard windows no wider than
    // appointment_window_min), the job before it is allowed this quantile of its duration: the
    // technician still makes the appointment when that job runs long. None: no buffer.
    std::optional<Quantile> appointment_buffer = Quantile::p90;
    double appointment_window_min = 60;
    // Every route brings its technician back by the end of their shift plus overtime had any one
    // of its jobs run to this quantile: the rule a technician uses to turn down a job late in the
    // day (weighted objective; the search, the baseline planner and the evaluator keep it). It
    // matters where this quantile is above the durations a route is planned on. None (the
    // default): the planned durations alone.
    std::optional<Quantile> return_buffer;
    double overtime_per_hour = 60.0;                       // on top of the technician's hourly cost
    double unassigned_per_priority = 500.0;                // times priority times the urgency factor
    std::array<double, 3> urgency_factor{10.0, 3.0, 1.0};  // emergency, same-day, scheduled
    double preferred_window_miss = 25.0;                   // once, when service starts outside it
    double preferred_window_late_per_minute = 0.5;         // and per minute after it closes
    double preferred_technician_miss = 10.0;
    double sla_miss = 200.0;           // once, when service starts after the SLA deadline
    double sla_late_per_minute = 2.0;  // and per minute after it, times the urgency factor
    // Per minute from the report (Job::reported_at) to the start of service, by urgency: waiting
    // for a technician is what an emergency customer feels.
    std::array<double, 3> response_per_minute{2.0, 0.25, 0.0};
    // Per (hour of service above or below the day's even share)^2, for every technician-shift,
    // idle ones included: spreads the work over the people on shift.
    double balance_per_hour_squared = 2.0;
    double spread_per_km = 0.0;  // per km of a route's spread (bounding box of its job sites)
    // Plan stability once customers have been told (Job::promised_*): a job moved to another
    // technician, and a start outside the promised window, once and per minute after it.
    double moved_technician = 40.0;
    double promise_miss = 30.0;
    double promise_late_per_minute = 1.0;
    // A broken promise costs this much more for each time the customer was re-told already
    // (Job::times_retold). Off by default: at 30 it spared the most re-told customers at the
    // price of emergencies reached later (docs/benchmarks.md, section 9).
    double promise_miss_per_retell = 0.0;
    // Emergencies no technician can reach by their SLA deadline are left unassigned rather than
    // served late.
    bool hard_emergency_sla = false;
    double per_route = 0.0;  // fixed cost of each technician-shift used

    // A fixed appointment: a pinned start, or every hard window at most appointment_window_min wide.
    [[nodiscard]] bool is_appointment(const Job& job) const {
        if (job.pinned_start) return true;
        const Duration widest = Duration(std::llround(appointment_window_min * 60));
        return !job.time_windows.empty() &&
               std::all_of(job.time_windows.begin(), job.time_windows.end(), [&](const TimeWindow& w) { return w.length() <= widest; });
    }
    // The return buffer the weighted objective keeps; none for the benchmark kinds.
    [[nodiscard]] std::optional<Quantile> return_buffer_in_force() const {
        return kind == ObjectiveKind::weighted ? return_buffer : std::nullopt;
    }
    [[nodiscard]] Quantile quantile_for(Urgency u) const {
        return planning_quantile_by_urgency[static_cast<int>(u)].value_or(planning_quantile);
    }
    // What routes are built on for a job, before a technician's efficiency: its planning quantile,
    // pooled over pooled_route_jobs (the quantile itself when that is 1 or the job is fixed).
    [[nodiscard]] Duration planned_duration(const Job& job) const {
        const Quantile q = quantile_for(job.urgency);
        if (pooled_route_jobs <= 1 || job.duration.is_fixed()) return job.duration.at(q);
        return pooled_duration(job.duration, q, pooled_route_jobs);
    }
    friend bool operator==(const ObjectiveWeights&, const ObjectiveWeights&) = default;
};

struct Problem {
    // Declared here and defaulted in src/model/problem.cpp: a Problem is copied and destroyed in
    // many places, and these members are large enough to be compiled once rather than everywhere.
    Problem();
    Problem(const Problem&);
    Problem(Problem&&) noexcept;
    Problem& operator=(const Problem&);
    Problem& operator=(Problem&&) noexcept;
    ~Problem();

    std::string name;
    Horizon horizon;
    Catalog catalog;
    IndexedVector<LocationId, Location> locations;
    IndexedVector<TechnicianIndex, Technician> technicians;
    IndexedVector<JobIndex, Job> jobs;
    TravelSource travel_source;
    TravelTables travel;
    ObjectiveWeights objective;
    // Model seconds per unit of the source's own time/distance (benchmark loaders scale so that
    // a truncated decimal convention stays exact). 1 for field-service problems.
    std::int64_t scale = 1;

    [[nodiscard]] Duration travel_time(LocationId a, LocationId b) const { return travel.time(a, b); }
    [[nodiscard]] Distance travel_distance(LocationId a, LocationId b) const { return travel.distance(a, b); }
    // Nominal service time of a job for a technician, at the planning quantile (pooled, if so set).
    [[nodiscard]] Duration service_time(const Job& job, const Technician& tech) const {
        return for_technician(objective.planned_duration(job), tech);
    }
    // The same at another quantile.
    [[nodiscard]] static Duration service_time(const Job& job, const Technician& tech, Quantile q) {
        return for_technician(job.duration.at(q), tech);
    }
    // When a technician who starts `job` at `start` is back at their end location, had it taken
    // its quantile q (the return buffer's rule).
    [[nodiscard]] TimePoint back_home(const Job& job, const Technician& tech, TimePoint start, Quantile q) const {
        return start + service_time(job, tech, q) + travel_time(job.location, tech.end_location);
    }
    // The weighted objective's return buffer, for `job` started at `start` on `shift`: had it run
    // to that quantile, the technician would still be back by the shift end plus overtime (true
    // when no buffer is in force).
    [[nodiscard]] bool back_in_time(const Job& job, const Technician& tech, const Shift& shift, TimePoint start) const {
        const auto q = objective.return_buffer_in_force();
        return !q || back_home(job, tech, start, *q) <= shift.span.end + shift.max_overtime;
    }
    // A nominal duration as this technician takes it.
    [[nodiscard]] static Duration for_technician(Duration nominal, const Technician& tech) {
        return Duration(static_cast<std::int64_t>(std::llround(static_cast<double>(nominal.count()) / tech.efficiency)));
    }
    // When the horizon ends, in the problem's time units (benchmark problems count scaled units).
    [[nodiscard]] TimePoint horizon_end() const { return TimePoint(day_start(std::max(1, horizon.days)).count() * scale); }
    // When the last of the horizon's work may end: the horizon's end, or later where a shift on its
    // last day runs past midnight (a night shift, or overtime). Live dispatch takes reports till then.
    [[nodiscard]] TimePoint work_end() const {
        TimePoint end = horizon_end();
        for (const Technician& t : technicians)
            for (const Shift& s : t.shifts) end = max(end, s.working_hours().end);
        return end;
    }
    // A time within a year of the horizon. Times further out are no day's data, and the search's
    // minute-by-minute costs would overflow on them: the readers refuse them.
    [[nodiscard]] bool near_horizon(TimePoint t) const {
        const Duration year(366 * seconds_per_day * scale);
        return t >= TimePoint(0) - year && t <= horizon_end() + year;
    }
    [[nodiscard]] std::optional<Date> date_of_day(int day) const {
        if (!horizon.start_date) return std::nullopt;
        return Date{horizon.start_date->days + day};
    }
    // "2026-11-23T09:10" on a dated horizon, else "09:10" (day 0) or "d1 09:10", for messages
    // (io's time_to_text is this, for code that has the io layer at hand).
    [[nodiscard]] std::string time_text(TimePoint t) const {
        return horizon.start_date ? format_local_time(t, *horizon.start_date) : format_clock(t);
    }
    friend bool operator==(const Problem&, const Problem&);
};

// What a problem, a plan or a file gets wrong: the JSON path of the field and what is wrong.
struct InputError {
    std::string path;
    std::string message;
    [[nodiscard]] std::string to_string() const { return path.empty() ? message : path + ": " + message; }
    friend bool operator==(const InputError&, const InputError&) = default;
};

// Semantic checks of a problem built in memory, reported with the paths the JSON format uses
// (e.g. "jobs[17].time_windows[0]"). Returns every problem found; empty means valid.
std::vector<InputError> check_problem(const Problem& problem);
// How check_problem's error at a reference to no location begins ("... 7").
inline const std::string unknown_location_message = "refers to unknown location ";

// Thrown by loaders when input is bad; carries every error found.
class InputErrors : public std::runtime_error {
public:
    explicit InputErrors(std::vector<InputError> errors);
    [[nodiscard]] const std::vector<InputError>& errors() const { return errors_; }

private:
    std::vector<InputError> errors_;
};

}  // namespace fsd
