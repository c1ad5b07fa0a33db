// The solver's immutable, flat view of a Problem: jobs and breaks as nodes, technician-shifts as
// vehicles, per-(job, technician) service times, per-(job, day) windows, eligibility as a byte
// matrix and granular neighbour lists. Built once; the search reads only this.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numeric>
#include <vector>

#include "fsd/model/eligibility.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/solver/arc_table.hpp"
#include "fsd/solver/segment.hpp"

namespace fsd::solver {

using Node = std::int32_t;

struct Vehicle {
    TechnicianIndex technician = 0;
    std::uint32_t shift = 0;
    int day = 0;
    LocationId start_location = 0;
    LocationId end_location = 0;
    TimeWindow span;      // may leave from span.start; hard end is span.end + max overtime
    TimePoint shift_end;  // overtime is charged after this
    std::int64_t capacity = 0;
    RouteRates rates;
    int profile = 0;           // vehicles of one profile give every job the same service and window
    std::vector<Node> breaks;  // this vehicle's break nodes, always part of its route
};

struct InstanceOptions {
    int neighbours = 40;  // granular neighbourhood size
};

class Instance {
public:
    explicit Instance(const Problem& p, const InstanceOptions& o = {})
        : problem_(&p), timed_(p.objective.kind == ObjectiveKind::weighted), shape_(shape_costs(p)) {
        build_arcs();
        build_vehicles();
        build_nodes();
        build_eligibility();
        build_neighbours(o.neighbours);
        build_depot_distances();
        build_stop_table();
        if (timed_) {
            build_balance_targets();
            build_buffers();
        }
        distance_only_ = !has_job_penalties() && std::all_of(vehicles_.begin(), vehicles_.end(), [](const Vehicle& v) {
            return v.rates.per_second == 0 && v.rates.per_overtime_second == 0;
        });
    }

    [[nodiscard]] const Problem& problem() const { return *problem_; }
    [[nodiscard]] int num_jobs() const { return num_jobs_; }
    [[nodiscard]] int num_nodes() const { return static_cast<int>(node_location_.size()); }
    [[nodiscard]] int num_vehicles() const { return static_cast<int>(vehicles_.size()); }
    [[nodiscard]] const Vehicle& vehicle(int v) const { return vehicles_[v]; }
    [[nodiscard]] bool is_break(Node u) const { return u >= num_jobs_; }
    [[nodiscard]] int break_vehicle(Node u) const { return break_vehicle_[u - num_jobs_]; }
    [[nodiscard]] std::uint32_t location(Node u) const { return node_location_[u]; }
    [[nodiscard]] std::int64_t demand(Node u) const { return demand_[u]; }
    [[nodiscard]] Cost unassigned_penalty(Node u) const { return penalty_[u]; }
    // Mean distance from the vehicles' start locations: "far from the depot" for sort orders.
    [[nodiscard]] Distance depot_distance(Node u) const { return depot_distance_[u]; }
    [[nodiscard]] const std::vector<Node>& neighbours(Node u) const { return neighbours_[u]; }
    // True when every vehicle may serve every job with the same service time and window: the
    // benchmark case, where segments can move between routes without re-evaluation.
    [[nodiscard]] bool uniform() const { return uniform_; }
    // True when some job costs differ by technician: then moves can save cost without saving distance.
    [[nodiscard]] bool has_job_penalties() const { return !job_penalty_.empty(); }
    // True when only distance and fixed route costs count (no time rates, no job penalties): then
    // a move that saves no distance cannot save cost.
    [[nodiscard]] bool distance_only() const { return distance_only_; }
    // Two vehicles whose cached segments and schedules are valid for each other's routes.
    [[nodiscard]] bool interchangeable(int a, int b) const {
        if (a == b || uniform_) return true;
        const Vehicle& x = vehicles_[a];
        const Vehicle& y = vehicles_[b];
        return x.profile == y.profile && x.end_location == y.end_location && x.span == y.span;
    }
    // True for the weighted objective: route costs depend on when each stop starts (SLA,
    // response, preferred window, paid time), so a route's exact cost takes a walk over the stops
    // a move shifts (SearchState::route_cost with a RouteDraft), after the O(1) segment checks.
    [[nodiscard]] bool timed() const { return timed_; }
    [[nodiscard]] const JobTimeCost& time_cost(Node u) const { return time_cost_[u]; }
    [[nodiscard]] const std::optional<SitePoint>& site(Node u) const { return site_[u]; }
    [[nodiscard]] const ShapeCosts& shape() const { return shape_; }
    // A fixed appointment: the job before it is allowed its buffered service (appointment_buffer).
    [[nodiscard]] bool appointment(Node u) const { return appointment_[u] != 0; }
    // Service of job u by vehicle v at the appointment buffer's quantile; the planned service
    // when no job is an appointment.
    [[nodiscard]] Duration buffered_service(Node u, int v) const {
        if (buffered_service_.empty()) return stop(u, v).duration();
        return buffered_service_[static_cast<std::size_t>(u) * num_technicians_ + vehicles_[v].technician];
    }
    // The load-balance target of vehicle v: its day's even share of the work.
    [[nodiscard]] Duration balance_target(int v) const { return balance_target_[v]; }
    // True when every arc has the same distance both ways: then reversing a stretch of a route
    // changes its distance only at the stretch's ends.
    [[nodiscard]] bool symmetric_distances() const { return symmetric_; }

