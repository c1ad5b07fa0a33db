// Triage end to end, with the classifier trained on the built-in training split: held-out
// accuracy and elevation targets, safety paraphrases elevated and harmless mentions not (through
// the whole pipeline, classifier included), timing cues, needs-a-human, the model file.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fsd/triage/evaluation.hpp"
#include "fsd/triage/model_file.hpp"
#include "fsd/triage/report.hpp"
#include "triage_corpus/corpus.hpp"

namespace test_triage_pipeline {

using namespace fsd;
using namespace fsd::triage;

namespace {

const Triager& triager() {
    static const Triager t(TicketClassifier::train(HeldOutExperiment{}.training()));
    return t;
}

const TriageContext no_context{};

}  // namespace

TEST_CASE("held-out job-type accuracy and elevation meet the targets", "[triage][pipeline]") {
    const auto held_out = HeldOutExperiment{}.held_out();
    const TriageEvaluation e = evaluate_triage(triager(), held_out);
    INFO(format_evaluation(e));
    REQUIRE(e.tickets == 20 * 150);
    CHECK(e.accuracy() >= 0.90);
    CHECK(e.false_elevation_rate() <= 0.05);
    CHECK(e.emergency_recall() >= 0.97);
    // The confidence value means something: confident answers are more often right.
    CHECK(e.confident_accuracy() > e.accuracy());
    for (const auto& [type, score] : e.per_type) {
        INFO(type);
        CHECK(score.accuracy() >= 0.75);
    }
}

TEST_CASE("the held-out split shares no ticket text with the training split", "[triage][corpus]") {
    const auto training = HeldOutExperiment{}.training();
    const auto held_out = HeldOutExperiment{}.held_out();
    std::set<std::string> seen;
    for (const auto& t : training) seen.insert(t.text);
    int copies = 0;
    for (const auto& t : held_out) copies += seen.count(t.text) > 0;
    // Short tickets of a few words could coincide by chance; whole-ticket copies must be rare.
    CHECK(copies <= static_cast<int>(held_out.size()) / 100);
}

TEST_CASE("safety paraphrases are emergencies end to end, with an instruction", "[triage][pipeline]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"smells like gas in the kitchen", "gas-leak"},
        {"gas smel", "gas-leak"},
        {"GAS LEAK??", "gas-leak"},
        {"rotten egg smell near the stove", "gas-leak"},
        {"co detector going off", "gas-leak"},
        {"Boiler is making a noise and there's a smell of gas", "gas-leak"},
        {"sparks coming out of the fuse box", "electrical-hazard"},
        {"burning smell from the panel", "electrical-hazard"},
        {"burst pipe in the loft, water pouring through the ceiling", "burst-pipe"},
        {"basement is flooding", "burst-pipe"},
    };
    for (const auto& [text, type] : cases) {
        INFO(text);
        const TriageResult r = triager().triage(text, no_context);
        CHECK(r.urgency == Urgency::emergency);
        CHECK(r.job_type == type);
        CHECK(r.safety_instruction.has_value());
        CHECK(r.decided_by.rfind("safety rule", 0) == 0);
        CHECK_FALSE(r.needs_human);
    }
}

TEST_CASE("the weather rules elevate and keep the classifier's job type", "[triage][pipeline]") {
    const TriageContext elderly_freezing{{Vulnerability::elderly}, -4.0};
    const TriageResult furnace = triager().triage("furnace blowing cold air", elderly_freezing);
    CHECK(furnace.urgency == Urgency::emergency);
    CHECK(furnace.job_type == "furnace-repair");
    CHECK(furnace.decided_by == "safety rule no-heat-vulnerable");
    REQUIRE(furnace.safety_instruction.has_value());
    CHECK(furnace.safety_instruction->find("warm") != std::string::npos);

    const TriageResult mild = triager().triage("furnace blowing cold air", TriageContext{{Vulnerability::elderly}, 10.0});
    CHECK(mild.urgency != Urgency::emergency);
    CHECK_FALSE(mild.safety_instruction.has_value());

    // The ticket does not say the heating has failed, but a human should ask.
    const TriageResult unclear = triager().triage("landlord still hasn't sorted the boiler, I have a 3 month old", TriageContext{{}, -5.0});
    CHECK(unclear.job_type == "boiler-repair");
    CHECK(unclear.urgency != Urgency::emergency);
    CHECK(unclear.needs_human);
    CHECK(unclear.reasons.back().find("3 month old") != std::string::npos);

    const TriageResult ac = triager().triage("the aircon stopped working", TriageContext{{Vulnerability::infant}, 36.0});
    CHECK(ac.urgency == Urgency::emergency);
    CHECK(ac.job_type == "ac-repair");
}

TEST_CASE("harmless mentions of gas, CO and electrics are not elevated end to end", "[triage][pipeline]") {
    const std::vector<std::string> cases = {
        "gas furnace annual tune-up",
        "replace gas water heater next month",
        "install a new CO alarm",
        "no smell of gas, just a noisy boiler",
        "annual gas safety check for the landlord certificate",
        "need a quote to upgrade the fuse box, no problems currently",
        "install flood lights over the garage",
        "had a burst pipe last winter, now want a new outside tap",
        "the socket in the kitchen stopped working, no burning smell",
    };
    for (const auto& text : cases) {
        INFO(text);
        const TriageResult r = triager().triage(text, no_context);
        INFO(format_result(r));
        CHECK(r.urgency != Urgency::emergency);
        CHECK(r.safety_hits.empty());
    }
}

