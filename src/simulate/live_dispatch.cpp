// Live dispatch in the simulator: every report becomes an event of the dispatch layer (or, for a
// new ticket, the job appended to its problem), the rest of the day is planned again when the
// report is news, and the plan's open part goes back to the field as each technician's list.
#include "fsd/simulate/live_dispatch.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "fsd/dispatch/hold.hpp"
#include "fsd/dispatch/residual_plan.hpp"
#include "fsd/lanes/same_day.hpp"
#include "fsd/model/eligibility.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/simulate/queue_timing.hpp"

namespace fsd::simulate {
namespace {

dispatch::Event report(dispatch::EventType type, TimePoint at, const Problem& p, Ticket ticket, std::optional<TechnicianIndex> who) {
    dispatch::Event e;
    e.type = type;
    e.at = at;
    e.job = p.jobs[ticket].id;
    if (who) e.technician = p.technicians[*who].id;
    return e;
}

// The stop of a job in a plan, if it is routed.
const Stop* stop_of(const Plan& plan, JobIndex j) {
    for (const Route& r : plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job && s.job_index() == j) return &s;
    return nullptr;
}

// Per job of the plan's problem: on the route of a technician still at work.
PerJob<char> routed_jobs(const Plan& plan, std::size_t jobs, const DispatchView& view) {
    PerJob<char> out(jobs, 0);
    for (const Route& r : plan.routes)
        if (view.technician(r.technician).activity != Activity::gone_home)
            for (const Stop& s : r.stops)
                if (s.kind == StopKind::job) out[s.job_index()] = 1;
    return out;
}

bool off_plan(const Stop* s, TimePoint planned, TimePoint actual, Duration threshold) {
    if (!s || planned == TimePoint::min()) return true;
    return actual - planned > threshold || planned - actual > threshold;
}

// The open tickets of the plan's routes, in route order.
std::vector<JobIndex> open_in_route_order(const DispatchView& view, const Plan& plan) {
    std::vector<JobIndex> open;
    for (const Route& route : plan.routes)
        for (const Stop& s : route.stops)
            if (s.kind == StopKind::job && s.job_index().value() < view.tickets() && view.state(s.job_index()) == TicketState::open)
                open.push_back(s.job_index());
    return open;
}

}  // namespace

LiveDispatch::LiveDispatch(LiveParams params, std::string name) : params_(params), name_(std::move(name)) {
    dispatch_params_.notify_threshold = params_.notify_threshold;
    dispatch_params_.replan = params_.replan;
}

Instructions LiveDispatch::plan_day(const DispatchView& view) {
    state_ = dispatch::initial_state(view.known(), view.now());
    if (params_.planning_quantile) {
        ObjectiveWeights& o = state_.problem.objective;
        if (!o.return_buffer) o.return_buffer = o.planning_quantile;
        o.planning_quantile = *params_.planning_quantile;
        o.planning_quantile_by_urgency = {};
    }
    gone_.assign(view.known().technicians.size(), 0);
    if (params_.trips_reported) state_.trips_reported_from.assign(view.known().technicians.size(), view.now());
    lane_bound_.reset();
    retold_.clear();
    for (const Job& job : view.known().jobs) retold_.push_back(job.times_retold);  // as the problem came
    set_pooling(view);
    const OptimiserBudget& b = params_.morning;
    const std::uint64_t iterations = b.iterations(view.tickets());
    const dispatch::Replanned r = dispatch::replan(state_, params_.replan, b.seed, iterations, b.time_cap_seconds);
    stats_.capped += r.stats.capped ? 1 : 0;
    const dispatch::CascadeReport c = dispatch::adopt(state_, r.plan, r.times, dispatch_params_);
    Instructions out = instructions(view, c);
    keep_promises_told(view, out);
    out.plan = state_.plan;
    return out;
}

Instructions LiveDispatch::react(const DispatchView& view, const Observation& what) {
    bool news = false, trip_off_plan = false;
    mark_gone_home(view);
    note_trips(view, trip_off_plan);
    take_in(view, what, news);
    news = news || trip_off_plan;
    state_.now = max(state_.now, view.now());
    Instructions out;
    if (news) {
        std::size_t open = 0;
        for (const dispatch::JobRecord& rec : state_.jobs) open += rec.state == dispatch::JobState::open ? 1 : 0;
        out = replan_and_instruct(view, params_.replan.budget(open));
    } else {
        ++stats_.skipped;
    }
    tell_not_today(view, out);
    return out;
}

// Whether anyone can still serve ticket k today: a window of it is left, and someone who may do it
// is still at work.
bool LiveDispatch::servable_today(const DispatchView& view, Ticket k) const {
    const Problem& p = state_.problem;
    if (!evaluation_detail::earliest_start(p.jobs[k], view.now())) return false;
    for (TechnicianIndex t : p.technicians.indices()) {
        const TechnicianStatus& st = view.technician(t);
        if (st.shift && st.activity != Activity::gone_home && may_do(p, k, t, *st.shift)) return true;
    }
    return false;
}

// Customers told a window whom the plan leaves out and the day can no longer serve, or (with
// not_today_notice) whose window told opens within the notice: they hear it will not be today,
// and the job leaves the dispatch state's day (as a cancellation does).
void LiveDispatch::tell_not_today(const DispatchView& view, Instructions& out) {
    if (!params_.tell_not_today && !params_.not_today_notice) return;
    const PerJob<char> routed = routed_jobs(state_.plan, state_.problem.jobs.size(), view);
    const std::size_t n = std::min(view.tickets(), state_.problem.jobs.size());
    for (Ticket k : indices<Ticket>(n)) {
        const std::optional<TimeWindow>& told = view.told(k);
        if (routed[k] || !told || view.state(k) != TicketState::open || state_.jobs[k].state != dispatch::JobState::open) continue;
        const bool soon = params_.not_today_notice && told->start - view.now() <= *params_.not_today_notice;
        if (!soon && !(params_.tell_not_today && !servable_today(view, k))) continue;
        try {
            dispatch::absorb(state_, report(dispatch::EventType::job_cancelled, view.now(), state_.problem, k, std::nullopt));
        } catch (const InputErrors&) {
            ++stats_.rejected_reports;
            continue;
        }
        out.not_today.push_back(k);
        ++stats_.told_not_today;
    }
}

// Takes a report into the dispatch state; `news` when it moves the day off the plan. A report the
// state refuses (it disagrees with what the state assumed) is counted and left out.
void LiveDispatch::take_in(const DispatchView& view, const Observation& what, bool& news) {
    using dispatch::EventType;
    const Problem& p = state_.problem;
    try {
        switch (what.kind) {
            case ObservationKind::gone_home:  // mark_gone_home took it in; the plan had them home by now
                return;
            case ObservationKind::ticket_reported:
                add_ticket(view, what.ticket);
                set_pooling(view);
                place_new(what.ticket);
                news = true;
                return;
            case ObservationKind::job_started: {
                const Stop* s = stop_of(state_.plan, what.ticket);
                news = off_plan(s, s ? s->start : TimePoint::min(), what.at, params_.replan_threshold);
                dispatch::absorb(state_, report(EventType::job_started, what.at, p, what.ticket, what.technician));
                return;
            }
            case ObservationKind::job_finished: {
                const Stop* s = stop_of(state_.plan, what.ticket);  // placed at its start, ending on p75
                news = off_plan(s, s ? s->end : TimePoint::min(), what.at, params_.replan_threshold);
                dispatch::absorb(state_, report(EventType::job_finished, what.at, p, what.ticket, what.technician));
                return;
            }
            case ObservationKind::job_cancelled:
                news = true;
                dispatch::absorb(state_, report(EventType::job_cancelled, what.at, p, what.ticket, std::nullopt));
                return;
            case ObservationKind::customer_not_home:
                news = true;
                dispatch::absorb(state_, report(EventType::customer_not_home, what.at, p, what.ticket, what.technician));
                return;
            case ObservationKind::job_missed:
                // "I cannot make it": a dispatcher does not send that technician again today (and
                // the re-plan, which judges by the plan's times, could, over and over).
                if (what.technician) {
                    auto& excluded = state_.problem.jobs[what.ticket].excluded_technicians;
                    if (std::find(excluded.begin(), excluded.end(), *what.technician) == excluded.end())
                        excluded.push_back(*what.technician);
                }
                // Off the plan: where the plan had it begun by now, the state would keep it frozen.
                std::size_t erased = 0;
                for (Route& r : state_.plan.routes)
                    erased +=
                        std::erase_if(r.stops, [&](const Stop& s) { return s.kind == StopKind::job && s.job_index() == what.ticket; });
                if (erased > 0) state_.plan.unassigned.push_back({what.ticket, UnassignedReason::not_planned, "missed"});
                news = true;
                return;
        }
    } catch (const InputErrors&) {
        ++stats_.rejected_reports;
        news = true;
    }
}

// The ticket appended to the dispatch state's problem: its index there is the ticket, and the
// places and travel are the view's (which only ever appends places).
void LiveDispatch::add_ticket(const DispatchView& view, Ticket ticket) {
    const Problem& k = view.known();
    state_.problem.locations = k.locations;
    state_.problem.travel = k.travel;
    state_.problem.jobs.push_back(k.jobs.at(ticket));
    retold_.push_back(k.jobs[ticket].times_retold);
    state_.jobs.push_back({dispatch::JobState::open, view.now(), std::nullopt});
    state_.plan.unassigned.push_back({ticket, UnassignedReason::not_planned, "reported"});
    state_.now = max(state_.now, view.now());
}

// A technician the field reports gone home takes no more work: an absence to the end of the day.
void LiveDispatch::mark_gone_home(const DispatchView& view) {
    for (TechnicianIndex t : indices<TechnicianIndex>(gone_.size())) {
        const TechnicianStatus& s = view.technician(t);
        if (gone_[t] || s.activity != Activity::gone_home) continue;
        gone_[t] = 1;
        dispatch::Event e;
        e.type = dispatch::EventType::technician_unavailable;
        e.at = s.since;
        e.technician = state_.problem.technicians[t].id;
        try {
            dispatch::absorb(state_, e);
        } catch (const InputErrors&) {
            ++stats_.rejected_reports;
        }
    }
}

// The trips the field app shows under way, taken in as on_the_way reports; `news` when one is to a
// job the plan did not have next for that technician.
void LiveDispatch::note_trips(const DispatchView& view, bool& news) {
    if (!params_.trips_reported) return;
    for (TechnicianIndex t : indices<TechnicianIndex>(state_.on_the_way.size())) {
        const TechnicianStatus& s = view.technician(t);
        if (s.activity != Activity::driving || !s.doing || s.doing->kind != StopKind::job) continue;
        const JobIndex j = s.doing->ticket();
        const std::optional<dispatch::Departure>& known = state_.on_the_way[t];
        if ((known && known->job == j) || state_.jobs[j].state != dispatch::JobState::open) continue;
        news = news || !s.shift || dispatch::next_open_job(state_, t, *s.shift, s.since) != j;
        try {
            dispatch::absorb(state_, report(dispatch::EventType::on_the_way, s.since, state_.problem, j, t));
        } catch (const InputErrors&) {
            ++stats_.rejected_reports;
        }
    }
}

// The same-day lane's cheapest slot for a new job, as the re-plan's starting point.
void LiveDispatch::place_by_lane(JobIndex job) {
    dispatch::Residual r = dispatch::residual_problem(state_);
    const auto it = std::find(r.job.begin(), r.job.end(), job);
    if (it == r.job.end()) return;
    const auto rj = static_cast<JobIndex>(it - r.job.begin());
    Plan today = dispatch::to_residual(r, state_.plan);
    std::erase_if(today.unassigned, [rj](const Unassigned& u) { return u.job == rj; });
    lanes::SlotOptions o;
    o.k = 1;
    o.confidence.samples = 100;  // the window is not used: the slot is only a starting point
    const std::vector<lanes::Slot> slots = lanes::same_day_slots(r.problem, today, rj, o);
    if (slots.empty()) return;
    state_.plan = dispatch::to_full(state_, r, evaluate(r.problem, slots.front().plan).schedule);
    ++stats_.lane_placements;
}

// A new ticket's first place, which the re-plan then improves on: an emergency's by the emergency
// lane, other work's (and an emergency the lane declines) by the same-day lane.
void LiveDispatch::place_new(JobIndex job) {
    if (params_.emergency_lane && state_.problem.jobs[job].urgency == Urgency::emergency && place_emergency(job)) return;
    if (params_.same_day_lane) place_by_lane(job);
}

// The emergency lane's recommended option for a new emergency, as the re-plan's starting point and
// the latest start the re-plan may give it (lane_bound_); false when the lane declines it or cannot
// place it today. An "interrupt" option is passed over: the simulated technicians finish what they
// began.
bool LiveDispatch::place_emergency(JobIndex job) {
    lanes::EmergencyResult res;
    try {
        res = lanes::emergency_options(state_, job, params_.emergency);
    } catch (const std::invalid_argument&) {  // not in the rest of the day (no window left)
        ++stats_.emergencies_declined;
        return false;
    }
    const lanes::EmergencyOption* pick = res.recommended && !res.recommended->interrupted ? &*res.recommended : nullptr;
    if (!pick && !res.declined()) {
        const auto o = std::find_if(res.options.begin(), res.options.end(),
                                    [](const lanes::EmergencyOption& x) { return x.within_limit() && !x.interrupted; });
        if (o != res.options.end()) pick = &*o;
    }
    if (!pick) {
        ++stats_.emergencies_declined;
        return false;
    }
    state_.plan = pick->plan;
    lane_bound_ = LaneBound{job, pick->planned_start};
    ++stats_.emergency_placements;
    return true;
}

namespace {

// For one re-plan, the emergency the lane placed starts no later than there: its windows end by
// then (later re-plans price the window it is told). Often an hour or less wide then, it reads
// as a fixed appointment, and the planner times the job before it at p90 (the lane did at p75):
// the start offered is kept even if that job runs long, or the re-plan moves the emergency. The
// windows are put back when the re-plan is over, however it ends.
class LaneBoundWindows {
public:
    LaneBoundWindows(Job& job, TimePoint by) : job_(job), kept_(job.time_windows) { lanes::start_by(job, by); }
    LaneBoundWindows(const LaneBoundWindows&) = delete;
    LaneBoundWindows& operator=(const LaneBoundWindows&) = delete;
    ~LaneBoundWindows() { job_.time_windows = std::move(kept_); }

private:
    Job& job_;
    std::vector<TimeWindow> kept_;
};

}  // namespace

// The re-plan, with the emergency the lane just placed (if any) started no later than there. Should
// that leave it out or later (the job before it timed at p90 may not leave room), the day is
// planned again without the bound rather than lose the emergency.
dispatch::Replanned LiveDispatch::replan(const DispatchView& view, std::uint64_t seed, std::uint64_t iterations) {
    const auto search = [&] {
        dispatch::Replanned r = dispatch::replan(state_, params_.replan, seed, iterations, params_.replan.time_cap_seconds);
        stats_.capped += r.stats.capped ? 1 : 0;
        if (params_.bring_forward_priced) hold_what_need_not_move(view, r);
        hold_short_of_window_told(view, r);
        return r;
    };
    const std::optional<LaneBound> bound = std::exchange(lane_bound_, std::nullopt);
    if (bound) {
        // The holds after the search take customers' bring-forward off: the retry starts as this did.
        PerJob<std::pair<std::optional<TimePoint>, std::optional<TimeWindow>>> promises;
        for (const Job& job : state_.problem.jobs) promises.push_back({job.promised_earliest, job.promised_window});
        const LiveStats before = stats_;
        {
            const LaneBoundWindows windows(state_.problem.jobs[bound->job], bound->by);
            dispatch::Replanned r = search();
            const dispatch::JobTiming& e = r.times.jobs[bound->job];
            if (e.assigned() && e.eta <= bound->by) return r;
        }
        // The holds of the plan let go are not counted; the search itself, cut short or not, is.
        const int capped = stats_.capped;
        stats_ = before;
        stats_.capped = capped;
        ++stats_.lane_bound_dropped;
        for (JobIndex j : state_.problem.jobs.indices())
            std::tie(state_.problem.jobs[j].promised_earliest, state_.problem.jobs[j].promised_window) = promises[j];
    }
    return search();
}

// With pooled durations, the route length the next plan pools over: the jobs not begun per
// technician still on shift. It shrinks through the day, so the last jobs of a day go back
// towards their own p75.
void LiveDispatch::set_pooling(const DispatchView& view) {
    if (!params_.pooled_durations) return;
    std::size_t open = 0, working = 0;
    for (const dispatch::JobRecord& rec : state_.jobs) open += rec.state == dispatch::JobState::open ? 1 : 0;
    for (TechnicianIndex t : indices<TechnicianIndex>(state_.problem.technicians.size())) {
        const TechnicianStatus& st = view.technician(t);
        working += st.shift && st.activity != Activity::gone_home ? 1 : 0;
    }
    state_.problem.objective.pooled_route_jobs =
        working == 0 ? 1.0 : std::max(1.0, static_cast<double>(open) / static_cast<double>(working));
}

Instructions LiveDispatch::replan_and_instruct(const DispatchView& view, std::uint64_t iterations) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::uint64_t seed = params_.replan.seed + ++version_;
    open_promises_to_notice(view);
    set_pooling(view);
    dispatch::Replanned r = replan(view, seed, iterations);
    const dispatch::CascadeReport c = dispatch::adopt(state_, r.plan, r.times, dispatch_params_);
    stats_.replan_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ++stats_.replans;
    Instructions out = instructions(view, c);
    keep_promises_told(view, out);
    return out;
}

