// The one place a CheckedProblem is made: after check_problem() found nothing.
#include "fsd/model/checked_problem.hpp"

#include <utility>
#include <vector>

namespace fsd {

CheckedProblem::CheckedProblem(Problem problem) {
    std::vector<InputError> errors = check_problem(problem);
    if (!errors.empty()) throw InputErrors(std::move(errors));
    problem_ = std::make_shared<const Problem>(std::move(problem));
}

}  // namespace fsd
