// The travel data a problem carries: a time and a distance between every pair of locations, as
// flat matrices, plus where they came from (so a problem can be written back as it was read).
#pragma once

#include <string>
#include <variant>

#include "fsd/model/matrix.hpp"
#include "fsd/model/units.hpp"

namespace fsd {

// Given explicitly in the problem.
struct MatrixTravel {
    friend bool operator==(const MatrixTravel&, const MatrixTravel&) = default;
};

// Great-circle distance times a detour factor, driven at a constant speed.
struct StraightLineTravel {
    double speed_kmh = 30.0;
    double detour_factor = 1.3;
    friend bool operator==(const StraightLineTravel&, const StraightLineTravel&) = default;
};

// Plane Euclidean distance for the benchmark sets; time equals distance.
// dimacs: truncated to one decimal (scale 10, exact). double: scale 1e9, rounded.
struct EuclideanTravel {
    enum class Convention { dimacs, double_precision };
    Convention convention = Convention::dimacs;
    friend bool operator==(const EuclideanTravel&, const EuclideanTravel&) = default;
};

// Shortest paths on a road network (fsd/travel/road_provider.hpp): `path` is a directory or
// file as docs/travel.md describes, relative to the problem file; each location snaps to the
// nearest road node no farther than max_snap_m.
struct RoadTravel {
    std::string path;
    double max_snap_m = 500.0;
    friend bool operator==(const RoadTravel&, const RoadTravel&) = default;
};

using TravelSource = std::variant<MatrixTravel, StraightLineTravel, EuclideanTravel, RoadTravel>;

struct TravelTables {
    Matrix<Duration> time;
    Matrix<Distance> distance;
    friend bool operator==(const TravelTables&, const TravelTables&) = default;
};

}  // namespace fsd
