// The scheduled lane's booking desk: for a customer asking for a visit, the (day, window) offers
// that fit the plan, each with what it costs the plan and how likely the technician is to arrive
// inside it; and booking one, which adds the job with that window as hard.
#pragma once

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "fsd/lanes/confident_window.hpp"
#include "fsd/model/unassigned_reason.hpp"
#include "fsd/solver/plan_output.hpp"
#include "fsd/solver/warm_start.hpp"

namespace fsd::lanes {

struct OfferOptions {
    int k = 5;                  // offers returned
    int per_day = 2;            // at most this many on one day
    double first_hour = 8;      // windows open from this hour...
    double last_hour = 16;      // ...and close by this one
    double standard_hours = 2;  // the usual window
    bool premium = true;        // also one-hour windows, where they fit
    int samples = 400;          // Monte-Carlo draws behind each offer's confidence
    std::uint64_t seed = 1;
    TimePoint not_before = TimePoint::min();  // no window opening earlier is offered (a live day: its clock)
};

struct AppointmentOffer {
    int day = 0;  // horizon day
    TimeWindow window;
    bool premium = false;  // a one-hour window
    TechnicianIndex technician{};
    std::uint32_t shift = 0;
    std::size_t position = 0;  // the visit becomes stop `position` of that route
    Cost cost;                 // what the plan costs more (objective units)
    double confidence = 0;     // share of simulated arrivals inside the window
};

namespace appointment_detail {

// Every window offered on a day: the standard ones back to back, then the premium hours.
inline std::vector<std::pair<TimeWindow, bool>> windows_of_day(int day, const OfferOptions& o) {
    std::vector<std::pair<TimeWindow, bool>> out;
    auto at = [day](double h) { return day_start(day) + Duration(static_cast<std::int64_t>(h * 3600)); };
    for (double h = o.first_hour; h + o.standard_hours <= o.last_hour + 1e-9; h += o.standard_hours)
        out.push_back({{at(h), at(h + o.standard_hours)}, false});
    if (o.premium)
        for (double h = o.first_hour; h + 1 <= o.last_hour + 1e-9; h += 1) out.push_back({{at(h), at(h + 1)}, true});
    return out;
}

// The problem with one copy of the request per (day, window) it could be booked in, each with
// that window as its only one: the search then prices every option in a single instance.
struct Candidates {
    Problem problem;
    std::vector<std::pair<int, std::pair<TimeWindow, bool>>> options;  // per copy: day, window, premium
    JobIndex first{};                                                  // index of the first copy
};

// A day is offered when its booking hours meet some shift's working hours: hours past 24 reach a
// night crew, also in the small hours of a dispatch state, whose shifts start at the clock.
inline bool booking_day(const Problem& p, int d, const OfferOptions& o) {
    auto at = [d](double h) { return day_start(d) + Duration(static_cast<std::int64_t>(h * 3600)); };
    const TimeWindow hours{at(o.first_hour), at(o.last_hour)};
    for (const auto& t : p.technicians)
        for (const auto& s : t.shifts)
            if (s.working_hours().meets(hours)) return true;
    return false;
}

inline Candidates candidate_problem(const Problem& p, const Job& request, const OfferOptions& o) {
    if (o.last_hour - o.first_hour > 24) throw std::invalid_argument("OfferOptions: booking hours span more than 24 hours");
    Candidates c{p, {}, static_cast<JobIndex>(p.jobs.size())};
    for (int d = 0; d < p.horizon.days; ++d) {
        if (!booking_day(p, d, o)) continue;
        for (const auto& w : windows_of_day(d, o)) {
            if (w.first.start < o.not_before) continue;
            Job copy = request;
            copy.time_windows = {w.first};
            copy.pinned_start.reset();
            c.problem.jobs.push_back(std::move(copy));
            c.options.push_back({d, w});
        }
    }
    return c;
}

// The stop index of job j on the route of (technician, shift) in plan, if it is there.
inline std::optional<std::pair<const Route*, std::size_t>> find_stop(const Plan& plan, JobIndex j) {
    for (const Route& r : plan.routes)
        for (std::size_t i = 0; i < r.stops.size(); ++i)
            if (r.stops[i].kind == StopKind::job && r.stops[i].job_index() == j) return std::pair{&r, i};
    return std::nullopt;
}

// The cheapest `k` of `all`, at most `per_day` a day, the cheapest premium hour among them when
// there is one; each with the confidence of its window.
inline std::vector<AppointmentOffer> pick_offers(const Candidates& c, const solver::SearchState& s, std::vector<AppointmentOffer> all,
                                                 const OfferOptions& o) {
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.cost < b.cost; });
    std::vector<AppointmentOffer> out;
    std::vector<int> per_day(static_cast<std::size_t>(std::max(1, c.problem.horizon.days)), 0);
    for (const auto& offer : all)
        if (static_cast<int>(out.size()) < o.k && per_day[static_cast<std::size_t>(offer.day)]++ < o.per_day) out.push_back(offer);
    const auto premium = std::find_if(all.begin(), all.end(), [](const auto& a) { return a.premium; });
    if (premium != all.end() && std::none_of(out.begin(), out.end(), [](const auto& a) { return a.premium; }) && !out.empty())
        out.back() = *premium;
    Rng rng(o.seed);
    for (auto& offer : out) {
        const auto k = static_cast<std::size_t>(
            std::find_if(c.options.begin(), c.options.end(),
                         [&](const auto& opt) { return opt.first == offer.day && opt.second.first == offer.window; }) -
            c.options.begin());
        const auto u = static_cast<solver::Node>(c.first.value() + k);
        solver::SearchState with = s;
        const int r = solver::route_of_vehicle(with.instance(), offer.technician, offer.shift);
        with.insert(u, r, static_cast<int>(offer.position));
        with.update(r);
        const Plan plan = solver::to_plan(with);
        if (const auto at = find_stop(plan, static_cast<JobIndex>(u)))
            offer.confidence = share_within(c.problem, *at->first, at->second, offer.window, rng, o.samples);
    }
    return out;
}

}  // namespace appointment_detail

