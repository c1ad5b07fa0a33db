// The solver's immutable, flat view of a Problem: jobs and breaks as nodes, technician-shifts as
// vehicles, per-(job, technician) service times, per-(job, hours) windows, eligibility as a byte
// matrix and granular neighbour lists. Built once; the search reads only this.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numeric>
#include <vector>

#include "fsd/model/checked_problem.hpp"
#include "fsd/model/eligibility.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/solver/arc_table.hpp"
#include "fsd/solver/segment.hpp"

namespace fsd::solver {

using Node = std::int32_t;

struct Vehicle {
    TechnicianIndex technician{};
    std::uint32_t shift = 0;
    int day = 0;
    int reach = 0;                     // the hours its jobs' windows are cut to (Instance::reach_of)
    std::uint32_t start_location = 0;  // the Problem's LocationId, as the search indexes travel
    std::uint32_t end_location = 0;
    TimeWindow span;            // may leave from span.start; hard end: span.end + max overtime (Shift::planned_return_limit)
    TimePoint shift_end;        // overtime is charged after this
    bool on_the_clock = false;  // paid from span.start, not from the departure (Shift::on_the_clock)
    std::int64_t capacity = 0;
    RouteRates rates;
    int profile = 0;           // vehicles of one profile give every job the same service and window
    std::vector<Node> breaks;  // nodes of the shift's planned breaks, always part of its route
    // When the paid time of a route that leaves at `departure` starts (Shift::paid_from).
    [[nodiscard]] TimePoint paid_from(TimePoint departure) const { return on_the_clock ? span.start : departure; }
};

struct InstanceOptions {
    int neighbours = 40;  // granular neighbourhood size
    // The problem whose work sets the load-balance targets, when not the instance's own: one that
    // holds candidate copies of a job (the scheduled lane's offers) would count each copy as work.
    // It must have the same technicians and days, and outlive the constructor call.
    const Problem* balance_of = nullptr;
};

class Instance {
public:
    // The instance refers to the problem, which must outlive it; a temporary would be gone before
    // the search reads it, so one does not compile.
    explicit Instance(const Problem& p, const InstanceOptions& o = {});
    explicit Instance(const Problem&&, const InstanceOptions& = {}) = delete;
    // Shares a checked problem: the instance keeps it alive, a temporary included.
    explicit Instance(const CheckedProblem& p, const InstanceOptions& o = {});
    Instance(const Instance&);
    Instance(Instance&&) noexcept;
    Instance& operator=(const Instance&);
    Instance& operator=(Instance&&) noexcept;
    ~Instance();