    // False for a job no vehicle may take (skills, people rules, windows, capacity): the repair
    // operators skip it rather than searching for a place every iteration.
    [[nodiscard]] bool servable(Node u) const { return servable_[u] != 0; }

    [[nodiscard]] bool eligible(Node u, int v) const {
        return is_break(u) ? break_vehicle(u) == v : eligible_[static_cast<std::size_t>(v) * num_jobs_ + u] != 0;
    }

    // Time and distance of one arc, stored side by side so a join costs one memory access.
    [[nodiscard]] const Arc& arc(std::uint32_t a, std::uint32_t b) const { return arcs_[static_cast<std::size_t>(a) * locations_ + b]; }
    [[nodiscard]] Duration travel_time(std::uint32_t a, std::uint32_t b) const { return arc(a, b).time; }
    [[nodiscard]] Distance travel_distance(std::uint32_t a, std::uint32_t b) const { return arc(a, b).distance; }

    // The one-stop segment of node u when served by vehicle v.
    [[nodiscard]] Segment stop(Node u, int v) const {
        if (is_break(u)) return break_segment_[u - num_jobs_];
        if (!stop_table_.empty()) return stop_table_[static_cast<std::size_t>(vehicles_[v].profile) * num_jobs_ + u];
        return make_stop(u, v);
    }
    [[nodiscard]] Segment make_stop(Node u, int v) const {
        const Vehicle& veh = vehicles_[v];
        const std::size_t ut = static_cast<std::size_t>(u) * num_technicians_ + veh.technician;
        return Segment::stop(service_[ut], window_[static_cast<std::size_t>(u) * num_days_ + veh.day], demand_[u], node_location_[u],
                             job_penalty_.empty() ? Cost::zero() : job_penalty_[ut]);
    }
    [[nodiscard]] Segment start_depot(int v) const {
        const Vehicle& veh = vehicles_[v];
        return Segment::stop(Duration::zero(), veh.span, 0, veh.start_location);
    }
    [[nodiscard]] Segment end_depot(int v) const {
        const Vehicle& veh = vehicles_[v];
        return Segment::stop(Duration::zero(), veh.span, 0, veh.end_location);
    }

    [[nodiscard]] Segment join(const Segment& a, const Segment& b) const {
        return solver::join(a, b, [this](std::uint32_t x, std::uint32_t y) -> const Arc& { return arc(x, y); });
    }
    [[nodiscard]] Segment join(const Segment& a, const Segment& b, const Segment& c) const { return join(join(a, b), c); }

    // Cost of a whole route (start depot to end depot) given its summary; infinity if infeasible.
    // With a `warp_price` > 0, time warp is priced (cost units per second) instead of forbidden:
    // the relaxed search of SearchState::set_warp_price. Capacity stays hard either way.
    [[nodiscard]] Cost route_cost(int v, const Segment& s, bool has_jobs, double warp_price = 0) const {
        if (!has_jobs) return Cost::zero();
        const Vehicle& veh = vehicles_[v];
        if (s.load > veh.capacity) return Cost::infinity();
        Cost warp = Cost::zero();
        if (!s.feasible()) {
            if (warp_price <= 0) return Cost::infinity();
            warp = Cost(std::llround(warp_price * static_cast<double>(s.time_warp().count())));
        }
        const Duration overtime = max(Duration::zero(), s.earliest_end() - veh.shift_end);
        return veh.rates.route_cost(s.distance, s.duration(), overtime) + s.penalty + warp;
    }

