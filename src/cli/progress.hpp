// Private to the CLI: the live one-line progress display on stderr for solver runs. On a
// terminal it rewrites one line; in a log it prints a line every second.
#pragma once

#include <unistd.h>
#include <cstdio>
#include <string>

#include <fmt/core.h>

#include "fsd/model/objective.hpp"
#include "fsd/solver/alns.hpp"

namespace fsd::cli {

inline std::string cost_text(const Problem& p, Cost c) {
    if (c == Cost::infinity()) return "-";
    if (p.objective.kind == ObjectiveKind::weighted) return fmt::format("{:.2f}", to_currency(c));
    return fmt::format("{:.1f}", static_cast<double>(c.count()) / static_cast<double>(p.scale));
}

class ProgressLine {
public:
    explicit ProgressLine(const Problem& p) : p_(p), tty_(isatty(fileno(stderr)) != 0) {}

    bool operator()(const solver::Progress& pr) {
        const std::string line = fmt::format("[{:6.1f}s] iteration {:>9}  best {:>12}  routes {:>3}  unassigned {:>3}", pr.elapsed_seconds,
                                             pr.iteration, cost_text(p_, pr.best), pr.routes_used, pr.unassigned);
        if (tty_) {
            fmt::print(stderr, "\r{}", line);
        } else if (pr.elapsed_seconds >= next_) {
            fmt::print(stderr, "{}\n", line);
            next_ = pr.elapsed_seconds + 1.0;
        }
        std::fflush(stderr);
        return true;
    }
    void finish() {
        if (tty_) fmt::print(stderr, "\n");
    }

private:
    const Problem& p_;
    bool tty_;
    double next_ = 0;
};

}  // namespace fsd::cli
