// JSON documents on disk, for every fsd file format: reading turns an unreadable file or
// malformed JSON into InputErrors that name the file; keys keep their order on output.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace fsd {

// Keys keep their insertion order on output, so files read top-down ("format" first).
using Json = nlohmann::ordered_json;

// Parses JSON text. A key repeated within one object, which the JSON library would let the last
// one win silently, sets *duplicate (when still empty) to its path, e.g. "jobs[1].pinned". Malformed
// text throws nlohmann's parse error, or gives a discarded value without exceptions.
Json parse_json_text(std::string_view text, std::string* duplicate, bool allow_exceptions = true);
// What an input error at such a key says.
inline constexpr const char* duplicate_key_message = "key given twice in one object (only one value would be read)";

// Reads a file as JSON; an unreadable file, malformed JSON or a key repeated within an object
// throws InputErrors (a repeated key at its path).
Json read_json_file(const std::filesystem::path& path);
// Writes the document indented by two spaces; a file that cannot be opened throws InputErrors.
void write_json_file(const std::filesystem::path& path, const Json& doc);

}  // namespace fsd
