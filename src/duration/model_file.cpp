#include "fsd/duration/model_file.hpp"

#include <fstream>

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "fsd/json/file.hpp"
#include "fsd/json/reader.hpp"

namespace fsd {
namespace {

using json = nlohmann::ordered_json;
using json_input::index_path;
using json_input::key_path;

json quantiles_to_json(const LogQuantiles& q) {
    return json::array({q[0], q[1], q[2]});
}

json group_to_json(const EmpiricalGroup& g) {
    return {{"rows", g.rows}, {"raw", quantiles_to_json(g.raw)}, {"shrunk", quantiles_to_json(g.shrunk)}};
}

json vector_to_json(const Eigen::VectorXd& v) {
    json out = json::array();
    for (double x : v) out.push_back(x);
    return out;
}

// Reading: every defect is recorded with its path; the caller throws them all at the end.
class ModelReader : public json_input::JsonReader {
public:
    std::optional<std::vector<double>> numbers(const json& obj, std::string_view key, const std::string& path,
                                               std::optional<std::size_t> expected_size) {
        const json* a = array(obj, key, path, true);
        if (!a) return std::nullopt;
        const std::string at = key_path(path, key);
        if (expected_size && a->size() != *expected_size) {
            fail(at, "expected " + std::to_string(*expected_size) + " numbers, got " + std::to_string(a->size()));
            return std::nullopt;
        }
        std::vector<double> out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            auto v = number_value((*a)[i], index_path(at, i));
            if (!v) return std::nullopt;
            out.push_back(*v);
        }
        return out;
    }

    LogQuantiles quantiles(const json& obj, std::string_view key, const std::string& path) {
        LogQuantiles q{};
        if (auto v = numbers(obj, key, path, 3)) {
            std::copy(v->begin(), v->end(), q.begin());
            if (!(q[0] <= q[1] && q[1] <= q[2])) fail(key_path(path, key), "quantiles must be non-decreasing");
        }
        return q;
    }

    EmpiricalGroup group(const json& j, const std::string& path) {
        EmpiricalGroup g;
        if (!object(j, path, {"rows", "raw", "shrunk"})) return g;
        g.rows = count(j, "rows", path);
        g.raw = quantiles(j, "raw", path);
        g.shrunk = quantiles(j, "shrunk", path);
        return g;
    }

    std::size_t count(const json& obj, std::string_view key, const std::string& path) {
        const auto v = integer(obj, key, path, true);
        if (v && *v < 0) fail(key_path(path, key), "must not be negative");
        return v && *v >= 0 ? static_cast<std::size_t>(*v) : 0;
    }

    Date date(const json& obj, std::string_view key, const std::string& path) {
        const auto s = string(obj, key, path, true);
        if (!s) return {};
        const auto d = parse_date(*s);
        if (!d) fail(key_path(path, key), "expected a date YYYY-MM-DD");
        return d.value_or(Date{});
    }

    std::vector<std::string> names(const json& obj, std::string_view key, const std::string& path) {
        std::vector<std::string> out;
        const json* a = array(obj, key, path, true);
        if (!a) return out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            if ((*a)[i].is_string())
                out.push_back((*a)[i].get<std::string>());
            else
                fail(index_path(key_path(path, key), i), "expected a string");
        }
        return out;
    }
};

void read_job_types(ModelReader& r, const json& doc, DurationModel& m, std::size_t& groups) {
    const json* types = r.array(doc, "job_types", "", true);
    if (!types) return;
    for (std::size_t i = 0; i < types->size(); ++i) {
        const std::string path = index_path("job_types", i);
        const json& j = (*types)[i];
        if (!r.object(j, path, {"name", "trade", "rows", "regression_group"})) continue;
        DurationJobType jt;
        jt.name = r.string(j, "name", path, true).value_or("");
        const auto trade = r.string(j, "trade", path, true);
        const auto found = trade ? m.find_trade(*trade) : std::nullopt;
        if (trade && !found) r.fail(key_path(path, "trade"), "unknown trade '" + *trade + "'");
        jt.trade = found.value_or(0);
        jt.rows = r.count(j, "rows", path);
        const auto g = r.integer(j, "regression_group", path, true);
        jt.regression_group = static_cast<std::int32_t>(g.value_or(-1));
        if (g && (*g < -1 || *g >= static_cast<std::int64_t>(types->size()))) r.fail(key_path(path, "regression_group"), "out of range");
        groups = std::max(groups, static_cast<std::size_t>(jt.regression_group + 1));
        m.job_types.push_back(std::move(jt));
    }
}

