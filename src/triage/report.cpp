// Text and JSON renderings of triage results and evaluations.
#include "fsd/triage/report.hpp"

#include <cmath>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "fsd/model/calendar.hpp"

namespace fsd::triage {
namespace {

using OJson = nlohmann::ordered_json;

std::string requirements(const JobTypeSpec& s) {
    std::string out = fmt::format("{} L{}", s.trade, s.skill_level);
    if (!s.certification.empty()) out += fmt::format("; certification {}", s.certification);
    if (!s.equipment.empty()) out += fmt::format("; equipment {}", s.equipment);
    return out;
}

}  // namespace

OJson result_to_json(const TriageResult& r) {
    OJson j;
    j["job_type"] = r.job_type;
    j["title"] = r.spec->title;
    j["urgency"] = to_string(r.urgency);
    j["skills"] = OJson::array({{{"skill", r.spec->trade}, {"level", r.spec->skill_level}}});
    j["certifications"] = r.spec->certification.empty() ? OJson::array() : OJson::array({r.spec->certification});
    j["equipment"] = r.spec->equipment.empty() ? OJson::array() : OJson::array({r.spec->equipment});
    j["duration_minutes"] = {{"p50", minutes_of(r.duration.p50)}, {"p75", minutes_of(r.duration.p75)}, {"p90", minutes_of(r.duration.p90)}};
    j["confidence"] = std::round(r.confidence * 1000) / 1000;
    j["needs_human"] = r.needs_human;
    j["decided_by"] = r.decided_by;
    j["reasons"] = r.reasons;
    j["safety_instruction"] = r.safety_instruction ? OJson(*r.safety_instruction) : OJson(nullptr);
    OJson rules = OJson::array();
    for (const auto& h : r.safety_hits) rules.push_back(info(h.rule).code);
    j["safety_rules"] = std::move(rules);
    OJson alternatives = OJson::array();
    for (const auto& [type, p] : r.alternatives) alternatives.push_back({{"job_type", type}, {"probability", std::round(p * 1000) / 1000}});
    j["alternatives"] = std::move(alternatives);
    return j;
}

std::string format_result(const TriageResult& r) {
    std::string out;
    out += fmt::format("job type:   {} ({})\n", r.job_type, r.spec->title);
    out += fmt::format("urgency:    {}\n", to_string(r.urgency));
    out += fmt::format("decided by: {}\n", r.decided_by);
    out += fmt::format("requires:   {}\n", requirements(*r.spec));
    out += fmt::format("duration:   p50 {}, p75 {}, p90 {}\n", format_duration(r.duration.p50), format_duration(r.duration.p75),
                       format_duration(r.duration.p90));
    out += fmt::format("confidence: {:.2f}{}\n", r.confidence, r.needs_human ? "  NEEDS A HUMAN" : "");
    if (r.safety_instruction) out += fmt::format("SAFETY:     {}\n", *r.safety_instruction);
    out += "reasons:\n";
    for (const auto& reason : r.reasons) out += fmt::format("  - {}\n", reason);
    return out;
}

OJson evaluation_to_json(const TriageEvaluation& e) {
    OJson j;
    j["tickets"] = e.tickets;
    j["job_type_accuracy"] = e.accuracy();
    j["classifier_accuracy"] = e.classifier_accuracy();
    j["expected_emergencies"] = e.expected_emergencies;
    j["emergency_recall"] = e.emergency_recall();
    j["routine_tickets"] = e.routine;
    j["false_elevation_rate"] = e.false_elevation_rate();
    j["needs_human_rate"] = e.needs_human_rate();
    j["accuracy_when_confident"] = e.confident_accuracy();
    OJson per_type = OJson::object();
    for (const auto& [type, s] : e.per_type) per_type[type] = {{"tickets", s.tickets}, {"accuracy", s.accuracy()}};
    j["per_type"] = std::move(per_type);
    return j;
}

std::string format_evaluation(const TriageEvaluation& e) {
    std::string out;
    out += fmt::format("held-out tickets:            {}\n", e.tickets);
    out += fmt::format("job-type accuracy:           {:.1f}%  ({} of {})\n", 100 * e.accuracy(), e.correct, e.tickets);
    out += fmt::format("classifier alone:            {:.1f}%\n", 100 * e.classifier_accuracy());
    out += fmt::format("emergencies elevated:        {:.1f}%  ({} of {})\n", 100 * e.emergency_recall(), e.elevated_emergencies,
                       e.expected_emergencies);
    out += fmt::format("routine falsely elevated:    {:.1f}%  ({} of {})\n", 100 * e.false_elevation_rate(), e.falsely_elevated, e.routine);
    out += fmt::format("needs a human:               {:.1f}%\n", 100 * e.needs_human_rate());
    out += fmt::format("accuracy when confident:     {:.1f}%\n", 100 * e.confident_accuracy());
    out += "per job type:\n";
    for (const auto& [type, s] : e.per_type) out += fmt::format("  {:<22} {:5.1f}%  ({})\n", type, 100 * s.accuracy(), s.tickets);
    if (!e.missed_emergencies.empty()) {
        out += "missed emergencies (first few):\n";
        for (const auto& m : e.missed_emergencies) out += fmt::format("  {}\n", m);
    }
    if (!e.false_elevations.empty()) {
        out += "false elevations (first few):\n";
        for (const auto& m : e.false_elevations) out += fmt::format("  {}\n", m);
    }
    return out;
}

}  // namespace fsd::triage
