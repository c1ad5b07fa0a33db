// A cascade report as text for a dispatcher's screen and as JSON for other systems (a report
// page, an SMS gateway). Times are local ISO times when the problem has a date.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "fsd/dispatch/cascade.hpp"
#include "fsd/dispatch/sla_monitor.hpp"

namespace fsd::dispatch {

std::string cascade_to_text(const Problem& p, const CascadeReport& r);
nlohmann::ordered_json cascade_to_json(const Problem& p, const CascadeReport& r);

std::string sla_to_text(const Problem& p, const std::vector<SlaEntry>& entries);
nlohmann::ordered_json sla_to_json(const Problem& p, const std::vector<SlaEntry>& entries);

}  // namespace fsd::dispatch
