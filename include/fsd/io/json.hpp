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

// Only parses: structure, types, names and references, and the semantic checks that need no
// travel tables. A matrix in the document is read; the other travel kinds leave the tables to
// resolve_travel() (fsd/io/resolve_travel.hpp), from the problem's own source or from any
// TravelProvider. Throws InputErrors listing everything found.
Problem problem_from_json(const Json& doc);
Json problem_to_json(const Problem& problem);

// problem_from_json() and resolve_travel() from the document's own travel source (a relative
// road-network path counts from base_dir), then check_problem(): every defect reported at once.
Problem load_problem(const Json& doc, const std::filesystem::path& base_dir);
// Loads a problem by file type: .json (fsd format, relative paths from the file's directory)
// or .txt (Solomon, DIMACS convention).
Problem load_problem(const std::filesystem::path& path);

Plan plan_from_json(const Json& doc, const Problem& problem);
// With an evaluation, the plan carries its KPIs and violations for readers of the file.
Json plan_to_json(const Problem& problem, const Plan& plan, const Evaluation* evaluation = nullptr);
Json kpis_to_json(const Problem& problem, const Kpis& kpis);
Json violations_to_json(const std::vector<Violation>& violations);
Plan load_plan(const std::filesystem::path& path, const Problem& problem);

// Reads the file's JSON document with `read`: an error of the whole document (an array where an
// object belongs), whose path is empty, names the file instead.
template <class Read>
auto read_naming_file(const std::filesystem::path& path, Read&& read) {
    const Json doc = read_json_file(path);
    try {
        return read(doc);
    } catch (const InputErrors& e) {
        std::vector<InputError> errors = e.errors();
        for (InputError& x : errors)
            if (x.path.empty()) x.message = path.string() + ": " + x.message;
        throw InputErrors(std::move(errors));
    }
}

// Time values in messages and files: local ISO time when the horizon has a date, else seconds.
std::string time_to_text(const Problem& problem, TimePoint t);

}  // namespace fsd
