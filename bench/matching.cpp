// fsd-bench-matching: how long skill matching takes per job on a large generated day (200
// technicians, 1500 jobs), with and without the reason strings.
//   fsd-bench-matching [--technicians N] [--jobs N]
#include <chrono>
#include <cstdlib>
#include <cstring>

#include <fmt/core.h>

#include "fsd/matching/match.hpp"
#include "fsd/scenario/generator.hpp"

namespace bench_matching {
int main(int argc, char** argv) {
    fsd::ScenarioOptions o;
    o.technicians = 200;
    o.jobs = 1500;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--technicians"))
            o.technicians = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--jobs"))
            o.jobs = std::atoi(argv[i + 1]);
    }
    const fsd::Problem p = fsd::generate_scenario(o);
    fmt::print("{} technicians, {} jobs\n", p.technicians.size(), p.jobs.size());
    for (const bool explain : {false, true}) {
        fsd::matching::MatchOptions options;
        options.explain = explain;
        std::size_t eligible = 0;
        const auto start = std::chrono::steady_clock::now();
        for (fsd::JobIndex j{}; p.jobs.contains(j); ++j) eligible += fsd::matching::match_technicians(p, j, {}, options).eligible;
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        fmt::print("explain={:<5}  {:8.1f} us per job  ({:.2f} eligible technicians per job)\n", explain,
                   1e6 * s / static_cast<double>(p.jobs.size()), static_cast<double>(eligible) / static_cast<double>(p.jobs.size()));
    }
    return 0;
}

}  // namespace bench_matching
