// Safety rules on their own: paraphrases, typos and casing of each hazard are elevated; harmless
// mentions, negations, past events and planned work are not; the weather rules need both a
// vulnerable occupant and the weather.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fsd/model/job_types.hpp"
#include "fsd/triage/safety_rules.hpp"
#include "fsd/triage/vocabulary.hpp"

namespace test_triage_rules {

using namespace fsd::triage;

namespace {

SafetyAssessment assess(const std::string& text, const TriageContext& context = {}) {
    static const SpellingCorrector corrector = base_corrector();
    TicketText t = normalise_text(text);
    correct_spelling(t, corrector);
    return check_safety(t, context);
}

bool fires(const std::string& text, SafetyRule rule, const TriageContext& context = {}) {
    for (const auto& h : assess(text, context).hits)
        if (h.rule == rule) return true;
    return false;
}

const TriageContext elderly_freezing{{Vulnerability::elderly}, -3.0};
const TriageContext infant_heatwave{{Vulnerability::infant}, 38.0};

}  // namespace

TEST_CASE("gas smells and leaks are elevated in many phrasings", "[triage][rules]") {
    const std::vector<std::string> cases = {
        "smells like gas in the kitchen",
        "gas smel",
        "GAS LEAK??",
        "rotten egg smell near the stove",
        "I can smell gas",
        "Strong smell of gas in the hallway.",
        "theres a gas smell coming from the boiler cupboard",
        "think we have a gas leak",
        "gass leak in basement!!!",
        "smell of gas outside by the meter",
        "hissing noise from the gas pipe behind the cooker",
        "Smells a bit like gas near the hob",
        "the gas alarm is going off",
        "possible gas leak, the smell is strong",
        "stinks of gas in here",
        "no heating and a smell of gas",
        "Not sure what it is but it smells like rotten eggs",
        "Boiler won't start and there's a strong gas odour",
        "sulphur smell in the kitchen",
        "Smel of gass when I turn the hob on",
        "gas leaking from the cooker",
        "I think I can smel gas upstairs",
        "SMELLS OF GAS",
        // "never" here compares rather than denies
        "never smelled gas this strong before",
        "I have never smelt gas like this",
        "never had such a strong smell of gas in the kitchen",
    };
    for (const auto& text : cases) {
        INFO(text);
        CHECK(fires(text, SafetyRule::gas_smell));
    }
}

TEST_CASE("carbon monoxide alarms and exposure are elevated", "[triage][rules]") {
    const std::vector<std::string> cases = {
        "co detector going off",
        "CO alarm is beeping and won't stop",
        "carbon monoxide alarm keeps going off",
        "Our carbon monoxide detector went off twice this morning",
        "the CO2 alarm is sounding in the hallway",
        "worried about carbon monoxide poisoning, everyone has headaches",
        "carbon monoxide alarm screaming",
        "carbon monoxid detector beeping",
        "C.O. alarm went off",
        "co alarm still beeping after I changed the battery",
    };
    for (const auto& text : cases) {
        INFO(text);
        CHECK(fires(text, SafetyRule::carbon_monoxide));
    }
}

TEST_CASE("sparks, smoke and burning at electrical fittings are elevated", "[triage][rules]") {
    const std::vector<std::string> cases = {
        "sparks coming out of the fuse box",
        "burning smell from the electrical panel",
        "panel is sparking",
        "Smoke coming from the socket in the lounge",
        "outlet has scorch marks and smells like burning plastic",
        "breaker box smells burnt",
        "light switch sparked when I turned it on",
        "SPARKS FROM PLUG!!",
        "socket is melted and too hot to touch",
        "got an electric shock off the light switch",
        "consumer unit buzzing and theres a burning smell",
        "fishy smell coming from the plug socket",
        "spraks from the outlet",
        "electrical burning smell in the hallway",
        "smell of burning from the fuse board",
        "sparks coming from the fuse box",
        "socket sparked and smells burning",
        "SPARKS FROM PANEL",
        "sparking when plugging anything in",
        "the outlet by the bed keeps sparking",
        "Acing sound from the breaker box",
    };
    for (const auto& text : cases) {
        INFO(text);
        CHECK(fires(text, SafetyRule::electrical_burning));
    }
}

TEST_CASE("burst pipes and active flooding are elevated", "[triage][rules]") {
    const std::vector<std::string> cases = {
        "burst pipe in the kitchen",
        "pipe burst, water everywhere",
        "water pouring through the ceiling",
        "the basement is flooding",
        "BURST PIPE!!! water gushing",
        "Brust pipe under sink",
        "flooding in the bathroom, can't find the stopcock",
        "Water spraying from a split pipe",
        "two inches of water on the kitchen floor",
        "hot water cylinder has burst",
        "flodding in the utility room",
        "kitchen is flooded",
        "burt pipe help",
        "pipe under the sink exploded",
        "problem with the pipe under the sink - it exploded",
        "basement flooded with water again",
    };
    for (const auto& text : cases) {
        INFO(text);
        CHECK(fires(text, SafetyRule::active_flooding));
    }
}

TEST_CASE("no heat with a vulnerable occupant in freezing weather is elevated", "[triage][rules]") {
    const std::vector<std::string> cases = {
        "no heat",
        "boiler not working",
        "heating has stopped working",
        "radiators are stone cold",
        "furnace won't turn on",
        "No heating or hot water since last night",
        "the house is freezing, boiler is dead",
        "Furnace blowing cold air",
        "boiler keeps locking out",
        "heat pump not heating",
    };
    for (const auto& text : cases) {
        INFO(text);
        CHECK(fires(text, SafetyRule::no_heat_vulnerable, elderly_freezing));
        // The same words without a vulnerable occupant, or in mild weather, are not emergencies.
        CHECK_FALSE(fires(text, SafetyRule::no_heat_vulnerable, TriageContext{{}, -3.0}));
        CHECK_FALSE(fires(text, SafetyRule::no_heat_vulnerable, TriageContext{{Vulnerability::elderly}, 12.0}));
    }
    // No hot water is not no heat.
    CHECK_FALSE(fires("water heater not working", SafetyRule::no_heat_vulnerable, elderly_freezing));
    // A vulnerable occupant named in the ticket counts too.
    CHECK(fires("no heating, my 90 year old mum lives here", SafetyRule::no_heat_vulnerable, TriageContext{{}, -2.0}));
    CHECK(fires("boiler broken and we have a newborn", SafetyRule::no_heat_vulnerable, TriageContext{{}, -1.0}));
    // Unknown temperature: not elevated, but the dispatcher gets a note.
    const auto unknown = assess("boiler not working", TriageContext{{Vulnerability::elderly}, std::nullopt});
    CHECK_FALSE(unknown.elevated());
    CHECK(unknown.notes.size() == 1);
}

TEST_CASE("no cooling with a vulnerable occupant in extreme heat is elevated", "[triage][rules]") {
    const std::vector<std::string> cases = {"AC not working",      "air con blowing warm air", "no cooling at all",
                                            "A/C stopped working", "aircon is dead",           "air conditioning not cooling"};
    for (const auto& text : cases) {
        INFO(text);
        CHECK(fires(text, SafetyRule::no_cooling_vulnerable, infant_heatwave));
        CHECK_FALSE(fires(text, SafetyRule::no_cooling_vulnerable, TriageContext{{Vulnerability::infant}, 24.0}));
        CHECK_FALSE(fires(text, SafetyRule::no_cooling_vulnerable, TriageContext{{}, 38.0}));
    }
}

TEST_CASE("harmless mentions, negations, past events and planned work are not elevated", "[triage][rules]") {
    const std::vector<std::string> cases = {
        "gas furnace annual tune-up",
        "replace gas water heater next month",
        "install a new CO alarm",
        "no smell of gas, just a noisy boiler",
        "annual gas safety check for landlord certificate",
        "Gas hob install in new kitchen",
        "need a gas leak test for the landlord certificate",
        "fit a carbon monoxide detector next to the boiler",
        "CO alarm chirping, I think the battery is low",
        "smoke alarm keeps beeping, needs new battery",
        "install flood lights in the garden",
        "want a quote for a floodlight over the drive",
        "had a burst pipe last winter, want the pipes lagged",
        "not flooding, just a slow drip under the sink",
        "gas water heater is leaking from the bottom",
        "boiler leaking water onto the floor",
        "replace the old fuse box, electrician said its a fire risk",
        "need a sparky to fit new spotlights in the kitchen",
        "upgrade panel to 200 amp",
        "the outlet in the bathroom stopped working",
        "breaker keeps tripping when the kettle is on",
        "gas meter relocation quote",
        "replace smoke detectors and CO alarms throughout",
        "pilot light keeps going out on gas water heater",
        "burning smell when the heating first comes on after summer",
        "gas fire needs servicing",
        "blocked drain, water backing up in the shower",
        "there is no gas smell and no sparks, the breaker just trips",
        "spare parts for the boiler have arrived",
        "small leak under the kitchen sink, no rush",
        "check for gas leaks as part of the annual service",
        "the floor is wet near the dishwasher",
        "spoke to your colleague about the smoke alarm install",
        "fuses keep blowing in the kitchen",
        "hot water smells like rotten eggs",
    };
    for (const auto& text : cases) {
        INFO(text);
        const auto a = assess(text);
        for (const auto& h : a.hits) INFO(info(h.rule).code << ": " << h.why);
        CHECK_FALSE(a.elevated());
    }
}

TEST_CASE("sparks are a hazard only at something electrical, not at an igniter or burner", "[triage][rules]") {
    const std::vector<std::string> cases = {
        "boiler igniter keeps sparking but won't light",
        "the boiler sparks but doesn't ignite",
        "gas hob clicks and sparks but no flame",
        "furnace ignitor sparks then shuts off",
        "sparks from the log burner onto the rug",
        "mr sparks called about the panel upgrade quote",
        "sparkling clean bathroom needs new light fixture",
        "kids spark-plug toy",
        "the pilot keeps sparking next to the light switch",
        "sparks fly when the kids play",
    };
    for (const auto& text : cases) {
        INFO(text);
        CHECK_FALSE(fires(text, SafetyRule::electrical_burning));
    }
}

TEST_CASE("past events, garden hoses and figures of speech are not active flooding", "[triage][rules]") {
    const std::vector<std::string> cases = {
        "after last week's burst pipe we need a new stopcock fitted",
        "burst pipe repaired by another firm, need pressure test",
        "garden hose split, want a new outdoor tap",
        "the garden hose burst, can you fit a new outside tap",
        "we were flooded with leaves in the gutter",
        "office flooded with calls, please email instead",
    };
    for (const auto& text : cases) {
        INFO(text);
        CHECK_FALSE(fires(text, SafetyRule::active_flooding));
    }
    // ...while a remedy still wanted, or a burst this week, is live.
    CHECK(fires("burst pipe needs to be repaired now", SafetyRule::active_flooding));
    CHECK(fires("burst pipe last night, water everywhere", SafetyRule::active_flooding));
}

TEST_CASE("never denies unless it compares", "[triage][rules]") {
    CHECK_FALSE(fires("never had a gas leak, want a detector fitted", SafetyRule::gas_smell));
    CHECK_FALSE(fires("we have never smelled gas in the house", SafetyRule::gas_smell));
    CHECK(fires("never smelled gas this strong before", SafetyRule::gas_smell));
}

TEST_CASE("every emergency job type has a rule whose instruction fits it", "[triage][rules]") {
    for (const auto& type : fsd::job_types) {
        if (type.typical_urgency != fsd::Urgency::emergency) continue;
        INFO(type.name);
        const auto rule = instruction_rule_for(type.name, normalise_text("help"));
        REQUIRE(rule.has_value());
        CHECK(info(*rule).job_type == type.name);
    }
    CHECK(instruction_rule_for("gas-leak", normalise_text("CO alarm")) == SafetyRule::carbon_monoxide);
    CHECK(instruction_rule_for("gas-leak", normalise_text("gas")) == SafetyRule::gas_smell);
    CHECK_FALSE(instruction_rule_for("boiler-service", normalise_text("gas")).has_value());
}

TEST_CASE("every hit says which words decided it", "[triage][rules]") {
    const auto a = assess("Smel of gass when I turn the hob on");
    REQUIRE(a.hits.size() == 1);
    CHECK(a.hits[0].rule == SafetyRule::gas_smell);
    CHECK(a.hits[0].evidence == "smel of gass");
    CHECK(a.hits[0].why.find("smel of gass") != std::string::npos);
    CHECK_FALSE(info(a.hits[0].rule).instruction.empty());
}

}  // namespace test_triage_rules
