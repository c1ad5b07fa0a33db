// Private to the fsd CLI: output paths are checked before the work, so that a typo in -o is a
// bad-input error (exit 2) at once rather than an internal error after a long fit.
#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
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

// A file named by an option: (option, path); an empty path is not given.
using NamedFile = std::pair<std::string, std::string>;

// Throws InputErrors when an output would overwrite an input or another output (the same file
// under any name): a default output name can land on an input's.
inline void require_distinct(const std::vector<NamedFile>& inputs, const std::vector<NamedFile>& outputs) {
    const auto same = [](const std::string& a, const std::string& b) {
        std::error_code ec;
        if (std::filesystem::equivalent(a, b, ec)) return true;
        // Absolute first: weakly_canonical leaves a relative path to a file not written yet relative.
        return std::filesystem::weakly_canonical(std::filesystem::absolute(a, ec), ec) ==
                   std::filesystem::weakly_canonical(std::filesystem::absolute(b, ec), ec) &&
               !ec;
    };
    std::vector<InputError> errors;
    for (std::size_t o = 0; o < outputs.size(); ++o) {
        const auto& [option, path] = outputs[o];
        if (path.empty()) continue;
        for (const auto& [in_option, in_path] : inputs)
            if (!in_path.empty() && same(path, in_path))
                errors.push_back({option, path + " is the " + in_option + " file read: it would be overwritten"});
        for (std::size_t e = 0; e < o; ++e)
            if (!outputs[e].second.empty() && same(path, outputs[e].second))
                errors.push_back({option, path + " is also written as " + outputs[e].first});
    }
    if (!errors.empty()) throw InputErrors(std::move(errors));
}

// Writes several files, all or none: each goes to a temporary file beside it first, and only
// when every one is written are they renamed into place, so a failure leaves no file half-new
// and no earlier output standing without the rest.
inline void write_files_together(const std::vector<std::pair<std::filesystem::path, std::string>>& files) {
    std::vector<std::filesystem::path> written;
    const auto discard = [&written] {
        std::error_code ec;
        for (const auto& t : written) std::filesystem::remove(t, ec);
    };
    for (const auto& [path, text] : files) {
        std::filesystem::path tmp = path;
        tmp += ".tmp-fsd";
        written.push_back(tmp);
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            discard();
            throw std::runtime_error("error while writing " + tmp.string());
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) std::filesystem::rename(written[i], files[i].first);
}

// Writes `text` to `path` as it is; throws when the file cannot be written.
inline void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("error while writing " + path);
}

}  // namespace fsd::cli