void read_regression(ModelReader& r, const json& doc, DurationModel& m, std::size_t groups) {
    const json* reg = r.field(doc, "regression", "", true);
    if (!reg || !r.object(*reg, "regression", {"p50", "p75", "p90"})) return;
    for (std::size_t q = 0; q < 3; ++q) {
        const std::string name(quantile_names[q]);
        const json* part = r.field(*reg, name, "regression", true);
        const std::string path = key_path("regression", name);
        if (!part || !r.object(*part, path, {"intercepts", "slopes"})) continue;
        const auto a = r.numbers(*part, "intercepts", path, groups);
        const auto b = r.numbers(*part, "slopes", path, m.feature_count());
        if (a) m.regression[q].intercepts = Eigen::Map<const Eigen::VectorXd>(a->data(), static_cast<Eigen::Index>(a->size()));
        if (b) m.regression[q].slopes = Eigen::Map<const Eigen::VectorXd>(b->data(), static_cast<Eigen::Index>(b->size()));
    }
}

void read_empirical(ModelReader& r, const json& doc, DurationModel& m) {
    const json* emp = r.field(doc, "empirical", "", true);
    if (!emp || !r.object(*emp, "empirical", {"prior_rows", "all", "trades", "job_types"})) return;
    m.empirical.prior_rows = r.number(*emp, "prior_rows", "empirical", true).value_or(0);
    if (const json* all = r.field(*emp, "all", "empirical", true)) m.empirical.all = r.group(*all, "empirical.all");
    auto groups = [&](std::string_view key, std::size_t expected, std::vector<EmpiricalGroup>& out) {
        const json* a = r.array(*emp, key, "empirical", true);
        const std::string path = key_path("empirical", key);
        if (!a) return;
        if (a->size() != expected) r.fail(path, "expected " + std::to_string(expected) + " groups");
        for (std::size_t i = 0; i < a->size(); ++i) out.push_back(r.group((*a)[i], index_path(path, i)));
    };
    groups("trades", m.trades.size(), m.empirical.trades);
    groups("job_types", m.job_types.size(), m.empirical.job_types);
}

void read_technicians(ModelReader& r, const json& doc, DurationModel& m) {
    const json* techs = r.field(doc, "technicians", "", true);
    if (!techs || !r.object(*techs, "technicians", {"prior_jobs", "factors"})) return;
    m.technician_factors.prior_jobs = r.number(*techs, "prior_jobs", "technicians", true).value_or(0);
    const json* list = r.array(*techs, "factors", "technicians", true);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = index_path("technicians.factors", i);
        const json& j = (*list)[i];
        if (!r.object(j, path, {"id", "factor", "raw_factor", "jobs"})) continue;
        m.technicians.push_back(r.string(j, "id", path, true).value_or(""));
        TechnicianFactor f;
        f.factor = r.number(j, "factor", path, true).value_or(1.0);
        f.raw_factor = r.number(j, "raw_factor", path, true).value_or(1.0);
        f.jobs = r.count(j, "jobs", path);
        // The fit clamps factors to this range; a file outside it was not written by the fit.
        const TechnicianFactorOptions clamp;
        if (!(f.factor >= clamp.min_factor && f.factor <= clamp.max_factor))
            r.fail(key_path(path, "factor"),
                   fmt::format("must be within {:g}-{:g}, got {:g}", clamp.min_factor, clamp.max_factor, f.factor));
        m.technician_factors.factors.push_back(f);
    }
}

}  // namespace

