// Soft ranking: distance, preference, customer history, load, first-time fix and proficiency
// each move the order the way they should, and the reasons name the deciding factors.
#include <catch2/catch.hpp>

#include <string>

#include "fsd/matching/match.hpp"
#include "matching_fixture.hpp"

namespace test_matching_ranking {

using namespace fsd;
using namespace fsd::matching;
using fsd::test::TechSpec;

namespace {

// Two equally qualified technicians, T1 at `a` minutes and T2 at `b` minutes from the job.
Problem pair_at(int a, int b, fsd::Job job = test::boiler_repair_job()) {
    return test::matching_problem({{"T1", a, {{0, 2}}, {test::valid_gas_safe()}, {}}, {"T2", b, {{0, 2}}, {test::valid_gas_safe()}, {}}},
                                  std::move(job));
}

bool mentions(const Candidate& c, const std::string& words) {
    return c.summary().find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("the nearer technician ranks first and the reason says how far", "[matching][ranking]") {
    const MatchResult r = match_technicians(pair_at(25, 12), 0);
    REQUIRE(r.ranked.size() == 2);
    CHECK(r.ranked[0].technician == 1);
    CHECK(r.ranked[0].summary() == "hvac L2 + gas-safe cert; 12 min away; 0 jobs today");
    CHECK(mentions(r.ranked[1], "25 min away"));
    CHECK(r.ranked[0].score > r.ranked[1].score);
}

TEST_CASE("the current or planned position replaces the start location", "[matching][ranking]") {
    auto p = pair_at(25, 12);
    MatchInputs inputs;
    inputs.states = {TechnicianState{LocationId{0}, 0}, TechnicianState{}};  // T1 is already at the site
    const MatchResult r = match_technicians(p, 0, inputs);
    CHECK(r.ranked[0].technician == 0);
    CHECK(mentions(r.ranked[0], "0 min away"));
}

TEST_CASE("a customer's preferred technician wins over a little more driving", "[matching][ranking]") {
    auto job = test::boiler_repair_job();
    job.preferred_technicians = {0};
    const MatchResult near = match_technicians(pair_at(25, 12, job), 0);
    CHECK(near.ranked[0].technician == 0);
    CHECK(mentions(near.ranked[0], "preferred by customer"));
    CHECK_FALSE(mentions(near.ranked[1], "preferred"));
    // ...but not over an hour more of it.
    const MatchResult far = match_technicians(pair_at(80, 12, job), 0);
    CHECK(far.ranked[0].technician == 1);
}

TEST_CASE("having served the customer before counts", "[matching][ranking]") {
    MatchInputs inputs;
    inputs.records.resize(2);
    inputs.records[0].visits = {{"C100", 2}};
    const MatchResult r = match_technicians(pair_at(20, 12), 0, inputs);
    CHECK(r.ranked[0].technician == 0);
    CHECK(mentions(r.ranked[0], "served this customer 2 times before"));
}

TEST_CASE("a loaded day pushes a technician down and the reason says so", "[matching][ranking]") {
    MatchInputs inputs;
    inputs.states = {TechnicianState{std::nullopt, 3}, TechnicianState{std::nullopt, 0}};
    const MatchResult r = match_technicians(pair_at(10, 15), 0, inputs);
    CHECK(r.ranked[0].technician == 1);
    CHECK(mentions(r.ranked[1], "3 jobs today"));
    CHECK(r.ranked[1].breakdown.load < 0);
}

TEST_CASE("first-time-fix history ranks, shrunk toward the prior when thin", "[matching][ranking]") {
    MatchInputs strong;
    strong.records.resize(2);
    strong.records[0].first_time_fix = {{"boiler-repair", {40, 38}}};  // 95% over 40 jobs
    strong.records[1].first_time_fix = {{"boiler-repair", {40, 24}}};  // 60%
    const MatchResult r = match_technicians(pair_at(12, 12), 0, strong);
    CHECK(r.ranked[0].technician == 0);
    CHECK(mentions(r.ranked[0], "first-time fix 95% on boiler-repair (40 jobs)"));

    // Two perfect jobs are weaker evidence than forty good ones.
    MatchInputs thin = strong;
    thin.records[1].first_time_fix = {{"boiler-repair", {2, 2}}};
    const MatchResult t = match_technicians(pair_at(12, 12), 0, thin);
    CHECK(t.ranked[0].technician == 0);
    CHECK(t.ranked[1].breakdown.first_time_fix > 0);
    CHECK(t.ranked[1].breakdown.first_time_fix < t.ranked[0].breakdown.first_time_fix);
}

TEST_CASE("proficiency above the requirement ranks higher at equal distance", "[matching][ranking]") {
    const auto p =
        test::matching_problem({{"T1", 12, {{0, 2}}, {test::valid_gas_safe()}, {}}, {"T2", 12, {{0, 3}}, {test::valid_gas_safe()}, {}}},
                               test::boiler_repair_job());
    const MatchResult r = match_technicians(p, 0);
    CHECK(r.ranked[0].technician == 1);
    CHECK(r.ranked[0].reasons[0] == "hvac L3 + gas-safe cert");
}

TEST_CASE("top-k is honoured and the ranking does not depend on the explanations", "[matching][ranking]") {
    std::vector<TechSpec> techs;
    for (int i = 0; i < 8; ++i) techs.push_back({"T" + std::to_string(i + 1), 40 - 4 * i, {{0, 2}}, {test::valid_gas_safe()}, {}});
    const auto p = test::matching_problem(techs, test::boiler_repair_job());
    MatchOptions o;
    o.k = 3;
    const MatchResult r = match_technicians(p, 0, {}, o);
    CHECK(r.eligible == 8);
    REQUIRE(r.ranked.size() == 3);
    CHECK(r.ranked[0].technician == 7);
    CHECK(r.ranked[1].technician == 6);
    CHECK(r.ranked[2].technician == 5);
    o.explain = false;
    const MatchResult quiet = match_technicians(p, 0, {}, o);
    REQUIRE(quiet.ranked.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(quiet.ranked[i].technician == r.ranked[i].technician);
        CHECK(quiet.ranked[i].reasons.empty());
    }
}

}  // namespace test_matching_ranking