TEST_CASE("planned work with an emergency job type's words is never elevated", "[triage][pipeline]") {
    // The classifier reads these as gas-leak, burst-pipe or electrical-hazard, some confidently
    // ("move the gas meter"), but they ask for planned work and no safety rule fires.
    const std::vector<std::string> cases = {
        "install a CO alarm",
        "Install a CO alarm",
        "INSTALL A CO ALARM",
        "install a carbon monoxide alarm",
        "fit a co alarm please",
        "CO alarm install",
        "new CO alarm needed",
        "replace CO alarm, it has expired",
        "can you fit a new CO detector",
        "want a carbon monoxide detector installed in the hallway",
        "quote for a carbon monoxide detector",
        "move the gas meter",
        "gas meter relocation quote",
        "need the gas meter moved",
        "gas leak detector install",
        "frozen pipe prevention check",
        "the CO alarm battery is low and it chirps",
        "co detector battery needs replacing",
        "kids spark-plug toy",
        "after last week's burst pipe we need a new stopcock fitted",
        "burst pipe repaired by another firm, need pressure test",
        "garden hose split, want a new outdoor tap",
        "we were flooded with leaves in the gutter",
        "mr sparks called about the panel upgrade quote",
        "sparkling clean bathroom needs new light fixture",
        "boiler igniter keeps sparking but won't light",
        "gas hob clicks and sparks but no flame",
        "furnace ignitor sparks then shuts off",
        "sparks from the log burner onto the rug",
    };
    for (const auto& text : cases) {
        INFO(text);
        const TriageResult r = triager().triage(text, no_context);
        INFO(format_result(r));
        CHECK(r.urgency != Urgency::emergency);
        CHECK(r.safety_hits.empty());
        CHECK_FALSE(r.safety_instruction.has_value());
        // An emergency job type that was not elevated goes to a human.
        if (r.spec->typical_urgency == Urgency::emergency) CHECK(r.needs_human);
    }
}

TEST_CASE("a hazard the classifier alone decides carries its job type's instruction", "[triage][pipeline]") {
    const TriageResult co = triager().triage("CARBON MONOXIDE ALARM!!!", no_context);
    INFO(format_result(co));
    CHECK(co.safety_hits.empty());  // no verb: the CO rule wants the alarm going off
    CHECK(co.decided_by == "classifier");
    REQUIRE(co.urgency == Urgency::emergency);
    CHECK(co.safety_instruction == std::string(info(SafetyRule::carbon_monoxide).instruction));

    // Below the classifier's emergency threshold the same ticket is same-day, for a human now.
    TriageOptions strict;
    strict.classifier_emergency_threshold = 0.999;
    const Triager cautious(triager().model(), strict);
    const TriageResult unsure = cautious.triage("CARBON MONOXIDE ALARM!!!", no_context);
    CHECK(unsure.urgency == Urgency::same_day);
    CHECK(unsure.needs_human);
    CHECK_FALSE(unsure.safety_instruction.has_value());
}

TEST_CASE("every emergency on the held-out split carries a safety instruction", "[triage][pipeline]") {
    int emergencies = 0;
    for (const auto& t : HeldOutExperiment{}.held_out()) {
        const TriageResult r = triager().triage(t.text, t.context);
        if (r.urgency != Urgency::emergency) continue;
        ++emergencies;
        INFO(t.text);
        CHECK(r.safety_instruction.has_value());
    }
    CHECK(emergencies > 400);
}

TEST_CASE("missed hazards from review: typos and comparative 'never' are elevated", "[triage][pipeline]") {
    for (const char* text : {"burt pipe help", "never smelled gas this strong before", "sparks coming from the fuse box",
                             "socket sparked and smells burning", "SPARKS FROM PANEL"}) {
        INFO(text);
        const TriageResult r = triager().triage(text, no_context);
        CHECK(r.urgency == Urgency::emergency);
        CHECK(r.decided_by.rfind("safety rule", 0) == 0);
        CHECK(r.safety_instruction.has_value());
    }
}

TEST_CASE("timing cues move same-day and scheduled jobs, never emergencies", "[triage][pipeline]") {
    const TriageResult relaxed = triager().triage("small leak under the kitchen sink, no rush, next week is fine", no_context);
    CHECK(relaxed.job_type == "leak-repair");
    CHECK(relaxed.urgency == Urgency::scheduled);
    const TriageResult typical = triager().triage("small leak under the kitchen sink", no_context);
    CHECK(typical.urgency == Urgency::same_day);
    const TriageResult urgent = triager().triage("outlet in the bedroom stopped working, need it fixed today please", no_context);
    CHECK(urgent.job_type == "outlet-repair");
    CHECK(urgent.urgency == Urgency::same_day);
    const TriageResult gas = triager().triage("I can smell gas but no rush", no_context);
    CHECK(gas.urgency == Urgency::emergency);
}

