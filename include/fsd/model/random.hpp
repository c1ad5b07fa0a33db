// A small, fast, seedable random generator (xoshiro256** seeded through splitmix64) with the
// few distributions fsd needs. Unlike <random>'s distributions its output is the same on every
// standard library, so a seed names one scenario and one solver run everywhere.
#pragma once

#include <cmath>
#include <cstdint>
#include <utility>

namespace fsd {

class Rng {
public:
    using result_type = std::uint64_t;
    explicit Rng(std::uint64_t seed = 1) {
        for (auto& s : s_) s = splitmix(seed);
    }
    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type{0}; }

    result_type operator()() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Uniform integer in [0, n); n > 0. Lemire's multiply-shift, bias below 2^-32 for our n.
    std::uint64_t below(std::uint64_t n) {
        __extension__ using u128 = unsigned __int128;
        return static_cast<std::uint64_t>((static_cast<u128>((*this)()) * n) >> 64);
    }
    // Uniform integer in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
    }
    bool chance(double p) { return uniform() < p; }
    // Standard normal by Box-Muller (one of the pair; simplicity over speed here).
    double normal() {
        double u1 = uniform();
        while (u1 <= 0.0) u1 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * uniform());
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }
    // An independent stream for a sub-task, derived deterministically from this one.
    Rng split() { return Rng((*this)()); }

    template <class It>
    void shuffle(It first, It last) {
        for (auto n = last - first; n > 1; --n) std::swap(first[n - 1], first[below(static_cast<std::uint64_t>(n))]);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::uint64_t s_[4]{};
};

}  // namespace fsd
