// What a dispatcher knows at a moment of a simulated day, and all a policy may look at: the
// tickets reported so far (with the places they need and the travel between them), each ticket's
// state, each technician's status and list, and the ETA windows customers were told.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/simulate/instructions.hpp"

namespace fsd::simulate {

namespace detail {
class Execution;
}

enum class TicketState : std::uint8_t {
    open,         // not begun (it may be on a technician's list)
    en_route,     // a technician is on the way
    in_progress,  // started, not finished
    done,
    cancelled,
    not_home,   // the technician found nobody at home
    not_today,  // the dispatcher told the customer it will not be today (Instructions::not_today)
};
constexpr std::array<std::string_view, 7> ticket_state_names{"open",      "en route", "in progress", "done",
                                                             "cancelled", "not home", "not today"};

enum class Activity : std::uint8_t {
    at_home,    // has not left home today (before the shift, or nothing to do yet)
    standby,    // free where they are, waiting for work
    driving,    // to `doing`'s job (until it starts, or the job turns out not to be possible)
    working,    // on `doing`'s job since `since`
    on_break,   // `doing`'s break, started at `since`
    gone_home,  // on the way home or there: takes no more work today
};
constexpr std::array<std::string_view, 6> activity_names{"at home", "standby", "driving", "working", "on break", "gone home"};

// A technician as the technicians' app reports them. Places are indices into known().locations.
struct TechnicianStatus {
    std::optional<std::uint32_t> shift;  // today's shift; none: not working today
    Activity activity = Activity::at_home;
    LocationId place{};                  // where they are, or are driving to
    LocationId from{};                   // driving: where they left from
    TimePoint since = TimePoint::min();  // when the activity began
    std::optional<Order> doing;          // driving, working, on break: the order in hand
    std::vector<Order> queue;            // what they have been told and not begun
    TimePoint leave_not_before = TimePoint::min();
    std::vector<char> break_taken;  // per break of today's shift
    std::int64_t load = 0;          // demand of the jobs they finished today: on the van since the morning
    [[nodiscard]] bool departed() const { return activity != Activity::at_home; }
};

class DispatchView {
public:
    [[nodiscard]] TimePoint now() const { return now_; }
    // The technicians, catalog, horizon and objective of the day, the tickets reported so far as
    // its jobs (ticket k is jobs[k]) and only the places they and the technicians need, with the
    // travel between them. A planner can be run on it as it is.
    [[nodiscard]] const Problem& known() const { return known_; }
    [[nodiscard]] std::size_t tickets() const { return known_.jobs.size(); }
    [[nodiscard]] TicketState state(Ticket t) const { return states_.at(t); }
    [[nodiscard]] const TechnicianStatus& technician(TechnicianIndex t) const { return technicians_.at(t); }
    // The ETA window the customer was last told, if any.
    [[nodiscard]] const std::optional<TimeWindow>& told(Ticket t) const { return told_.at(t); }
    // Which technician has the ticket on their list or in hand, if anyone.
    [[nodiscard]] std::optional<TechnicianIndex> holder(Ticket t) const;

private:
    friend class detail::Execution;  // the simulator keeps the view current; nobody else can
    TimePoint now_;
    Problem known_;
    PerJob<TicketState> states_;
    PerTechnician<TechnicianStatus> technicians_;
    PerJob<std::optional<TimeWindow>> told_;
};

inline std::optional<TechnicianIndex> DispatchView::holder(Ticket t) const {
    for (TechnicianIndex i : indices<TechnicianIndex>(technicians_.size())) {
        const TechnicianStatus& s = technicians_[i];
        if (s.doing && s.doing->kind == StopKind::job && s.doing->ticket() == t) return i;
        for (const Order& o : s.queue)
            if (o.kind == StopKind::job && o.ticket() == t) return i;
    }
    return std::nullopt;
}

}  // namespace fsd::simulate
