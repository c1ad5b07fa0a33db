#include "fsd/simulate/sim_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>

#include "fsd/model/calendar.hpp"

namespace fsd::simulate {
namespace {

constexpr Duration moved_threshold = minutes(15);

std::string clock(const Problem& p, TimePoint t) {
    return p.horizon.start_date ? format_local_time(t, *p.horizon.start_date).substr(11, 5) : format_clock(t);
}

struct Visit {
    TechnicianIndex technician{};
    TimePoint start, end;
};

std::map<JobIndex, Visit> visits(const Plan& plan) {
    std::map<JobIndex, Visit> out;
    for (const Route& r : plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job) out[s.job_index()] = {r.technician, s.start, s.end};
    return out;
}

std::vector<report::TimelineBar> bars(const Problem& p, const Plan& plan, const std::string& kind) {
    std::vector<report::TimelineBar> out;
    for (const Route& r : plan.routes)
        for (const Stop& s : r.stops) {
            const bool job = s.kind == StopKind::job;
            const std::string what = job ? p.jobs[s.job_index()].id : std::string("break");
            out.push_back({r.technician, s.start, s.end, job ? kind : kind + "-break",
                           fmt::format("{} {} {}–{}", what, kind, clock(p, s.start), clock(p, s.end))});
        }
    return out;
}

std::vector<report::VisitMark> marks(const Problem& p, const std::map<JobIndex, Visit>& planned, const std::map<JobIndex, Visit>& actual) {
    std::vector<report::VisitMark> out;
    for (const auto& [job, plan] : planned) {
        const auto it = actual.find(job);
        if (it == actual.end()) {
            out.push_back({job, "not-done", "not done"});
            continue;
        }
        const Duration shift = it->second.start - plan.start;
        const std::string who = it->second.technician == plan.technician ? "" : ", " + p.technicians[it->second.technician].id;
        if (shift >= moved_threshold || shift <= -moved_threshold)
            out.push_back({job, shift > Duration::zero() ? "later" : "earlier", fmt::format("{:+} min{}", shift.count() / 60, who)});
    }
    for (const auto& [job, visit] : actual)
        if (!planned.count(job)) out.push_back({job, "added", "unplanned"});
    return out;
}

// A technician's day in a timed plan: jobs, the first start and the return home.
struct DaySummary {
    int jobs = 0;
    std::optional<TimePoint> first, back;
};

std::map<TechnicianIndex, DaySummary> days(const Plan& plan) {
    std::map<TechnicianIndex, DaySummary> out;
    for (const Route& r : plan.routes) {
        DaySummary& d = out[r.technician];
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job) {
                ++d.jobs;
                if (!d.first) d.first = s.start;
            }
        if (d.jobs > 0) d.back = r.return_time;
    }
    return out;
}

std::string comparison_table(const Problem& p, const Plan& planned, const Plan& actual) {
    const auto a = days(planned), b = days(actual);
    const auto text = [&](const std::optional<TimePoint>& t) { return t ? clock(p, *t) : std::string("–"); };
    std::string html =
        R"(<table class="sortable"><thead><tr><th>technician</th><th>jobs planned</th><th>jobs done</th><th>first start planned</th>)"
        R"(<th>actual</th><th>home planned</th><th>actual</th><th>home, minutes later</th></tr></thead><tbody>)";
    for (TechnicianIndex t : p.technicians.indices()) {
        const DaySummary x = a.count(t) ? a.at(t) : DaySummary{}, y = b.count(t) ? b.at(t) : DaySummary{};
        if (x.jobs == 0 && y.jobs == 0) continue;
        const std::string later = x.back && y.back ? fmt::format("{:+}", (*y.back - *x.back).count() / 60) : "–";
        html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            report::escape_html(p.technicians[t].id), x.jobs, y.jobs, text(x.first), text(y.first), text(x.back),
                            text(y.back), later);
    }
    return html + "</tbody></table>";
}

}  // namespace

report::ReportExtras planned_against_actual(const Problem& problem, const Plan& planned, const Plan& actual, bool drawn_is_actual) {
    report::ReportExtras extras;
    const std::string other = drawn_is_actual ? "planned" : "actual";
    extras.bars = bars(problem, drawn_is_actual ? planned : actual, other);
    extras.marks = marks(problem, visits(planned), visits(actual));
    const std::string key = fmt::format(
        R"(<p class="key">Each row draws the {} day; the {} one is behind it: <span class="k bar-{}"></span>{} visit )"
        R"(<span class="k bar-{}-break"></span>{} break. Outlined in red: visits 15 minutes or more off the plan, not done, or added.</p>)",
        drawn_is_actual ? "actual" : "planned", other, other, other, other, other);
    extras.sections.push_back({"planned-against-actual", "Planned against actual", key + comparison_table(problem, planned, actual)});
    return extras;
}

report::ReportSection day_kpis_section(const DayKpis& k, std::string_view policy) {
    std::string html = "<table><tbody>";
    for (const auto& [what, value] : describe(k))
        html += fmt::format("<tr><td>{}</td><td>{}</td></tr>", report::escape_html(what), report::escape_html(value));
    return {"simulated-day", "Simulated day: " + std::string(policy), html + "</tbody></table>"};
}

}  // namespace fsd::simulate
