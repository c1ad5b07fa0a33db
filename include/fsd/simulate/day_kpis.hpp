// What a simulated day came to, as a dispatcher and the customers count it: jobs done and carried
// over, on-time arrivals (customer window and SLA, and the ETA window told), SLAs by urgency,
// emergency response, utilisation, driving, overtime, and how often customers were told an ETA.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fsd/simulate/simulator.hpp"

namespace fsd::simulate {

struct DayKpis {
    int jobs = 0;                 // in the problem
    int reported_during_day = 0;  // after the morning plan
    int done = 0, cancelled = 0, not_home = 0;
    int carried_over = 0;  // neither done nor cancelled (not-home visits included)
    // Customers the dispatcher told the visit would not be today (Instructions::not_today), and of
    // them those who had been told an ETA window and heard by the time it opened ("in time").
    int told_not_today = 0, told_not_today_in_time = 0;
    // Customers expecting a technician: told an ETA, not cancelled before the technician came,
    // and not told in time that it would not be today.
    int expected = 0;
    int on_time = 0;                                  // of those: the technician knocked inside a hard window, by the SLA deadline if any
    int eta_inside = 0, eta_early = 0, eta_late = 0;  // the knock against the window last told (late: never came)
    std::array<int, 3> sla_due{}, sla_met{};          // by urgency: not cancelled, with a deadline; met: started by it
    int emergencies_served = 0;
    double response_mean_min = 0, response_max_min = 0;  // report to start, over served emergencies
    double service_h = 0, shift_h = 0;                   // shift: every technician working that day
    double utilisation_pct = 0;                          // service over shift
    // The jobs done at their planning-quantile durations (p75 by default) over shift: utilisation
    // as a plan's evaluation counts it (Kpis::utilisation_pct), to compare with planned days.
    double planned_service_h = 0, planned_utilisation_pct = 0;
    // Utilisation as other offices count it: service over the shift hours less the breaks taken
    // in them, and service plus driving over the shift hours (drive as productive time, as in
    // ServiceMax's utilisation report). As in utilisation_pct, which stays the measure we quote,
    // work and driving after the shift end count above the line, so either may pass 100%.
    double break_h = 0;  // breaks taken within the shifts, crew
    double utilisation_of_available_pct = 0, utilisation_with_drive_pct = 0;
    double drive_h = 0;                         // every leg driven, visits in vain and home included
    double overtime_h = 0, overtime_max_h = 0;  // past shift ends: all, and the most for one technician
    // Standing by before a visit (from being free and there, by the real drive, to the knock):
    // for the customer's hard window to open, and beyond it (a planned wait, a visit held to the
    // window a customer was told). Between visits only: idle with nothing to do is not counted.
    double wait_window_h = 0, wait_beyond_h = 0;
    int past_overtime_limit = 0;               // technicians home after their shift end plus max overtime
    int notified = 0;                          // customers told an ETA window
    int eta_changes = 0, eta_changes_max = 0;  // windows told that changed one told before: all, most for one customer
    int eta_changes_earlier = 0;               // ... to an earlier window (the customer brought forward)
    int eta_reversals = 0;                     // ... the other way from that customer's change before
    int customers_retold = 0;                  // customers whose window told changed at least once
    int eta_changes_moved_technician = 0;      // ETA changes with the ticket on another technician's list
    // ETA changes by the report the policy was answering (SimulationResult::eta_changes_after).
    std::array<int, observation_kind_names.size()> eta_changes_after{};

    [[nodiscard]] double on_time_pct() const { return expected ? 100.0 * on_time / expected : 100.0; }
    [[nodiscard]] double eta_inside_pct() const { return expected ? 100.0 * eta_inside / expected : 100.0; }
    [[nodiscard]] double sla_met_pct(Urgency u) const {
        const auto i = static_cast<std::size_t>(u);
        return sla_due[i] ? 100.0 * sla_met[i] / sla_due[i] : 100.0;
    }
};

DayKpis day_kpis(const Problem& problem, const SimulationResult& result);
nlohmann::ordered_json day_kpis_to_json(const DayKpis& k);
// The KPIs in words, one (what, value) pair per line: for the CLI and the report.
std::vector<std::pair<std::string, std::string>> describe(const DayKpis& k);

}  // namespace fsd::simulate
