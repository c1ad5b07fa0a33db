// What triage knows besides the ticket text: who lives there (vulnerability flags from the
// customer record), the outdoor temperature and the day the job is for. The weather-dependent
// safety rules need the first two; a fitted duration model uses the day's month.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "fsd/model/calendar.hpp"

namespace fsd::triage {

enum class Vulnerability : std::uint8_t { elderly, medical, infant, disabled, pregnant };
inline constexpr std::array<std::string_view, 5> vulnerability_names{"elderly", "medical", "infant", "disabled", "pregnant"};
constexpr std::string_view to_string(Vulnerability v) {
    return vulnerability_names[static_cast<int>(v)];
}

inline std::optional<Vulnerability> parse_vulnerability(std::string_view name) {
    for (std::size_t i = 0; i < vulnerability_names.size(); ++i)
        if (vulnerability_names[i] == name) return static_cast<Vulnerability>(i);
    return std::nullopt;
}

struct TriageContext {
    std::vector<Vulnerability> vulnerable;    // from the customer record; empty when none known
    std::optional<double> outdoor_temp_c;     // unknown: the weather rules cannot fire
    std::optional<Date> date = std::nullopt;  // the job's day; unknown: a year-round duration
};

}  // namespace fsd::triage
