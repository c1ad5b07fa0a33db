// Typed indices: one kind of index is never taken for another, at compile time, and the tables
// they index behave as the vectors they are.
#include <catch2/catch.hpp>

#include <cstddef>
#include <sstream>
#include <type_traits>
#include <unordered_set>
#include <vector>

#include "fsd/model/eligibility.hpp"
#include "fsd/model/index.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace test_model_index {

using namespace fsd;

template <class Table, class I>
concept IndexesWith = requires(Table& t, I i) {
    t[i];
};

template <class I>
concept IndexesTravel = requires(const Matrix<Duration>& m, I i) {
    m(i, i);
};

TEST_CASE("an index of one kind is not taken for another, and a table takes only its own kind") {
    STATIC_REQUIRE_FALSE(std::is_convertible_v<JobIndex, TechnicianIndex>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<JobIndex, LocationId>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<TechnicianIndex, JobIndex>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<LocationId, JobIndex>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<JobIndex, std::size_t>);

    // `p.locations[job]`, `p.jobs[tech]`, `p.technicians[job.location]`: the classic mix-ups.
    STATIC_REQUIRE(IndexesWith<decltype(Problem::locations), LocationId>);
    STATIC_REQUIRE_FALSE(IndexesWith<decltype(Problem::locations), JobIndex>);
    STATIC_REQUIRE(IndexesWith<decltype(Problem::jobs), JobIndex>);
    STATIC_REQUIRE_FALSE(IndexesWith<decltype(Problem::jobs), TechnicianIndex>);
    STATIC_REQUIRE(IndexesWith<decltype(Problem::technicians), TechnicianIndex>);
    STATIC_REQUIRE_FALSE(IndexesWith<decltype(Problem::technicians), LocationId>);
    // A loop counter still indexes a table: counting is not a mix-up.
    STATIC_REQUIRE(IndexesWith<decltype(Problem::jobs), std::size_t>);
    STATIC_REQUIRE(IndexesWith<PerJob<double>, JobIndex>);
    STATIC_REQUIRE_FALSE(IndexesWith<PerJob<double>, TechnicianIndex>);

    // A plan's routes are counted, not a technician's: `plan.routes[route.technician]` is refused.
    STATIC_REQUIRE_FALSE(IndexesWith<decltype(Plan::routes), TechnicianIndex>);

    // The travel tables are between locations, not jobs.
    STATIC_REQUIRE(IndexesTravel<LocationId>);
    STATIC_REQUIRE_FALSE(IndexesTravel<JobIndex>);

    // Arguments in the wrong order do not compile.
    STATIC_REQUIRE(std::is_invocable_v<decltype(may_do)&, const Problem&, JobIndex, TechnicianIndex, std::size_t>);
    STATIC_REQUIRE_FALSE(std::is_invocable_v<decltype(may_do)&, const Problem&, TechnicianIndex, JobIndex, std::size_t>);
    STATIC_REQUIRE(std::is_invocable_v<decltype(technician_penalty)&, const Problem&, const Job&, TechnicianIndex>);
    STATIC_REQUIRE_FALSE(std::is_invocable_v<decltype(technician_penalty)&, const Problem&, const Job&, JobIndex>);

    // Nor does a table of one kind pass for a table of another; a plain vector does.
    STATIC_REQUIRE_FALSE(std::is_convertible_v<PerTechnician<int>, PerJob<int>>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<const PerTechnician<int>&, const PerJob<int>&>);
    STATIC_REQUIRE(std::is_convertible_v<std::vector<int>, PerJob<int>>);
    // Characters and truth values are not indices.
    STATIC_REQUIRE_FALSE(std::is_convertible_v<char, JobIndex>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<bool, JobIndex>);
}

TEST_CASE("typed tables: indices, lookups and conversions") {
    PerTechnician<int> load{4, 0, 7};
    std::vector<TechnicianIndex> seen;
    for (TechnicianIndex t : load.indices()) seen.push_back(t);
    REQUIRE(seen == std::vector<TechnicianIndex>{0, 1, 2});
    REQUIRE(load[TechnicianIndex(2)] == 7);
    REQUIRE(load.contains(TechnicianIndex(2)));
    REQUIRE_FALSE(load.contains(TechnicianIndex(3)));
    REQUIRE(indices<JobIndex>(0).begin() == indices<JobIndex>(0).end());

    // A plain vector converts into a table, and a table is still a vector.
    PerJob<double> hours = std::vector<double>{1.5, 2.5};
    const std::vector<double>& as_vector = hours;
    REQUIRE(as_vector.size() == 2);
    REQUIRE(hours.at(JobIndex(1)) == 2.5);
    REQUIRE_THROWS_AS(hours.at(JobIndex(2)), std::out_of_range);

    std::unordered_set<LocationId> places{LocationId(3), LocationId(3), LocationId(5)};
    REQUIRE(places.size() == 2);
    REQUIRE(JobIndex(3) < JobIndex(4));
    REQUIRE(JobIndex(3) == 3);
}

TEST_CASE("a stop reads as the job it visits; a break keeps its own index") {
    const Stop visit = Stop::job(JobIndex(7));
    REQUIRE(visit.job_index() == JobIndex(7));
    REQUIRE(visit.index == 7);
    const Stop lunch = Stop::rest(1);
    REQUIRE(lunch.kind == StopKind::break_time);
    REQUIRE(lunch.index == 1);
}

TEST_CASE("an index prints as its number") {
    std::ostringstream out;
    out << JobIndex(12) << ' ' << LocationId(3);
    REQUIRE(out.str() == "12 3");
    INFO("job " << JobIndex(12));
    SUCCEED();
}

}  // namespace test_model_index
