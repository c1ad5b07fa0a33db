// The event loop of the day simulator. Events are kept in time order (ties in the order they were
// made); after each one the policy hears what a dispatcher would hear, and its orders take effect
// at once. Technicians follow their list by the rules in docs/simulate.md ("The technicians").
#include "fsd/simulate/simulator.hpp"

#include <algorithm>
#include <deque>
#include <queue>
#include <stdexcept>
#include <tuple>

#include "fsd/model/evaluate.hpp"
#include "fsd/simulate/day_problem.hpp"
#include "fsd/simulate/queue_timing.hpp"

namespace fsd::simulate::detail {

// The morning plan: at SimParams::plan_at, or when the first shift of the day starts if that is
// earlier (an early shift would otherwise lose its first hours).
TimePoint morning_plan_time(const Problem& p, const SimParams& sp) {
    TimePoint at = day_start(sp.day) + sp.plan_at;
    for (const Technician& t : p.technicians)
        for (const Shift& s : t.shifts)
            if (s.day() == sp.day) at = min(at, s.span.start);
    return at;
}

class Execution {
public:
    Execution(const Problem& p, Policy& policy, const SimParams& sp)
        : p_(p),
          policy_(policy),
          plan_at_(morning_plan_time(p, sp)),
          truth_(p, sp.truth, sp.seed, plan_at_),
          day_(sp.day),
          leave_margin_(sp.leave_margin),
          judge_at_(sp.judge_at) {}

    SimulationResult run() {
        result_.policy = policy_.name();
        result_.plan_at = plan_at_;
        result_.jobs.resize(p_.jobs.size());
        for (JobIndex j : p_.jobs.indices()) result_.jobs[j].revealed = truth_.job(j).revealed;
        crew_.resize(p_.technicians.size());
        known_place_.assign(p_.locations.size(), no_place);
        ticket_of_.assign(p_.jobs.size(), no_ticket);
        build_view();
        now_ = plan_at_;
        // What happens after the day is over is not the day's: a ticket reported then, a cancellation then.
        const TimePoint over = day_over(p_, day_);
        for (JobIndex j : p_.jobs.indices()) {
            if (truth_.job(j).revealed <= plan_at_)
                reveal(j);
            else if (truth_.job(j).revealed <= over)
                schedule(Kind::reveal, truth_.job(j).revealed, j);
        }
        for (JobIndex j : p_.jobs.indices())
            if (const auto at = truth_.job(j).cancelled_at; at && *at <= over) schedule(Kind::cancel, max(plan_at_, *at), j);
        sync_view();
        ++result_.policy_calls;
        Instructions morning = policy_.plan_day(view_);
        record_morning_plan(morning);
        apply(morning);
        for (TechnicianIndex t : p_.technicians.indices())
            if (status(t).shift) wake(t);
        while (!events_.empty()) {
            const Event e = events_.top();
            events_.pop();
            now_ = e.at;
            handle(e);
            deliver_observations();
        }
        finish_records();
        return std::move(result_);
    }

private:
    static constexpr LocationId no_place{~std::uint32_t{0}};
    static constexpr Ticket no_ticket{~std::uint32_t{0}};

    enum class Kind : std::uint8_t { reveal, cancel, decide, arrive, knock, finish, leave_door, break_end, go_home };
    struct Event {
        TimePoint at;
        std::uint64_t seq = 0;
        Kind kind = Kind::decide;
        std::uint32_t who = 0;  // the job (reveal, cancel) or the technician
        [[nodiscard]] JobIndex job() const { return JobIndex(who); }
        [[nodiscard]] TechnicianIndex technician() const { return TechnicianIndex(who); }
        std::uint64_t epoch = 0;
    };
    struct Later {
        bool operator()(const Event& a, const Event& b) const { return std::tie(a.at, a.seq) > std::tie(b.at, b.seq); }
    };
    // The simulator's side of a technician, in the problem's indices.
    struct Crew {
        LocationId place{};
        std::uint64_t epoch = 0;  // a decide or go-home event from an older epoch is stale
        std::optional<ExecutedRoute> route;
        ExecutedStop visit;  // the visit under way
        // The ticket next on the list that the technician waits where they are to set out for,
        // and since when (ExecutedStop::waiting_since).
        std::optional<std::pair<Ticket, TimePoint>> holding;
    };

