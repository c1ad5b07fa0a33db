// Ticket text as triage reads it: lower-case word tokens, each tagged with the clause it sits in,
// so that a negation ("no smell of gas, just a noisy boiler") only reaches within its clause.
// Shared by the classifier's features and the safety rules.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fsd::triage {

struct TicketText {
    std::vector<std::string> tokens;  // what triage reads, after any spelling correction
    std::vector<std::string> raw;     // as written (lower-cased), for explanations
    std::vector<int> clause;          // clause number of each token; punctuation and "but" start a new one

    [[nodiscard]] std::size_t size() const { return tokens.size(); }
    [[nodiscard]] bool same_clause(std::size_t a, std::size_t b) const { return clause[a] == clause[b]; }
};

namespace detail {

inline bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

inline bool is_letter(char c) {
    return c >= 'a' && c <= 'z';
}

inline char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Runs of three or more equal letters become two ("smelllll" -> "smell", "gasss" -> "gass"):
// emphasis, not spelling.
inline std::string squash_runs(const std::string& word) {
    std::string out;
    out.reserve(word.size());
    for (char c : word) {
        const std::size_t n = out.size();
        if (n >= 2 && out[n - 1] == c && out[n - 2] == c && !(c >= '0' && c <= '9')) continue;
        out.push_back(c);
    }
    return out;
}

// Words that open a contrasting clause: what follows is not under an earlier negation.
inline bool is_clause_word(std::string_view w) {
    return w == "but" || w == "however" || w == "although" || w == "though" || w == "except" || w == "just" || w == "only";
}

}  // namespace detail

// Lower-cases, drops apostrophes inside words ("can't" -> "cant"), splits on everything that is
// not a letter or digit, and starts a new clause at sentence punctuation and contrast words.
inline TicketText normalise_text(std::string_view text) {
    TicketText out;
    std::string word;
    int clause = 0;
    bool clause_has_words = false;
    bool in_abbreviation = false;  // inside "c.o.": its closing dot ends no clause
    auto flush = [&] {
        if (word.empty()) return;
        std::string w = detail::squash_runs(word);
        word.clear();
        if (detail::is_clause_word(w) && clause_has_words) ++clause;
        out.raw.push_back(w);
        out.tokens.push_back(std::move(w));
        out.clause.push_back(clause);
        clause_has_words = true;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = detail::ascii_lower(text[i]);
        if (detail::is_word_char(c)) {
            word.push_back(c);
            continue;
        }
        const bool inside_word = !word.empty() && i + 1 < text.size() && detail::is_word_char(detail::ascii_lower(text[i + 1]));
        if ((c == '\'' || c == '`') && inside_word) continue;  // can't -> cant
        if (c == '/' && word == "a" && inside_word && detail::ascii_lower(text[i + 1]) == 'c' &&
            (i + 2 >= text.size() || !detail::is_word_char(detail::ascii_lower(text[i + 2]))))
            continue;  // "A/C" -> "ac"
        if (c == '.' && word.size() == 1 && detail::is_letter(word[0]) && inside_word &&
            detail::is_letter(detail::ascii_lower(text[i + 1])) &&
            (i + 2 >= text.size() || !detail::is_word_char(detail::ascii_lower(text[i + 2])))) {
            in_abbreviation = true;
            continue;  // "C.O." -> "co"
        }
        // A decimal point inside a number stays part of it ("2.5").
        if (c == '.' && inside_word && !word.empty() && word.back() >= '0' && word.back() <= '9') {
            word.push_back(c);
            continue;
        }
        flush();
        const bool closes_abbreviation = c == '.' && in_abbreviation;
        in_abbreviation = false;
        // A dash between spaces separates statements: "problem with the plug - it is crackling".
        const bool spaced_dash = c == '-' && i > 0 && text[i - 1] == ' ' && i + 1 < text.size() && text[i + 1] == ' ';
        const bool breaks_clause = c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')' ||
                                   c == '\n' || c == '/' || spaced_dash;
        if (breaks_clause && clause_has_words && !closes_abbreviation) {
            ++clause;
            clause_has_words = false;
        }
    }
    flush();
    return out;
}

}  // namespace fsd::triage
