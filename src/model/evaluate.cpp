// The plan evaluator's body (fsd/model/evaluate.hpp), compiled once: it is called from nearly every
// program and test, and is not on any hot path.
#include "fsd/model/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace fsd {
namespace evaluation_detail {
namespace {

// Distance in the source's own units, recomputed from coordinates where the source defines it,
// so benchmark figures agree with external checkers to the last digit.
double source_distance(const Problem& p, LocationId a, LocationId b) {
    if (const auto* e = std::get_if<EuclideanTravel>(&p.travel_source)) {
        const auto* pa = std::get_if<PlaneXY>(&p.locations[a].coordinates);
        const auto* pb = std::get_if<PlaneXY>(&p.locations[b].coordinates);
        if (pa && pb) {
            const double v = std::hypot(pa->x - pb->x, pa->y - pb->y);
            if (e->convention == EuclideanTravel::Convention::dimacs) return std::floor(10.0 * v + 1e-9) / 10.0;
            return v;
        }
    }
    const double per_unit = p.objective.kind == ObjectiveKind::weighted ? 1000.0 : double(p.scale);
    return static_cast<double>(p.travel_distance(a, b).count()) / per_unit;
}

class RouteChecker {
public:
    RouteChecker(const Problem& p, std::vector<Violation>& out, std::vector<Violation>& broken) : p_(p), out_(out), broken_(broken) {}

    void check_qualification(const Job& job, JobIndex j, const Technician& tech, TechnicianIndex ti, std::optional<Date> date,
                             const std::string& where) {
        for (const auto& need : job.skills) {
            const int have = tech.skill_level(need.skill);
            if (have < need.level)
                add(ViolationKind::skill, where,
                    "job " + job.id + " needs " + p_.catalog.skills[need.skill] + " level " + std::to_string(need.level) + ", technician " +
                        tech.id + " has " + std::to_string(have));
        }
        for (auto c : job.certifications) {
            const auto it = std::find_if(tech.certifications.begin(), tech.certifications.end(),
                                         [c](const Certification& x) { return x.certification == c; });
            if (it == tech.certifications.end())
                add(ViolationKind::certification, where, "technician " + tech.id + " lacks certification " + p_.catalog.certifications[c]);
            else if (date && !it->valid_on(*date))
                add(ViolationKind::certification, where,
                    "certification " + p_.catalog.certifications[c] + " of technician " + tech.id + " expired on " +
                        format_date(*it->expires));
        }
        for (auto e : job.equipment)
            if (std::find(tech.equipment.begin(), tech.equipment.end(), e) == tech.equipment.end())
                add(ViolationKind::equipment, where, "technician " + tech.id + " has no " + p_.catalog.equipment[e]);
        check_people_rules(job, j, tech, ti, where);
    }

    void add(ViolationKind k, const std::string& where, std::string msg) { out_.push_back(Violation{k, where, std::move(msg)}); }
    // One the reported past has already broken (Evaluation::already_broken).
    void add_broken(ViolationKind k, const std::string& where, std::string msg) { broken_.push_back(Violation{k, where, std::move(msg)}); }
    void add(bool by_the_past, ViolationKind k, const std::string& where, std::string msg) {
        by_the_past ? add_broken(k, where, std::move(msg)) : add(k, where, std::move(msg));
    }

private:
    void check_people_rules(const Job& job, JobIndex, const Technician& tech, TechnicianIndex ti, const std::string& where) {
        auto listed = [ti](const std::vector<TechnicianIndex>& v) { return std::find(v.begin(), v.end(), ti) != v.end(); };
        if (job.cancelled_at) add(ViolationKind::not_allowed, where, "job " + job.id + " was cancelled by the customer: nobody serves it");
        if (job.pinned_technician && *job.pinned_technician != ti)
            add(ViolationKind::not_allowed, where, "job " + job.id + " is pinned to " + p_.technicians[*job.pinned_technician].id);
        if (!job.required_technicians.empty() && !listed(job.required_technicians))
            add(ViolationKind::not_allowed, where, "job " + job.id + " requires another technician than " + tech.id);
        if (listed(job.excluded_technicians))
            add(ViolationKind::not_allowed, where, "technician " + tech.id + " is excluded from job " + job.id);
    }

