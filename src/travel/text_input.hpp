// Private to src/travel: the tight text scanning behind the road-network and points loaders.
// A file is read whole (gunzipped by zlib when compressed) and parsed in place with
// std::from_chars; errors name the file and the line.
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace fsd::travel_io {

// The whole file as text; gzip is detected by content, so plain files work too.
std::string read_whole_file(const std::filesystem::path& path);

// Throws InputErrors with "<file>:<line>: <message>" (line 0: no line).
[[noreturn]] void fail(const std::filesystem::path& file, std::size_t line, const std::string& message);

class LineReader {
public:
    explicit LineReader(std::string_view text) : rest_(text) {}
    // The next line without its line break; false at the end.
    bool next(std::string_view& line) {
        if (rest_.empty()) return false;
        const std::size_t nl = rest_.find('\n');
        line = rest_.substr(0, nl);
        rest_ = nl == std::string_view::npos ? std::string_view() : rest_.substr(nl + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        ++line_number_;
        return true;
    }
    [[nodiscard]] std::size_t line_number() const { return line_number_; }

private:
    std::string_view rest_;
    std::size_t line_number_ = 0;
};

// Splits at each `sep` into at most N fields; returns the number of fields found (N + 1 means
// "more than N").
template <std::size_t N>
std::size_t split(std::string_view line, char sep, std::array<std::string_view, N>& fields) {
    std::size_t count = 0;
    for (;;) {
        const std::size_t at = line.find(sep);
        if (count == N) return N + 1;
        fields[count++] = line.substr(0, at);
        if (at == std::string_view::npos) return count;
        line.remove_prefix(at + 1);
    }
}

// Splits at runs of blanks (DIMACS lines), at most N fields as above.
template <std::size_t N>
std::size_t split_blanks(std::string_view line, std::array<std::string_view, N>& fields) {
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i == line.size()) break;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (count == N) return N + 1;
        fields[count++] = line.substr(start, i - start);
    }
    return count;
}

template <class Int>
std::optional<Int> parse_int(std::string_view s) {
    Int value{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return value;
}

inline std::optional<double> parse_double(std::string_view s) {
    double value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return value;
}

// A non-negative decimal such as "12.345" as an integer count of 10^-decimals units, exactly:
// "1.5" with 3 decimals is 1500. Further digits round half up. No sign, no exponent.
inline std::optional<std::uint64_t> parse_fixed(std::string_view s, int decimals) {
    std::uint64_t value = 0;
    std::size_t i = 0;
    bool any_digit = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, any_digit = true) {
        if (value > 1'000'000'000'000ULL) return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(s[i] - '0');
    }
    int fraction_digits = 0;
    bool round_up = false;
    if (i < s.size() && s[i] == '.') {
        for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, any_digit = true) {
            if (fraction_digits < decimals) {
                value = value * 10 + static_cast<std::uint64_t>(s[i] - '0');
                ++fraction_digits;
            } else if (fraction_digits == decimals) {
                round_up = s[i] >= '5';
                ++fraction_digits;  // later digits cannot change a half-up decision
            }
        }
    }
    if (i != s.size() || !any_digit) return std::nullopt;
    for (; fraction_digits < decimals; ++fraction_digits) value *= 10;
    return value + (round_up ? 1 : 0);
}

}  // namespace fsd::travel_io
