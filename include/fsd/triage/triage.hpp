// Triage: ticket text and context in, a structured job out (job type, requirements, urgency
// tier, duration, explanation). The safety rules run first and always win; the classifier names
// the job type otherwise, and below a confidence threshold the ticket needs a human. Every
// emergency carries a safety instruction.
#pragma once

#include <algorithm>
#include <cassert>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "fsd/model/job.hpp"
#include "fsd/model/job_types.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/triage/classifier.hpp"
#include "fsd/triage/context.hpp"
#include "fsd/triage/duration_estimate.hpp"
#include "fsd/triage/safety_rules.hpp"
#include "fsd/triage/urgency_cues.hpp"
#include "fsd/triage/work_intent.hpp"

namespace fsd::triage {

struct TriageOptions {
    // Below this classifier probability (and with no safety rule) the ticket needs a human.
    double confidence_threshold = 0.4;
    // With no safety rule, the classifier alone makes an emergency only at or above this
    // probability (and never for planned work: "install a CO alarm"); between the two
    // thresholds an emergency job type is same-day and needs a human now.
    double classifier_emergency_threshold = 0.9;
    SafetyOptions safety;
    bool timing_cues = true;  // let "asap" / "no rush" move same-day <-> scheduled
};

struct TriageResult {
    std::string job_type;  // a name from job_types.hpp
    const JobTypeSpec* spec = nullptr;
    Urgency urgency = Urgency::scheduled;
    DurationQuantiles duration;
    double confidence = 0;     // classifier probability of job_type; 1 when a safety rule set it
    bool needs_human = false;  // low confidence and no safety rule
    std::string decided_by;    // "safety rule gas-smell" or "classifier"
    std::vector<std::string> reasons;
    std::optional<std::string> safety_instruction;
    std::vector<SafetyHit> safety_hits;
    std::vector<std::pair<std::string, double>> alternatives;  // the classifier's top three

    [[nodiscard]] bool elevated() const { return urgency == Urgency::emergency; }
};

namespace detail {

// Job types that fix a loss of heat, or of cooling: what the weather rules are about.
inline bool heating_fault(std::string_view type) {
    return type == "boiler-repair" || type == "furnace-repair" || type == "heat-pump-service";
}
inline bool cooling_fault(std::string_view type) {
    return type == "ac-repair" || type == "heat-pump-service";
}

// For the weather rules, which do not name a job type: keep the classifier's if it fits the
// complaint, else the most common job for it.
inline std::string_view weather_job_type(SafetyRule rule, std::string_view classified) {
    if (rule == SafetyRule::no_heat_vulnerable) return heating_fault(classified) ? classified : "boiler-repair";
    return cooling_fault(classified) ? classified : "ac-repair";
}

inline std::string join_instructions(const std::vector<SafetyHit>& hits) {
    std::string out;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        bool seen = false;
        for (std::size_t j = 0; j < i; ++j) seen = seen || info(hits[j].rule).instruction == info(hits[i].rule).instruction;
        if (!seen) out += (out.empty() ? "" : " ") + std::string(info(hits[i].rule).instruction);
    }
    return out;
}

inline std::string quoted_features(const std::vector<TicketClassifier::Contribution>& c) {
    std::string out;
    for (const auto& x : c) out += (out.empty() ? "'" : ", '") + x.feature + "'";
    return out;
}

}  // namespace detail

class Triager {
public:
    // Throws std::invalid_argument when the model knows a class outside the job-type taxonomy.
    explicit Triager(TicketClassifier model, TriageOptions options = {}) : model_(std::move(model)), options_(options) {
        if (model_.classes().empty()) throw std::invalid_argument("the triage model has no classes");
        for (const auto& c : model_.classes())
            if (!find_job_type(c)) throw std::invalid_argument("the triage model's class \"" + c + "\" is not a job type");
    }

    [[nodiscard]] const TicketClassifier& model() const { return model_; }
    [[nodiscard]] const TriageOptions& options() const { return options_; }

