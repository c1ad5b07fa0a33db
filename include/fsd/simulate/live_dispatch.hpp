// Policy 4 of the day simulator, live dispatch: the day planned on p75 in the morning and planned
// again as the field reports (starts and finishes off the plan, cancellations, nobody at home,
// new tickets), through the live-dispatch layer (fsd/dispatch), with new work placed by the
// same-day lane and emergencies by the emergency lane first. It sees only the DispatchView, like
// the other policies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fsd/dispatch/apply.hpp"
#include "fsd/lanes/emergency.hpp"
#include "fsd/simulate/planned_once.hpp"
#include "fsd/simulate/policy.hpp"

namespace fsd::simulate {

struct LiveParams {
    // The morning plan gets the same budget as the planned-once optimiser (a fair comparison).
    OptimiserBudget morning;
    // Re-plans: the dispatch layer's iteration budgets (seed: re-plan k searches with seed + k).
    dispatch::ReplanParams replan;
    // A start or finish reported this far or less from the plan's time is no news: no re-plan.
    Duration replan_threshold = minutes(10);
    // New tickets go into the cheapest slot of the same-day lane before the re-plan improves on it.
    bool same_day_lane = true;
    // A new emergency goes where the emergency lane recommends (the qualified technician whose day
    // it disrupts least, fsd/lanes/emergency.hpp), and the re-plan it triggers may start it no
    // later than there, whatever the promises told to others cost: those prices hold customers in
    // place, which is the room an emergency needs. Declined by the lane (every option over its
    // cascade limit), or off: the same-day lane's slot, as for other new work. On, emergencies
    // were reached 6 and 27 minutes sooner on average at 60 x 280 and 180 x 1,000, with more jobs
    // done and a fifth and a sixth fewer ETA changes; at 12 x 47 as many jobs done, and one day
    // of twenty with twice the changes (docs/benchmarks.md, section 9).
    bool emergency_lane = true;
    lanes::EmergencyParams emergency = [] {
        lanes::EmergencyParams p;
        p.interruptions = 0;   // the simulator's technicians finish the job they are on
        p.reoptimise = false;  // the re-plan that follows searches the whole day
        // A job an option leaves out weighs what the objective charges for the least of them (a
        // priority-1 scheduled job, 500) in an emergency's minutes (2 each): 250. The lane's own
        // 60 let a bump drop a job to reach an emergency 12 minutes sooner.
        p.weights.left_out = 250;
        return p;
    }();
    // Customers are told the p50-p90 window of their ETA widened by this on both sides, when the
    // cascade says they must be told (assigned, technician changed, ETA moved by more than
    // `notify_threshold`) and the new ETA is outside the window they were last told.
    Duration eta_margin = minutes(15);
    Duration notify_threshold = minutes(15);
    // The window a customer was told binds the re-plans (nobody is visited before it), except that
    // a customer may be told an earlier window that opens at least this long after the telling:
    // work is brought forward when a technician's day frees up, with notice.
    Duration bring_forward_notice = minutes(60);
    // Opt-in: only a customer whose window told opens within this of now may be brought forward.
    // A forecast hours ahead is the least sure, and most reversals follow a customer brought
    // forward: at 3 hours, a quarter fewer ETA changes and a third fewer reversals at 60 x 280,
    // for 0.9 fewer jobs a day, but more changes and later emergencies on a 180 x 1,000 day
    // (docs/benchmarks.md, section 9). None: any customer.
    std::optional<Duration> bring_forward_within;
    // Bringing a customer forward costs the re-plan a broken promise (Job::promised_earliest,
    // ObjectiveWeights::promise_miss), so that it happens where it pays, and a visit the re-plan
    // starts before the window told is held to that window when the day then costs no more, the
    // broken promise it saves included: a customer is not re-told for nothing. Off: the promise
    // itself opens early, bringing forward is free, and each re-plan's earliest starts decide who
    // is re-told earlier.
    bool bring_forward_priced = true;
    // Risk pooling: every plan puts each job at its share of the p75 of a route of m jobs like it
    // (ObjectiveWeights::pooled_route_jobs), m = the open jobs per technician still on shift at
    // that plan (at least 1), instead of at its own p75: a route of about m jobs then ends at about
    // its p75, not at the sum of its jobs' p75s. Off by default (every job at its own p75, the
    // objective's contract: each planned start holds three times in four); docs/simulate.md.
    bool pooled_durations = false;
    // The duration quantile every plan of the day puts each job at, for every urgency, in place of
    // the problem's (ObjectiveWeights::planning_quantile and planning_quantile_by_urgency). None:
    // the problem's own (p75 on generated days). At p50 a plan is as likely to run early as late,
    // so fewer reports are off it and the re-plans move fewer customers: the policy "live-p50"
    // (docs/benchmarks.md, section 9, "The planning quantile under re-planning").
    // The problem's own planning quantile (not its per-urgency ones) then stays the plans'
    // return buffer (ObjectiveWeights::return_buffer), unless the problem sets one: technicians
    // turn a job down when, at that quantile, it would keep them past their shift plus overtime,
    // and no plan counts on one they would turn down (docs/simulate.md).
    std::optional<Quantile> planning_quantile;
    // A customer who was told a window and whom the day can no longer serve (no window of the job
    // is left, or nobody who may do it is still at work) is told so (Instructions::not_today)
    // rather than left waiting, at the first report after that (a technician gone home is one).
    // Off: only not_today_notice tells anyone.
    bool tell_not_today = true;
    // Opt-in: a customer whom the plan leaves out is told it will not be today once the window
    // they were told opens within this, and the job leaves the day, though time the day frees up
    // might still have taken it. Off by default: plans on p75 leave out jobs the day then does,
    // and at 60 minutes live dispatch did two jobs a day fewer (docs/benchmarks.md, section 9).
    std::optional<Duration> not_today_notice;
    // The technicians' app reports who is driving and to which job, and the dispatch state takes
    // it in (dispatch::EventType::on_the_way): a technician free before their next visit, who has
    // not set out, is free where they are. Off: a trip is taken to begin when the plan has them
    // leave, as for a crew that reports only starts and finishes.
    bool trips_reported = true;
};

// What live dispatch did during a day: for the report and the benchmark.
struct LiveStats {
    int replans = 0;
    int capped = 0;                // plans (the morning's and re-plans) cut short by their time cap: not repeatable
    int skipped = 0;               // reports taken in without a re-plan (on the plan's time)
    int lane_placements = 0;       // new tickets placed by the same-day lane
    int emergency_placements = 0;  // new emergencies placed by the emergency lane
    int emergencies_declined = 0;  // new emergencies the emergency lane declined or could not place
    int lane_bound_dropped = 0;    // re-plans that could not keep an emergency to the lane's start
    int rejected_reports = 0;      // reports the dispatch state refused (kept going without them)
    int held_to_told = 0;          // visits a re-plan started before the window told, held to it instead
    int held_short_of_window = 0;  // visits a re-plan brought at most the notify threshold forward, held in the plan
    int held_in_orders_only = 0;   // of such visits, those a hold in the plan would have broken a window or the shift
    int told_not_today = 0;        // customers told the plan no longer serves them today
    double replan_seconds = 0;
};

class LiveDispatch final : public Policy {
public:
    explicit LiveDispatch(LiveParams params = {}, std::string name = "live");
    [[nodiscard]] std::string name() const override { return name_; }
    Instructions plan_day(const DispatchView& view) override;
    Instructions react(const DispatchView& view, const Observation& what) override;
    [[nodiscard]] const LiveStats& stats() const { return stats_; }
    // The dispatch state as of the last report: the problem as it stands (tickets appended in the
    // order reported, promises as told), the plan, what was begun.
    [[nodiscard]] const dispatch::DispatchState& state() const { return state_; }

private:
    void take_in(const DispatchView& view, const Observation& what, bool& news);
    void add_ticket(const DispatchView& view, Ticket ticket);
    void mark_gone_home(const DispatchView& view);
    void note_trips(const DispatchView& view, bool& news);
    void place_by_lane(JobIndex job);
    void place_new(JobIndex job);
    bool place_emergency(JobIndex job);
    dispatch::Replanned replan(const DispatchView& view, std::uint64_t seed, std::uint64_t iterations);
    void set_pooling(const DispatchView& view);
    Instructions replan_and_instruct(const DispatchView& view, std::uint64_t iterations);
    void keep_promises_told(const DispatchView& view, const Instructions& out);
    void open_promises_to_notice(const DispatchView& view);
    void hold_what_need_not_move(const DispatchView& view, dispatch::Replanned& r);
    void hold_short_of_window_told(const DispatchView& view, dispatch::Replanned& r);
    void tell_not_today(const DispatchView& view, Instructions& out);
    [[nodiscard]] bool servable_today(const DispatchView& view, Ticket k) const;
    Instructions instructions(const DispatchView& view, const dispatch::CascadeReport& cascade) const;
    std::vector<EtaNotice> tell_customers(const DispatchView& view, const dispatch::CascadeReport& cascade, PerJob<TimePoint>& hold) const;

    LiveParams params_;
    std::string name_;
    dispatch::DispatchState state_;
    dispatch::DispatchParams dispatch_params_;
    PerTechnician<char> gone_;      // per technician: told the dispatch state they went home
    PerJob<std::uint32_t> retold_;  // per ticket: new windows told after the first
    // The emergency the lane just placed, and the start the next re-plan may not go past.
    struct LaneBound {
        JobIndex job;
        TimePoint by;
    };
    std::optional<LaneBound> lane_bound_;
    std::uint64_t version_ = 0;
    LiveStats stats_;
};

}  // namespace fsd::simulate
