// The timelines: one row per technician with the shift behind, then travel, waiting, work (with
// the p50-p90 band where the duration has quantiles), breaks and overtime; each visited job's
// windows as brackets and its SLA deadline as a tick.
#include <algorithm>

#include <fmt/format.h>

#include "report_parts.hpp"

namespace fsd::report::detail {
namespace {

constexpr double label_width = 170;
constexpr double plot_width = 1100;
constexpr double axis_height = 26;
constexpr double row_height = 24;
constexpr double bar_top = 5;
constexpr double bar_height = 12;

// Hour ticks a reader can count: the first step that gives at most about 24 of them.
Duration tick_step(Duration span) {
    for (auto h : {1, 2, 3, 6, 12, 24})
        if (span <= hours(24 * h)) return hours(h);
    return hours(24 * 7);
}

// The many small shapes of a row without a tooltip of their own (travel, waiting, p50-p90 bands,
// window brackets), one path per kind: a large day then has a few thousand elements, not tens of
// thousands, which is most of what the browser spends on layout.
struct RowShapes {
    std::string travel, wait, band, win;
};

class TimelineDrawer {
public:
    TimelineDrawer(const Problem& p, const Evaluation& ev, const ReportOptions& o)
        : p_(p), ev_(ev), options_(o), marks_(marks_by_job(o.extras, p.jobs.size())) {
        axis_range();
    }

    std::string draw() const {
        const double height = axis_height + row_height * static_cast<double>(p_.technicians.size()) + 4;
        std::string svg =
            fmt::format(R"(<svg id="timeline-svg" class="timeline" viewBox="0 0 {} {}">)", num(label_width + plot_width + 24), num(height));
        svg += axis(height);
        for (TechnicianIndex t : p_.technicians.indices()) svg += row(t);
        return svg + "</svg>";
    }

private:
    // From the earliest shift start to the latest shift end (with overtime) or return.
    void axis_range() {
        t0_ = TimePoint::max(), t1_ = TimePoint::min();
        for (const auto& t : p_.technicians)
            for (const auto& s : t.shifts) t0_ = min(t0_, s.span.start), t1_ = max(t1_, s.span.end + s.max_overtime);
        for (const auto& r : ev_.schedule.routes) t0_ = min(t0_, r.departure), t1_ = max(t1_, r.return_time);
        if (t0_ >= t1_) t0_ = TimePoint(0), t1_ = TimePoint(seconds_per_day);
        t0_ = TimePoint(t0_.count() / 3600 * 3600);  // start on the hour
    }

    [[nodiscard]] double x(TimePoint t) const {
        const double f = static_cast<double>((t - t0_).count()) / static_cast<double>((t1_ - t0_).count());
        return label_width + plot_width * std::clamp(f, 0.0, 1.0);
    }

    [[nodiscard]] std::string rect(const char* cls, TimePoint a, TimePoint b, double top, double h, const std::string& tip = {}) const {
        const double xa = x(a), w = std::max(x(b) - xa, 0.5);
        const std::string tip_attr = tip.empty() ? std::string() : fmt::format(R"( data-tip="{}")", tip);
        return fmt::format(R"(<rect class="{}" x="{}" y="{}" width="{}" height="{}"{}/>)", cls, num(xa), num(top), num(w), num(h),
                           tip_attr);
    }

    [[nodiscard]] std::string axis(double height) const {
        std::string out;
        const Duration step = tick_step(t1_ - t0_);
        for (TimePoint t = t0_; t <= t1_; t += step) {
            out += fmt::format(R"(<line class="grid" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>)", num(x(t)), num(axis_height - 4), num(height));
            out += fmt::format(R"(<text class="tick" x="{}" y="16">{}</text>)", num(x(t)), clock_text(p_, t));
        }
        return out;
    }

    [[nodiscard]] std::string row(TechnicianIndex t) const {
        const Technician& tech = p_.technicians[t];
        const double top = axis_height + row_height * static_cast<double>(t.value());
        std::string out = fmt::format(R"svg(<g class="row" data-tech="{}" style="--c:{}" transform="translate(0 {})">)svg",
                                      escape_html(tech.id), technician_colour(t.value()), num(top));
        const std::string name = tech.name == tech.id ? std::string() : " " + tech.name.substr(0, 20);
        out += fmt::format(R"(<text class="who" x="4" y="{}">{}{}</text>)", num(bar_top + bar_height - 2), escape_html(tech.id),
                           escape_html(name));
        for (const auto& s : tech.shifts) {
            out += rect("shift", s.span.start, s.span.end, 2, row_height - 4);
            if (s.max_overtime > Duration::zero()) out += rect("ot-allow", s.span.end, s.span.end + s.max_overtime, 2, row_height - 4);
        }
        for (const auto& b : options_.extras.bars)
            if (b.technician == t) out += rect(("bar-" + b.kind).c_str(), b.start, b.end, 1, row_height - 2, escape_html(b.label));
        RowShapes shapes;
        std::string bars;
        for (const auto& r : ev_.schedule.routes)
            if (r.technician == t) bars += route(r, shapes);
        for (auto [cls, d] : {std::pair{"travel", &shapes.travel}, {"wait", &shapes.wait}, {"band", &shapes.band}, {"win", &shapes.win}})
            if (!d->empty()) out += fmt::format(R"(<path class="{}" d="{}"/>)", cls, *d);
        return out + bars + "</g>";
    }

