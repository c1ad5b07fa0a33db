// Shared by the tests: a generated day (fsd generate's realism) of a given size and seed.
#pragma once

#include <cstdint>

#include "fsd/scenario/generator.hpp"

namespace test_support {

inline fsd::Problem generated_day(std::uint64_t seed, int technicians, int jobs) {
    fsd::ScenarioOptions o;
    o.seed = seed;
    o.technicians = technicians;
    o.jobs = jobs;
    return fsd::generate_scenario(o);
}

}  // namespace test_support
