#include "fsd/travel/matrix_cache.hpp"

#include <bit>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "fsd/model/problem.hpp"
#include "fsd/travel/content_hash.hpp"

namespace fsd {
namespace {

constexpr std::size_t header_bytes = 40;

// Appends fixed-width little-endian fields and hashes each as it goes, whatever the host order.
class Encoder {
public:
    void u32(std::uint32_t v) { put(v, 4); }
    void i32(std::int32_t v) { put(static_cast<std::uint32_t>(v), 4); }
    void u64(std::uint64_t v) { put(v, 8); }
    void i64(std::int64_t v) { put(static_cast<std::uint64_t>(v), 8); }
    void f64(double v) { put(std::bit_cast<std::uint64_t>(v), 8); }
    void raw(const char* bytes, std::size_t n) { out.append(bytes, n); }
    std::string out;
    ContentHash hash;

private:
    void put(std::uint64_t v, int width) {
        hash.add(v);
        for (int i = 0; i < width; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    }
};

class Decoder {
public:
    Decoder(const std::string& bytes, const std::filesystem::path& file) : bytes_(bytes), file_(file) {}
    std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
    std::int32_t i32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(get(4))); }
    std::uint64_t u64() { return get(8); }
    std::int64_t i64() { return static_cast<std::int64_t>(get(8)); }
    double f64() { return std::bit_cast<double>(get(8)); }
    void skip(std::size_t n) { need(n), at_ += n; }
    [[nodiscard]] std::size_t remaining() const { return bytes_.size() - at_; }
    [[noreturn]] void fail(const std::string& why) const { throw InputErrors(std::vector<InputError>{{"", file_.string() + ": " + why}}); }
    ContentHash hash;

private:
    void need(std::size_t n) const {
        if (remaining() < n) fail("truncated matrix cache");
    }
    std::uint64_t get(int width) {
        need(static_cast<std::size_t>(width));
        std::uint64_t v = 0;
        for (int i = 0; i < width; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes_[at_ + i])) << (8 * i);
        at_ += static_cast<std::size_t>(width);
        hash.add(v);
        return v;
    }
    const std::string& bytes_;
    const std::filesystem::path& file_;
    std::size_t at_ = 0;
};

}  // namespace

std::uint64_t points_hash(std::span<const LatLon> points, const SnapOptions& options) {
    ContentHash h;
    h.add(static_cast<std::uint64_t>(points.size()));
    for (const LatLon& p : points) {
        h.add(p.lat);
        h.add(p.lon);
    }
    h.add(options.max_snap_m);
    h.add(static_cast<std::uint64_t>(options.largest_component_only));
    return h.value();
}

void write_matrix_cache(const std::filesystem::path& path, const MatrixCacheFile& cache) {
    const std::size_t n = cache.matrix.size();
    if (cache.snaps.size() != n) throw std::invalid_argument("matrix cache: one snap per point is needed");
    Encoder e;
    e.raw(matrix_cache_magic, sizeof matrix_cache_magic);
    e.u32(matrix_cache_version);
    e.u32(static_cast<std::uint32_t>(n));
    e.u64(cache.key.network_hash);
    e.u64(cache.key.points_hash);
    e.u32(static_cast<std::uint32_t>(cache.bands.size()));
    e.u32(0);  // reserved
    for (const SpeedBand& b : cache.bands) e.i32(b.start_s), e.i32(b.end_s), e.f64(b.speed_factor);
    for (const SnappedPoint& s : cache.snaps) e.u32(s.node.value_or(SearchGraph::none)), e.f64(s.distance_m);
    e.out.reserve(e.out.size() + 16 * n * n + 8);
    for (std::int64_t v : cache.matrix.time_ms.data()) e.i64(v);
    for (std::int64_t v : cache.matrix.length_cm.data()) e.i64(v);
    const std::uint64_t checksum = e.hash.value();
    e.u64(checksum);

    const std::filesystem::path partial = path.string() + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out.write(e.out.data(), static_cast<std::streamsize>(e.out.size()));
        if (!out) throw std::runtime_error("cannot write " + partial.string());
    }
    std::filesystem::rename(partial, path);
}

MatrixCacheFile read_matrix_cache(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputErrors(std::vector<InputError>{{"", "cannot read file " + path.string()}});
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    Decoder d(bytes, path);
    if (bytes.size() < header_bytes || std::memcmp(bytes.data(), matrix_cache_magic, sizeof matrix_cache_magic) != 0)
        d.fail("not an fsd matrix cache");
    d.skip(sizeof matrix_cache_magic);
    if (const auto version = d.u32(); version != matrix_cache_version)
        d.fail("matrix cache version " + std::to_string(version) + ", this fsd reads version " + std::to_string(matrix_cache_version));
    MatrixCacheFile cache;
    const std::size_t n = d.u32();
    cache.key.network_hash = d.u64();
    cache.key.points_hash = d.u64();
    const std::size_t band_count = d.u32();
    (void)d.u32();
    if (n > (1u << 20) || band_count > 1000) d.fail("implausible sizes in the matrix cache header");
    // Check the size before allocating anything it implies.
    if (d.remaining() != band_count * 16 + n * 12 + 16 * n * n + 8) d.fail("truncated or oversized matrix cache");
    for (std::size_t i = 0; i < band_count; ++i) {
        SpeedBand b;
        b.start_s = d.i32();
        b.end_s = d.i32();
        b.speed_factor = d.f64();
        cache.bands.push_back(b);
    }
    for (std::size_t i = 0; i < n; ++i) {
        SnappedPoint s;
        s.node = d.u32();
        s.distance_m = d.f64();
        cache.snaps.push_back(s);
    }
    cache.matrix = RoadMatrix{Matrix<std::int64_t>(n), Matrix<std::int64_t>(n)};
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) cache.matrix.time_ms(a, b) = d.i64();
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) cache.matrix.length_cm(a, b) = d.i64();
    const std::uint64_t expected = d.hash.value();
    if (d.u64() != expected) d.fail("matrix cache fails its checksum (corrupt)");
    if (auto why = RushHourProfile::problem_with(cache.bands)) d.fail("matrix cache holds an invalid profile: " + *why);
    return cache;
}

}  // namespace fsd