    // ---- the view: what the policy may see

    void build_view() {
        Problem& k = view_.known_;
        k.name = p_.name;
        k.horizon = p_.horizon;
        k.catalog = p_.catalog;
        k.travel_source = p_.travel_source;
        k.objective = p_.objective;
        k.scale = p_.scale;
        k.technicians = p_.technicians;
        view_.technicians_.resize(p_.technicians.size());
        for (TechnicianIndex t : p_.technicians.indices()) {
            Technician& tech = k.technicians[t];
            tech.start_location = known_place(tech.start_location);
            tech.end_location = known_place(tech.end_location);
            TechnicianStatus& s = view_.technicians_[t];
            for (std::uint32_t i = 0; i < tech.shifts.size(); ++i) {
                Shift& shift = tech.shifts[i];
                if (shift.start_location) shift.start_location = known_place(*shift.start_location);
                if (!s.shift && shift.day() == day_) s.shift = i;
            }
            if (!s.shift) continue;
            s.place = tech.start_of(*s.shift);
            s.break_taken.assign(tech.shifts[*s.shift].breaks.size(), 0);
            crew_[t].place = p_.technicians[t].start_of(*s.shift);
        }
    }

    LocationId known_place(LocationId original) {
        if (known_place_[original] == no_place) {
            known_place_[original] = static_cast<LocationId>(original_place_.size());
            original_place_.push_back(original);
            view_.known_.locations.push_back(p_.locations[original]);
        }
        return known_place_[original];
    }

    // The travel tables between the known places, rebuilt when places were added.
    void sync_view() {
        view_.now_ = now_;
        const std::size_t n = original_place_.size();
        TravelTables& tt = view_.known_.travel;
        if (tt.time.size() == n) return;
        tt.time = Matrix<Duration>(n);
        tt.distance = Matrix<Distance>(n);
        for (std::size_t a = 0; a < n; ++a)
            for (std::size_t b = 0; b < n; ++b) {
                tt.time(a, b) = p_.travel_time(original_place_[a], original_place_[b]);
                tt.distance(a, b) = p_.travel_distance(original_place_[a], original_place_[b]);
            }
    }

    void reveal(JobIndex j) {
        const auto ticket = static_cast<Ticket>(job_of_.size());
        ticket_of_[j] = ticket;
        job_of_.push_back(j);
        Job job = p_.jobs[j];
        job.location = known_place(job.location);
        view_.known_.jobs.push_back(std::move(job));
        view_.states_.push_back(TicketState::open);
        view_.told_.emplace_back();
    }

    TechnicianStatus& status(TechnicianIndex t) { return view_.technicians_[t]; }
    TicketState& state_of(JobIndex j) { return view_.states_[ticket_of_[j]]; }
    const Shift& shift_of(TechnicianIndex t) const { return p_.technicians[t].shifts[*view_.technicians_[t].shift]; }

    // ---- events

    void schedule(Kind kind, TimePoint at, JobIndex j) { events_.push(Event{at, next_seq_++, kind, j.value(), 0}); }
    void schedule(Kind kind, TimePoint at, TechnicianIndex t, std::uint64_t epoch = 0) {
        events_.push(Event{at, next_seq_++, kind, t.value(), epoch});
    }
    // The technician looks at their list now; older pending decisions are void.
    void wake(TechnicianIndex t) { schedule(Kind::decide, now_, t, ++crew_[t].epoch); }

