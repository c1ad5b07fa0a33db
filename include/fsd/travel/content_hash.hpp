// A small, stable 64-bit content hash for cache keys: the road network's hash and the point
// list's hash in the matrix cache header. Not cryptographic; the same input gives the same
// value on every platform because callers feed it values, never raw struct bytes.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

namespace fsd {

class ContentHash {
public:
    void add(std::uint64_t word) { state_ = std::rotl((state_ ^ word) * 0x9E3779B97F4A7C15ULL, 29) * 0xBF58476D1CE4E5B9ULL; }
    // Doubles are hashed by bit pattern: the cache must miss when a coordinate changes at all.
    void add(double value) { add(std::bit_cast<std::uint64_t>(value)); }
    void add(std::string_view text) {
        add(static_cast<std::uint64_t>(text.size()));
        for (unsigned char c : text) add(static_cast<std::uint64_t>(c));
    }
    [[nodiscard]] std::uint64_t value() const {
        // splitmix64 finaliser: spreads the last words over all bits
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t state_ = 0x243F6A8885A308D3ULL;
};

}  // namespace fsd
