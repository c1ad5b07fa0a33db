// The weighted objective's per-day balance targets.
#include "fsd/model/objective.hpp"

#include <algorithm>

namespace fsd {

namespace {

// Per horizon day, the hours of its shifts (start to end plus overtime): a night shift's run past
// midnight, and its work is its day's.
std::vector<std::vector<TimeWindow>> shift_hours_by_day(const Problem& p, int days) {
    std::vector<std::vector<TimeWindow>> out(static_cast<std::size_t>(days));
    for (const auto& t : p.technicians)
        for (const auto& s : t.shifts) out[static_cast<std::size_t>(std::clamp(s.day(), 0, days - 1))].push_back(s.working_hours());
    return out;
}

// Whether window w meets one of a day's shift hours.
bool meets_shifts(const TimeWindow& w, const std::vector<TimeWindow>& hours) {
    return std::any_of(hours.begin(), hours.end(), [&w](const TimeWindow& h) { return w.meets(h); });
}

bool meets_calendar_day(const TimeWindow& w, int d) {
    return w.start < day_start(d + 1) && w.end >= day_start(d);
}

}  // namespace

std::vector<Duration> balance_targets(const Problem& p) {
    const int days = std::max(1, p.horizon.days);
    std::vector<double> work(static_cast<std::size_t>(days), 0.0);
    std::vector<std::int64_t> shifts(static_cast<std::size_t>(days), 0);
    std::vector<char> open(static_cast<std::size_t>(days));
    const std::vector<std::vector<TimeWindow>> hours = shift_hours_by_day(p, days);
    for (const auto& job : p.jobs) {
        if (job.cancelled_at) continue;  // nobody's work
        std::fill(open.begin(), open.end(), job.time_windows.empty() ? 1 : 0);
        for (const auto& w : job.time_windows)
            for (int d = 0; d < days; ++d) open[static_cast<std::size_t>(d)] |= meets_shifts(w, hours[static_cast<std::size_t>(d)]);
        if (std::count(open.begin(), open.end(), 1) == 0)  // no shift meets it: its calendar days
            for (const auto& w : job.time_windows)
                for (int d = 0; d < days; ++d) open[static_cast<std::size_t>(d)] |= meets_calendar_day(w, d);
        if (job.pinned_start) {  // the day whose shifts meet the pin (a night's), else the pin's calendar day
            std::fill(open.begin(), open.end(), 0);
            int day = std::clamp(day_of_job(job), 0, days - 1);
            for (int d = 0; d < days; ++d)
                if (meets_shifts({*job.pinned_start, *job.pinned_start}, hours[static_cast<std::size_t>(d)])) {
                    day = d;
                    break;
                }
            open[static_cast<std::size_t>(day)] = 1;
        }
        const auto n = std::count(open.begin(), open.end(), 1);
        if (n == 0) continue;
        const double share = static_cast<double>(p.objective.planned_duration(job).count()) / static_cast<double>(n);
        for (std::size_t d = 0; d < open.size(); ++d) work[d] += open[d] ? share : 0.0;
    }
    for (const auto& t : p.technicians)
        for (const auto& s : t.shifts) ++shifts[static_cast<std::size_t>(std::clamp(s.day(), 0, days - 1))];
    std::vector<Duration> target(static_cast<std::size_t>(days), Duration::zero());
    for (std::size_t d = 0; d < target.size(); ++d)
        if (shifts[d] > 0) target[d] = Duration(std::llround(work[d] / static_cast<double>(shifts[d])));
    return target;
}

}  // namespace fsd
