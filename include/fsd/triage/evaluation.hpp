// Measures triage on labelled tickets: job-type accuracy (overall, per type, and among the
// confident), how many expected emergencies were elevated, and how many routine tickets were
// elevated by mistake. The figures docs/triage.md reports come from here.
#pragma once

#include <algorithm>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "fsd/triage/labelled_ticket.hpp"
#include "fsd/triage/triage.hpp"

namespace fsd::triage {

struct TypeScore {
    int tickets = 0;
    int correct = 0;             // the job type triage output (a safety rule may have set it)
    int classifier_correct = 0;  // the classifier's own top choice
    [[nodiscard]] double accuracy() const { return tickets ? static_cast<double>(correct) / tickets : 0.0; }
};

struct TriageEvaluation {
    int tickets = 0;
    int correct = 0;             // the job type triage output (a safety rule may have set it)
    int classifier_correct = 0;  // the classifier's own top choice
    int expected_emergencies = 0;
    int elevated_emergencies = 0;
    int routine = 0;  // tickets that should not be emergencies
    int falsely_elevated = 0;
    int needs_human = 0;
    int confident = 0;
    int correct_when_confident = 0;
    std::map<std::string, TypeScore> per_type;
    std::vector<std::string> missed_emergencies;  // the first few, for people to read
    std::vector<std::string> false_elevations;

    static double share(int part, int whole) { return whole ? static_cast<double>(part) / whole : 0.0; }
    [[nodiscard]] double accuracy() const { return share(correct, tickets); }
    [[nodiscard]] double classifier_accuracy() const { return share(classifier_correct, tickets); }
    [[nodiscard]] double emergency_recall() const { return share(elevated_emergencies, expected_emergencies); }
    [[nodiscard]] double false_elevation_rate() const { return share(falsely_elevated, routine); }
    [[nodiscard]] double needs_human_rate() const { return share(needs_human, tickets); }
    [[nodiscard]] double confident_accuracy() const { return share(correct_when_confident, confident); }
};

template <DurationEstimator Estimate = TypicalDuration>
TriageEvaluation evaluate_triage(const Triager& triager, std::span<const LabelledTicket> tickets, std::size_t examples = 10,
                                 const Estimate& estimate = {}) {
    TriageEvaluation e;
    for (const auto& t : tickets) {
        const TriageResult r = triager.triage(t.text, t.context, estimate);
        const bool right = r.job_type == t.job_type;
        ++e.tickets;
        e.correct += right;
        e.classifier_correct += !r.alternatives.empty() && r.alternatives.front().first == t.job_type;
        auto& score = e.per_type[t.job_type];
        ++score.tickets;
        score.correct += right;
        if (r.needs_human) {
            ++e.needs_human;
        } else {
            ++e.confident;
            e.correct_when_confident += right;
        }
        if (t.expect_emergency) {
            ++e.expected_emergencies;
            e.elevated_emergencies += r.elevated();
            if (!r.elevated() && e.missed_emergencies.size() < examples) e.missed_emergencies.push_back(t.text);
        } else {
            ++e.routine;
            e.falsely_elevated += r.elevated();
            if (r.elevated() && e.false_elevations.size() < examples)
                e.false_elevations.push_back(t.text + "  [" + t.job_type + " -> " + r.job_type + ", " + r.decided_by + "]");
        }
    }
    return e;
}

}  // namespace fsd::triage
