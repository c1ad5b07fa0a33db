// The match-records file: {"format": "fsd-match-records/1", "technicians": {ID: {
// "first_time_fix": {JOB_TYPE: {"jobs": N, "fixed_first_time": M}}, "customers": {ID: VISITS}}}}.
#include "fsd/io/match_records.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "fsd/json/reader.hpp"

namespace fsd {
namespace {

using json_input::json;
using json_input::JsonReader;
using json_input::key_path;

std::optional<int> count(JsonReader& r, const json& v, const std::string& path) {
    if (!v.is_number_integer()) {
        r.fail(path, std::string("expected a whole number, got ") + json_input::type_name(v));
        return std::nullopt;
    }
    const auto n = v.get<std::int64_t>();
    if (n < 0 || n > 1'000'000'000) {
        r.fail(path, "must be between 0 and 1000000000");
        return std::nullopt;
    }
    return static_cast<int>(n);
}

// An object keyed by names the file chooses (job types, customer ids): any key is allowed.
bool keyed_object(JsonReader& r, const json& v, const std::string& path) {
    if (v.is_object()) return true;
    r.fail(path, std::string("expected an object, got ") + json_input::type_name(v));
    return false;
}

std::optional<TechnicianIndex> technician_by_id(const Problem& problem, const std::string& id) {
    for (TechnicianIndex t : problem.technicians.indices())
        if (problem.technicians[t].id == id) return t;
    return std::nullopt;
}

void read_first_time_fix(JsonReader& r, const json& by_type, const std::string& path, matching::TechnicianRecord& out) {
    if (!keyed_object(r, by_type, path)) return;
    for (const auto& [type, v] : by_type.items()) {
        const std::string p = key_path(path, type);
        if (!r.object(v, p, {"jobs", "fixed_first_time"})) continue;
        const json* jobs = r.field(v, "jobs", p, true);
        const json* fixed = r.field(v, "fixed_first_time", p, true);
        if (!jobs || !fixed) continue;
        const auto n = count(r, *jobs, key_path(p, "jobs"));
        const auto f = count(r, *fixed, key_path(p, "fixed_first_time"));
        if (!n || !f) continue;
        if (*f > *n) {
            r.fail(key_path(p, "fixed_first_time"), "is more than jobs");
            continue;
        }
        out.first_time_fix[type] = {*n, *f};
    }
}

void read_customers(JsonReader& r, const json& by_customer, const std::string& path, matching::TechnicianRecord& out) {
    if (!keyed_object(r, by_customer, path)) return;
    for (const auto& [customer, v] : by_customer.items())
        if (const auto n = count(r, v, key_path(path, customer))) out.visits[customer] = *n;
}

}  // namespace

std::vector<matching::TechnicianRecord> match_records_from_json(const Json& doc, const Problem& problem) {
    JsonReader r;
    PerTechnician<matching::TechnicianRecord> records(problem.technicians.size());
    if (!r.object(doc, "", {"format", "technicians"})) throw InputErrors(std::move(r.errors));
    if (const auto format = r.string(doc, "format", "", true); format && *format != match_records_format)
        r.fail("format", "expected \"" + std::string(match_records_format) + "\", got \"" + *format + "\"");
    const json* techs = r.field(doc, "technicians", "", true);
    if (techs && keyed_object(r, *techs, "technicians"))
        for (const auto& [id, v] : techs->items()) {
            const std::string path = key_path("technicians", id);
            const auto t = technician_by_id(problem, id);
            if (!t) {
                r.fail(path, "no technician \"" + id + "\" in the problem");
                continue;
            }
            if (!r.object(v, path, {"first_time_fix", "customers"})) continue;
            if (const json* f = r.field(v, "first_time_fix", path, false))
                read_first_time_fix(r, *f, key_path(path, "first_time_fix"), records[*t]);
            if (const json* c = r.field(v, "customers", path, false)) read_customers(r, *c, key_path(path, "customers"), records[*t]);
        }
    if (!r.errors.empty()) throw InputErrors(std::move(r.errors));
    return records;
}

std::vector<matching::TechnicianRecord> load_match_records(const std::filesystem::path& path, const Problem& problem) {
    const Json doc = read_json_file(path);  // its errors name the file already
    try {
        return match_records_from_json(doc, problem);
    } catch (const InputErrors& e) {
        std::vector<InputError> errors = e.errors();
        for (auto& err : errors) err.path = path.string() + (err.path.empty() ? "" : ": " + err.path);
        throw InputErrors(std::move(errors));
    }
}

}  // namespace fsd