    const Problem& p_;
    std::vector<Violation>& out_;
    std::vector<Violation>& broken_;
};

std::string clock(const Problem& p, TimePoint t) {
    return p.time_text(t);
}

struct Tally {
    PerJob<int> visits;                          // per job
    PerJob<int> on_time;                         // per job: 1 when it met its SLA and preferred window
    PerTechnician<std::vector<Duration>> work;   // per technician and shift: service time
    Duration response_total = Duration::zero();  // over assigned emergencies
    std::vector<double> spreads_km;              // per route with jobs
};

// The KPIs of one visit that depend on its start: SLA and emergency response.
void record_service_start(const Job& job, TimePoint start, Tally& tally, Kpis& k) {
    if (job.sla_deadline) {
        SlaKpis& s = k.sla[static_cast<int>(job.urgency)];
        ++s.with_deadline;
        const Duration late = start - *job.sla_deadline;
        if (late > Duration::zero()) {
            ++s.missed;
            s.late_total += late;
            s.late_max = max(s.late_max, late);
        } else {
            ++s.met;
        }
    }
    if (job.urgency == Urgency::emergency) {
        const Duration response = max(Duration::zero(), start - response_origin(job).value_or(start));
        ++k.emergencies_served;
        tally.response_total += response;
        k.emergency_response_max = max(k.emergency_response_max, response);
    }
}

// What the evaluator records along one route as walk_route times it: every violation with its
// path, the KPIs and the route's cost.
class RouteAudit {
public:
    RouteAudit(const Problem& p, const Route& in, std::string rpath, Tally& tally, Kpis& k, RouteChecker& check)
        : p_(p),
          in_(in),
          rpath_(std::move(rpath)),
          tech_(p.technicians[in.technician]),
          shift_(tech_.shifts[in.shift]),
          date_(p.date_of_day(shift_.day())),
          tally_(tally),
          k_(k),
          check_(check),
          day_(k.hours[in.technician]),
          break_taken_(shift_.breaks.size(), 0),
          load_(shift_.loaded) {}

    void bad_break(std::size_t si) {
        check_.add(ViolationKind::bad_reference, where(si), "shift has no break " + std::to_string(in_.stops[si].index));
    }
    void bad_job(std::size_t si) {
        check_.add(ViolationKind::bad_reference, where(si), "no job with index " + std::to_string(in_.stops[si].index));
    }

    void rest(std::size_t si, const Break& b, TimePoint arrival, const StopTimes& at) {
        const Stop& s = in_.stops[si];
        if (break_taken_[s.index]++ > 0) check_.add(ViolationKind::break_duplicate, where(si), "break taken twice");
        check_order(si);
        free_ = at.end;
        if (s.as_reported && at.end - at.start < b.length)
            check_.add_broken(
                ViolationKind::break_window, where(si),
                "reported break of " + format_duration(at.end - at.start) + " is shorter than its " + format_duration(b.length));
        if (!s.as_reported && s.start != TimePoint::min() && s.start < at.ready)
            check_.add(ViolationKind::schedule, where(si),
                       "stated break start " + clock(p_, s.start) + " is before the earliest possible " + clock(p_, at.ready));
        if (at.start > b.window.end)
            check_.add(s.as_reported, ViolationKind::break_window, where(si),
                       "break starts at " + clock(p_, at.start) + ", after its window closes at " + clock(p_, b.window.end));
        k_.waiting += at.start - arrival;
        day_.waiting += at.start - arrival;
        day_.breaks += b.length;
        if (s.as_reported) reported_end_ = at.end;
    }

