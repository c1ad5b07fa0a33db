// The binary matrix cache: a road matrix for a list of points, with a header naming the network
// and the points it was computed for, so a later run with the same network and points reuses it
// instead of recomputing. Layout (little-endian) in docs/travel.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "fsd/model/location.hpp"
#include "fsd/travel/road_matrix.hpp"
#include "fsd/travel/rush_hour.hpp"
#include "fsd/travel/snap.hpp"

namespace fsd {

inline constexpr char matrix_cache_magic[8] = {'F', 'S', 'D', 'R', 'M', 'T', 'X', '\0'};
inline constexpr std::uint32_t matrix_cache_version = 1;

struct MatrixCacheKey {
    std::uint64_t network_hash = 0;  // RoadNetwork::content_hash()
    std::uint64_t points_hash = 0;   // points_hash() of the points and the snapping rules
    friend bool operator==(const MatrixCacheKey&, const MatrixCacheKey&) = default;
};

// Identifies the coordinates (bit for bit, in order) and the snapping rules they were
// snapped with; point names are not part of it, they do not change the matrix.
std::uint64_t points_hash(std::span<const LatLon> points, const SnapOptions& options);

struct MatrixCacheFile {
    MatrixCacheKey key;
    std::vector<SnappedPoint> snaps;  // every point snapped: node and distance
    RoadMatrix matrix;                // time_ms and length_cm, RoadMatrix::unreachable where no path
    std::vector<SpeedBand> bands;     // the rush-hour profile it was written with, if any
    friend bool operator==(const MatrixCacheFile& a, const MatrixCacheFile& b) {
        if (a.key != b.key || a.matrix != b.matrix || a.bands != b.bands || a.snaps.size() != b.snaps.size()) return false;
        for (std::size_t i = 0; i < a.snaps.size(); ++i)
            if (a.snaps[i].node != b.snaps[i].node || a.snaps[i].distance_m != b.snaps[i].distance_m) return false;
        return true;
    }
};

// Writes through a temporary file and a rename, so a reader never sees half a cache. Throws
// std::runtime_error when the file cannot be written.
void write_matrix_cache(const std::filesystem::path& path, const MatrixCacheFile& cache);

// Throws InputErrors when the file is not a complete cache of this version: wrong magic or
// version, truncated, or failing its checksum.
MatrixCacheFile read_matrix_cache(const std::filesystem::path& path);

}  // namespace fsd
