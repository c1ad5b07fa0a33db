// What a destroy or repair operator is to the ALNS: something that changes a SearchState using a
// random stream, and has a name for statistics. Integrators plug their own in through this.
#pragma once

#include <concepts>
#include <functional>
#include <string>

#include "fsd/model/random.hpp"
#include "fsd/solver/search_state.hpp"

namespace fsd::solver {

// Destroy: moves some jobs from routes to the bank. Repair: moves bank jobs into routes.
// Both must call SearchState::update() on every route they touch.
template <class Op>
concept SearchOperator = requires(Op op, SearchState& s, Rng& rng) {
    {op(s, rng)};
};

struct NamedOperator {
    std::string name;
    std::function<void(SearchState&, Rng&)> apply;

    template <SearchOperator Op>
    static NamedOperator of(std::string name, Op op) {
        return {std::move(name), [op = std::move(op)](SearchState& s, Rng& rng) mutable { op(s, rng); }};
    }
};

// How many jobs a destroy operator removes: uniform in [min, max], capped by a share of the
// routed jobs so small instances are not wiped out.
struct RemovalSize {
    int min = 5;
    int max = 30;
    double max_share = 0.4;

    [[nodiscard]] int draw(int routed, Rng& rng) const {
        const int cap = std::max(1, static_cast<int>(max_share * routed));
        const int hi = std::max(1, std::min(max, cap));
        const int lo = std::clamp(min, 1, hi);
        return static_cast<int>(rng.between(lo, hi));
    }
};

inline int routed_jobs(const SearchState& s) {
    return s.instance().num_jobs() - static_cast<int>(s.bank().size());
}

// A job drawn at random among the routed ones; -1 if a few draws find none.
inline Node random_routed_job(const SearchState& s, Rng& rng) {
    const int n = s.instance().num_jobs();
    for (int attempt = 0; attempt < 4 * n; ++attempt) {
        const auto u = static_cast<Node>(rng.below(static_cast<std::uint64_t>(n)));
        if (s.route_of(u) >= 0) return u;
    }
    return -1;
}

// Updates each route the current iteration touched, once.
inline void update_touched(SearchState& s) {
    for (int r : s.touched_routes()) s.update(r);
}

// Removes the listed jobs and updates each touched route once.
inline void remove_jobs(SearchState& s, const std::vector<Node>& jobs) {
    for (Node u : jobs)
        if (s.route_of(u) >= 0) s.erase(u);
    update_touched(s);
}

}  // namespace fsd::solver
