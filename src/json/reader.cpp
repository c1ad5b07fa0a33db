#include "fsd/json/reader.hpp"

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

namespace fsd::json_input {

std::string index_path(const std::string& base, std::size_t i) {
    return base + "[" + std::to_string(i) + "]";
}

std::string key_path(const std::string& base, std::string_view key) {
    return base.empty() ? std::string(key) : base + "." + std::string(key);
}

const char* type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::object:
            return "an object";
        case json::value_t::array:
            return "an array";
        case json::value_t::string:
            return "a string";
        case json::value_t::boolean:
            return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            return "an integer";
        case json::value_t::number_float:
            return "a number";
        default:
            return "something else";
    }
}

void JsonReader::fail(std::string path, std::string message) {
    errors.push_back({std::move(path), std::move(message)});
}

bool JsonReader::object(const json& j, const std::string& path, std::initializer_list<std::string_view> known) {
    if (!j.is_object()) {
        fail(path, std::string("expected an object, got ") + type_name(j));
        return false;
    }
    for (const auto& [key, value] : j.items()) {
        if (key.rfind("x-", 0) == 0) continue;
        bool ok = false;
        for (auto k : known) ok = ok || k == key;
        if (!ok) fail(key_path(path, key), "unknown field");
    }
    return true;
}

const json* JsonReader::field(const json& obj, std::string_view key, const std::string& path, bool required) {
    auto it = obj.find(std::string(key));
    if (it == obj.end()) {
        if (required) fail(key_path(path, key), "missing required field");
        return nullptr;
    }
    return &*it;
}

// The field when it is present and of the JSON type `is` tests for; otherwise nullptr, with a
// message naming what was `expected` when the field is there but of another type.
const json* JsonReader::typed_field(const json& obj, std::string_view key, const std::string& path, bool required,
                                    bool (json::*is)() const noexcept, const char* expected) {
    const json* v = field(obj, key, path, required);
    if (v && !(v->*is)()) {
        fail(key_path(path, key), std::string("expected ") + expected + ", got " + type_name(*v));
        return nullptr;
    }
    return v;
}

const json* JsonReader::array(const json& obj, std::string_view key, const std::string& path, bool required) {
    return typed_field(obj, key, path, required, &json::is_array, "an array");
}

std::optional<std::string> JsonReader::string(const json& obj, std::string_view key, const std::string& path, bool required) {
    const json* v = typed_field(obj, key, path, required, &json::is_string, "a string");
    return v ? std::optional(v->get<std::string>()) : std::nullopt;
}

std::optional<double> JsonReader::number_value(const json& v, const std::string& path) {
    if (!v.is_number()) {
        fail(path, std::string("expected a number, got ") + type_name(v));
        return std::nullopt;
    }
    const double d = v.get<double>();
    if (!std::isfinite(d)) {
        fail(path, "must be a finite number");
        return std::nullopt;
    }
    return d;
}

std::optional<double> JsonReader::number(const json& obj, std::string_view key, const std::string& path, bool required) {
    const json* v = field(obj, key, path, required);
    return v ? number_value(*v, key_path(path, key)) : std::nullopt;
}

std::optional<std::int64_t> JsonReader::integer(const json& obj, std::string_view key, const std::string& path, bool required) {
    const json* v = typed_field(obj, key, path, required, &json::is_number_integer, "an integer");
    if (v && v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        fail(key_path(path, key), "is out of range");  // it would read as a negative number
        return std::nullopt;
    }
    return v ? std::optional(v->get<std::int64_t>()) : std::nullopt;
}

std::optional<bool> JsonReader::boolean(const json& obj, std::string_view key, const std::string& path, bool required) {
    const json* v = typed_field(obj, key, path, required, &json::is_boolean, "true or false");
    return v ? std::optional(v->get<bool>()) : std::nullopt;
}

std::optional<TimePoint> JsonReader::time_value(const json& v, const std::string& path) {
    if (v.is_number_integer()) return TimePoint(v.get<std::int64_t>());
    if (v.is_string()) {
        if (!horizon_start) {
            fail(path, "a date-time needs horizon.start_date; otherwise give seconds from horizon start");
            return std::nullopt;
        }
        auto t = parse_local_time(v.get<std::string>(), *horizon_start);
        if (!t) fail(path, "\"" + v.get<std::string>() + "\" is not a time of the form YYYY-MM-DDTHH:MM[:SS]");
        return t;
    }
    fail(path, std::string("expected a time (ISO local date-time or integer seconds), got ") + type_name(v));
    return std::nullopt;
}

std::optional<TimePoint> JsonReader::time(const json& obj, std::string_view key, const std::string& path, bool required) {
    const json* v = field(obj, key, path, required);
    return v ? time_value(*v, key_path(path, key)) : std::nullopt;
}

std::optional<Duration> JsonReader::minutes_value(const json& v, const std::string& path) {
    auto m = number_value(v, path);
    if (!m) return std::nullopt;
    if (std::fabs(*m) > 1e9) {
        fail(path, "is out of range");
        return std::nullopt;
    }
    return Duration(std::llround(*m * 60.0));
}

std::optional<Duration> JsonReader::minutes(const json& obj, std::string_view key, const std::string& path, bool required) {
    const json* v = field(obj, key, path, required);
    return v ? minutes_value(*v, key_path(path, key)) : std::nullopt;
}

std::optional<TimeWindow> JsonReader::window(const json& j, const std::string& path) {
    if (!object(j, path, {"start", "end"})) return std::nullopt;
    auto s = time(j, "start", path, true);
    auto e = time(j, "end", path, true);
    if (!s || !e) return std::nullopt;
    return TimeWindow{*s, *e};
}

}  // namespace fsd::json_input
