// Technicians' track records for matching, read from a small JSON file (docs/matching.md):
// first-time-fix counts per job type and visits per customer, keyed by technician id, so that
// `fsd match --records FILE` can use those soft factors. Errors carry the file and JSON path.
#pragma once

#include <filesystem>
#include <vector>

#include "fsd/io/json.hpp"
#include "fsd/matching/match_inputs.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

inline constexpr const char* match_records_format = "fsd-match-records/1";

// One record per technician of `problem` (by index; technicians not in the file get an empty
// one). Throws InputErrors listing every defect: unknown technician ids, negative counts, more
// first-time fixes than jobs.
std::vector<matching::TechnicianRecord> match_records_from_json(const Json& doc, const Problem& problem);
std::vector<matching::TechnicianRecord> load_match_records(const std::filesystem::path& path, const Problem& problem);

}  // namespace fsd
