// The mutable state of the search, separate from the Plan it finally outputs: one route per
// vehicle with cached forward/backward segments (so insertions and moves are O(1)), where every
// node is, the request bank of unassigned jobs, and a journal to undo a rejected iteration.
#pragma once

#include <cassert>
#include <limits>
#include <vector>

#include "fsd/solver/instance.hpp"
#include "fsd/solver/route_walk.hpp"

namespace fsd::solver {

struct RouteState {
    // Defaulted in src/solver, so that copies are compiled once.
    RouteState();
    RouteState(const RouteState&);
    RouteState(RouteState&&) noexcept;
    RouteState& operator=(const RouteState&);
    RouteState& operator=(RouteState&&) noexcept;
    ~RouteState();

    int vehicle = 0;
    std::vector<Node> nodes;   // jobs and breaks; the depots are implicit
    std::vector<Segment> fwd;  // fwd[i] = start depot + nodes[0, i)
    std::vector<Segment> bwd;  // bwd[i] = nodes[i, n) + end depot
    // Reversed pieces, kept only when a move needs them (SearchState::keep_reversed):
    // rev_to_end[i] = nodes[i-1], ..., nodes[0] + end depot;
    // rev_from_start[i] = start depot + nodes[n-1], ..., nodes[i].
    std::vector<Segment> rev_to_end, rev_from_start;
    Segment total;  // the whole route, depot to depot
    // Located stop before and after each gap (breaks skipped): what distance bounds read,
    // kept compact so a scan over positions stays in cache.
    std::vector<std::uint32_t> before, after;
    std::vector<int> jobs_before;  // jobs_before[i] = jobs among nodes[0, i)
    int jobs = 0;                  // nodes that are jobs, not breaks
    Cost cost = Cost::zero();
    // The route's schedule, kept only when the instance is timed (weighted objective):
    // walk[i] after nodes[0, i), starts[i] of nodes[i], tail[i] what nodes[i, n) add, and back
    // at the end location.
    std::vector<WalkState> walk;
    std::vector<TimePoint> starts;
    std::vector<TailSums> tail;
    TimePoint back;
    Duration warp = Duration::zero();  // time warp; > 0 only in the relaxed search
    // Stale cache entries since the last refresh: fwd[i + 1] for i >= dirty_lo, bwd[i] for
    // i <= dirty_hi. Edits widen them; a refresh recomputes only those.
    int dirty_lo = 0;
    int dirty_hi = std::numeric_limits<int>::max();

    [[nodiscard]] int size() const { return static_cast<int>(nodes.size()); }
    [[nodiscard]] bool empty() const { return jobs == 0; }
    [[nodiscard]] const Segment& whole() const { return total; }
};

class SearchState {
public:
    // The state refers to the instance, which must outlive it (a temporary does not compile).
    explicit SearchState(const Instance& inst);
    explicit SearchState(const Instance&&) = delete;
    SearchState(const SearchState&);
    SearchState(SearchState&&) noexcept;
    SearchState& operator=(const SearchState&);
    SearchState& operator=(SearchState&&) noexcept;
    ~SearchState();

    [[nodiscard]] const Instance& instance() const { return *inst_; }

    // Also cache the reversed pieces of every route (RouteState::rev_to_end, rev_from_start).
    void keep_reversed(bool on) {
        reversed_ = on;
        for (int r = 0; r < num_routes(); ++r) {
            invalidate(r);
            update(r);
        }
    }
    [[nodiscard]] bool keeps_reversed() const { return reversed_; }
    [[nodiscard]] int num_routes() const { return static_cast<int>(routes_.size()); }
    [[nodiscard]] const RouteState& route(int r) const { return routes_[r]; }
    [[nodiscard]] int route_of(Node u) const { return route_of_[u]; }
    [[nodiscard]] int pos_of(Node u) const { return pos_of_[u]; }
    [[nodiscard]] const std::vector<Node>& bank() const { return bank_; }
    [[nodiscard]] bool in_bank(Node u) const { return bank_pos_[u] >= 0; }
    [[nodiscard]] Cost cost() const { return routes_cost_ + bank_cost_; }
    [[nodiscard]] Cost routes_cost() const { return routes_cost_; }
    // No route has time warp. Always so unless time warp is priced (set_warp_price).
    [[nodiscard]] bool feasible() const { return warped_routes_ == 0; }

