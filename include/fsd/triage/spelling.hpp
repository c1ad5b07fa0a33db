// Typo tolerance: maps an unknown word to the most frequent known word one edit away (insert,
// delete, substitute or swap two neighbours), so "smel", "brust" and "flodding" read as "smell",
// "burst" and "flooding"; preferred words (the hazard words) win over more frequent ones. Lookups
// go through a deletion index, not a scan of the vocabulary.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "fsd/triage/text.hpp"

namespace fsd::triage {

// Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of a substring).
inline int edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

struct SpellingOptions {
    // Shorter words are left alone: at three letters one edit reaches too many real words
    // ("gas" -> "has", "was"). Unknown three-letter words may only gain a letter ("lek" -> "leak").
    std::size_t min_length = 4;
    std::size_t min_length_for_insertion = 3;
    // A correction must keep at least this many letters, so "leek" may become "leak" but no
    // four-letter typo turns into a two-letter word.
    std::size_t min_target_length = 3;
};

class SpellingCorrector {
public:
    SpellingCorrector() = default;
    explicit SpellingCorrector(SpellingOptions options) : options_(options) {}

    // Adds a known word; `count` is its frequency, which breaks ties between candidates.
    void add(const std::string& word, double count = 1.0) {
        auto [it, inserted] = counts_.try_emplace(word, 0.0);
        it->second += count;
        if (!inserted || word.size() < options_.min_target_length || !is_alpha(word)) return;
        index_[word].push_back(word);
        for (std::size_t i = 0; i < word.size(); ++i) index_[drop(word, i)].push_back(word);
    }

    // A preferred word beats any other candidate one edit away, whatever their frequencies: a
    // missed hazard costs more than a misread word ("burt" is "burst" rather than "but").
    void prefer(const std::string& word) { preferred_.insert(word); }

    [[nodiscard]] bool known(const std::string& word) const { return counts_.count(word) != 0; }
    [[nodiscard]] std::size_t size() const { return counts_.size(); }
    [[nodiscard]] const std::unordered_map<std::string, double>& words() const { return counts_; }

    // The word itself when known, too short or not alphabetic; else the known word at edit
    // distance 1 that is preferred, then most frequent (alphabetical among equals, for
    // determinism); else the word.
    [[nodiscard]] std::string correct(const std::string& word) const {
        if (known(word) || word.size() < options_.min_length_for_insertion || !is_alpha(word)) return word;
        const bool insertions_only = word.size() < options_.min_length;
        const std::string* best = nullptr;
        bool best_preferred = false;
        double best_count = -1;
        auto consider = [&](const std::string& key) {
            const auto it = index_.find(key);
            if (it == index_.end()) return;
            for (const auto& cand : it->second) {
                if (insertions_only && cand.size() != word.size() + 1) continue;
                if (edit_distance(word, cand) != 1) continue;
                const double c = counts_.at(cand);
                const bool p = preferred_.count(cand) != 0;
                bool better = true;
                if (best && p != best_preferred)
                    better = p;
                else if (best)
                    better = c > best_count || (c == best_count && cand < *best);
                if (better) {
                    best = &cand;
                    best_preferred = p;
                    best_count = c;
                }
            }
        };
        consider(word);
        for (std::size_t i = 0; i < word.size(); ++i) consider(drop(word, i));
        return best ? *best : word;
    }

private:
    static std::string drop(const std::string& w, std::size_t i) {
        std::string out = w;
        out.erase(i, 1);
        return out;
    }
    static bool is_alpha(const std::string& w) {
        return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    }

    SpellingOptions options_;
    std::unordered_map<std::string, double> counts_;
    std::unordered_set<std::string> preferred_;
    // Each word and each of its one-letter deletions -> the words that produce it.
    std::unordered_map<std::string, std::vector<std::string>> index_;
};

// Replaces every token by its correction; TicketText::raw keeps what was written.
inline void correct_spelling(TicketText& text, const SpellingCorrector& corrector) {
    for (auto& t : text.tokens) t = corrector.correct(t);
}

}  // namespace fsd::triage
