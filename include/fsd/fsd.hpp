// The whole fsd library in one include: the model, the evaluator and the I/O boundary. Areas
// with heavier dependencies (solver, travel networks, triage) have their own umbrella headers.
#pragma once

#include "fsd/io/json.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/model/eligibility.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"
