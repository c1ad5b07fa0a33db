#include <charconv>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "fsd/model/problem.hpp"
#include "fsd/travel/rush_hour.hpp"

namespace fsd {
namespace {

using nlohmann::json;

// "HH:MM" from 00:00 to 24:00 as seconds after midnight.
std::optional<std::int32_t> clock_seconds(const std::string& text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    int h = 0, m = 0;
    if (std::from_chars(text.data(), text.data() + 2, h).ptr != text.data() + 2) return std::nullopt;
    if (std::from_chars(text.data() + 3, text.data() + 5, m).ptr != text.data() + 5) return std::nullopt;
    if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 3600 + m * 60;
}

}  // namespace

RushHourProfile rush_hour_profile_from_json(const json& doc) {
    std::vector<InputError> errors;
    std::vector<SpeedBand> bands;
    const auto bands_it = doc.is_object() ? doc.find("bands") : doc.end();
    if (!doc.is_object() || bands_it == doc.end() || !bands_it->is_array())
        throw InputErrors(
            std::vector<InputError>{{"bands", R"(expected {"bands": [{"from": "07:00", "to": "09:00", "speed_factor": 0.6}, ...]})"}});
    for (std::size_t i = 0; i < bands_it->size(); ++i) {
        const json& b = (*bands_it)[i];
        const std::string path = "bands[" + std::to_string(i) + "]";
        if (!b.is_object()) {
            errors.push_back({path, "expected an object with from, to and speed_factor"});
            continue;
        }
        SpeedBand band;
        bool ok = true;
        for (const auto& [key, value] : b.items())
            if (key != "from" && key != "to" && key != "speed_factor") errors.push_back({path + "." + key, "unknown field"}), ok = false;
        for (auto [key, field] : {std::pair{"from", &band.start_s}, std::pair{"to", &band.end_s}}) {
            const auto it = b.find(key);
            const auto s = it != b.end() && it->is_string() ? clock_seconds(it->get<std::string>()) : std::nullopt;
            if (s)
                *field = *s;
            else
                errors.push_back({path + "." + key, "expected a time of day \"HH:MM\" (00:00 to 24:00)"}), ok = false;
        }
        const auto f = b.find("speed_factor");
        if (f != b.end() && f->is_number())
            band.speed_factor = f->get<double>();
        else
            errors.push_back({path + ".speed_factor", "expected a number, e.g. 0.6 for 60 % of free-flow speed"}), ok = false;
        if (ok) bands.push_back(band);
    }
    if (errors.empty())
        if (auto why = RushHourProfile::problem_with(bands)) errors.push_back({"bands", *why});
    if (!errors.empty()) throw InputErrors(std::move(errors));
    return RushHourProfile(std::move(bands));
}

RushHourProfile load_rush_hour_profile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputErrors(std::vector<InputError>{{"", "cannot read file " + path.string()}});
    std::stringstream text;
    text << in.rdbuf();
    json doc;
    try {
        doc = json::parse(text.str());
    } catch (const json::parse_error& e) {
        throw InputErrors(std::vector<InputError>{{"", path.string() + ": malformed JSON: " + e.what()}});
    }
    try {
        return rush_hour_profile_from_json(doc);
    } catch (const InputErrors& e) {
        std::vector<InputError> located = e.errors();
        for (auto& err : located) err.path = path.string() + ": " + err.path;
        throw InputErrors(std::move(located));
    }
}

}  // namespace fsd
