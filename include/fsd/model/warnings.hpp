// What is valid but a dispatcher should know before planning: certificates that have lapsed,
// technicians who may do none of the jobs, jobs nobody may do. Each with the JSON path it is about.
#pragma once

#include <vector>

#include "fsd/model/problem.hpp"

namespace fsd {

// Empty when there is nothing to say. The problem must have passed check_problem().
std::vector<InputError> problem_warnings(const Problem& problem);

}  // namespace fsd
