// Why a job was left unassigned.
#include "fsd/model/unassigned_reason.hpp"

namespace fsd {

Unassigned diagnose_unassigned(const Problem& p, JobIndex j) {
    const Job& job = p.jobs[j];
    if (job.cancelled_at) return {j, UnassignedReason::not_planned, "cancelled at " + p.time_text(*job.cancelled_at)};
    std::vector<std::string> qualified;
    bool capacity_ok = false, fits = false, by_sla = false;
    const bool hard_sla = p.objective.kind == ObjectiveKind::weighted && p.objective.hard_emergency_sla &&
                          job.urgency == Urgency::emergency && job.sla_deadline;
    for (TechnicianIndex t : p.technicians.indices()) {
        const Technician& tech = p.technicians[t];
        bool listed = false;
        for (std::uint32_t s = 0; s < tech.shifts.size(); ++s) {
            if (!may_do(p, j, t, s)) continue;
            if (!listed) qualified.push_back(tech.id);
            listed = true;
            if (job.demand > tech.room(s)) continue;
            capacity_ok = true;
            const JobIndex one[] = {j};
            const auto alone = time_route(p, t, s, one, {.as_planned = true});  // what the solver could plan
            fits = fits || alone.has_value();
            by_sla = by_sla || (alone && (!hard_sla || first_job_start(*alone) <= *job.sla_deadline));
        }
    }
    auto names = [&] {
        std::string s;
        for (std::size_t i = 0; i < qualified.size() && i < 5; ++i) s += (i ? ", " : "") + qualified[i];
        if (qualified.size() > 5) s += " and " + std::to_string(qualified.size() - 5) + " more";
        return s;
    };
    if (qualified.empty())
        return {j, UnassignedReason::no_qualified_technician,
                "no technician has the skills, certifications, equipment and permission it needs"};
    if (!capacity_ok) return {j, UnassignedReason::capacity, "demand exceeds what is left in the van of every qualified technician"};
    if (!fits)
        return {j, UnassignedReason::no_window_fits_shift, "qualified (" + names() + ") but no time window fits any of their shifts"};
    if (!by_sla)
        return {j, UnassignedReason::sla_unreachable,
                "no technician can reach it by its SLA (" + names() + " are qualified, none can start by the deadline)"};
    return {j, UnassignedReason::outranked, "fits an empty day of " + names() + ", but their days are taken by other work"};
}

}  // namespace fsd
