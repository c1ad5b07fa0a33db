// fsd triage: a ticket's text (and who lives there, and the weather) in; job type, requirements,
// urgency tier, duration and the reasons out. Also trains, saves and evaluates the classifier.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "fsd/duration/model_file.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/triage/evaluation.hpp"
#include "fsd/triage/fitted_duration.hpp"
#include "fsd/triage/model_file.hpp"
#include "fsd/triage/report.hpp"
#include "input_errors.hpp"
#include "output_path.hpp"
#include "triage_corpus/corpus.hpp"

namespace fsd::cli {
namespace {

using namespace fsd::triage;

struct TriageArgs {
    std::string text;
    std::string file;
    bool json = false;
    std::vector<std::string> vulnerable;
    std::optional<double> temp_c;
    std::string date;            // the day of the job, for the fitted duration model's month
    std::string model;           // load this model instead of training one
    std::string duration_model;  // a fitted model (fsd estimate fit); else typical durations
    std::string train_file;      // train on these labelled tickets instead of the built-in corpus
    std::string save_model;
    std::string export_corpus;  // PREFIX: write PREFIX-training.tsv and PREFIX-held-out.tsv
    bool evaluate = false;
    std::uint64_t seed = 1;
    double threshold = TriageOptions{}.confidence_threshold;
};

[[noreturn]] void bad_input(std::string message) {
    throw input_error("", std::move(message));
}

std::string read_text_file(const std::string& path) {
    if (std::filesystem::is_directory(path)) bad_input(path + " is a directory, not a ticket file");
    std::ifstream in(path);
    if (!in) bad_input("cannot read " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

// The ticket text, from TEXT or --file; blank text is an input error, not something to guess at.
std::string ticket_text(const TriageArgs& a) {
    if (a.file.empty()) {
        if (blank(a.text)) bad_input("the ticket TEXT is blank");
        return a.text;
    }
    std::string text = read_text_file(a.file);
    if (blank(text)) bad_input(a.file + ": the ticket file is empty or blank");
    return text;
}

TriageContext context_of(const TriageArgs& a) {
    TriageContext c;
    std::vector<InputError> errors;
    for (const auto& name : a.vulnerable) {
        if (auto v = parse_vulnerability(name))
            c.vulnerable.push_back(*v);
        else
            errors.push_back({"--vulnerable", fmt::format("unknown flag \"{}\" (use elderly, medical, infant, disabled, pregnant)", name)});
    }
    if (a.temp_c && !(*a.temp_c >= -90 && *a.temp_c <= 60))
        errors.push_back({"--temp-c", "expected an outdoor temperature in degrees Celsius, -90 to 60"});
    if (!a.date.empty()) {
        c.date = parse_date(a.date);
        if (!c.date) errors.push_back({"--date", date_error(a.date)});
    }
    if (!errors.empty()) throw InputErrors(std::move(errors));
    c.outdoor_temp_c = a.temp_c;
    return c;
}

// A loaded model, or one trained on the given tickets, or on the built-in training split.
TicketClassifier obtain_model(const TriageArgs& a) {
    if (!a.model.empty()) return load_classifier(a.model);
    if (!a.train_file.empty()) return TicketClassifier::train(load_labelled_tickets(a.train_file));
    return TicketClassifier::train(HeldOutExperiment{.seed = a.seed}.training());
}

int run_evaluation(const TriageArgs& a, const Triager& triager) {
    const auto held_out = HeldOutExperiment{.seed = a.seed}.held_out();
    const auto e = evaluate_triage(triager, held_out);
    if (a.json)
        fmt::print("{}\n", evaluation_to_json(e).dump(2));
    else
        fmt::print("{}", format_evaluation(e));
    return exit_ok;
}

void export_corpus(const TriageArgs& a) {
    const HeldOutExperiment experiment{.seed = a.seed};
    save_labelled_tickets(a.export_corpus + "-training.tsv", experiment.training());
    save_labelled_tickets(a.export_corpus + "-held-out.tsv", experiment.held_out());
    fmt::print(stderr, "wrote {0}-training.tsv and {0}-held-out.tsv\n", a.export_corpus);
}

// Checked before training: a bad path costs nothing.
void check_outputs(const TriageArgs& a) {
    if (!a.save_model.empty()) require_writable(a.save_model, "--save-model");
    if (!a.export_corpus.empty()) {
        require_writable(a.export_corpus + "-training.tsv", "--export-corpus");
        require_writable(a.export_corpus + "-held-out.tsv", "--export-corpus");
    }
}

void print_result(const TriageArgs& a, const TriageResult& r) {
    if (a.json)
        fmt::print("{}\n", result_to_json(r).dump(2));
    else
        fmt::print("{}", format_result(r));
}

int run(const TriageArgs& a) {
    const bool has_ticket = !a.text.empty() || !a.file.empty();
    const bool other_work = a.evaluate || !a.save_model.empty() || !a.export_corpus.empty();
    if (!has_ticket && !other_work) bad_input("give a ticket TEXT or --file F (or --evaluate, --save-model F, --export-corpus P)");
    if (!a.text.empty() && !a.file.empty()) bad_input("give either TEXT or --file, not both");
    // Every input is checked before the work starts.
    check_outputs(a);
    const TriageContext context = context_of(a);
    const std::string text = has_ticket ? ticket_text(a) : std::string();
    std::optional<DurationModel> duration_model;
    if (!a.duration_model.empty()) duration_model = load_duration_model(a.duration_model);
    if (!a.export_corpus.empty()) {
        export_corpus(a);
        if (!has_ticket && !a.evaluate && a.save_model.empty()) return exit_ok;
    }
    TriageOptions options;
    options.confidence_threshold = a.threshold;
    const Triager triager(obtain_model(a), options);
    if (!a.save_model.empty()) {
        save_classifier(a.save_model, triager.model());
        if (!a.json)
            fmt::print(stderr, "saved model to {} ({} classes, {} features)\n", a.save_model, triager.model().classes().size(),
                       triager.model().features().size());
    }
    if (a.evaluate) return run_evaluation(a, triager);
    if (!has_ticket) return exit_ok;
    print_result(a, duration_model ? triager.triage(text, context, FittedDuration{&*duration_model}) : triager.triage(text, context));
    return exit_ok;
}

const Register triage_command{
    {"triage", "Triage a ticket: job type, requirements, urgency tier, safety instruction and reasons", [](CLI::App& app) {
         auto a = std::make_shared<TriageArgs>();
         app.add_option("TEXT", a->text, "the ticket text");
         app.add_option("--file", a->file, "read the ticket text from this file");
         app.add_flag("--json", a->json, "print one JSON object");
         // One value per occurrence (comma lists allowed): the ticket text is never taken as a
         // flag.
         app.add_option("--vulnerable", a->vulnerable,
                        "vulnerable occupants, comma-separated: elderly, medical, infant, "
                        "disabled, pregnant")
             ->delimiter(',')
             ->allow_extra_args(false);
         app.add_option("--temp-c", a->temp_c, "outdoor temperature in degrees Celsius");
         app.add_option("--date", a->date, "day of the job, YYYY-MM-DD: the fitted duration model uses its month");
         app.add_option("--duration-model", a->duration_model,
                        "estimate the duration with this fitted model (fsd estimate fit) rather "
                        "than the type's typical one");
         app.add_option("--model", a->model, "load this model file instead of training on the built-in corpus");
         app.add_option("--train", a->train_file, "train on labelled tickets (job_type<TAB>text per line)");
         app.add_option("--save-model", a->save_model, "save the model to this file");
         app.add_option("--export-corpus", a->export_corpus, "write the built-in corpus to PREFIX-training.tsv and PREFIX-held-out.tsv");
         app.add_flag("--evaluate", a->evaluate, "measure accuracy and elevation on the built-in held-out split");
         app.add_option("--seed", a->seed, "seed of the built-in corpus")->capture_default_str();
         app.add_option("--threshold", a->threshold, "confidence below which a ticket needs a human")
             ->capture_default_str()
             ->check(number_in(0, 1));
         return std::function<int()>([a] { return run(*a); });
     }}};

}  // namespace
}  // namespace fsd::cli
