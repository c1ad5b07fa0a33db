// The residual problem of a dispatch state: what is left of the day to plan, built once per re-plan.
#include "fsd/dispatch/residual.hpp"

namespace fsd::dispatch {
namespace {

// Marks what a technician-shift has done or has under way as begun; returns its demand, which is
// on the van for the rest of the route.
std::int64_t mark_begun(const DispatchState& st, const RouteProgress& p, PerJob<char>& begun) {
    std::int64_t load = 0;
    const auto mark = [&](JobIndex j) {
        begun[j] = 1;
        load += st.problem.jobs[j].demand;
    };
    for (std::size_t i = 0; i < p.frozen; ++i)
        if (p.route->stops[i].kind == StopKind::job) mark(p.route->stops[i].job_index());
    if (p.under_way) mark(p.under_way->job);
    return load;
}

}  // namespace

Residual residual_problem(const DispatchState& st) {
    using namespace residual_detail;
    Residual r;
    r.problem = st.problem;
    r.problem.jobs.clear();
    const std::size_t techs = st.problem.technicians.size();
    r.shift.resize(techs);
    r.breaks.resize(techs);
    r.visit_end.resize(techs);
    struct Commitment {
        TechnicianIndex technician;
        TimePoint arrival;
        Duration breaks;  // still to take that shift
    };
    PerJob<std::optional<Commitment>> committed(st.problem.jobs.size());
    PerJob<char> begun(st.problem.jobs.size(), 0);
    for (TechnicianIndex t : indices<TechnicianIndex>(techs)) {
        Technician& tech = r.problem.technicians[t];
        tech.shifts.clear();
        for (std::uint32_t s = 0; s < st.problem.technicians[t].shifts.size(); ++s) {
            r.progress.push_back(route_progress(st, t, s));
            const RouteProgress& p = r.progress.back();
            const std::int64_t loaded = mark_begun(st, p, begun);
            std::vector<std::uint32_t> breaks;
            bool commit = false;
            const std::optional<VisitEnd> end = p.under_way ? std::optional<VisitEnd>(visit_end(st, p)) : std::nullopt;
            std::optional<Shift> shift = residual_shift(st, p, end, breaks, commit);
            if (!shift) continue;
            shift->loaded = std::min(tech.capacity, shift->loaded + loaded);
            if (commit) {
                Duration break_time = Duration::zero();
                for (const Break& b : shift->breaks) break_time += b.length;
                committed[p.trip_stop()->job_index()] = Commitment{t, shift->span.start, break_time};
            }
            tech.shifts.push_back(std::move(*shift));
            r.shift[t].push_back(s);
            r.breaks[t].push_back(std::move(breaks));
            r.visit_end[t].push_back(end);
        }
    }
    for (JobIndex j : indices<JobIndex>(st.problem.jobs.size())) {
        const JobState state = st.jobs[j].state;
        if (begun[j] || state == JobState::done || state == JobState::in_progress) continue;
        Job job = st.problem.jobs[j];
        if (state != JobState::open || !clip_windows(job, st.now)) {
            r.closed.push_back(closed_job(st, j));
            continue;
        }
        if (committed[j]) {
            job.pinned_technician = committed[j]->technician;
            first_on_arrival(job, committed[j]->arrival, committed[j]->breaks);
        }
        r.problem.jobs.push_back(std::move(job));
        r.job.push_back(j);
    }
    return r;
}

}  // namespace fsd::dispatch