    void handle(const Event& e) {
        switch (e.kind) {
            case Kind::reveal:
                reveal(e.job());
                observe({ObservationKind::ticket_reported, now_, ticket_of_[e.job()], std::nullopt});
                break;
            case Kind::cancel:
                cancel(e.job());
                break;
            case Kind::decide:
                if (e.epoch == crew_[e.technician()].epoch) decide(e.technician());
                break;
            case Kind::arrive:
                arrive(e.technician());
                break;
            case Kind::knock:
                knock(e.technician());
                break;
            case Kind::finish:
                finish(e.technician());
                break;
            case Kind::leave_door:
                end_visit(e.technician(), VisitOutcome::not_home);
                break;
            case Kind::break_end:
                free_up(e.technician());
                break;
            case Kind::go_home:
                if (e.epoch == crew_[e.technician()].epoch) go_home(e.technician());
                break;
        }
    }

    void observe(Observation o) { observations_.push_back(o); }

    // Ticket k off a technician's list; whether it was on it.
    static bool take_off_list(TechnicianStatus& st, Ticket k) {
        return std::erase_if(st.queue, [k](const Order& o) { return o.kind == StopKind::job && o.ticket() == k; }) > 0;
    }

    void deliver_observations() {
        while (!observations_.empty()) {
            const Observation o = observations_.front();
            observations_.pop_front();
            sync_view();
            ++result_.policy_calls;
            guard_instant();
            answering_ = o.kind;
            apply(policy_.react(view_, o));
            answering_.reset();
        }
    }

    // A policy that keeps giving orders the field reports it cannot carry out would hold the
    // clock still for ever: a bound on the calls at one instant turns that into an error.
    void guard_instant() {
        if (now_ != instant_) {
            instant_ = now_;
            calls_at_instant_ = 0;
        }
        const std::size_t bound = 20 * (p_.technicians.size() + p_.jobs.size()) + 100;
        if (++calls_at_instant_ > bound)
            throw std::logic_error("policy " + policy_.name() + " was called " + std::to_string(bound) +
                                   " times at one instant: its orders keep failing");
    }

    void cancel(JobIndex j) {
        if (ticket_of_[j] == no_ticket) return;
        TicketState& s = state_of(j);
        // Told it would not be today, the customer still cancels; the dispatcher, who has let the
        // job go already, hears nothing.
        if (s == TicketState::not_today) {
            s = TicketState::cancelled;
            result_.jobs[j].cancelled = now_;
            return;
        }
        if (s != TicketState::open && s != TicketState::en_route) return;
        s = TicketState::cancelled;
        result_.jobs[j].cancelled = now_;
        // Off every list at once; a technician already on the way finds out at the door.
        for (TechnicianStatus& st : view_.technicians_) take_off_list(st, ticket_of_[j]);
        observe({ObservationKind::job_cancelled, now_, ticket_of_[j], std::nullopt});
    }

    // ---- the technician's rules

    void decide(TechnicianIndex t) {
        TechnicianStatus& st = status(t);
        if (st.activity != Activity::at_home && st.activity != Activity::standby) return;
        const Shift& shift = shift_of(t);
        if (now_ < shift.span.start) {
            schedule(Kind::decide, shift.span.start, t, crew_[t].epoch);
            return;
        }
        lunch_while_idle(t);
        while (true) {
            if (const auto b = break_due(t)) {
                start_break(t, Order::rest(*b));
                return;
            }
            if (st.queue.empty()) {
                stand_by(t);
                return;
            }
            const Order o = st.queue.front();
            if (o.kind == StopKind::break_time) {
                // A break is taken on the road, or at home when the list starts the day with it: when
                // its window opens and not before the planned departure, the technician free for other
                // orders until then. A list of breaks alone waits until one is due.
                const bool starts_day =
                    !st.departed() && std::any_of(st.queue.begin(), st.queue.end(), [](const Order& q) { return q.kind == StopKind::job; });
                if (const TimePoint go = max(max(st.leave_not_before, o.not_before), shift_of(t).breaks[o.index].window.start);
                    starts_day && now_ < go) {
                    schedule(Kind::decide, go, t, crew_[t].epoch);
                    return;
                }
                st.queue.erase(st.queue.begin());
                if (!st.break_taken[o.index] && (st.departed() || starts_day) && !window_closed(t, o)) {
                    open_route(t);
                    start_break(t, o);
                    return;
                }
                continue;
            }
            if (view_.states_[o.ticket()] != TicketState::open) {
                st.queue.erase(st.queue.begin());
                continue;
            }
            if (!st.departed() && now_ < st.leave_not_before) {
                schedule(Kind::decide, st.leave_not_before, t, crew_[t].epoch);
                return;
            }
            if (const auto miss = cannot_do(t, o)) {
                st.queue.erase(st.queue.begin());
                missed(t, o.ticket(), *miss);
                continue;
            }
            if (const TimePoint leave = leave_time(t, o); leave > now_) {
                if (Crew& c = crew_[t]; !c.holding || c.holding->first != o.ticket()) c.holding = {o.ticket(), now_};
                schedule(Kind::decide, leave, t, ++crew_[t].epoch);  // waits where they are, free for other work
                return;
            }
            st.queue.erase(st.queue.begin());
            drive_to(t, o);
            return;
        }
    }

