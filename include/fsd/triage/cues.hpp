// Primitives the safety rules are written in: word classes, "A near B" search over a ticket's
// tokens, and the two things that cancel a hazard cue: a negation in its clause ("no smell of
// gas") and a long-past time ("had a burst pipe last winter").
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "fsd/triage/text.hpp"

namespace fsd::triage::cues {

using Words = std::span<const std::string_view>;

inline bool is(std::string_view token, Words words) {
    return std::find(words.begin(), words.end(), token) != words.end();
}
inline bool at(const TicketText& t, std::ptrdiff_t i, Words words) {
    return i >= 0 && static_cast<std::size_t>(i) < t.size() && is(t.tokens[static_cast<std::size_t>(i)], words);
}
inline bool at(const TicketText& t, std::ptrdiff_t i, std::string_view word) {
    return i >= 0 && static_cast<std::size_t>(i) < t.size() && t.tokens[static_cast<std::size_t>(i)] == word;
}
inline bool anywhere(const TicketText& t, Words words) {
    return std::any_of(t.tokens.begin(), t.tokens.end(), [&](const std::string& w) { return is(w, words); });
}

inline constexpr std::string_view negators[] = {"no",     "not",     "never",  "without", "none",  "nothing", "nor",    "neither",
                                                "dont",   "doesnt",  "didnt",  "isnt",    "arent", "wasnt",   "werent", "cant",
                                                "cannot", "couldnt", "havent", "hasnt",   "hadnt", "wont",    "nope",   "dosnt"};
// A negation does not reach across these: "no heating and a smell of gas" is a smell of gas.
inline constexpr std::string_view scope_breaks[] = {"and", "plus", "also", "with", "then", "now", "while"};

// "Never" that compares rather than denies: "never smelled gas this strong before", "never been
// so bad", "never seen anything like it". The clause after it holds "like this/that/it" or
// "this/that/so" before a word of degree, or "such".
inline constexpr std::string_view degree_words[] = {"strong",   "strongly", "bad",   "badly", "loud",   "much", "big",
                                                    "powerful", "intense",  "awful", "heavy", "severe", "hot",  "many"};
inline bool never_compares(const TicketText& t, std::size_t never) {
    if (t.tokens[never] != "never") return false;
    for (std::size_t k = never + 1; k + 1 < t.size() && t.same_clause(never, k + 1); ++k) {
        const std::string& w = t.tokens[k];
        const std::string& next = t.tokens[k + 1];
        if (w == "like" && (next == "this" || next == "that" || next == "it")) return true;
        if (w == "such" || ((w == "this" || w == "that" || w == "so") && is(next, degree_words))) return true;
    }
    return false;
}

// True when a negator stands within `reach` tokens before token i, in the same clause and
// without a conjunction in between.
inline bool negated(const TicketText& t, std::size_t i, int reach = 3) {
    for (int k = 1; k <= reach && static_cast<std::ptrdiff_t>(i) - k >= 0; ++k) {
        const std::size_t j = i - static_cast<std::size_t>(k);
        if (!t.same_clause(i, j) || is(t.tokens[j], scope_breaks)) return false;
        if (is(t.tokens[j], negators)) return !never_compares(t, j);
    }
    return false;
}

// Not "night" or "weekend": "pipe burst last night" may well still be pouring.
inline constexpr std::string_view past_periods[] = {"year",  "years",  "winter", "summer", "spring",    "autumn", "fall",
                                                    "month", "months", "week",   "weeks",  "christmas", "time"};
inline constexpr std::string_view past_words[] = {"previously", "formerly", "previous"};
inline constexpr std::string_view remedied[] = {"fixed", "repaired", "sorted", "resolved", "mended"};
// "needs to be fixed", "get it repaired": a remedy wished for, not one done.
inline constexpr std::string_view remedy_wished[] = {"be", "to", "get", "it", "them", "needs"};

// True when the words around token i (same clause, six tokens either side) place the event well
// in the past: "last winter", "two years ago", "previously", "was fixed", "burst pipe repaired".
inline bool in_past(const TicketText& t, std::size_t i, std::size_t reach = 6) {
    const std::size_t lo = i >= reach ? i - reach : 0;
    for (std::size_t j = lo; j < t.size() && j <= i + reach; ++j) {
        if (!t.same_clause(i, j)) continue;
        const auto& w = t.tokens[j];
        const auto sj = static_cast<std::ptrdiff_t>(j);
        if (is(w, past_words)) return true;
        if (w == "last" && at(t, sj + 1, past_periods)) return true;
        if (w == "ago" && (at(t, sj - 1, "years") || at(t, sj - 1, "months") || at(t, sj - 1, "weeks"))) return true;
        if (is(w, remedied) && (at(t, sj - 1, "was") || at(t, sj - 1, "been") || at(t, sj - 1, "got"))) return true;
        if (is(w, remedied) && j > i && j <= i + 2 && !at(t, sj - 1, remedy_wished)) return true;
    }
    return false;
}

// An inclusive range of token positions: the words a rule matched.
struct Span {
    std::size_t first = 0;
    std::size_t last = 0;
};

inline Span span_of(std::size_t a, std::size_t b) {
    return {std::min(a, b), std::max(a, b)};
}

// The matched words as the customer wrote them, e.g. "smels like gass".
inline std::string evidence(const TicketText& t, Span s) {
    std::string out;
    for (std::size_t i = s.first; i <= s.last && i < t.size(); ++i) {
        if (!out.empty()) out += ' ';
        out += t.raw[i];
    }
    return out;
}

// The first pair (i, j), token i in `a` and token j in `b`, at most `window` tokens apart
// (either order), for which accept(i, j) holds.
template <class Accept>
std::optional<Span> find_near(const TicketText& t, Words a, Words b, std::size_t window, Accept accept) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!is(t.tokens[i], a)) continue;
        const std::size_t lo = i >= window ? i - window : 0;
        const std::size_t hi = std::min(t.size() - 1, i + window);
        for (std::size_t j = lo; j <= hi; ++j)
            if (j != i && is(t.tokens[j], b) && accept(i, j)) return span_of(i, j);
    }
    return std::nullopt;
}

// The first token in `a` for which accept(i) holds.
template <class Accept>
std::optional<Span> find_word(const TicketText& t, Words a, Accept accept) {
    for (std::size_t i = 0; i < t.size(); ++i)
        if (is(t.tokens[i], a) && accept(i)) return Span{i, i};
    return std::nullopt;
}

// Neither anchor negated, nor in the past: the default test for a hazard cue.
inline bool live(const TicketText& t, std::size_t i, std::size_t j) {
    return !negated(t, i) && !negated(t, j) && !in_past(t, i);
}
inline bool live(const TicketText& t, std::size_t i) {
    return !negated(t, i) && !in_past(t, i);
}

}  // namespace fsd::triage::cues
