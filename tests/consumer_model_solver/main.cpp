// Plans a small day built in memory with fsd::model and fsd::solver alone: no file format, no
// road network, no duration model. The preprocessor checks below fail the build if either
// component's headers pull in Boost, Eigen, nlohmann/json or fmt.
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>

#include "fsd/model/evaluate.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/solver/solve.hpp"

#if defined(BOOST_CONFIG_HPP) || defined(BOOST_VERSION) || defined(EIGEN_CORE_H) || defined(NLOHMANN_JSON_VERSION_MAJOR) || \
    defined(FMT_VERSION)
#error "fsd::model or fsd::solver headers include Boost, Eigen, nlohmann/json or fmt"
#endif

namespace {

constexpr std::int64_t hour = 3600;

// Six jobs 1 km apart on a street, one technician at each end, 8:00 to 16:00.
fsd::Problem street_day() {
    constexpr std::size_t sites = 8;  // two homes, six jobs
    fsd::Problem p;
    p.name = "street";
    p.travel_source = fsd::MatrixTravel{};
    p.locations.resize(sites);
    p.travel.time = fsd::Matrix<fsd::Duration>(sites);
    p.travel.distance = fsd::Matrix<fsd::Distance>(sites);
    for (std::size_t a = 0; a < sites; ++a)
        for (std::size_t b = 0; b < sites; ++b) {
            const auto km = static_cast<std::int64_t>(a > b ? a - b : b - a);
            p.travel.time(a, b) = fsd::seconds(120 * km);
            p.travel.distance(a, b) = fsd::metres(1000 * km);
        }
    for (std::size_t t = 0; t < 2; ++t) {
        fsd::Technician tech;
        tech.id = "T" + std::to_string(t + 1);
        tech.start_location = tech.end_location = static_cast<fsd::LocationId>(t == 0 ? 0 : sites - 1);
        tech.shifts = {fsd::Shift{{fsd::TimePoint(8 * hour), fsd::TimePoint(16 * hour)}, fsd::Duration::zero(), {}}};
        tech.cost_per_hour = 30;
        tech.cost_per_km = 0.4;
        p.technicians.push_back(tech);
    }
    for (std::size_t j = 1; j + 1 < sites; ++j) {
        fsd::Job job;
        job.id = "J" + std::to_string(j);
        job.location = static_cast<fsd::LocationId>(j);
        job.duration = fsd::DurationQuantiles::fixed(fsd::minutes(45));
        p.jobs.push_back(job);
    }
    return p;
}

}  // namespace

int main() try {
    const fsd::Problem problem = street_day();
    if (!fsd::check_problem(problem).empty()) return EXIT_FAILURE;
    fsd::solver::SolverParams params;
    params.max_iterations = 300;
    const fsd::Plan plan = fsd::solver::solve(problem, params).plan;
    const fsd::Evaluation ev = fsd::evaluate(problem, plan);
    std::cout << ev.kpis.jobs_assigned << " of " << problem.jobs.size() << " jobs, feasible: " << ev.feasible() << "\n";
    return ev.feasible() ? EXIT_SUCCESS : EXIT_FAILURE;
} catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return EXIT_FAILURE;
}
