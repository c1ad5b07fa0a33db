// Private to the fsd CLI: where `fsd simulate` writes the as-executed problem beside an executed
// plan, so that `fsd report --sim` finds it without being told.
#pragma once

#include <filesystem>
#include <string>

namespace fsd::cli {

// executed.json -> executed.problem.json (any other name: NAME.problem.json)
inline std::string executed_problem_path(const std::string& plan_path) {
    const std::filesystem::path p(plan_path);
    const std::string stem = p.extension() == ".json" ? p.stem().string() : p.filename().string();
    return (p.parent_path() / (stem + ".problem.json")).string();
}

}  // namespace fsd::cli
