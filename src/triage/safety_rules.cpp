// The six safety rules: their word classes and patterns. Each pattern is an "A near B" search
// whose anchors must be live (not negated in their clause, not in the long past), plus the
// exclusions that keep routine work quiet ("gas leak test", "smoke alarm", "flood lights").
#include "fsd/triage/safety_rules.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <limits>

#include <fmt/core.h>

#include "fsd/triage/cues.hpp"

namespace fsd::triage {
namespace {

using namespace cues;
using sv = std::string_view;

namespace w {
// --- gas
constexpr sv gas[] = {"gas", "gass", "gaz", "lpg", "propane", "methane", "butane"};
constexpr sv smell[] = {"smell", "smells", "smelling", "smelled", "smelt", "odour", "odor",  "odours",  "odors",
                        "stink", "stinks", "stinking", "stench",  "whiff", "reek",  "reeks", "reeking", "pong"};
constexpr sv leak[] = {"leak", "leaks", "leaking", "leaked", "leakage", "escape", "escaping", "escaped"};
constexpr sv hiss[] = {"hiss", "hissing", "hisses", "hissed"};
constexpr sv rotten[] = {"rotten", "rotting"};
constexpr sv egg[] = {"egg", "eggs"};
constexpr sv sulphur[] = {"sulphur", "sulfur", "sulphurous", "sulfurous", "eggy"};
// Between "gas" and "leak" only such words may stand: "gas is leaking", "leak of gas".
constexpr sv leak_fillers[] = {"is",    "was",   "a",     "an",  "of",     "the",    "possible", "possibly", "maybe", "suspected", "slight",
                               "small", "big",   "major", "bad", "strong", "some",   "been",     "has",      "be",    "could",     "might",
                               "may",   "think", "from",  "at",  "near",   "around", "in",       "on",       "by"};
// "leak from the gas boiler": the appliance leaks water, not gas.
constexpr sv water_carriers[] = {"boiler", "boilers", "water", "heater", "furnace", "radiator", "cylinder", "tank"};
// "gas leak test", "leak detector": planned work about leaks, not a leak.
constexpr sv leak_work[] = {"test",      "tests",     "testing", "check",       "checks", "checked", "inspection", "detector",
                            "detectors", "detection", "survey",  "certificate", "cert",   "sensor",  "sensors"};
constexpr sv checking[] = {"check", "checking", "checked", "test", "testing", "tested", "inspect", "inspection", "survey", "look"};
// Words between two anchors that mean they belong to different statements.
constexpr sv joins[] = {"and", "also", "plus", "while", "then"};
// --- alarms and carbon monoxide
constexpr sv co[] = {"co", "co2", "c0", "monoxide"};
constexpr sv alarm[] = {"alarm", "alarms", "detector", "detectors", "sensor", "sensors", "monitor", "tester"};
constexpr sv sounding[] = {"sounding",   "sounded",   "sounds",     "beeping",   "beeped",   "beeps",      "beep",
                           "alarming",   "triggered", "triggering", "activated", "ringing",  "rang",       "screaming",
                           "screeching", "blaring",   "shrieking",  "wailing",   "flashing", "alerting",   "chirping",
                           "chirps",     "chirped",   "chirp",      "detecting", "detected", "registering"};
constexpr sv chirps[] = {"beeping", "beeped", "beeps", "beep", "chirping", "chirps", "chirped", "chirp", "flashing"};
constexpr sv go_off[] = {"going", "went", "gone", "goes", "go", "set", "keeps"};
constexpr sv battery[] = {"battery", "batteries"};
constexpr sv battery_done[] = {"changed", "replaced", "new", "fresh", "swapped"};
constexpr sv planned_work[] = {"install", "installing", "installed",   "installation", "fit",    "fitting", "fitted",
                               "replace", "replacing",  "replacement", "new",          "supply", "upgrade", "quote"};
constexpr sv co_harm[] = {"leak", "leaking", "poisoning", "poisoned", "symptoms", "present", "detected", "fumes", "exposure", "escaping"};
// --- electrical
constexpr sv spark[] = {"spark", "sparks", "sparking", "sparked", "arcing", "arced", "flashover"};
constexpr sv spark_not_hazard[] = {"plug", "plugs", "gap", "ignition", "igniter", "ignitor"};
// Sparks near these are meant to be there: a boiler's igniter, a hob, a log burner.
constexpr sv ignition[] = {"ignition",   "igniter",   "ignitor", "igniters", "ignitors", "ignite",  "ignites",  "igniting", "electrode",
                           "electrodes", "pilot",     "hob",     "hobs",     "burner",   "burners", "lighter",  "flint",    "log",
                           "woodburner", "fireplace", "grill",   "bbq",      "barbecue", "bonfire", "firework", "fireworks"};
constexpr sv titles[] = {"mr", "mrs", "ms", "miss", "dr", "mister"};  // "mr sparks called"
constexpr sv burnt[] = {"burning", "burnt",   "burned", "scorched", "scorching", "melting",
                        "melted",  "charred", "singed", "fishy",    "plastic",   "electrical"};
constexpr sv damage[] = {"melted", "melting", "scorched", "scorch", "charred", "blackened", "singed", "smouldering", "smoldering"};
constexpr sv smoke[] = {"smoke", "smoking", "smoked", "smokey", "smoky", "smouldering", "smoldering"};
constexpr sv smoke_device[] = {"alarm", "alarms", "detector", "detectors", "sensor", "sensors"};
constexpr sv shock[] = {"shock", "shocks", "shocked", "electrocuted", "zapped"};
constexpr sv fire[] = {"fire", "flames", "flame", "ablaze"};
constexpr sv catches[] = {"on", "caught", "catching", "catch", "catches"};
constexpr sv hot[] = {"hot", "overheating", "overheated", "roasting"};
constexpr sv hot_things[] = {"water", "tub", "air", "tap", "taps", "shower", "drinks", "meal"};
constexpr sv electrical[] = {"panel",      "fusebox",   "fuse",        "fuses",   "breaker", "breakers", "consumer",
                             "socket",     "sockets",   "outlet",      "outlets", "plug",    "plugs",    "switch",
                             "switches",   "wiring",    "wire",        "wires",   "cable",   "cables",   "electrics",
                             "electrical", "electric",  "electricity", "light",   "lights",  "lamp",     "extension",
                             "charger",    "circuit",   "circuits",    "mains",   "cord",    "flex",     "transformer",
                             "board",      "spotlight", "downlight",   "dimmer",  "meter",   "plugging", "plugged"};
// Heat sources: a burning smell near one of these is theirs, not the wiring's.
constexpr sv appliances[] = {"boiler", "furnace", "heater",    "radiator", "radiators", "stove", "oven",    "cooker",
                             "hob",    "dryer",   "fireplace", "heating",  "vents",     "vent",  "toaster", "kettle"};
constexpr sv verb_followers[] = {"on", "off", "it", "them", "in", "out", "over", "back"};
constexpr sv before_verb_light[] = {"pilot", "wont", "not", "to", "cant", "doesnt", "didnt", "will", "wouldnt", "relight", "cannot", "gas"};
// --- water
constexpr sv burst[] = {"burst", "bursted", "busted", "ruptured", "rupture", "exploded", "bursting"};
constexpr sv water_things[] = {"pipe",  "pipes", "main",  "mains",    "hose",     "tank",    "cylinder", "radiator",
                               "joint", "valve", "water", "pipework", "stopcock", "ceiling", "boiler",   "heater"};
constexpr sv split_things[] = {"pipe", "pipes", "hose", "pipework"};
// "flooded with water" is a flood; "flooded with leaves", "flooded with calls" are not.
constexpr sv flood_liquids[] = {"water", "sewage", "waste", "wastewater", "rainwater"};
constexpr sv flood[] = {"flood", "flooding", "flooded", "floods", "inundated"};
constexpr sv flood_not_water[] = {"light",    "lights",  "lamp",     "lamps",   "lighting",  "risk", "barrier",
                                  "barriers", "defence", "defences", "defense", "insurance", "zone", "plain",
                                  "gate",     "gates",   "warning",  "survey",  "damage"};
constexpr sv pouring[] = {"pouring", "gushing", "spraying",   "spurting",    "streaming", "cascading",
                          "pissing", "jetting", "everywhere", "fountaining", "shooting"};
constexpr sv wet[] = {"water", "pipe", "pipes", "ceiling", "hose", "main", "mains", "leak", "joint"};
constexpr sv depth[] = {"inches", "inch", "ankle", "knee", "deep", "standing", "cm", "centimetres"};
// --- heating and cooling
constexpr sv loss_leads[] = {"no", "zero", "without", "lost", "losing", "lack", "lacking", "nil"};
constexpr sv heat_words[] = {"heat", "heating", "warmth", "heater", "radiators", "flame"};
constexpr sv heat_sources[] = {"heating",   "heater", "heaters", "boiler", "furnace", "radiator",
                               "radiators", "rads",   "heat",    "rad",    "combi"};
// Not "cutting out": heat that comes and goes is still heat.
constexpr sv failure[] = {"stopped", "broken", "broke",   "dead",    "died",   "failed", "failing", "packed",
                          "kaput",   "quit",   "lockout", "locking", "locked", "conked", "useless"};
constexpr sv failure_before[] = {"broken", "dead", "failed", "busted"};
constexpr sv work_verbs[] = {"working",     "work",      "works",     "firing",  "fire",     "fires", "igniting", "ignite",
                             "ignites",     "lighting",  "light",     "lights",  "starting", "start", "starts",   "coming",
                             "come",        "turning",   "turn",      "heating", "heat",     "heats", "running",  "run",
                             "functioning", "kicking",   "producing", "getting", "warming",  "warm",  "lit",      "going",
                             "responding",  "switching", "cooling",   "cool",    "blowing",  "doing", "on"};
constexpr sv not_words[] = {"not",     "isnt",  "wont", "doesnt", "didnt",   "cant", "cannot",
                            "wouldnt", "never", "aint", "arent",  "stopped", "no",   "nothing"};
constexpr sv cold[] = {"cold", "freezing", "frozen", "icy", "chilly", "freezin", "perishing", "arctic"};
constexpr sv dwelling[] = {"house", "home",   "flat",    "apartment", "place",    "bedroom",  "rooms",
                           "room",  "inside", "indoors", "here",      "property", "bungalow", "lounge"};
constexpr sv went[] = {"went", "gone", "goes", "is", "keeps", "going"};
constexpr sv cool_sources[] = {"ac",  "aircon",  "aircond",      "airco", "conditioner", "conditioning", "airconditioning",
                               "con", "cooling", "aircondition", "split"};
constexpr sv pronouns[] = {"it", "its", "they", "theyre", "thats"};
constexpr sv warm_air[] = {"warm", "hot", "tepid"};
// --- who lives there
constexpr sv vulnerable[] = {"elderly",      "pensioner",   "pensioners",  "oap",        "frail",    "infant",     "infants",
                             "baby",         "babies",      "newborn",     "newborns",   "toddler",  "disabled",   "disability",
                             "wheelchair",   "bedbound",    "bedridden",   "housebound", "oxygen",   "dialysis",   "chemo",
                             "chemotherapy", "pregnant",    "medical",     "hospice",    "dementia", "vulnerable", "immunocompromised",
                             "copd",         "premature",   "grandmother", "grandma",    "granny",   "nan",        "nana",
                             "grandad",      "grandfather", "grandpa",     "elderley",   "invalid",  "palliative", "asthmatic"};
constexpr sv age_units[] = {"year", "years", "yr", "yrs", "yo"};
constexpr sv age_lead[] = {"is", "aged", "age", "shes", "hes", "im", "turned"};
constexpr sv young_units[] = {"month", "months", "week", "weeks", "day", "days", "mo"};
}  // namespace w

// A token position as the signed offset at() takes, so that "the word before" may be -1.
std::ptrdiff_t as_offset(std::size_t i) {
    return static_cast<std::ptrdiff_t>(i);
}

// True when every token strictly between a and b is in `allowed`.
bool only_between(const TicketText& t, std::size_t a, std::size_t b, Words allowed) {
    for (std::size_t k = std::min(a, b) + 1; k < std::max(a, b); ++k)
        if (!is(t.tokens[k], allowed)) return false;
    return true;
}
bool any_between(const TicketText& t, std::size_t a, std::size_t b, Words words) {
    for (std::size_t k = std::min(a, b) + 1; k < std::max(a, b); ++k)
        if (is(t.tokens[k], words)) return true;
    return false;
}
bool clause_has(const TicketText& t, std::size_t i, Words words) {
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t.same_clause(i, k) && is(t.tokens[k], words)) return true;
    return false;
}
std::size_t distance(std::size_t a, std::size_t b) {
    return a > b ? a - b : b - a;
}

// --- gas ------------------------------------------------------------------------------------

bool live_gas_leak(const TicketText& t, std::size_t g, std::size_t l) {
    if (!only_between(t, g, l, w::leak_fillers)) return false;
    if (g < l && (at(t, as_offset(l) + 1, w::leak_work) || at(t, as_offset(l) + 1, "water"))) return false;
    if (l < g && (at(t, as_offset(g) + 1, w::water_carriers) || at(t, as_offset(g) + 1, w::leak_work))) return false;
    const std::size_t first = std::min(g, l);
    if (at(t, as_offset(first) - 1, "for") && at(t, as_offset(first) - 2, w::checking)) return false;  // "check for gas leaks"
    return live(t, g, l);
}

// An alarm noun with a live "sounding" cue around it. A beep or chirp alone does not count when
// the ticket blames the battery or is about installing a new alarm.
bool alarm_sounding(const TicketText& t, std::size_t a) {
    bool found = false;
    bool only_chirps = true;
    const std::size_t lo = a >= 3 ? a - 3 : 0;
    const std::size_t hi = std::min(t.size() - 1, a + 6);
    for (std::size_t j = lo; j <= hi; ++j) {
        const bool cue = is(t.tokens[j], w::sounding) && !negated(t, j);
        const bool off = t.tokens[j] == "off" && ((at(t, as_offset(j) - 1, w::go_off) && !negated(t, j - 1)) ||
                                                  (at(t, as_offset(j) - 2, w::go_off) && !negated(t, j - 2)));
        if (!cue && !off) continue;
        found = true;
        if (off || !is(t.tokens[j], w::chirps)) only_chirps = false;
    }
    if (!found) return false;
    if (!only_chirps) return true;
    bool battery_blamed = false;
    for (std::size_t k = 0; k < t.size(); ++k)
        if (is(t.tokens[k], w::battery) && !at(t, as_offset(k) - 1, w::battery_done) && !at(t, as_offset(k) - 2, w::battery_done))
            battery_blamed = true;
    return !battery_blamed && !clause_has(t, a, w::planned_work);
}

std::optional<Span> gas_smell(const TicketText& t) {
    auto smell_of_gas = [&](std::size_t g, std::size_t s) { return !any_between(t, g, s, w::joins) && live(t, g, s); };
    if (auto s = find_near(t, w::gas, w::smell, 4, smell_of_gas)) return s;
    // Rotten eggs or sulphur, unless it is the water that smells (a water heater's anode rod).
    auto not_the_water = [&](std::size_t i) {
        for (std::size_t k = i >= 5 ? i - 5 : 0; k < i; ++k)
            if (t.tokens[k] == "water") return anywhere(t, w::gas);
        return true;
    };
    if (auto s = find_near(t, w::rotten, w::egg, 2, [&](std::size_t r, std::size_t e) { return r < e && not_the_water(r) && live(t, r); }))
        return s;
    if (auto s = find_near(t, w::sulphur, w::smell, 3,
                           [&](std::size_t a, std::size_t b) { return not_the_water(std::min(a, b)) && live(t, a, b); }))
        return s;
    if (auto s = find_near(t, w::gas, w::leak, 4, [&](std::size_t g, std::size_t l) { return live_gas_leak(t, g, l); })) return s;
    if (auto s = find_near(t, w::gas, w::hiss, 4, [&](std::size_t g, std::size_t h) { return live(t, g, h); })) return s;
    return find_near(t, w::gas, w::alarm, 2, [&](std::size_t g, std::size_t a) { return g < a && alarm_sounding(t, a) && !in_past(t, a); });
}

std::optional<Span> carbon_monoxide(const TicketText& t) {
    if (auto s =
            find_near(t, w::co, w::alarm, 2, [&](std::size_t c, std::size_t a) { return c < a && alarm_sounding(t, a) && !in_past(t, a); }))
        return s;
    return find_near(t, w::co, w::co_harm, 3, [&](std::size_t c, std::size_t h) { return live(t, c, h); });
}

// --- electrical -----------------------------------------------------------------------------

// "switch it on", "plug in", "won't light" are verbs, not electrical things.
bool electrical_thing(const TicketText& t, std::size_t e) {
    const auto& tok = t.tokens[e];
    if ((tok == "switch" || tok == "plug") && at(t, as_offset(e) + 1, w::verb_followers) && t.same_clause(e, e + 1)) return false;
    if ((tok == "light" || tok == "lights") && at(t, as_offset(e) - 1, w::before_verb_light)) return false;
    if (tok == "meter" && at(t, as_offset(e) - 1, w::gas)) return false;
    return true;
}

// The electrical thing at e is what a cue at `cue` is about: no heat appliance stands closer.
bool about_electrics(const TicketText& t, std::size_t cue, std::size_t e) {
    if (!electrical_thing(t, e)) return false;
    for (std::size_t k = 0; k < t.size(); ++k)
        if (is(t.tokens[k], w::appliances) && distance(k, cue) < distance(e, cue)) return false;
    return true;
}

// Sparks at the electrical thing at e: in the same clause, nothing that sparks by design (an
// igniter, a hob, a burner) within four words either side, not a spark plug, not a name.
bool electrical_spark(const TicketText& t, std::size_t spark, std::size_t e) {
    if (!t.same_clause(spark, e) || at(t, as_offset(spark) + 1, w::spark_not_hazard) || at(t, as_offset(spark) - 1, w::titles))
        return false;
    for (std::size_t k = spark >= 4 ? spark - 4 : 0; k < t.size() && k <= spark + 4; ++k)
        if (t.same_clause(spark, k) && is(t.tokens[k], w::ignition)) return false;
    return about_electrics(t, spark, e) && live(t, spark);
}

std::optional<Span> electrical_burning(const TicketText& t) {
    if (auto s = find_near(t, w::spark, w::electrical, 5, [&](std::size_t spark, std::size_t e) { return electrical_spark(t, spark, e); }))
        return s;
    auto near_electrics = [&](std::size_t cue, std::size_t e) { return about_electrics(t, cue, e) && live(t, cue); };
    if (auto s = find_near(t, w::smoke, w::electrical, 6,
                           [&](std::size_t c, std::size_t e) { return !at(t, as_offset(c) + 1, w::smoke_device) && near_electrics(c, e); }))
        return s;
    if (auto s = find_near(t, w::fire, w::electrical, 6, [&](std::size_t f, std::size_t e) {
            return (t.tokens[f] != "fire" || at(t, as_offset(f) - 1, w::catches)) && near_electrics(f, e);
        }))
        return s;
    if (auto s = find_near(t, w::damage, w::electrical, 4, near_electrics)) return s;
    if (auto s = find_near(t, w::shock, w::electrical, 5, near_electrics)) return s;
    if (auto s = find_near(t, w::hot, w::electrical, 4, [&](std::size_t h, std::size_t e) {
            return e < h && !at(t, as_offset(h) + 1, w::hot_things) && near_electrics(h, e);
        }))
        return s;
    // A burning smell, when something electrical is nearer to it than any heat appliance.
    const auto burning = find_near(t, w::burnt, w::smell, 3, [&](std::size_t b, std::size_t s) { return live(t, b, s); });
    if (!burning) return std::nullopt;
    if (t.tokens[burning->first] == "electrical" || t.tokens[burning->last] == "electrical") return burning;
    for (std::size_t e = 0; e < t.size(); ++e)
        if (is(t.tokens[e], w::electrical) && distance(e, burning->first) <= 8 && about_electrics(t, burning->first, e))
            return span_of(std::min(burning->first, e), std::max(burning->last, e));
    return std::nullopt;
}

// --- water ----------------------------------------------------------------------------------

// A garden hose that splits or bursts wets the garden, not the house.
bool garden_hose(const TicketText& t, std::size_t i) {
    return i < t.size() && (t.tokens[i] == "hose" || t.tokens[i] == "hosepipe") && at(t, as_offset(i) - 1, "garden");
}

bool split_pipe(const TicketText& t, std::size_t i) {  // "split pipe", "pipe has split"
    if (t.tokens[i] != "split" || !live(t, i)) return false;
    for (const std::ptrdiff_t k : {as_offset(i) + 1, as_offset(i) - 1, as_offset(i) - 2})
        if (at(t, k, w::split_things) && !garden_hose(t, static_cast<std::size_t>(k))) return true;
    return false;
}

bool flooded_with_water(const TicketText& t, std::size_t i) {
    if (!at(t, as_offset(i) + 1, "with")) return true;
    return at(t, as_offset(i) + 2, w::flood_liquids) || at(t, as_offset(i) + 3, w::flood_liquids);
}

// "the pipe under the sink - it exploded": a burst said of "it" counts for a water thing named
// in the ten tokens before.
std::optional<Span> pronoun_burst(const TicketText& t) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!is(t.tokens[i], w::burst) || !live(t, i)) continue;
        if (!at(t, as_offset(i) - 1, w::pronouns) && !at(t, as_offset(i) - 2, w::pronouns)) continue;
        for (std::size_t k = i >= 10 ? i - 10 : 0; k + 1 < i; ++k)
            if (is(t.tokens[k], w::water_things) && !garden_hose(t, k)) return span_of(k, i);
    }
    return std::nullopt;
}

