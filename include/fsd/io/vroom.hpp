// VROOM's JSON (docs/API.md of VROOM-Project/vroom) as a door into fsd: a VROOM problem read
// into an fsd Problem, every field fsd cannot honour rejected with its JSON path, and an fsd plan
// written back in VROOM's solution shape. The mapping is in docs/format.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fsd/io/json.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

// What a VROOM document states that an fsd Problem has no field for, kept so that a plan can be
// written back (and read back) in the document's own terms. One entry per technician or job.
struct VroomContext {
    std::int64_t time_origin = 0;                        // the VROOM time of fsd's TimePoint(0)
    PerTechnician<std::vector<std::int64_t>> break_ids;  // per technician, per break of its shift
    PerTechnician<std::vector<std::string>> break_descriptions;
    PerJob<int> job_priority;                    // VROOM's 0..100
    PerJob<std::int64_t> job_delivery;           // the one amount dimension fsd keeps, or 0
    PerJob<std::int64_t> job_pickup;             // only one of delivery and pickup is used per problem
    bool has_amounts = false;                    // some job or vehicle named an amount
    bool has_distances = false;                  // matrices gave distances
    std::vector<bool> location_has_coordinates;  // per location: `location`/`start`/`end` was given
};

struct VroomProblem {
    Problem problem;
    VroomContext context;
};

// Throws InputErrors with the VROOM JSON path of every field that is malformed or that fsd
// cannot honour (shipments, open routes, several profiles, setup times, ...).
VroomProblem problem_from_vroom(const Json& doc);
VroomProblem load_vroom_problem(const std::filesystem::path& path);

// The plan in VROOM's solution shape: code, summary, unassigned, routes with steps. `ev` must come
// from evaluate(problem, plan). Without a context (an fsd-format problem) ids that are integers
// are written as integers, breaks by their index, priorities and loads as fsd has them.
Json plan_to_vroom(const Problem& problem, const Evaluation& ev, const VroomContext* context = nullptr);

// Reads a VROOM solution's routes and unassigned list back as an fsd plan, so that the evaluator
// can judge it. Stated service starts are kept (arrival + waiting_time).
Plan plan_from_vroom(const Json& doc, const Problem& problem, const VroomContext& context);
// A path into the plan plan_from_vroom read ("routes[0].stops[2].start") as the same place in the
// VROOM solution ("routes[0].steps[3].start"): its routes in order, each stop a job or break step.
std::string vroom_solution_path(const Json& solution, const std::string& plan_path);

}  // namespace fsd