    // Appends the outline of [a, b] x [top, top + h] to a path.
    void box(std::string& d, TimePoint a, TimePoint b, double top, double h) const {
        const double xa = x(a), w = std::max(x(b) - xa, 0.5);
        d += fmt::format("M{} {}h{}v{}h-{}z", num(xa), num(top), num(w), num(h), num(w));
    }

    [[nodiscard]] std::string route(const Route& r, RowShapes& shapes) const {
        const Technician& tech = p_.technicians[r.technician];
        std::string out;
        TimePoint t = r.departure;
        for (const auto& s : r.stops) {
            if (s.arrival > t) box(shapes.travel, t, s.arrival, bar_top + 4, bar_height - 8);
            if (s.start > s.arrival) box(shapes.wait, s.arrival, s.start, bar_top + 2, bar_height - 4);
            out += s.kind == StopKind::job ? visit(s, tech, shapes)
                                           : rect("break", s.start, s.end, bar_top, bar_height, "break " + span_text(s.start, s.end));
            t = s.end;
        }
        if (r.return_time > t) box(shapes.travel, t, r.return_time, bar_top + 4, bar_height - 8);
        const TimePoint shift_end = tech.shifts[r.shift].span.end;
        if (r.return_time > shift_end)
            out += rect("overtime", shift_end, r.return_time, 1, row_height - 2, "overtime " + format_duration(r.return_time - shift_end));
        return out;
    }

    [[nodiscard]] std::string span_text(TimePoint a, TimePoint b) const { return clock_text(p_, a) + "–" + clock_text(p_, b); }

    [[nodiscard]] std::string visit(const Stop& s, const Technician& tech, RowShapes& shapes) const {
        const Job& job = p_.jobs[s.job_index()];
        windows(job, shapes.win);
        if (!job.duration.is_fixed()) {
            const auto scaled = [&](Duration d) { return Duration(std::llround(static_cast<double>(d.count()) / tech.efficiency)); };
            box(shapes.band, s.start + scaled(job.duration.p50), s.start + scaled(job.duration.p90), bar_top + bar_height - 3, 6);
        }
        std::string out;
        const std::string cls = "visit" + mark_classes(marks_[s.job_index()]);
        out +=
            fmt::format(R"(<rect class="{}" data-job="{}" x="{}" y="{}" width="{}" height="{}" data-tip="{}"/>)", cls, escape_html(job.id),
                        num(x(s.start)), num(bar_top), num(std::max(x(s.end) - x(s.start), 1.0)), num(bar_height), visit_tip(s, job));
        out += sla(s, job);
        for (const VisitMark* m : marks_[s.job_index()])
            if (!m->note.empty())
                out +=
                    fmt::format(R"(<text class="note" x="{}" y="{}">{}</text>)", num(x(s.end) + 2), num(bar_top + 9), escape_html(m->note));
        return out;
    }

    [[nodiscard]] std::string visit_tip(const Stop& s, const Job& job) const {
        std::string tip = job.id + (job.job_type.empty() ? "" : " · " + job.job_type) + " · " + span_text(s.start, s.end);
        if (s.as_reported) tip += " · as reported";
        if (s.set_out) tip += " · set out for";
        if (s.start > s.arrival) tip += " · arrived " + clock_text(p_, s.arrival) + ", waited " + format_duration(s.start - s.arrival);
        for (const auto& w : job.time_windows) tip += " · window " + span_text(w.start, w.end);
        if (job.sla_deadline) tip += " · SLA " + clock_text(p_, *job.sla_deadline);
        if (!job.duration.is_fixed())
            tip += " · p50/p75/p90 " + format_duration(job.duration.p50) + "/" + format_duration(job.duration.p75) + "/" +
                   format_duration(job.duration.p90);
        for (const VisitMark* m : marks_[s.job_index()]) tip += " · " + m->note;
        return escape_html(tip);
    }

    // A bracket under the bar from the window's opening to its close.
    void windows(const Job& job, std::string& d) const {
        const double y0 = bar_top + bar_height + 1, y1 = y0 + 4;
        for (const auto& w : job.time_windows)
            if (w.end >= t0_ && w.start <= t1_)
                d += fmt::format("M{} {}V{}H{}V{}", num(x(w.start)), num(y0), num(y1), num(x(w.end)), num(y0));
    }

    [[nodiscard]] std::string sla(const Stop& s, const Job& job) const {
        if (!job.sla_deadline || *job.sla_deadline < t0_ || *job.sla_deadline > t1_) return {};
        const bool missed = s.start > *job.sla_deadline;
        const double at = x(*job.sla_deadline);
        return fmt::format(R"(<path class="sla{}" data-tip="{} SLA {}{}" d="M{} 1V{}M{} 1h6l-3 4z"/>)", missed ? " missed" : "",
                           escape_html(job.id), clock_text(p_, *job.sla_deadline), missed ? " (missed)" : "", num(at), num(row_height - 1),
                           num(at - 3));
    }

    const Problem& p_;
    const Evaluation& ev_;
    const ReportOptions& options_;
    PerJob<std::vector<const VisitMark*>> marks_;
    TimePoint t0_, t1_;
};

}  // namespace

std::string timeline_html(const Problem& p, const Evaluation& ev, const ReportOptions& options) {
    return R"(<div class="timeline-wrap">)" + TimelineDrawer(p, ev, options).draw() + "</div>";
}

}  // namespace fsd::report::detail
