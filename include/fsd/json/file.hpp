// JSON documents on disk, for every fsd file format: reading turns an unreadable file or
// malformed JSON into InputErrors that name the file; keys keep their order on output.
#pragma once

#include <filesystem>

#include <nlohmann/json_fwd.hpp>

namespace fsd {

// Keys keep their insertion order on output, so files read top-down ("format" first).
using Json = nlohmann::ordered_json;

// Reads a file as JSON; an unreadable file or malformed JSON throws InputErrors (path "").
Json read_json_file(const std::filesystem::path& path);
// Writes the document indented by two spaces; a file that cannot be opened throws InputErrors.
void write_json_file(const std::filesystem::path& path, const Json& doc);

}  // namespace fsd
