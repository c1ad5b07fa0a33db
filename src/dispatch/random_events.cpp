// Random but plausible dispatch events, drawn from what the state's plan says will happen next.
#include "fsd/dispatch/random_events.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "fsd/dispatch/apply.hpp"
#include "fsd/dispatch/conditional_duration.hpp"
#include "fsd/dispatch/progress.hpp"
#include "fsd/io/json.hpp"

namespace fsd::dispatch {
namespace {

Duration between(Rng& rng, Duration lo, Duration hi) {
    return Duration(rng.between(lo.count(), std::max(lo.count(), hi.count())));
}

template <class T>
const T* pick(Rng& rng, const std::vector<T>& v) {
    return v.empty() ? nullptr : &v[rng.below(v.size())];
}

Event event(EventType type, TimePoint at) {
    Event e;
    e.type = type;
    e.at = at;
    return e;
}

// The routes' progress, and which of them are at their next job or on site.
struct Outlook {
    std::vector<RouteProgress> idle_before_job;  // nothing under way, next stop a job not begun
    std::vector<RouteProgress> on_site;          // a visit under way
};

Outlook outlook(const DispatchState& st) {
    Outlook o;
    const PerJob<char> begun = begun_jobs(st);
    for (const Route& r : st.plan.routes) {
        RouteProgress p = route_progress(st, r.technician, r.shift);
        const Stop* next = p.next_stop();
        if (p.under_way)
            o.on_site.push_back(p);
        else if (next && next->kind == StopKind::job && !begun[next->job_index()] && next->start >= st.now)
            o.idle_before_job.push_back(p);
    }
    return o;
}

std::optional<Event> job_at_door(const DispatchState& st, Rng& rng, const Outlook& o, EventType type) {
    const RouteProgress* p = pick(rng, o.idle_before_job);
    if (!p) return std::nullopt;
    const Stop& next = *p->next_stop();
    Event e = event(type, next.start + (type == EventType::job_started ? between(rng, Duration::zero(), minutes(10)) : Duration::zero()));
    e.job = st.problem.jobs[next.job_index()].id;
    e.technician = st.problem.technicians[p->technician].id;
    return e;
}

// A technician free before their next job sets out for it, by the time the plan starts it.
std::optional<Event> set_out(const DispatchState& st, Rng& rng, const Outlook& o) {
    const RouteProgress* p = pick(rng, o.idle_before_job);
    if (!p) return std::nullopt;
    const TimePoint from = max(st.now, p->free_at);
    Event e = event(EventType::on_the_way, from + between(rng, Duration::zero(), min(minutes(10), p->next_stop()->start - from)));
    e.job = st.problem.jobs[p->next_stop()->job_index()].id;
    e.technician = st.problem.technicians[p->technician].id;
    return e;
}

// A finish drawn from the job's log-normal, at the technician's efficiency.
std::optional<Event> finished(const DispatchState& st, Rng& rng, const Outlook& o) {
    const RouteProgress* p = pick(rng, o.on_site);
    if (!p) return std::nullopt;
    const Visit& v = *p->under_way;
    const Job& job = st.problem.jobs[v.job];
    const LogNormalDuration fit = LogNormalDuration::fit(job.duration.p50, job.duration.p90);
    const double actual = fit.median_s * std::exp(fit.sigma * rng.normal()) / st.problem.technicians[v.technician].efficiency;
    Event e = event(EventType::job_finished, max(st.now + minutes(1), v.started + Duration(std::llround(actual))));
    e.job = job.id;
    return e;
}

std::optional<Event> running_late(const DispatchState& st, Rng& rng, const Outlook& o) {
    const RouteProgress* p = pick(rng, o.on_site);
    if (!p) return std::nullopt;
    const Stop& stop = *p->next_stop();
    Event e = event(EventType::running_late, st.now + between(rng, minutes(1), minutes(10)));
    e.job = st.problem.jobs[p->under_way->job].id;
    e.expected_finish = max(e.at, stop.end) + between(rng, minutes(20), minutes(90));
    return e;
}

std::optional<Event> cancelled(const DispatchState& st, Rng& rng, TimePoint at) {
    const PerJob<char> begun = begun_jobs(st);
    std::vector<JobIndex> open;
    for (JobIndex j : indices<JobIndex>(st.problem.jobs.size()))
        if (st.jobs[j].state == JobState::open && !begun[j]) open.push_back(j);
    const JobIndex* j = pick(rng, open);
    if (!j) return std::nullopt;
    Event e = event(EventType::job_cancelled, at);
    e.job = st.problem.jobs[*j].id;
    return e;
}

// A new ticket like an existing one, of any urgency, for the rest of the day.
std::optional<Event> added(const DispatchState& st, Rng& rng, TimePoint at) {
    if (st.problem.jobs.empty()) return std::nullopt;
    Json spec = problem_to_json(st.problem)["jobs"][rng.below(st.problem.jobs.size())];
    for (const char* key :
         {"promised", "pinned", "preferred_window", "reported_at", "sla_deadline", "required_technicians", "excluded_technicians"})
        spec.erase(key);
    spec["id"] = "N" + std::to_string(st.problem.jobs.size() + 1);
    const TimePoint day_end = day_start(static_cast<int>(at.count() / seconds_per_day) + 1) - minutes(1);
    spec["time_windows"] = Json::array({{{"start", at.count()}, {"end", min(at + hours(8), day_end).count()}}});
    const int u = static_cast<int>(rng.below(3));
    spec["urgency"] = urgency_names[static_cast<std::size_t>(u)];
    spec["priority"] = u == 0 ? 10 : u == 1 ? 5 : 2;
    if (u < 2) spec["sla_deadline"] = min(at + hours(u == 0 ? 3 : 6), day_end).count();
    Event e = event(EventType::job_added, at);
    e.job = spec["id"].get<std::string>();
    e.job_spec = spec;
    return e;
}

std::optional<Event> technician_event(const DispatchState& st, Rng& rng, EventType type, TimePoint at) {
    std::vector<TechnicianIndex> candidates;
    for (TechnicianIndex t : indices<TechnicianIndex>(st.problem.technicians.size())) {
        bool open_absence = false;
        for (const TimeWindow& a : st.absences[t]) open_absence = open_absence || (a.end == TimePoint::max() && a.start <= at);
        if ((type == EventType::technician_available) == open_absence) candidates.push_back(t);
    }
    const TechnicianIndex* t = pick(rng, candidates);
    if (!t) return std::nullopt;
    Event e = event(type, at);
    e.technician = st.problem.technicians[*t].id;
    if (type == EventType::travel_delay) e.delay = between(rng, minutes(10), minutes(40));
    if (type == EventType::technician_unavailable && rng.chance(0.5)) e.until = at + between(rng, hours(1), hours(3));
    return e;
}

std::optional<Event> draw(const DispatchState& st, Rng& rng, EventType type, const RandomEventOptions& o) {
    const TimePoint at = st.now + between(rng, o.min_gap, o.max_gap);
    switch (type) {
        case EventType::job_added:
            return added(st, rng, at);
        case EventType::job_cancelled:
            return cancelled(st, rng, at);
        case EventType::customer_not_home:
        case EventType::job_started:
            return job_at_door(st, rng, outlook(st), type);
        case EventType::job_finished:
            return finished(st, rng, outlook(st));
        case EventType::running_late:
            return running_late(st, rng, outlook(st));
        case EventType::on_the_way:
            return set_out(st, rng, outlook(st));
        default:
            return technician_event(st, rng, type, at);
    }
}

EventType draw_type(Rng& rng, const RandomEventOptions& o) {
    double total = 0;
    for (double w : o.weights) total += w;
    double x = rng.uniform(0, total);
    for (std::size_t i = 0; i < o.weights.size(); ++i)
        if ((x -= o.weights[i]) <= 0) return static_cast<EventType>(i);
    return EventType::job_finished;
}

}  // namespace

std::optional<Event> random_event(const DispatchState& st, Rng& rng, const RandomEventOptions& o) {
    for (int tries = 0; tries < 60; ++tries) {
        std::optional<Event> e = draw(st, rng, draw_type(rng, o), o);
        if (e && accepted(st, *e)) return e;
    }
    return std::nullopt;
}

}  // namespace fsd::dispatch
