// The scheduled lane: a week of scheduled work planned with the clustering term (each
// technician-day stays in few neighbourhoods), then a customer calls for a visit: the lane offers
// (day, window) appointments that fit the plan, premium one-hour windows included, each with its
// cost to the plan and its confidence; booking one adds the visit with that window as hard.
#include <fmt/core.h>

#include <algorithm>

#include <fsd/lanes/appointments.hpp>
#include <fsd/model/evaluate.hpp>
#include <fsd/scenario/generator.hpp>
#include <fsd/solver/solve.hpp>

using namespace fsd;

int main() {
    ScenarioOptions scenario;
    scenario.technicians = 6;
    scenario.jobs = 110;
    scenario.days = 5;
    Problem problem = generate_scenario(scenario);
    // The last scheduled customer calls once the week is planned.
    const auto it = std::find_if(problem.jobs.rbegin(), problem.jobs.rend(), [](const Job& j) { return j.urgency == Urgency::scheduled; });
    const Job request = *it;
    problem.jobs.erase(std::next(it).base());

    problem.objective.spread_per_km = 10;  // the clustering term: per km of a technician-day's spread
    solver::SolverParams search;
    search.max_iterations = 3000;  // a short search keeps the example quick
    const Plan week = solver::solve(problem, search).plan;
    const Evaluation planned = evaluate(problem, week);
    fmt::print("planned {} of {} jobs over {} days, feasible {}, spread {:.2f} km per technician-day\n", planned.kpis.jobs_assigned,
               problem.jobs.size(), scenario.days, planned.feasible() ? "yes" : "no", planned.kpis.spread_km_mean);

    lanes::OfferOptions options;
    options.k = 5;
    const std::vector<lanes::AppointmentOffer> offers = lanes::appointment_offers(problem, week, request, options);
    fmt::print("customer {} asks for a visit: {} offers\n", request.customer_id, offers.size());
    for (std::size_t k = 0; k < offers.size(); ++k) {
        const lanes::AppointmentOffer& o = offers[k];
        const Duration midnight = day_start(o.day) - TimePoint(0);
        fmt::print("offer {}: day {} {}-{}{}, {}, cost {:.2f}, {:.0f}% confidence\n", k + 1, o.day, format_clock(o.window.start - midnight),
                   format_clock(o.window.end - midnight), o.premium ? " (premium)" : "", problem.technicians[o.technician].id,
                   to_currency(o.cost), 100 * o.confidence);
    }
    if (offers.empty()) return 0;
    const lanes::Booking booked = lanes::book(problem, week, request, offers.front());
    const Evaluation after = evaluate(booked.problem, booked.plan);
    fmt::print("booked offer 1: feasible {}, {} jobs planned, the visit on day {} now has that window as hard\n",
               after.feasible() ? "yes" : "no", after.kpis.jobs_assigned, offers.front().day);
    return 0;
}
