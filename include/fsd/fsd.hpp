// The model, the evaluator and the I/O boundary in one include. The other areas are included by
// their own headers: fsd/solver/solve.hpp, fsd/dispatch/apply.hpp, fsd/lanes/*.hpp,
// fsd/simulate/simulator.hpp, fsd/travel.hpp (road networks), fsd/io/resolve_travel.hpp, ...
#pragma once

#include "fsd/io/json.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/model/eligibility.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"
