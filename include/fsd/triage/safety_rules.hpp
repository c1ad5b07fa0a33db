// The hard safety rules of triage. They run on every ticket before and regardless of the learned
// classifier, and when one fires the ticket is an emergency, with the reason and a safety
// instruction for the caller. Written in the primitives of cues.hpp; docs/triage.md lists them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/triage/context.hpp"
#include "fsd/triage/text.hpp"

namespace fsd::triage {

enum class SafetyRule : std::uint8_t {
    gas_smell,
    carbon_monoxide,
    electrical_burning,
    active_flooding,
    no_heat_vulnerable,
    no_cooling_vulnerable,
};

struct SafetyRuleInfo {
    std::string_view code;         // stable identifier, e.g. "gas-smell"
    std::string_view job_type;     // the job type it implies; "" keeps the classifier's
    std::string_view instruction;  // what to tell the caller now
};

inline constexpr std::array<SafetyRuleInfo, 6> safety_rule_info{{
    {"gas-smell", "gas-leak",
     "Leave the building now. Do not use light switches, flames or phones inside. Call the gas "
     "emergency line from outside, and turn off the gas at the meter only if it is safe to do so."},
    {"carbon-monoxide", "gas-leak",
     "Get everyone out into fresh air now and leave the door open. Turn off fuel-burning "
     "appliances "
     "only if it is safe, call the gas emergency line, and seek medical help for headaches, "
     "dizziness or nausea."},
    {"electrical-burning", "electrical-hazard",
     "Keep away from the panel or outlet and do not touch it. If it is safe, switch off the power "
     "at "
     "the main switch; if there is smoke or fire, leave and call the fire service."},
    {"active-flooding", "burst-pipe",
     "Turn off the water at the main stopcock. If water is near sockets, fittings or the panel, "
     "switch off the electricity at the main switch only if you can reach it without touching "
     "water."},
    {"no-heat-vulnerable", "",
     "Keep the vulnerable occupant warm: one heated room, warm layers, blankets and hot drinks. "
     "Call "
     "the emergency services if they become unwell."},
    {"no-cooling-vulnerable", "",
     "Move the vulnerable occupant to the coolest room, keep them drinking water, use fans and "
     "cool "
     "damp cloths. Call the emergency services if they show signs of heat illness."},
}};
inline const SafetyRuleInfo& info(SafetyRule r) {
    return safety_rule_info[static_cast<int>(r)];
}

struct SafetyOptions {
    double freezing_c = 0.0;       // "freezing weather": outdoor temperature at or below this
    double extreme_heat_c = 32.0;  // "extreme heat": at or above this
};

struct SafetyHit {
    SafetyRule rule;
    std::string evidence;  // the words that matched, as the customer wrote them
    std::string why;       // one sentence for the dispatcher
};

struct SafetyAssessment {
    std::vector<SafetyHit> hits;     // in rule order; the first decides the job type
    std::vector<std::string> notes;  // near misses worth a human look, e.g. temperature unknown
    // Who is vulnerable, from the customer record and the ticket ("elderly, 'newborn' in the
    // ticket"); empty when nobody is known to be.
    std::string vulnerable_occupant;
    bool freezing = false;      // the outdoor temperature is known and at or below freezing_c
    bool extreme_heat = false;  // ... at or above extreme_heat_c
    [[nodiscard]] bool elevated() const { return !hits.empty(); }
};

// Every rule that fires, with evidence and a reason; plus notes on near misses.
SafetyAssessment check_safety(const TicketText& text, const TriageContext& context, const SafetyOptions& options = {});

// The rule whose instruction fits an emergency job type chosen without any rule firing (the
// classifier alone): gas-leak gets the carbon-monoxide instruction when the ticket names CO, else
// the gas one; none for a job type no rule implies.
std::optional<SafetyRule> instruction_rule_for(std::string_view job_type, const TicketText& text);

// Every word the rules look for, so that the spelling corrector can map typos onto them.
std::vector<std::string_view> safety_vocabulary();

// The hazard words themselves ("gas", "smell", "burst", "spark"...), a subset of
// safety_vocabulary(): when a typo is one edit from such a word and from an ordinary one, the
// spelling corrector reads the hazard ("burt pipe" is a burst pipe, not "but pipe").
std::vector<std::string_view> hazard_words();

}  // namespace fsd::triage
