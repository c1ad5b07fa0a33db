// The page: header, KPI panel, the extras' sections, map, timelines, the jobs left out and any
// violations, with the CSS and the script inline so the file opens anywhere without a network.
#include "fsd/report/html_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "fsd/model/objective.hpp"
#include "report_parts.hpp"

namespace fsd::report {

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

namespace detail {

std::string technician_colour(std::size_t technician) {
    const double hue = std::fmod(static_cast<double>(technician) * 137.508, 360.0);
    const int lightness = technician % 2 == 0 ? 40 : 50;  // alternate so close hues still part
    return fmt::format("hsl({:.0f},70%,{}%)", hue, lightness);
}

std::string num(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s == "-0" ? "0" : s;
}

std::string clock_text(const Problem& /*p*/, TimePoint t) {
    const std::int64_t day = day_index(t);
    const std::int64_t in_day = t.count() - day * seconds_per_day;
    const std::string hhmm = fmt::format("{:02}:{:02}", in_day / 3600, in_day % 3600 / 60);
    // Days counted as the CLI and the cascade count them (format_clock): the first has no prefix,
    // "d1" is the next, so one instant reads the same in a tooltip and in its cascade line.
    return day != 0 ? fmt::format("d{} {}", day, hhmm) : hhmm;
}

PerJob<std::vector<const VisitMark*>> marks_by_job(const ReportExtras& extras, std::size_t jobs) {
    PerJob<std::vector<const VisitMark*>> out(jobs);
    for (const auto& m : extras.marks)
        if (m.job.value() < jobs) out[m.job].push_back(&m);
    return out;
}

std::string mark_classes(const std::vector<const VisitMark*>& marks) {
    std::string out;
    for (const VisitMark* m : marks) out += " mark-" + m->kind;
    return out;
}

}  // namespace detail

namespace {

using detail::num;

std::string minutes_text(const Problem& p, Duration d) {
    if (p.scale != 1) return num(static_cast<double>(d.count()) / static_cast<double>(p.scale));
    return format_duration(Duration(d.count() / 60 * 60));
}

std::string card(std::string_view label, const std::string& value, const std::string& detail = {}) {
    return fmt::format(R"(<div class="kpi"><b>{}</b><span>{}</span>{}</div>)", escape_html(value), escape_html(label),
                       detail.empty() ? std::string() : "<small>" + escape_html(detail) + "</small>");
}

std::string kpi_panel(const Problem& p, const Evaluation& ev) {
    const Kpis& k = ev.kpis;
    const int unassigned = static_cast<int>(ev.schedule.unassigned.size()) - k.jobs_cancelled;
    const auto& u = k.unassigned_by_urgency;
    const std::string cost =
        p.objective.kind == ObjectiveKind::weighted ? fmt::format("{:.2f}", to_currency(k.cost)) : std::to_string(k.cost.count());
    std::string out = R"(<section id="kpis" class="kpis">)";
    out += card("jobs assigned", fmt::format("{} / {}", k.jobs_assigned, p.jobs.size()),
                k.jobs_cancelled ? fmt::format("{} cancelled by the customer", k.jobs_cancelled) : "");
    out += card("unassigned", std::to_string(unassigned), fmt::format("emergency {} · same-day {} · scheduled {}", u[0], u[1], u[2]));
    out += card("technicians used", fmt::format("{} / {}", k.routes_used, p.technicians.size()));
    out += card("travel", minutes_text(p, k.travel_time),
                fmt::format("{:.1f} {}", k.distance_in_source_units, p.objective.kind == ObjectiveKind::weighted ? "km" : "units"));
    out += card("work", minutes_text(p, k.service_time));
    out += card("waiting", minutes_text(p, k.waiting));
    out += card("overtime", minutes_text(p, k.overtime));
    out += k.jobs_assigned == 0 ? card("on time", "—", "no job is assigned")  // not 100% of nothing
                                : card("on time", fmt::format("{:.1f}%", k.on_time_pct), "SLA and preferred window met");
    out += card("utilisation", fmt::format("{:.1f}%", k.utilisation_pct), "work over shift time");
    out += card("cost", cost);
    out += card("hard constraints", ev.feasible() ? "all met" : fmt::format("{} violated", ev.violations.size()));
    return out + "</section>";
}

std::string unassigned_table(const Problem& p, const Evaluation& ev) {
    const auto& list = ev.schedule.unassigned;
    std::string out = fmt::format(R"(<section id="unassigned"><h2>Left out ({})</h2>)", list.size());
    if (list.empty()) return out + R"(<p class="note">Every job is planned.</p></section>)";
    out +=
        R"(<table class="sortable"><thead><tr><th>job</th><th>type</th><th>urgency</th><th>priority</th><th>reason</th><th>detail</th></tr></thead><tbody>)";
    for (const auto& u : list) {
        const Job& j = p.jobs[u.job];
        out +=
            fmt::format(R"(<tr class="left-out-row" data-job="{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                        escape_html(j.id), escape_html(j.id), escape_html(j.job_type), to_string(j.urgency), j.priority,
                        to_string(u.reason), escape_html(u.detail));
    }
    return out + "</tbody></table></section>";
}

std::string violation_items(const std::vector<Violation>& list) {
    std::string out;
    for (const auto& v : list)
        out += fmt::format("<li><code>{}</code> {}: {}</li>", escape_html(v.where), to_string(v.kind), escape_html(v.message));
    return out;
}

std::string violations_list(const Evaluation& ev) {
    std::string out;
    if (!ev.feasible())
        out += fmt::format(R"(<section id="violations"><h2>Violations ({})</h2><ul>)", ev.violations.size()) +
               violation_items(ev.violations) + "</ul></section>";
    if (!ev.already_broken.empty())
        out += fmt::format(R"(<section id="already-broken"><h2>Already broken, as reported from the field ({})</h2><ul>)",
                           ev.already_broken.size()) +
               violation_items(ev.already_broken) + "</ul></section>";
    return out;
}

std::string extra_sections(const ReportExtras& extras) {
    std::string out;
    for (const auto& s : extras.sections)
        out += fmt::format(R"(<section id="{}" class="extra"><h2>{}</h2>{}</section>)", escape_html(s.id), escape_html(s.title), s.html);
    return out;
}

std::string timeline_key() {
    return R"(<p class="key"><span class="k travel"></span>travel <span class="k wait"></span>waiting <span class="k visit"></span>work )"
           R"(<span class="k band"></span>p50–p90 <span class="k break"></span>break <span class="k overtime"></span>overtime )"
           R"(<span class="k win"></span>time window <span class="k sla"></span>SLA deadline</p>)";
}

std::string header(const Problem& p, const Evaluation& ev, const std::string& title) {
    std::string sub = escape_html(p.name.empty() ? std::string("plan") : p.name);
    if (p.horizon.start_date)
        sub += " · " + format_date(*p.horizon.start_date) + (p.horizon.days > 1 ? fmt::format(" + {} days", p.horizon.days - 1) : "");
    sub += fmt::format(" · {} technicians · {} jobs · {}", p.technicians.size(), p.jobs.size(), ev.feasible() ? "feasible" : "INFEASIBLE");
    return fmt::format("<header><h1>{}</h1><p>{}</p></header>", escape_html(title), sub);
}

}  // namespace

std::string html_report(const Problem& p, const Evaluation& ev, const ReportOptions& options) {
    const std::string title = options.title.empty() ? (p.name.empty() ? std::string("fsd plan report") : p.name) : options.title;
    std::string page = fmt::format(
        R"(<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">)"
        R"(<title>{}</title><style>{}</style></head><body>)",
        escape_html(title), detail::page_css());
    page += header(p, ev, title);
    page += kpi_panel(p, ev);
    page += extra_sections(options.extras);
    page += R"(<section id="map"><h2>Routes</h2>)" + detail::map_html(p, ev, options) + "</section>";
    page +=
        R"(<section id="timeline"><h2>Technician timelines</h2>)" + timeline_key() + detail::timeline_html(p, ev, options) + "</section>";
    page += unassigned_table(p, ev);
    page += violations_list(ev);
    page += R"(<div id="tip" hidden></div><script>)";
    page += detail::page_script();
    page += "</script></body></html>\n";
    return page;
}

}  // namespace fsd::report
