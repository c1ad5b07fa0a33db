// The dispatch log: JSON lines, appended to and never edited. Line 1 starts the day (problem,
// parameters, start time); every later line is one plan version with the event that produced it,
// its hash, its plan and its assignment reasons. Reading it re-applies each event, so the state
// comes back exactly; a replay also plans each version again and checks its hash. A bad line is
// reported with its number and the versions before it stay readable.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fsd/dispatch/apply.hpp"
#include "fsd/model/evaluate.hpp"

namespace fsd::dispatch {

inline constexpr const char* dispatch_log_format = "fsd-dispatch-log/1";

// The first line of a day's log, and the line of one version (no newline).
std::string log_header_line(const DispatchDay& day);
std::string log_version_line(const DispatchDay& day, const PlanVersion& v);
// The reasons of a version's new assignments, as the log's "assignments" states them.
nlohmann::ordered_json assignments_json(const Problem& p, const std::vector<AssignmentReason>& a);
// The whole log of a day.
std::string log_text(const DispatchDay& day);

enum class LogMode : std::uint8_t {
    load,    // take each logged plan as it is (its hash checked)
    replay,  // plan each version again with its logged seed and budget, and compare the hashes
};

// One version as a replay saw it.
struct ReplayCheck {
    int version = 0;
    std::uint64_t logged = 0, replayed = 0;
    bool capped = false;  // cut by the time cap when logged: not reproducible, taken as logged
    // The logged plan of the whole day against the problem as of that version: what the
    // evaluator finds wrong with it (none: as `fsd evaluate` on that version would say, feasible).
    std::vector<Violation> violations;
    bool chosen = false;  // a plan a lane chose (ReplanStats::chosen): adopted again, as the log has it
    [[nodiscard]] bool reproduced() const { return logged == replayed; }
};

struct LogRead {
    std::optional<DispatchDay> day;   // up to the last good line; none when line 1 is bad
    std::vector<InputError> errors;   // the first bad line ("line 7: ..."); reading stops there
    std::vector<ReplayCheck> checks;  // replay only: one per version after the first
    // The cascade report of the last version read, exactly as `fsd dispatch apply` printed it: its
    // plan against the one before, the promises customers held then, the cost of keeping that plan.
    CascadeReport last_cascade;
};

// Never throws on bad content; `base_dir` resolves relative paths inside the problem. With
// `through`, reading stops after that version: the day as it stood then.
LogRead read_log(std::string_view text, LogMode mode, const std::filesystem::path& base_dir = {},
                 std::optional<int> through = std::nullopt);

// Writes `content` to a temporary file beside `path`, then renames it over `path`: a reader sees
// the old file or the new one, never half of one.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace fsd::dispatch
