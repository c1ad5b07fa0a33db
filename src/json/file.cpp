#include "fsd/json/file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "fsd/model/problem.hpp"

namespace fsd {
namespace {

// Where the parser is: one frame per object or array it is inside.
struct Frame {
    bool array = false;
    std::size_t index = 0;  // an array's element being read
    std::string key;        // an object's member being read
    std::unordered_set<std::string> keys;
};

std::string path_of(const std::vector<Frame>& frames) {
    std::string out;
    for (const Frame& f : frames) out += f.array ? "[" + std::to_string(f.index) + "]" : (out.empty() ? "" : ".") + f.key;
    return out;
}

}  // namespace

Json parse_json_text(std::string_view text, std::string* duplicate, bool allow_exceptions) {
    std::vector<Frame> frames;
    auto element_done = [&frames] {
        if (!frames.empty() && frames.back().array) ++frames.back().index;
    };
    const Json::parser_callback_t track = [&](int, Json::parse_event_t event, Json& parsed) {
        switch (event) {
            case Json::parse_event_t::object_start:
                frames.push_back({});
                break;
            case Json::parse_event_t::array_start:
                frames.emplace_back().array = true;
                break;
            case Json::parse_event_t::key: {
                Frame& f = frames.back();
                f.key = parsed.get<std::string>();
                if (!f.keys.insert(f.key).second && duplicate && duplicate->empty()) *duplicate = path_of(frames);
                break;
            }
            case Json::parse_event_t::object_end:
            case Json::parse_event_t::array_end:
                frames.pop_back();
                element_done();
                break;
            case Json::parse_event_t::value:
                element_done();
                break;
        }
        return true;
    };
    return Json::parse(text.begin(), text.end(), track, allow_exceptions);
}

Json read_json_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputErrors({{"", path.string() + " is a directory, not a JSON file"}});
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputErrors({{"", "cannot read file " + path.string()}});
    std::stringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw InputErrors({{"", "error while reading " + path.string()}});
    std::string duplicate;
    Json doc;
    try {
        doc = parse_json_text(buf.str(), &duplicate);
    } catch (const Json::exception& e) {  // a syntax error, or a number no double holds (1e400)
        throw InputErrors({{"", path.string() + ": malformed JSON: " + e.what()}});
    }
    if (!duplicate.empty()) throw InputErrors({{duplicate, duplicate_key_message}});
    return doc;
}

void write_json_file(const std::filesystem::path& path, const Json& doc) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw InputErrors({{"", "cannot write " + path.string()}});  // a bad -o, not a bug
    out << doc.dump(2) << '\n';
    if (!out) throw std::runtime_error("error while writing " + path.string());
}

}  // namespace fsd
