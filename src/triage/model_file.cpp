// Reading and writing the triage model file and labelled-ticket TSV files.
#include "fsd/triage/model_file.hpp"

#include <cmath>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "fsd/json/file.hpp"
#include "fsd/model/job_types.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::triage {
namespace {

using OJson = nlohmann::ordered_json;

// Four decimals keep probabilities identical to about 1e-3 and the file a third of the size.
double rounded(float w) {
    return std::round(static_cast<double>(w) * 1e4) / 1e4;
}

[[noreturn]] void fail(const std::string& path, const std::string& message) {
    throw InputErrors({{path, message}});
}

const OJson& member(const OJson& doc, const char* key, OJson::value_t type, const char* type_name) {
    const auto it = doc.find(key);
    if (it == doc.end()) fail(key, "missing");
    const bool ok = it->type() == type || (type == OJson::value_t::number_float && it->is_number()) ||
                    (type == OJson::value_t::number_unsigned && it->is_number_integer() && it->get<long long>() >= 0);
    if (!ok) fail(key, std::string("must be ") + type_name);
    return *it;
}

std::vector<float> floats(const OJson& array, const std::string& path, std::size_t expected) {
    if (!array.is_array() || array.size() != expected) fail(path, "must be an array of " + std::to_string(expected) + " numbers");
    std::vector<float> out;
    out.reserve(expected);
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (!array[i].is_number()) fail(path + "[" + std::to_string(i) + "]", "must be a number");
        out.push_back(array[i].get<float>());
    }
    return out;
}

}  // namespace

OJson classifier_to_json(const TicketClassifier& model) {
    OJson doc;
    doc["format"] = triage_model_format;
    const auto& fo = model.feature_options();
    doc["features"] = {
        {"bigrams", fo.bigrams}, {"min_count", fo.min_count}, {"char_ngram", fo.char_ngram}, {"mark_negation", fo.mark_negation}};
    doc["classes"] = model.classes();
    OJson vocab = OJson::array();
    for (const auto& [word, count] : model.vocabulary()) vocab.push_back({word, count});
    doc["vocabulary"] = std::move(vocab);
    doc["feature_names"] = model.features().names();
    OJson bias = OJson::array();
    for (Eigen::Index k = 0; k < model.bias().size(); ++k) bias.push_back(rounded(model.bias()(k)));
    doc["bias"] = std::move(bias);
    OJson weights = OJson::array();
    for (Eigen::Index k = 0; k < model.weights().rows(); ++k) {
        OJson row = OJson::array();
        for (Eigen::Index f = 0; f < model.weights().cols(); ++f) row.push_back(rounded(model.weights()(k, f)));
        weights.push_back(std::move(row));
    }
    doc["weights"] = std::move(weights);
    return doc;
}

