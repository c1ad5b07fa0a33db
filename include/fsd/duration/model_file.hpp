// The saved form of a fitted duration model: one JSON document ("fsd-duration-model/1", see
// docs/durations.md) holding both models and the technician factors, so that `fsd estimate fit`
// and `fsd estimate report` (or a planner) need not share a process.
#pragma once

#include <filesystem>

#include <nlohmann/json_fwd.hpp>

#include "fsd/duration/model.hpp"

namespace fsd {

inline constexpr const char* duration_model_format = "fsd-duration-model/1";

nlohmann::ordered_json duration_model_to_json(const DurationModel& model);
// Throws InputErrors (with the JSON path of each defect) when the document is not a model.
DurationModel duration_model_from_json(const nlohmann::ordered_json& doc);

void save_duration_model(const DurationModel& model, const std::filesystem::path& path);
DurationModel load_duration_model(const std::filesystem::path& path);

}  // namespace fsd