    // The drive to the door the plan resumes from (Route::resumes), which the field reported.
    void resume(LocationId from, Duration travel, TimePoint free) {
        const Resumption& r = *in_.resumes;
        const LocationId door = p_.jobs[r.door].location;
        k_.travel_time += travel;
        day_.travel += travel;
        dist_ += p_.travel_distance(from, door);
        k_.distance_in_source_units += source_distance(p_, from, door);
        if (r.at < free)
            check_.add(ViolationKind::schedule, rpath_ + ".resumes",
                       "resumes at " + clock(p_, r.at) + ", before the technician is free at " + clock(p_, free));
        left_ = max(free, r.at);
    }

    void job(std::size_t si, const Job& job, LocationId from, Duration travel, TimePoint arrival, const JobTimes& at) {
        const Stop& s = in_.stops[si];
        ++tally_.visits[s.job_index()];
        check_.check_qualification(job, s.job_index(), tech_, in_.technician, date_, where(si));
        k_.travel_time += travel;
        day_.travel += travel;
        dist_ += p_.travel_distance(from, job.location);
        k_.distance_in_source_units += source_distance(p_, from, job.location);
        check_order(si);
        free_ = at.end;
        if (s.as_reported) {
            if (!in_some_window(job, s.start))
                check_.add_broken(ViolationKind::time_window, where(si),
                                  "job " + job.id + ": reported start " + clock(p_, s.start) + " is outside its windows");
            reported_end_ = at.end;
            reported_at_ = job.location;
        } else {
            if (s.set_out && s.arrival != TimePoint::min() && s.arrival < left_ + travel)
                check_.add(ViolationKind::schedule, where(si),
                           "stated arrival " + clock(p_, s.arrival) + " is sooner than the drive from " + clock(p_, left_) + " allows (" +
                               format_duration(travel) + ")");
            check_times(si, job, arrival, at);
            if (!s.set_out) check_return(si, job, at);
        }
        left_ = at.end;
        record_work(s, job, arrival, at);
    }

    void home(LocationId from, Duration back, bool has_job, const Route& out) {
        if (has_job) {
            k_.travel_time += back;
            day_.travel += back;
            dist_ += p_.travel_distance(from, tech_.end_location);
            k_.distance_in_source_units += source_distance(p_, from, tech_.end_location);
        }
        const Duration overtime = max(Duration::zero(), out.return_time - shift_.span.end);
        k_.overtime += overtime;
        check_route(has_job, out);
        k_.distance += dist_;
        if (!has_job) return;
        ++k_.routes_used;
        k_.cost += route_rates(p_, tech_).route_cost(dist_, out.return_time - shift_.paid_from(out.departure), overtime) +
                   shape_costs(p_).spread(box_);
        tally_.spreads_km.push_back(static_cast<double>(box_.spread_m()) / 1000.0);
        tally_.work[in_.technician][in_.shift] += work_;
    }

private:
    [[nodiscard]] std::string where(std::size_t si) const { return rpath_ + ".stops[" + std::to_string(si) + "]"; }

    // What the field reported comes first on a route, then at most one job being driven to, then
    // the plan. A reported start is taken as it is, but not one before the stop ahead of it ended:
    // nobody is in two places at once.
    void check_order(std::size_t si) {
        const Stop& s = in_.stops[si];
        if (s.as_reported && planned_ > 0)
            check_.add(ViolationKind::schedule, where(si), "a stop as reported comes after a planned one");
        else if (s.as_reported && free_ != TimePoint::min() && s.start < free_)
            check_.add(ViolationKind::schedule, where(si),
                       "reported start " + clock(p_, s.start) + " is before the stop ahead of it ends at " + clock(p_, free_));
        else if (s.as_reported && free_ == TimePoint::min())
            check_first_reported(si);
        if (s.set_out && (planned_jobs_ > 0 || set_out_ > 0))
            check_.add(ViolationKind::schedule, where(si), "only the first job after what is reported can be set out for");
        if (!s.as_reported) ++planned_;
        if (s.kind == StopKind::job && !s.as_reported) ++(s.set_out ? set_out_ : planned_jobs_);
    }

