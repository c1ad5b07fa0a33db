// What the ticket classifier sees of a ticket: its words, word bigrams and letter n-grams
// (numbers folded into one token; words under a negation or in the long past marked: "no smell
// of gas" and "had a burst pipe last winter" give "!gas" and "!burst"),
// each present-or-absent, scaled to unit length. A FeatureIndex, built from the training
// tickets, gives each feature a column; features it never saw are ignored.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fsd/triage/cues.hpp"
#include "fsd/triage/text.hpp"

namespace fsd::triage {

struct FeatureOptions {
    bool bigrams = true;  // adjacent words in the same clause: "not working", "gas smell"
    int min_count = 2;    // a feature must appear in this many training tickets to get a column
    // Letter n-grams of each word ("<lea", "leak", "eaki"...) so that "leaking", "leaks" and
    // "leaked" share evidence; 0 turns them off.
    int char_ngram = 4;
    // Words within reach of a negation in their clause, or placed in the long past, become
    // "!word" and give no n-grams: "no smell of gas" is not evidence of a gas leak.
    bool mark_negation = true;
};

namespace detail {
// "no", "without" negate a noun phrase ("no smell of gas": three words on); "hasn't",
// "doesn't" negate the verb after them ("hasn't sorted the boiler" is still about the boiler).
inline constexpr std::string_view noun_negators[] = {"no", "without", "none", "nothing", "nor", "neither"};

inline bool negated_word(const TicketText& t, std::size_t i) {
    for (std::size_t k = 1; k <= 3 && k <= i; ++k) {
        const std::size_t j = i - k;
        if (!t.same_clause(i, j) || cues::is(t.tokens[j], cues::scope_breaks)) return false;
        if (cues::is(t.tokens[j], noun_negators)) return true;
        if (cues::is(t.tokens[j], cues::negators)) return k <= 2;
    }
    return false;
}

// Token i is not a current fact: negated as above, or placed in the long past ("last winter",
// "years ago") by the same test the safety rules use.
inline std::vector<bool> negation_scope(const TicketText& text) {
    std::vector<bool> out(text.size(), false);
    for (std::size_t i = 0; i < text.size(); ++i) out[i] = negated_word(text, i) || cues::in_past(text, i, 4);
    return out;
}
}  // namespace detail

// Feature names of one ticket, without duplicates: "boiler", "not firing", "#" for numbers.
inline std::vector<std::string> feature_names(const TicketText& text, const FeatureOptions& o) {
    std::vector<std::string> names;
    const std::vector<bool> negated = o.mark_negation ? detail::negation_scope(text) : std::vector<bool>(text.size());
    auto word = [&](std::size_t i) {
        const auto& t = text.tokens[i];
        const bool number = std::all_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
        return number ? std::string("#") : negated[i] ? '!' + t : t;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        names.push_back(word(i));
        if (o.char_ngram > 0 && names.back() != "#" && !negated[i]) {
            const std::string padded = '<' + text.tokens[i] + '>';
            const auto n = static_cast<std::size_t>(o.char_ngram);
            for (std::size_t k = 0; k + n <= padded.size(); ++k) names.push_back("~" + padded.substr(k, n));
        }
        if (o.bigrams && i + 1 < text.size() && text.same_clause(i, i + 1)) names.push_back(word(i) + ' ' + word(i + 1));
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

// A sparse row: column indices (ascending) and values.
struct SparseRow {
    std::vector<std::uint32_t> index;
    std::vector<float> value;
};

class FeatureIndex {
public:
    FeatureIndex() = default;
    explicit FeatureIndex(std::vector<std::string> names) : names_(std::move(names)) {
        for (std::size_t i = 0; i < names_.size(); ++i) columns_.emplace(names_[i], static_cast<std::uint32_t>(i));
    }

    // Columns for every feature present in at least `min_count` of the tickets, in sorted order.
    static FeatureIndex build(const std::vector<std::vector<std::string>>& tickets, int min_count) {
        std::unordered_map<std::string, int> df;
        for (const auto& names : tickets)
            for (const auto& n : names) ++df[n];
        std::vector<std::string> kept;
        for (const auto& [name, count] : df)
            if (count >= min_count) kept.push_back(name);
        std::sort(kept.begin(), kept.end());
        return FeatureIndex(std::move(kept));
    }

    [[nodiscard]] std::size_t size() const { return names_.size(); }
    [[nodiscard]] const std::vector<std::string>& names() const { return names_; }

    // Binary features scaled to unit Euclidean length; unknown names are dropped.
    [[nodiscard]] SparseRow row(const std::vector<std::string>& names) const {
        SparseRow r;
        for (const auto& n : names)
            if (auto it = columns_.find(n); it != columns_.end()) r.index.push_back(it->second);
        std::sort(r.index.begin(), r.index.end());
        const float v = r.index.empty() ? 0.0F : 1.0F / std::sqrt(static_cast<float>(r.index.size()));
        r.value.assign(r.index.size(), v);
        return r;
    }

private:
    std::vector<std::string> names_;
    std::unordered_map<std::string, std::uint32_t> columns_;
};

}  // namespace fsd::triage
