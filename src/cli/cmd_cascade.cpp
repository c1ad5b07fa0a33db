// fsd cascade PROBLEM BEFORE AFTER: what changing from one plan to another does to everybody's day,
// and who must be told, as the evaluator times both plans.
#include <memory>

#include <fmt/core.h>

#include "command.hpp"
#include "fsd/dispatch/cascade_io.hpp"
#include "fsd/io/json.hpp"
#include "fsd/model/evaluate.hpp"
#include "input_errors.hpp"

namespace fsd::cli {
namespace {

struct CascadeArgs {
    std::string problem, before, after, now;
    double threshold_min = 15;
    bool json = false;
};

// A plan compared must hold no job twice (routed or unassigned) and each technician-shift once:
// the cascade of a malformed plan would tell customers of moves that are not there. A job may be
// missing from a plan made before it was added; errors name the file, as there are two plans.
Plan comparable_plan(const std::string& file, const Problem& p) {
    return from_file(file, [&] {
        const Plan plan = load_plan(file, p);
        std::vector<InputError> errors;
        for (const Violation& v : evaluate(p, plan).violations)
            if (v.kind == ViolationKind::duplicate_job || v.kind == ViolationKind::duplicate_route ||
                v.kind == ViolationKind::bad_reference)
                errors.push_back({v.where, v.message});
        if (!errors.empty()) throw InputErrors(std::move(errors));
        return plan;
    });
}

PerJob<char> held(const Plan& plan, std::size_t jobs) {
    PerJob<char> out(jobs, 0);
    for (const Route& r : plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job) out[s.job_index()] = 1;
    for (const Unassigned& u : plan.unassigned) out[u.job] = 1;
    return out;
}

// The plan after must account for every job the plan before held: one it drops silently would be
// reported as a customer who cannot be served.
void keeps_every_job(const Problem& p, const Plan& before, const Plan& after, const std::string& file) {
    const PerJob<char> was = held(before, p.jobs.size()), is = held(after, p.jobs.size());
    std::vector<InputError> errors;
    for (JobIndex j : p.jobs.indices())
        if (was[j] && !is[j])
            errors.push_back({file, "job " + p.jobs[j].id + " is neither routed nor listed as unassigned, but the plan before has it"});
    if (!errors.empty()) throw InputErrors(std::move(errors));
}

int run(const CascadeArgs& a) {
    const Problem p = load_problem(a.problem);
    const Plan before = comparable_plan(a.before, p);
    const Plan after = comparable_plan(a.after, p);
    keeps_every_job(p, before, after, a.after);
    const TimePoint now = a.now.empty() ? TimePoint::min() : time_option(p, a.now, "--now");
    dispatch::CascadeOptions o;
    o.notify_threshold = Duration(std::llround(a.threshold_min * 60));
    const dispatch::CascadeReport r = dispatch::compare(p, before, after, now, o);
    fmt::print("{}", a.json ? dispatch::cascade_to_json(p, r).dump(2) + "\n" : dispatch::cascade_to_text(p, r));
    return exit_ok;
}

const Register cascade_command{
    {"cascade", "Compare two plans of a problem: per job and technician changes, totals, customers to tell", [](CLI::App& app) {
         auto a = std::make_shared<CascadeArgs>();
         app.add_option("PROBLEM", a->problem, "problem file (.json)")->required();
         app.add_option("BEFORE", a->before, "the plan before (.json)")->required();
         app.add_option("AFTER", a->after, "the plan after (.json)")->required();
         app.add_option("--now", a->now, "jobs before this time in both plans are history (YYYY-MM-DDTHH:MM)");
         app.add_option("--threshold", a->threshold_min, "minutes an ETA may move before the customer is told")
             ->capture_default_str()
             ->check(number_in(0, 1440));
         app.add_flag("--json", a->json, "one JSON object");
         return std::function<int()>([a] { return run(*a); });
     }}};

}  // namespace
}  // namespace fsd::cli
