// Benchmark I/O and the evaluator against the independent Python checker, in both conventions.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "fsd/baseline/baseline.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/model/evaluate.hpp"

namespace test_solomon_checker {

using namespace fsd;
namespace fs = std::filesystem;

namespace {

const std::string shared_dir = FSD_SHARED_DIR;

std::string run(const std::string& cmd) {
    std::array<char, 4096> buf{};
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    REQUIRE(pipe);
    while (fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
    return out;
}

// The checker's recomputed cost for one solution file, at full precision: its printed output
// rounds to 4 decimals, so this calls its own check() directly.
double checker_cost(const std::string& instance, const std::string& sol, const std::string& convention) {
    const std::string script = "import sys; sys.path.insert(0, '" + shared_dir +
                               "/tools'); import vrptw_score as v; "
                               "inst = v.read_instance('" +
                               instance + "'); routes, _ = v.read_solution('" + sol +
                               "'); "
                               "errors, cost, veh = v.check(inst, routes, '" +
                               convention + "'); print(repr(cost))";
    const auto out = run("python3 -c \"" + script + "\"");
    REQUIRE(!out.empty());
    return std::stod(out);
}

}  // namespace

TEST_CASE("Solomon instances load into the model") {
    const Problem p = load_solomon(shared_dir + "/benchmarks/solomon/R101.txt");
    CHECK(p.technicians.size() == 25);
    CHECK(p.jobs.size() == 100);
    CHECK(p.technicians[0].capacity == 200);
    CHECK(p.scale == 10);
    // R101 customer 1: (41, 49), window [161, 171], service 10; depot (35, 35).
    CHECK(p.jobs[0].time_windows[0].start == TimePoint(1610));
    CHECK(p.jobs[0].duration.p50 == Duration(100));
    CHECK(p.travel_time(0, 1) == Duration(152));  // sqrt(36 + 196) = 15.23 -> 15.2
}

TEST_CASE("every shared benchmark instance loads") {
    int n = 0;
    for (const char* set : {"/benchmarks/solomon", "/benchmarks/homberger/200"})
        for (const auto& f : fs::directory_iterator(shared_dir + set)) {
            CAPTURE(f.path().string());
            const Problem p = load_solomon(f.path());
            CHECK(check_problem(p).empty());
            ++n;
        }
    CHECK(n == 116);
}

TEST_CASE("evaluator distance equals the Python checker's to 1e-6 in both conventions") {
    const auto tmp = fs::temp_directory_path() / "fsd_test_checker";
    fs::create_directories(tmp);
    for (const char* name : {"C101", "R102", "RC105", "R211", "C2_2_3", "RC1_2_4"}) {
        const std::string dir = std::string(name).find('_') != std::string::npos ? "/benchmarks/homberger/200/" : "/benchmarks/solomon/";
        const std::string instance = shared_dir + dir + name + ".txt";
        const Problem dimacs = load_solomon(instance);
        const Plan plan = plan_baseline(dimacs);
        const auto ev = evaluate(dimacs, plan);
        CAPTURE(name);
        REQUIRE(ev.feasible());
        const std::string sol = (tmp / (std::string(name) + ".sol")).string();
        std::ofstream(sol) << to_cvrplib(dimacs, plan, ev.kpis.distance_in_source_units);
        CHECK(std::abs(ev.kpis.distance_in_source_units - checker_cost(instance, sol, "dimacs")) < 1e-6);
        // The plan read back from the .sol is the same plan.
        const Plan back = load_cvrplib(sol, dimacs);
        CHECK(evaluate(dimacs, back).kpis.distance == ev.kpis.distance);

        SolomonOptions dbl;
        dbl.convention = EuclideanTravel::Convention::double_precision;
        const Problem exact = load_solomon(instance, dbl);
        const auto ev_double = evaluate(exact, load_cvrplib(sol, exact));
        CHECK(std::abs(ev_double.kpis.distance_in_source_units - checker_cost(instance, sol, "double")) < 1e-6);
    }
    fs::remove_all(tmp);
}

TEST_CASE("malformed benchmark files are input errors with a location") {
    std::istringstream not_solomon("hello world\n");
    CHECK_THROWS_AS(read_solomon(not_solomon, {}, "x.txt"), InputErrors);
    const Problem p = load_solomon(shared_dir + "/benchmarks/solomon/C101.txt");
    std::istringstream bad_sol("Route #1: 1 2 300\nCost 10\n");
    try {
        read_cvrplib(bad_sol, p, "x.sol");
        FAIL("accepted an unknown customer");
    } catch (const InputErrors& e) {
        CHECK(e.errors().front().path == "x.sol:1");
    }
}

}  // namespace test_solomon_checker
