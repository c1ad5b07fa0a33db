#include "fsd/io/resolve_travel.hpp"

#include <algorithm>
#include <variant>

#include "fsd/json/reader.hpp"
#include "problem_steps.hpp"

namespace fsd {

using json_input::index_path;

std::vector<std::string> location_fields(const Problem& problem) {
    PerLocation<std::string> fields(problem.locations.size());
    auto name = [&](LocationId id, const std::string& field) {
        if (fields.contains(id) && fields[id].empty()) fields[id] = field;
    };
    for (std::size_t t = 0; t < problem.technicians.size(); ++t) {
        const Technician& tech = problem.technicians[t];
        name(tech.start_location, index_path("technicians", t) + ".start");
        // Without an "end" in the file the technician returns to the start location itself.
        if (tech.end_location != tech.start_location) name(tech.end_location, index_path("technicians", t) + ".end");
    }
    for (std::size_t j = 0; j < problem.jobs.size(); ++j) name(problem.jobs[j].location, index_path("jobs", j) + ".location");
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].empty()) fields[i] = index_path("locations", i);
    return fields;
}

std::vector<InputError> travel_errors(const Problem& problem, const std::vector<TravelIssue>& issues, const std::string& model_path) {
    const std::vector<std::string> fields = location_fields(problem);
    std::vector<InputError> errors;
    for (const TravelIssue& issue : issues) {
        const bool known_location = issue.location && *issue.location < fields.size();
        errors.push_back({known_location ? fields[*issue.location] : model_path, issue.message});
    }
    return errors;
}

void apply_travel(Problem& problem, TravelBuild built) {
    std::vector<InputError> errors = io_detail::store_tables(problem, std::move(built));
    io_detail::merge_semantic(errors, check_problem(problem));
    if (!errors.empty()) throw InputErrors(std::move(errors));
}

namespace io_detail {

std::vector<InputError> store_tables(Problem& problem, TravelBuild built) {
    if (!built.ok()) return travel_errors(problem, built.issues);
    problem.travel = std::move(built.tables);
    return {};
}

// Locations and travel tables are derived from fields already checked, so once the structure
// is wrong their semantic errors are only echoes.
void merge_semantic(std::vector<InputError>& errors, const std::vector<InputError>& semantic) {
    const std::size_t structural = errors.size();
    for (const auto& e : semantic) {
        // A place the reader could not make leaves references to it dangling: not another defect.
        if (structural > 0 &&
            (e.path.rfind("locations", 0) == 0 || e.path.rfind("travel", 0) == 0 || e.message.rfind(unknown_location_message, 0) == 0))
            continue;
        bool covered = false;
        for (std::size_t i = 0; i < structural && !covered; ++i) {
            const auto& p = errors[i].path;
            covered = e.path == p || (e.path.rfind(p, 0) == 0 && (e.path[p.size()] == '.' || e.path[p.size()] == '['));
            covered = covered || (p.rfind(e.path, 0) == 0 && !e.path.empty());
        }
        if (!covered) errors.push_back(e);
    }
}

}  // namespace io_detail
}  // namespace fsd
