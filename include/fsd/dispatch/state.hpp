// The state of a dispatch day at a time `now`: the problem as it stands (jobs added since the
// morning, what customers were promised), the current plan, every visit begun with its actual
// times, and each technician's status. Everything begun is frozen; the rest may be planned again.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "fsd/dispatch/plan_times.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::dispatch {

enum class JobState : std::uint8_t {
    open,         // not begun: the plan may still move it
    in_progress,  // a technician is on site (job_started)
    done,         // job_finished
    cancelled,    // job_cancelled
    not_home,     // customer_not_home: off for the day
    interrupted,  // job_interrupted: paused part-way; the rest of the work is a job of its own
};
constexpr std::array<std::string_view, 6> job_state_names{"open", "in progress", "done", "cancelled", "customer not home", "interrupted"};

// The editions of live dispatch's rules. 1: as logged until 2026-12-07. 2: a visit only assumed
// from the plan ends at its planned end, a trip reported before the shift counts from its start, a
// technician driving to a job the customer cancels goes on from its door, and a trip reported
// stays reported when the next one comes.
inline constexpr int dispatch_rules = 2;

// A visit begun: by job_started, or a call where nobody was home (started == finished).
struct Visit {
    JobIndex job{};
    TechnicianIndex technician{};
    std::uint32_t shift = 0;
    TimePoint started;
    std::optional<TimePoint> finished;
    std::optional<TimePoint> expected_finish;  // the technician's latest estimate (running_late)
    bool not_home = false;
    bool interrupted = false;  // ended by job_interrupted: the work is not finished
    friend bool operator==(const Visit&, const Visit&) = default;
};

struct JobRecord {
    JobState state = JobState::open;
    TimePoint since = TimePoint::min();  // when it reached that state
    std::optional<std::size_t> visit;    // index into DispatchState::visits
    friend bool operator==(const JobRecord&, const JobRecord&) = default;
};

enum class Activity : std::uint8_t {
    off_shift,  // before the shift, or no shift at this time
    idle,       // on shift, free: waiting to leave, for a break window, or for work
    en_route,   // driving to `job` (or arrived, waiting for its window)
    on_site,    // working on `job`
    on_break,
    done_for_day,  // the last stop is done: on the way back, or back
    unavailable,   // technician_unavailable
};
constexpr std::array<std::string_view, 7> activity_names{"off shift", "idle",         "en route",   "on site",
                                                         "on break",  "done for day", "unavailable"};
constexpr std::string_view to_string(Activity a) {
    return activity_names[static_cast<int>(a)];
}

struct TechnicianStatus {
    Activity activity = Activity::off_shift;
    TimePoint since = TimePoint::min();
    std::optional<JobIndex> job;  // en route to / on site at
    friend bool operator==(const TechnicianStatus&, const TechnicianStatus&) = default;
};

// A trip a technician reported setting out on (the field app's "on my way"): to which job, and when.
struct Departure {
    JobIndex job{};
    TimePoint at;
    friend bool operator==(const Departure&, const Departure&) = default;
};

struct DispatchState {
    // Defaulted in src/dispatch/state.cpp, so that copies are compiled once.
    DispatchState();
    DispatchState(const DispatchState&);
    DispatchState(DispatchState&&) noexcept;
    DispatchState& operator=(const DispatchState&);
    DispatchState& operator=(DispatchState&&) noexcept;
    ~DispatchState();

    Problem problem;  // as it stands now: added jobs appended (indices never change), promises made
    Plan plan;        // the whole day: frozen stops with actual times, the rest as planned
    PlanTimes times;  // the plan's ETAs when it was adopted: what customers were last told
    TimePoint now;
    PerTechnician<TechnicianStatus> technicians;  // at `now`, by technician index
    std::vector<Visit> visits;                    // in the order they began
    PerJob<JobRecord> jobs;                       // by job index
    // Per technician: periods of absence; an open one ends at TimePoint::max().
    PerTechnician<std::vector<TimeWindow>> absences;
    // Per technician: extra time the current or next trip takes (travel_delay), until the next visit.
    PerTechnician<Duration> pending_delay;
    // Per technician: when the first of those delays was reported (min: none pending). A
    // technician held up while free is free that long after the report, however late the next
    // event comes.
    PerTechnician<TimePoint> delay_reported;
    // Per technician: from when they report setting out (their first on_the_way, or set up front
    // for a crew whose app reports every trip; TimePoint::max(): never). From then on a trip not
    // reported has not begun, and they are free where they are until they report one; before it,
    // a trip is taken to begin when the plan has them leave.
    PerTechnician<TimePoint> trips_reported_from;
    // Per technician: the trip reported under way (on_the_way), until they reach its job.
    PerTechnician<std::optional<Departure>> on_the_way;
    // Per technician: every trip they reported, in order, the one under way (on_the_way) included.
    PerTechnician<std::vector<Departure>> trips;
    // The edition of the rules the day follows (DispatchParams::rules).
    int rules = dispatch_rules;

    [[nodiscard]] const Visit* visit_of(JobIndex j) const { return jobs[j].visit ? &visits[*jobs[j].visit] : nullptr; }
    [[nodiscard]] bool frozen(JobIndex j) const {
        return jobs[j].state == JobState::in_progress || jobs[j].state == JobState::done || jobs[j].state == JobState::interrupted;
    }
    // The trip technician t last reported setting out on, if it is still under way.
    [[nodiscard]] std::optional<Departure> trip_of(TechnicianIndex t) const {
        return t.value() < on_the_way.size() ? on_the_way[t] : std::nullopt;
    }
    // Whether a trip of technician t leaving at `at` would have been reported.
    [[nodiscard]] bool reports_trips(TechnicianIndex t, TimePoint at) const {
        return t.value() < trips_reported_from.size() && at >= trips_reported_from[t];
    }
    // The absence covering t, if any.
    [[nodiscard]] std::optional<TimeWindow> absence_at(TechnicianIndex t, TimePoint at) const {
        for (const TimeWindow& a : absences[t])
            if (a.start <= at && at < a.end) return a;
        return std::nullopt;
    }
};

// Finds the route of a technician-shift in a plan; nullptr when it has none.
inline const Route* find_route(const Plan& plan, TechnicianIndex t, std::uint32_t shift) {
    for (const Route& r : plan.routes)
        if (r.technician == t && r.shift == shift) return &r;
    return nullptr;
}
inline Route* find_route(Plan& plan, TechnicianIndex t, std::uint32_t shift) {
    for (Route& r : plan.routes)
        if (r.technician == t && r.shift == shift) return &r;
    return nullptr;
}

}  // namespace fsd::dispatch
