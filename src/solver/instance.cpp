// The Instance build: the flat tables the search reads, computed once from a Problem.
#include "fsd/solver/instance.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace fsd::solver {

Instance::Instance(const Instance&) = default;
Instance::Instance(Instance&&) noexcept = default;
Instance& Instance::operator=(const Instance&) = default;
Instance& Instance::operator=(Instance&&) noexcept = default;
Instance::~Instance() = default;

Instance::Instance(const CheckedProblem& p, const InstanceOptions& o) : Instance(p.problem(), o) {
    owner_ = p.shared();
}

Instance::Instance(const Problem& p, const InstanceOptions& o)
    : problem_(&p), timed_(p.objective.kind == ObjectiveKind::weighted), shape_(shape_costs(p)) {
    build_arcs();
    build_vehicles();
    build_nodes();
    build_eligibility();
    build_neighbours(o.neighbours);
    build_depot_distances();
    build_stop_table();
    if (timed_) {
        build_balance_targets(o.balance_of ? *o.balance_of : p);
        build_buffers();
    }
    distance_only_ = !has_job_penalties() && std::all_of(vehicles_.begin(), vehicles_.end(), [](const Vehicle& v) {
        return v.rates.per_second == 0 && v.rates.per_overtime_second == 0;
    });
}

void Instance::build_arcs() {
    arc_table_ = arc_table(problem_->travel);
    locations_ = arc_table_->locations;
    arcs_ = arc_table_->arcs.data();
    symmetric_ = arc_table_->symmetric;
}

void Instance::build_vehicles() {
    const Problem& p = *problem_;
    num_technicians_ = static_cast<int>(p.technicians.size());
    num_days_ = std::max(1, p.horizon.days);
    std::vector<std::pair<int, double>> profiles;  // (day, efficiency)
    for (TechnicianIndex t : p.technicians.indices()) {
        const Technician& tech = p.technicians[t];
        for (std::uint32_t s = 0; s < tech.shifts.size(); ++s) {
            const Shift& sh = tech.shifts[s];
            Vehicle v;
            v.technician = t;
            v.shift = s;
            v.day = std::clamp(static_cast<int>(sh.span.start.count() / (seconds_per_day * p.scale)), 0, num_days_ - 1);
            v.start_location = tech.start_of(s).value();
            v.end_location = tech.end_location.value();
            v.span = {sh.span.start, sh.planned_return_limit()};
            latest_return_ = max(latest_return_, v.span.end);
            v.reach = reach_of(v);
            v.shift_end = sh.span.end;
            v.on_the_clock = sh.on_the_clock;
            v.capacity = tech.room(s);
            v.rates = route_rates(p, tech);
            const std::pair<int, double> key{v.reach, tech.efficiency};
            auto it = std::find(profiles.begin(), profiles.end(), key);
            v.profile = static_cast<int>(it - profiles.begin());
            if (it == profiles.end()) profiles.push_back(key);
            vehicles_.push_back(std::move(v));
        }
    }
}

int Instance::reach_of(const Vehicle& v) {
    // A vehicle serves the part of a job's windows inside its own hours, start to hard end: a night
    // shift the next morning's small hours, a day shift the day's hours and not the night's around
    // them (window_within picks one window). Vehicles with the same hours share the cut windows.
    const TimeWindow hours = v.span;
    const auto it = std::find(reaches_.begin(), reaches_.end(), hours);
    if (it != reaches_.end()) return static_cast<int>(it - reaches_.begin());
    reaches_.push_back(hours);
    return static_cast<int>(reaches_.size()) - 1;
}

void Instance::build_nodes() {
    const Problem& p = *problem_;
    num_jobs_ = static_cast<int>(p.jobs.size());
    service_.resize(static_cast<std::size_t>(num_jobs_) * num_technicians_);
    window_.resize(static_cast<std::size_t>(num_jobs_) * reaches_.size());
    for (int j = 0; j < num_jobs_; ++j) {
        const Job& job = p.jobs[j];
        node_location_.push_back(job.location.value());
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
        for (std::size_t r = 0; r < reaches_.size(); ++r) {
            const TimeWindow w = window_within(job, reaches_[r]);
            window_[static_cast<std::size_t>(j) * reaches_.size() + r] = w;
            if (w.start <= w.end) widest = {min(widest.start, w.start), max(widest.end, w.end)};
        }
        widest_window_.push_back(widest.start <= widest.end ? widest : TimeWindow{TimePoint(0), TimePoint(0)});
    }
    for (int v = 0; v < num_vehicles(); ++v) {
        const Shift& sh = p.technicians[vehicles_[v].technician].shifts[vehicles_[v].shift];
        for (const std::uint32_t index : sh.planned_breaks()) {  // nor does one never owed, or owed only late
            const Break& b = sh.breaks[index];
            vehicles_[v].breaks.push_back(static_cast<Node>(node_location_.size()));
            break_index_.push_back(index);
            node_location_.push_back(no_location);
            demand_.push_back(0);
            penalty_.push_back(Cost::zero());
            break_vehicle_.push_back(v);
            break_segment_.push_back(Segment::stop(b.length, b.window, 0, no_location));
        }
    }
}

