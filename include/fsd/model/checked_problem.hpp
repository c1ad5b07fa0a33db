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
    // Copies share the problem. No move: a moved-from CheckedProblem would hold none.
    CheckedProblem(const CheckedProblem&) = default;
    CheckedProblem& operator=(const CheckedProblem&) = default;
    ~CheckedProblem() = default;

    // Read-only, it is the Problem it holds: whatever reads a Problem reads this one. Not from a
    // temporary, which would leave a view built on it (simulate::Truth, say) dangling.
    [[nodiscard]] const Problem& problem() const& { return *problem_; }
    const Problem& problem() const&& = delete;
    operator const Problem&() const& { return *problem_; }  // NOLINT(google-explicit-constructor)
    operator const Problem&() const&& = delete;
    const Problem* operator->() const& { return problem_.get(); }
    // Shared ownership, for what must keep the problem alive (solver::Instance does).
    [[nodiscard]] std::shared_ptr<const Problem> shared() const { return problem_; }

private:
    std::shared_ptr<const Problem> problem_;
};

}  // namespace fsd
