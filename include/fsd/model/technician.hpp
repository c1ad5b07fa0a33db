// A technician: what they can do (skills, certifications, equipment), where their day starts and
// ends, when they work (shifts with breaks) and what their time and mileage cost.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "fsd/model/capability.hpp"
#include "fsd/model/location.hpp"
#include "fsd/model/units.hpp"

namespace fsd {

// A break of `length` that must start inside `window`. It is taken at the technician's current
// position, between two stops.
struct Break {
    Duration length;
    TimeWindow window;
    friend bool operator==(const Break&, const Break&) = default;
};

// One working period. The technician leaves the start location no earlier than span.start and
// is back at the end location by span.end; up to max_overtime later is allowed at a cost.
struct Shift {
    TimeWindow span;
    Duration max_overtime = Duration::zero();
    std::vector<Break> breaks;
    // Where this shift starts, when not at the technician's start location: e.g. where the
    // technician is when the rest of a day is planned again.
    std::optional<LocationId> start_location;
    // Demand already on the van when this shift starts: the jobs a residual day's shift has done
    // (dispatch/residual.hpp). Its route may load the technician's capacity less this.
    std::int64_t loaded = 0;
    // The soonest the technician can be home: a residual day's shift that starts on a job or with
    // one they keep (dispatch/residual.hpp). A break owed only late that opens before then cannot be
    // dodged by coming home in time (planned_return_limit), so it is planned like any other.
    TimePoint earliest_return = TimePoint::min();
    // The technician is already at work when this shift starts (a residual day's shift after they
    // left home): their time is paid from the start, however late they leave where they are. A
    // shift that starts at home pays from the departure: the wait before the first job is not paid.
    bool on_the_clock = false;
    // When the paid time of a route that leaves at `departure` starts.
    [[nodiscard]] TimePoint paid_from(TimePoint departure) const { return on_the_clock ? span.start : departure; }
    [[nodiscard]] int day() const { return static_cast<int>(span.start.count() / seconds_per_day); }
    // The hours the technician may work: from the start to the end plus overtime.
    [[nodiscard]] TimeWindow working_hours() const { return {span.start, span.end + max_overtime}; }
    // Whether the technician may be at work on horizon day d: the shift starts that day, or runs
    // into it past midnight (a night shift, or its overtime).
    [[nodiscard]] bool works_on(int d) const { return day() == d || (day() < d && working_hours().end > day_start(d)); }
    // The hours of the shift's day: from its midnight to the next, or on to its end plus overtime
    // when it runs past midnight.
    [[nodiscard]] TimeWindow day_hours() const { return {day_start(day()), max(day_start(day() + 1), working_hours().end)}; }
    // A break this shift may owe: its window meets the hours the technician can be out. One
    // outside them (a company-wide lunch on a half-day or a night shift) is never owed, so it is
    // neither planned nor required.
    [[nodiscard]] bool may_owe(const Break& b) const { return b.window.end >= span.start && b.window.start < span.end + max_overtime; }
    // A break that opens once the shift is over, in its overtime (an evening break for those still
    // at work): only a route that leaves its last stop after it opens owes it. The planner plans no
    // work into it; its routes are back by then (planned_return_limit), so they never owe it.
    [[nodiscard]] bool owed_only_late(const Break& b) const {
        return may_owe(b) && b.window.start >= span.end && b.window.start > span.start && b.window.start >= earliest_return;
    }
    // Whether a route that leaves its last stop at `left` and is home at `back` owes break b, not
    // having taken it: one owed only late by leaving after it opens, any other by being back after.
    [[nodiscard]] bool owes(const Break& b, TimePoint left, TimePoint back) const {
        return may_owe(b) && (owed_only_late(b) ? left > b.window.start : back > b.window.start);
    }
    // The indices of the breaks the shift may owe, earliest window first (the order they are taken in).
    [[nodiscard]] std::vector<std::uint32_t> breaks_in_window_order() const {
        return breaks_where([this](const Break& b) { return may_owe(b); });
    }
    // The breaks the planner puts on every route of the shift, in window order: those it may owe,
    // less those owed only late.
    [[nodiscard]] std::vector<std::uint32_t> planned_breaks() const {
        return breaks_where([this](const Break& b) { return may_owe(b) && !owed_only_late(b); });
    }
    // When the planner has every route of the shift back: the end plus overtime, or earlier, when
    // a break owed only late opens.
    [[nodiscard]] TimePoint planned_return_limit() const {
        TimePoint limit = span.end + max_overtime;
        for (const Break& b : breaks)
            if (owed_only_late(b)) limit = min(limit, b.window.start);
        return limit;
    }
    friend bool operator==(const Shift&, const Shift&) = default;

private:
    template <class Keep>
    [[nodiscard]] std::vector<std::uint32_t> breaks_where(Keep keep) const {
        std::vector<std::uint32_t> order;
        for (std::uint32_t b = 0; b < breaks.size(); ++b)
            if (keep(breaks[b])) order.push_back(b);
        std::stable_sort(order.begin(), order.end(), [this](auto a, auto b) { return breaks[a].window.start < breaks[b].window.start; });
        return order;
    }
};

struct Technician {
    static constexpr std::int64_t unlimited_capacity = std::numeric_limits<std::int64_t>::max() / 8;

    std::string id;
    std::string name;
    std::vector<SkillLevel> skills;
    std::vector<Certification> certifications;
    std::vector<EquipmentId> equipment;
    std::vector<std::string> parts;  // parts stocked on the van, by part number
    LocationId start_location{};
    LocationId end_location{};
    std::vector<Shift> shifts;
    double cost_per_hour = 0;  // from leaving the start location (Shift::paid_from) to arriving at the end
    double cost_per_km = 0;
    double efficiency = 1.0;                     // 1.25 means jobs take 1/1.25 of their nominal duration
    std::int64_t capacity = unlimited_capacity;  // van capacity, in the jobs' demand units

    // Where shift s starts.
    // What shift s's route may load: the van less what is on it already (Shift::loaded).
    [[nodiscard]] std::int64_t room(std::size_t s) const { return std::max<std::int64_t>(0, capacity - shifts[s].loaded); }
    [[nodiscard]] LocationId start_of(std::size_t s) const { return shifts[s].start_location.value_or(start_location); }
    [[nodiscard]] int skill_level(SkillId s) const {
        const auto it = std::find_if(skills.begin(), skills.end(), [s](const SkillLevel& sl) { return sl.skill == s; });
        return it == skills.end() ? 0 : it->level;
    }
    friend bool operator==(const Technician&, const Technician&) = default;
};

}  // namespace fsd