    // Whether the technician, judging by the table's travel and the planned duration, would find
    // the job's windows closed or be kept out past their shift end plus overtime.
    std::optional<MissReason> cannot_do(TechnicianIndex t, const Order& o) const {
        const Technician& tech = p_.technicians[t];
        const Job& job = p_.jobs[job_of_[o.ticket()]];
        const auto start = knock_time(job, now_ + p_.travel_time(crew_[t].place, job.location), o.not_before);
        if (!start) return MissReason::window_closed;
        const TimePoint back = *start + planned_duration(p_, job, tech, judge_at_) + p_.travel_time(job.location, tech.end_location);
        const Shift& shift = shift_of(t);
        if (back > shift.span.end + shift.max_overtime) return MissReason::no_time_left;
        return std::nullopt;
    }

    // When to set out for a job that cannot start at once: leave_margin before it can start, by
    // the table's travel time, so that a long wait is spent where the technician is.
    TimePoint leave_time(TechnicianIndex t, const Order& o) const {
        const Job& job = p_.jobs[job_of_[o.ticket()]];
        const Duration drive = p_.travel_time(crew_[t].place, job.location);
        const auto start = knock_time(job, now_ + drive, o.not_before);
        return start ? *start - drive - leave_margin_ : now_;
    }

    // A break not yet taken is due while its window is open, when the list is empty (lunch before
    // waiting for work or heading home) or when the next job would (by plan) end after the window
    // closes. A break on the list is otherwise taken where the list has it. One whose window closed
    // before the technician could take it (at work, mostly) is missed, not taken late (as live
    // dispatch assumes).
    std::optional<std::uint32_t> break_due(TechnicianIndex t) const {
        const TechnicianStatus& st = view_.technicians_[t];
        if (!st.departed() || (!st.queue.empty() && st.queue.front().kind != StopKind::job)) return std::nullopt;
        const Shift& shift = shift_of(t);
        TimePoint next_end = TimePoint::max();
        if (!st.queue.empty()) {
            const Order& next = st.queue.front();
            const Job& job = p_.jobs[job_of_[next.ticket()]];
            const auto start = knock_time(job, now_ + p_.travel_time(crew_[t].place, job.location), next.not_before);
            if (!start) return std::nullopt;
            next_end = *start + planned_duration(p_, job, p_.technicians[t], judge_at_);
        }
        for (std::uint32_t b = 0; b < shift.breaks.size(); ++b)
            if (!st.break_taken[b] && shift.may_owe(shift.breaks[b]) && now_ >= shift.breaks[b].window.start &&
                now_ <= shift.breaks[b].window.end && next_end > shift.breaks[b].window.end)
                return b;
        return std::nullopt;
    }