std::optional<Span> active_flooding(const TicketText& t) {
    if (auto s =
            find_near(t, w::burst, w::water_things, 4, [&](std::size_t b, std::size_t x) { return !garden_hose(t, x) && live(t, b, x); }))
        return s;
    if (auto s = pronoun_burst(t)) return s;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (split_pipe(t, i)) return Span{i, i};
    if (auto s = find_word(t, w::flood, [&](std::size_t i) {
            return !at(t, as_offset(i) + 1, w::flood_not_water) && flooded_with_water(t, i) && live(t, i);
        }))
        return s;
    if (auto s = find_near(t, w::pouring, w::wet, 4, [&](std::size_t p, std::size_t x) { return live(t, p, x); })) return s;
    constexpr sv water[] = {"water"};
    return find_near(t, w::depth, water, 3, [&](std::size_t d, std::size_t x) { return live(t, d, x); });
}

// --- heating and cooling --------------------------------------------------------------------

// A source (boiler, AC...) at i followed within six tokens by a failure cue, in its clause or
// past a contrast word ("the igniter clicks but never lights"), not past punctuation.
std::optional<Span> source_failing(const TicketText& t, std::size_t i, Words extra_cues) {
    for (std::size_t j = i + 1; j < t.size() && j <= i + 6; ++j) {
        if (!t.same_clause(j - 1, j) && !triage::detail::is_clause_word(t.tokens[j])) break;
        const auto& tok = t.tokens[j];
        if (is(tok, w::failure) || is(tok, extra_cues)) return span_of(i, j);
        if (is(tok, w::not_words) && (at(t, as_offset(j) + 1, w::work_verbs) || at(t, as_offset(j) + 2, w::work_verbs)))
            return span_of(i, std::min(t.size() - 1, j + 1));
        if (tok == "out" && at(t, as_offset(j) - 1, w::went)) return span_of(i, j);
    }
    return std::nullopt;
}

