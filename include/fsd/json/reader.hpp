// Typed access to the fields of a JSON document that records every defect with its JSON path
// instead of stopping at the first, so a user sees all defects of a file at once. Shared by the
// readers of every fsd file format (problems, plans, duration models, match records).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "fsd/model/calendar.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::json_input {

using json = nlohmann::ordered_json;

std::string index_path(const std::string& base, std::size_t i);
std::string key_path(const std::string& base, std::string_view key);
// "an object", "a string", ...: how messages name the JSON type that was found.
const char* type_name(const json& j);

class JsonReader {
public:
    std::vector<InputError> errors;
    std::optional<Date> horizon_start;  // set once the horizon is read; enables ISO times

    void fail(std::string path, std::string message);

    // True when `j` is an object; reports keys not in `known` (keys starting "x-" are
    // extensions and ignored).
    bool object(const json& j, const std::string& path, std::initializer_list<std::string_view> known);
    const json* field(const json& obj, std::string_view key, const std::string& path, bool required);
    const json* array(const json& obj, std::string_view key, const std::string& path, bool required);

    std::optional<std::string> string(const json& obj, std::string_view key, const std::string& path, bool required);
    std::optional<double> number_value(const json& v, const std::string& path);
    std::optional<double> number(const json& obj, std::string_view key, const std::string& path, bool required);
    std::optional<std::int64_t> integer(const json& obj, std::string_view key, const std::string& path, bool required);
    std::optional<bool> boolean(const json& obj, std::string_view key, const std::string& path, bool required);

    // A time: "YYYY-MM-DDTHH:MM[:SS]" local time (needs horizon.start_date) or integer seconds
    // from the horizon start.
    std::optional<TimePoint> time_value(const json& v, const std::string& path);
    std::optional<TimePoint> time(const json& obj, std::string_view key, const std::string& path, bool required);

    // Durations are minutes in the file (fractions allowed), seconds inside.
    std::optional<Duration> minutes_value(const json& v, const std::string& path);
    std::optional<Duration> minutes(const json& obj, std::string_view key, const std::string& path, bool required);

    std::optional<TimeWindow> window(const json& j, const std::string& path);

private:
    const json* typed_field(const json& obj, std::string_view key, const std::string& path, bool required,
                            bool (json::*is)() const noexcept, const char* expected);
};

}  // namespace fsd::json_input
