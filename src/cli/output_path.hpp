// Private to the fsd CLI: output paths are checked before the work, so that a typo in -o is a
// bad-input error (exit 2) at once rather than an internal error after a long fit.
#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "fsd/model/problem.hpp"

namespace fsd::cli {

// Throws InputErrors naming `option` unless `path` can be opened for writing. An existing file
// is opened for appending, so left as it is; a new one is created by the probe and removed again.
inline void require_writable(const std::filesystem::path& path, const std::string& option) {
    auto fail = [&](const std::string& why) {
        throw InputErrors(std::vector<InputError>{{option, "cannot write " + path.string() + ": " + why}});
    };
    std::error_code ec;
    if (path.empty()) fail("empty path");
    if (std::filesystem::is_directory(path, ec)) fail("it is a directory");
    const auto parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (!std::filesystem::is_directory(parent, ec)) fail("no directory " + parent.string());
    const bool existed = std::filesystem::exists(path, ec);
    {
        std::ofstream probe(path, std::ios::app | std::ios::binary);
        if (!probe) fail("permission denied or not a writable place");
    }
    if (!existed) std::filesystem::remove(path, ec);
}

// Writes `text` to `path` as it is; throws when the file cannot be written.
inline void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("error while writing " + path);
}

}  // namespace fsd::cli
