// libFuzzer harness for the plan reader: any bytes are parsed as a plan of the metro demo
// problem, evaluated and written back, as `fsd evaluate` does. Bad input must end in
// InputErrors; a crash or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "fsd/io/json.hpp"
#include "fsd/io/resolve_travel.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/travel/provider.hpp"

#ifndef FSD_SOURCE_DIR
#error "FSD_SOURCE_DIR must name the source tree (for examples/data)"
#endif

namespace {

fsd::Problem demo_problem() {
    const std::filesystem::path file = std::filesystem::path(FSD_SOURCE_DIR) / "examples/data/metro-demo.json";
    fsd::Problem problem = fsd::problem_from_json(fsd::read_json_file(file));
    fsd::resolve_travel(problem, fsd::StraightLineProvider{std::get<fsd::StraightLineTravel>(problem.travel_source)});
    return problem;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const fsd::Problem problem = demo_problem();
    const fsd::Json doc = fsd::Json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return 0;
    try {
        const fsd::Plan plan = fsd::plan_from_json(doc, problem);
        const fsd::Evaluation evaluation = fsd::evaluate(problem, plan);
        (void)fsd::plan_to_json(problem, evaluation.schedule, &evaluation);
    } catch (const fsd::InputErrors&) {
    }
    return 0;
}