    // A technician on standby through a break's window had their break while they waited, unless
    // their list has it later.
    void lunch_while_idle(TechnicianIndex t) {
        TechnicianStatus& st = status(t);
        if (st.activity != Activity::standby) return;
        const Shift& shift = shift_of(t);
        TimePoint free = st.since;  // one break after the other, never two at once
        for (const std::uint32_t b : shift.breaks_in_window_order()) {
            const Break& br = shift.breaks[b];
            const TimePoint start = max(free, br.window.start);
            const bool listed = std::any_of(st.queue.begin(), st.queue.end(),
                                            [b](const Order& q) { return q.kind == StopKind::break_time && q.index == b; });
            if (st.break_taken[b] || listed || start > br.window.end || start + br.length > now_) continue;
            st.break_taken[b] = 1;
            crew_[t].route->stops.push_back({StopKind::break_time, b, VisitOutcome::served, st.since, st.since, start, start + br.length});
            free = start + br.length;
        }
    }

    [[nodiscard]] TimePoint break_start(TechnicianIndex t, const Order& o) const {
        return max(max(now_, shift_of(t).breaks[o.index].window.start), o.not_before);
    }
    [[nodiscard]] bool window_closed(TechnicianIndex t, const Order& o) const {
        return break_start(t, o) > shift_of(t).breaks[o.index].window.end;
    }

    void start_break(TechnicianIndex t, const Order& o) {
        TechnicianStatus& st = status(t);
        const Break& b = shift_of(t).breaks[o.index];
        const TimePoint start = break_start(t, o);
        st.activity = Activity::on_break;
        st.since = start;
        st.doing = o;
        st.break_taken[o.index] = 1;
        std::erase_if(st.queue, [&](const Order& q) { return q.kind == StopKind::break_time && q.index == o.index; });
        ExecutedStop stop{StopKind::break_time, o.index, VisitOutcome::served, now_, now_, start, start + b.length};
        crew_[t].route->stops.push_back(stop);
        schedule(Kind::break_end, stop.end, t);
    }

    // Nothing to do: wait where they are for orders until it is time to head home (at home: until
    // the shift ends).
    void stand_by(TechnicianIndex t) {
        const TechnicianStatus& st = status(t);
        const Shift& shift = shift_of(t);
        if (!st.departed()) {
            schedule(Kind::go_home, max(now_, shift.span.end), t, crew_[t].epoch);
            return;
        }
        const TimePoint leave = max(now_, shift.span.end - p_.travel_time(crew_[t].place, p_.technicians[t].end_location));
        schedule(Kind::go_home, leave, t, crew_[t].epoch);
    }

    // The technician's day as it happens, begun now if it has not begun yet.
    void open_route(TechnicianIndex t) {
        Crew& c = crew_[t];
        if (!c.route)
            c.route = ExecutedRoute{t, *status(t).shift, now_, TimePoint::min(), TimePoint::min(), Duration::zero(), Distance::zero(), {}};
    }

    void drive_to(TechnicianIndex t, const Order& o) {
        TechnicianStatus& st = status(t);
        Crew& c = crew_[t];
        const JobIndex j = job_of_[o.ticket()];
        const LocationId to = p_.jobs[j].location;
        open_route(t);
        c.visit = ExecutedStop{StopKind::job,
                               j.value(),
                               VisitOutcome::served,
                               now_,
                               now_,
                               now_,
                               now_,
                               truth_.travel(c.place, to, now_),
                               p_.travel_distance(c.place, to),
                               c.holding && c.holding->first == o.ticket() ? c.holding->second : now_};
        c.holding.reset();
        st.activity = Activity::driving;
        st.from = st.place;
        st.place = known_place_[to];
        st.since = now_;
        st.doing = o;
        view_.states_[o.ticket()] = TicketState::en_route;
        c.place = to;
        schedule(Kind::arrive, now_ + c.visit.drive, t);
    }

    void arrive(TechnicianIndex t) {
        Crew& c = crew_[t];
        c.visit.arrival = now_;
        const JobIndex j = c.visit.job_index();
        if (state_of(j) == TicketState::cancelled) return end_visit(t, VisitOutcome::cancelled);
        const auto start = knock_time(p_.jobs[j], now_, status(t).doing->not_before);
        if (!start) return end_visit(t, VisitOutcome::window_closed);
        schedule(Kind::knock, *start, t);
    }