    template <DurationEstimator Estimate = TypicalDuration>
    [[nodiscard]] TriageResult triage(std::string_view text, const TriageContext& context, const Estimate& estimate = {}) const {
        const TicketText t = model_.read(text);
        TriageResult r;
        const auto ranked = rank(t);
        r.alternatives.assign(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(3, ranked.size())));
        const SafetyAssessment safety = check_safety(t, context, options_.safety);
        r.safety_hits = safety.hits;
        choose_job_type(t, ranked, safety, r);
        r.spec = &job_types[*find_job_type(r.job_type)];
        choose_urgency(t, safety, r);
        weather_watch(safety, context, r);
        r.duration = estimate(*r.spec, context);
        for (const auto& note : safety.notes) r.reasons.push_back("note: " + note);
        attach_instruction(t, safety, r);
        return r;
    }

private:
    // Classes by classifier probability, best first.
    [[nodiscard]] std::vector<std::pair<std::string, double>> rank(const TicketText& t) const {
        const Eigen::VectorXf p = model_.probabilities(t);
        std::vector<std::pair<std::string, double>> out;
        for (Eigen::Index i = 0; i < p.size(); ++i) out.emplace_back(model_.classes()[static_cast<std::size_t>(i)], p(i));
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        return out;
    }

    [[nodiscard]] double probability_of(const std::vector<std::pair<std::string, double>>& ranked, std::string_view type) const {
        for (const auto& [name, p] : ranked)
            if (name == type) return p;
        return 0.0;
    }

    void choose_job_type(const TicketText& t, const std::vector<std::pair<std::string, double>>& ranked, const SafetyAssessment& safety,
                         TriageResult& r) const {
        assert(!ranked.empty());
        const auto& [top, top_p] = ranked.front();
        const auto cls =
            static_cast<std::size_t>(std::find(model_.classes().begin(), model_.classes().end(), top) - model_.classes().begin());
        const std::string model_view =
            fmt::format("classifier: {} (p={:.2f}; words {})", top, top_p, detail::quoted_features(model_.explain(t, cls, 3)));
        for (const auto& hit : safety.hits) r.reasons.push_back(fmt::format("safety rule {}: {}", info(hit.rule).code, hit.why));
        if (!safety.elevated()) {
            r.job_type = top;
            r.confidence = top_p;
            r.decided_by = "classifier";
            r.reasons.push_back(model_view);
            r.needs_human = top_p < options_.confidence_threshold;
            if (r.needs_human)
                r.reasons.push_back(fmt::format("needs a human: confidence {:.2f} is below {:.2f}; next best {}", top_p,
                                                options_.confidence_threshold, ranked.size() > 1 ? ranked[1].first : std::string("none")));
            return;
        }
        const SafetyHit& first = safety.hits.front();
        const auto implied = info(first.rule).job_type;
        r.decided_by = fmt::format("safety rule {}", info(first.rule).code);
        if (!implied.empty()) {
            r.job_type = std::string(implied);
            r.confidence = 1.0;
        } else {
            r.job_type = std::string(detail::weather_job_type(first.rule, top));
            r.confidence = probability_of(ranked, r.job_type);
        }
        if (r.job_type != top || implied.empty()) r.reasons.push_back(model_view);
    }

    void choose_urgency(const TicketText& t, const SafetyAssessment& safety, TriageResult& r) const {
        if (safety.elevated()) {
            r.urgency = Urgency::emergency;
            return;
        }
        r.urgency = r.spec->typical_urgency;
        if (r.urgency == Urgency::emergency) {
            classifier_emergency(t, r);
            return;
        }
        const auto cue = options_.timing_cues ? timing_cue(t) : std::nullopt;
        if (cue && cue->cue == TimingCue::sooner && r.urgency == Urgency::scheduled) {
            r.urgency = Urgency::same_day;
            r.reasons.push_back(fmt::format("urgency same-day: the ticket says '{}'", cue->words));
        } else if (cue && cue->cue == TimingCue::later && r.urgency == Urgency::same_day) {
            r.urgency = Urgency::scheduled;
            r.reasons.push_back(fmt::format("urgency scheduled: the ticket says '{}'", cue->words));
        } else {
            r.reasons.push_back(fmt::format("urgency {}: typical for {}", to_string(r.urgency), r.spec->title));
        }
    }

    // An emergency job type named by the classifier with no safety rule behind it. Planned work
    // ("install a CO alarm", "move the gas meter") is scheduled and a human picks the job type;
    // otherwise only a very confident classifier elevates, and an unsure "maybe a gas leak" goes
    // to a human now rather than dispatching blind.
    void classifier_emergency(const TicketText& t, TriageResult& r) const {
        if (const auto planned = planned_work_intent(t)) {
            r.urgency = Urgency::scheduled;
            r.needs_human = true;
            r.reasons.push_back(
                fmt::format("urgency scheduled: the classifier says {} (p={:.2f}) but the ticket asks for "
                            "planned work ('{}') and no safety rule matched; a human should confirm the job "
                            "type",
                            r.spec->title, r.confidence, cues::evidence(t, *planned)));
            return;
        }
        if (r.confidence >= options_.classifier_emergency_threshold) {
            r.reasons.push_back(
                fmt::format("urgency emergency: the classifier is confident this is {} (p={:.2f} >= {:.2f}) "
                            "although no safety rule matched",
                            r.spec->title, r.confidence, options_.classifier_emergency_threshold));
            return;
        }
        r.urgency = Urgency::same_day;
        r.needs_human = true;
        r.reasons.push_back(
            fmt::format("urgency same-day: possibly {} (p={:.2f}), but no safety rule matched and the "
                        "classifier is not sure enough to elevate (below {:.2f}); a human should check now",
                        r.spec->title, r.confidence, options_.classifier_emergency_threshold));
    }

    // Every emergency tells the caller what to do now: the rules' instructions, or for an
    // emergency the classifier alone decided, the instruction of its job type's rule.
    static void attach_instruction(const TicketText& t, const SafetyAssessment& safety, TriageResult& r) {
        if (safety.elevated()) {
            r.safety_instruction = detail::join_instructions(safety.hits);
        } else if (r.urgency == Urgency::emergency) {
            const auto rule = instruction_rule_for(r.job_type, t);
            assert(rule);  // the emergency job types are exactly those a rule implies
            if (rule) r.safety_instruction = std::string(info(*rule).instruction);
        }
    }

    // The no-heat and no-cooling rules need the ticket to say the system has failed. When it
    // does not ("landlord won't fix the boiler") but the job is a heating (cooling) fault for a
    // vulnerable occupant in freezing weather (extreme heat), a human should ask.
    static void weather_watch(const SafetyAssessment& s, const TriageContext& c, TriageResult& r) {
        if (s.elevated() || s.vulnerable_occupant.empty()) return;
        const char* lost = detail::heating_fault(r.job_type) && s.freezing       ? "heat"
                           : detail::cooling_fault(r.job_type) && s.extreme_heat ? "cooling"
                                                                                 : nullptr;
        if (!lost) return;
        r.needs_human = true;
        r.reasons.push_back(
            fmt::format("needs a human: {} for a vulnerable occupant ({}) at {:g} °C outside; "
                        "confirm whether they still have {}",
                        r.spec->title, s.vulnerable_occupant, *c.outdoor_temp_c, lost));
    }

    TicketClassifier model_;
    TriageOptions options_;
};

