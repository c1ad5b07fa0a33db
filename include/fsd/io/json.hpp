// The fsd JSON format for problems and plans (docs/format.md): read with full validation, every
// error reported with its JSON path; written back losslessly. Loaders throw InputErrors.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "fsd/json/file.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

inline constexpr const char* problem_format = "fsd-problem/1";
inline constexpr const char* plan_format = "fsd-plan/1";

// Structure, types, names and references are checked here; semantics by check_problem().
// Throws InputErrors listing everything found. Relative file paths in the document (a road
// network) are resolved against base_dir; load_problem() passes the file's directory.
Problem problem_from_json(const Json& doc, const std::filesystem::path& base_dir = {});
Json problem_to_json(const Problem& problem);

Plan plan_from_json(const Json& doc, const Problem& problem);
// With an evaluation, the plan carries its KPIs and violations for readers of the file.
Json plan_to_json(const Problem& problem, const Plan& plan, const Evaluation* evaluation = nullptr);
Json kpis_to_json(const Problem& problem, const Kpis& kpis);
Json violations_to_json(const std::vector<Violation>& violations);

// Loads a problem by file type: .json (fsd format) or .txt (Solomon, DIMACS convention).
Problem load_problem(const std::filesystem::path& path);
Plan load_plan(const std::filesystem::path& path, const Problem& problem);

// Time values in messages and files: local ISO time when the horizon has a date, else seconds.
std::string time_to_text(const Problem& problem, TimePoint t);

}  // namespace fsd
