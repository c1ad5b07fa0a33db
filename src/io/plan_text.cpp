#include "fsd/io/plan_text.hpp"

#include <fmt/format.h>

#include "fsd/io/json.hpp"

namespace fsd {
namespace {

std::string hhmm(const Problem& p, TimePoint t) {
    if (p.scale != 1) return fmt::format("{:.1f}", static_cast<double>(t.count()) / static_cast<double>(p.scale));
    // Minutes are what a dispatcher reads; the plan file keeps the seconds.
    const std::string s = time_to_text(p, TimePoint(t.count() - ((t.count() % 60) + 60) % 60));
    const auto pos = s.find('T');
    return pos == std::string::npos ? s : s.substr(pos + 1);
}

// A time on a route that began on `day`: "HH:MM", and "+N" when it is N days later (a night shift
// after midnight). Problems in integer seconds already say "d1 HH:MM".
std::string clock_on(const Problem& p, TimePoint t, int day) {
    std::string s = hhmm(p, t);
    if (p.scale != 1 || !p.horizon.start_date || day_index(t) == day) return s;
    const int days = day_index(t) - day;
    // A day before reads "08:00(-1)", so that a window is not "08:00-1-11:00-1".
    return days > 0 ? fmt::format("{}+{}", s, days) : fmt::format("{}({})", s, days);
}

std::string span(const Problem& p, Duration d) {
    if (p.scale != 1) return fmt::format("{:.1f}", static_cast<double>(d.count()) / static_cast<double>(p.scale));
    // Whole minutes, but seconds under one: 54 s of travel is not "0s".
    return format_duration(d.count() > -60 && d.count() < 60 ? d : Duration(d.count() / 60 * 60));
}

std::string qualifications(const Problem& p, const Technician& t) {
    std::string s;
    for (const auto& sk : t.skills) s += (s.empty() ? "" : " ") + p.catalog.skills[sk.skill] + " L" + std::to_string(sk.level);
    for (const auto& c : t.certifications) s += "; " + p.catalog.certifications[c.certification];
    return s;
}

void resumption_text(std::string& out, const Problem& p, const Resumption& r, int day) {
    fmt::format_to(std::back_inserter(out), "  {:>8}  at the door of {}, not served; the plan goes on from here\n", clock_on(p, r.at, day),
                   p.jobs[r.door].id);
}

void route_text(std::string& out, const Problem& p, const Route& r) {
    const Technician& t = p.technicians[r.technician];
    const Shift& sh = t.shifts[r.shift];
    int jobs = 0;
    for (const auto& s : r.stops) jobs += s.kind == StopKind::job;
    const int day = day_index(sh.span.start);
    // The date, where one day's routes could be told from another's only by it.
    const bool dated = p.scale == 1 && p.horizon.start_date && (p.horizon.days > 1 || day_index(sh.span.end) != day);
    fmt::format_to(std::back_inserter(out), "\n{} {}  [{}]  shift {}{}-{}  {} job(s)\n", t.id, t.name, qualifications(p, t),
                   dated ? format_date(Date{p.horizon.start_date->days + day}) + " " : std::string(), hhmm(p, sh.span.start),
                   clock_on(p, sh.span.end, day), jobs);
    fmt::format_to(std::back_inserter(out), "  {:>8}  depart\n", clock_on(p, r.departure, day));
    const std::size_t resume_at = r.resumes_before();
    for (std::size_t i = 0; i < r.stops.size(); ++i) {
        const Stop& s = r.stops[i];
        if (i == resume_at) resumption_text(out, p, *r.resumes, day);
        if (s.kind == StopKind::break_time) {
            fmt::format_to(std::back_inserter(out), "  {:>8}  break {} until {}{}\n", clock_on(p, s.start, day), span(p, s.end - s.start),
                           clock_on(p, s.end, day), s.as_reported ? "  (as reported)" : "");
            continue;
        }
        const Job& j = p.jobs[s.job_index()];
        std::string window;
        for (const auto& w : j.time_windows)
            window += (window.empty() ? "" : ",") + clock_on(p, w.start, day) + "-" + clock_on(p, w.end, day);
        fmt::format_to(std::back_inserter(out), "  {:>8}  {:<8} {:<20} {:<9} until {:>8}{}  window {}{}\n", clock_on(p, s.start, day), j.id,
                       j.job_type.empty() ? "-" : j.job_type, to_string(j.urgency), clock_on(p, s.end, day),
                       s.wait() > Duration::zero() ? "  (waited " + span(p, s.wait()) + ")" : std::string(),
                       window.empty() ? "any" : window,
                       s.as_reported ? "  (as reported)"
                       : s.set_out   ? "  (set out for)"
                                     : "");
    }
    if (resume_at == r.stops.size()) resumption_text(out, p, *r.resumes, day);
    const Duration over = r.return_time - sh.span.end;
    fmt::format_to(std::back_inserter(out), "  {:>8}  back{}\n", clock_on(p, r.return_time, day),
                   over > Duration::zero() ? " (overtime " + span(p, over) + ")" : std::string());
}

// SLAs by urgency, emergency response, the spread of work and of routes.
template <class Line>
void field_service_kpis(Line& line, const Problem& p, const Kpis& k) {
    for (std::size_t u = 0; u < 3; ++u) {
        const SlaKpis& s = k.sla[u];
        if (s.with_deadline == 0) continue;
        line(fmt::format("SLA {}", urgency_names[u]),
             s.missed == 0 ? fmt::format("{} of {} met", s.met, s.with_deadline)
                           : fmt::format("{} of {} met, {} missed by {} in all (at most {})", s.met, s.with_deadline, s.missed,
                                         span(p, s.late_total), span(p, s.late_max)));
    }
    if (k.emergencies_served > 0)
        line("emergency response", fmt::format("mean {}, max {} from the report to the start of service",
                                               span(p, k.emergency_response_mean), span(p, k.emergency_response_max)));
    line("service hours",
         fmt::format("{:.1f} h busiest, {:.1f} h least busy (technicians with work)", k.service_hours_max, k.service_hours_min));
    line("route spread", fmt::format("{:.1f} km mean, {:.1f} km max (width + height of the job sites)", k.spread_km_mean, k.spread_km_max));
}

}  // namespace

std::string format_kpis_text(const Problem& p, const Kpis& k) {
    const bool field = p.objective.kind == ObjectiveKind::weighted;
    std::string out = "KPIs\n";
    auto line = [&](const std::string& name, const std::string& value) {
        fmt::format_to(std::back_inserter(out), "  {:<24} {}\n", name, value);
    };
    line("jobs assigned", fmt::format("{} of {}{}", k.jobs_assigned, p.jobs.size(),
                                      k.jobs_cancelled ? fmt::format(" ({} cancelled by the customer)", k.jobs_cancelled) : ""));
    line("unassigned by urgency", fmt::format("emergency {}, same-day {}, scheduled {}", k.unassigned_by_urgency[0],
                                              k.unassigned_by_urgency[1], k.unassigned_by_urgency[2]));
    line("routes used", std::to_string(k.routes_used));
    line("travel time", span(p, k.travel_time));
    line("distance", field ? fmt::format("{:.1f} km", k.distance_in_source_units) : fmt::format("{:.4f}", k.distance_in_source_units));
    line("waiting", span(p, k.waiting));
    line("overtime", span(p, k.overtime));
    line("on time", k.jobs_assigned == 0 ? std::string("- (no job assigned)") : fmt::format("{:.1f}%", k.on_time_pct));
    line("utilisation", fmt::format("{:.1f}% (service over shift time)", k.utilisation_pct));
    if (field) {
        std::string per;
        for (std::size_t t = 0; t < p.technicians.size(); ++t)
            per += fmt::format("{}{}:{}", t ? " " : "", p.technicians[t].id, k.jobs_per_technician[t]);
        line("jobs per technician", per);
        field_service_kpis(line, p, k);
        line("cost", fmt::format("{:.2f}", to_currency(k.cost)));
    } else {
        line("objective", std::to_string(k.cost.count()));
    }
    return out;
}

std::string format_plan_text(const Problem& p, const Evaluation& ev) {
    std::string out = fmt::format("Plan for {} ({} technicians, {} jobs{})\n", p.name.empty() ? "problem" : p.name, p.technicians.size(),
                                  p.jobs.size(), p.horizon.start_date ? ", from " + format_date(*p.horizon.start_date) : std::string());
    for (const auto& r : ev.schedule.routes) route_text(out, p, r);
    if (!ev.schedule.unassigned.empty()) {
        fmt::format_to(std::back_inserter(out), "\nUnassigned ({})\n", ev.schedule.unassigned.size());
        for (const auto& u : ev.schedule.unassigned) {
            const Job& j = p.jobs[u.job];
            fmt::format_to(std::back_inserter(out), "  {:<8} {:<20} {:<9} {}{}\n", j.id, j.job_type.empty() ? "-" : j.job_type,
                           to_string(j.urgency), to_string(u.reason), u.detail.empty() ? "" : ": " + u.detail);
        }
    }
    out += "\n" + format_kpis_text(p, ev.kpis);
    if (!ev.feasible()) {
        fmt::format_to(std::back_inserter(out), "\nVIOLATIONS ({})\n", ev.violations.size());
        for (const auto& v : ev.violations)
            fmt::format_to(std::back_inserter(out), "  {}: {} ({})\n", v.where, v.message, to_string(v.kind));
    }
    if (!ev.already_broken.empty()) {
        fmt::format_to(std::back_inserter(out), "\nAlready broken, as reported from the field ({})\n", ev.already_broken.size());
        for (const auto& v : ev.already_broken)
            fmt::format_to(std::back_inserter(out), "  {}: {} ({})\n", v.where, v.message, to_string(v.kind));
    }
    return out;
}

}  // namespace fsd
