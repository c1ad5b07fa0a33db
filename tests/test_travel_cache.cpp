// The binary matrix cache: a round trip keeps every entry (unreachable ones too), the header
// keys change with the network and the points, and damaged files are refused, not half-read.
#include <catch2/catch.hpp>

#include <fstream>

#include "fsd/model/problem.hpp"
#include "fsd/travel/matrix_cache.hpp"
#include "fsd/travel/road_loaders.hpp"
#include "fsd/travel/sample_points.hpp"
#include "travel_test_support.hpp"

namespace test_travel_cache {

using namespace fsd;
namespace fs = std::filesystem;

namespace {

const RoadNetwork& monaco() {
    static const RoadNetwork net = load_road_network(fs::path(FSD_SHARED_DIR) / "roads" / "monaco");
    return net;
}

MatrixCacheFile monaco_cache(std::size_t n) {
    const RoadSnapper snapper(monaco());
    const std::vector<LatLon> points = sample_road_points(monaco(), n, 17);
    const SnapReport snaps = snapper.snap(points, 500);
    MatrixCacheFile cache;
    cache.key = {monaco().content_hash(), points_hash(points, SnapOptions{})};
    cache.snaps = snaps.points;
    cache.matrix = road_matrix(monaco(), snaps.nodes());
    cache.bands = {{7 * 3600, 9 * 3600, 0.6}};
    return cache;
}

std::string bytes_of(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}
void write_bytes(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary) << bytes;
}

std::string read_error(const fs::path& p) {
    try {
        (void)read_matrix_cache(p);
    } catch (const InputErrors& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("a matrix cache round-trips exactly") {
    test::TempDir dir("cache");
    const fs::path file = dir.path() / "monaco.fsdm";
    const MatrixCacheFile cache = monaco_cache(40);
    write_matrix_cache(file, cache);
    CHECK(fs::file_size(file) == 40 + 16 + 40 * 12 + 16 * 40 * 40 + 8);
    CHECK_FALSE(fs::exists(file.string() + ".partial"));
    const MatrixCacheFile back = read_matrix_cache(file);
    CHECK(back == cache);
    CHECK(back.key.network_hash == monaco().content_hash());

    // Unreachable entries and an empty profile survive too.
    MatrixCacheFile cut = cache;
    cut.matrix.time_ms(3, 4) = cut.matrix.length_cm(3, 4) = RoadMatrix::unreachable;
    cut.bands.clear();
    write_matrix_cache(file, cut);
    CHECK(read_matrix_cache(file) == cut);
    CHECK_FALSE(read_matrix_cache(file).matrix.reachable(3, 4));
}

TEST_CASE("cache keys follow the points and the snapping rules") {
    const std::vector<LatLon> a{{43.73, 7.42}, {43.74, 7.43}};
    std::vector<LatLon> b = a;
    CHECK(points_hash(a, {}) == points_hash(b, {}));
    b[1].lon = std::nextafter(b[1].lon, 8.0);
    CHECK(points_hash(a, {}) != points_hash(b, {}));
    CHECK(points_hash(a, {}) != points_hash(std::vector<LatLon>{a[1], a[0]}, {}));
    CHECK(points_hash(a, {}) != points_hash(a, SnapOptions{.max_snap_m = 400}));
    CHECK(points_hash(a, {}) != points_hash(a, SnapOptions{.largest_component_only = false}));
}

TEST_CASE("damaged caches are refused with a reason") {
    test::TempDir dir("cache-bad");
    const fs::path file = dir.path() / "m.fsdm";
    write_matrix_cache(file, monaco_cache(10));
    const std::string good = bytes_of(file);

    std::string flipped = good;
    flipped[good.size() / 2] ^= 0x10;
    write_bytes(file, flipped);
    CHECK_THAT(read_error(file), Catch::Contains("checksum"));

    write_bytes(file, good.substr(0, good.size() - 100));
    CHECK_THAT(read_error(file), Catch::Contains("truncated"));

    std::string other = good;
    other[0] = 'X';
    write_bytes(file, other);
    CHECK_THAT(read_error(file), Catch::Contains("not an fsd matrix cache"));

    std::string newer = good;
    newer[8] = 2;
    write_bytes(file, newer);
    CHECK_THAT(read_error(file), Catch::Contains("version 2"));

    CHECK_THAT(read_error(dir.path() / "missing"), Catch::Contains("cannot read"));
    write_bytes(file, good);
    CHECK(read_error(file) == "no error");
}

}  // namespace test_travel_cache
