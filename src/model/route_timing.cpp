// Timing a fixed sequence of jobs for one technician-shift.
#include "fsd/model/route_timing.hpp"

namespace fsd {

std::optional<Route> time_route(const Problem& p, TechnicianIndex ti, std::uint32_t si, std::span<const JobIndex> jobs,
                                const TimingOptions& opt) {
    using timing_detail::service_start;
    const Technician& tech = p.technicians[ti];
    const Shift& shift = tech.shifts[si];
    Route r{ti, si, shift.span.start, shift.span.start, {}};
    const std::vector<std::uint32_t> pending = shift.breaks_in_window_order();
    std::size_t next_break = 0;
    TimePoint t = shift.span.start;
    LocationId here = tech.start_of(si);
    std::int64_t load = shift.loaded;

    auto take_break = [&](std::uint32_t b) {
        const Break& br = shift.breaks[b];
        const TimePoint start = max(t, br.window.start);
        if (start > br.window.end) return false;
        r.stops.push_back(Stop{StopKind::break_time, b, t, start, start + br.length});
        t = start + br.length;
        return true;
    };

    for (JobIndex j : jobs) {
        const Job& job = p.jobs[j];
        const Duration travel = p.travel_time(here, job.location);
        const Duration service = p.service_time(job, tech);
        // Take each pending break now if doing the job first would push it past its window.
        while (next_break < pending.size()) {
            const Break& br = shift.breaks[pending[next_break]];
            const auto start = service_start(job, t + travel);
            if (start && *start + service <= br.window.end) break;
            if (!take_break(pending[next_break])) return std::nullopt;
            ++next_break;
        }
        const TimePoint arrival = t + travel;
        const auto start = service_start(job, arrival);
        if (!start || !p.back_in_time(job, tech, shift, *start)) return std::nullopt;
        r.stops.push_back(Stop{StopKind::job, j.value(), arrival, *start, *start + service});
        t = *start + service;
        here = job.location;
        load += job.demand;
    }
    const Duration back = p.travel_time(here, tech.end_location);
    for (; next_break < pending.size(); ++next_break) {
        const Break& br = shift.breaks[pending[next_break]];
        if (shift.owes(br, t, t + back) && !take_break(pending[next_break])) return std::nullopt;
    }
    r.return_time = t + back;
    TimePoint limit = shift.span.end + (opt.allow_overtime ? shift.max_overtime : Duration::zero());
    if (opt.as_planned) limit = min(limit, shift.planned_return_limit());
    if (r.return_time > limit || load > tech.capacity) return std::nullopt;

    // Leave later by the wait at the first stop: nothing after it moves.
    if (!r.stops.empty() && r.stops.front().kind == StopKind::job) {
        const Duration slack = r.stops.front().wait();
        r.departure += slack;
        r.stops.front().arrival += slack;
    }
    return r;
}

}  // namespace fsd
