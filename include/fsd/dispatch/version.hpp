// Plan versions: every plan of a dispatch day is immutable and numbered, with a content hash, its
// parent, the event that produced it, the dispatch time, how the search ran, and why each new
// assignment was made. A replay of the log must give every version the same hash.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "fsd/dispatch/event.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/travel/content_hash.hpp"

namespace fsd::dispatch {

// How a re-plan ran. Only an iteration budget is reproducible: a run cut by the time cap is not.
struct ReplanStats {
    std::uint64_t seed = 0;
    std::uint64_t iterations = 0;       // the budget given (the search stops there unless capped)
    std::uint64_t iterations_done = 0;  // for the record
    double seconds = 0;                 // wall clock, for the record only
    bool capped = false;                // stopped by the time cap before the iteration budget
    bool chosen = false;                // no search: a plan chosen among a lane's options was adopted
};

// Why a job went to its technician, in the matching layer's words (rank among the qualified,
// skills and certificates, preference, distance, load).
struct AssignmentReason {
    JobIndex job{};
    TechnicianIndex technician{};
    std::vector<std::string> reasons;
    friend bool operator==(const AssignmentReason&, const AssignmentReason&) = default;
};

struct PlanVersion {
    int number = 0;
    std::optional<int> parent;
    std::uint64_t hash = 0;
    std::optional<Event> event;  // none for the first version
    TimePoint at;                // the dispatch time it was made at
    Plan plan;
    std::vector<AssignmentReason> assignments;  // the assignments new in this version
    ReplanStats replan;
};

// A stable hash of everything a plan says, by ids (not indices), times and reasons.
inline std::uint64_t plan_hash(const Problem& p, const Plan& plan) {
    ContentHash h;
    h.add(static_cast<std::uint64_t>(plan.routes.size()));
    for (const Route& r : plan.routes) {
        h.add(p.technicians[r.technician].id);
        for (std::int64_t v : {std::int64_t(r.shift), r.departure.count(), r.return_time.count(), std::int64_t(r.stops.size())})
            h.add(static_cast<std::uint64_t>(v));
        for (const Stop& s : r.stops) {
            if (s.kind == StopKind::job)
                h.add(p.jobs[s.job_index()].id);
            else
                h.add(static_cast<std::uint64_t>(s.index) | (std::uint64_t{1} << 40));
            for (TimePoint t : {s.arrival, s.start, s.end}) h.add(static_cast<std::uint64_t>(t.count()));
            // Hashed only when set, so that logs from before these flags still load.
            if (s.as_reported) h.add(std::uint64_t{1} << 41);
            if (s.set_out) h.add(std::uint64_t{1} << 42);
        }
        if (r.resumes) {
            h.add(std::uint64_t{1} << 43);
            h.add(p.jobs[r.resumes->door].id);
            h.add(static_cast<std::uint64_t>(r.resumes->at.count()));
        }
    }
    h.add(static_cast<std::uint64_t>(plan.unassigned.size()));
    for (const Unassigned& u : plan.unassigned) {
        h.add(p.jobs[u.job].id);
        h.add(to_code(u.reason));
        h.add(u.detail);
    }
    return h.value();
}

inline std::string hash_text(std::uint64_t h) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace fsd::dispatch
