// Private to the fsd CLI: each subcommand lives in its own cmd_*.cpp and registers itself here,
// so adding a command touches no shared file. Exit codes: 0 ok, 1 internal error, 2 bad input.
#pragma once

#include <charconv>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

namespace fsd::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_internal = 1;
inline constexpr int exit_input = 2;

// `setup` adds the subcommand's options and returns the action to run when it is chosen.
struct CommandSpec {
    std::string name;
    std::string description;
    std::function<std::function<int()>(CLI::App&)> setup;
};

std::vector<CommandSpec>& registry();

struct Register {
    explicit Register(CommandSpec spec) { registry().push_back(std::move(spec)); }
};

// A numeric option that must be a finite number from lo to hi. CLI11's Range lets NaN through (it
// compares false both ways), and an unchecked minutes option overflows when made a Duration.
inline CLI::Validator number_in(double lo, double hi) {
    return CLI::Validator(
        [lo, hi](std::string& text) {
            double v = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v) || v < lo || v > hi)
                return fmt::format("expected a number from {} to {}", lo, hi);
            return std::string();
        },
        fmt::format("in [{}, {}]", lo, hi));
}

// Prints input errors to stderr, one per line, and returns exit_input.
int report_input_errors(const std::exception& e);

}  // namespace fsd::cli
