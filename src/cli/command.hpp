// Private to the fsd CLI: each subcommand lives in its own cmd_*.cpp and registers itself here,
// so adding a command touches no shared file. Exit codes: 0 ok, 1 internal error, 2 bad input.
#pragma once

#include <functional>
#include <string>
#include <vector>

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

// Prints input errors to stderr, one per line, and returns exit_input.
int report_input_errors(const std::exception& e);

}  // namespace fsd::cli
