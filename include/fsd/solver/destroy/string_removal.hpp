// Destroy: SISR string removal (Christiaens & Vanden Berghe 2020). Around a random seed job it
// removes short strings of consecutive stops from several nearby routes, sometimes keeping a
// middle part ("split string"), which opens room exactly where routes meet.
#pragma once

#include <cmath>

#include "fsd/solver/operator.hpp"

namespace fsd::solver {

struct StringRemoval {
    double average_removed = 10.0;  // c-bar: jobs removed on average
    int max_string_length = 10;     // L-max
    double split_rate = 0.5;        // share of strings removed with a kept middle part
    double split_depth = 0.01;      // beta: how long the kept middle part tends to be
    std::vector<int> ruined;        // routes already cut this time
    std::vector<Node> doomed;

    void operator()(SearchState& s, Rng& rng) {
        const Instance& inst = s.instance();
        const int routed = routed_jobs(s);
        if (routed == 0) return;
        const double avg_len = static_cast<double>(routed) / std::max(1, s.routes_used());
        const double l_max = std::min<double>(max_string_length, avg_len);
        const double k_max = 4.0 * average_removed / (1.0 + l_max) - 1.0;
        const int strings = static_cast<int>(std::floor(rng.uniform(1.0, k_max + 1.0)));
        const Node seed = random_routed_job(s, rng);
        if (seed < 0) return;
        ruined.clear();
        doomed.clear();
        visit(s, seed, l_max, rng);
        for (Node v : inst.neighbours(seed)) {
            if (static_cast<int>(ruined.size()) >= strings) break;
            visit(s, v, l_max, rng);
        }
        std::erase_if(doomed, [&](Node u) { return inst.is_break(u); });  // breaks stay with their route
        remove_jobs(s, doomed);
    }

private:
    void visit(const SearchState& s, Node v, double l_max, Rng& rng) {
        const int r = s.route_of(v);
        if (r < 0 || std::find(ruined.begin(), ruined.end(), r) != ruined.end()) return;
        ruined.push_back(r);
        const RouteState& R = s.route(r);
        const double cap = std::min<double>(l_max, R.size());
        const int len = std::max(1, static_cast<int>(std::floor(rng.uniform(1.0, cap + 1.0))));
        if (rng.chance(split_rate) && len < R.size())
            split_string(s, R, v, len, rng);
        else
            string(R, s.pos_of(v), len, rng);
    }

    // A window of `len` consecutive positions that contains pos, placed at random.
    static int window_start(int size, int pos, int len, Rng& rng) {
        const int lo = std::max(0, pos - len + 1), hi = std::min(pos, size - len);
        return static_cast<int>(rng.between(lo, std::max(lo, hi)));
    }

    void string(const RouteState& R, int pos, int len, Rng& rng) {
        const int start = window_start(R.size(), pos, len, rng);
        for (int i = start; i < start + len && i < R.size(); ++i) doomed.push_back(R.nodes[i]);
    }

    void split_string(const SearchState& s, const RouteState& R, Node v, int len, Rng& rng) {
        int kept = 1;  // grow the preserved middle while the route is long enough and the coin says so
        while (len + kept < R.size() && rng.uniform() > split_depth) ++kept;
        const int total = len + kept;
        const int start = window_start(R.size(), s.pos_of(v), total, rng);
        const int keep_from = start + static_cast<int>(rng.between(0, len));
        for (int i = start; i < start + total && i < R.size(); ++i)
            if (i < keep_from || i >= keep_from + kept) doomed.push_back(R.nodes[i]);
    }
};

}  // namespace fsd::solver