// Before a re-plan: a customer may be brought forward, at a broken promise's price, as early as a
// customer told now could be given notice of (bring_forward_notice). keep_promises_told closes
// that again afterwards.
void LiveDispatch::open_promises_to_notice(const DispatchView& view) {
    const TimePoint earliest = view.now() + params_.bring_forward_notice;
    const std::size_t n = std::min(view.tickets(), state_.problem.jobs.size());
    for (Ticket k : indices<Ticket>(n)) {
        Job& job = state_.problem.jobs[k];
        if (!job.promised_window || !view.told(k) || job.promised_window->start <= earliest) continue;
        if (params_.bring_forward_within && job.promised_window->start - view.now() > *params_.bring_forward_within) continue;
        if (params_.bring_forward_priced)
            job.promised_earliest = earliest;
        else
            job.promised_window->start = earliest;
    }
}

// The re-plan starts each visit as early as it may, and one its customer could be brought forward
// for starts before the window told whether or not that gains anything. Each such visit is held
// to the window told, in route order, where the day then costs no more, the broken promise it
// saves included (the objective's weights decide what a later start behind it is worth): the
// customer is then not re-told for nothing.
void LiveDispatch::hold_what_need_not_move(const DispatchView& view, dispatch::Replanned& r) {
    for (const JobIndex j : open_in_route_order(view, r.plan)) {
        const std::optional<TimeWindow>& told = view.told(j);
        std::optional<TimePoint>& earliest = state_.problem.jobs[j].promised_earliest;
        if (!told || !earliest) continue;
        // Held, it opens at the window told: its ETA windows, and those behind it, then start
        // from there too, as its planned start does.
        const TimePoint opened = *earliest;
        earliest.reset();
        std::optional<dispatch::Replanned> held = dispatch::hold_visit(state_, r.plan, j, told->start);
        if (!held || held->evaluation.violations.size() > r.evaluation.violations.size() ||
            held->evaluation.kpis.cost > r.evaluation.kpis.cost) {
            earliest = opened;
            continue;
        }
        held->stats = r.stats;
        r = std::move(*held);
        ++stats_.held_to_told;
    }
}

