// Local search on granular neighbourhoods: for each job u in a work queue and each of its nearest
// neighbours v, try relocate, swap, 2-opt*, or-opt and 2-opt, then any moves added with add();
// apply the first improving move and queue the jobs of the routes it changed. Only jobs of routes
// changed since the search began are queued, so after an ALNS repair it re-searches just the
// part that moved. Each move counts its tries and improvements (stats()).
#pragma once

#include <array>
#include <vector>

#include "fsd/model/random.hpp"
#include "fsd/solver/local_search/local_search_params.hpp"
#include "fsd/solver/local_search/named_move.hpp"
#include "fsd/solver/local_search/or_opt.hpp"
#include "fsd/solver/local_search/relocate.hpp"
#include "fsd/solver/local_search/swap.hpp"
#include "fsd/solver/local_search/swap_chains.hpp"
#include "fsd/solver/local_search/two_opt.hpp"
#include "fsd/solver/local_search/two_opt_reversed.hpp"
#include "fsd/solver/local_search/two_opt_star.hpp"

namespace fsd::solver {

class LocalSearch {
public:
    explicit LocalSearch(const LocalSearchParams& p = {})
        : p_(p),
          relocate_{p.limits},
          or_opt_{p.limits, p.or_opt_max_chain, p.or_opt_reversed},
          swap_{p.limits},
          swap_chains_{p.swap_chains_max},
          two_opt_{p.limits} {}

    // Re-searches the jobs next to what the current iteration changed (SearchState::changed_jobs).
    void run(SearchState& s, Rng& rng) {
        prepare(s);
        for (Node u : s.changed_jobs()) enqueue(u);
        s.clear_changed();
        rng.shuffle(queue_.begin(), queue_.end());
        drain(s);
    }

    // Searches every routed job: for a fresh solution.
    void run_all(SearchState& s, Rng& rng) {
        prepare(s);
        for (int r = 0; r < s.num_routes(); ++r) enqueue_route(s, r);
        rng.shuffle(queue_.begin(), queue_.end());
        drain(s);
    }

    // Adds a caller's move, tried after the built-in ones on every pair (u, v) (named_move.hpp).
    void add(NamedMove move) { custom_.push_back(Custom{std::move(move), 0}); }
    template <class M>
    requires EvaluatedMove<M> || AppliedMove<M>
    void add(std::string name, M move) { add(NamedMove::of(std::move(name), std::move(move))); }

    [[nodiscard]] std::uint64_t moves_applied() const { return moves_; }

    // Tries and improvements of each enabled move since construction, built-in ones first. A pair
    // (u, v) tries the moves in this order until one applies, so a move's tries are the pairs
    // tried less the improvements of the moves before it: one counter per pair, not per move.
    [[nodiscard]] std::vector<MoveStats> stats() const {
        const std::array<bool, builtin_moves> on{p_.relocate, p_.swap,   p_.swap_chains_max > 1, p_.two_opt_star, p_.two_opt_reversed,
                                                 p_.or_opt,   p_.two_opt};
        std::vector<MoveStats> out;
        std::uint64_t tries = pairs_;
        for (std::size_t k = 0; k < builtin_moves; ++k)
            if (on[k]) {
                out.push_back({builtin_names[k], tries, improvements_[k]});
                tries -= improvements_[k];
            }
        for (const Custom& m : custom_) {
            out.push_back({m.move.name, tries, m.improvements});
            tries -= m.improvements;
        }
        return out;
    }

private:
    void prepare(const SearchState& s) {
        queued_.assign(s.instance().num_nodes(), 0);
        queue_.clear();
        head_ = 0;
    }

    void enqueue(Node u) {
        if (!queued_[u]) {
            queued_[u] = 1;
            queue_.push_back(u);
        }
    }

