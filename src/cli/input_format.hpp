// Private to the fsd CLI: --input-format for the commands that read a problem and perhaps a plan.
// "fsd" is fsd's own formats (and Solomon / CVRPLIB by extension); "vroom" is VROOM's input JSON
// and, for a plan, VROOM's solution JSON (fsd/io/vroom.hpp).
#pragma once

#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "fsd/io/json.hpp"
#include "fsd/io/vroom.hpp"

namespace fsd::cli {

inline void add_input_format(CLI::App& app, std::string& format, const char* what) {
    app.add_option("--input-format", format, std::string("fsd: fsd's formats; vroom: VROOM's JSON for ") + what)
        ->check(CLI::IsMember({"fsd", "vroom"}))
        ->capture_default_str();
}

// A VROOM problem keeps its context (ids, time origin, amounts) for reading and writing VROOM plans.
inline VroomProblem read_problem(const std::string& path, const std::string& format) {
    if (format == "vroom") return load_vroom_problem(path);
    return {load_problem(path), {}};
}

inline Plan read_plan(const std::string& path, const VroomProblem& in, const std::string& format) {
    if (format == "vroom") return read_naming_file(path, [&](const Json& doc) { return plan_from_vroom(doc, in.problem, in.context); });
    return load_plan(path, in.problem);
}

}  // namespace fsd::cli
