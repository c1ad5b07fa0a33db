// Replaying a recorded day: the recorded durations, absences and cancellations replace the truth's
// draws whatever the seed and the rates, and a bad recording is refused with the path of every defect.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "fsd/simulate/policies.hpp"
#include "fsd/simulate/recorded.hpp"
#include "fsd/simulate/simulator.hpp"
#include "fsd/simulate/truth.hpp"
#include "generated_day.hpp"
#include "quick_policies.hpp"

namespace test_simulate_recorded {

using namespace fsd;
using namespace fsd::simulate;
using json = nlohmann::ordered_json;

namespace {

using test_support::generated_day;

std::set<std::string> error_paths(const Problem& p, const json& doc) {
    std::set<std::string> paths;
    try {
        (void)recorded_day_from_json(p, doc);
    } catch (const InputErrors& e) {
        for (const InputError& err : e.errors()) paths.insert(err.path);
    }
    return paths;
}

}  // namespace

TEST_CASE("a recorded day names the path of every defect at once") {
    Problem p = generated_day(1, 3, 12);
    const auto id = [&p](int j) { return p.jobs[static_cast<std::size_t>(j)].id; };
    p.jobs[9].reported_at = day_start(0) + hours(10);
    const json doc = {{"jobs",
                       {{{"id", "no such job"}},
                        {{"id", id(0)}, {"duration_min", -5}},
                        {{"id", id(1)}, {"outcome", "cancelled"}},
                        {{"id", id(2)}, {"outcome", "gone fishing"}},
                        {{"id", id(0)}, {"duration_min", 30}},
                        {{"id", id(3)}, {"outcome", "not_home"}, {"duration_min", 30}},
                        {{"id", id(4)}, {"duration_min", 30}, {"technician", "nobody"}},
                        {{"id", id(5)}, {"colour", "blue"}},
                        {{"id", id(6)}, {"cancelled_at", 36000}},
                        {{"id", id(7)}, {"technician", p.technicians[0].id}},
                        {{"id", id(9)}, {"outcome", "cancelled"}, {"cancelled_at", 9 * 3600}},
                        {{"id", id(10)}, {"duration_min", 60 * 24 * 8}},
                        {{"id", id(11)}, {"duration_min", 45}, {"technician", p.technicians[1].id}, {"x-source", "job sheet"}}}}};
    CHECK(error_paths(p, doc) == std::set<std::string>{"jobs[0].id", "jobs[1].duration_min", "jobs[2].cancelled_at", "jobs[3].outcome",
                                                       "jobs[4].id", "jobs[5].duration_min", "jobs[6].technician", "jobs[7].colour",
                                                       "jobs[8].cancelled_at", "jobs[9].technician", "jobs[10].cancelled_at",
                                                       "jobs[11].duration_min"});
    CHECK(error_paths(p, json::array()) == std::set<std::string>{""});
    CHECK(error_paths(p, json::object()) == std::set<std::string>{"jobs"});
    CHECK(error_paths(p, {{"jobs", {1}}}) == std::set<std::string>{"jobs[0]"});

    // The last entry alone is good: the technician's recorded 45 minutes are nominal 45 x efficiency.
    p.technicians[1].efficiency = 1.2;
    const RecordedDay day = recorded_day_from_json(p, {{"jobs", {doc["jobs"][12]}}});
    REQUIRE(day.jobs.size() == p.jobs.size());
    REQUIRE(day.find(JobIndex(11)));
    CHECK(day.find(JobIndex(11))->outcome == RecordedOutcome::served);
    CHECK(day.find(JobIndex(11))->nominal_duration == Duration(45 * 60 * 6 / 5));
    CHECK(!day.find(JobIndex(10)));
}

TEST_CASE("a replayed day keeps what was recorded, whatever the seed and the truth's rates") {
    Problem p = generated_day(4, 4, 14);
    for (std::size_t t = 0; t < p.technicians.size(); ++t) p.technicians[t].efficiency = 0.8 + 0.15 * static_cast<double>(t);
    // Every job recorded: served in 20 + 7k minutes, but for one customer not at home and one who
    // cancelled before the morning plan. The rates would have every customer cancel or be out.
    const JobIndex out(2), cancelled(5);
    json entries = json::array();
    for (JobIndex j : p.jobs.indices()) {
        json e = {{"id", p.jobs[j].id}};
        if (j == out)
            e["outcome"] = "not_home";
        else if (j == cancelled)
            e.update({{"outcome", "cancelled"}, {"cancelled_at", p.jobs[j].reported_at.value_or(day_start(0) + hours(5)).count()}});
        else
            e["duration_min"] = 20 + 7 * static_cast<int>(j.value());
        entries.push_back(e);
    }
    SimParams sp;
    sp.truth.recorded = recorded_day_from_json(p, {{"jobs", entries}});
    sp.truth.cancellation_rate = 1;
    sp.truth.not_home_rate = 1;
    sp.truth.duration_spread = 2;

    for (std::uint64_t seed : {1, 2}) {
        CAPTURE(seed);
        sp.seed = seed;
        const Truth truth(p, sp.truth, seed, day_start(0) + hours(6));
        CHECK(truth.drawn_duration(JobIndex(3)) == Approx(41 * 60));
        CHECK(truth.job(cancelled).cancelled_at == truth.job(cancelled).revealed);
        CHECK(truth.job(out).not_home);

        auto policy = make_policy("optimiser-p75", test_support::quick_policies());
        const SimulationResult r = simulate_day(p, *policy, sp);
        int done = 0;
        for (const ExecutedRoute& route : r.routes)
            for (const ExecutedStop& s : route.stops) {
                if (s.kind != StopKind::job || s.outcome != VisitOutcome::served) continue;
                ++done;
                const Duration nominal = minutes(20 + 7 * static_cast<std::int64_t>(s.index));
                CHECK(s.end - s.start == Problem::for_technician(nominal, p.technicians[route.technician]));
            }
        CHECK(done >= 8);
        CHECK(r.jobs[cancelled].fate == JobFate::cancelled);
        CHECK(r.jobs[out].fate != JobFate::done);
        if (r.jobs[out].knock) CHECK(r.jobs[out].fate == JobFate::not_home);
        for (JobIndex j : p.jobs.indices())
            if (j != out && j != cancelled) CHECK((r.jobs[j].fate == JobFate::done || r.jobs[j].fate == JobFate::carried_over));
    }

    // A recording of another problem is refused, not read out of bounds.
    TruthParams other;
    other.recorded.jobs.resize(p.jobs.size() + 1);
    CHECK_THROWS_AS(Truth(p, other, 1, day_start(0) + hours(6)), std::invalid_argument);
}

}  // namespace test_simulate_recorded