    // Prices time warp at `price` cost units per second instead of forbidding it (0: forbidden,
    // the default). Lets the search pass through infeasible solutions; only a feasible state is
    // a solution. Returning to 0 needs a feasible state.
    void set_warp_price(double price);
    // Cost of a route of vehicle v summarised by `seg` and made of `draft`'s pieces of the current
    // routes, at the state's price of time warp; infinity if infeasible. O(1) from the summary,
    // except on timed instances: there a feasible route's exact cost is walked (route_walk.hpp).
    // `draft` is a callable returning the RouteDraft, so that only timed instances build one.
    template <class MakeDraft>
    [[nodiscard]] Cost route_cost(int v, const Segment& seg, bool has_jobs, MakeDraft&& draft) const {
        const Cost summary = inst_->route_cost(v, seg, has_jobs, warp_price_);
        if (!inst_->timed() || summary == Cost::infinity()) return summary;
        return walked_route_cost(v, seg, draft());
    }
    // The whole of route r as it is.
    [[nodiscard]] RouteDraft as_is(int r) const { return RouteDraft().run(r, 0, routes_[r].size()); }

    [[nodiscard]] int routes_used() const {
        int k = 0;
        for (const auto& r : routes_) k += r.empty() ? 0 : 1;
        return k;
    }

    // Cost change of inserting job u before position `pos` of route r; infinity if infeasible.
    [[nodiscard]] Cost insertion_delta(Node u, int r, int pos) const {
        const RouteState& R = routes_[r];
        const Segment s = inst_->join(R.fwd[pos], inst_->stop(u, R.vehicle), R.bwd[pos]);
        const Cost c = route_cost(R.vehicle, s, true, [&] { return RouteDraft().run(r, 0, pos).node(u).run(r, pos, R.size()); });
        return c == Cost::infinity() ? c : c - R.cost;
    }

    // A lower bound of insertion_delta from distance alone: every other cost term can only grow
    // when a stop is added. Used to skip the full evaluation.
    [[nodiscard]] Cost insertion_bound(Node u, int r, int pos) const {
        const RouteState& R = routes_[r];
        const std::uint32_t a = R.before[pos], b = R.after[pos], x = inst_->location(u);
        const Distance d = inst_->travel_distance(a, x) + inst_->travel_distance(x, b) - inst_->travel_distance(a, b);
        const auto& rates = inst_->vehicle(R.vehicle).rates;
        Cost bound = Cost(rates.per_distance * d.count()) + (R.empty() ? rates.per_route : Cost::zero());
        // More work can lower the balance cost; it is the one term that can.
        if (inst_->timed()) bound += balance_change(R, inst_->stop(u, R.vehicle).duration());
        return bound;
    }
    // How the balance cost of route r changes when `more` service is added to it.
    [[nodiscard]] Cost balance_change(const RouteState& R, Duration more) const {
        const Duration target = inst_->balance_target(R.vehicle), work = R.tail[0].work;
        return inst_->shape().balance(target, work + more) - inst_->shape().balance(target, work);
    }