json duration_model_to_json(const DurationModel& m) {
    json doc;
    doc["format"] = duration_model_format;
    doc["training"] = {{"rows", m.training_rows}, {"first_day", format_date(m.first_day)}, {"last_day", format_date(m.last_day)}};
    doc["trades"] = m.trades;
    doc["imputation"] = {{"equipment_age_years", m.imputation.equipment_age_years},
                         {"commercial_share", m.imputation.commercial_share},
                         {"follow_up_share", m.imputation.follow_up_share},
                         {"equipment_age_min", m.imputation.equipment_age_min},
                         {"equipment_age_max", m.imputation.equipment_age_max}};
    doc["features"] = FeatureEncoder::names(m.trades);
    json types = json::array();
    for (const auto& jt : m.job_types)
        types.push_back({{"name", jt.name}, {"trade", m.trades[jt.trade]}, {"rows", jt.rows}, {"regression_group", jt.regression_group}});
    doc["job_types"] = std::move(types);
    json trades = json::array(), type_groups = json::array();
    for (const auto& g : m.empirical.trades) trades.push_back(group_to_json(g));
    for (const auto& g : m.empirical.job_types) type_groups.push_back(group_to_json(g));
    doc["empirical"] = {{"prior_rows", m.empirical.prior_rows},
                        {"all", group_to_json(m.empirical.all)},
                        {"trades", std::move(trades)},
                        {"job_types", std::move(type_groups)}};
    json reg;
    for (std::size_t q = 0; q < 3; ++q)
        reg[std::string(quantile_names[q])] = {{"intercepts", vector_to_json(m.regression[q].intercepts)},
                                               {"slopes", vector_to_json(m.regression[q].slopes)}};
    doc["regression"] = std::move(reg);
    json factors = json::array();
    for (std::size_t t = 0; t < m.technicians.size(); ++t) {
        const auto& f = m.technician_factors.factors[t];
        factors.push_back({{"id", m.technicians[t]}, {"factor", f.factor}, {"raw_factor", f.raw_factor}, {"jobs", f.jobs}});
    }
    doc["technicians"] = {{"prior_jobs", m.technician_factors.prior_jobs}, {"factors", std::move(factors)}};
    return doc;
}

DurationModel duration_model_from_json(const json& doc) {
    ModelReader r;
    DurationModel m;
    if (!r.object(doc, "",
                  {"format", "training", "trades", "imputation", "features", "job_types", "empirical", "regression", "technicians"}))
        throw InputErrors(std::move(r.errors));
    const auto format = r.string(doc, "format", "", true);
    if (format && *format != duration_model_format)
        throw InputErrors({{"format", "expected \"" + std::string(duration_model_format) + "\", got \"" + *format + "\""}});
    if (const json* t = r.field(doc, "training", "", true); t && r.object(*t, "training", {"rows", "first_day", "last_day"})) {
        m.training_rows = r.count(*t, "rows", "training");
        m.first_day = r.date(*t, "first_day", "training");
        m.last_day = r.date(*t, "last_day", "training");
    }
    m.trades = r.names(doc, "trades", "");
    if (const json* i = r.field(doc, "imputation", "", true);
        i && r.object(*i, "imputation",
                      {"equipment_age_years", "commercial_share", "follow_up_share", "equipment_age_min", "equipment_age_max"})) {
        m.imputation.equipment_age_years = r.number(*i, "equipment_age_years", "imputation", true).value_or(10);
        m.imputation.commercial_share = r.number(*i, "commercial_share", "imputation", true).value_or(0);
        m.imputation.follow_up_share = r.number(*i, "follow_up_share", "imputation", true).value_or(0);
        m.imputation.equipment_age_min = r.number(*i, "equipment_age_min", "imputation", true).value_or(0);
        m.imputation.equipment_age_max = r.number(*i, "equipment_age_max", "imputation", true).value_or(0);
        if (m.imputation.equipment_age_min > m.imputation.equipment_age_max)
            r.fail("imputation.equipment_age_max", "must not be below equipment_age_min");
    }
    if (r.names(doc, "features", "") != FeatureEncoder::names(m.trades))
        r.fail("features", "do not match this version's feature layout for these trades");
    std::size_t groups = 0;
    read_job_types(r, doc, m, groups);
    read_empirical(r, doc, m);
    read_regression(r, doc, m, groups);
    read_technicians(r, doc, m);
    if (!r.errors.empty()) throw InputErrors(std::move(r.errors));
    m.index();
    return m;
}

void save_duration_model(const DurationModel& model, const std::filesystem::path& path) {
    write_json_file(path, duration_model_to_json(model));
}

DurationModel load_duration_model(const std::filesystem::path& path) {
    try {
        return duration_model_from_json(read_json_file(path));
    } catch (const InputErrors& e) {
        std::vector<InputError> errors = e.errors();
        // read_json_file's own errors already name the file (and have no path).
        for (auto& err : errors)
            if (!err.path.empty()) err.path = path.string() + ": " + err.path;
        throw InputErrors(std::move(errors));
    }
}

}  // namespace fsd
