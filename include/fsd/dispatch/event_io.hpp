// Dispatch events as JSON lines (docs/format.md, "Dispatch events"): a reader that takes any text
// and never throws or crashes, reporting every bad line with its number and field, and a writer.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fsd/dispatch/event.hpp"
#include "fsd/model/calendar.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::dispatch {

struct EventRead {
    std::vector<Event> events;       // the good lines, in order
    std::vector<InputError> errors;  // paths like "line 3, at"; empty when every line is good
};

// One JSON object per line; blank lines are skipped. Times are ISO local times (they need the
// horizon's start date) or integer seconds from the horizon start. Ids are not resolved here:
// absorb() checks them against the state.
EventRead read_events(std::string_view jsonl, std::optional<Date> horizon_start);

// One event from a parsed JSON object; errors get paths like "line 3, at" (line 0: "event, at").
EventRead read_event_json(const nlohmann::ordered_json& j, std::optional<Date> horizon_start, int line = 0);

// One event as a JSON object (one line of an events file once dumped).
nlohmann::ordered_json event_to_json(const Event& e, std::optional<Date> horizon_start);

}  // namespace fsd::dispatch