    void knock(TechnicianIndex t) {
        Crew& c = crew_[t];
        const JobIndex j = c.visit.job_index();
        c.visit.start = now_;
        JobRecord& r = result_.jobs[j];
        r.technician = t;
        r.knock = now_;
        r.told_at_visit = view_.told_[ticket_of_[j]];
        if (state_of(j) == TicketState::cancelled) return end_visit(t, VisitOutcome::cancelled);
        if (truth_.job(j).not_home) {
            schedule(Kind::leave_door, now_ + truth_.params().not_home_wait, t);
            return;
        }
        TechnicianStatus& st = status(t);
        st.activity = Activity::working;
        st.since = now_;
        state_of(j) = TicketState::in_progress;
        observe({ObservationKind::job_started, now_, ticket_of_[j], t});
        schedule(Kind::finish, now_ + truth_.service(j, t), t);
    }

    void finish(TechnicianIndex t) {
        const JobIndex j = crew_[t].visit.job_index();
        state_of(j) = TicketState::done;
        status(t).load += p_.jobs[j].demand;
        observe({ObservationKind::job_finished, now_, ticket_of_[j], t});
        end_visit(t, VisitOutcome::served);
    }

    // The technician leaves the door: the job done, or the visit in vain.
    void end_visit(TechnicianIndex t, VisitOutcome outcome) {
        Crew& c = crew_[t];
        const JobIndex j = c.visit.job_index();
        if (outcome == VisitOutcome::window_closed || outcome == VisitOutcome::cancelled) c.visit.start = now_;
        c.visit.end = now_;
        c.visit.outcome = outcome;
        c.route->stops.push_back(c.visit);
        JobRecord& r = result_.jobs[j];
        r.technician = t;
        r.outcome = outcome;
        r.end = now_;
        if (outcome == VisitOutcome::not_home) {
            state_of(j) = TicketState::not_home;
            observe({ObservationKind::customer_not_home, now_, ticket_of_[j], t});
        }
        if (outcome == VisitOutcome::window_closed) missed(t, ticket_of_[j], MissReason::window_closed);
        free_up(t);
    }

    void missed(TechnicianIndex t, Ticket k, MissReason why) {
        view_.states_[k] = TicketState::open;
        ++result_.jobs[job_of_[k]].missed;
        observe({ObservationKind::job_missed, now_, k, t, why});
    }

    void free_up(TechnicianIndex t) {
        TechnicianStatus& st = status(t);
        st.activity = Activity::standby;
        st.since = now_;
        st.doing.reset();
        wake(t);
    }

    void go_home(TechnicianIndex t) {
        TechnicianStatus& st = status(t);
        if (st.activity != Activity::at_home && st.activity != Activity::standby) return;
        lunch_while_idle(t);  // standing by through a break's window, with no call to wake them
        st.activity = Activity::gone_home;
        st.since = now_;
        observe({ObservationKind::gone_home, now_, Ticket{}, t});
        Crew& c = crew_[t];
        if (!c.route) return;
        const LocationId home = p_.technicians[t].end_location;
        c.route->home_leave = now_;
        c.route->drive_home = truth_.travel(c.place, home, now_);
        c.route->distance_home = p_.travel_distance(c.place, home);
        c.route->return_time = now_ + c.route->drive_home;
        c.place = home;
        st.place = known_place_[home];
    }

    // ---- the policy's orders

