// fsd cascade PROBLEM BEFORE AFTER: what changing from one plan to another does to everybody's day,
// and who must be told, as the evaluator times both plans.
#include <memory>

#include <fmt/core.h>

#include "command.hpp"
#include "fsd/dispatch/cascade_io.hpp"
#include "fsd/io/json.hpp"
#include "input_errors.hpp"

namespace fsd::cli {
namespace {

struct CascadeArgs {
    std::string problem, before, after, now;
    double threshold_min = 15;
    bool json = false;
};

int run(const CascadeArgs& a) {
    const Problem p = load_problem(a.problem);
    const Plan before = load_plan(a.before, p);
    const Plan after = load_plan(a.after, p);
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
         app.add_option("--threshold", a->threshold_min, "minutes an ETA may move before the customer is told")->capture_default_str();
         app.add_flag("--json", a->json, "one JSON object");
         return std::function<int()>([a] { return run(*a); });
     }}};

}  // namespace
}  // namespace fsd::cli
