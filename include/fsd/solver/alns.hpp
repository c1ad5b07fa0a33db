// Adaptive large neighbourhood search: each iteration destroys part of the current solution,
// repairs it, optionally improves it by local search, and accepts or undoes the result. Destroy
// and repair operators are any callables (operator.hpp); acceptance is a template parameter.
// Anytime: stops on a time limit, an iteration limit or a callback, keeping the best found.
#pragma once

#include <chrono>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "fsd/solver/acceptance.hpp"
#include "fsd/solver/adaptive_weights.hpp"
#include "fsd/solver/alns_params.hpp"
#include "fsd/solver/operator.hpp"

namespace fsd::solver {

// The routes (node sequences per vehicle) of a solution, enough to restore it.
struct Snapshot {
    std::vector<std::vector<Node>> routes;
    Cost cost = Cost::infinity();

    void take(const SearchState& s) {
        routes.resize(s.num_routes());
        for (int r = 0; r < s.num_routes(); ++r) routes[r] = s.route(r).nodes;
        cost = s.cost();
    }
    void restore(SearchState& s) const {
        s.begin_iteration();
        for (int r = 0; r < s.num_routes(); ++r) s.assign(r, routes[r]);
        for (int r = 0; r < s.num_routes(); ++r) s.update(r);
        // Jobs that were routed in the current state but not in the snapshot go to the bank.
        for (Node u = 0; u < s.instance().num_jobs(); ++u)
            if (s.route_of(u) < 0 && !s.in_bank(u)) s.bank_job(u);
        s.begin_iteration();
    }
};

struct AlnsCallbacks {
    // Called every progress interval and at the end; return false to stop the search.
    std::function<bool(const Progress&)> on_progress;
    // Run after each repair on the changed state (local search), given the cost before the
    // destroy; may be empty.
    std::function<void(SearchState&, Rng&, Cost)> improve;
    // Run after each iteration is judged, on the state it left (e.g. to adapt a time-warp price).
    std::function<void(SearchState&)> after_iteration;
};

struct AlnsResult {
    Snapshot best;
    Progress final;
    std::vector<std::pair<std::string, double>> destroy_weights, repair_weights;
};

template <AcceptanceCriterion Acceptance>
class Alns {
public:
    Alns(std::vector<NamedOperator> destroy, std::vector<NamedOperator> repair, Acceptance acceptance, const AlnsParams& params = {})
        : destroy_(std::move(destroy)), repair_(std::move(repair)), accept_(std::move(acceptance)), params_(params) {}

    AlnsResult run(SearchState& s, Rng& rng, const AlnsCallbacks& cb = {}) {
        using clock = std::chrono::steady_clock;
        const auto t_start = clock::now();
        auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - t_start).count(); };
        AdaptiveWeights dw(destroy_.size(), params_.weights), rw(repair_.size(), params_.weights);
        AlnsResult result;
        result.best.take(s);
        accept_.start(s.cost(), average_arc_cost(s));
        Progress pr;
        double next_report = 0;
        for (pr.iteration = 0; pr.iteration < params_.max_iterations; ++pr.iteration) {
            const double now = elapsed();
            if (now >= params_.time_limit_seconds) break;
            if (now >= next_report) {
                fill(pr, s, result.best, now);
                if (cb.on_progress && !cb.on_progress(pr)) break;
                next_report = now + params_.progress_interval_seconds;
            }
            const double progress =
                std::max(now / params_.time_limit_seconds, static_cast<double>(pr.iteration) / static_cast<double>(params_.max_iterations));
            const std::size_t d = dw.choose(rng), r = rw.choose(rng);
            const Cost before = s.cost();
            s.begin_iteration();
            destroy_[d].apply(s, rng);
            repair_[r].apply(s, rng);
            if (cb.improve) cb.improve(s, rng, before);
            const Outcome o = judge(s, before, result.best, progress, rng);
            dw.record(d, o);
            rw.record(r, o);
            if (cb.after_iteration) cb.after_iteration(s);
        }
        fill(result.final, s, result.best, elapsed());
        result.final.iteration = pr.iteration;
        if (cb.on_progress) cb.on_progress(result.final);
        for (std::size_t i = 0; i < destroy_.size(); ++i) result.destroy_weights.emplace_back(destroy_[i].name, dw.weights()[i]);
        for (std::size_t i = 0; i < repair_.size(); ++i) result.repair_weights.emplace_back(repair_[i].name, rw.weights()[i]);
        return result;
    }

private:
    Outcome judge(SearchState& s, Cost before, Snapshot& best, double progress, Rng& rng) {
        const Cost after = s.cost();
        if (!accept_.accept(after, before, best.cost, progress, rng)) {
            s.undo_iteration();
            return Outcome::rejected;
        }
        // Only a feasible state is a solution (a relaxed search may pass through others).
        if (after < best.cost && s.feasible()) {
            best.take(s);
            return Outcome::new_best;
        }
        return after < before ? Outcome::improved : Outcome::accepted;
    }

    static void fill(Progress& pr, const SearchState& s, const Snapshot& best, double now) {
        pr.best = best.cost;
        pr.current = s.cost();
        pr.elapsed_seconds = now;
        pr.routes_used = s.routes_used();
        pr.unassigned = static_cast<int>(s.bank().size());
    }

    // Average cost per arc of the routes, without fixed route costs and penalties: the scale
    // temperatures are given in.
    static double average_arc_cost(const SearchState& s) {
        double total = 0;
        int arcs = 0;
        for (int r = 0; r < s.num_routes(); ++r) {
            const RouteState& R = s.route(r);
            if (R.empty()) continue;
            total += static_cast<double>((R.cost - s.instance().vehicle(R.vehicle).rates.per_route).count());
            arcs += R.jobs + 1;
        }
        return arcs > 0 ? total / arcs : 1.0;
    }

    std::vector<NamedOperator> destroy_, repair_;
    Acceptance accept_;
    AlnsParams params_;
};

}  // namespace fsd::solver
