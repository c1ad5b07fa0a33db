// Adaptive operator selection by a segmented roulette wheel (Ropke & Pisinger 2006): operators
// earn scores for new bests, improvements and accepted moves; every segment the weights move
// toward the average score per use.
#pragma once

#include <array>
#include <vector>

#include "fsd/model/random.hpp"

namespace fsd::solver {

enum class Outcome { new_best = 0, improved = 1, accepted = 2, rejected = 3 };

struct AdaptiveWeightsParams {
    int segment = 100;         // iterations between weight updates
    double reaction = 0.1;     // how far weights move toward the segment's scores
    double min_weight = 0.05;  // no operator is ever starved completely
    std::array<double, 4> rewards{33, 9, 13, 0};
};

class AdaptiveWeights {
public:
    explicit AdaptiveWeights(std::size_t n, const AdaptiveWeightsParams& p = {}) : p_(p), weights_(n, 1.0), scores_(n, 0.0), uses_(n, 0) {}

    [[nodiscard]] std::size_t choose(Rng& rng) const {
        double total = 0;
        for (double w : weights_) total += w;
        double x = rng.uniform(0, total);
        for (std::size_t i = 0; i < weights_.size(); ++i) {
            x -= weights_[i];
            if (x <= 0) return i;
        }
        return weights_.size() - 1;
    }

    void record(std::size_t op, Outcome o) {
        scores_[op] += p_.rewards[static_cast<int>(o)];
        ++uses_[op];
        if (++iterations_ % p_.segment == 0) end_segment();
    }

    [[nodiscard]] const std::vector<double>& weights() const { return weights_; }

private:
    void end_segment() {
        for (std::size_t i = 0; i < weights_.size(); ++i) {
            if (uses_[i] > 0) weights_[i] = (1 - p_.reaction) * weights_[i] + p_.reaction * scores_[i] / uses_[i];
            weights_[i] = std::max(weights_[i], p_.min_weight);
            scores_[i] = 0;
            uses_[i] = 0;
        }
    }

    AdaptiveWeightsParams p_;
    std::vector<double> weights_, scores_;
    std::vector<int> uses_;
    long iterations_ = 0;
};

}  // namespace fsd::solver