    void enqueue_route(const SearchState& s, int r) {
        for (Node u : s.route(r).nodes)
            if (!s.instance().is_break(u) && !queued_[u]) {
                queued_[u] = 1;
                queue_.push_back(u);
            }
    }

    void drain(SearchState& s) {
        MoveContext& c = context_;
        c.bind(s);
        int applied = 0;
        while (head_ < queue_.size() && applied < p_.max_moves) {
            if (head_ > 4096 && head_ > queue_.size() / 2) {  // drop the consumed front now and then
                queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(head_));
                head_ = 0;
            }
            const Node u = queue_[head_++];
            queued_[u] = 0;
            if (s.route_of(u) < 0) continue;
            const auto& nb = s.instance().neighbours(u);
            const std::size_t g = std::min<std::size_t>(nb.size(), static_cast<std::size_t>(p_.granularity));
            for (std::size_t k = 0; k < g; ++k) {
                const Node v = nb[k];
                if (s.route_of(v) < 0) continue;
                const int ru = s.route_of(u), rv = s.route_of(v);
                const int iu = s.pos_of(u), iv = s.pos_of(v);
                if (try_pair(c, u, v)) {
                    ++applied;
                    ++moves_;
                    // The move's ends: around where u and v were, and around where they are now.
                    s.clear_changed();
                    if (iu < s.route(ru).size()) s.mark_around(ru, iu);
                    if (iv < s.route(rv).size()) s.mark_around(rv, iv);
                    s.mark_around(s.route_of(u), s.pos_of(u));
                    s.mark_around(s.route_of(v), s.pos_of(v));
                    for (Node w : s.changed_jobs()) enqueue(w);
                    s.clear_changed();
                    break;
                }
            }
        }
    }

    // The built-in moves are called directly (not through NamedMove) so they stay inlined.
    bool try_pair(MoveContext& c, Node u, Node v) {
        ++pairs_;
        return (p_.relocate && counted(0, relocate_, c, u, v)) || (p_.swap && counted(1, swap_, c, u, v)) ||
               (p_.swap_chains_max > 1 && counted(2, swap_chains_, c, u, v)) || (p_.two_opt_star && counted(3, two_opt_star_, c, u, v)) ||
               (p_.two_opt_reversed && counted(4, two_opt_reversed_, c, u, v)) || (p_.or_opt && counted(5, or_opt_, c, u, v)) ||
               (p_.two_opt && counted(6, two_opt_, c, u, v)) || (!custom_.empty() && try_custom(c, u, v));
    }

    template <class Move>
    bool counted(std::size_t k, const Move& move, MoveContext& c, Node u, Node v) {
        if (!move(c, u, v)) return false;
        ++improvements_[k];
        return true;
    }

    bool try_custom(MoveContext& c, Node u, Node v) {
        for (Custom& m : custom_)
            if (m.move.try_apply(c, u, v)) {
                ++m.improvements;
                return true;
            }
        return false;
    }

    struct Custom {
        NamedMove move;
        std::uint64_t improvements = 0;
    };
    static constexpr std::size_t builtin_moves = 7;
    static constexpr std::array<const char*, builtin_moves> builtin_names{"relocate",        "swap",   "swap-chains", "2-opt*",
                                                                          "2-opt*-reversed", "or-opt", "2-opt"};

    LocalSearchParams p_;
    Relocate relocate_;
    OrOpt or_opt_;
    Swap swap_;
    SwapChains swap_chains_;
    TwoOptStar two_opt_star_;
    TwoOptReversed two_opt_reversed_;
    TwoOpt two_opt_;
    MoveContext context_;  // reused, so its scratch buffers are allocated once
    std::vector<Node> queue_;
    std::size_t head_ = 0;
    std::vector<std::uint8_t> queued_;
    std::uint64_t moves_ = 0;
    std::uint64_t pairs_ = 0;
    std::array<std::uint64_t, builtin_moves> improvements_{};
    std::vector<Custom> custom_;
};

}  // namespace fsd::solver
