#include "fsd/json/file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "fsd/model/problem.hpp"

namespace fsd {

Json read_json_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputErrors({{"", path.string() + " is a directory, not a JSON file"}});
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputErrors({{"", "cannot read file " + path.string()}});
    std::stringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw InputErrors({{"", "error while reading " + path.string()}});
    try {
        return Json::parse(buf.str());
    } catch (const Json::exception& e) {  // a syntax error, or a number no double holds (1e400)
        throw InputErrors({{"", path.string() + ": malformed JSON: " + e.what()}});
    }
}

void write_json_file(const std::filesystem::path& path, const Json& doc) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw InputErrors({{"", "cannot write " + path.string()}});  // a bad -o, not a bug
    out << doc.dump(2) << '\n';
    if (!out) throw std::runtime_error("error while writing " + path.string());
}

}  // namespace fsd