    // The first stop reported: not before the route's stated departure (the field reported both),
    // and a start before the shift is a fact already broken.
    void check_first_reported(std::size_t si) {
        const TimePoint start = in_.stops[si].start;
        if (in_.departure != TimePoint::min() && in_.departure >= shift_.span.start && start < in_.departure)
            check_.add(ViolationKind::schedule, where(si),
                       "reported start " + clock(p_, start) + " is before the route's departure at " + clock(p_, in_.departure));
        else if (start < shift_.span.start)
            check_.add_broken(ViolationKind::schedule, where(si),
                              "reported start " + clock(p_, start) + " is before the shift starts at " + clock(p_, shift_.span.start));
    }

    // A job's window, stated start and pinned start: each one it misses.
    void check_times(std::size_t si, const Job& job, TimePoint arrival, const JobTimes& at) {
        const Stop& s = in_.stops[si];
        // No window left: report it, and carry on from the arrival.
        if (!at.earliest)
            check_.add(ViolationKind::time_window, where(si),
                       "job " + job.id + ": arrival " + clock(p_, arrival) + " is after its last window closes");
        if (s.start != TimePoint::min()) {
            if (s.start < at.ready)
                check_.add(ViolationKind::schedule, where(si),
                           "stated start " + clock(p_, s.start) + " is before the earliest possible " + clock(p_, at.ready));
            else if (!in_some_window(job, s.start))
                check_.add(ViolationKind::time_window, where(si),
                           "job " + job.id + ": stated start " + clock(p_, s.start) + " is outside its windows");
        }
        if (job.pinned_start && at.unpinned > *job.pinned_start)
            check_.add(ViolationKind::pinned_start, where(si),
                       "job " + job.id + " is pinned to start at " + clock(p_, *job.pinned_start) + " but cannot start before " +
                           clock(p_, at.unpinned));
    }

    // The weighted objective's return buffer: had this job run to that quantile from its start,
    // the technician would still be home by the shift end plus overtime (the rule the search keeps).
    void check_return(std::size_t si, const Job& job, const JobTimes& at) {
        if (p_.back_in_time(job, tech_, shift_, at.start)) return;
        const Quantile q = *p_.objective.return_buffer;
        check_.add(ViolationKind::return_buffer, where(si),
                   "job " + job.id + ": had it taken its " + std::string(quantile_names[static_cast<int>(q)]) + " (" +
                       format_duration(Problem::service_time(job, tech_, q)) + "), technician " + tech_.id + " would be back at " +
                       clock(p_, p_.back_home(job, tech_, at.start, q)) + ", after the shift end " + clock(p_, shift_.span.end) + " plus " +
                       format_duration(shift_.max_overtime) + " overtime");
    }

    // A job's service, waiting, cost, SLA and load.
    void record_work(const Stop& s, const Job& job, TimePoint arrival, const JobTimes& at) {
        k_.waiting += at.start - arrival;
        k_.service_time += at.end - at.start;
        day_.service += at.end - at.start;
        day_.waiting += at.start - arrival;
        work_ += at.end - at.start;
        if (const auto site = site_point(p_.locations[job.location])) box_.add(*site);
        k_.cost += service_penalty(p_, job, in_.technician, at.start);
        record_service_start(job, at.start, tally_, k_);
        const bool sla_ok = !job.sla_deadline || at.start <= *job.sla_deadline;
        const bool pref_ok = !job.preferred_window || job.preferred_window->contains(at.start);
        // A start outside the hard windows is a violation when planned, a fact when reported: late either way.
        tally_.on_time[s.job_index()] = sla_ok && pref_ok && in_some_window(job, at.start) ? 1 : 0;
        load_ += job.demand;
        ++k_.jobs_per_technician[in_.technician];
    }

