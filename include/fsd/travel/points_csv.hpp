// The point lists `fsd matrix` reads: one point per line, an id then its coordinates, in
// degrees ("id,lat,lon") or in the DIMACS .co convention ("id,x,y": integer microdegrees,
// longitude first). Errors name the file and the line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "fsd/model/location.hpp"

namespace fsd {

struct NamedPoint {
    std::string id;
    LatLon position;
    friend bool operator==(const NamedPoint&, const NamedPoint&) = default;
};

enum class PointCoordinates { degrees_lat_lon, microdegrees_x_y };

// A first line of "id,lat,lon" or "id,x,y" is a header and decides the convention; a file
// without one uses `without_header` (degrees for OSM networks, microdegrees for DIMACS). Ids must
// be unique and non-empty. Throws InputErrors.
std::vector<NamedPoint> read_points_csv(const std::filesystem::path& path, PointCoordinates without_header);

}  // namespace fsd
