#include "fsd/dispatch/cascade_view.hpp"

#include <fmt/format.h>

#include <string>

namespace fsd::dispatch {
namespace {

std::string minute_clock(TimePoint t) {
    return cascade_detail::clock_or(t == TimePoint::min() ? t : TimePoint((t.count() + 30) / 60 * 60), "-");  // to the minute
}

std::string technician_name(const Problem& p, const std::optional<TechnicianIndex>& t) {
    return cascade_detail::technician_or(p, t, "—");
}

// The one mark a job gets: what matters most to the customer first.
const char* mark_kind(const JobChange& c) {
    if (c.newly_unassigned) return "unassigned";
    if (c.sla_now_missed) return "missed-sla";
    if (c.window == WindowChange::now_missed) return "missed-window";
    if (c.technician_changed()) return "moved";
    if (c.newly_assigned) return "added";
    return c.delta > Duration::zero() ? "bumped" : "earlier";
}

std::string change_note(const Problem& p, const JobChange& c) {
    std::string note;
    if (c.newly_unassigned)
        note = "left out" + (c.detail.empty() ? std::string() : ": " + c.detail);
    else if (c.newly_assigned)
        note = "planned now with " + technician_name(p, c.new_technician) + " at " + minute_clock(c.new_eta);
    else {
        note = cascade_detail::signed_minutes(c.delta) + " (" + minute_clock(c.old_eta) + " → " + minute_clock(c.new_eta) + ")";
        if (c.technician_changed()) note += ", " + technician_name(p, c.old_technician) + " → " + technician_name(p, c.new_technician);
    }
    if (c.window == WindowChange::now_missed) note += ", window now missed";
    if (c.sla_now_missed) note += ", SLA now missed";
    if (c.other_day) note += ", another day";
    return note;
}

std::string changes_table(const Problem& p, const CascadeReport& r) {
    const CascadeTotals& t = r.totals;
    std::string html = fmt::format(
        "<p>{} job(s) changed: {} later (total {:.0f} min, at most {:.0f} min), {} earlier, {} with another technician, "
        "{} newly left out, {} newly planned; {} window(s) and {} SLA(s) now missed; {} customer(s) to tell.</p>",
        t.jobs_changed, t.delayed, minutes_of(t.delay_total), minutes_of(t.delay_max), t.earlier, t.technician_changed, t.newly_unassigned,
        t.newly_assigned, t.windows_missed, t.sla_missed, t.notify);
    html += R"(<p class="key"><span class="k bar-before"></span>previous plan <span class="k key-bumped"></span>later, )"
            R"(newly late or left out <span class="k key-earlier"></span>earlier <span class="k key-moved"></span>another technician</p>)";
    html += "<table><thead><tr><th>job</th><th>technician</th><th>ETA</th><th>change</th><th>tell</th></tr></thead><tbody>";
    for (const JobChange& c : r.jobs) {
        const std::string retold = cascade_detail::retold_note(p.jobs[c.job].times_retold);
        html += fmt::format(
            "<tr><td>{}</td><td>{} → {}</td><td>{} → {}</td><td>{}</td><td>{}</td></tr>", report::escape_html(p.jobs[c.job].id),
            report::escape_html(technician_name(p, c.old_technician)), report::escape_html(technician_name(p, c.new_technician)),
            minute_clock(c.old_eta), minute_clock(c.new_eta), report::escape_html(change_note(p, c)),
            c.notify ? fmt::format("yes, {}{}",
                                   c.new_technician ? minute_clock(c.told.start) + "–" + minute_clock(c.told.end) : "cannot be served",
                                   retold.empty() ? "" : "; " + retold)
                     : "");
    }
    return html + "</tbody></table>";
}

}  // namespace

report::ReportExtras cascade_extras(const Problem& problem, const Evaluation& before, const CascadeReport& cascade) {
    report::ReportExtras x;
    for (const JobChange& c : cascade.jobs) x.marks.push_back({c.job, mark_kind(c), change_note(problem, c)});
    for (const Route& route : before.schedule.routes)
        for (const Stop& s : route.stops)
            if (s.kind == StopKind::job && s.index < problem.jobs.size())
                x.bars.push_back({route.technician, s.start, s.end, "before",
                                  "before: " + problem.jobs[s.job_index()].id + " " + minute_clock(s.start)});
    x.sections.push_back({"cascade", "Cascade: what changed since the previous plan", changes_table(problem, cascade)});
    return x;
}

}  // namespace fsd::dispatch
