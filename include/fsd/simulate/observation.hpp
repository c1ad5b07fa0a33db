// What a dispatcher hears during a simulated day: a ticket reported, a cancellation, and what the
// technicians report from the field (a job started or finished, nobody at home, a job they could
// not get to, gone home for the day). Each is delivered to the policy when it happens, never
// earlier.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "fsd/simulate/instructions.hpp"

namespace fsd::simulate {

enum class ObservationKind : std::uint8_t {
    ticket_reported,    // a new ticket (it is now in DispatchView::known())
    job_cancelled,      // the customer cancelled
    job_started,        // the technician started work on site
    job_finished,       // ... and finished it
    customer_not_home,  // the technician knocked, waited and left
    job_missed,         // the technician could not do it: see MissReason
    gone_home,          // the technician finished for the day and set off home (no ticket)
};
constexpr std::array<std::string_view, 7> observation_kind_names{"ticket reported",   "job cancelled", "job started", "job finished",
                                                                 "customer not home", "job missed",    "gone home"};
constexpr std::string_view to_string(ObservationKind k) {
    return observation_kind_names[static_cast<int>(k)];
}

enum class MissReason : std::uint8_t {
    window_closed,  // no window of the job left by the time the technician could be there
    no_time_left,   // the job would keep the technician out past their shift end plus overtime
};

struct Observation {
    ObservationKind kind = ObservationKind::ticket_reported;
    TimePoint at;
    Ticket ticket{};                            // none for gone_home
    std::optional<TechnicianIndex> technician;  // who reported it, for the field's reports
    MissReason miss = MissReason::window_closed;
    friend bool operator==(const Observation&, const Observation&) = default;
};

}  // namespace fsd::simulate
