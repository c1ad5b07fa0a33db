// libFuzzer harness for the problem reader: any bytes are parsed as a problem document, given
// travel tables by the built-in models, checked, written back and read again. Bad input must
// end in InputErrors; anything else (a crash, a sanitizer report, a round trip that changes the
// problem) is a finding. Road networks are not resolved: they would read files named by the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <variant>

#include <nlohmann/json.hpp>

#include "fsd/io/json.hpp"
#include "fsd/io/resolve_travel.hpp"
#include "fsd/travel/provider.hpp"

namespace {

// The tables of the models that need no files; false for a road network.
bool resolve_without_files(fsd::Problem& problem) {
    if (const auto* s = std::get_if<fsd::StraightLineTravel>(&problem.travel_source)) {
        fsd::resolve_travel(problem, fsd::StraightLineProvider{*s});
    } else if (const auto* e = std::get_if<fsd::EuclideanTravel>(&problem.travel_source)) {
        fsd::resolve_travel(problem, fsd::EuclideanProvider{*e});
    } else if (std::holds_alternative<fsd::MatrixTravel>(problem.travel_source)) {
        fsd::resolve_travel(problem, fsd::ExplicitMatrixProvider{problem.travel});
    } else {
        return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fsd::Json doc = fsd::Json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return 0;
    try {
        fsd::Problem problem = fsd::problem_from_json(doc);
        if (!resolve_without_files(problem)) return 0;
        // A valid problem survives being written and read back unchanged.
        fsd::Problem again = fsd::problem_from_json(fsd::Json::parse(fsd::problem_to_json(problem).dump()));
        if (!resolve_without_files(again) || !(again == problem)) std::abort();
    } catch (const fsd::InputErrors&) {
    }
    return 0;
}