    [[nodiscard]] const Problem& problem() const { return *problem_; }
    [[nodiscard]] int num_jobs() const { return num_jobs_; }
    [[nodiscard]] int num_nodes() const { return static_cast<int>(node_location_.size()); }
    [[nodiscard]] int num_vehicles() const { return static_cast<int>(vehicles_.size()); }
    [[nodiscard]] const Vehicle& vehicle(int v) const { return vehicles_[v]; }
    [[nodiscard]] bool is_break(Node u) const { return u >= num_jobs_; }
    [[nodiscard]] int break_vehicle(Node u) const { return break_vehicle_[u - num_jobs_]; }
    // Break node u's index in its shift's breaks (Stop::index in a plan).
    [[nodiscard]] std::uint32_t break_index(Node u) const { return break_index_[u - num_jobs_]; }
    // The node of break `index` of vehicle v's shift; -1 for one not planned (Shift::planned_breaks).
    [[nodiscard]] Node break_node(int v, std::uint32_t index) const {
        for (Node u : vehicles_[v].breaks)
            if (break_index(u) == index) return u;
        return -1;
    }
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
        return buffered_service_[static_cast<std::size_t>(u) * num_technicians_ + vehicles_[v].technician.value()];
    }
    // True when routes must get home in time at the return buffer's quantile (return_service).
    [[nodiscard]] bool return_buffered() const { return !return_service_.empty(); }
    // When vehicle v would be home had job u, started at `start`, run to the return buffer's
    // quantile (ObjectiveWeights::return_buffer); only when return_buffered().
    [[nodiscard]] TimePoint back_home(Node u, int v, TimePoint start) const {
        const Duration service = return_service_[static_cast<std::size_t>(u) * num_technicians_ + vehicles_[v].technician.value()];
        return start + service + travel_time(location(u), vehicles_[v].end_location);
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
        const std::size_t ut = static_cast<std::size_t>(u) * num_technicians_ + veh.technician.value();
        return Segment::stop(service_[ut], window_[static_cast<std::size_t>(u) * reaches_.size() + veh.reach], demand_[u],
                             node_location_[u], job_penalty_.empty() ? Cost::zero() : job_penalty_[ut]);
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
        // The summary leaves as late as it may: at earliest_end - duration.
        const Duration paid = s.earliest_end() - veh.paid_from(s.earliest_end() - s.duration());
        return veh.rates.route_cost(s.distance, paid, overtime) + s.penalty + warp;
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
    void build_arcs();
    void build_vehicles();
    void build_nodes();
    // The hours a vehicle's jobs' windows are cut to: its own span, start to hard end. Vehicles
    // with the same hours share an index.
    int reach_of(const Vehicle& v);
    // The hard window the solver uses within those hours, cut to them: of the job's windows in
    // which a visit of its planned length can start and end by the hours' end, the longest from
    // its own opening (the first listed on a tie; the longest cut when none can hold it). Several
    // windows in one day are rare; taking one keeps the algebra exact and the plan feasible.
    // Pinned starts collapse it to a point. An empty window (start > end) = not then.
    [[nodiscard]] TimeWindow window_within(const Job& job, TimeWindow hours) const;
    // The weighted objective's rules on a day's window: never before the preferred window opens
    // when it opens inside this window (which keeps every start-time cost non-decreasing in the
    // start), and never after the SLA deadline where the SLA of emergencies is hard.
    [[nodiscard]] TimeWindow with_service_rules(const Job& job, TimeWindow w) const;
    void build_eligibility();
    // The buffered service of every job (Problem::objective.appointment_buffer), when some job is
    // an appointment: what the walk allows the job before one. And its service at return_buffer.
    void build_buffers();
    void build_balance_targets(const Problem& of);
    // One-stop segments per (profile, job), when they depend on nothing else and fit in memory.
    void build_stop_table();
    void build_depot_distances();
    void build_neighbours(int k);

    const Problem* problem_;
    std::shared_ptr<const Problem> owner_;  // set when built from a CheckedProblem
    bool timed_ = false;
    ShapeCosts shape_;
    std::vector<JobTimeCost> time_cost_;          // per node, when timed
    std::vector<std::optional<SitePoint>> site_;  // per node, when timed
    std::vector<Duration> balance_target_;        // per vehicle, when timed
    std::vector<std::uint8_t> appointment_;       // per node, when timed
    std::vector<Duration> buffered_service_;      // job x technician, when some job is an appointment
    std::vector<Duration> return_service_;        // job x technician, when return_buffer is set
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
    std::vector<Duration> service_;    // job x technician
    std::vector<Cost> job_penalty_;    // job x technician; empty when no job has a preference
    std::vector<TimeWindow> reaches_;  // the distinct hours of the vehicles (reach_of)
    std::vector<TimeWindow> window_;   // job x reach
    std::vector<Duration> nominal_service_;
    std::vector<TimeWindow> widest_window_;
    TimePoint latest_return_ = TimePoint(0);  // the latest any vehicle may be back
    std::vector<int> break_vehicle_;
    std::vector<std::uint32_t> break_index_;
    std::vector<Segment> break_segment_;
    std::vector<std::uint8_t> eligible_;  // vehicle x job
    std::vector<std::uint8_t> servable_;  // job: some vehicle is eligible
    std::vector<std::vector<Node>> neighbours_;
    std::vector<Distance> depot_distance_;
    std::vector<Segment> stop_table_;  // profile x job, when precomputed
};

}  // namespace fsd::solver
