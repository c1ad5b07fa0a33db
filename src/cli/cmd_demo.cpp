// fsd demo: the embedded example. Generates the default metro scenario (12 technicians, ~47
// jobs), plans it and prints the plan and its KPIs next to the manual baseline's.
#include <fmt/core.h>

#include "command.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/plan_text.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/solver/baseline.hpp"

namespace fsd::cli {
namespace {

const Register demo_command{{"demo", "Plan the embedded example scenario and print the plan and its KPIs",
    [](CLI::App& app) {
        auto seed = std::make_shared<std::uint64_t>(1);
        auto out = std::make_shared<std::string>();
        app.add_option("--seed", *seed, "scenario seed")->capture_default_str();
        app.add_option("--write-problem", *out, "also write the scenario as a problem file");
        return std::function<int()>([seed, out] {
            ScenarioOptions o;
            o.seed = *seed;
            const Problem p = generate_scenario(o);
            if (!out->empty()) write_json_file(*out, problem_to_json(p));
            const Evaluation ev = evaluate(p, plan_baseline(p));
            fmt::print("{}", format_plan_text(p, ev));
            return ev.feasible() ? exit_ok : exit_internal;
        });
    }}};

}  // namespace
}  // namespace fsd::cli