// A visit the plan starts no more than the notify threshold before the window its customer was
// told is held to that window rather than re-telling them (tell_customers). The hold goes into
// the plan, in route order, so that the visits behind it are timed, and their customers told,
// from the start the technician will make. A hold that would break a hard window or the shift
// (a customer behind it, or the emergency the lane placed) stays out of the plan: the orders
// still hold the visit (tell_customers), and the next re-plan starts from where it is.
void LiveDispatch::hold_short_of_window_told(const DispatchView& view, dispatch::Replanned& r) {
    for (const JobIndex j : open_in_route_order(view, r.plan)) {
        const std::optional<TimeWindow>& told = view.told(j);
        const dispatch::JobTiming& timing = r.times.jobs[j];
        if (!told || !timing.assigned() || timing.eta >= told->start || told->start - timing.eta > params_.notify_threshold) continue;
        Job& job = state_.problem.jobs[j];
        const std::pair kept{job.promised_earliest, job.promised_window};
        // The customer's promise as told again, for the projection's ETA windows: the re-plan
        // had opened it to the bring-forward notice (open_promises_to_notice).
        job.promised_earliest.reset();
        if (job.promised_window) job.promised_window->start = max(job.promised_window->start, told->start);
        std::optional<dispatch::Replanned> held = dispatch::hold_visit(state_, r.plan, j, told->start);
        if (!held || held->evaluation.violations.size() > r.evaluation.violations.size()) {
            std::tie(job.promised_earliest, job.promised_window) = kept;
            ++stats_.held_in_orders_only;
            continue;
        }
        held->stats = r.stats;
        r = std::move(*held);
        ++stats_.held_short_of_window;
    }
}