    // Relatedness of two jobs for the granular neighbourhood: travel plus the waiting or time warp
    // implied by serving b right after a (smaller is closer).
    [[nodiscard]] std::int64_t proximity(Node a, Node b) const {
        const Duration t = travel_time(node_location_[a], node_location_[b]);
        const TimeWindow wa = widest_window_[a], wb = widest_window_[b];
        const Duration sa = nominal_service_[a];
        const Duration wait = max(Duration::zero(), (wb.start - wa.end) - sa - t);
        const Duration warp = max(Duration::zero(), (wa.start - wb.end) + sa + t);
        return t.count() + wait.count() / 5 + warp.count();
    }

private:
    void build_arcs() {
        arc_table_ = arc_table(problem_->travel);
        locations_ = arc_table_->locations;
        arcs_ = arc_table_->arcs.data();
        symmetric_ = arc_table_->symmetric;
    }

    void build_vehicles() {
        const Problem& p = *problem_;
        num_technicians_ = static_cast<int>(p.technicians.size());
        num_days_ = std::max(1, p.horizon.days);
        std::vector<std::pair<int, double>> profiles;  // (day, efficiency)
        for (TechnicianIndex t = 0; t < p.technicians.size(); ++t) {
            const Technician& tech = p.technicians[t];
            for (std::uint32_t s = 0; s < tech.shifts.size(); ++s) {
                const Shift& sh = tech.shifts[s];
                Vehicle v;
                v.technician = t;
                v.shift = s;
                v.day = std::clamp(static_cast<int>(sh.span.start.count() / (seconds_per_day * p.scale)), 0, num_days_ - 1);
                v.start_location = tech.start_of(s);
                v.end_location = tech.end_location;
                v.span = {sh.span.start, sh.span.end + sh.max_overtime};
                v.shift_end = sh.span.end;
                v.capacity = tech.capacity;
                v.rates = route_rates(p, tech);
                const std::pair<int, double> key{v.day, tech.efficiency};
                auto it = std::find(profiles.begin(), profiles.end(), key);
                v.profile = static_cast<int>(it - profiles.begin());
                if (it == profiles.end()) profiles.push_back(key);
                vehicles_.push_back(std::move(v));
            }
        }
    }

    void build_nodes() {
        const Problem& p = *problem_;
        num_jobs_ = static_cast<int>(p.jobs.size());
        service_.resize(static_cast<std::size_t>(num_jobs_) * num_technicians_);
        window_.resize(static_cast<std::size_t>(num_jobs_) * num_days_);
        for (int j = 0; j < num_jobs_; ++j) {
            const Job& job = p.jobs[j];
            node_location_.push_back(job.location);
            demand_.push_back(job.demand);
            penalty_.push_back(fsd::unassigned_penalty(p, job));
            for (int t = 0; t < num_technicians_; ++t)
                service_[static_cast<std::size_t>(j) * num_technicians_ + t] = p.service_time(job, p.technicians[t]);
            appointment_.push_back(timed_ && p.objective.appointment_buffer && p.objective.is_appointment(job) ? 1 : 0);
            // The soft costs that depend only on who does the job: part of its one-stop segment.
            if ((!job.preferred_technicians.empty() || job.promised_technician) && p.objective.kind == ObjectiveKind::weighted) {
                job_penalty_.resize(service_.size(), Cost::zero());
                for (int t = 0; t < num_technicians_; ++t)
                    job_penalty_[static_cast<std::size_t>(j) * num_technicians_ + t] =
                        technician_penalty(p, job, static_cast<TechnicianIndex>(t));
            }
            nominal_service_.push_back(p.objective.planned_duration(job));
            if (timed_) {
                time_cost_.push_back(job_time_cost(p, job));
                site_.push_back(site_point(p.locations[job.location]));
            }
            TimeWindow widest{TimePoint::max(), TimePoint::min()};
            for (int d = 0; d < num_days_; ++d) {
                const TimeWindow w = window_on_day(job, d);
                window_[static_cast<std::size_t>(j) * num_days_ + d] = w;
                if (w.start <= w.end) widest = {min(widest.start, w.start), max(widest.end, w.end)};
            }
            widest_window_.push_back(widest.start <= widest.end ? widest : TimeWindow{TimePoint(0), TimePoint(0)});
        }
        for (int v = 0; v < num_vehicles(); ++v) {
            const Shift& sh = p.technicians[vehicles_[v].technician].shifts[vehicles_[v].shift];
            for (const Break& b : sh.breaks) {
                vehicles_[v].breaks.push_back(static_cast<Node>(node_location_.size()));
                node_location_.push_back(no_location);
                demand_.push_back(0);
                penalty_.push_back(Cost::zero());
                break_vehicle_.push_back(v);
                break_segment_.push_back(Segment::stop(b.length, b.window, 0, no_location));
            }
        }
    }

