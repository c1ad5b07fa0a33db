// Hard eligibility: skill level, certificate expiry on the job date, equipment, excluded /
// required / pinned technicians and shifts each exclude with a reason that names the gap; and
// the worded check agrees with the planners' bitset test on a generated scenario.
#include <catch2/catch.hpp>

#include "fsd/matching/match.hpp"
#include "fsd/scenario/generator.hpp"
#include "matching_fixture.hpp"

namespace test_matching_eligibility {

using namespace fsd;
using namespace fsd::matching;
using fsd::test::TechSpec;

namespace {

const Gap* find_gap(const MatchResult& r, TechnicianIndex t, GapKind kind) {
    for (const auto& rej : r.ineligible)
        if (rej.technician == t)
            for (const auto& g : rej.gaps)
                if (g.kind == kind) return &g;
    return nullptr;
}

bool ranked(const MatchResult& r, TechnicianIndex t) {
    for (const auto& c : r.ranked)
        if (c.technician == t) return true;
    return false;
}

}  // namespace

TEST_CASE("a skill below the required level excludes, naming both levels", "[matching][eligibility]") {
    const auto p = test::matching_problem({{"T1", 10, {{0, 1}}, {test::valid_gas_safe()}, {}},
                                           {"T2", 10, {{0, 2}}, {test::valid_gas_safe()}, {}},
                                           {"T3", 10, {{1, 3}}, {test::valid_gas_safe()}, {}}},
                                          test::boiler_repair_job());
    const MatchResult r = match_technicians(p, 0);
    CHECK(r.eligible == 1);
    CHECK(ranked(r, 1));
    const Gap* low = find_gap(r, 0, GapKind::skill_too_low);
    REQUIRE(low);
    CHECK(low->detail == "hvac L1, needs L2");
    const Gap* none = find_gap(r, 2, GapKind::skill_missing);
    REQUIRE(none);
    CHECK(none->detail == "no hvac skill (needs L2)");
}

TEST_CASE("an expired certificate excludes; one valid on the job date does not", "[matching][eligibility]") {
    const Certification expired{0, date_from_civil(2026, 11, 10)};
    const Certification last_day{0, date_from_civil(2026, 11, 23)};  // valid up to and including the job date
    const auto p =
        test::matching_problem({{"T1", 10, {{0, 2}}, {expired}, {}}, {"T2", 10, {{0, 2}}, {last_day}, {}}, {"T3", 10, {{0, 2}}, {}, {}}},
                               test::boiler_repair_job());
    const MatchResult r = match_technicians(p, 0);
    CHECK(r.eligible == 1);
    CHECK(ranked(r, 1));
    const Gap* gone = find_gap(r, 0, GapKind::certification_expired);
    REQUIRE(gone);
    CHECK(gone->detail == "gas-safe expired 2026-11-10 (job on 2026-11-23)");
    CHECK(find_gap(r, 2, GapKind::certification_missing));
    CHECK(summarise_rejections(r) == "1 gas-safe expired; 1 no gas-safe certificate");

    // The same technician on a job dated before the expiry is eligible.
    auto early = p;
    early.horizon.start_date = date_from_civil(2026, 11, 2);
    CHECK(match_technicians(early, 0).eligible == 3 - 1);
}

TEST_CASE("missing equipment excludes", "[matching][eligibility]") {
    auto job = test::boiler_repair_job();
    job.equipment = {1};
    const auto p = test::matching_problem(
        {{"T1", 10, {{0, 2}}, {test::valid_gas_safe()}, {}}, {"T2", 10, {{0, 2}}, {test::valid_gas_safe()}, {1}}}, job);
    const MatchResult r = match_technicians(p, 0);
    CHECK(r.eligible == 1);
    CHECK(ranked(r, 1));
    const Gap* g = find_gap(r, 0, GapKind::equipment_missing);
    REQUIRE(g);
    CHECK(g->detail == "no pipe-camera on the van");
    CHECK(r.ranked[0].reasons[0] == "hvac L2 + gas-safe cert + pipe-camera on van");
}

TEST_CASE("excluded, required and pinned technicians are honoured", "[matching][eligibility]") {
    const TechSpec able{"T1", 5, {{0, 3}}, {test::valid_gas_safe()}, {}};
    std::vector<TechSpec> techs{able, able, able};
    techs[1].id = "T2";
    techs[2].id = "T3";

    auto excluded = test::boiler_repair_job();
    excluded.excluded_technicians = {0};
    auto r = match_technicians(test::matching_problem(techs, excluded), 0);
    CHECK(r.eligible == 2);
    CHECK_FALSE(ranked(r, 0));
    CHECK(find_gap(r, 0, GapKind::excluded));

    auto required = test::boiler_repair_job();
    required.required_technicians = {1, 2};
    r = match_technicians(test::matching_problem(techs, required), 0);
    CHECK(r.eligible == 2);
    const Gap* not_required = find_gap(r, 0, GapKind::not_required);
    REQUIRE(not_required);
    CHECK(not_required->detail == "not one of the required technicians (T2, T3)");

    auto pinned = test::boiler_repair_job();
    pinned.pinned_technician = 2;
    pinned.preferred_technicians = {0};  // preference cannot beat a pin
    r = match_technicians(test::matching_problem(techs, pinned), 0);
    REQUIRE(r.ranked.size() == 1);
    CHECK(r.ranked[0].technician == 2);
    const Gap* elsewhere = find_gap(r, 0, GapKind::pinned_elsewhere);
    REQUIRE(elsewhere);
    CHECK(elsewhere->detail == "job is pinned to T3");
}

TEST_CASE("a technician must work on the job's day, overlapping its windows", "[matching][eligibility]") {
    std::vector<TechSpec> techs{{"T1", 5, {{0, 2}}, {test::valid_gas_safe()}, {}, false},
                                {"T2", 5, {{0, 2}}, {test::valid_gas_safe()}, {}}};
    auto r = match_technicians(test::matching_problem(techs, test::boiler_repair_job()), 0);
    CHECK(r.eligible == 1);
    const Gap* off = find_gap(r, 0, GapKind::no_shift);
    REQUIRE(off);
    CHECK(off->detail == "not working on 2026-11-23");

    auto evening = test::boiler_repair_job();
    evening.time_windows = {{day_start(0) + hours(19), day_start(0) + hours(21)}};  // after 17:00 + 1 h overtime
    r = match_technicians(test::matching_problem(techs, evening), 0);
    CHECK(r.eligible == 0);
    CHECK(find_gap(r, 1, GapKind::no_shift));

    MatchOptions any_time;
    any_time.require_shift = false;
    CHECK(match_technicians(test::matching_problem(techs, evening), 0, {}, any_time).eligible == 2);
}

TEST_CASE("worded eligibility agrees with the bitset test on a generated scenario", "[matching][eligibility]") {
    ScenarioOptions o;
    o.technicians = 30;
    o.jobs = 120;
    o.seed = 7;
    Problem p = generate_scenario(o);
    // Lapse every certificate of the first certified technician the day before the horizon.
    for (auto& t : p.technicians) {
        if (t.certifications.empty()) continue;
        for (auto& c : t.certifications) c.expires = Date{p.horizon.start_date->days - 1};
        break;
    }
    int eligible_pairs = 0, expired_gaps = 0;
    for (JobIndex j : p.jobs.indices()) {
        const int day = job_day(p.jobs[j]);
        for (TechnicianIndex t : p.technicians.indices()) {
            const auto check = check_eligibility(p, j, t, day, /*require_shift=*/false);
            CHECK(check.eligible() == may_do(p, j, t, 0));
            eligible_pairs += check.eligible();
            for (const auto& g : check.gaps) expired_gaps += g.kind == GapKind::certification_expired;
        }
    }
    CHECK(eligible_pairs > 0);
    CHECK(expired_gaps > 0);  // the lapsed certificates show up as such
}

}  // namespace test_matching_eligibility
