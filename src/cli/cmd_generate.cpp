// fsd generate: writes a seeded, realistic field-service scenario as a problem file.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "fsd/io/json.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/scenario/road_sites.hpp"

namespace fsd::cli {
namespace {

const Register generate_command{
    {"generate", "Write a seeded field-service scenario (technicians, jobs) as a problem file", [](CLI::App& app) {
         auto o = std::make_shared<ScenarioOptions>();
         auto out = std::make_shared<std::string>();
         auto roads = std::make_shared<std::string>();
         app.add_option("--technicians", o->technicians, "number of technicians (1-200)")->capture_default_str();
         app.add_option("--jobs", o->jobs, "number of jobs (0-1500)")->capture_default_str();
         app.add_option("--days", o->days, "days in the horizon (1-28)")->capture_default_str();
         app.add_option("--seed", o->seed, "random seed")->capture_default_str();
         app.add_option("--radius-km", o->radius_km, "radius of the metro area (0.1-500)")
             ->capture_default_str()
             ->check(number_in(0.1, 500));
         app.add_option("--visit-overhead-min", o->visit_overhead_min,
                        "minutes on site around each job's hands-on work, added to its durations (0-120)")
             ->check(number_in(0.0, 120.0))
             ->capture_default_str();
         app.add_option("--job-spread", o->duration_spread,
                        "multiplies each job type's log-normal duration spread (0-2; 0: every job takes its median)")
             ->check(number_in(0.0, 2.0))
             ->capture_default_str();
         app.add_option("--centre-lat", o->centre.lat, "centre of the metro area (away from the poles)")
             ->capture_default_str()
             ->check(number_in(-80, 80));
         app.add_option("--centre-lon", o->centre.lon, "centre of the metro area")->capture_default_str()->check(number_in(-179, 179));
         app.add_option("--roads", *roads,
                        "put homes and jobs on road nodes of this network (OSM folder or DIMACS .gr) and use road travel times");
         app.add_option("-o,--output", *out, "problem file to write (.json)")->required();
         return std::function<int()>([o, out, roads] {
             Problem p;
             try {
                 // On a network the file refers to it relative to itself, so the pair can move together.
                 p = roads->empty() ? generate_scenario(*o) : generate_on_roads(*o, *roads, std::filesystem::absolute(*out).parent_path());
             } catch (const std::invalid_argument& e) {
                 fmt::print(stderr, "error: {}\n", e.what());
                 return exit_input;
             }
             write_json_file(*out, problem_to_json(p));
             fmt::print("wrote {}: {} technicians, {} jobs, {} day(s)\n", *out, p.technicians.size(), p.jobs.size(), p.horizon.days);
             return exit_ok;
         });
     }}};

}  // namespace
}  // namespace fsd::cli