    void apply(const Instructions& in) {
        // First, so that an order or an ETA for a ticket told "not today" is refused.
        for (const Ticket k : in.not_today) tell_not_today(k);
        for (const Orders& o : in.orders) apply_orders(o);
        PerJob<int> listed(view_.states_.size(), 0);  // per ticket
        for (const TechnicianStatus& s : view_.technicians_)
            for (const Order& o : s.queue)
                if (o.kind == StopKind::job && listed[o.ticket()]++ > 0)
                    throw std::logic_error("policy " + policy_.name() + " put ticket " + view_.known_.jobs[o.ticket()].id +
                                           " on two lists");
        PerJob<char> told_now(view_.states_.size(), 0);  // per ticket
        for (const EtaNotice& n : in.notices) {
            if (n.ticket.value() < told_now.size() && told_now[n.ticket]++ > 0)
                throw std::logic_error("policy " + policy_.name() + " told the customer of ticket " + view_.known_.jobs[n.ticket].id +
                                       " two windows at once");
            tell(n);
        }
    }

    void apply_orders(const Orders& o) {
        if (!p_.technicians.contains(o.technician)) throw std::logic_error("policy " + policy_.name() + " gave orders to no technician");
        TechnicianStatus& st = status(o.technician);
        const std::string who = "policy " + policy_.name() + " gave technician " + p_.technicians[o.technician].id;
        if (!st.shift) throw std::logic_error(who + " orders on a day they do not work");
        if (st.activity == Activity::gone_home) throw std::logic_error(who + " orders after they went home");
        std::vector<Order> queue;
        for (const Order& order : o.queue) {
            if (order.kind == StopKind::break_time) {
                if (order.index >= st.break_taken.size()) throw std::logic_error(who + " a break their shift does not have");
                if (!st.break_taken[order.index]) queue.push_back(order);
                continue;
            }
            if (order.index >= view_.states_.size()) throw std::logic_error(who + " a ticket that has not been reported");
            if (view_.states_[order.ticket()] != TicketState::open)
                throw std::logic_error(who + " ticket " + view_.known_.jobs[order.ticket()].id + ", which is " +
                                       std::string(ticket_state_names[static_cast<int>(view_.states_[order.ticket()])]));
            result_.jobs[job_of_[order.ticket()]].ordered = true;
            queue.push_back(order);
        }
        st.queue = std::move(queue);
        st.leave_not_before = o.leave_not_before;
        if (st.activity == Activity::at_home || st.activity == Activity::standby) wake(o.technician);
    }

    void tell(const EtaNotice& n) {
        if (!view_.told_.contains(n.ticket))
            throw std::logic_error("policy " + policy_.name() + " told a ticket that has not been reported");
        const TicketState state = view_.states_[n.ticket];
        if (state != TicketState::open && state != TicketState::en_route)
            throw std::logic_error("policy " + policy_.name() + " told the customer of ticket " + view_.known_.jobs[n.ticket].id +
                                   " an ETA, but the ticket is " + std::string(ticket_state_names[static_cast<int>(state)]));
        std::optional<TimeWindow>& told = view_.told_[n.ticket];
        JobRecord& r = result_.jobs[job_of_[n.ticket]];
        if (r.knock) {  // the technician is at the door (nobody home, the policy not told yet): too late to count
            told = n.window;
            return;
        }
        const std::optional<TechnicianIndex> holder = view_.holder(n.ticket);  // the orders are applied first
        ++r.notices;
        if (told && *told != n.window) {
            if (holder && r.told_for && *holder != *r.told_for) ++r.eta_moved_technician;
            if (answering_) ++result_.eta_changes_after[static_cast<std::size_t>(*answering_)];
            // By the window's middle: a window that only closes later is a later one, one only
            // wider or narrower about the same middle neither.
            const Duration shift = (n.window.start - told->start) + (n.window.end - told->end);
            const int direction = shift < Duration::zero() ? -1 : shift > Duration::zero() ? 1 : 0;
            if (direction != 0 && r.last_direction != 0 && direction != r.last_direction) ++r.eta_reversals;
            ++r.eta_changes;
            r.eta_earlier += direction < 0 ? 1 : 0;
            if (direction != 0) r.last_direction = direction;
        }
        told = n.window;
        r.told = n.window;
        if (holder) r.told_for = holder;  // told while on no list, the customer still expects the last one
    }