    // The route as a whole: back in time, within capacity, every break it owes taken.
    void check_route(bool has_job, const Route& out) {
        const TimePoint limit = shift_.span.end + shift_.max_overtime;
        // Late already when the reported part alone brings them back late and nothing is planned
        // after it but breaks (and the job being driven to, which the field has committed to).
        const bool late_already = reported_end_ != TimePoint::min() && planned_jobs_ == 0 &&
                                  reported_end_ + p_.travel_time(reported_at_, tech_.end_location) > limit;
        if (out.return_time > limit)
            check_.add(late_already, ViolationKind::shift_end, rpath_,
                       "technician " + tech_.id + " is back at " + clock(p_, out.return_time) + ", after the shift end " +
                           clock(p_, shift_.span.end) +
                           (shift_.max_overtime > Duration::zero() ? " plus " + format_duration(shift_.max_overtime) + " overtime"
                                                                   : std::string()));
        if (load_ > tech_.capacity)
            check_.add(ViolationKind::capacity, rpath_,
                       "load " + std::to_string(load_) + " exceeds capacity " + std::to_string(tech_.capacity));
        // A break owed only late is owed by a route still at work when it opens; the drive home
        // after the last stop does not count.
        const TimePoint last_left = out.stops.empty() ? out.departure : out.stops.back().end;
        for (std::size_t b = 0; b < shift_.breaks.size(); ++b)
            if (has_job && break_taken_[b] == 0 && shift_.owes(shift_.breaks[b], last_left, out.return_time))
                check_.add(reported_end_ != TimePoint::min() && (planned_jobs_ == 0 || shift_.breaks[b].window.end < reported_end_),
                           ViolationKind::break_missing, rpath_,
                           "technician " + tech_.id + " works past " + clock(p_, shift_.breaks[b].window.start) + " without break " +
                               std::to_string(b));
    }

