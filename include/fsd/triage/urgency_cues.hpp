// What the customer says about timing: "asap", "today", "urgent" ask for sooner; "no rush",
// "next month", "whenever" allow later. Triage moves a job between same-day and scheduled on
// these cues; it never moves anything into or out of emergency on them.
#pragma once

#include <optional>
#include <string>

#include "fsd/triage/cues.hpp"
#include "fsd/triage/text.hpp"

namespace fsd::triage {

enum class TimingCue { sooner, later };

struct TimingEvidence {
    TimingCue cue;
    std::string words;  // as written, for the explanation
};

namespace detail {
inline constexpr std::string_view sooner_words[] = {"urgent",      "urgently", "asap",    "emergency",
                                                    "immediately", "today",    "tonight", "quickly"};
inline constexpr std::string_view later_periods[] = {"week", "month", "weeks", "months", "year", "spring", "summer", "winter", "autumn"};
inline constexpr std::string_view later_words[] = {"whenever", "convenient", "flexible", "sometime"};
inline constexpr std::string_view no_hurry[] = {"rush", "hurry", "urgent", "urgency", "emergency"};
}  // namespace detail

// The first timing cue in the ticket; none when it has both kinds or neither.
inline std::optional<TimingEvidence> timing_cue(const TicketText& t) {
    using namespace cues;
    std::optional<TimingEvidence> sooner, later;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto si = static_cast<std::ptrdiff_t>(i);
        const auto& w = t.tokens[i];
        if (is(w, detail::no_hurry) && negated(t, i, 2)) {  // "no rush", "not an emergency"
            if (!later) later = TimingEvidence{TimingCue::later, evidence(t, {negated(t, i, 1) ? i - 1 : i - 2, i})};
        } else if ((w == "next" || w == "few" || w == "couple") && at(t, si + 1, detail::later_periods)) {
            if (!later) later = TimingEvidence{TimingCue::later, evidence(t, {i, i + 1})};
        } else if (is(w, detail::later_words)) {
            if (!later) later = TimingEvidence{TimingCue::later, evidence(t, {i, i})};
        } else if (is(w, detail::sooner_words) && !negated(t, i, 2)) {
            if (!sooner) sooner = TimingEvidence{TimingCue::sooner, evidence(t, {i, i})};
        } else if (w == "soon" && at(t, si - 1, "as") && at(t, si + 1, "as")) {
            if (!sooner) sooner = TimingEvidence{TimingCue::sooner, evidence(t, {i - 1, i + 2})};
        }
    }
    if (sooner && later) return std::nullopt;
    return sooner ? sooner : later;
}

}  // namespace fsd::triage