TEST_CASE("off-topic text needs a human", "[triage][pipeline]") {
    const TriageResult r = triager().triage("what time does the shop open on saturday", no_context);
    CHECK(r.needs_human);
    CHECK(r.confidence < triager().options().confidence_threshold);
    CHECK(r.urgency != Urgency::emergency);
    bool says_why = false;
    for (const auto& reason : r.reasons) says_why = says_why || reason.find("needs a human") != std::string::npos;
    CHECK(says_why);
}

TEST_CASE("the result carries the job type's requirements and duration", "[triage][pipeline]") {
    const TriageResult r = triager().triage("my AC is blowing warm air", no_context);
    REQUIRE(r.job_type == "ac-repair");
    CHECK(r.spec->certification == "refrigerant-handling");
    CHECK(r.duration.p50 < r.duration.p75);
    CHECK(r.duration.p75 < r.duration.p90);
    const auto json = result_to_json(r);
    for (const char* key : {"job_type", "urgency", "skills", "confidence", "reasons", "safety_instruction"}) {
        INFO(key);
        CHECK(json.contains(key));
    }
    CHECK(json["urgency"] == "same-day");
    CHECK(json["safety_instruction"].is_null());
    CHECK(json["skills"][0]["skill"] == "hvac");

    // A custom duration estimator is used as given.
    auto fixed = [](const JobTypeSpec&, const TriageContext&) { return DurationQuantiles::fixed(minutes(42)); };
    CHECK(triager().triage("my AC is blowing warm air", no_context, fixed).duration == DurationQuantiles::fixed(minutes(42)));

    Catalog catalog;
    catalog.skills = {"hvac", "plumbing"};
    catalog.certifications = {"refrigerant-handling"};
    catalog.equipment = {"refrigerant-recovery"};
    const Job job = to_job(r, catalog, "J1", "my AC is blowing warm air");
    REQUIRE(job.skills.size() == 1);
    CHECK(job.skills[0].level == 2);
    CHECK(job.certifications.size() == 1);
    CHECK(job.equipment.size() == 1);
    catalog.equipment.clear();
    CHECK_THROWS_AS(to_job(r, catalog, "J1", ""), InputErrors);
}

TEST_CASE("a saved model loads back and predicts the same", "[triage][model-file]") {
    const auto path = std::filesystem::temp_directory_path() / "fsd_test_triage_model.json";
    save_classifier(path, triager().model());
    const TicketClassifier loaded = load_classifier(path);
    std::filesystem::remove(path);
    CHECK(loaded.classes() == triager().model().classes());
    CHECK(loaded.features().size() == triager().model().features().size());
    for (const char* text : {"boiler keeps locking out", "need a sparky to fit spotlights", "blocked toilet asap"}) {
        const auto a = triager().model().probabilities(triager().model().read(text));
        const auto b = loaded.probabilities(loaded.read(text));
        CHECK((a - b).cwiseAbs().maxCoeff() < 2e-3);
    }
}

TEST_CASE("malformed model files and ticket files are rejected with a clear message", "[triage][model-file]") {
    auto doc = classifier_to_json(triager().model());
    doc["format"] = "something-else";
    CHECK_THROWS_WITH(classifier_from_json(doc), Catch::Contains("fsd-triage-model/1"));
    doc = classifier_to_json(triager().model());
    doc["bias"].erase(0);
    CHECK_THROWS_WITH(classifier_from_json(doc), Catch::Contains("bias"));

    const auto path = std::filesystem::temp_directory_path() / "fsd_test_tickets.tsv";
    {
        std::ofstream out(path);
        out << "# job_type<TAB>text\nboiler-repair\tboiler won't fire\nnot-a-type\tsomething\nno "
               "tab here\n";
    }
    CHECK_THROWS_WITH(load_labelled_tickets(path), Catch::Contains(":3") && Catch::Contains("not-a-type"));
    {
        std::ofstream out(path);
        out << "boiler-repair\tboiler won't fire up\nboiler-repair\tboiler keeps locking out\n"
               "drain-unblock\tkitchen sink is blocked\ndrain-unblock\ttoilet is blocked and "
               "overflowing\n";
    }
    const auto tickets = load_labelled_tickets(path);
    std::filesystem::remove(path);
    REQUIRE(tickets.size() == 4);
    TrainingOptions o;
    o.features.min_count = 1;
    const TicketClassifier tiny = TicketClassifier::train(tickets, o);
    CHECK(tiny.classes() == std::vector<std::string>{"boiler-repair", "drain-unblock"});
    const auto p = tiny.probabilities(tiny.read("the boiler is locking out"));
    CHECK(p(0) > p(1));

    // A model whose classes are not job types cannot drive triage.
    std::vector<LabelledTicket> odd = tickets;
    odd[0].job_type = "window-cleaning";
    CHECK_THROWS_AS(Triager(TicketClassifier::train(odd, o)), std::invalid_argument);
}

}  // namespace test_triage_pipeline