    const Problem& p_;
    const Route& in_;
    std::string rpath_;
    const Technician& tech_;
    const Shift& shift_;
    std::optional<Date> date_;
    Tally& tally_;
    Kpis& k_;
    RouteChecker& check_;
    TechnicianHours& day_;
    std::vector<int> break_taken_;
    std::int64_t load_ = 0;
    Distance dist_ = Distance::zero();
    Duration work_ = Duration::zero();
    TimePoint free_ = TimePoint::min();  // when the stop before ended; min before the first
    // When the technician left the last place they were at: a job, the door resumed at, the start.
    TimePoint left_ = max(shift_.span.start, in_.departure);
    // Where and when the part of the route reported from the field ends (min when none is); how
    // many stops are planned rather than reported, how many of them jobs not being driven to (a
    // route with none is the field's alone), and how many jobs are being driven to.
    TimePoint reported_end_ = TimePoint::min();
    LocationId reported_at_ = tech_.start_of(in_.shift);
    int planned_ = 0, planned_jobs_ = 0, set_out_ = 0;
    SiteBox box_;
};

// Re-derives the times of one route and checks it; returns the route with derived times.
Route evaluate_route(const Problem& p, const Route& in, std::size_t ri, Tally& tally, Kpis& k, RouteChecker& check) {
    const std::string rpath = "routes[" + std::to_string(ri) + "]";
    const Shift& shift = p.technicians[in.technician].shifts[in.shift];
    // A route whose first job is reported, or driven to, left when the field says, early or not.
    const auto first_job = std::find_if(in.stops.begin(), in.stops.end(), [](const Stop& s) { return s.kind == StopKind::job; });
    const bool reported_departure = in.resumes || (first_job != in.stops.end() && (first_job->as_reported || first_job->set_out));
    if (in.departure != TimePoint::min() && in.departure < shift.span.start)
        check.add(reported_departure, ViolationKind::schedule, rpath,
                  "departure " + clock(p, in.departure) + " is before the shift starts at " + clock(p, shift.span.start));
    const auto free_flow = [&p](LocationId from, LocationId to, TimePoint) { return p.travel_time(from, to); };
    if (in.resumes && in.resumes->door.value() >= p.jobs.size()) {
        check.add(ViolationKind::bad_reference, rpath + ".resumes", "no job with index " + std::to_string(in.resumes->door.value()));
        Route without = in;
        without.resumes.reset();
        return walk_route(p, without, free_flow, RouteAudit(p, without, rpath, tally, k, check));
    }
    return walk_route(p, in, free_flow, RouteAudit(p, in, rpath, tally, k, check));
}

// The load-balance cost of every technician-shift (idle ones too), the balance and spread KPIs
// and the mean emergency response.
void technician_kpis(const Problem& p, const Tally& tally, Kpis& k) {
    const std::vector<Duration> target = balance_targets(p);
    const ShapeCosts shape = shape_costs(p);
    double most = 0, least = std::numeric_limits<double>::max();
    for (std::size_t t = 0; t < p.technicians.size(); ++t) {
        for (std::size_t s = 0; s < p.technicians[t].shifts.size(); ++s) {
            const int day = std::clamp(p.technicians[t].shifts[s].day(), 0, static_cast<int>(target.size()) - 1);
            k.cost += shape.balance(target[static_cast<std::size_t>(day)], tally.work[t][s]);
        }
        if (k.jobs_per_technician[t] == 0) continue;
        const double h = static_cast<double>(k.hours[t].service.count()) / 3600.0;
        most = std::max(most, h);
        least = std::min(least, h);
    }
    k.service_hours_max = most;
    k.service_hours_min = least == std::numeric_limits<double>::max() ? 0 : least;
    for (double km : tally.spreads_km) {
        k.spread_km_mean += km / static_cast<double>(tally.spreads_km.size());
        k.spread_km_max = std::max(k.spread_km_max, km);
    }
    if (k.emergencies_served > 0) k.emergency_response_mean = Duration(tally.response_total.count() / k.emergencies_served);
}

}  // namespace

// The ETA window of every stop of a route whose times have been re-derived (see EtaWindow).
std::vector<EtaWindow> eta_windows(const Problem& p, const Route& r) {
    std::vector<EtaWindow> out(r.stops.size());
    if (!p.technicians.contains(r.technician) || r.shift >= p.technicians[r.technician].shifts.size()) return out;
    const Technician& tech = p.technicians[r.technician];
    const Shift& shift = tech.shifts[r.shift];
    for (const Quantile q : {Quantile::p50, Quantile::p90}) {
        TimePoint t = r.departure;
        LocationId here = tech.start_of(r.shift);
        const std::size_t resume_at = r.resumes && r.resumes->door.value() < p.jobs.size() ? r.resumes_before() : Route::npos;
        for (std::size_t i = 0; i < r.stops.size(); ++i) {
            const Stop& s = r.stops[i];
            if (i == resume_at) {  // as walk_route
                t = max(t, r.resumes->at);
                here = p.jobs[r.resumes->door].location;
            }
            TimePoint start = t;
            if (s.as_reported) {
                start = s.start;
                t = s.end;
                if (s.kind == StopKind::job && s.index < p.jobs.size()) here = p.jobs[s.job_index()].location;
            } else if (s.kind == StopKind::break_time) {
                if (s.index >= shift.breaks.size()) continue;
                start = max(t, shift.breaks[s.index].window.start);
                t = start + shift.breaks[s.index].length;
            } else if (s.index < p.jobs.size()) {
                const Job& job = p.jobs[s.job_index()];
                TimePoint arrival = t + p.travel_time(here, job.location);
                if (s.set_out && s.arrival != TimePoint::min()) arrival = max(s.arrival, t);  // as walk_route
                start = opening_start(job, arrival);
                const double nominal = static_cast<double>(job.duration.at(q).count());
                t = start + Duration(std::llround(nominal / tech.efficiency));
                here = job.location;
            }
            (q == Quantile::p50 ? out[i].p50 : out[i].p90) = start;
        }
    }
    return out;
}

}  // namespace evaluation_detail