    // The hard window the solver uses on a day: the longest of the job's windows that overlap it
    // (several windows in one day are rare; taking one keeps the algebra exact and the plan
    // feasible). Pinned starts collapse it to a point. An empty window (start > end) = not that day.
    [[nodiscard]] TimeWindow window_on_day(const Job& job, int day) const {
        const std::int64_t unit = seconds_per_day * problem_->scale;
        const TimeWindow dayspan{TimePoint(day * unit), TimePoint((day + 1) * unit)};
        TimeWindow best{TimePoint(1), TimePoint(0)};
        if (job.time_windows.empty()) best = dayspan;
        for (const auto& w : job.time_windows) {
            const TimeWindow cut{max(w.start, dayspan.start), min(w.end, dayspan.end)};
            if (cut.start <= cut.end && (best.start > best.end || cut.length() > best.length())) best = cut;
        }
        if (job.pinned_start) {
            const TimePoint t = *job.pinned_start;
            return best.contains(t) ? TimeWindow{t, t} : TimeWindow{TimePoint(1), TimePoint(0)};
        }
        return timed_ ? with_service_rules(job, best) : best;
    }

    // The weighted objective's rules on a day's window: never before the preferred window opens
    // when it opens inside this window (which keeps every start-time cost non-decreasing in the
    // start), and never after the SLA deadline where the SLA of emergencies is hard.
    [[nodiscard]] TimeWindow with_service_rules(const Job& job, TimeWindow w) const {
        if (w.start > w.end) return w;
        w.start = service_opening(job, w);
        if (problem_->objective.hard_emergency_sla && job.urgency == Urgency::emergency && job.sla_deadline)
            w.end = min(w.end, *job.sla_deadline);
        return w;
    }

    void build_eligibility() {
        const Problem& p = *problem_;
        eligible_.assign(static_cast<std::size_t>(num_vehicles()) * num_jobs_, 0);
        servable_.assign(num_jobs_, 0);
        std::vector<CapabilitySet> required(num_jobs_);
        for (int j = 0; j < num_jobs_; ++j) required[j] = required_capabilities(p.catalog, p.jobs[j]);
        uniform_ = true;
        for (int v = 0; v < num_vehicles(); ++v) {
            const Vehicle& veh = vehicles_[v];
            const Technician& tech = p.technicians[veh.technician];
            const CapabilitySet has = capabilities_on(p.catalog, tech, p.date_of_day(veh.day));
            for (int j = 0; j < num_jobs_; ++j) {
                const TimeWindow w = window_[static_cast<std::size_t>(j) * num_days_ + veh.day];
                const bool ok = has.covers(required[j]) && technician_allowed(p.jobs[j], veh.technician) && w.start <= w.end &&
                                p.jobs[j].demand <= veh.capacity;
                eligible_[static_cast<std::size_t>(v) * num_jobs_ + j] = ok ? 1 : 0;
                servable_[j] = servable_[j] || ok;
                uniform_ = uniform_ && ok;
            }
            uniform_ = uniform_ && veh.profile == vehicles_[0].profile && veh.breaks.empty() &&
                       veh.start_location == vehicles_[0].start_location && veh.end_location == vehicles_[0].end_location &&
                       veh.span == vehicles_[0].span && veh.capacity == vehicles_[0].capacity;
        }
    }

    // The buffered service of every job (Problem::objective.appointment_buffer), when some job is
    // an appointment: what the walk allows the job before one.
    void build_buffers() {
        appointment_.resize(node_location_.size(), 0);  // breaks are no appointments
        const auto q = problem_->objective.appointment_buffer;
        if (!q || std::none_of(appointment_.begin(), appointment_.end(), [](std::uint8_t a) { return a != 0; })) return;
        buffered_service_.resize(service_.size());
        for (int j = 0; j < num_jobs_; ++j)
            for (int t = 0; t < num_technicians_; ++t)
                buffered_service_[static_cast<std::size_t>(j) * num_technicians_ + t] =
                    Problem::service_time(problem_->jobs[j], problem_->technicians[t], *q);
    }

