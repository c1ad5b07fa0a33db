// The search state's edits and cache refreshes: called once per applied change, not per move
// evaluated, so they need not be inline.
#include "fsd/solver/search_state.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <vector>

namespace fsd::solver {

RouteState::RouteState() = default;
RouteState::RouteState(const RouteState&) = default;
RouteState::RouteState(RouteState&&) noexcept = default;
RouteState& RouteState::operator=(const RouteState&) = default;
RouteState& RouteState::operator=(RouteState&&) noexcept = default;
RouteState::~RouteState() = default;
SearchState::SearchState(const SearchState&) = default;
SearchState::SearchState(SearchState&&) noexcept = default;
SearchState& SearchState::operator=(const SearchState&) = default;
SearchState& SearchState::operator=(SearchState&&) noexcept = default;
SearchState::~SearchState() = default;

SearchState::SearchState(const Instance& inst) : inst_(&inst) {
    const int n = inst.num_nodes();
    route_of_.assign(n, -1);
    pos_of_.assign(n, -1);
    bank_pos_.assign(n, -1);
    routes_.resize(inst.num_vehicles());
    for (int v = 0; v < inst.num_vehicles(); ++v) {
        routes_[v].vehicle = v;
        routes_[v].nodes = inst.vehicle(v).breaks;
        update(v);  // an empty route may cost something too (load balance)
    }
    for (Node u = 0; u < inst.num_jobs(); ++u) bank_add(u);
}

void SearchState::set_warp_price(double price) {
    assert(price > 0 || feasible());
    warp_price_ = price;
    routes_cost_ = Cost::zero();
    for (int r = 0; r < num_routes(); ++r) {
        RouteState& R = routes_[r];
        R.cost = route_cost(R.vehicle, R.total, R.jobs > 0, [&] { return as_is(r); });
        routes_cost_ += R.cost;
    }
}

void SearchState::insert(Node u, int r, int pos) {
    journal(r);
    if (in_bank(u)) bank_remove(u);
    auto& R = routes_[r];
    R.nodes.insert(R.nodes.begin() + pos, u);
    R.bwd.insert(R.bwd.begin() + pos, Segment{});  // later entries stay valid, one place on
    if (reversed_) R.rev_from_start.insert(R.rev_from_start.begin() + pos, Segment{});
    R.dirty_hi = std::max(R.dirty_hi >= pos ? R.dirty_hi + 1 : R.dirty_hi, pos);
    R.dirty_lo = std::min(R.dirty_lo, pos);
    route_of_[u] = r;
    for (int i = pos; i < R.size(); ++i) pos_of_[R.nodes[i]] = i;
    mark_around(r, pos);
}

void SearchState::erase(Node u) {
    const int r = route_of_[u];
    assert(r >= 0);
    journal(r);
    mark_around(r, pos_of_[u]);
    auto& R = routes_[r];
    const int pos = pos_of_[u];
    R.nodes.erase(R.nodes.begin() + pos);
    R.bwd.erase(R.bwd.begin() + pos);  // later entries stay valid, one place back
    if (reversed_) R.rev_from_start.erase(R.rev_from_start.begin() + pos);
    R.dirty_hi = std::max(R.dirty_hi > pos ? R.dirty_hi - 1 : std::min(R.dirty_hi, pos - 1), pos - 1);
    R.dirty_lo = std::min(R.dirty_lo, pos);
    for (int i = pos; i < R.size(); ++i) pos_of_[R.nodes[i]] = i;
    route_of_[u] = -1;
    pos_of_[u] = -1;
    if (!inst_->is_break(u)) bank_add(u);
}

void SearchState::assign(int r, const std::vector<Node>& nodes) {
    journal(r);
    for (Node u : routes_[r].nodes)
        if (route_of_[u] == r) route_of_[u] = -1;
    routes_[r].nodes = nodes;
    invalidate(r);
    for (Node u : nodes) {
        if (in_bank(u)) bank_remove(u);
        route_of_[u] = r;
    }
}

void SearchState::undo_iteration() {
    for (std::size_t k = 0; k < journal_routes_.size(); ++k) {
        const int r = journal_routes_[k];
        for (Node u : routes_[r].nodes)
            if (route_of_[u] == r) route_of_[u] = -1;
    }
    for (std::size_t k = 0; k < journal_routes_.size(); ++k) {
        const int r = journal_routes_[k];
        routes_[r].nodes.swap(journal_nodes_[k]);
        invalidate(r);
        for (Node u : routes_[r].nodes) route_of_[u] = r;
        update(r);
    }
    for (Node u : bank_) bank_pos_[u] = -1;
    bank_.clear();
    bank_cost_ = Cost::zero();
    for (Node u : journal_bank_) bank_add(u);
    for (Node u : bank_) route_of_[u] = -1, pos_of_[u] = -1;
    journal_routes_.clear();
}

void SearchState::journal(int r) {
    for (int x : journal_routes_)
        if (x == r) return;
    if (journal_nodes_.size() <= journal_routes_.size()) journal_nodes_.emplace_back();
    journal_nodes_[journal_routes_.size()] = routes_[r].nodes;
    journal_routes_.push_back(r);
}

void SearchState::refresh(int r) {
    RouteState& R = routes_[r];
    const int n = R.size();
    R.fwd.resize(n + 1);
    R.bwd.resize(n + 1);
    R.before.resize(n + 1);
    R.after.resize(n + 1);
    R.jobs_before.resize(n + 1);
    R.fwd[0] = inst_->start_depot(R.vehicle);
    for (int i = std::clamp(R.dirty_lo, 0, n); i < n; ++i) R.fwd[i + 1] = inst_->join(R.fwd[i], inst_->stop(R.nodes[i], R.vehicle));
    R.bwd[n] = inst_->end_depot(R.vehicle);
    for (int i = std::min(R.dirty_hi, n - 1); i >= 0; --i) R.bwd[i] = inst_->join(inst_->stop(R.nodes[i], R.vehicle), R.bwd[i + 1]);
    if (reversed_) refresh_reversed(R, n);
    R.dirty_lo = std::numeric_limits<int>::max();
    R.dirty_hi = -1;
    R.jobs_before[0] = 0;
    for (int i = 0; i <= n; ++i) {
        R.before[i] = R.fwd[i].last;
        R.after[i] = R.bwd[i].first;
        if (i == n) break;
        route_of_[R.nodes[i]] = r;
        pos_of_[R.nodes[i]] = i;
        R.jobs_before[i + 1] = R.jobs_before[i] + (inst_->is_break(R.nodes[i]) ? 0 : 1);
    }
    R.jobs = R.jobs_before[n];
    R.total = inst_->join(R.fwd[n], R.bwd[n]);
    R.warp = R.jobs > 0 ? R.total.time_warp() : Duration::zero();
    // The walk is kept for every route of a timed instance, warped ones too: moves start their
    // walks from another route's cached prefix and tail whatever that route's warp.
    if (inst_->timed()) refresh_schedule(R);
    if (inst_->timed() && R.warp == Duration::zero())
        R.cost = walked_cost(*inst_, R.vehicle, R.total, R.walk[static_cast<std::size_t>(n)], R.back);
    else
        R.cost = inst_->route_cost(R.vehicle, R.total, R.jobs > 0, warp_price_);
}

void SearchState::refresh_schedule(RouteState& R) const {
    const auto n = static_cast<std::size_t>(R.size());
    R.walk.resize(n + 1);
    R.starts.resize(n);
    R.tail.resize(n + 1);
    WalkState w = WalkState::at_start(inst_->vehicle(R.vehicle));
    R.walk[0] = w;
    for (std::size_t i = 0; i < n; ++i) {
        R.starts[i] = walk_step(*inst_, w, R.nodes[i], R.vehicle);
        R.walk[i + 1] = w;
    }
    R.back = w.free + inst_->travel_time(w.here, inst_->vehicle(R.vehicle).end_location);
    R.tail[n] = TailSums{};
    for (std::size_t i = n; i-- > 0;) {
        TailSums t = R.tail[i + 1];
        const Node u = R.nodes[i];
        if (!inst_->is_break(u)) {
            t.soft += inst_->time_cost(u).at(R.starts[i]);
            t.work += inst_->stop(u, R.vehicle).duration();
            if (const auto& site = inst_->site(u)) t.box.add(*site);
            t.has_job = true;
            if (inst_->return_buffered()) t.return_by = max(t.return_by, inst_->back_home(u, R.vehicle, R.starts[i]));
        }
        R.tail[i] = t;
    }
}

Cost SearchState::walked_route_cost(int v, const Segment& seg, const RouteDraft& d) const {
    WalkState w = WalkState::at_start(inst_->vehicle(v));
    int k = 0;
    if (d.size() > 0 && d[0].route >= 0 && d[0].from == 0 && !d[0].reversed && routes_[d[0].route].vehicle == v) {
        w = routes_[d[0].route].walk[static_cast<std::size_t>(d[0].to)];
        k = 1;
    }
    for (; k < d.size(); ++k) {
        const RouteDraft::Piece& piece = d[k];
        if (piece.route < 0) {
            walk_step(*inst_, w, piece.node, v);
            continue;
        }
        const RouteState& R = routes_[piece.route];
        if (k + 1 == d.size() && !piece.reversed && piece.to == R.size() && inst_->interchangeable(R.vehicle, v))
            return walked_tail_cost(v, seg, w, R, piece.from);
        if (piece.reversed)
            for (int i = piece.to - 1; i >= piece.from; --i) walk_step(*inst_, w, R.nodes[i], v);
        else
            for (int i = piece.from; i < piece.to; ++i) walk_step(*inst_, w, R.nodes[i], v);
    }
    return walked_cost(*inst_, v, seg, w, w.free + inst_->travel_time(w.here, inst_->vehicle(v).end_location));
}

Cost SearchState::walked_tail_cost(int v, const Segment& seg, WalkState w, const RouteState& R, int from) const {
    for (int i = from; i < R.size(); ++i) {
        const auto at = static_cast<std::size_t>(i);
        // A break has no place of its own: starting it on time says nothing of where the
        // technician is, so only a job can rejoin the cached schedule.
        if (w.departed && !inst_->is_break(R.nodes[at]) && next_start(*inst_, w, R.nodes[at], v) == R.starts[at]) {
            w.soft += R.tail[at].soft;
            w.work += R.tail[at].work;
            w.box.add(R.tail[at].box);
            w.has_job = w.has_job || R.tail[at].has_job;
            w.return_by = max(w.return_by, R.tail[at].return_by);
            return walked_cost(*inst_, v, seg, w, R.back);
        }
        walk_step(*inst_, w, R.nodes[at], v);
    }
    return walked_cost(*inst_, v, seg, w, w.free + inst_->travel_time(w.here, inst_->vehicle(v).end_location));
}

void SearchState::refresh_reversed(RouteState& R, int n) const {
    R.rev_to_end.resize(n + 1);
    R.rev_from_start.resize(n + 1);
    R.rev_to_end[0] = inst_->end_depot(R.vehicle);
    for (int i = std::clamp(R.dirty_lo, 0, n); i < n; ++i)
        R.rev_to_end[i + 1] = inst_->join(inst_->stop(R.nodes[i], R.vehicle), R.rev_to_end[i]);
    R.rev_from_start[n] = inst_->start_depot(R.vehicle);
    for (int i = std::min(R.dirty_hi, n - 1); i >= 0; --i)
        R.rev_from_start[i] = inst_->join(R.rev_from_start[i + 1], inst_->stop(R.nodes[i], R.vehicle));
}

}  // namespace fsd::solver
