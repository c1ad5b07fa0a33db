// What a dispatch policy tells the field: for some technicians, the list of what to do next (jobs
// by ticket, breaks), and for some customers, the window in which to expect the technician.
// A policy's only way to act on the simulated day (policy.hpp).
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <vector>

#include "fsd/model/plan.hpp"
#include "fsd/model/units.hpp"

namespace fsd::simulate {

// A ticket: a job the dispatcher knows of, numbered in the order the tickets were reported. It
// indexes DispatchView::known().jobs; the simulator alone knows which job of the day it is.
using Ticket = JobIndex;

// One thing to do. A technician starts a job as soon as they are there and one of its windows is
// open (at its pinned start, when pinned), but never before `not_before`: a planned wait, such
// as an appointment kept or a preferred hour. A break starts no earlier than its window opens
// and `not_before`.
struct Order {
    StopKind kind = StopKind::job;
    std::uint32_t index = 0;  // the ticket, or the break's index within today's shift
    TimePoint not_before = TimePoint::min();
    static Order job(Ticket t, TimePoint not_before = TimePoint::min()) { return {StopKind::job, t.value(), not_before}; }
    // The ticket this order visits; only for a job.
    [[nodiscard]] Ticket ticket() const {
        assert(kind == StopKind::job);
        return Ticket(index);
    }
    static Order rest(std::uint32_t b, TimePoint not_before = TimePoint::min()) { return {StopKind::break_time, b, not_before}; }
    friend bool operator==(const Order&, const Order&) = default;
};

// A technician's new list: it replaces whatever they had not begun. What they are doing now
// (driving to a job, working, on a break) is theirs to finish. A technician who has not left
// home yet leaves no earlier than `leave_not_before`.
struct Orders {
    TechnicianIndex technician{};
    std::vector<Order> queue;
    TimePoint leave_not_before = TimePoint::min();
    friend bool operator==(const Orders&, const Orders&) = default;
};

// "Your technician will be with you between ... and ...": counted as a notification, and as an
// ETA change when the customer had been told another window.
struct EtaNotice {
    Ticket ticket{};
    TimeWindow window;
    friend bool operator==(const EtaNotice&, const EtaNotice&) = default;
};

struct Instructions {
    std::vector<Orders> orders;
    std::vector<EtaNotice> notices;
    // Customers told that their visit will not be today after all (to be booked again): each
    // ticket, open and on no technician's way, leaves every list and may not be ordered again
    // today. It counts as carried over; its customer, told by the time the window they were last
    // told opened, is no longer waiting for a technician.
    std::vector<Ticket> not_today;
    // The plan the orders come from (ticket indices, times as the policy planned them), when
    // there is one: the "planned" side of planned against actual. Only read in the morning.
    std::optional<Plan> plan;
    [[nodiscard]] bool empty() const { return orders.empty() && notices.empty() && not_today.empty(); }
    friend bool operator==(const Instructions&, const Instructions&) = default;
};

}  // namespace fsd::simulate
