#include "fsd/model/warnings.hpp"

#include <string>

#include "fsd/model/calendar.hpp"
#include "fsd/model/eligibility.hpp"

namespace fsd {
namespace {

std::string path_of(const char* what, std::size_t i) {
    return std::string(what) + "[" + std::to_string(i) + "]";
}

// Certificates that have expired by the last day of the horizon.
void lapsed_certificates(const Problem& p, std::vector<InputError>& out) {
    const auto last_day = p.date_of_day(std::max(1, p.horizon.days) - 1);
    if (!last_day) return;
    for (std::size_t t = 0; t < p.technicians.size(); ++t) {
        const Technician& tech = p.technicians[t];
        for (std::size_t c = 0; c < tech.certifications.size(); ++c) {
            const Certification& cert = tech.certifications[c];
            if (cert.valid_on(*last_day)) continue;
            out.push_back({path_of("technicians", t) + ".certifications[" + std::to_string(c) + "]",
                           p.catalog.certifications[cert.certification] + " of technician " + tech.id + " expired on " +
                               format_date(*cert.expires) + ": the jobs that need it go to others"});
        }
    }
}

// Why no technician may do job j: the qualifications and people rules, or, when some technicians
// meet them, that none of those has a shift (on which their certificates are valid).
std::string why_nobody(const Problem& p, JobIndex j) {
    const CapabilitySet needs = required_capabilities(p.catalog, p.jobs[j]);
    std::string could;
    for (TechnicianIndex t : p.technicians.indices())
        if (technician_allowed(p.jobs[j], t) && capabilities_on(p.catalog, p.technicians[t], std::nullopt).covers(needs))
            could += (could.empty() ? "" : ", ") + p.technicians[t].id;
    if (could.empty()) return " (skills, certificates, tools or people rules)";
    return " (" + could + " could: none of them has a shift, or one on which their certificates are valid)";
}

// Technicians who may do no job on any of their shifts, and jobs no technician may do.
void unmatched(const Problem& p, std::vector<InputError>& out) {
    PerJob<char> job_covered(p.jobs.size(), 0);
    for (TechnicianIndex t : p.technicians.indices()) {
        bool any = false;
        for (std::uint32_t s = 0; s < p.technicians[t].shifts.size(); ++s)
            for (JobIndex j : p.jobs.indices())
                if (may_do(p, j, t, s)) {
                    job_covered[j] = 1;
                    any = true;
                }
        if (!any && !p.technicians[t].shifts.empty() && !p.jobs.empty())
            out.push_back(
                {path_of("technicians", t.value()), "technician " + p.technicians[t].id + " may do none of the jobs: idle all day"});
    }
    for (JobIndex j : p.jobs.indices())
        if (!job_covered[j] && !p.jobs[j].cancelled_at)
            out.push_back({path_of("jobs", j.value()), "no technician may do job " + p.jobs[j].id + why_nobody(p, j)});
}

// Breaks whose window lies outside the hours their shift can work: never owed, never planned.
// Likely a company-wide break on a half-day or night shift, or a shift in the wrong time zone.
void breaks_never_owed(const Problem& p, std::vector<InputError>& out) {
    for (std::size_t t = 0; t < p.technicians.size(); ++t) {
        const Technician& tech = p.technicians[t];
        for (std::size_t s = 0; s < tech.shifts.size(); ++s) {
            const Shift& shift = tech.shifts[s];
            for (std::size_t b = 0; b < shift.breaks.size(); ++b)
                if (!shift.may_owe(shift.breaks[b]))
                    out.push_back(
                        {path_of("technicians", t) + ".shifts[" + std::to_string(s) + "].breaks[" + std::to_string(b) + "].window",
                         "technician " + tech.id + "'s break lies outside the hours the shift can work: never owed, not planned"});
        }
    }
}

}  // namespace

std::vector<InputError> problem_warnings(const Problem& problem) {
    std::vector<InputError> out;
    lapsed_certificates(problem, out);
    breaks_never_owed(problem, out);
    unmatched(problem, out);
    return out;
}

}  // namespace fsd
