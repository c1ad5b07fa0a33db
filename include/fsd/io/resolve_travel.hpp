// Travel tables for a parsed problem (problem_from_json): any TravelProvider, such as a matrix
// from an integrator's own routing service, or the problem's own travel source. Every issue
// comes back as an InputError at the JSON field of the location at fault.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/travel/provider.hpp"

namespace fsd {

// The JSON field each location was read from ("technicians[2].start", "jobs[5].location"). A
// location with several users is named by the first; one with none as "locations[i]".
std::vector<std::string> location_fields(const Problem& problem);

// A provider's issues as input errors: a location's at its field, the model's at `model_path`.
std::vector<InputError> travel_errors(const Problem& problem, const std::vector<TravelIssue>& issues,
                                      const std::string& model_path = "travel");

// Stores the built tables and checks the whole problem (check_problem). Throws InputErrors with
// the travel issues, or with the semantic errors of the completed problem.
void apply_travel(Problem& problem, TravelBuild built);

// Tables from any provider. The problem's travel_source stays as it was read, so the evaluator
// still measures Euclidean benchmark distances from coordinates.
void resolve_travel(Problem& problem, const TravelProvider auto& provider) {
    apply_travel(problem, provider.build(problem.locations));
}

// Tables from the problem's own travel source: the matrix it was read with, straight line,
// Euclidean, or a road network (a relative path counts from base_dir). load_problem() does this.
void resolve_travel(Problem& problem, const std::filesystem::path& base_dir = {});

}  // namespace fsd