TimeWindow Instance::window_within(const Job& job, TimeWindow hours) const {
    TimeWindow best{TimePoint(1), TimePoint(0)};
    // No window: any time a shift of those hours is out, past midnight too (VROOM's open vehicles).
    if (job.time_windows.empty()) best = {hours.start, max(hours.end, latest_return_)};
    // Of the windows in which the visit can still start and end within the hours, the longest, by
    // its own opening: a window the clock has cut into (a live re-plan's hours start at the clock)
    // keeps its rank, so that a re-plan does not move a customer to a later window for that alone.
    const Duration visit = problem_->objective.planned_duration(job);
    const TimePoint last_start = hours.end - visit;
    std::optional<Duration> best_rank;
    for (const auto& w : job.time_windows) {
        const TimeWindow cut{max(w.start, hours.start), min(w.end, hours.end)};
        if (cut.start > cut.end) continue;
        const std::optional<Duration> rank =
            cut.start <= last_start ? std::optional<Duration>(min(w.end, last_start) - w.start) : std::nullopt;
        const bool better =
            best.start > best.end || (rank && (!best_rank || *rank > *best_rank)) || (!rank && !best_rank && cut.length() > best.length());
        if (!better) continue;
        best = cut;
        best_rank = rank;
    }
    if (job.pinned_start) {
        const TimePoint t = *job.pinned_start;
        return best.contains(t) ? TimeWindow{t, t} : TimeWindow{TimePoint(1), TimePoint(0)};
    }
    return timed_ ? with_service_rules(job, best) : best;
}

TimeWindow Instance::with_service_rules(const Job& job, TimeWindow w) const {
    if (w.start > w.end) return w;
    w.start = service_opening(job, w);
    if (problem_->objective.hard_emergency_sla && job.urgency == Urgency::emergency && job.sla_deadline)
        w.end = min(w.end, *job.sla_deadline);
    return w;
}

void Instance::build_eligibility() {
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
            const TimeWindow w = window_[static_cast<std::size_t>(j) * reaches_.size() + veh.reach];
            const bool ok = has.covers(required[j]) && technician_allowed(p.jobs[j], veh.technician) && w.start <= w.end &&
                            p.jobs[j].demand <= veh.capacity;
            eligible_[static_cast<std::size_t>(v) * num_jobs_ + j] = ok ? 1 : 0;
            servable_[j] = servable_[j] || ok;
            uniform_ = uniform_ && ok;
        }
        uniform_ = uniform_ && veh.profile == vehicles_[0].profile && veh.breaks.empty() &&
                   veh.start_location == vehicles_[0].start_location && veh.end_location == vehicles_[0].end_location &&
                   veh.span == vehicles_[0].span && veh.capacity == vehicles_[0].capacity && veh.on_the_clock == vehicles_[0].on_the_clock;
    }
}

void Instance::build_buffers() {
    appointment_.resize(node_location_.size(), 0);  // breaks are no appointments
    // job x technician service at quantile q
    auto service_at = [this](Quantile q) {
        std::vector<Duration> out(service_.size());
        for (int j = 0; j < num_jobs_; ++j)
            for (int t = 0; t < num_technicians_; ++t)
                out[static_cast<std::size_t>(j) * num_technicians_ + t] =
                    Problem::service_time(problem_->jobs[j], problem_->technicians[t], q);
        return out;
    };
    if (const auto r = problem_->objective.return_buffer_in_force()) return_service_ = service_at(*r);
    const auto q = problem_->objective.appointment_buffer;
    if (q && std::any_of(appointment_.begin(), appointment_.end(), [](std::uint8_t a) { return a != 0; }))
        buffered_service_ = service_at(*q);
}

void Instance::build_balance_targets(const Problem& of) {
    const std::vector<Duration> by_day = balance_targets(of);
    for (const Vehicle& v : vehicles_)
        balance_target_.push_back(by_day[static_cast<std::size_t>(std::clamp(v.day, 0, static_cast<int>(by_day.size()) - 1))]);
    time_cost_.resize(node_location_.size());  // breaks cost nothing by when they start
    site_.resize(node_location_.size());
}

void Instance::build_stop_table() {
    int profiles = 0, first_vehicle_of[4096];
    for (int v = 0; v < num_vehicles(); ++v) {
        if (vehicles_[v].profile >= 4096) return;
        if (vehicles_[v].profile >= profiles) first_vehicle_of[profiles++] = v;
    }
    if (has_job_penalties() || static_cast<std::size_t>(profiles) * num_jobs_ > (1u << 22)) return;
    stop_table_.resize(static_cast<std::size_t>(profiles) * num_jobs_);
    for (int pr = 0; pr < profiles; ++pr)
        for (Node u = 0; u < num_jobs_; ++u) stop_table_[static_cast<std::size_t>(pr) * num_jobs_ + u] = make_stop(u, first_vehicle_of[pr]);
}

void Instance::build_depot_distances() {
    std::vector<std::uint32_t> starts;
    for (const auto& v : vehicles_)
        if (std::find(starts.begin(), starts.end(), v.start_location) == starts.end()) starts.push_back(v.start_location);
    depot_distance_.assign(num_nodes(), Distance::zero());
    for (Node u = 0; u < num_jobs_; ++u) {
        std::int64_t sum = 0;
        for (auto s : starts) sum += travel_distance(s, node_location_[u]).count();
        depot_distance_[u] = Distance(starts.empty() ? 0 : sum / static_cast<std::int64_t>(starts.size()));
    }
}

void Instance::build_neighbours(int k) {
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

}  // namespace fsd::solver
