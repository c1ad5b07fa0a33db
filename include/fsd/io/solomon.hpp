// Benchmark formats: Solomon / Gehring-Homberger VRPTW instances (read) and CVRPLIB solutions
// (read and write), mapped onto the fsd model: one depot, K identical technicians, capacity.
#pragma once

#include <filesystem>
#include <string>

#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

struct SolomonOptions {
    EuclideanTravel::Convention convention = EuclideanTravel::Convention::dimacs;
    ObjectiveKind objective = ObjectiveKind::distance;
};

// Scale used for a convention: model seconds per instance unit.
std::int64_t solomon_scale(EuclideanTravel::Convention c);

// Throws InputErrors (with line numbers) on malformed files.
Problem read_solomon(std::istream& in, const SolomonOptions& options = {}, const std::string& source = "");
Problem load_solomon(const std::filesystem::path& path, const SolomonOptions& options = {});

// CVRPLIB .sol: "Route #k: c1 c2 ..." with customers numbered as in the instance (job i+1 is
// jobs[i]), then "Cost X". Reading rebuilds a plan on technicians 0..routes-1.
std::string to_cvrplib(const Problem& problem, const Plan& plan, double cost);
Plan read_cvrplib(std::istream& in, const Problem& problem, const std::string& source = "");
Plan load_cvrplib(const std::filesystem::path& path, const Problem& problem);

}  // namespace fsd
