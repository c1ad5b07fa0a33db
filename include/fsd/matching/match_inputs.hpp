// What matching knows besides the problem: each technician's track record (first-time-fix
// counts per job type, customers served before) and current state (where they are or will be,
// how loaded their day is). The caller fills these; anything left empty gets a neutral default.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fsd/model/job.hpp"
#include "fsd/model/location.hpp"
#include "fsd/model/units.hpp"

namespace fsd::matching {

struct FirstTimeFix {
    int jobs = 0;              // jobs of this type done
    int fixed_first_time = 0;  // of which fixed on the first visit
};

// Hashed by job type and customer id: matching looks both up for every (job, technician) pair.
struct TechnicianRecord {
    std::unordered_map<std::string, FirstTimeFix> first_time_fix;  // by job type
    std::unordered_map<std::string, int> visits;                   // by customer id

    [[nodiscard]] const FirstTimeFix* record_for(const std::string& job_type) const {
        const auto it = first_time_fix.find(job_type);
        return it == first_time_fix.end() ? nullptr : &it->second;
    }
    [[nodiscard]] int visits_to(const std::string& customer_id) const {
        const auto it = visits.find(customer_id);
        return it == visits.end() ? 0 : it->second;
    }
};

struct TechnicianState {
    std::optional<LocationId> position;  // current or planned position; default: start location
    int jobs_today = 0;                  // jobs already planned on the job's day
};

struct MatchInputs {
    PerTechnician<TechnicianRecord> records;  // by technician index; shorter or empty means "no history"
    PerTechnician<TechnicianState> states;    // by technician index; shorter or empty means "at start, idle"
    // The horizon day the job is planned for; default: the day of its pinned start or first window.
    std::optional<int> day;

    [[nodiscard]] const TechnicianRecord* record(TechnicianIndex t) const { return records.contains(t) ? &records[t] : nullptr; }
    [[nodiscard]] TechnicianState state(TechnicianIndex t) const { return states.contains(t) ? states[t] : TechnicianState{}; }
};

}  // namespace fsd::matching
