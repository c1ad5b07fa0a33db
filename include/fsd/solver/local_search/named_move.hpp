// What a local-search move is to LocalSearch::add(): a named callable tried on a job u and one of
// its granular neighbours v. A caller's move either separates evaluate() (the cost change, no
// edit) from apply(), or is one callable that applies an improving move and says so.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "fsd/solver/local_search/move_context.hpp"

namespace fsd::solver {

// evaluate(c, u, v) returns the cost change of the move (negative improves; Cost::infinity() when
// infeasible) without editing the state; apply(c, u, v) then makes it, refreshing every route it
// changes (MoveContext::apply). LocalSearch applies a move only when evaluate() is negative.
template <class M>
concept EvaluatedMove = requires(M m, const MoveContext& cc, MoveContext& c, Node u) {
    { m.evaluate(cc, u, u) } -> std::convertible_to<Cost>;
    m.apply(c, u, u);
};

// move(c, u, v) applies the move when it strictly lowers the cost and returns whether it did:
// the form of fsd's own moves, which share their evaluation's scratch with the edit.
template <class M>
concept AppliedMove = requires(M m, MoveContext& c, Node u) {
    { m(c, u, u) } -> std::convertible_to<bool>;
};

struct NamedMove {
    std::string name;
    std::function<bool(MoveContext&, Node, Node)> try_apply;  // applies when improving; true if it did

    template <class M>
    requires EvaluatedMove<M> || AppliedMove<M>
    static NamedMove of(std::string name, M move) {
        if constexpr (EvaluatedMove<M>) {
            return {std::move(name), [m = std::move(move)](MoveContext& c, Node u, Node v) mutable {
                        if (!(m.evaluate(std::as_const(c), u, v) < Cost::zero())) return false;
                        m.apply(c, u, v);
                        return true;
                    }};
        } else {
            return {std::move(name),
                    [m = std::move(move)](MoveContext& c, Node u, Node v) mutable { return static_cast<bool>(m(c, u, v)); }};
        }
    }
};

// How often a move was tried on a pair (u, v), and how often it found and applied an improvement.
struct MoveStats {
    std::string name;
    std::uint64_t tries = 0;
    std::uint64_t improvements = 0;
};

}  // namespace fsd::solver
