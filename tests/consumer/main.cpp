// The README's usage example, compiled against the installed package.
#include <fsd/fsd.hpp>
#include <fsd/solver/baseline.hpp>
#include <iostream>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    const fsd::Problem problem = fsd::load_problem(argv[1]);
    const fsd::Plan plan = fsd::plan_baseline(problem);
    const fsd::Evaluation ev = fsd::evaluate(problem, plan);
    std::cout << ev.kpis.jobs_assigned << " of " << problem.jobs.size() << " jobs, " << (ev.feasible() ? "feasible" : "infeasible") << "\n";
    return ev.feasible() ? 0 : 1;
}
