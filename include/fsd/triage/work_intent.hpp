// Planned-work intent: a ticket that asks to install, replace, move, quote for or service
// something ("install a CO alarm", "move the gas meter", "frozen pipe prevention check") is
// planned work even when its words are those of an emergency job type. Triage never elevates such
// a ticket on the classifier's word alone; only a safety rule can.
#pragma once

#include <optional>
#include <string_view>

#include "fsd/triage/cues.hpp"
#include "fsd/triage/text.hpp"

namespace fsd::triage {

namespace detail {
// Not "check", "test" or "fix": people reporting a hazard ask for those too ("please check it");
// not "fitting", which is also a noun ("water through the light fitting").
inline constexpr std::string_view planned_work_words[] = {
    "install",  "installing",  "installed",   "installation", "instal",     "fit",          "fitted",  "replace",   "replacing",
    "replaced", "replacement", "new",         "supply",       "quote",      "quotation",    "quotes",  "estimate",  "price",
    "pricing",  "cost",        "relocate",    "relocating",   "relocation", "move",         "moving",  "upgrade",   "upgrading",
    "service",  "servicing",   "maintenance", "prevention",   "preventive", "preventative", "battery", "batteries", "expired",
    "expiring", "tuneup",      "certificate", "renew",        "add",
};
}  // namespace detail

// The first live (not negated) planned-work word, as the evidence for the reasons.
inline std::optional<cues::Span> planned_work_intent(const TicketText& t) {
    return cues::find_word(t, detail::planned_work_words, [&](std::size_t i) { return !cues::negated(t, i); });
}

}  // namespace fsd::triage