// "the boiler in the utility room - it won't come on": a failure said of "it" counts for a
// source named in the sixteen tokens before.
std::optional<Span> pronoun_failing(const TicketText& t, Words sources, Words extra_cues) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!is(t.tokens[i], w::pronouns) || in_past(t, i)) continue;
        const auto failing = source_failing(t, i, extra_cues);
        if (!failing) continue;
        for (std::size_t k = i >= 16 ? i - 16 : 0; k < i; ++k)
            if (is(t.tokens[k], sources)) return span_of(k, failing->last);
    }
    return std::nullopt;
}

std::optional<Span> loss_of_heat(const TicketText& t) {
    if (auto s = find_near(t, w::loss_leads, w::heat_words, 2, [&](std::size_t l, std::size_t h) {
            return l < h && !at(t, as_offset(h) + 1, "pump") && !at(t, as_offset(h) + 1, "exchanger") && !in_past(t, l);
        }))
        return s;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!is(t.tokens[i], w::heat_sources) || in_past(t, i)) continue;
        if (t.tokens[i] == "heater" && (at(t, as_offset(i) - 1, "water") || at(t, as_offset(i) - 1, "immersion"))) continue;
        if (auto s = source_failing(t, i, w::cold)) return s;
        if (at(t, as_offset(i) - 1, w::failure_before) || at(t, as_offset(i) - 2, w::failure_before)) return span_of(i - 1, i);
    }
    if (auto s = pronoun_failing(t, w::heat_sources, {})) return s;  // not "it's cold outside"
    return find_near(t, w::dwelling, w::cold, 3,
                     [&](std::size_t d, std::size_t c) { return !at(t, as_offset(c) + 1, "water") && live(t, d, c); });
}

