// fsd: field-service dispatch from the command line. Subcommands register themselves (command.hpp).
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <iostream>
#include <string>

#include <fmt/core.h>

#include "command.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::cli {

std::vector<CommandSpec>& registry() {
    static std::vector<CommandSpec> commands;
    return commands;
}

int report_input_errors(const std::exception& e) {
    if (const auto* errs = dynamic_cast<const InputErrors*>(&e)) {
        fmt::print(stderr, "error: {} problem(s) in the input\n", errs->errors().size());
        for (const auto& err : errs->errors()) fmt::print(stderr, "  {}\n", err.to_string());
    } else {
        fmt::print(stderr, "error: {}\n", e.what());
    }
    return exit_input;
}

namespace {

// CLI11 reads "-1" into an unsigned seed as 2^64-1 and saturates numbers too large for it; a seed
// is a whole number that fits, or an error naming the option.
std::string whole_seed(std::string& text) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() ? std::string() : "expected a whole number from 0 to 18446744073709551615";
}

// Every --seed of every (sub)command.
void check_seeds(CLI::App& app) {
    if (CLI::Option* seed = app.get_option_no_throw("--seed")) seed->check(CLI::Validator(whole_seed, "SEED"));
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) check_seeds(*sub);
}

}  // namespace

}  // namespace fsd::cli

int main(int argc, char** argv) {
    using namespace fsd::cli;
    CLI::App app{"fsd: field-service dispatch. Triage, durations, matching, travel, routing and cascade impact."};
    app.require_subcommand(1);
    app.set_version_flag("--version", "fsd 0.1.0");
    auto& commands = registry();
    std::sort(commands.begin(), commands.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::function<int()> action;
    for (auto& c : commands) {
        CLI::App* sub = app.add_subcommand(c.name, c.description);
        auto run = c.setup(*sub);
        sub->callback([&action, run] { action = run; });
    }
    check_seeds(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_ok : exit_input;
    }
    try {
        return action ? action() : exit_ok;
    } catch (const fsd::InputErrors& e) {
        return report_input_errors(e);
    } catch (const std::exception& e) {
        fmt::print(stderr, "internal error: {}\n", e.what());
        return exit_internal;
    }
}
