// Ranking the technicians for a job, with reasons.
#include "fsd/matching/match.hpp"

namespace fsd::matching {

MatchResult match_technicians(const Problem& p, JobIndex j, const MatchInputs& inputs, const MatchOptions& o) {
    assert(p.jobs.contains(j));
    const Job& job = p.jobs[j];
    MatchResult result;
    result.job = j;
    result.day = job_day(job, inputs);
    std::vector<Candidate> eligible;
    for (TechnicianIndex t : p.technicians.indices()) {
        EligibilityCheck check = check_eligibility(p, j, t, result.day, o.require_shift, o.explain);
        if (!check.eligible()) {
            result.ineligible.push_back({t, std::move(check.gaps)});
            continue;
        }
        const Technician& tech = p.technicians[t];
        const TechnicianState state = inputs.state(t);
        const TechnicianRecord* record = inputs.record(t);
        Candidate c;
        c.technician = t;
        c.travel = p.travel_time(state.position.value_or(tech.start_location), job.location);
        c.breakdown = score_candidate(job, tech, t, record, state, c.travel, o.weights);
        c.score = c.breakdown.total();
        if (o.explain) {
            const bool preferred =
                std::find(job.preferred_technicians.begin(), job.preferred_technicians.end(), t) != job.preferred_technicians.end();
            c.reasons = detail::candidate_reasons(job, check, record, state, c.travel, preferred);
        }
        eligible.push_back(std::move(c));
    }
    result.eligible = eligible.size();
    const std::size_t k = std::min(o.k, eligible.size());
    std::partial_sort(eligible.begin(), eligible.begin() + static_cast<std::ptrdiff_t>(k), eligible.end(),
                      [](const Candidate& a, const Candidate& b) {
                          if (a.score != b.score) return a.score > b.score;
                          if (a.travel != b.travel) return a.travel < b.travel;
                          return a.technician < b.technician;
                      });
    eligible.resize(k);
    result.ranked = std::move(eligible);
    return result;
}

}  // namespace fsd::matching
