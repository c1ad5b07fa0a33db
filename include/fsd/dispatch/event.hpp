// What happens during a dispatch day, one event at a time: jobs added and cancelled, customers not
// at home, technicians setting out, jobs started, finished or running late, technicians going and
// coming back, traffic.
// Events name jobs and technicians by id; they are resolved against the state when applied.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fsd/model/units.hpp"

namespace fsd::dispatch {

enum class EventType : std::uint8_t {
    job_added,               // a new ticket, any urgency; `job_spec` holds it in the problem format
    job_cancelled,           // the customer cancels
    customer_not_home,       // the technician is at the door, nobody answers: the job is off for the day
    job_started,             // the technician starts work on site (the actual start)
    job_finished,            // ... and finishes it (the actual end)
    running_late,            // a job under way will end at `expected_finish` (the technician's estimate)
    technician_unavailable,  // from `at` (sick, van breakdown), until `until` or further notice
    technician_available,    // back at work from `at`
    travel_delay,            // the technician's current or next trip takes `delay` longer
    job_interrupted,         // work on an interruptible job under way stops; the rest becomes the job `rest_job`
    on_the_way,              // the technician sets out for `job` (the field app's "on my way")
};

constexpr std::array<std::string_view, 11> event_type_names{
    "job_added",    "job_cancelled",          "customer_not_home",    "job_started",  "job_finished",
    "running_late", "technician_unavailable", "technician_available", "travel_delay", "job_interrupted",
    "on_the_way"};
constexpr std::string_view to_string(EventType t) {
    return event_type_names[static_cast<int>(t)];
}

// One event. Which fields are set depends on the type (docs/format.md, "Dispatch events"); the
// reader fills the rest with their defaults.
struct Event {
    EventType type = EventType::job_finished;
    TimePoint at;                              // when it happened
    std::string job;                           // job id (every job event; for job_added, the new job's id)
    std::string technician;                    // technician id; optional for job_started and customer_not_home
    std::optional<TimePoint> expected_finish;  // running_late
    std::optional<TimePoint> until;            // technician_unavailable: known end of the absence
    Duration delay = Duration::zero();         // travel_delay
    nlohmann::ordered_json job_spec;           // job_added: the job, as in a problem file
    std::string rest_job;                      // job_interrupted: the id of the rest (default: job id + "-rest")
    std::string note;                          // free text for the audit trail
    int line = 0;                              // 1-based line it was read from (0: built in code)

    friend bool operator==(const Event&, const Event&) = default;
};

}  // namespace fsd::dispatch
