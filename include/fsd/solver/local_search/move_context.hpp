// What every local-search move needs: the state, segment pieces of routes (cached prefixes and
// suffixes, or walked for short middles and for routes whose vehicles differ), route costs, and
// a place to apply an improving move. Moves themselves live one per header.
#pragma once

#include <cassert>
#include <utility>
#include <vector>

#include "fsd/solver/search_state.hpp"

namespace fsd::solver {

class MoveContext {
public:
    MoveContext() = default;
    explicit MoveContext(SearchState& s) { bind(s); }

    // Points the context at a state; its scratch buffers keep their capacity across searches.
    void bind(SearchState& s) {
        s_ = &s;
        inst_ = &s.instance();
    }

    [[nodiscard]] SearchState& state() const { return *s_; }
    [[nodiscard]] const Instance& inst() const { return *inst_; }
    [[nodiscard]] const RouteState& route(int r) const { return s_->route(r); }

    // acc followed by nodes[from, to) of route r, served by vehicle v.
    [[nodiscard]] Segment walk(Segment acc, int r, int from, int to, int v) const {
        const auto& nodes = s_->route(r).nodes;
        for (int i = from; i < to; ++i) acc = inst_->join(acc, inst_->stop(nodes[i], v));
        return acc;
    }
    // acc followed by nodes[from, to) of route r in reverse order.
    [[nodiscard]] Segment walk_reversed(Segment acc, int r, int from, int to, int v) const {
        const auto& nodes = s_->route(r).nodes;
        for (int i = to - 1; i >= from; --i) acc = inst_->join(acc, inst_->stop(nodes[i], v));
        return acc;
    }

    // Route r's suffix from position `from`, ending at vehicle v's end depot. O(1) when v could
    // use r's cached data as is; walked otherwise.
    [[nodiscard]] Segment suffix_for(int r, int from, int v) const {
        const RouteState& R = s_->route(r);
        if (interchangeable(R.vehicle, v)) return R.bwd[from];
        Segment acc = inst_->end_depot(v);
        for (int i = R.size() - 1; i >= from; --i) acc = inst_->join(inst_->stop(R.nodes[i], v), acc);
        return acc;
    }

    // May route r's nodes [from, to) move to vehicle v? Breaks never move. O(1) unless the
    // vehicles differ in what they may serve.
    [[gnu::always_inline]] [[nodiscard]] bool movable(int r, int from, int to, int v) const {
        const RouteState& R = s_->route(r);
        if (R.jobs != R.size() && R.jobs_before[to] - R.jobs_before[from] != to - from) return false;  // holds a break
        if (inst_->uniform() || R.vehicle == v) return true;
        for (int i = from; i < to; ++i)
            if (!inst_->eligible(R.nodes[i], v)) return false;
        return true;
    }

    // Cost of the route the callable `draft` describes (a RouteDraft), for vehicle v, whose
    // summary is seg (see SearchState::route_cost).
    template <class MakeDraft>
    [[nodiscard]] Cost cost(int v, const Segment& seg, bool has_jobs, MakeDraft&& draft) const {
        return s_->route_cost(v, seg, has_jobs, std::forward<MakeDraft>(draft));
    }

    // Two vehicles whose cached segments are valid for each other's routes.
    [[nodiscard]] bool interchangeable(int a, int b) const { return inst_->interchangeable(a, b); }

    // When only distance (and fixed route costs) count, a move whose distance delta plus route
    // openings and closings is not negative cannot improve: skip its segment evaluation. Not so
    // when route ra or rb has time warp (relaxed search), which the move may reduce.
    [[gnu::always_inline]] [[nodiscard]] bool hopeless(int ra, int rb, Distance delta, bool closes_route, bool opens_route) const {
        if (!inst_->distance_only()) return false;
        const RouteState& A = s_->route(ra);
        const RouteRates& rates = inst_->vehicle(A.vehicle).rates;
        Cost bound = Cost(rates.per_distance * delta.count());
        if (closes_route) bound -= rates.per_route;
        if (opens_route) bound += rates.per_route;
        return bound >= Cost::zero() && A.warp == Duration::zero() && s_->route(rb).warp == Duration::zero();
    }

    [[nodiscard]] Distance d(std::uint32_t a, std::uint32_t b) const { return inst_->travel_distance(a, b); }

    // Replace a route's node sequence and refresh it. `predicted` is the cost the move computed
    // from cached segments; the full recomputation must agree (checked in assert builds, which
    // is how the tests hold every O(1) move evaluation to a from-scratch evaluation).
    void apply(int r, const std::vector<Node>& nodes, [[maybe_unused]] Cost predicted) {
        s_->assign(r, nodes);
        s_->update(r);
        assert(s_->route(r).cost == predicted);
    }
    // Nodes of route r: [0, a) then `mid` then [b, n).
    std::vector<Node>& splice(std::vector<Node>& out, int r, int a, const std::vector<Node>& mid, int b) const {
        const auto& nodes = s_->route(r).nodes;
        out.assign(nodes.begin(), nodes.begin() + a);
        out.insert(out.end(), mid.begin(), mid.end());
        out.insert(out.end(), nodes.begin() + b, nodes.end());
        return out;
    }

    std::vector<Node> scratch_a, scratch_b, scratch_mid;

private:
    SearchState* s_ = nullptr;
    const Instance* inst_ = nullptr;
};

}  // namespace fsd::solver
