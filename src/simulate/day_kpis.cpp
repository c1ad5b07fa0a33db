#include "fsd/simulate/day_kpis.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "fsd/model/evaluate.hpp"
#include "fsd/model/objective.hpp"

namespace fsd::simulate {
namespace {

double hours_of(Duration d) {
    return static_cast<double>(d.count()) / 3600.0;
}

// The technician reached the customer (served, or found nobody at home) at the knock.
bool reached(const JobRecord& r) {
    return r.knock && (r.outcome == VisitOutcome::served || r.outcome == VisitOutcome::not_home);
}

void count_fate(const JobRecord& r, DayKpis& k) {
    switch (r.fate) {
        case JobFate::done:
            ++k.done;
            break;
        case JobFate::cancelled:
            ++k.cancelled;
            break;
        case JobFate::not_home:
            ++k.not_home;
            ++k.carried_over;
            break;
        case JobFate::carried_over:
            ++k.carried_over;
            break;
    }
    if (r.told_not_today) ++k.told_not_today;
}

// Told "not today" by the time the window they were last told opened (a customer who was told an
// ETA): not left waiting, and expecting nobody.
bool told_not_today_in_time(const JobRecord& r) {
    return r.told_not_today && r.told && *r.told_not_today <= r.told->start;
}

void count_arrival(const Job& job, const JobRecord& r, DayKpis& k) {
    if (told_not_today_in_time(r)) {  // even if they cancelled after: they had heard in time
        ++k.told_not_today_in_time;
        return;
    }
    if (r.notices == 0 || r.fate == JobFate::cancelled) return;
    ++k.expected;
    if (!reached(r)) {
        ++k.eta_late;
        return;
    }
    const TimePoint knock = *r.knock;
    if (evaluation_detail::in_some_window(job, knock) && (!job.sla_deadline || knock <= *job.sla_deadline)) ++k.on_time;
    const TimeWindow told = r.told_at_visit.value_or(*r.told);
    if (told.contains(knock))
        ++k.eta_inside;
    else if (knock < told.start)
        ++k.eta_early;
    else
        ++k.eta_late;
}

void count_sla(const Job& job, const JobRecord& r, DayKpis& k, Duration& response_total) {
    if (job.sla_deadline && r.fate != JobFate::cancelled) {
        const auto u = static_cast<std::size_t>(job.urgency);
        ++k.sla_due[u];
        if (r.fate == JobFate::done && *r.knock <= *job.sla_deadline) ++k.sla_met[u];
    }
    if (job.urgency != Urgency::emergency || r.fate != JobFate::done) return;
    const Duration response = max(Duration::zero(), *r.knock - response_origin(job).value_or(*r.knock));
    ++k.emergencies_served;
    response_total += response;
    k.response_max_min = std::max(k.response_max_min, static_cast<double>(response.count()) / 60.0);
}

// The waits before one route's visits: for the hard windows, and beyond them.
std::pair<Duration, Duration> route_waits(const Problem& p, const ExecutedRoute& r) {
    Duration window = Duration::zero(), beyond = Duration::zero();
    TimePoint free = r.departure;
    for (const ExecutedStop& s : r.stops) {
        if (s.kind != StopKind::job) {
            free = max(free, s.end);
            continue;
        }
        const TimePoint ready = max(free, s.waiting_since) + s.drive;
        if (s.outcome == VisitOutcome::served && s.start > ready) {
            const TimePoint open = min(s.start, evaluation_detail::earliest_start(p.jobs[s.job_index()], ready).value_or(ready));
            window += open - ready;
            beyond += s.start - open;
        }
        free = s.end;
    }
    return {window, beyond};
}

void count_routes(const Problem& p, const SimulationResult& result, DayKpis& k) {
    Duration service = Duration::zero(), drive = Duration::zero(), overtime = Duration::zero(), breaks = Duration::zero();
    Duration wait_window = Duration::zero(), wait_beyond = Duration::zero();
    for (const ExecutedRoute& r : result.routes) {
        const Shift& shift = p.technicians[r.technician].shifts[r.shift];
        for (const ExecutedStop& s : r.stops) {
            drive += s.drive;
            if (s.kind == StopKind::job && s.outcome == VisitOutcome::served) service += s.end - s.start;
            // Only what the break takes out of the shift: a lunch after the shift end takes none of it.
            if (s.kind == StopKind::break_time)
                breaks += max(Duration::zero(), min(s.end, shift.span.end) - max(s.start, shift.span.start));
        }
        const auto [window, beyond] = route_waits(p, r);
        wait_window += window;
        wait_beyond += beyond;
        drive += r.drive_home;
        const Duration over = max(Duration::zero(), r.return_time - shift.span.end);
        overtime += over;
        k.overtime_max_h = std::max(k.overtime_max_h, hours_of(over));
        if (over > shift.max_overtime) ++k.past_overtime_limit;
    }
    k.service_h = hours_of(service);
    k.drive_h = hours_of(drive);
    k.break_h = hours_of(breaks);
    k.overtime_h = hours_of(overtime);
    k.wait_window_h = hours_of(wait_window);
    k.wait_beyond_h = hours_of(wait_beyond);
}

// Shift hours of every technician working the day the morning plan belongs to.
double shift_hours(const Problem& p, TimePoint plan_at) {
    const int day = static_cast<int>(plan_at.count() / seconds_per_day);
    Duration total = Duration::zero();
    for (const Technician& t : p.technicians)
        for (const Shift& s : t.shifts)
            if (s.day() == day) {
                total += s.span.length();
                break;
            }
    return hours_of(total);
}

}  // namespace

DayKpis day_kpis(const Problem& p, const SimulationResult& result) {
    DayKpis k;
    k.jobs = static_cast<int>(p.jobs.size());
    Duration response_total = Duration::zero();
    for (JobIndex j : p.jobs.indices()) {
        const JobRecord& r = result.jobs[j];
        k.reported_during_day += r.revealed > result.plan_at ? 1 : 0;
        count_fate(r, k);
        count_arrival(p.jobs[j], r, k);
        count_sla(p.jobs[j], r, k, response_total);
        k.notified += r.notices > 0 ? 1 : 0;
        k.eta_changes += r.eta_changes;
        k.eta_changes_max = std::max(k.eta_changes_max, r.eta_changes);
        k.eta_changes_earlier += r.eta_earlier;
        k.eta_reversals += r.eta_reversals;
        k.customers_retold += r.eta_changes > 0 ? 1 : 0;
        k.eta_changes_moved_technician += r.eta_moved_technician;
    }
    k.eta_changes_after = result.eta_changes_after;
    if (k.emergencies_served > 0) k.response_mean_min = static_cast<double>(response_total.count()) / 60.0 / k.emergencies_served;
    count_routes(p, result, k);
    Duration planned = Duration::zero();
    for (JobIndex j : p.jobs.indices())
        if (const JobRecord& r = result.jobs[j]; r.fate == JobFate::done && r.technician)
            planned += p.service_time(p.jobs[j], p.technicians[*r.technician]);
    k.planned_service_h = hours_of(planned);
    k.shift_h = shift_hours(p, result.plan_at);
    k.utilisation_pct = k.shift_h > 0 ? 100.0 * k.service_h / k.shift_h : 0.0;
    k.planned_utilisation_pct = k.shift_h > 0 ? 100.0 * k.planned_service_h / k.shift_h : 0.0;
    const double available_h = k.shift_h - k.break_h;
    k.utilisation_of_available_pct = available_h > 0 ? 100.0 * k.service_h / available_h : 0.0;
    k.utilisation_with_drive_pct = k.shift_h > 0 ? 100.0 * (k.service_h + k.drive_h) / k.shift_h : 0.0;
    return k;
}

nlohmann::ordered_json day_kpis_to_json(const DayKpis& k) {
    nlohmann::ordered_json sla = nlohmann::ordered_json::object();
    for (std::size_t u = 0; u < 3; ++u) sla[std::string(urgency_names[u])] = {{"due", k.sla_due[u]}, {"met", k.sla_met[u]}};
    nlohmann::ordered_json after = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < k.eta_changes_after.size(); ++i) {
        std::string name(observation_kind_names[i]);
        std::replace(name.begin(), name.end(), ' ', '_');
        after[name] = k.eta_changes_after[i];
    }
    return {{"jobs", k.jobs},
            {"reported_during_day", k.reported_during_day},
            {"done", k.done},
            {"cancelled", k.cancelled},
            {"not_home", k.not_home},
            {"carried_over", k.carried_over},
            {"told_not_today", {{"count", k.told_not_today}, {"in_time", k.told_not_today_in_time}}},
            {"expected_visits", k.expected},
            {"on_time", k.on_time},
            {"on_time_pct", k.on_time_pct()},
            {"eta", {{"inside", k.eta_inside}, {"early", k.eta_early}, {"late", k.eta_late}, {"inside_pct", k.eta_inside_pct()}}},
            {"sla", sla},
            {"emergencies_served", k.emergencies_served},
            {"emergency_response_min", {{"mean", k.response_mean_min}, {"max", k.response_max_min}}},
            {"service_h", k.service_h},
            {"shift_h", k.shift_h},
            {"utilisation_pct", k.utilisation_pct},
            {"planned_service_h", k.planned_service_h},
            {"planned_utilisation_pct", k.planned_utilisation_pct},
            {"break_h", k.break_h},
            {"utilisation_of_available_pct", k.utilisation_of_available_pct},
            {"utilisation_with_drive_pct", k.utilisation_with_drive_pct},
            {"drive_h", k.drive_h},
            {"overtime_h", k.overtime_h},
            {"overtime_max_h", k.overtime_max_h},
            {"wait_h", {{"for_windows", k.wait_window_h}, {"beyond_windows", k.wait_beyond_h}}},
            {"past_overtime_limit", k.past_overtime_limit},
            {"customers_notified", k.notified},
            {"eta_changes", k.eta_changes},
            {"eta_changes_max_per_customer", k.eta_changes_max},
            {"eta_changes_earlier", k.eta_changes_earlier},
            {"eta_reversals", k.eta_reversals},
            {"customers_retold", k.customers_retold},
            {"eta_changes_moved_technician", k.eta_changes_moved_technician},
            {"eta_changes_after", after}};
}