// The triaged job as the planner's Job: requirements mapped onto the problem's catalog. Throws
// InputErrors naming what the catalog lacks.
inline Job to_job(const TriageResult& r, const Catalog& catalog, std::string id, std::string description) {
    assert(r.spec);
    Job job;
    job.id = std::move(id);
    job.job_type = r.job_type;
    job.description = std::move(description);
    job.urgency = r.urgency;
    job.duration = r.duration;
    std::vector<InputError> missing;
    if (auto s = catalog.find_skill(std::string(r.spec->trade)))
        job.skills.push_back({*s, r.spec->skill_level});
    else
        missing.push_back({"catalog.skills", "no skill named " + std::string(r.spec->trade)});
    if (!r.spec->certification.empty()) {
        if (auto c = catalog.find_certification(std::string(r.spec->certification)))
            job.certifications.push_back(*c);
        else
            missing.push_back({"catalog.certifications", "no certification named " + std::string(r.spec->certification)});
    }
    if (!r.spec->equipment.empty()) {
        if (auto e = catalog.find_equipment(std::string(r.spec->equipment)))
            job.equipment.push_back(*e);
        else
            missing.push_back({"catalog.equipment", "no equipment named " + std::string(r.spec->equipment)});
    }
    if (!missing.empty()) throw InputErrors(std::move(missing));
    return job;
}

}  // namespace fsd::triage
