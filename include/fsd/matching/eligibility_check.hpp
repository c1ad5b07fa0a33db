// Hard eligibility in words: may this technician do this job on its day, and if not, every
// reason why ("plumbing L1, needs L2", "gas-safe expired 2026-11-10"). It agrees with the bitset
// test of model/eligibility.hpp (asserted), which planners use when they need no words.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "fsd/matching/match_inputs.hpp"
#include "fsd/model/calendar.hpp"
#include "fsd/model/eligibility.hpp"
#include "fsd/model/job_day.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::matching {

enum class GapKind : std::uint8_t {
    pinned_elsewhere,
    not_required,
    excluded,
    skill_missing,
    skill_too_low,
    certification_missing,
    certification_expired,
    equipment_missing,
    no_shift,
};

struct Gap {
    GapKind kind;
    std::string detail;  // e.g. "plumbing L1, needs L2"
};

struct EligibilityCheck {
    std::vector<Gap> gaps;  // empty: eligible
    std::string fit;        // what qualifies them, e.g. "hvac L3 + gas-safe cert"
    [[nodiscard]] bool eligible() const { return gaps.empty(); }
};

// The horizon day a job is matched for: the caller's choice, else day_of_job() (job_day.hpp).
inline int job_day(const Job& job, const MatchInputs& inputs = {}) {
    return inputs.day ? *inputs.day : day_of_job(job);
}

namespace detail {

// Formats only when words are wanted: the planners' fast path skips the strings.
struct Say {
    bool on = true;
    template <class... Args>
    std::string operator()(fmt::format_string<Args...> f, Args&&... args) const {
        return on ? fmt::format(f, std::forward<Args>(args)...) : std::string();
    }
};

inline std::string day_text(const Problem& p, int day) {
    if (const auto date = p.date_of_day(day)) return format_date(*date);
    return fmt::format("day {}", day);
}

inline void check_people(const Problem& p, const Job& job, TechnicianIndex t, Say say, std::vector<Gap>& gaps) {
    if (job.pinned_technician && *job.pinned_technician != t)
        gaps.push_back({GapKind::pinned_elsewhere, say("job is pinned to {}", p.technicians[*job.pinned_technician].id)});
    const auto& req = job.required_technicians;
    if (!req.empty() && std::find(req.begin(), req.end(), t) == req.end()) {
        std::string names;
        if (say.on)
            for (auto r : req) names += (names.empty() ? "" : ", ") + p.technicians[r].id;
        gaps.push_back({GapKind::not_required, say("not one of the required technicians ({})", names)});
    }
    const auto& ex = job.excluded_technicians;
    if (std::find(ex.begin(), ex.end(), t) != ex.end()) gaps.push_back({GapKind::excluded, say("excluded from this job")});
}

inline void check_capabilities(const Problem& p, const Job& job, const Technician& tech, std::optional<Date> date, Say say,
                               EligibilityCheck& out) {
    const Catalog& c = p.catalog;
    std::string fit;
    auto add_fit = [&fit, say](const std::string& s) {
        if (say.on) fit += (fit.empty() ? "" : " + ") + s;
    };
    for (const auto& need : job.skills) {
        const int has = tech.skill_level(need.skill);
        const auto& name = c.skills[need.skill];
        if (has == 0)
            out.gaps.push_back({GapKind::skill_missing, say("no {} skill (needs L{})", name, need.level)});
        else if (has < need.level)
            out.gaps.push_back({GapKind::skill_too_low, say("{} L{}, needs L{}", name, has, need.level)});
        else
            add_fit(say("{} L{}", name, has));
    }
    for (auto need : job.certifications) {
        const auto& name = c.certifications[need];
        const auto it = std::find_if(tech.certifications.begin(), tech.certifications.end(),
                                     [need](const Certification& x) { return x.certification == need; });
        if (it == tech.certifications.end())
            out.gaps.push_back({GapKind::certification_missing, say("no {} certificate", name)});
        else if (date && !it->valid_on(*date))
            out.gaps.push_back(
                {GapKind::certification_expired, say("{} expired {} (job on {})", name, format_date(*it->expires), format_date(*date))});
        else
            add_fit(say("{} cert", name));
    }
    for (auto need : job.equipment) {
        const auto& name = c.equipment[need];
        if (std::find(tech.equipment.begin(), tech.equipment.end(), need) == tech.equipment.end())
            out.gaps.push_back({GapKind::equipment_missing, say("no {} on the van", name)});
        else
            add_fit(say("{} on van", name));
    }
    out.fit = fit.empty() ? say("no special requirements") : fit;
}

// A shift at work on the job's day (a night shift from the day before included) whose span (plus
// allowed overtime) meets one of the job's windows.
inline void check_shift(const Problem& p, const Job& job, const Technician& tech, int day, Say say, std::vector<Gap>& gaps) {
    bool works_that_day = false;
    for (const auto& s : tech.shifts) {
        if (!s.works_on(day)) continue;
        works_that_day = true;
        if (job.time_windows.empty()) return;
        for (const auto& w : job.time_windows)
            if (w.meets(s.working_hours())) return;
    }
    gaps.push_back({GapKind::no_shift, works_that_day ? say("shift on {} misses the job's time windows", day_text(p, day))
                                                      : say("not working on {}", day_text(p, day))});
}

}  // namespace detail

// With words = false the gaps carry their kinds only and `fit` stays empty: the fast path.
inline EligibilityCheck check_eligibility(const Problem& p, JobIndex j, TechnicianIndex t, int day, bool require_shift = true,
                                          bool words = true) {
    assert(p.jobs.contains(j) && p.technicians.contains(t));
    const Job& job = p.jobs[j];
    const Technician& tech = p.technicians[t];
    const auto date = p.date_of_day(day);
    EligibilityCheck out;
    const detail::Say say{words};
    detail::check_people(p, job, t, say, out.gaps);
    detail::check_capabilities(p, job, tech, date, say, out);
    const bool qualified = out.gaps.empty();
    // The words and the bitsets must agree on who is qualified.
    assert(qualified ==
           (technician_allowed(job, t) && capabilities_on(p.catalog, tech, date).covers(required_capabilities(p.catalog, job))));
    (void)qualified;
    if (require_shift) detail::check_shift(p, job, tech, day, say, out.gaps);
    return out;
}

}  // namespace fsd::matching
