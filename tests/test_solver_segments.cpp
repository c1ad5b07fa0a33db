// The O(1) machinery against brute force: time-window segments against a stop-by-stop simulation
// over every possible start time, on thousands of random routes, split and bracketed at random;
// the search state's incremental insertion costs, and every local-search move's predicted cost,
// against recomputing the whole route.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "fsd/io/solomon.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/random.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/solver/alns.hpp"
#include "fsd/solver/local_search/local_search.hpp"
#include "fsd/solver/plan_output.hpp"
#include "fsd/solver/repair/greedy_insertion.hpp"
#include "fsd/solver/search_state.hpp"

namespace Catch {
template <class Tag>
struct StringMaker<fsd::Quantity<Tag>> {
    static std::string convert(const fsd::Quantity<Tag>& q) { return std::to_string(q.count()); }
};
}  // namespace Catch

namespace test_solver_segments {

using namespace fsd;
using namespace fsd::solver;

namespace {

constexpr int locations = 5;

struct SimStop {
    Duration service;
    TimeWindow window;
    std::uint32_t location;  // no_location for a break
};

struct BruteArc {
    Duration time;
    Distance distance;
};

struct Brute {
    Duration warp = Duration::infinity();
    Duration duration = Duration::infinity();
    TimePoint earliest = TimePoint::max(), latest = TimePoint::min();  // of zero-warp optimal starts
};

// Simulates the route from every start time of its first stop. Lateness "travels back in time"
// to the window end and counts as warp, as the algebra defines it. A break is taken where the
// technician is, before driving on.
Brute brute_force(const std::vector<SimStop>& stops, const std::vector<BruteArc>& arcs) {
    std::vector<std::pair<Duration, Duration>> runs;  // (warp, duration) per start time
    const TimePoint lo(-60), hi(420);
    for (TimePoint s = lo; s <= hi; s += Duration(1)) {
        TimePoint t = s;
        Duration warp = Duration::zero();
        std::uint32_t here = stops[0].location;
        for (std::size_t i = 0; i < stops.size(); ++i) {
            if (i > 0 && stops[i].location != no_location) {
                t += arcs[here * locations + stops[i].location].time;
                here = stops[i].location;
            }
            t = max(t, stops[i].window.start);
            if (t > stops[i].window.end) {
                warp += t - stops[i].window.end;
                t = stops[i].window.end;
            }
            t += stops[i].service;
        }
        runs.emplace_back(warp, (t - s) + warp);
    }
    Brute b;
    for (const auto& [w, d] : runs) b.warp = min(b.warp, w);
    for (const auto& [w, d] : runs)
        if (w == b.warp) b.duration = min(b.duration, d);
    for (std::size_t k = 0; k < runs.size(); ++k) {
        const TimePoint s = lo + Duration(static_cast<std::int64_t>(k));
        if (runs[k].first == Duration::zero() && runs[k].second == b.duration) b.earliest = min(b.earliest, s);
        if (runs[k].first == Duration::zero()) b.latest = max(b.latest, s);
    }
    return b;
}

Segment piece(const SimStop& s) {
    return Segment::stop(s.service, s.window, 0, s.location);
}

// The cost of s's routes loaded into a fresh state: what the incremental caches must agree with.
Cost rebuilt_cost(const Instance& inst, const SearchState& s) {
    Snapshot snap;
    snap.take(s);
    SearchState rebuilt(inst);
    snap.restore(rebuilt);
    return rebuilt.cost();
}

}  // namespace

TEST_CASE("segment concatenation equals brute-force simulation, breaks included, in any bracketing") {
    Rng rng(2024);
    int with_breaks = 0;
    for (int trial = 0; trial < 3000; ++trial) {
        std::vector<BruteArc> arcs(locations * locations);
        for (auto& a : arcs) {
            a.time = Duration(rng.between(0, 30));
            a.distance = Distance(rng.between(0, 50));
        }
        auto arc = [&](std::uint32_t x, std::uint32_t y) -> const BruteArc& { return arcs[x * locations + y]; };
        const int n = static_cast<int>(rng.between(1, 8));
        std::vector<SimStop> stops(n);
        bool any_break = false;
        for (int i = 0; i < n; ++i) {
            const auto a = rng.between(0, 250);
            stops[i].window = {TimePoint(a), TimePoint(a + rng.between(0, 80))};
            stops[i].service = Duration(rng.between(0, 20));
            // The first stop is located, as a route's start depot is.
            const bool rest = i > 0 && rng.chance(0.3);
            stops[i].location = rest ? no_location : static_cast<std::uint32_t>(rng.below(locations));
            any_break = any_break || rest;
        }
        with_breaks += any_break ? 1 : 0;
        const Brute b = brute_force(stops, arcs);
        Segment left = piece(stops[0]);
        for (int i = 1; i < n; ++i) left = join(left, piece(stops[i]), arc);
        Segment right = piece(stops[n - 1]);
        for (int i = n - 2; i >= 0; --i) right = join(piece(stops[i]), right, arc);
        const int cut = static_cast<int>(rng.between(1, n));
        Segment prefix = piece(stops[0]), suffix = piece(stops[n - 1]);
        for (int i = 1; i < cut; ++i) prefix = join(prefix, piece(stops[i]), arc);
        for (int i = n - 2; i >= cut; --i) suffix = join(piece(stops[i]), suffix, arc);
        const Segment split = cut == n ? prefix : join(prefix, suffix, arc);
        for (const Segment& s : {left, right, split}) {
            CAPTURE(trial, n, cut);
            REQUIRE(s.time_warp() == b.warp);
            REQUIRE(s.duration() == b.duration);
            REQUIRE(!s.has_head);
            if (s.feasible()) {
                REQUIRE(s.earliest() == b.earliest);
                REQUIRE(s.latest() == b.latest);
            }
        }
        REQUIRE(left.distance == right.distance);
        REQUIRE(left.distance == split.distance);
    }
    CHECK(with_breaks > 1000);
}

TEST_CASE("incremental insertion costs equal full recomputation on random field-service routes") {
    ScenarioOptions o;
    o.technicians = 6;
    o.jobs = 40;
    o.seed = 5;
    const Problem p = generate_scenario(o);
    const Instance inst(p);
    Rng rng(7);
    int checked = 0, feasible = 0;
    for (int trial = 0; trial < 300; ++trial) {
        SearchState s(inst);
        // A random partial solution, built only from feasible insertions.
        for (int k = 0; k < 25; ++k) {
            const auto u = static_cast<Node>(rng.below(static_cast<std::uint64_t>(inst.num_jobs())));
            const int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(s.num_routes())));
            if (s.route_of(u) >= 0 || !inst.eligible(u, s.route(r).vehicle)) continue;
            const int pos = static_cast<int>(rng.between(0, s.route(r).size()));
            if (s.insertion_delta(u, r, pos) == Cost::infinity()) continue;
            s.insert(u, r, pos);
            s.update(r);
        }
        // Every candidate insertion: delta from cached segments vs rebuilding the route.
        for (int k = 0; k < 20; ++k) {
            const auto u = static_cast<Node>(rng.below(static_cast<std::uint64_t>(inst.num_jobs())));
            if (s.route_of(u) >= 0) continue;
            const int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(s.num_routes())));
            if (!inst.eligible(u, s.route(r).vehicle)) continue;
            const int pos = static_cast<int>(rng.between(0, s.route(r).size()));
            const Cost delta = s.insertion_delta(u, r, pos);
            const Cost before = s.route(r).cost;
            SearchState copy = s;
            copy.insert(u, r, pos);
            copy.update(r);
            const Cost rebuilt = copy.route(r).cost;
            ++checked;
            if (rebuilt == Cost::infinity()) {
                CHECK(delta == Cost::infinity());
            } else {
                ++feasible;
                CHECK(delta == rebuilt - before);
                CHECK(copy.cost() == s.cost() + delta - inst.unassigned_penalty(u));
            }
        }
    }
    CHECK(checked > 1000);
    CHECK(feasible > 100);
}

