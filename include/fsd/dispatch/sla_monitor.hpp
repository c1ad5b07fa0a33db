// The SLA monitor: open jobs whose SLA deadline has passed (breached), is close and the job not
// started (at risk), or is within the hour and nobody is on the way (escalate). Each entry says
// which job, who has it, how many minutes, and why, in one line.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/dispatch/progress.hpp"
#include "fsd/model/calendar.hpp"

namespace fsd::dispatch {

enum class SlaLevel : std::uint8_t { breached, at_risk, escalate };
constexpr std::array<std::string_view, 3> sla_level_names{"breached", "at risk", "escalate"};

struct SlaOptions {
    Duration at_risk = minutes(30);   // under this to the deadline and not started
    Duration escalate = minutes(60);  // under this to the deadline and nobody en route
};

struct SlaEntry {
    JobIndex job{};
    std::optional<TechnicianIndex> technician;  // who has it in the plan; none: unassigned
    SlaLevel level = SlaLevel::breached;
    // Minutes to the deadline at `now`; negative once breached (minutes past it).
    std::int64_t minutes = 0;
    std::string reason;
};

namespace sla_detail {

inline std::string at_text(const Problem& p, TimePoint t) {
    const std::string full = p.time_text(t);
    const auto pos = full.find('T');
    return pos == std::string::npos ? full : full.substr(pos + 1);
}

// Who has the job and when, in words: "T03 en route, ETA 11:10" or "T03 planned 11:40".
inline std::string plan_words(const DispatchState& st, JobIndex j, bool en_route, TimePoint now) {
    const JobTiming& t = st.times.jobs[j];
    if (!t.assigned()) return "unassigned" + (t.detail.empty() ? std::string() : " (" + t.detail + ")");
    const std::string& who = st.problem.technicians[*t.technician].id;
    const std::string late = st.problem.jobs[j].sla_deadline && t.eta > *st.problem.jobs[j].sla_deadline ? ", after the deadline" : "";
    return who + (en_route && t.eta > now ? " en route, ETA " : " planned ") + at_text(st.problem, t.eta) + late;
}

}  // namespace sla_detail

// Every job not begun with an SLA deadline that is breached, at risk or to escalate at `now` (at or
// after the state's time; a later time reads the plan forward: a job it starts by then counts as
// started, in time or late), most urgent first.
inline std::vector<SlaEntry> sla_status(const DispatchState& st, TimePoint now, const SlaOptions& o = {}) {
    using namespace sla_detail;
    std::vector<SlaEntry> out;
    const PerJob<char> begun = begun_jobs(st);
    for (JobIndex j : indices<JobIndex>(st.problem.jobs.size())) {
        const Job& job = st.problem.jobs[j];
        if (!job.sla_deadline || st.jobs[j].state != JobState::open || begun[j]) continue;
        const JobTiming none;
        const JobTiming& t = st.times.jobs.contains(j) ? st.times.jobs[j] : none;
        bool en_route = false;
        if (t.assigned()) {
            const TechnicianStatus s = technician_status(st, *t.technician, now);
            en_route = s.job == j && (s.activity == Activity::en_route || s.activity == Activity::on_site);
        }
        const Duration left = *job.sla_deadline - now;
        // Read forward, the plan may have started the job by `now`: in time, or late.
        const bool planned_start = now > st.now && t.assigned() && t.eta <= now;
        if (planned_start && t.eta <= *job.sla_deadline) continue;
        const std::int64_t mins = left.count() >= 0 ? left.count() / 60 : -((-left.count() + 59) / 60);
        const std::string plan = plan_words(st, j, en_route, now);
        SlaEntry e{j, t.technician, SlaLevel::breached, mins, {}};
        if (left < Duration::zero()) {
            e.reason = "deadline " + at_text(st.problem, *job.sla_deadline) + " passed " + std::to_string(-mins) + " min ago" +
                       (planned_start ? "" : ", not started") + "; " + plan;
        } else if (planned_start) {
            continue;
        } else if (left < o.at_risk) {
            e.level = SlaLevel::at_risk;
            e.reason = std::to_string(mins) + " min to the deadline, not started; " + plan;
        } else if (left < o.escalate && !en_route) {
            e.level = SlaLevel::escalate;
            e.reason = std::to_string(mins) + " min to the deadline and nobody en route; " + plan;
        } else {
            continue;
        }
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const SlaEntry& a, const SlaEntry& b) { return a.level != b.level ? a.level < b.level : a.minutes < b.minutes; });
    return out;
}

}  // namespace fsd::dispatch
