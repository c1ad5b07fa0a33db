// The learned layer of triage: multinomial logistic regression (softmax, L2) over word and bigram
// features, trained by AdaGrad mini-batches on labelled tickets, with Eigen for the weights. It
// gives a probability per job type; its top probability is triage's confidence.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "fsd/triage/features.hpp"
#include "fsd/triage/labelled_ticket.hpp"
#include "fsd/triage/safety_rules.hpp"
#include "fsd/triage/spelling.hpp"
#include "fsd/triage/text.hpp"
#include "fsd/triage/vocabulary.hpp"

namespace fsd::triage {

struct TrainingOptions {
    FeatureOptions features;
    int epochs = 12;
    int batch_size = 32;
    float learning_rate = 0.4F;  // AdaGrad step size
    float l2 = 1e-4F;            // weight decay, per batch on the columns it touches
    std::uint64_t seed = 1;      // order of the mini-batches
    // A training word this many times rarer than a known word one edit away is taken for its typo.
    double typo_ratio = 10.0;
    // A training word one edit from a safety-rule word must be at least this frequent to be kept
    // as a word of its own ("single" near "tingle"); rarer ones are typos ("spraks").
    double safety_neighbour_min_count = 20.0;
};

namespace detail {

// Class scores of one sparse row: bias + weights * x.
inline Eigen::VectorXf scores(const Eigen::MatrixXf& w, const Eigen::VectorXf& bias, const SparseRow& x) {
    Eigen::VectorXf z = bias;
    for (std::size_t k = 0; k < x.index.size(); ++k) z += x.value[k] * w.col(x.index[k]);
    return z;
}

inline Eigen::VectorXf softmax(Eigen::VectorXf z) {
    z.array() -= z.maxCoeff();  // exp of the largest is 1: no overflow
    z = z.array().exp();
    return z / z.sum();
}

}  // namespace detail

class TicketClassifier {
public:
    struct Contribution {
        std::string feature;
        float weight;  // what it adds to the chosen class's score, relative to the average class
    };

    TicketClassifier() = default;
    TicketClassifier(std::vector<std::string> classes, FeatureIndex features, Eigen::MatrixXf weights, Eigen::VectorXf bias,
                     std::vector<std::pair<std::string, double>> vocabulary, FeatureOptions options)
        : classes_(std::move(classes)),
          features_(std::move(features)),
          weights_(std::move(weights)),
          bias_(std::move(bias)),
          vocabulary_(std::move(vocabulary)),
          options_(options) {
        if (weights_.rows() != static_cast<Eigen::Index>(classes_.size()) ||
            weights_.cols() != static_cast<Eigen::Index>(features_.size()) || bias_.size() != weights_.rows())
            throw std::invalid_argument("classifier weights do not match its classes and features");
        rebuild_corrector();
    }

    [[nodiscard]] const std::vector<std::string>& classes() const { return classes_; }
    [[nodiscard]] const FeatureIndex& features() const { return features_; }
    [[nodiscard]] const Eigen::MatrixXf& weights() const { return weights_; }
    [[nodiscard]] const Eigen::VectorXf& bias() const { return bias_; }
    [[nodiscard]] const std::vector<std::pair<std::string, double>>& vocabulary() const { return vocabulary_; }
    [[nodiscard]] const FeatureOptions& feature_options() const { return options_; }
    [[nodiscard]] const SpellingCorrector& corrector() const { return corrector_; }

    // Normalised, spelling-corrected tokens: what both the classifier and the safety rules read.
    [[nodiscard]] TicketText read(std::string_view text) const {
        TicketText t = normalise_text(text);
        correct_spelling(t, corrector_);
        return t;
    }

    [[nodiscard]] Eigen::VectorXf probabilities(const TicketText& text) const {
        return detail::softmax(scores(features_.row(feature_names(text, options_))));
    }

    // The words and word pairs that pushed `cls` up the most, strongest first. Letter n-grams
    // are credited to the words they come from, so people read "boiler", not "~oile".
    [[nodiscard]] std::vector<Contribution> explain(const TicketText& text, std::size_t cls, std::size_t n) const {
        const SparseRow x = features_.row(feature_names(text, options_));
        std::unordered_map<std::string, float> lift;
        for (std::size_t k = 0; k < x.index.size(); ++k) {
            const auto col = weights_.col(x.index[k]);
            lift[features_.names()[x.index[k]]] = x.value[k] * (col(static_cast<Eigen::Index>(cls)) - col.mean());
        }
        std::unordered_map<std::string, float> credit;
        for (const auto& [name, l] : lift) {
            if (name.empty() || name[0] != '~') {
                credit[name] += l;
                continue;
            }
            std::vector<const std::string*> owners;  // the words containing this n-gram
            for (const auto& w : text.tokens)
                if (('<' + w + '>').find(name.substr(1)) != std::string::npos) owners.push_back(&w);
            for (const auto* w : owners) credit[*w] += l / static_cast<float>(owners.size());
        }
        std::vector<Contribution> out;
        for (const auto& [name, c] : credit)
            if (c > 0 && name != "#") out.push_back({name, c});
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.weight != b.weight ? a.weight > b.weight : a.feature < b.feature; });
        if (out.size() > n) out.resize(n);
        return out;
    }

    static TicketClassifier train(std::span<const LabelledTicket> tickets, const TrainingOptions& o = {});

private:
    [[nodiscard]] Eigen::VectorXf scores(const SparseRow& x) const { return detail::scores(weights_, bias_, x); }
    void rebuild_corrector() {
        corrector_ = base_corrector();
        for (const auto& [word, count] : vocabulary_) corrector_.add(word, count);
    }

    std::vector<std::string> classes_;
    FeatureIndex features_;
    Eigen::MatrixXf weights_;  // classes x features
    Eigen::VectorXf bias_;
    std::vector<std::pair<std::string, double>> vocabulary_;  // training words and their counts
    FeatureOptions options_;
    SpellingCorrector corrector_;
};

}  // namespace fsd::triage
