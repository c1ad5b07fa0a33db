// fsd-bench-triage: the triage figures of docs/triage.md in one command. For each seed it
// generates the training and held-out ticket splits, trains the classifier, and reports job-type
// accuracy, emergency recall, false elevation and timings on the held-out split.
//   fsd-bench-triage [--seeds N] [--per-type N] [--held-out-per-type N] [--verbose]
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/core.h>

#include "fsd/triage/evaluation.hpp"
#include "fsd/triage/report.hpp"
#include "triage_corpus/corpus.hpp"

namespace bench_triage {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Args {
    int seeds = 3;
    int per_type = fsd::triage::HeldOutExperiment{}.training_per_type;
    int held_out_per_type = fsd::triage::HeldOutExperiment{}.held_out_per_type;
    bool verbose = false;
};

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        auto number = [&](const char* flag) {
            if (i + 1 >= argc) {
                fmt::print(stderr, "{} needs a number\n", flag);
                std::exit(2);
            }
            return std::atoi(argv[++i]);
        };
        if (!std::strcmp(argv[i], "--seeds"))
            a.seeds = number("--seeds");
        else if (!std::strcmp(argv[i], "--per-type"))
            a.per_type = number("--per-type");
        else if (!std::strcmp(argv[i], "--held-out-per-type"))
            a.held_out_per_type = number("--held-out-per-type");
        else if (!std::strcmp(argv[i], "--verbose"))
            a.verbose = true;
        else {
            fmt::print(stderr,
                       "usage: fsd-bench-triage [--seeds N] [--per-type N] [--held-out-per-type N] "
                       "[--verbose]\n");
            std::exit(2);
        }
    }
    if (a.seeds < 1 || a.per_type < 1 || a.held_out_per_type < 1) {
        fmt::print(stderr, "counts must be positive\n");
        std::exit(2);
    }
    return a;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace fsd::triage;
    const Args args = parse(argc, argv);
    fmt::print("{:>4} {:>9} {:>11} {:>9} {:>10} {:>10} {:>10} {:>10} {:>8} {:>10}\n", "seed", "accuracy", "classifier", "recall",
               "false-elev", "needs-hum", "acc-conf", "train (s)", "tickets", "us/ticket");
    for (int seed = 1; seed <= args.seeds; ++seed) {
        const HeldOutExperiment experiment{static_cast<std::uint64_t>(seed), args.per_type, args.held_out_per_type};
        const auto training = experiment.training();
        const auto held_out = experiment.held_out();
        auto start = Clock::now();
        const Triager triager(TicketClassifier::train(training));
        const double train_s = seconds_since(start);
        start = Clock::now();
        const TriageEvaluation e = evaluate_triage(triager, held_out);
        const double per_ticket_us = 1e6 * seconds_since(start) / static_cast<double>(held_out.size());
        fmt::print(
            "{:>4} {:>8.1f}% {:>10.1f}% {:>8.1f}% {:>9.2f}% {:>9.1f}% {:>9.1f}% {:>10.2f} {:>8} "
            "{:>10.0f}\n",
            seed, 100 * e.accuracy(), 100 * e.classifier_accuracy(), 100 * e.emergency_recall(), 100 * e.false_elevation_rate(),
            100 * e.needs_human_rate(), 100 * e.confident_accuracy(), train_s, e.tickets, per_ticket_us);
        if (args.verbose) fmt::print("\n{}\n", format_evaluation(e));
    }
    return 0;
}

}  // namespace bench_triage
