// Comparing two plans of a day: who is bumped, by how much, and who must be told.
#include "fsd/dispatch/cascade.hpp"

namespace fsd::dispatch {

CascadeReport compare(const Problem& p, const PlanTimes& before, const PlanTimes& after, TimePoint now, const CascadeOptions& o) {
    using namespace cascade_detail;
    CascadeReport r;
    r.now = now;
    r.notify_threshold = o.notify_threshold;
    const JobTiming unknown;
    for (JobIndex j : indices<JobIndex>(std::min(p.jobs.size(), after.jobs.size()))) {
        const JobTiming& b = before.jobs.contains(j) ? before.jobs[j] : unknown;
        auto c = job_change(p, j, b, after.jobs[j], now, o);
        if (!c) continue;
        add_to_totals(r.totals, *c);
        if (c->notify)
            r.notify.push_back(Notification{j, p.jobs[j].customer_id, c->new_technician, c->new_eta, c->new_window, c->told,
                                            notification_reason(*c), p.jobs[j].times_retold, b.listed});
        r.jobs.push_back(std::move(*c));
    }
    r.technicians = technician_changes(before, after, r.jobs, p.technicians.size(), o);
    for (const TechnicianChange& t : r.technicians) r.totals.overtime_change += t.new_overtime - t.old_overtime;
    r.totals.cost_before = before.cost;
    r.totals.cost_after = after.cost;
    return r;
}

CascadeReport compare(const Problem& p, const Plan& before, const Plan& after, TimePoint now, const CascadeOptions& o) {
    return compare(p, plan_times(p, evaluate(p, before)), plan_times(p, evaluate(p, after)), now, o);
}

}  // namespace fsd::dispatch
