// The solver parameters' copy, move and destruction, compiled once: they hold operators,
// moves and callbacks, and are copied for every annealing run and thread.
#include "fsd/solver/solver_params.hpp"

namespace fsd::solver {

SolverParams::SolverParams() = default;
SolverParams::SolverParams(const SolverParams&) = default;
SolverParams::SolverParams(SolverParams&&) noexcept = default;
SolverParams& SolverParams::operator=(const SolverParams&) = default;
SolverParams& SolverParams::operator=(SolverParams&&) noexcept = default;
SolverParams::~SolverParams() = default;

}  // namespace fsd::solver