std::optional<Span> loss_of_cooling(const TicketText& t) {
    if (auto s = find_near(t, w::loss_leads, w::cool_sources, 3, [&](std::size_t l, std::size_t c) { return l < c && !in_past(t, l); }))
        return s;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const bool central_air = t.tokens[i] == "air" && at(t, as_offset(i) - 1, "central");
        if ((!is(t.tokens[i], w::cool_sources) && !central_air) || in_past(t, i)) continue;
        if (t.tokens[i] == "cooling" && !at(t, as_offset(i) - 1, "the")) continue;         // "not cooling" is a cue, not a source
        if (t.tokens[i] == "split" && at(t, as_offset(i) + 1, w::split_things)) continue;  // "split pipe"
        if (auto s = source_failing(t, i, w::warm_air)) return s;
    }
    return pronoun_failing(t, w::cool_sources, w::warm_air);
}

bool number_at_least(const std::string& tok, int n) {
    if (tok.empty() || tok.size() > 3 || !std::all_of(tok.begin(), tok.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    return std::atoi(tok.c_str()) >= n;
}

std::optional<Span> vulnerable_in_text(const TicketText& t) {
    // Only a negation right before counts ("not vulnerable"): "no heating I'm pregnant" is
    // pregnant.
    if (auto s = find_word(t, w::vulnerable, [&](std::size_t i) { return !negated(t, i, 2); })) return s;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto& tok = t.tokens[i];
        // "90 years old", "85yo", "3 months old"
        if (number_at_least(tok, 75) && at(t, as_offset(i) + 1, w::age_units)) return span_of(i, i + 1);
        if (number_at_least(tok, 75) && at(t, as_offset(i) - 1, w::age_lead)) return span_of(i - 1, i);  // "dad is 88"
        if (tok.size() > 2 && tok.ends_with("yo") && number_at_least(tok.substr(0, tok.size() - 2), 75)) return Span{i, i};
        if (number_at_least(tok, 0) && at(t, as_offset(i) + 1, w::young_units) && at(t, as_offset(i) + 2, "old")) return span_of(i, i + 2);
    }
    return std::nullopt;
}

std::string vulnerability_text(const TicketText& t, const TriageContext& c, std::optional<Span> in_text) {
    std::string out;
    for (auto v : c.vulnerable) out += (out.empty() ? "" : ", ") + std::string(to_string(v));
    if (in_text) out += (out.empty() ? "" : ", ") + fmt::format("'{}' in the ticket", evidence(t, *in_text));
    return out;
}

// The two weather rules: a loss of heat (cooling) is an emergency only for a vulnerable occupant
// in freezing weather (extreme heat). Otherwise a note explains what would have made it one.
void weather_rule(const TicketText& t, const TriageContext& c, SafetyRule rule, std::optional<Span> loss, bool cold_rule, double threshold,
                  SafetyAssessment& out) {
    if (!loss) return;
    const auto in_text = vulnerable_in_text(t);
    const bool vulnerable = !c.vulnerable.empty() || in_text.has_value();
    if (!vulnerable) return;
    const char* what = cold_rule ? "no heat" : "no cooling";
    const char* weather = cold_rule ? "at or below" : "at or above";
    const std::string who = vulnerability_text(t, c, in_text);
    if (!c.outdoor_temp_c) {
        out.notes.push_back(
            fmt::format("{} with a vulnerable occupant ({}): an emergency if it is {} {:g} °C "
                        "outside, but the outdoor temperature is unknown",
                        what, who, weather, threshold));
        return;
    }
    const double temp = *c.outdoor_temp_c;
    if (cold_rule ? temp > threshold : temp < threshold) return;
    out.hits.push_back({rule, evidence(t, *loss),
                        fmt::format("{} ('{}') with a vulnerable occupant ({}) and {:g} °C outside ({} {:g} °C)", what, evidence(t, *loss),
                                    who, temp, weather, threshold)});
}

}  // namespace

