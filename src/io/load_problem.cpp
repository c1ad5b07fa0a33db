// Loading composes the steps: the document's structure (problem_from_json's parser), travel from
// the problem's own source (resolve_travel), then the semantic checks, with every defect of the
// file reported at once. The only part of the JSON boundary that reads road networks.
#include <algorithm>
#include <cctype>
#include <variant>

#include <nlohmann/json.hpp>

#include "fsd/io/json.hpp"
#include "fsd/io/resolve_travel.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/travel/road_travel.hpp"
#include "problem_steps.hpp"

namespace fsd {
namespace {

// Roads are priced as a whole or not at all; the summary says why nothing was priced, and an
// issue of the network itself belongs to the field that names it.
std::vector<InputError> road_errors(const Problem& problem, const RoadTravel& road, const TravelBuild& built) {
    std::vector<InputError> errors;
    const auto located =
        std::count_if(built.issues.begin(), built.issues.end(), [](const TravelIssue& i) { return i.location.has_value(); });
    if (located > 0)
        errors.push_back({"travel", "no road travel times: " + std::to_string(located) + " location(s) cannot be priced on " + road.path});
    const auto per_issue = travel_errors(problem, built.issues, "travel.path");
    errors.insert(errors.end(), per_issue.begin(), per_issue.end());
    return errors;
}

std::string lower_extension(const std::filesystem::path& path) {
    auto ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

}  // namespace

namespace io_detail {

std::vector<InputError> own_travel_errors(Problem& problem, const std::filesystem::path& base_dir) {
    const TravelSource& source = problem.travel_source;
    if (const auto* s = std::get_if<StraightLineTravel>(&source))
        return store_tables(problem, StraightLineProvider{*s}.build(problem.locations));
    if (const auto* e = std::get_if<EuclideanTravel>(&source)) return store_tables(problem, EuclideanProvider{*e}.build(problem.locations));
    if (const auto* road = std::get_if<RoadTravel>(&source)) {
        TravelBuild built = build_road_travel(*road, problem.locations, base_dir);
        if (!built.ok()) return road_errors(problem, *road, built);
        problem.travel = std::move(built.tables);
    }
    return {};  // a matrix is read with the document
}

}  // namespace io_detail

void resolve_travel(Problem& problem, const std::filesystem::path& base_dir) {
    std::vector<InputError> errors = io_detail::own_travel_errors(problem, base_dir);
    io_detail::merge_semantic(errors, check_problem(problem));
    if (!errors.empty()) throw InputErrors(std::move(errors));
}

// Travel only for a sound structure: coordinates may be missing otherwise, and the errors say so.
Problem load_problem(const Json& doc, const std::filesystem::path& base_dir) {
    std::vector<InputError> errors;
    Problem problem = io_detail::read_problem(doc, errors);
    if (errors.empty()) errors = io_detail::own_travel_errors(problem, base_dir);
    io_detail::merge_semantic(errors, check_problem(problem));
    if (!errors.empty()) throw InputErrors(std::move(errors));
    return problem;
}

Problem load_problem(const std::filesystem::path& path) {
    if (lower_extension(path) == ".txt") return load_solomon(path);
    return read_naming_file(path, [&](const Json& doc) { return load_problem(doc, path.parent_path()); });
}

Plan load_plan(const std::filesystem::path& path, const Problem& problem) {
    if (path.extension().string() == ".sol") return load_cvrplib(path, problem);
    return read_naming_file(path, [&](const Json& doc) { return plan_from_json(doc, problem); });
}

}  // namespace fsd