// The promise a re-plan keeps is the window the customer was told, not the cascade's ETA give or
// take the notify threshold: the planner starts no visit before its promise opens, and the p75
// ETA less 15 minutes kept a technician who finished early waiting for a customer who had been
// told to expect them from the p50 ETA on (docs/simulate.md).
void LiveDispatch::keep_promises_told(const DispatchView& view, const Instructions& out) {
    const std::size_t n = std::min(view.tickets(), state_.problem.jobs.size());
    PerJob<std::optional<TimeWindow>> told(n);
    for (Ticket k : indices<Ticket>(n)) told[k] = view.told(k);
    assert(retold_.size() == state_.problem.jobs.size());
    for (const EtaNotice& e : out.notices) {
        if (told[e.ticket] && *told[e.ticket] != e.window) ++retold_[e.ticket];
        told[e.ticket] = e.window;
    }
    for (Ticket k : indices<Ticket>(n)) {
        Job& job = state_.problem.jobs[k];
        job.promised_earliest.reset();
        // As the customer heard it, not as the dispatch layer's cascade flagged it: what
        // ObjectiveWeights::promise_miss_per_retell prices.
        job.times_retold = retold_[k];
        if (told[k] && job.promised_technician) job.promised_window = told[k];
    }
}

// Each working technician's list from the plan (the open tickets of their route in order, the
// breaks not taken), sent when it differs from what they have; the customers to tell their new
// window (tell_customers), and a visit held to the window told where the customer is not re-told.
Instructions LiveDispatch::instructions(const DispatchView& view, const dispatch::CascadeReport& cascade) const {
    Instructions out;
    PerJob<TimePoint> hold(view.tickets(), TimePoint::min());
    out.notices = tell_customers(view, cascade, hold);
    const Problem& p = state_.problem;
    for (TechnicianIndex t : p.technicians.indices()) {
        const TechnicianStatus& st = view.technician(t);
        if (!st.shift || st.activity == Activity::gone_home) continue;
        const Shift& shift = p.technicians[t].shifts[*st.shift];
        const Route* route = dispatch::find_route(state_.plan, t, *st.shift);
        Orders o{t, {}, st.leave_not_before};
        if (route && !st.departed()) o.leave_not_before = route->departure;
        for (const Stop& s : route ? route->stops : std::vector<Stop>{}) {
            if (s.kind == StopKind::job && (s.job_index().value() >= view.tickets() || view.state(s.job_index()) != TicketState::open))
                continue;
            if (s.kind == StopKind::break_time && st.break_taken[s.index]) continue;
            const TimePoint held = s.kind == StopKind::job ? hold[s.job_index()] : TimePoint::min();
            o.queue.push_back({s.kind, s.index, max(planned_wait(p, shift, s), held)});
        }
        if (o.queue != st.queue || o.leave_not_before != st.leave_not_before) out.orders.push_back(std::move(o));
    }
    return out;
}