    void tell_not_today(Ticket k) {
        if (!view_.states_.contains(k)) throw std::logic_error("policy " + policy_.name() + " told a ticket that has not been reported");
        TicketState& s = view_.states_[k];
        if (s != TicketState::open)
            throw std::logic_error("policy " + policy_.name() + " told the customer of ticket " + view_.known_.jobs[k].id +
                                   " it would not be today, but the ticket is " + std::string(ticket_state_names[static_cast<int>(s)]));
        s = TicketState::not_today;
        for (TechnicianIndex t : p_.technicians.indices()) {
            TechnicianStatus& st = status(t);
            // Someone waiting for that visit's window looks at their list again.
            if (take_off_list(st, k) && (st.activity == Activity::at_home || st.activity == Activity::standby)) wake(t);
        }
        result_.jobs[job_of_[k]].told_not_today = now_;
    }

    // ---- the record

    void record_morning_plan(const Instructions& morning) {
        Plan& out = result_.planned;
        PerJob<char> placed(p_.jobs.size(), 0);
        if (morning.plan) {
            for (Route r : morning.plan->routes) {
                for (Stop& s : r.stops) {
                    if (s.kind != StopKind::job) continue;
                    s.index = job_of_.at(s.job_index()).value();
                    placed[s.job_index()] = 1;
                }
                out.routes.push_back(std::move(r));
            }
            for (Unassigned u : morning.plan->unassigned) {
                u.job = job_of_.at(u.job);
                placed[u.job] = 1;
                out.unassigned.push_back(std::move(u));
            }
        }
        for (JobIndex j : p_.jobs.indices())
            if (!placed[j])
                out.unassigned.push_back({j, UnassignedReason::not_planned, ticket_of_[j] == no_ticket ? "not reported yet" : "no plan"});
    }

    void finish_records() {
        for (JobIndex j : p_.jobs.indices()) {
            JobRecord& r = result_.jobs[j];
            if (ticket_of_[j] == no_ticket) continue;
            switch (state_of(j)) {
                case TicketState::done:
                    r.fate = JobFate::done;
                    break;
                case TicketState::cancelled:
                    r.fate = JobFate::cancelled;
                    break;
                case TicketState::not_home:
                    r.fate = JobFate::not_home;
                    break;
                default:
                    r.fate = JobFate::carried_over;
            }
        }
        for (Crew& c : crew_)
            if (c.route) result_.routes.push_back(std::move(*c.route));
    }

    const Problem& p_;
    Policy& policy_;
    TimePoint plan_at_;
    Truth truth_;
    int day_;
    Duration leave_margin_;
    std::optional<Quantile> judge_at_;
    TimePoint now_;
    DispatchView view_;
    PerTechnician<Crew> crew_;
    PerLocation<LocationId> original_place_;  // per known place
    PerLocation<LocationId> known_place_;     // per place of the problem
    PerJob<Ticket> ticket_of_;                // per job
    PerJob<JobIndex> job_of_;                 // per ticket
    std::priority_queue<Event, std::vector<Event>, Later> events_;
    std::uint64_t next_seq_ = 0;
    std::deque<Observation> observations_;
    TimePoint instant_ = TimePoint::min();
    std::size_t calls_at_instant_ = 0;
    std::optional<ObservationKind> answering_;  // the report the policy's instructions answer (none: the morning plan)
    SimulationResult result_;
};

}  // namespace fsd::simulate::detail

namespace fsd::simulate {

SimulationResult simulate_day(const Problem& problem, Policy& policy, const SimParams& params) {
    // The policies plan on the whole problem they are shown: another day's shifts would take the
    // day's work, and its tickets would count as the day's.
    for (const Technician& t : problem.technicians)
        for (const Shift& s : t.shifts)
            if (s.day() != params.day || t.shifts.size() > 1)
                throw std::invalid_argument("simulate_day: technician " + t.id +
                                            " has a shift on another day, or two shifts: simulate day_problem(problem, day)");
    return detail::Execution(problem, policy, params).run();
}

}  // namespace fsd::simulate
