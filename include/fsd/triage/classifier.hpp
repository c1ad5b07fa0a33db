// The learned layer of triage: multinomial logistic regression (softmax, L2) over word and bigram
// features, trained by AdaGrad mini-batches on labelled tickets, with Eigen for the weights. It
// gives a probability per job type; its top probability is triage's confidence.
#pragma once

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "fsd/model/random.hpp"
#include "fsd/triage/corpus.hpp"
#include "fsd/triage/features.hpp"
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

namespace detail {

// The training words the spelling corrector should know. Frequent words first; a word is left
// out when it looks like a typo of a known word (one edit away and `ratio` times rarer), and
// when it is one edit from a safety-rule word unless it is common, so "smel" never becomes a word.
inline std::vector<std::pair<std::string, double>> training_vocabulary(std::span<const LabelledTicket> tickets, const TrainingOptions& o) {
    std::unordered_map<std::string, double> counts;
    for (const auto& t : tickets)
        for (const auto& w : normalise_text(t.text).tokens) counts[w] += 1;
    std::vector<std::pair<std::string, double>> by_count(counts.begin(), counts.end());
    std::sort(by_count.begin(), by_count.end(),
              [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    SpellingCorrector known = base_corrector();
    const auto safety = safety_vocabulary();
    std::vector<std::pair<std::string, double>> out;
    for (const auto& [word, count] : by_count) {
        if (!known.known(word)) {
            const std::string fix = known.correct(word);
            const bool safety_word = std::find(safety.begin(), safety.end(), fix) != safety.end();
            if (fix != word && (counts[fix] >= o.typo_ratio * count || (safety_word && count < o.safety_neighbour_min_count))) continue;
            if (count < 2) continue;
        }
        known.add(word, count);
        out.emplace_back(word, count);
    }
    return out;
}

}  // namespace detail

namespace detail {

// Minimises mean cross-entropy plus L2 over sparse rows by AdaGrad. A batch's gradient touches
// only the columns of the features present in it, so only those columns are updated (and decayed).
class SoftmaxAdaGrad {
public:
    SoftmaxAdaGrad(Eigen::Index classes, Eigen::Index features)
        : grad_(Eigen::MatrixXf::Zero(classes, features)),
          grad_sq_(Eigen::MatrixXf::Constant(classes, features, 1e-8F)),
          bias_sq_(Eigen::VectorXf::Constant(classes, 1e-8F)) {}

    void step(std::span<const SparseRow* const> batch, std::span<const int> labels, Eigen::MatrixXf& w, Eigen::VectorXf& bias,
              const TrainingOptions& o) {
        assert(batch.size() == labels.size() && !batch.empty());
        const float scale = 1.0F / static_cast<float>(batch.size());
        Eigen::VectorXf bias_grad = Eigen::VectorXf::Zero(bias.size());
        touched_.clear();
        for (std::size_t b = 0; b < batch.size(); ++b) {
            const SparseRow& x = *batch[b];
            Eigen::VectorXf g = softmax(scores(w, bias, x));
            g(labels[b]) -= 1.0F;  // d(cross-entropy)/d(scores)
            bias_grad += scale * g;
            for (std::size_t j = 0; j < x.index.size(); ++j) {
                grad_.col(x.index[j]) += (scale * x.value[j]) * g;
                touched_.push_back(x.index[j]);
            }
        }
        std::sort(touched_.begin(), touched_.end());
        touched_.erase(std::unique(touched_.begin(), touched_.end()), touched_.end());
        for (auto c : touched_) {
            auto gc = grad_.col(c);
            gc += o.l2 * w.col(c);
            grad_sq_.col(c).array() += gc.array().square();
            w.col(c).array() -= o.learning_rate * gc.array() / grad_sq_.col(c).array().sqrt();
            gc.setZero();
        }
        bias_sq_.array() += bias_grad.array().square();
        bias.array() -= o.learning_rate * bias_grad.array() / bias_sq_.array().sqrt();
    }

private:
    Eigen::MatrixXf grad_;     // accumulates one batch, zeroed column by column after use
    Eigen::MatrixXf grad_sq_;  // AdaGrad's running sums of squared gradients
    Eigen::VectorXf bias_sq_;
    std::vector<std::uint32_t> touched_;
};

inline std::vector<std::string> sorted_classes(std::span<const LabelledTicket> tickets) {
    std::vector<std::string> classes;
    for (const auto& t : tickets)
        if (std::find(classes.begin(), classes.end(), t.job_type) == classes.end()) classes.push_back(t.job_type);
    std::sort(classes.begin(), classes.end());  // a stable file layout, whatever the ticket order
    return classes;
}

}  // namespace detail

inline TicketClassifier TicketClassifier::train(std::span<const LabelledTicket> tickets, const TrainingOptions& o) {
    if (tickets.empty()) throw std::invalid_argument("no training tickets");
    if (o.batch_size < 1 || o.epochs < 0) throw std::invalid_argument("batch_size must be positive, epochs not negative");
    TicketClassifier model;
    model.classes_ = detail::sorted_classes(tickets);
    model.options_ = o.features;
    model.vocabulary_ = detail::training_vocabulary(tickets, o);
    model.rebuild_corrector();

    std::vector<std::vector<std::string>> names;
    std::vector<int> labels;
    for (const auto& t : tickets) {
        names.push_back(feature_names(model.read(t.text), o.features));
        const auto cls = std::find(model.classes_.begin(), model.classes_.end(), t.job_type);
        labels.push_back(static_cast<int>(cls - model.classes_.begin()));
    }
    model.features_ = FeatureIndex::build(names, o.features.min_count);
    std::vector<SparseRow> rows;
    rows.reserve(names.size());
    for (const auto& n : names) rows.push_back(model.features_.row(n));

    const auto k = static_cast<Eigen::Index>(model.classes_.size());
    model.weights_ = Eigen::MatrixXf::Zero(k, static_cast<Eigen::Index>(model.features_.size()));
    model.bias_ = Eigen::VectorXf::Zero(k);
    detail::SoftmaxAdaGrad optimiser(k, model.weights_.cols());
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::vector<const SparseRow*> batch;
    std::vector<int> batch_labels;
    Rng rng(o.seed);
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        rng.shuffle(order.begin(), order.end());
        for (std::size_t start = 0; start < order.size(); start += static_cast<std::size_t>(o.batch_size)) {
            batch.clear();
            batch_labels.clear();
            for (std::size_t b = start; b < std::min(order.size(), start + static_cast<std::size_t>(o.batch_size)); ++b) {
                batch.push_back(&rows[order[b]]);
                batch_labels.push_back(labels[order[b]]);
            }
            optimiser.step(batch, batch_labels, model.weights_, model.bias_, o);
        }
    }
    return model;
}

}  // namespace fsd::triage
