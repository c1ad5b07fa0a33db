// Fleet minimisation for the hierarchical objective (after Nagata & Braysy 2009): empty one route
// into a request bank, then insert the banked jobs back; a job that fits nowhere is squeezed in by
// ejecting up to two jobs that were easy to place before (low absence counters), and its own
// counter grows so it gets priority. Feasible random moves shake the solution between steps.
// A route is gone when the bank empties; otherwise the previous solution is restored.
#pragma once

#include <chrono>
#include <vector>

#include "fsd/solver/alns.hpp"
#include "fsd/solver/insertion.hpp"
#include "fsd/solver/route_minimiser_params.hpp"

namespace fsd::solver {

class RouteMinimiser {
public:
    explicit RouteMinimiser(RouteMinimiserParams p = {}) : p_(p) {}

    // Removes routes while it can until `deadline`; returns how many were removed.
    template <class Clock>
    int run(SearchState& s, Rng& rng, typename Clock::time_point deadline) {
        absence_.assign(s.instance().num_nodes(), 1);
        int removed = 0;
        while (Clock::now() < deadline && s.routes_used() > 1) {
            Snapshot before;
            before.take(s);
            if (!eliminate_one(s, rng, [&] { return Clock::now() >= deadline; })) {
                before.restore(s);
                break;
            }
            ++removed;
        }
        return removed;
    }

private:
    struct Ejection {
        int route = -1;
        int pos = -1;             // where u goes, in the route before ejection
        int eject[2] = {-1, -1};  // positions of the ejected jobs
        long score = -1;          // sum of their absence counters (lower is better)
    };

    template <class Stop>
    bool eliminate_one(SearchState& s, Rng& rng, Stop stop) {
        s.begin_iteration();
        const int r = smallest_route(s);
        std::vector<Node> jobs;
        for (Node u : s.route(r).nodes)
            if (!s.instance().is_break(u)) jobs.push_back(u);
        remove_jobs(s, jobs);
        bank_ = jobs;
        for (std::uint64_t step = 0; !bank_.empty() && step < p_.max_steps; ++step) {
            if ((step & 15) == 0 && stop()) return false;
            const Node u = bank_.back();
            bank_.pop_back();
            if (insert_anywhere(s, u, r, rng)) continue;
            ++absence_[u];
            if (!squeeze(s, u, r)) return false;
            shake(s, rng, r);
        }
        s.begin_iteration();
        return bank_.empty();
    }

    static int smallest_route(const SearchState& s) {
        int best = -1;
        for (int r = 0; r < s.num_routes(); ++r)
            if (!s.route(r).empty() && (best < 0 || s.route(r).jobs < s.route(best).jobs)) best = r;
        return best;
    }

    // Cheapest feasible insertion, never into the route being eliminated or an empty one.
    bool insert_anywhere(SearchState& s, Node u, int banned, Rng& rng) {
        Insertion best;
        for (int r = 0; r < s.num_routes(); ++r) {
            if (r == banned || s.route(r).empty() || !s.instance().eligible(u, s.route(r).vehicle)) continue;
            const Insertion here = best_in_route(s, u, r, rng, 0.0, best.delta);
            if (here.route >= 0) best = here;
        }
        if (best.route < 0) return false;
        s.insert(u, best.route, best.pos);
        s.update(best.route);
        return true;
    }

    // The route with u at `pos` and the listed positions left out: feasible?
    bool fits_without(const SearchState& s, int r, Node u, int pos, int e1, int e2) const {
        const Instance& inst = s.instance();
        const RouteState& R = s.route(r);
        const int v = R.vehicle;
        const int first = std::min({pos, e1 < 0 ? pos : e1, e2 < 0 ? pos : e2});
        Segment acc = R.fwd[first];
        for (int i = first; i <= R.size(); ++i) {
            if (i == pos) acc = inst.join(acc, inst.stop(u, v));
            if (i == R.size()) break;
            if (i != e1 && i != e2) acc = inst.join(acc, inst.stop(R.nodes[i], v));
        }
        acc = inst.join(acc, R.bwd[R.size()]);
        return acc.feasible() && acc.load <= inst.vehicle(v).capacity;
    }

    // Inserts u by ejecting up to max_ejected jobs from one route, choosing the ejection with the
    // lowest sum of absence counters.
    bool squeeze(SearchState& s, Node u, int banned) {
        const Instance& inst = s.instance();
        Ejection best;
        for (int r = 0; r < s.num_routes(); ++r) {
            const RouteState& R = s.route(r);
            if (r == banned || R.empty() || !inst.eligible(u, R.vehicle)) continue;
            const int n = R.size();
            for (int pos = 0; pos <= n; ++pos)
                for (int a = 0; a < n; ++a) {
                    if (inst.is_break(R.nodes[a])) continue;
                    const long sa = absence_[R.nodes[a]];
                    if (best.score < 0 || sa < best.score)
                        if (fits_without(s, r, u, pos, a, -1)) best = {r, pos, {a, -1}, sa};
                    if (p_.max_ejected < 2 || n > p_.max_route_for_pairs) continue;
                    for (int b = a + 1; b < n; ++b) {
                        if (inst.is_break(R.nodes[b])) continue;
                        const long sab = sa + absence_[R.nodes[b]];
                        if ((best.score < 0 || sab < best.score) && fits_without(s, r, u, pos, a, b)) best = {r, pos, {a, b}, sab};
                    }
                }
        }
        if (best.route < 0) return false;
        const RouteState& R = s.route(best.route);
        std::vector<Node> nodes;
        for (int i = 0; i <= R.size(); ++i) {
            if (i == best.pos) nodes.push_back(u);
            if (i == R.size()) break;
            if (i == best.eject[0] || i == best.eject[1])
                bank_.push_back(R.nodes[i]);
            else
                nodes.push_back(R.nodes[i]);
        }
        for (Node e : bank_)
            if (s.route_of(e) == best.route) s.erase(e);
        s.assign(best.route, nodes);
        s.update(best.route);
        return true;
    }

    // Random feasible relocations of routed jobs next to a neighbour, cost ignored: diversity.
    void shake(SearchState& s, Rng& rng, int banned) {
        const Instance& inst = s.instance();
        for (int k = 0; k < p_.shakes; ++k) {
            const auto u = static_cast<Node>(rng.below(static_cast<std::uint64_t>(inst.num_jobs())));
            if (s.route_of(u) < 0 || inst.neighbours(u).empty()) continue;
            const Node v = inst.neighbours(u)[rng.below(inst.neighbours(u).size())];
            const int rv = s.route_of(v), ru = s.route_of(u);
            if (rv < 0 || rv == banned || rv == ru || !inst.eligible(u, s.route(rv).vehicle)) continue;
            const int pos = s.pos_of(v) + static_cast<int>(rng.below(2));
            if (s.route(ru).jobs == 1 || s.insertion_delta(u, rv, pos) == Cost::infinity()) continue;
            const int from = s.pos_of(u);
            s.erase(u);
            s.update(ru);
            // Without triangle inequality (truncated distances) a shorter route can be later.
            if (s.route(ru).cost == Cost::infinity()) {
                s.insert(u, ru, from);
                s.update(ru);
                continue;
            }
            s.insert(u, rv, pos);
            s.update(rv);
        }
    }

    RouteMinimiserParams p_;
    std::vector<long> absence_;
    std::vector<Node> bank_;
};

}  // namespace fsd::solver