SafetyAssessment check_safety(const TicketText& text, const TriageContext& context, const SafetyOptions& options) {
    SafetyAssessment out;
    auto add = [&](SafetyRule rule, std::optional<Span> s, const char* what) {
        if (s) out.hits.push_back({rule, evidence(text, *s), fmt::format("{}: '{}'", what, evidence(text, *s))});
    };
    add(SafetyRule::gas_smell, gas_smell(text), "gas smell or leak reported");
    add(SafetyRule::carbon_monoxide, carbon_monoxide(text), "carbon monoxide alarm or exposure reported");
    add(SafetyRule::electrical_burning, electrical_burning(text), "sparks, smoke or burning at an electrical fitting");
    add(SafetyRule::active_flooding, active_flooding(text), "active flooding or a burst pipe");
    weather_rule(text, context, SafetyRule::no_heat_vulnerable, loss_of_heat(text), true, options.freezing_c, out);
    weather_rule(text, context, SafetyRule::no_cooling_vulnerable, loss_of_cooling(text), false, options.extreme_heat_c, out);
    out.vulnerable_occupant = vulnerability_text(text, context, vulnerable_in_text(text));
    const auto temp = context.outdoor_temp_c;
    out.freezing = temp && *temp <= options.freezing_c;
    out.extreme_heat = temp && *temp >= options.extreme_heat_c;
    return out;
}

