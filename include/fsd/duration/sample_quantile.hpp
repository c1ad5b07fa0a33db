// The sample quantile of a range of numbers, by partial sorting: what the empirical duration
// model and the quantile regression's starting points both measure.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>

namespace fsd {

// The q-quantile of `values` (reordered in place); linear interpolation between order statistics.
inline double quantile_in_place(double* first, double* last, double q) {
    assert(last > first && q >= 0 && q <= 1);
    const auto n = static_cast<std::size_t>(last - first);
    const double pos = q * static_cast<double>(n - 1);
    const auto lo = static_cast<std::size_t>(pos);
    std::nth_element(first, first + lo, last);
    const double below = first[lo];
    if (lo + 1 >= n) return below;
    const double above = *std::min_element(first + lo + 1, last);
    return below + (pos - static_cast<double>(lo)) * (above - below);
}

}  // namespace fsd
