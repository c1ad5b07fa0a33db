// The Problem's copy, move, destruction and comparison, compiled once.
#include "fsd/model/problem.hpp"

namespace fsd {

Problem::Problem() = default;
Problem::Problem(const Problem&) = default;
Problem::Problem(Problem&&) noexcept = default;
Problem& Problem::operator=(const Problem&) = default;
Problem& Problem::operator=(Problem&&) noexcept = default;
Problem::~Problem() = default;
bool operator==(const Problem&, const Problem&) = default;

}  // namespace fsd