TEST_CASE("local-search moves predict exactly the cost their routes recompute to") {
    // Every applied move asserts predicted == recomputed route cost (MoveContext::apply; assertions
    // are on in tests). Here: many moves, on field-service days with breaks and technicians of
    // different efficiency, and on a benchmark instance; then the whole state against a rebuild.
    std::vector<Problem> problems;
    for (std::uint64_t seed : {3, 4, 5}) {
        ScenarioOptions o;
        o.seed = seed;
        o.technicians = 8;
        o.jobs = 45;
        o.days = seed == 5 ? 2 : 1;
        problems.push_back(generate_scenario(o));
    }
    problems.push_back(load_solomon(std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/RC201.txt"));
    LocalSearchParams every_move;       // the optional moves too: reversed or-opt chains, run exchanges,
    every_move.or_opt_reversed = true;  // 2-opt between routes with reversal
    every_move.swap_chains_max = 3;
    every_move.two_opt_reversed = true;
    for (const LocalSearchParams& params : {LocalSearchParams{}, every_move})
        for (const Problem& p : problems) {
            const Instance inst(p);
            Rng rng(11);
            LocalSearch ls(params);
            for (int trial = 0; trial < 20; ++trial) {
                SearchState s(inst);
                s.keep_reversed(params.two_opt_reversed);
                s.begin_iteration();
                GreedyInsertion greedy;
                greedy.blink_rate = 0.3;  // a poor start leaves the local search plenty to do
                greedy(s, rng);
                const Cost start = s.cost();
                ls.run_all(s, rng);
                CHECK(s.cost() <= start);
                CHECK(rebuilt_cost(inst, s) == s.cost());
                CHECK(evaluate(p, to_plan(s)).feasible());
            }
            CHECK(ls.moves_applied() > 100);
        }
}

TEST_CASE("reversed route pieces stay equal to a from-scratch walk under random edits") {
    ScenarioOptions o;
    o.technicians = 4;
    o.jobs = 40;
    o.seed = 12;
    const Problem p = generate_scenario(o);  // breaks included: they must reverse too
    const Instance inst(p);
    SearchState s(inst);
    s.keep_reversed(true);
    Rng rng(3);
    auto same = [](const Segment& a, const Segment& b) {
        return a.duration() == b.duration() && a.time_warp() == b.time_warp() && a.earliest() == b.earliest() && a.latest() == b.latest() &&
               a.distance == b.distance && a.load == b.load;
    };
    int compared = 0;
    for (int step = 0; step < 3000; ++step) {
        const auto u = static_cast<Node>(rng.below(static_cast<std::uint64_t>(inst.num_jobs())));
        if (s.route_of(u) >= 0) {
            const int r = s.route_of(u);
            s.erase(u);
            s.update(r);
        } else {
            const int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(s.num_routes())));
            if (!inst.eligible(u, s.route(r).vehicle)) continue;
            s.insert(u, r, static_cast<int>(rng.between(0, s.route(r).size())));
            s.update(r);
        }
        const int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(s.num_routes())));
        const RouteState& R = s.route(r);
        for (int i = 0; i <= R.size(); ++i) {
            Segment to_end = inst.end_depot(R.vehicle), from_start = inst.start_depot(R.vehicle);
            for (int k = 0; k < i; ++k) to_end = inst.join(inst.stop(R.nodes[k], R.vehicle), to_end);
            for (int k = R.size() - 1; k >= i; --k) from_start = inst.join(from_start, inst.stop(R.nodes[k], R.vehicle));
            CHECK(same(R.rev_to_end[i], to_end));
            CHECK(same(R.rev_from_start[i], from_start));
            ++compared;
        }
    }
    CHECK(compared > 5000);
}

