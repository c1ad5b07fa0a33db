// The text layer under triage: normalisation and clauses, typo correction against a vocabulary,
// timing cues, and the negation marks the classifier's features carry.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "fsd/triage/features.hpp"
#include "fsd/triage/safety_rules.hpp"
#include "fsd/triage/spelling.hpp"
#include "fsd/triage/urgency_cues.hpp"
#include "fsd/triage/vocabulary.hpp"

namespace test_triage_text {

using namespace fsd::triage;

TEST_CASE("normalisation lower-cases, joins contractions and abbreviations, splits clauses", "[triage][text]") {
    const TicketText t = normalise_text("GAS LEAK?? Can't stay - the A/C and C.O. alarm... smelllll");
    const std::vector<std::string> expected{"gas", "leak", "cant", "stay", "the", "ac", "and", "co", "alarm", "smell"};
    CHECK(t.tokens == expected);
    CHECK(t.raw == t.tokens);
    CHECK(t.clause[0] == t.clause[1]);
    CHECK(t.clause[1] != t.clause[2]);  // "??" ends a clause
    CHECK(t.clause[3] != t.clause[4]);  // a spaced dash ends a clause
    CHECK(t.clause[5] == t.clause[8]);
    const TicketText but = normalise_text("no smell of gas but a noisy boiler");
    CHECK(but.clause[3] != but.clause[4]);  // "but" opens a new clause
    CHECK(normalise_text("pressure at 1.5 bar").tokens[2] == "1.5");
    CHECK(normalise_text("tune-up").tokens == std::vector<std::string>{"tune", "up"});
}

TEST_CASE("edit distance counts a swap of neighbours as one edit", "[triage][text]") {
    CHECK(edit_distance("burst", "brust") == 1);
    CHECK(edit_distance("smell", "smel") == 1);
    CHECK(edit_distance("flooding", "flodding") == 1);
    CHECK(edit_distance("gas", "gas") == 0);
    CHECK(edit_distance("leak", "lake") == 2);
}

TEST_CASE("typos map to known words; known and short words stay", "[triage][text]") {
    const SpellingCorrector c = base_corrector();
    CHECK(c.correct("smel") == "smell");
    CHECK(c.correct("brust") == "burst");
    CHECK(c.correct("flodding") == "flooding");
    CHECK(c.correct("spraks") == "sparks");
    CHECK(c.correct("lek") == "leak");  // a three-letter word may gain its missing letter
    // Real words near safety words are left alone: that is what the base vocabulary is for.
    for (const char* w : {"spare", "floor", "small", "rush", "fuses", "spoke", "sparky", "single", "hear"}) {
        INFO(w);
        CHECK(c.correct(w) == w);
    }
    CHECK(c.correct("gss") == "gass");  // a spelling of gas the rules know
    CHECK(c.correct("qzx") == "qzx");   // nothing one insertion away: left as written
    CHECK(c.correct("zzqx") == "zzqx");
    CHECK(c.correct("2024") == "2024");
}

TEST_CASE("frequency decides between candidates", "[triage][text]") {
    SpellingCorrector c;
    c.add("leak", 50);
    c.add("lead", 2);
    CHECK(c.correct("leax") == "leak");
    c.add("lead", 100);
    CHECK(c.correct("leax") == "lead");
}

TEST_CASE("a preferred (hazard) word wins over a more frequent one", "[triage][text]") {
    SpellingCorrector c;
    c.add("but", 5000);
    c.add("burst", 3);
    CHECK(c.correct("burt") == "but");
    c.prefer("burst");
    CHECK(c.correct("burt") == "burst");
    // The base corrector prefers the hazard words, and only those: "burt pipe" is a burst pipe,
    // but "letting" and "renew" typos do not become "jetting" or "reek".
    const SpellingCorrector base = base_corrector();
    CHECK(base.correct("burt") == "burst");
    CHECK(base.correct("acing") == "arcing");
    CHECK(base.correct("sparkling") == "sparkling");  // a word, not a typo of "sparking"
    CHECK(base.correct("letting") == "letting");
    for (const auto w : hazard_words()) {
        INFO(w);
        const auto all = safety_vocabulary();
        CHECK(std::find(all.begin(), all.end(), w) != all.end());
    }
}

TEST_CASE("timing cues: sooner, later, neither, or both", "[triage][text]") {
    auto cue = [](const char* text) { return timing_cue(normalise_text(text)); };
    REQUIRE(cue("please come asap"));
    CHECK(cue("please come asap")->cue == TimingCue::sooner);
    CHECK(cue("no rush at all")->cue == TimingCue::later);
    CHECK(cue("no rush at all")->words == "no rush");
    CHECK(cue("it's not an emergency")->cue == TimingCue::later);
    CHECK(cue("any time next week")->cue == TimingCue::later);
    CHECK(cue("as soon as possible")->cue == TimingCue::sooner);
    CHECK_FALSE(cue("boiler keeps locking out"));
    CHECK_FALSE(cue("urgent but next week is fine"));  // contradictory: no cue
}

TEST_CASE("features mark negated and long-past words and fold numbers", "[triage][text]") {
    const FeatureOptions o;
    auto has = [](const std::vector<std::string>& names, const std::string& f) {
        return std::find(names.begin(), names.end(), f) != names.end();
    };
    const auto negated = feature_names(normalise_text("no smell of gas, just a noisy boiler"), o);
    CHECK(has(negated, "!smell"));
    CHECK(has(negated, "!gas"));
    CHECK_FALSE(has(negated, "gas"));
    CHECK(has(negated, "boiler"));
    CHECK(has(negated, "noisy boiler"));
    CHECK(has(negated, "~boil"));
    CHECK_FALSE(has(negated, "~<gas"));  // negated words give no letter n-grams

    // A verb's negation stops short of its object: the ticket is still about the boiler.
    const auto verbal = feature_names(normalise_text("landlord hasn't sorted the boiler"), o);
    CHECK(has(verbal, "!sorted"));
    CHECK(has(verbal, "boiler"));
    CHECK_FALSE(has(verbal, "!boiler"));

    const auto past = feature_names(normalise_text("had a burst pipe last winter"), o);
    CHECK(has(past, "!burst"));
    const auto numbers = feature_names(normalise_text("upgrade to 200 amp"), o);
    CHECK(has(numbers, "#"));
    CHECK(has(numbers, "# amp"));
    CHECK(std::is_sorted(numbers.begin(), numbers.end()));
    CHECK(std::adjacent_find(numbers.begin(), numbers.end()) == numbers.end());
}

TEST_CASE("a feature index keeps frequent features and scales rows to unit length", "[triage][text]") {
    const FeatureIndex index = FeatureIndex::build({{"a", "b"}, {"a", "c"}, {"a", "b"}}, 2);
    CHECK(index.names() == std::vector<std::string>{"a", "b"});
    const SparseRow r = index.row({"b", "a", "zzz"});
    REQUIRE(r.index.size() == 2);
    CHECK(r.index[0] < r.index[1]);
    CHECK(r.value[0] * r.value[0] + r.value[1] * r.value[1] == Approx(1.0));
}

}  // namespace test_triage_text
