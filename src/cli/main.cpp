// fsd: field-service dispatch from the command line. Subcommands register themselves (command.hpp).
#include <algorithm>
#include <iostream>

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
