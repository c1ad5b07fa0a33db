// The saved triage model: a JSON file ("fsd-triage-model/1") with the classes, feature names,
// weights and training vocabulary of a TicketClassifier, so a trained model can be shipped and
// loaded without retraining. Labelled tickets for training can come from a TSV file.
#pragma once

#include <filesystem>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "fsd/triage/classifier.hpp"
#include "fsd/triage/labelled_ticket.hpp"

namespace fsd::triage {

inline constexpr const char* triage_model_format = "fsd-triage-model/1";

nlohmann::ordered_json classifier_to_json(const TicketClassifier& model);
// Throws InputErrors (with JSON paths) on a malformed or inconsistent model.
TicketClassifier classifier_from_json(const nlohmann::ordered_json& doc);

void save_classifier(const std::filesystem::path& path, const TicketClassifier& model);
TicketClassifier load_classifier(const std::filesystem::path& path);

// Labelled tickets, one per line: "job_type<TAB>ticket text". Blank lines and lines starting
// with '#' are skipped; unknown job types and malformed lines throw InputErrors with line numbers.
std::vector<LabelledTicket> load_labelled_tickets(const std::filesystem::path& path);
// Writes tickets in that format (tabs and line breaks in the text become spaces).
void save_labelled_tickets(const std::filesystem::path& path, const std::vector<LabelledTicket>& tickets);

}  // namespace fsd::triage
