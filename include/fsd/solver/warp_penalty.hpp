// Time-warp pricing for a relaxed search (Vidal et al. 2013): instead of forbidding lateness,
// the search prices it, and the price adapts so that a target share of iterations ends feasible.
// Tight time windows leave few feasible paths between good solutions; priced lateness opens them.
#pragma once

#include <algorithm>

#include "fsd/solver/search_state.hpp"

namespace fsd::solver {

// Which annealing runs are relaxed: none, every second one, or all.
enum class WarpRuns { none, alternate, all };

struct WarpPenaltyParams {
    // Every second run: tight windows (Solomon RC1) are solved far more often with priced
    // lateness, long loose routes (R2) less often, and a mix keeps both (docs/solver.md).
    WarpRuns runs = WarpRuns::alternate;
    double initial = 1.0;           // starting price, in average arc costs per second of travel
    double target_feasible = 0.5;   // share of iterations that should end in a feasible state
    int interval = 100;             // iterations between price changes
    double raise = 1.25;            // price factor when too few end feasible
    double lower = 0.85;            // and when too many do
    double min = 0.01, max = 1000;  // bounds of the price, in the unit of `initial`
    // An iteration that ends infeasible gets a second local search on its late routes at this
    // many times the price, which often makes it feasible (HGS's repair); 0: none.
    double repair_factor = 10;
};

class WarpPenalty {
public:
    explicit WarpPenalty(const WarpPenaltyParams& p) : p_(p) {}

    // Starts pricing time warp on s; after the first time, at the price it had come to.
    void start(SearchState& s) {
        if (!started_) {
            unit_ = cost_per_travel_second(s);
            price_ = p_.initial;
            started_ = true;
        }
        seen_ = feasible_ = 0;
        s.set_warp_price(price_ * unit_);
    }
    // Counts the state an iteration ended in; every `interval` iterations, moves the price
    // towards the target share of feasible states.
    void record(SearchState& s) {
        feasible_ += s.feasible() ? 1 : 0;
        if (++seen_ < p_.interval) return;
        const double share = static_cast<double>(feasible_) / seen_;
        if (share < p_.target_feasible) price_ = std::min(p_.max, price_ * p_.raise);
        if (share > p_.target_feasible) price_ = std::max(p_.min, price_ * p_.lower);
        seen_ = feasible_ = 0;
        s.set_warp_price(price_ * unit_);
    }
    // The repair: `improve` (local search on the state's changed jobs) again, on the routes
    // with time warp, at `repair_factor` times the price.
    template <class Improve>
    void repair(SearchState& s, Improve&& improve) const {
        if (s.feasible() || p_.repair_factor <= 0) return;
        s.clear_changed();
        for (int r = 0; r < s.num_routes(); ++r)
            if (s.route(r).warp > Duration::zero()) s.mark_route(r);
        s.set_warp_price(price_ * unit_ * p_.repair_factor);
        improve(s);
        s.set_warp_price(price_ * unit_);
    }
    // Back to forbidden time warp; s must be feasible.
    static void stop(SearchState& s) { s.set_warp_price(0); }

private:
    // What a second of driving costs in s, so that one price setting fits any instance scale.
    static double cost_per_travel_second(const SearchState& s) {
        const Instance& inst = s.instance();
        double cost = 0, seconds = 0;
        for (int r = 0; r < s.num_routes(); ++r) {
            const RouteState& R = s.route(r);
            if (R.empty()) continue;
            const Vehicle& veh = inst.vehicle(R.vehicle);
            std::uint32_t at = veh.start_location;
            for (Node u : R.nodes) {
                if (inst.location(u) == no_location) continue;
                seconds += static_cast<double>(inst.travel_time(at, inst.location(u)).count());
                at = inst.location(u);
            }
            seconds += static_cast<double>(inst.travel_time(at, veh.end_location).count());
            cost += static_cast<double>((R.cost - veh.rates.per_route).count());
        }
        return seconds > 0 && cost > 0 ? cost / seconds : 1.0;
    }

    WarpPenaltyParams p_;
    double unit_ = 1, price_ = 1;
    bool started_ = false;
    int seen_ = 0, feasible_ = 0;
};

}  // namespace fsd::solver
