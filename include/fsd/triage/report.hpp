// How triage results and evaluations are shown: a JSON object per result (the `fsd triage --json`
// contract: job_type, urgency, skills, confidence, reasons, safety_instruction...) and plain text
// for people. Used by the CLI and the triage benchmark.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "fsd/triage/evaluation.hpp"
#include "fsd/triage/triage.hpp"

namespace fsd::triage {

nlohmann::ordered_json result_to_json(const TriageResult& result);
std::string format_result(const TriageResult& result);

nlohmann::ordered_json evaluation_to_json(const TriageEvaluation& evaluation);
std::string format_evaluation(const TriageEvaluation& evaluation);

}  // namespace fsd::triage
