// Hard eligibility as bitsets: the capabilities a job requires, what a technician holds on a given
// day (expired certifications drop out), and the combined "may this technician do this job on
// this shift" test. Planners precompute it once; the matching module explains it in words.
#pragma once

#include <algorithm>

#include "fsd/model/problem.hpp"

namespace fsd {

inline CapabilitySet required_capabilities(const Catalog& catalog, const Job& job) {
    CapabilitySet set;
    for (const auto& s : job.skills) set.set(catalog.skill_bit(s.skill, s.level));
    for (auto c : job.certifications) set.set(catalog.certification_bit(c));
    for (auto e : job.equipment) set.set(catalog.equipment_bit(e));
    return set;
}

// What the technician holds on `date`; without a calendar date every certification counts.
inline CapabilitySet capabilities_on(const Catalog& catalog, const Technician& tech, std::optional<Date> date) {
    CapabilitySet set;
    for (const auto& s : tech.skills)
        for (int level = 1; level <= s.level; ++level) set.set(catalog.skill_bit(s.skill, level));
    for (const auto& c : tech.certifications)
        if (!date || c.valid_on(*date)) set.set(catalog.certification_bit(c.certification));
    for (auto e : tech.equipment) set.set(catalog.equipment_bit(e));
    return set;
}

// The person-level rules: pinned, required and excluded technicians; a job cancelled is nobody's.
inline bool technician_allowed(const Job& job, TechnicianIndex tech) {
    if (job.cancelled_at) return false;
    auto has = [tech](const std::vector<TechnicianIndex>& v) { return std::find(v.begin(), v.end(), tech) != v.end(); };
    if (job.pinned_technician && *job.pinned_technician != tech) return false;
    if (!job.required_technicians.empty() && !has(job.required_technicians)) return false;
    return !has(job.excluded_technicians);
}

inline bool may_do(const Problem& p, JobIndex job, TechnicianIndex tech, std::size_t shift) {
    const Job& j = p.jobs[job];
    const Technician& t = p.technicians[tech];
    if (!technician_allowed(j, tech)) return false;
    const auto date = p.date_of_day(t.shifts[shift].day());
    return capabilities_on(p.catalog, t, date).covers(required_capabilities(p.catalog, j));
}

}  // namespace fsd
