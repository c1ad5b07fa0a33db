// A seeded generator of completed-job history (months of jobs done by a roster of technicians)
// from a known model: per-type log-normal durations, feature effects, per-technician speed and
// noise, optionally shifted from a date on. The duration models are tested against its truth.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fsd/duration/history_table.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

// From `from` on, matching jobs take `factor` times as long (e.g. a new boiler model).
struct HistoryShift {
    Date from;
    double factor = 1.4;
    std::string job_type;  // empty: every job type
};

// A technician to generate history for: the id and trade (one of fsd::trades).
struct RosterMember {
    std::string id;
    std::string trade;
};

struct HistoryOptions {
    std::size_t rows = 100'000;
    int months = 12;                                // 1..36; ends on end_date
    Date end_date = date_from_civil(2026, 11, 20);  // the Friday before the default scenario
    int technicians = 40;                           // when `roster` is empty; 1..2000
    std::vector<RosterMember> roster;               // when not empty, these technicians
    std::uint64_t seed = 1;
    double speed_sigma = 0.18;  // spread of log true speed factors across technicians
    // Technicians who join 40-70% of the way through: little history, but some before any
    // hold-out of the last 30% (a technician never seen in training cannot be known).
    double late_joiner_share = 0.15;
    std::optional<HistoryShift> shift;
};

// What the generator knows and the models must recover: each technician's true factor
// (actual / nominal duration; > 1 is slower) and the day they joined.
struct TechnicianTruth {
    std::string id;
    std::string trade;
    double speed_factor = 1.0;
    Date joined;
};

struct GeneratedHistory {
    HistoryTable table;  // rows in completion-date order
    std::vector<TechnicianTruth> technicians;
};

// The generative model, per job (log minutes):
//   log(type median) + 0.015 (age - 10) + 0.15 [commercial] - 0.30 [follow-up]
//   + seasonal(trade, month) + log(technician factor) + log(shift factor)
//   + sigma_type (0.85 + 0.015 age) N(0, 1)  [+ |N(0, 0.5)| for 3% of jobs: complications]
// rounded to whole minutes (at least 5). Without a roster, technicians T01.. are drawn with
// the scenario generator's trade mix. Throws std::invalid_argument on options out of range.
GeneratedHistory generate_history(const HistoryOptions& options);

// The technicians of a problem (e.g. a generated scenario) as a roster: id and the trade of
// their first skill, so that history and planning day talk about the same people.
std::vector<RosterMember> roster_of(const Problem& problem);

}  // namespace fsd
