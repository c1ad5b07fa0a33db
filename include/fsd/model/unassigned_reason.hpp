// Why a job ended up unassigned, in the dispatcher's terms: nobody qualified, no window that fits
// a qualified technician's shift, too big for any van, or simply outranked by other work.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "fsd/model/eligibility.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/route_timing.hpp"

namespace fsd {

inline TimePoint first_job_start(const Route& r) {
    const auto it = std::find_if(r.stops.begin(), r.stops.end(), [](const Stop& s) { return s.kind == StopKind::job; });
    return it == r.stops.end() ? TimePoint::max() : it->start;
}

// Looks at the job alone (an empty day for each qualified technician), so it is independent of
// the plan: what remains once the job could fit somewhere on its own is "outranked".
Unassigned diagnose_unassigned(const Problem& p, JobIndex j);

}  // namespace fsd
