// An ETA window a dispatcher can promise: the technician's arrival at a stop of a route as a
// distribution, by Monte-Carlo over the log-normal durations of the jobs before it, cut to the
// shortest window holding the share asked for (80% by default).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "fsd/model/duration_distribution.hpp"
#include "fsd/model/evaluate.hpp"

namespace fsd::lanes {

struct ConfidentWindow {
    TimeWindow window;        // the arrival window to promise
    TimePoint median;         // the middle arrival
    double confidence = 0.8;  // the share of simulated arrivals inside `window`
};

struct ConfidenceOptions {
    double confidence = 0.8;
    int samples = 400;  // the window's ends move by about a minute between seeds at 400
};

struct SimulatedVisit {
    TimePoint arrival;  // at the door (for a break: its start)
    TimePoint start;    // of service, once the stop's windows allow
};

// One simulated visit of stop `at`: every job before it takes a drawn duration, the technician
// drives the planned legs and starts each stop as soon as its windows allow (not at its planned
// time: a technician who is early goes on).
inline SimulatedVisit simulate_visit(const Problem& p, const Route& r, std::size_t at, Rng& rng) {
    const Technician& tech = p.technicians[r.technician];
    const Shift& shift = tech.shifts[r.shift];
    TimePoint t = max(shift.span.start, r.departure);
    LocationId here = tech.start_of(r.shift);
    for (std::size_t i = 0;; ++i) {
        const Stop& s = r.stops[i];
        if (s.kind == StopKind::break_time) {
            const TimePoint start = max(t, shift.breaks[s.index].window.start);
            if (i == at) return {start, start};
            t = start + shift.breaks[s.index].length;
            continue;
        }
        const Job& job = p.jobs[s.job_index()];
        const TimePoint arrival = t + p.travel_time(here, job.location);
        const TimePoint start = evaluation_detail::opening_start(job, arrival);
        if (i == at) return {arrival, start};
        t = start + LogNormalDuration::through(job.duration).sample(rng, tech.efficiency);
        here = job.location;
    }
}

// The shortest window holding `confidence` of the simulated arrivals at stop `at` of route r,
// widened to whole minutes; its own share of the arrivals is reported, which is higher than asked
// when an arrival is certain (the first stop of the day).
inline ConfidentWindow confident_arrival(const Problem& p, const Route& r, std::size_t at, Rng& rng, const ConfidenceOptions& o = {}) {
    std::vector<std::int64_t> arrivals(static_cast<std::size_t>(std::max(1, o.samples)));
    for (auto& a : arrivals) a = simulate_visit(p, r, at, rng).arrival.count();
    std::sort(arrivals.begin(), arrivals.end());
    const std::size_t n = arrivals.size();
    const auto need = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(o.confidence * static_cast<double>(n))), 1, n);
    std::size_t lo = 0;
    for (std::size_t i = 1; i + need <= n; ++i)
        if (arrivals[i + need - 1] - arrivals[i] < arrivals[lo + need - 1] - arrivals[lo]) lo = i;
    const auto down = [](std::int64_t s) { return s - ((s % 60) + 60) % 60; };
    const std::int64_t last = arrivals[lo + need - 1], up = down(last) == last ? last : down(last) + 60;
    const TimeWindow window{TimePoint(down(arrivals[lo])), TimePoint(up)};
    const auto inside = std::count_if(arrivals.begin(), arrivals.end(), [&](std::int64_t a) { return window.contains(TimePoint(a)); });
    return {window, TimePoint(arrivals[n / 2]), static_cast<double>(inside) / static_cast<double>(n)};
}

// The share of simulated visits of stop `at` of route r whose service starts inside `window` (an
// early technician waits for it): the confidence of offering that window.
inline double share_within(const Problem& p, const Route& r, std::size_t at, TimeWindow window, Rng& rng, int samples = 400) {
    int inside = 0;
    for (int k = 0; k < samples; ++k) inside += window.contains(simulate_visit(p, r, at, rng).start) ? 1 : 0;
    return samples > 0 ? static_cast<double>(inside) / samples : 0.0;
}

}  // namespace fsd::lanes