TicketClassifier classifier_from_json(const OJson& doc) {
    if (!doc.is_object()) fail("", "a triage model must be a JSON object");
    const auto& format = member(doc, "format", OJson::value_t::string, "a string");
    if (format.get<std::string>() != triage_model_format)
        fail("format", "expected \"" + std::string(triage_model_format) + "\", found \"" + format.get<std::string>() + "\"");
    const auto& f = member(doc, "features", OJson::value_t::object, "an object");
    FeatureOptions fo;
    fo.bigrams = member(f, "bigrams", OJson::value_t::boolean, "true or false").get<bool>();
    fo.min_count = member(f, "min_count", OJson::value_t::number_unsigned, "a non-negative integer").get<int>();
    fo.char_ngram = member(f, "char_ngram", OJson::value_t::number_unsigned, "a non-negative integer").get<int>();
    fo.mark_negation = member(f, "mark_negation", OJson::value_t::boolean, "true or false").get<bool>();

    std::vector<std::string> classes;
    for (const auto& c : member(doc, "classes", OJson::value_t::array, "an array")) {
        if (!c.is_string() || !find_job_type(c.get<std::string>()))
            fail("classes", "every class must be a job type from the taxonomy, found " + c.dump());
        classes.push_back(c.get<std::string>());
    }
    if (classes.empty()) fail("classes", "must not be empty");
    std::vector<std::pair<std::string, double>> vocabulary;
    for (const auto& v : member(doc, "vocabulary", OJson::value_t::array, "an array")) {
        if (!v.is_array() || v.size() != 2 || !v[0].is_string() || !v[1].is_number()) fail("vocabulary", "entries must be [word, count]");
        vocabulary.emplace_back(v[0].get<std::string>(), v[1].get<double>());
    }
    std::vector<std::string> names;
    for (const auto& n : member(doc, "feature_names", OJson::value_t::array, "an array")) {
        if (!n.is_string()) fail("feature_names", "must be strings");
        names.push_back(n.get<std::string>());
    }
    const std::size_t k = classes.size();
    const std::size_t d = names.size();
    const auto bias = floats(member(doc, "bias", OJson::value_t::array, "an array"), "bias", k);
    const auto& rows = member(doc, "weights", OJson::value_t::array, "an array");
    if (rows.size() != k) fail("weights", "must have one row per class");
    Eigen::MatrixXf w(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(d));
    for (std::size_t i = 0; i < k; ++i) {
        const auto row = floats(rows[i], "weights[" + std::to_string(i) + "]", d);
        for (std::size_t j = 0; j < d; ++j) w(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = row[j];
    }
    Eigen::VectorXf b = Eigen::Map<const Eigen::VectorXf>(bias.data(), static_cast<Eigen::Index>(k));
    return TicketClassifier(std::move(classes), FeatureIndex(std::move(names)), std::move(w), std::move(b), std::move(vocabulary), fo);
}

void save_classifier(const std::filesystem::path& path, const TicketClassifier& model) {
    std::ofstream out(path);
    if (!out) throw InputErrors({{"", "cannot write " + path.string()}});
    out << classifier_to_json(model).dump() << '\n';
    if (!out) throw InputErrors({{"", "error while writing " + path.string()}});
}

TicketClassifier load_classifier(const std::filesystem::path& path) {
    const auto doc = read_json_file(path);  // its errors name the file already
    try {
        return classifier_from_json(doc);
    } catch (const InputErrors& e) {
        std::vector<InputError> errors = e.errors();
        for (auto& err : errors) err.path = path.string() + (err.path.empty() ? "" : ": " + err.path);
        throw InputErrors(std::move(errors));
    }
}

std::vector<LabelledTicket> load_labelled_tickets(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw InputErrors({{"", "cannot read " + path.string()}});
    std::vector<LabelledTicket> out;
    std::vector<InputError> errors;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        const std::string where = path.string() + ":" + std::to_string(number);
        if (tab == std::string::npos || tab + 1 >= line.size()) {
            errors.push_back({where, "expected job_type<TAB>text"});
            continue;
        }
        LabelledTicket t;
        t.job_type = line.substr(0, tab);
        t.text = line.substr(tab + 1);
        const auto type = find_job_type(t.job_type);
        if (!type) {
            errors.push_back({where, "unknown job type \"" + t.job_type + "\""});
            continue;
        }
        t.expect_emergency = job_types[*type].typical_urgency == Urgency::emergency;
        out.push_back(std::move(t));
    }
    if (!errors.empty()) throw InputErrors(std::move(errors));
    if (out.empty()) throw InputErrors({{path.string(), "no labelled tickets"}});
    return out;
}

void save_labelled_tickets(const std::filesystem::path& path, const std::vector<LabelledTicket>& tickets) {
    std::ofstream out(path);
    if (!out) throw InputErrors(std::vector<InputError>{{"", "cannot write " + path.string()}});
    out << "# job_type<TAB>ticket text\n";
    for (const auto& t : tickets) {
        std::string text = t.text;
        for (auto& c : text)
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        out << t.job_type << '\t' << text << '\n';
    }
    if (!out) throw InputErrors(std::vector<InputError>{{"", "error while writing " + path.string()}});
}

}  // namespace fsd::triage