    // --- changes. Edit with insert/erase, then call update() on every touched route.
    void insert(Node u, int r, int pos);
    void erase(Node u);
    // Replace a route's node sequence wholesale (local search moves build the new sequence).
    void assign(int r, const std::vector<Node>& nodes);
    // Puts an unrouted job in the bank (used when restoring a snapshot).
    void bank_job(Node u) {
        assert(route_of_[u] < 0);
        bank_add(u);
    }
    // Brings route r's caches and cost up to date after edits; only stale entries are recomputed.
    void update(int r) {
        routes_cost_ -= routes_[r].cost;
        warped_routes_ -= routes_[r].warp > Duration::zero() ? 1 : 0;
        refresh(r);
        routes_cost_ += routes_[r].cost;
        warped_routes_ += routes_[r].warp > Duration::zero() ? 1 : 0;
    }

    // --- the journal: routes as they were when the current iteration began.
    void begin_iteration() {
        journal_routes_.clear();
        journal_bank_ = bank_;
        changed_.clear();
    }
    void undo_iteration();
    [[nodiscard]] const std::vector<int>& touched_routes() const { return journal_routes_; }

    // Jobs next to where this iteration changed something: where local search should look.
    [[nodiscard]] const std::vector<Node>& changed_jobs() const { return changed_; }
    void clear_changed() { changed_.clear(); }
    // Marks every job of route r.
    void mark_route(int r) {
        for (Node u : routes_[r].nodes)
            if (!inst_->is_break(u)) changed_.push_back(u);
    }
    // Marks the jobs at positions pos-1, pos and pos+1 of route r.
    void mark_around(int r, int pos) {
        const auto& nodes = routes_[r].nodes;
        for (int i = std::max(0, pos - 1); i <= pos + 1 && i < static_cast<int>(nodes.size()); ++i)
            if (!inst_->is_break(nodes[i])) changed_.push_back(nodes[i]);
    }

private:
    void invalidate(int r) {
        routes_[r].dirty_lo = 0;
        routes_[r].dirty_hi = std::numeric_limits<int>::max();
    }

    void journal(int r);

    void refresh(int r);

    // The timed caches of a route: its schedule after every prefix, and what every suffix adds.
    [[gnu::noinline]] void refresh_schedule(RouteState& R) const;

    // The exact cost of a feasible draft on a timed instance: from the cached schedule of its
    // first piece when that is the start of v's own route, node by node after that, and from the
    // cached tail of its last piece as soon as the schedule there starts where it did.
    [[gnu::noinline]] [[nodiscard]] Cost walked_route_cost(int v, const Segment& seg, const RouteDraft& d) const;

    // Walks route R's nodes from `from` to its end after w, until a job starts when it does in R:
    // from there on nothing differs, and R's cached tail completes the route.
    [[gnu::noinline]] [[nodiscard]] Cost walked_tail_cost(int v, const Segment& seg, WalkState w, const RouteState& R, int from) const;

    // The same stale ranges as fwd (rev_to_end is a prefix) and bwd (rev_from_start a suffix).
    void refresh_reversed(RouteState& R, int n) const;

    void bank_add(Node u) {
        if (bank_pos_[u] >= 0) return;
        bank_pos_[u] = static_cast<int>(bank_.size());
        bank_.push_back(u);
        bank_cost_ += inst_->unassigned_penalty(u);
    }
    void bank_remove(Node u) {
        const int i = bank_pos_[u];
        bank_[i] = bank_.back();
        bank_pos_[bank_[i]] = i;
        bank_.pop_back();
        bank_pos_[u] = -1;
        bank_cost_ -= inst_->unassigned_penalty(u);
    }

    const Instance* inst_;
    std::vector<RouteState> routes_;
    std::vector<int> route_of_, pos_of_, bank_pos_;
    std::vector<Node> bank_;
    Cost routes_cost_ = Cost::zero();
    Cost bank_cost_ = Cost::zero();
    std::vector<int> journal_routes_;
    std::vector<std::vector<Node>> journal_nodes_;
    std::vector<Node> journal_bank_;
    std::vector<Node> changed_;
    bool reversed_ = false;
    double warp_price_ = 0;
    int warped_routes_ = 0;
};

}  // namespace fsd::solver
