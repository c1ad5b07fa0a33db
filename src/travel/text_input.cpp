#include "text_input.hpp"

#include <algorithm>
#include <climits>
#include <system_error>

#include <zlib.h>

#include "fsd/model/problem.hpp"

namespace fsd::travel_io {

void fail(const std::filesystem::path& file, std::size_t line, const std::string& message) {
    const std::string where = file.string() + (line > 0 ? ":" + std::to_string(line) : std::string());
    throw InputErrors({{"", where + ": " + message}});
}

std::string read_whole_file(const std::filesystem::path& path) {
    std::error_code ec;
    const auto on_disk = std::filesystem::file_size(path, ec);
    if (ec) fail(path, 0, "cannot read file (" + ec.message() + ")");
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) fail(path, 0, "cannot open file");
    gzbuffer(file, 1 << 18);
    // Road CSVs compress about 3-4x; start there and double as needed.
    std::string text(std::max<std::size_t>(4 * on_disk, 1 << 16), '\0');
    std::size_t size = 0;
    for (;;) {
        if (size == text.size()) text.resize(2 * text.size());
        const std::size_t want = std::min<std::size_t>(text.size() - size, INT_MAX);
        const int got = gzread(file, text.data() + size, static_cast<unsigned>(want));
        if (got < 0) {
            int code = 0;
            const std::string why = gzerror(file, &code);
            gzclose(file);
            fail(path, 0, "cannot decompress (" + why + ")");
        }
        if (got == 0) break;
        size += static_cast<std::size_t>(got);
    }
    int code = Z_OK;
    const std::string why = gzerror(file, &code);
    gzclose(file);
    if (code != Z_OK) fail(path, 0, "cannot decompress (" + why + ")");
    text.resize(size);
    return text;
}

}  // namespace fsd::travel_io
