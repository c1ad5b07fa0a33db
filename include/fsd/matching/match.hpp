// Skill matching: for one job, every technician checked for hard eligibility, the eligible ones
// scored and ranked, the top k returned with readable reasons ("hvac L2 + refrigerant-handling
// cert; preferred by customer; 12 min away; 3 jobs today") and the others with why not.
// A plain function of the model and the caller's inputs: no I/O.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "fsd/matching/eligibility_check.hpp"
#include "fsd/matching/match_inputs.hpp"
#include "fsd/matching/score.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::matching {

struct MatchOptions {
    std::size_t k = 3;  // candidates returned
    MatchWeights weights;
    bool require_shift = true;  // a technician must work on the job's day, overlapping a window
    bool explain = true;        // build the reason strings (off: scores and gaps' kinds only)
};

struct Candidate {
    TechnicianIndex technician{};
    double score = 0;
    ScoreBreakdown breakdown;
    Duration travel = Duration::zero();
    std::vector<std::string> reasons;  // fit first, then the soft factors
    [[nodiscard]] std::string summary() const {
        std::string out;
        for (const auto& r : reasons) out += (out.empty() ? "" : "; ") + r;
        return out;
    }
};

struct Rejection {
    TechnicianIndex technician{};
    std::vector<Gap> gaps;
};

struct MatchResult {
    JobIndex job{};
    int day = 0;
    std::size_t eligible = 0;  // how many qualify, of which `ranked` holds the best k
    std::vector<Candidate> ranked;
    std::vector<Rejection> ineligible;  // in technician order
};

namespace detail {

inline std::vector<std::string> candidate_reasons(const Job& job, const EligibilityCheck& check, const TechnicianRecord* record,
                                                  const TechnicianState& state, Duration travel, bool preferred) {
    std::vector<std::string> out{check.fit};
    if (preferred) out.emplace_back("preferred by customer");
    if (record && !job.customer_id.empty())
        if (const int v = record->visits_to(job.customer_id); v > 0)
            out.push_back(fmt::format("served this customer {} time{} before", v, v == 1 ? "" : "s"));
    out.push_back(fmt::format("{} min away", (travel.count() + 30) / 60));
    out.push_back(fmt::format("{} job{} today", state.jobs_today, state.jobs_today == 1 ? "" : "s"));
    const FirstTimeFix* ftf = record ? record->record_for(job.job_type) : nullptr;
    if (ftf && ftf->jobs > 0)
        out.push_back(
            fmt::format("first-time fix {:.0f}% on {} ({} jobs)", 100.0 * ftf->fixed_first_time / ftf->jobs, job.job_type, ftf->jobs));
    return out;
}

}  // namespace detail

MatchResult match_technicians(const Problem& p, JobIndex j, const MatchInputs& inputs = {}, const MatchOptions& o = {});

// Why nobody (or few) qualify, counted by reason: "7 not working on 2026-11-23; 3 no gas-safe
// certificate; 1 gas-safe expired ...". For "no qualified technician" explanations.
inline std::string summarise_rejections(const MatchResult& r) {
    std::map<std::string, int> counts;
    for (const auto& rej : r.ineligible)
        for (const auto& g : rej.gaps) {
            // Expiries group by certificate, whatever the date; the rest by their words.
            std::string key = g.detail;
            if (g.kind == GapKind::certification_expired) key = g.detail.substr(0, g.detail.find(" expired")) + " expired";
            ++counts[key];
        }
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string out;
    for (const auto& [what, n] : sorted) out += fmt::format("{}{} {}", out.empty() ? "" : "; ", n, what);
    return out;
}

}  // namespace fsd::matching