TEST_CASE("with time warp priced, insertions and moves still predict exactly, and feasibility is tracked") {
    // The relaxed search (SearchState::set_warp_price): any insertion is allowed, late routes cost
    // their time warp at the price, and every O(1) evaluation must still match a rebuild.
    const Problem p = load_solomon(std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/RC101.txt");
    const Instance inst(p);
    Rng rng(21);
    LocalSearch ls;
    int warped = 0, checked = 0;
    for (int trial = 0; trial < 30; ++trial) {
        SearchState s(inst);
        const double price = 0.5 + trial % 5;
        s.set_warp_price(price);
        s.begin_iteration();
        // Random insertions pay no attention to windows: most routes end up late.
        for (Node u = 0; u < inst.num_jobs(); ++u) {
            const int r = static_cast<int>(rng.below(12));
            const int pos = static_cast<int>(rng.between(0, s.route(r).size()));
            const Cost delta = s.insertion_delta(u, r, pos);
            if (delta == Cost::infinity()) continue;  // capacity stays hard
            SearchState copy = s;
            copy.insert(u, r, pos);
            copy.update(r);
            CHECK(delta == copy.route(r).cost - s.route(r).cost);
            ++checked;
            s.insert(u, r, pos);
            s.update(r);
        }
        int late = 0;
        for (int r = 0; r < s.num_routes(); ++r) {
            const RouteState& R = s.route(r);
            if (R.empty()) continue;
            // A route's cost: its distance, plus its time warp at the price.
            const Segment whole = R.whole();
            CHECK(R.warp == whole.time_warp());
            const RouteRates& rates = inst.vehicle(R.vehicle).rates;
            REQUIRE(inst.distance_only());
            CHECK(R.cost.count() == rates.per_distance * whole.distance.count() + rates.per_route.count() +
                                        std::llround(price * static_cast<double>(whole.time_warp().count())));
            late += R.warp > Duration::zero() ? 1 : 0;
        }
        CHECK(s.feasible() == (late == 0));
        warped += late;
        const Cost before = s.cost();
        ls.run_all(s, rng);  // every applied move asserts its predicted cost
        CHECK(s.cost() <= before);
        // Priced high enough, local search trades distance for punctuality.
        s.set_warp_price(1e6);
        ls.run_all(s, rng);
        Duration left = Duration::zero();
        for (int r = 0; r < s.num_routes(); ++r) left += s.route(r).warp;
        CHECK(left < Duration(20000));
        if (s.feasible()) {
            s.set_warp_price(0);
            CHECK(rebuilt_cost(inst, s) == s.cost());
            CHECK(evaluate(p, to_plan(s)).feasible());
        }
    }
    CHECK(warped > 100);
    CHECK(checked > 2000);
    CHECK(ls.moves_applied() > 1000);
}

}  // namespace test_solver_segments