std::optional<SafetyRule> instruction_rule_for(std::string_view job_type, const TicketText& text) {
    if (job_type == "gas-leak") return anywhere(text, w::co) ? SafetyRule::carbon_monoxide : SafetyRule::gas_smell;
    for (std::size_t i = 0; i < safety_rule_info.size(); ++i)
        if (safety_rule_info[i].job_type == job_type) return static_cast<SafetyRule>(i);
    return std::nullopt;
}

// The words that name a hazard on their own, not their rarer synonyms: preferring "reek" or
// "jetting" would read "reew" (renew) and "letting" as hazards.
std::vector<std::string_view> hazard_words() {
    constexpr sv words[] = {"gas",     "smell",    "smells",   "smelling", "smelled", "smelt",    "leak",    "leaks",
                            "leaking", "leaked",   "burst",    "bursting", "flood",   "flooding", "flooded", "spark",
                            "sparks",  "sparking", "sparked",  "arcing",   "smoke",   "smoking",  "burning", "burnt",
                            "burned",  "fire",     "monoxide", "hissing",  "pouring", "gushing",  "sulphur", "rotten"};
    return {std::begin(words), std::end(words)};
}

std::vector<std::string_view> safety_vocabulary() {
    std::vector<std::string_view> out;
    auto add = [&](Words ws) { out.insert(out.end(), ws.begin(), ws.end()); };
    for (Words ws : {Words(w::gas),
                     Words(w::smell),
                     Words(w::leak),
                     Words(w::hiss),
                     Words(w::rotten),
                     Words(w::egg),
                     Words(w::sulphur),
                     Words(w::leak_fillers),
                     Words(w::water_carriers),
                     Words(w::leak_work),
                     Words(w::checking),
                     Words(w::joins),
                     Words(w::co),
                     Words(w::alarm),
                     Words(w::sounding),
                     Words(w::chirps),
                     Words(w::go_off),
                     Words(w::battery),
                     Words(w::battery_done),
                     Words(w::planned_work),
                     Words(w::co_harm),
                     Words(w::spark),
                     Words(w::spark_not_hazard),
                     Words(w::ignition),
                     Words(w::titles),
                     Words(w::burnt),
                     Words(w::damage),
                     Words(w::smoke),
                     Words(w::smoke_device),
                     Words(w::shock),
                     Words(w::fire),
                     Words(w::catches),
                     Words(w::hot),
                     Words(w::hot_things),
                     Words(w::electrical),
                     Words(w::appliances),
                     Words(w::verb_followers),
                     Words(w::before_verb_light),
                     Words(w::burst),
                     Words(w::water_things),
                     Words(w::split_things),
                     Words(w::flood_liquids),
                     Words(w::flood),
                     Words(w::flood_not_water),
                     Words(w::pouring),
                     Words(w::wet),
                     Words(w::depth),
                     Words(w::loss_leads),
                     Words(w::heat_words),
                     Words(w::heat_sources),
                     Words(w::failure),
                     Words(w::failure_before),
                     Words(w::work_verbs),
                     Words(w::not_words),
                     Words(w::cold),
                     Words(w::dwelling),
                     Words(w::went),
                     Words(w::cool_sources),
                     Words(w::pronouns),
                     Words(w::warm_air),
                     Words(w::vulnerable),
                     Words(w::age_units),
                     Words(w::age_lead),
                     Words(w::young_units)})
        add(ws);
    for (Words ws : {Words(negators), Words(scope_breaks), Words(past_periods), Words(past_words), Words(remedied)}) add(ws);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace fsd::triage