    void build_balance_targets() {
        const std::vector<Duration> by_day = balance_targets(*problem_);
        for (const Vehicle& v : vehicles_)
            balance_target_.push_back(by_day[static_cast<std::size_t>(std::clamp(v.day, 0, static_cast<int>(by_day.size()) - 1))]);
        time_cost_.resize(node_location_.size());  // breaks cost nothing by when they start
        site_.resize(node_location_.size());
    }

    // One-stop segments per (profile, job), when they depend on nothing else and fit in memory.
    void build_stop_table() {
        int profiles = 0, first_vehicle_of[4096];
        for (int v = 0; v < num_vehicles(); ++v) {
            if (vehicles_[v].profile >= 4096) return;
            if (vehicles_[v].profile >= profiles) first_vehicle_of[profiles++] = v;
        }
        if (has_job_penalties() || static_cast<std::size_t>(profiles) * num_jobs_ > (1u << 22)) return;
        stop_table_.resize(static_cast<std::size_t>(profiles) * num_jobs_);
        for (int pr = 0; pr < profiles; ++pr)
            for (Node u = 0; u < num_jobs_; ++u)
                stop_table_[static_cast<std::size_t>(pr) * num_jobs_ + u] = make_stop(u, first_vehicle_of[pr]);
    }

    void build_depot_distances() {
        std::vector<LocationId> starts;
        for (const auto& v : vehicles_)
            if (std::find(starts.begin(), starts.end(), v.start_location) == starts.end()) starts.push_back(v.start_location);
        depot_distance_.assign(num_nodes(), Distance::zero());
        for (Node u = 0; u < num_jobs_; ++u) {
            std::int64_t sum = 0;
            for (auto s : starts) sum += travel_distance(s, node_location_[u]).count();
            depot_distance_[u] = Distance(starts.empty() ? 0 : sum / static_cast<std::int64_t>(starts.size()));
        }
    }

    void build_neighbours(int k) {
        neighbours_.assign(num_nodes(), {});
        if (k <= 0) return;  // no granular search (e.g. one-off pricing): skip the O(n^2) scan
        std::vector<std::pair<std::int64_t, Node>> order;
        for (Node u = 0; u < num_jobs_; ++u) {
            order.clear();
            for (Node w = 0; w < num_jobs_; ++w)
                if (w != u) order.emplace_back(std::min(proximity(u, w), proximity(w, u)), w);
            const auto keep = std::min<std::size_t>(static_cast<std::size_t>(std::max(k, 0)), order.size());
            if (keep == 0) continue;
            std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end());
            for (std::size_t i = 0; i < keep; ++i) neighbours_[u].push_back(order[i].second);
        }
    }

    const Problem* problem_;
    bool timed_ = false;
    ShapeCosts shape_;
    std::vector<JobTimeCost> time_cost_;          // per node, when timed
    std::vector<std::optional<SitePoint>> site_;  // per node, when timed
    std::vector<Duration> balance_target_;        // per vehicle, when timed
    std::vector<std::uint8_t> appointment_;       // per node, when timed
    std::vector<Duration> buffered_service_;      // job x technician, when some job is an appointment
    std::size_t locations_ = 0;
    std::shared_ptr<const ArcTable> arc_table_;  // shared with other instances on the same travel tables
    const Arc* arcs_ = nullptr;                  // arc_table_'s arcs
    int num_jobs_ = 0, num_technicians_ = 0, num_days_ = 1;
    bool uniform_ = true;
    bool distance_only_ = true;
    bool symmetric_ = true;
    std::vector<Vehicle> vehicles_;
    std::vector<std::uint32_t> node_location_;
    std::vector<std::int64_t> demand_;
    std::vector<Cost> penalty_;
    std::vector<Duration> service_;   // job x technician
    std::vector<Cost> job_penalty_;   // job x technician; empty when no job has a preference
    std::vector<TimeWindow> window_;  // job x day
    std::vector<Duration> nominal_service_;
    std::vector<TimeWindow> widest_window_;
    std::vector<int> break_vehicle_;
    std::vector<Segment> break_segment_;
    std::vector<std::uint8_t> eligible_;  // vehicle x job
    std::vector<std::uint8_t> servable_;  // job: some vehicle is eligible
    std::vector<std::vector<Node>> neighbours_;
    std::vector<Distance> depot_distance_;
    std::vector<Segment> stop_table_;  // profile x job, when precomputed
};

}  // namespace fsd::solver
