// Private to src/io: the steps of loading a problem, shared by problem_from_json(),
// resolve_travel() and load_problem(). Structure first, then travel, then the semantic checks,
// without echoes of what was already reported.
#pragma once

#include <filesystem>
#include <vector>

#include "fsd/json/file.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/travel/provider.hpp"

namespace fsd::io_detail {

// The document's structure, types, names and references; defects go to `errors`.
Problem read_problem(const Json& doc, std::vector<InputError>& errors);

// Appends the semantic errors not already covered by an earlier error at or above their path.
void merge_semantic(std::vector<InputError>& errors, const std::vector<InputError>& semantic);

// Stores the tables of a successful build; otherwise returns its issues as input errors.
std::vector<InputError> store_tables(Problem& problem, TravelBuild built);

// Fills the tables from the problem's own travel source; returns what kept it from doing so.
std::vector<InputError> own_travel_errors(Problem& problem, const std::filesystem::path& base_dir);

}  // namespace fsd::io_detail
