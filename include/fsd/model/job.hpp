// A job ticket as the planner sees it: where, what it needs, how long it takes (fixed or as
// p50/p75/p90 quantiles), when it may start, how urgent it is, and who may or should do it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/model/capability.hpp"
#include "fsd/model/index.hpp"
#include "fsd/model/location.hpp"
#include "fsd/model/units.hpp"

namespace fsd {

enum class Urgency : std::uint8_t { emergency, same_day, scheduled };
constexpr std::array<std::string_view, 3> urgency_names{"emergency", "same-day", "scheduled"};
constexpr std::string_view to_string(Urgency u) {
    return urgency_names[static_cast<int>(u)];
}

enum class Quantile : std::uint8_t { p50, p75, p90 };
constexpr std::array<std::string_view, 3> quantile_names{"p50", "p75", "p90"};
// "p50", "p75" or "p90" as a Quantile; nullopt for anything else.
constexpr std::optional<Quantile> quantile_named(std::string_view name) {
    for (std::size_t i = 0; i < quantile_names.size(); ++i)
        if (quantile_names[i] == name) return static_cast<Quantile>(i);
    return std::nullopt;
}

// Duration quantiles; a fixed duration has all three equal. Invariant: p50 <= p75 <= p90.
struct DurationQuantiles {
    Duration p50;
    Duration p75;
    Duration p90;
    static DurationQuantiles fixed(Duration d) { return {d, d, d}; }
    [[nodiscard]] Duration at(Quantile q) const { return q == Quantile::p50 ? p50 : q == Quantile::p75 ? p75 : p90; }
    [[nodiscard]] bool is_fixed() const { return p50 == p75 && p75 == p90; }
    friend bool operator==(const DurationQuantiles&, const DurationQuantiles&) = default;
};

// The longest a job may take (check_problem refuses more): no day's work, and longer would
// overflow the search's costs.
constexpr Duration longest_job_duration = hours(24 * 7);

struct Job {
    std::string id;
    std::string customer_id;
    std::string job_type;
    std::string description;
    LocationId location{};
    std::vector<SkillLevel> skills;
    std::vector<CertificationId> certifications;
    std::vector<EquipmentId> equipment;
    DurationQuantiles duration;
    // Hard windows for the start of service; empty means "any time within a shift".
    std::vector<TimeWindow> time_windows;
    std::optional<TimeWindow> preferred_window;  // soft: a miss costs, see ObjectiveWeights
    Urgency urgency = Urgency::scheduled;
    int priority = 1;                       // 1 (lowest) .. 100; scales the unassigned penalty
    std::optional<TimePoint> sla_deadline;  // service should start by then
    // When the ticket came in: the response clock (ObjectiveWeights::response_per_minute) runs
    // from here. Absent: from the opening of the job's earliest window.
    std::optional<TimePoint> reported_at;
    // When the customer cancelled (live dispatch writes it into the day's problem): nobody may
    // serve the job, and a plan lists it unassigned at no cost.
    std::optional<TimePoint> cancelled_at;
    // What the customer has been told, once a plan went out (live dispatch): who comes and the ETA
    // window. Service never starts before that window where it can be met; another technician or a
    // later start costs (ObjectiveWeights::moved_technician, promise_miss, promise_late_per_minute).
    std::optional<TechnicianIndex> promised_technician;
    std::optional<TimeWindow> promised_window;
    // The earliest the customer may be brought forward to, with notice: service may then start
    // from here, before the promised window, at the price of a broken promise (promise_miss).
    std::optional<TimePoint> promised_earliest;
    // How many times the customer has been told a new promise since the first: each broken
    // promise then costs promise_miss_per_retell more per time (ObjectiveWeights), so that one
    // customer is not re-told again and again while others are never moved.
    std::uint32_t times_retold = 0;
    std::vector<TechnicianIndex> preferred_technicians;  // soft
    std::vector<TechnicianIndex> required_technicians;   // hard: one of these
    std::vector<TechnicianIndex> excluded_technicians;   // hard: none of these
    std::optional<TechnicianIndex> pinned_technician;    // hard: exactly this one
    std::optional<TimePoint> pinned_start;               // hard: service starts exactly then
    std::int64_t demand = 0;                             // capacity units (benchmark sets)
    // The work may be paused and resumed later (a long installation, not a repair with the water
    // off): the emergency lane may then call the technician away mid-job (job_interrupted).
    bool interruptible = false;

    friend bool operator==(const Job&, const Job&) = default;
};

}  // namespace fsd