namespace {

// 12 on "ticket reported", 3 on "job finished"; 9 with the job on another technician's list.
std::string eta_changes_prompted(const DayKpis& k) {
    std::string out;
    for (std::size_t i = 0; i < k.eta_changes_after.size(); ++i)
        if (k.eta_changes_after[i] > 0)
            out += fmt::format("{}{} on \"{}\"", out.empty() ? "" : ", ", k.eta_changes_after[i], observation_kind_names[i]);
    return fmt::format("{}; {} with the job on another technician's list", out.empty() ? "none" : out, k.eta_changes_moved_technician);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> describe(const DayKpis& k) {
    return {
        {"jobs done", fmt::format("{} of {} ({} reported during the day)", k.done, k.jobs, k.reported_during_day)},
        {"carried over", fmt::format("{} ({} customers not at home, {} told it would not be today, {} of them before their "
                                     "window told opened); {} cancelled",
                                     k.carried_over, k.not_home, k.told_not_today, k.told_not_today_in_time, k.cancelled)},
        {"on time (in a window, by the SLA)", fmt::format("{:.1f}% of {} expected visits", k.on_time_pct(), k.expected)},
        {"inside the ETA window told",
         fmt::format("{:.1f}% ({} early, {} late or not reached)", k.eta_inside_pct(), k.eta_early, k.eta_late)},
        {"SLA met",
         fmt::format("emergency {:.0f}%, same-day {:.0f}%", k.sla_met_pct(Urgency::emergency), k.sla_met_pct(Urgency::same_day))},
        {"emergency response", k.emergencies_served == 0
                                   ? std::string("none served")
                                   : fmt::format("{:.0f} min mean, {:.0f} min max", k.response_mean_min, k.response_max_min)},
        {"utilisation", fmt::format("{:.1f}% ({:.1f} h of work in {:.1f} h of shifts)", k.utilisation_pct, k.service_h, k.shift_h)},
        {"utilisation at planned durations",
         fmt::format("{:.1f}% (the jobs done at the planning quantile, as fsd evaluate counts a plan)", k.planned_utilisation_pct)},
        {"utilisation counted other ways",
         fmt::format("{:.1f}% of the shift hours less {:.1f} h of breaks; {:.1f}% with driving counted as work",
                     k.utilisation_of_available_pct, k.break_h, k.utilisation_with_drive_pct)},
        {"driving, overtime", fmt::format("{:.1f} h, {:.1f} h", k.drive_h, k.overtime_h)},
        {"waiting before visits",
         fmt::format("{:.1f} h for customers' windows, {:.1f} h beyond them (planned waits, visits held to an ETA told)", k.wait_window_h,
                     k.wait_beyond_h)},
        {"customers notified",
         fmt::format("{}; {} ETA changes to {} of them ({} earlier, {} reversing the change before; "
                     "at most {} for one customer)",
                     k.notified, k.eta_changes, k.customers_retold, k.eta_changes_earlier, k.eta_reversals, k.eta_changes_max)},
        {"ETA changes, what prompted them", eta_changes_prompted(k)},
    };
}

}  // namespace fsd::simulate