// The k cheapest offers (day, window) for `request` in `plan` of `p`, at most `per_day` a day, with
// the cheapest premium hour among them when one fits; cheapest first. The request's own windows
// are ignored: the offers are its windows.
inline std::vector<AppointmentOffer> appointment_offers(const Problem& p, const Plan& plan, const Job& request,
                                                        const OfferOptions& o = {}) {
    using namespace appointment_detail;
    const Candidates c = candidate_problem(p, request, o);
    solver::InstanceOptions io;
    io.balance_of = &p;  // the plan's own balance: the candidate copies are not work
    const solver::Instance inst(c.problem, io);
    solver::SearchState s(inst);
    solver::load_plan(s, plan);
    std::vector<AppointmentOffer> all;
    for (std::size_t k = 0; k < c.options.size(); ++k) {
        const auto u = static_cast<solver::Node>(c.first.value() + k);
        AppointmentOffer best;
        best.cost = Cost::infinity();
        for (int r = 0; r < s.num_routes(); ++r) {
            if (!inst.eligible(u, s.route(r).vehicle)) continue;
            for (int pos = 0; pos <= s.route(r).size(); ++pos) {
                const Cost d = s.insertion_delta(u, r, pos);
                if (d >= best.cost) continue;
                best.cost = d;
                best.technician = inst.vehicle(r).technician;
                best.shift = inst.vehicle(r).shift;
                best.position = static_cast<std::size_t>(pos);
            }
        }
        if (best.cost == Cost::infinity()) continue;
        best.day = c.options[k].first;
        best.window = c.options[k].second.first;
        best.premium = c.options[k].second.second;
        all.push_back(best);
    }
    return pick_offers(c, s, std::move(all), o);
}

// Why appointment_offers found none: no window left in the horizon (after `not_before`), or the
// reason the request, allowed every window offered, would be left out of the plan (no qualified
// technician, every qualified day taken by other work, ...).
inline std::string no_offer_reason(const Problem& p, const Job& request, const OfferOptions& o = {}) {
    const appointment_detail::Candidates c = appointment_detail::candidate_problem(p, request, o);
    if (c.options.empty()) {
        bool meets = false;
        for (int d = 0; d < p.horizon.days; ++d) meets = meets || appointment_detail::booking_day(p, d, o);
        if (!meets)
            return fmt::format(
                "the booking hours {} to {} meet no technician's shift (a night crew needs hours past 24: "
                "OfferOptions::first_hour, last_hour)",
                o.first_hour, o.last_hour);
        return "no window of a working day is left in the horizon";
    }
    Problem q = p;
    Job any = request;
    any.time_windows.clear();
    for (const auto& option : c.options) any.time_windows.push_back(option.second.first);
    q.jobs.push_back(std::move(any));
    const Unassigned why = diagnose_unassigned(q, static_cast<JobIndex>(q.jobs.size() - 1));
    if (why.reason != UnassignedReason::no_window_fits_shift) return why.detail;
    // The booking hours are the office's, not the crew's: a night crew needs hours past 24.
    return fmt::format("{} (windows are offered from hour {} to hour {} of each working day: OfferOptions::first_hour, last_hour)",
                       why.detail, o.first_hour, o.last_hour);
}

// A booked offer: the problem with the visit added (the offer's window its only, hard, window),
// and the plan with it in the offered technician's day, at the cheapest place there now.
struct Booking {
    Problem problem;
    Plan plan;
    JobIndex job{};
};

// Throws std::invalid_argument when the offered day can no longer take the visit (the plan
// changed since the offer); the caller then asks for new offers.
inline Booking book(const Problem& p, const Plan& plan, Job request, const AppointmentOffer& offer) {
    request.time_windows = {offer.window};
    request.pinned_start.reset();
    Booking b{p, {}, JobIndex(p.jobs.size())};
    b.problem.jobs.push_back(std::move(request));
    const solver::Instance inst(b.problem);
    solver::SearchState s(inst);
    solver::load_plan(s, plan);
    const auto u = static_cast<solver::Node>(b.job.value());
    const int r = solver::route_of_vehicle(inst, offer.technician, offer.shift);
    int best_pos = -1;
    Cost best = Cost::infinity();
    for (int pos = 0; r >= 0 && pos <= s.route(r).size(); ++pos)
        if (const Cost d = s.insertion_delta(u, r, pos); d < best) best = d, best_pos = pos;
    if (best_pos < 0) throw std::invalid_argument("the offered day no longer has room for the visit");
    s.insert(u, r, best_pos);
    s.update(r);
    b.plan = solver::to_plan(s);
    return b;
}

}  // namespace fsd::lanes