// Who is told a new window: a customer the cascade says must be told (assigned, technician
// changed, ETA moved more than the threshold) whose window told no longer holds the new ETA, and
// one the plan now brings forward before their window. Brought forward by no more than the
// threshold, the customer is not bothered: the visit is held to their window (`hold`).
std::vector<EtaNotice> LiveDispatch::tell_customers(const DispatchView& view, const dispatch::CascadeReport& cascade,
                                                    PerJob<TimePoint>& hold) const {
    PerJob<char> flagged(view.tickets(), 0);
    for (const dispatch::Notification& n : cascade.notify)
        if (n.technician && n.job.value() < view.tickets()) flagged[n.job] = 1;
    std::vector<EtaNotice> out;
    for (Ticket k : indices<Ticket>(std::min<std::size_t>(view.tickets(), state_.times.jobs.size()))) {
        const dispatch::JobTiming& j = state_.times.jobs[k];
        const TicketState s = view.state(k);
        if (!j.assigned() || (s != TicketState::open && s != TicketState::en_route)) continue;
        const auto& told = view.told(k);
        const bool earlier = told && j.eta < told->start;
        if (!flagged[k] && !earlier) continue;
        if (told && told->contains(j.eta)) continue;
        if (earlier && told->start - j.eta <= params_.notify_threshold) {
            hold[k] = told->start;
            continue;
        }
        out.push_back({k, dispatch::told_window(j.window, params_.eta_margin)});
    }
    return out;
}

}  // namespace fsd::simulate
