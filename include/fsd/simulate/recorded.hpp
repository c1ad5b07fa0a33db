// A recorded day: what really happened to some of a day's jobs (how long each took on site, which
// customers were not at home, who cancelled and when). Given to the truth it replaces those jobs'
// draws, so that a policy can be replayed against a real day (docs/simulate.md, "Replaying a recorded day").
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "fsd/model/problem.hpp"

namespace fsd::simulate {

enum class RecordedOutcome : std::uint8_t { served, not_home, cancelled };
constexpr std::array<std::string_view, 3> recorded_outcome_names{"served", "not_home", "cancelled"};

struct RecordedJob {
    RecordedOutcome outcome = RecordedOutcome::served;
    // Time on site at efficiency 1: each technician who does the job takes it divided by their
    // efficiency, as they do planned durations. None: drawn as usual.
    std::optional<Duration> nominal_duration;
    std::optional<TimePoint> cancelled_at;  // with outcome cancelled
    friend bool operator==(const RecordedJob&, const RecordedJob&) = default;
};

struct RecordedDay {
    PerJob<std::optional<RecordedJob>> jobs;  // one per job of the problem, or empty: nothing recorded
    [[nodiscard]] const RecordedJob* find(JobIndex j) const { return jobs.contains(j) && jobs[j] ? &*jobs[j] : nullptr; }
    friend bool operator==(const RecordedDay&, const RecordedDay&) = default;
};

// The recorded day of a document {"jobs": [{"id": ..., "duration_min": ..., ...}]} for `problem`:
// ids are its jobs' and technicians' ids, times as in its file. Throws InputErrors naming the path
// of every defect (e.g. "jobs[3].cancelled_at").
// The day a recording is replayed on: when it is over, and which jobs are the day's (empty: all).
// A cancellation of one of the day's jobs recorded after it is over is not that day's.
struct RecordedScope {
    std::optional<TimePoint> over;
    std::vector<char> on_day;  // per job of the problem
};

RecordedDay recorded_day_from_json(const Problem& problem, const nlohmann::ordered_json& doc, const RecordedScope& scope = {});

// The same from a file; the paths of its errors start with the file's name.
RecordedDay load_recorded_day(const Problem& problem, const std::filesystem::path& path, const RecordedScope& scope = {});

}  // namespace fsd::simulate
