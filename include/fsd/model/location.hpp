// Where things are: geographic (lat/lon) for real work, plane (x/y) for the benchmark sets, or
// known only as a row of an explicit travel matrix. Jobs and technicians refer to a LocationId.
#pragma once

#include <cmath>
#include <cstdint>
#include <variant>

#include "fsd/model/index.hpp"

namespace fsd {

struct LatLon {
    double lat = 0;
    double lon = 0;
    friend bool operator==(const LatLon&, const LatLon&) = default;
};

struct PlaneXY {
    double x = 0;
    double y = 0;
    friend bool operator==(const PlaneXY&, const PlaneXY&) = default;
};

// std::monostate: the place has no coordinates, only its index in the travel matrix.
using Coordinates = std::variant<std::monostate, LatLon, PlaneXY>;

struct Location {
    Coordinates coordinates;
    friend bool operator==(const Location&, const Location&) = default;
};

constexpr double earth_radius_m = 6371008.8;  // mean Earth radius (IUGG)

// Great-circle distance in metres.
inline double haversine_m(LatLon a, LatLon b) {
    constexpr double rad = 3.14159265358979323846 / 180.0;
    const double dlat = (b.lat - a.lat) * rad;
    const double dlon = (b.lon - a.lon) * rad;
    const double s =
        std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(a.lat * rad) * std::cos(b.lat * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * earth_radius_m * std::asin(std::sqrt(std::min(1.0, s)));
}

}  // namespace fsd
