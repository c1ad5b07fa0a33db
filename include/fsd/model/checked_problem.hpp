// A problem that passed check_problem() and cannot change since: planners take it without
// checking it again, and everything that holds one shares it, so it outlives every search that
// reads it. Build it once from a Problem; to change it, copy the Problem out and check it again.
#pragma once

#include <memory>

#include "fsd/model/problem.hpp"

namespace fsd {

class CheckedProblem {
public:
    // Checks `problem` and keeps it. Throws InputErrors, every defect at its JSON path.
    explicit CheckedProblem(Problem problem);

    [[nodiscard]] const Problem& problem() const { return *problem_; }
    // Read-only, it is the Problem it holds: whatever reads a Problem reads this one.
    operator const Problem&() const { return *problem_; }  // NOLINT(google-explicit-constructor)
    const Problem* operator->() const { return problem_.get(); }
    // Shared ownership, for what must keep the problem alive (solver::Instance does).
    [[nodiscard]] std::shared_ptr<const Problem> shared() const { return problem_; }

private:
    std::shared_ptr<const Problem> problem_;
};

}  // namespace fsd
