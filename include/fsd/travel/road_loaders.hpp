// Loading road networks from files: the OSM-derived CSV extracts (nodes.csv.gz, edges.csv.gz)
// and the 9th DIMACS Challenge .gr/.co files, gzipped or plain. Bad input throws InputErrors
// naming the file and line. Formats, units and file discovery: docs/travel.md.
#pragma once

#include <filesystem>
#include <optional>

#include "fsd/travel/road_network.hpp"

namespace fsd {

// Time ticks of the DIMACS USA-road-t files in milliseconds. The unit is arbitrary; we take
// the fastest class (d/t = 1.0) as 100 km/h, which makes the four classes 40, 60, 80 and
// 100 km/h and one t unit 3.6 ms.
inline constexpr TickScale dimacs_ms_per_time_unit{18, 5};
// USA-road-d lengths are 0.1 m.
inline constexpr TickScale dimacs_cm_per_length_unit{10, 1};

// `directory` holds nodes.csv[.gz] (id,osm_id,lat,lon; ids dense from 0) and edges.csv[.gz]
// (source,target,length_m,travel_time_s,...). Times become ms and lengths cm, exactly.
RoadNetwork load_osm_csv(const std::filesystem::path& directory);

struct DimacsFiles {
    std::filesystem::path time_arcs;                   // .gr: arc weights used as travel time
    std::optional<std::filesystem::path> length_arcs;  // .gr with the same arcs: lengths (0.1 m)
    std::filesystem::path coordinates;                 // .co: microdegrees, longitude first
};
// Without length_arcs, an arc's length is the great-circle distance of its end points.
RoadNetwork load_dimacs(const DimacsFiles& files);

// Finds the DIMACS files for a directory or for one .gr file in it (see docs/travel.md).
DimacsFiles find_dimacs_files(const std::filesystem::path& directory_or_gr_file);

enum class RoadFormat { osm_csv, dimacs };

// The format of a --roads argument: a directory with nodes.csv[.gz] is OSM CSV; a directory
// with a .co[.gz] file, or a .gr[.gz] file, is DIMACS. Throws InputErrors otherwise.
RoadFormat detect_road_format(const std::filesystem::path& directory_or_file);

// Loads either format, as detected above.
RoadNetwork load_road_network(const std::filesystem::path& directory_or_file);

}  // namespace fsd
