// A dispatch day's state directory as the commands keep it: the log read back, and a new version's
// files written plans and problem first, the log last (fsd dispatch, and the lanes' --adopt).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include <fmt/core.h>

#include "fsd/dispatch/log.hpp"
#include "fsd/io/json.hpp"
#include "input_errors.hpp"

namespace fsd::cli {

inline std::string read_text(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw input_error("", path.string() + " is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error("", "cannot read " + path.string());
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

// A day from its state directory, and the log's text (new versions are appended to it).
inline std::pair<dispatch::DispatchDay, std::string> load_day(const std::filesystem::path& dir) {
    std::string text = read_text(dir / "log.jsonl");
    // A log cut short of its last newline (an editor, a copy) must not glue the next record to it.
    if (!text.empty() && text.back() != '\n') text += '\n';
    dispatch::LogRead r = dispatch::read_log(text, dispatch::LogMode::load, dir);
    if (!r.errors.empty()) {
        for (InputError& e : r.errors) e.path = (dir / "log.jsonl").string() + ": " + e.path;
        throw InputErrors(std::move(r.errors));
    }
    return {std::move(*r.day), std::move(text)};
}

// The plans and the problem first, the log last: until the log is renamed into place, the day
// is what it was. `log` is the whole log's text; the plans are written from version `first_new` on.
inline void write_day(const std::filesystem::path& dir, const dispatch::DispatchDay& day, const std::string& log, std::size_t first_new) {
    namespace fs = std::filesystem;
    if (std::error_code ec; !fs::create_directories(dir / "plans", ec) && ec)
        throw input_error("", "cannot write " + (dir / "plans").string() + ": " + ec.message());
    for (std::size_t v = first_new; v < day.versions.size(); ++v)
        dispatch::write_file_atomically(dir / "plans" / fmt::format("v{:04}.json", v),
                                        plan_to_json(day.state.problem, day.versions[v].plan).dump(2) + "\n");
    dispatch::write_file_atomically(dir / "problem.json", problem_to_json(day.state.problem).dump(2) + "\n");
    dispatch::write_file_atomically(dir / "log.jsonl", log);
}

}  // namespace fsd::cli
