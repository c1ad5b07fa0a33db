// A plan: for each technician-shift used, the ordered stops (jobs and breaks) with their times,
// and every job left out with the reason why. Planners produce it; the evaluator re-derives and
// checks it without trusting the times it states.
#pragma once

#include <array>
#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/model/job.hpp"
#include "fsd/model/units.hpp"

namespace fsd {

enum class StopKind : std::uint8_t { job, break_time };

struct Stop {
    StopKind kind = StopKind::job;
    std::uint32_t index = 0;  // job index, or break index within the shift
    // Times as the planner states them. TimePoint::min() means "not stated": the evaluator then
    // starts as early as possible; a stated start later than that is honoured as a planned wait.
    TimePoint arrival = TimePoint::min();  // at the job's location (a break: when it could begin)
    TimePoint start = TimePoint::min();
    TimePoint end = TimePoint::min();
    // The start and end are what the field reported (for a visit under way, its reported start and
    // expected end), not a schedule: the evaluator takes them as given instead of re-deriving them,
    // so a past that ran shorter than planned does not make the stops after it look early.
    bool as_reported = false;
    // The technician has reported setting out for this job: they arrive at the stated arrival, the
    // trip's as the field reports it (a break listed before the job that ends later is taken at
    // the door), and the return buffer, judged before they left, no longer takes the job off them.
    bool set_out = false;
    [[nodiscard]] Duration wait() const { return start - arrival; }
    static Stop job(JobIndex j) { return Stop{.kind = StopKind::job, .index = j.value()}; }
    // The job this stop visits; only for a job stop.
    [[nodiscard]] JobIndex job_index() const {
        assert(kind == StopKind::job);
        return JobIndex(index);
    }
    static Stop rest(std::uint32_t b) { return Stop{.kind = StopKind::break_time, .index = b}; }
    friend bool operator==(const Stop&, const Stop&) = default;
};

// Where a plan of the rest of the day picks up when that is not where the field's reports end: at
// the door of a job the technician reached and did not serve (the customer was not at home, or a
// re-plan took the job they were driving to off them), from `at` on.
struct Resumption {
    JobIndex door{};
    TimePoint at = TimePoint::min();
    friend bool operator==(const Resumption&, const Resumption&) = default;
};

struct Route {
    TechnicianIndex technician{};
    std::uint32_t shift = 0;                   // index into Technician::shifts
    TimePoint departure = TimePoint::min();    // leaves the start location
    TimePoint return_time = TimePoint::min();  // reaches the end location
    std::vector<Stop> stops;
    // After the stops as reported, before the first planned one (see Resumption).
    std::optional<Resumption> resumes = std::nullopt;
    friend bool operator==(const Route&, const Route&) = default;
    // The index of the stop `resumes` comes before (stops.size(): after the last); npos for none.
    [[nodiscard]] std::size_t resumes_before() const {
        if (!resumes) return npos;
        std::size_t i = 0;
        while (i < stops.size() && stops[i].as_reported) ++i;
        return i;
    }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

enum class UnassignedReason : std::uint8_t {
    no_qualified_technician,  // nobody has the skills, certifications, equipment or permission
    no_window_fits_shift,     // qualified people exist, but no window fits any of their shifts
    outranked,                // it fits, but higher-priority work took the capacity
    unreachable,              // no road path to or from the location
    capacity,                 // the demand exceeds every qualified van
    not_planned,              // the planner stopped before placing it, or was told to skip it
    sla_unreachable,          // a hard SLA (ObjectiveWeights::hard_emergency_sla) no one can meet
};
constexpr std::array<std::string_view, 7> unassigned_reason_names{"no qualified technician",
                                                                  "no window fits any shift",
                                                                  "outranked by higher-priority work",
                                                                  "unreachable",
                                                                  "over capacity",
                                                                  "not planned",
                                                                  "no technician can reach it by its SLA"};
// Stable identifiers used in files.
constexpr std::array<std::string_view, 7> unassigned_reason_codes{
    "no_qualified_technician", "no_window_fits_shift", "outranked", "unreachable", "capacity", "not_planned", "sla_unreachable"};
constexpr std::string_view to_code(UnassignedReason r) {
    return unassigned_reason_codes[static_cast<int>(r)];
}
constexpr std::string_view to_string(UnassignedReason r) {
    return unassigned_reason_names[static_cast<int>(r)];
}

struct Unassigned {
    JobIndex job{};
    UnassignedReason reason = UnassignedReason::not_planned;
    std::string detail;
    friend bool operator==(const Unassigned&, const Unassigned&) = default;
};

struct Plan {
    std::vector<Route> routes;
    std::vector<Unassigned> unassigned;
    friend bool operator==(const Plan&, const Plan&) = default;
};

}  // namespace fsd
