// Cascade reports and the SLA monitor as text and JSON.
#include "fsd/dispatch/cascade_io.hpp"

#include <fmt/format.h>

#include "fsd/io/json.hpp"
#include "fsd/model/objective.hpp"

namespace fsd::dispatch {
namespace {

using json = nlohmann::ordered_json;

std::string clock(TimePoint t) {
    return cascade_detail::clock_or(t, "-");
}

std::string who(const Problem& p, const std::optional<TechnicianIndex>& t) {
    return cascade_detail::technician_or(p, t, "-");
}

std::string ids(const Problem& p, const std::vector<JobIndex>& jobs) {
    std::string out;
    for (JobIndex j : jobs) out += (out.empty() ? "" : ", ") + p.jobs[j].id;
    return out;
}

std::string job_line(const Problem& p, const JobChange& c) {
    std::string what;
    auto add = [&what](const std::string& s) { what += (what.empty() ? "" : ", ") + s; };
    if (c.newly_assigned) add("newly planned");
    if (c.cancelled) add("cancelled");
    if (c.newly_unassigned && !c.cancelled)
        add("unassigned (" + std::string(c.reason ? to_string(*c.reason) : "not planned") + (c.detail.empty() ? "" : ": " + c.detail) +
            ")");
    if (c.technician_changed()) add("technician changed");
    if (c.other_day) add("moved to another day");
    if (c.window != WindowChange::unchanged) add("window " + std::string(window_change_names[static_cast<int>(c.window)]));
    if (c.sla_now_missed) add("SLA now missed");
    if (c.sla_now_met) add("SLA now met");
    const std::string delta = c.old_technician && c.new_technician ? fmt::format("{:+.0f} min", minutes_of(c.delta)) : "";
    return fmt::format("  {:<8} {:>5} -> {:<5} {:>8} -> {:<8} {:>9}  {}{}\n", p.jobs[c.job].id, who(p, c.old_technician),
                       who(p, c.new_technician), clock(c.old_eta), clock(c.new_eta), delta, what, c.notify ? "  [notify]" : "");
}

std::string technician_line(const Problem& p, const TechnicianChange& t) {
    std::string out = fmt::format("  {:<8}", p.technicians[t.technician].id);
    if (!t.added.empty()) out += fmt::format(" +{} ({})", t.added.size(), ids(p, t.added));
    if (!t.removed.empty()) out += fmt::format(" -{} ({})", t.removed.size(), ids(p, t.removed));
    out += fmt::format("  end {} -> {}", clock(t.old_end), clock(t.new_end));
    if (t.old_end != TimePoint::min() && t.new_end != TimePoint::min())
        out += fmt::format(" ({:+.0f} min)", minutes_of(t.new_end - t.old_end));
    if (t.old_overtime != t.new_overtime)
        out += fmt::format(", overtime {:.0f} -> {:.0f} min", minutes_of(t.old_overtime), minutes_of(t.new_overtime));
    return out + "\n";
}

std::string totals_line(const CascadeTotals& t) {
    return fmt::format(
        "totals: {} changed, {} later (total {:.0f} min, max {:.0f}), {} earlier, {} to another technician, {} newly planned, {} "
        "unassigned, {} cancelled, "
        "{} windows missed / {} met, {} SLAs missed / {} met, {} to another day; overtime {:+.0f} min; cost {:.2f} -> {:.2f}\n",
        t.jobs_changed, t.delayed, minutes_of(t.delay_total), minutes_of(t.delay_max), t.earlier, t.technician_changed, t.newly_assigned,
        t.newly_unassigned, t.cancelled, t.windows_missed, t.windows_met, t.sla_missed, t.sla_met, t.other_day,
        minutes_of(t.overtime_change), to_currency(t.cost_before), to_currency(t.cost_after));
}

json time_or_null(const Problem& p, TimePoint t) {
    return t == TimePoint::min() ? json(nullptr) : json(time_to_text(p, t));
}

json tech_or_null(const Problem& p, const std::optional<TechnicianIndex>& t) {
    return t ? json(p.technicians[*t].id) : json(nullptr);
}

json window_json(const Problem& p, const EtaWindow& w) {
    return {{"p50", time_or_null(p, w.p50)}, {"p90", time_or_null(p, w.p90)}};
}

json told_json(const Problem& p, const TimeWindow& w) {
    return {{"start", time_or_null(p, w.start)}, {"end", time_or_null(p, w.end)}};
}

json job_json(const Problem& p, const JobChange& c) {
    json j = {{"job", p.jobs[c.job].id},
              {"old_technician", tech_or_null(p, c.old_technician)},
              {"new_technician", tech_or_null(p, c.new_technician)},
              {"old_eta", time_or_null(p, c.old_eta)},
              {"new_eta", time_or_null(p, c.new_eta)},
              {"new_window", c.new_technician ? window_json(p, c.new_window) : json(nullptr)},
              {"told", c.told.start != TimePoint::min() ? told_json(p, c.told) : json(nullptr)},
              {"delta_min", c.old_technician && c.new_technician ? json(minutes_of(c.delta)) : json(nullptr)},
              {"technician_changed", c.technician_changed()},
              {"window", window_change_names[static_cast<int>(c.window)]},
              {"sla_now_missed", c.sla_now_missed},
              {"sla_now_met", c.sla_now_met},
              {"other_day", c.other_day},
              {"newly_assigned", c.newly_assigned},
              {"newly_unassigned", c.newly_unassigned},
              {"cancelled", c.cancelled},
              {"notify", c.notify}};
    if (c.reason) j["reason"] = to_code(*c.reason);
    if (!c.detail.empty()) j["detail"] = c.detail;
    return j;
}

json technician_json(const Problem& p, const TechnicianChange& t) {
    json added = json::array(), removed = json::array();
    for (JobIndex j : t.added) added.push_back(p.jobs[j].id);
    for (JobIndex j : t.removed) removed.push_back(p.jobs[j].id);
    return {{"technician", p.technicians[t.technician].id},
            {"added", added},
            {"removed", removed},
            {"old_end", time_or_null(p, t.old_end)},
            {"new_end", time_or_null(p, t.new_end)},
            {"old_overtime_min", minutes_of(t.old_overtime)},
            {"new_overtime_min", minutes_of(t.new_overtime)}};
}

json totals_json(const CascadeTotals& t) {
    return {{"jobs_changed", t.jobs_changed},
            {"technician_changed", t.technician_changed},
            {"delayed", t.delayed},
            {"earlier", t.earlier},
            {"newly_assigned", t.newly_assigned},
            {"newly_unassigned", t.newly_unassigned},
            {"cancelled", t.cancelled},
            {"windows_missed", t.windows_missed},
            {"windows_met", t.windows_met},
            {"sla_missed", t.sla_missed},
            {"sla_met", t.sla_met},
            {"other_day", t.other_day},
            {"notify", t.notify},
            {"delay_total_min", minutes_of(t.delay_total)},
            {"delay_max_min", minutes_of(t.delay_max)},
            {"overtime_change_min", minutes_of(t.overtime_change)},
            {"cost_before", to_currency(t.cost_before)},
            {"cost_after", to_currency(t.cost_after)}};
}

json notification_json(const Problem& p, const Notification& n) {
    return {{"job", p.jobs[n.job].id},
            {"customer_id", n.customer_id},
            {"technician", tech_or_null(p, n.technician)},
            {"eta", n.technician ? time_or_null(p, n.eta) : json(nullptr)},
            {"window", n.technician ? window_json(p, n.window) : json(nullptr)},
            {"told", n.technician ? told_json(p, n.told) : json(nullptr)},
            {"reason", n.reason},
            {"retold_before", n.retold_before}};
}

}  // namespace

std::string cascade_to_text(const Problem& p, const CascadeReport& r) {
    std::string out = fmt::format("cascade at {}: {} job(s) changed, {} customer(s) to tell (threshold {:.0f} min)\n", clock(r.now),
                                  r.totals.jobs_changed, r.totals.notify, minutes_of(r.notify_threshold));
    for (const JobChange& c : r.jobs) out += job_line(p, c);
    if (!r.technicians.empty()) out += "technicians:\n";
    for (const TechnicianChange& t : r.technicians) out += technician_line(p, t);
    out += totals_line(r.totals);
    if (!r.notify.empty()) out += "notify:\n";
    for (const Notification& n : r.notify) {
        const std::string when = n.technician ? fmt::format("{}, {}-{} (ETA {})", p.technicians[*n.technician].id, clock(n.told.start),
                                                            clock(n.told.end), clock(n.eta))
                                              : std::string("no visit planned");
        const std::string retold = n.retold_before == 0 ? "" : " (" + cascade_detail::retold_note(n.retold_before) + ")";
        out += fmt::format("  {} ({}): {}; {}{}\n", n.customer_id.empty() ? "-" : n.customer_id, p.jobs[n.job].id, when, n.reason, retold);
    }
    return out;
}

json cascade_to_json(const Problem& p, const CascadeReport& r) {
    json jobs = json::array(), techs = json::array(), notify = json::array();
    for (const JobChange& c : r.jobs) jobs.push_back(job_json(p, c));
    for (const TechnicianChange& t : r.technicians) techs.push_back(technician_json(p, t));
    for (const Notification& n : r.notify) notify.push_back(notification_json(p, n));
    return {{"now", time_or_null(p, r.now)},
            {"notify_threshold_min", minutes_of(r.notify_threshold)},
            {"jobs", jobs},
            {"technicians", techs},
            {"totals", totals_json(r.totals)},
            {"notify", notify}};
}

std::string sla_to_text(const Problem& p, const std::vector<SlaEntry>& entries) {
    if (entries.empty()) return "SLA monitor: nothing breached, at risk or to escalate\n";
    std::string out = "SLA monitor:\n";
    for (const SlaEntry& e : entries)
        out += fmt::format("  {:<9} {:<8} {:<6} {}\n", sla_level_names[static_cast<int>(e.level)], p.jobs[e.job].id, who(p, e.technician),
                           e.reason);
    return out;
}

json sla_to_json(const Problem& p, const std::vector<SlaEntry>& entries) {
    json out = json::array();
    for (const SlaEntry& e : entries)
        out.push_back({{"level", sla_level_names[static_cast<int>(e.level)]},
                       {"job", p.jobs[e.job].id},
                       {"technician", tech_or_null(p, e.technician)},
                       {"minutes", e.minutes},
                       {"reason", e.reason}});
    return out;
}

}  // namespace fsd::dispatch