Evaluation evaluate(const Problem& p, const Plan& plan) {
    using namespace evaluation_detail;
    Evaluation ev;
    Kpis& k = ev.kpis;
    k.jobs_per_technician.assign(p.technicians.size(), 0);
    Tally tally{std::vector<int>(p.jobs.size(), 0), std::vector<int>(p.jobs.size(), 0), {}, Duration::zero(), {}};
    RouteChecker check(p, ev.violations, ev.already_broken);
    std::map<std::pair<TechnicianIndex, std::uint32_t>, std::size_t> seen_routes;

    k.hours.resize(p.technicians.size());
    for (std::size_t t = 0; t < p.technicians.size(); ++t) {
        tally.work.emplace_back(p.technicians[t].shifts.size(), Duration::zero());
        for (const auto& s : p.technicians[t].shifts) k.hours[t].shift += s.span.length();
        k.shift_time += k.hours[t].shift;
    }

    for (std::size_t ri = 0; ri < plan.routes.size(); ++ri) {
        const Route& r = plan.routes[ri];
        const std::string rpath = "routes[" + std::to_string(ri) + "]";
        if (!p.technicians.contains(r.technician) || r.shift >= p.technicians[r.technician].shifts.size()) {
            check.add(ViolationKind::bad_reference, rpath, "no such technician or shift");
            ev.schedule.routes.push_back(r);
            continue;
        }
        auto [it, fresh] = seen_routes.emplace(std::pair{r.technician, r.shift}, ri);
        if (!fresh)
            check.add(ViolationKind::duplicate_route, rpath,
                      "technician " + p.technicians[r.technician].id + " shift " + std::to_string(r.shift) + " is also routes[" +
                          std::to_string(it->second) + "]");
        ev.schedule.routes.push_back(evaluate_route(p, r, ri, tally, k, check));
    }

    PerJob<int> listed(p.jobs.size(), 0);
    for (std::size_t ui = 0; ui < plan.unassigned.size(); ++ui) {
        const auto& u = plan.unassigned[ui];
        const std::string where = "unassigned[" + std::to_string(ui) + "]";
        if (!p.jobs.contains(u.job)) {
            check.add(ViolationKind::bad_reference, where, "no job with index " + std::to_string(u.job.value()));
            continue;
        }
        if (listed[u.job]++ > 0) check.add(ViolationKind::duplicate_job, where, "job " + p.jobs[u.job].id + " listed twice");
        if (p.jobs[u.job].cancelled_at) {
            ++k.jobs_cancelled;  // the customer's decision, not a job left out: unassigned_penalty is zero
            continue;
        }
        ++k.unassigned_by_urgency[static_cast<int>(p.jobs[u.job].urgency)];
        k.cost += unassigned_penalty(p, p.jobs[u.job]);
    }
    ev.schedule.unassigned = plan.unassigned;
    technician_kpis(p, tally, k);
    for (const Route& r : ev.schedule.routes) ev.eta.push_back(eta_windows(p, r));

    int on_time = 0;
    for (std::size_t j = 0; j < p.jobs.size(); ++j) {
        const int placed = tally.visits[j] + listed[j];
        if (tally.visits[j] > 1 || (tally.visits[j] == 1 && listed[j] > 0))
            check.add(ViolationKind::duplicate_job, "jobs[" + std::to_string(j) + "]",
                      "job " + p.jobs[j].id + " appears " + std::to_string(placed) + " times in the plan");
        if (placed == 0)
            check.add(ViolationKind::missing_job, "jobs[" + std::to_string(j) + "]",
                      "job " + p.jobs[j].id + " is neither routed nor listed as unassigned");
        if (tally.visits[j] > 0) ++k.jobs_assigned;
        on_time += tally.visits[j] > 0 ? tally.on_time[j] : 0;
    }
    k.on_time_pct = k.jobs_assigned ? 100.0 * on_time / k.jobs_assigned : 100.0;
    k.utilisation_pct = k.shift_time > Duration::zero() ? 100.0 * double(k.service_time.count()) / double(k.shift_time.count()) : 0.0;
    return ev;
}

}  // namespace fsd
