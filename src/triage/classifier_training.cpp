#include "fsd/triage/classifier.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <stdexcept>

#include <Eigen/Core>

#include "fsd/model/random.hpp"

namespace fsd::triage {

namespace {

// The training words the spelling corrector should know. Frequent words first; a word is left
// out when it looks like a typo of a known word (one edit away and `ratio` times rarer), and
// when it is one edit from a safety-rule word unless it is common, so "smel" never becomes a word.
std::vector<std::pair<std::string, double>> training_vocabulary(std::span<const LabelledTicket> tickets, const TrainingOptions& o) {
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
            Eigen::VectorXf g = detail::softmax(detail::scores(w, bias, x));
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

std::vector<std::string> sorted_classes(std::span<const LabelledTicket> tickets) {
    std::vector<std::string> classes;
    for (const auto& t : tickets)
        if (std::find(classes.begin(), classes.end(), t.job_type) == classes.end()) classes.push_back(t.job_type);
    std::sort(classes.begin(), classes.end());  // a stable file layout, whatever the ticket order
    return classes;
}

}  // namespace

TicketClassifier TicketClassifier::train(std::span<const LabelledTicket> tickets, const TrainingOptions& o) {
    if (tickets.empty()) throw std::invalid_argument("no training tickets");
    if (o.batch_size < 1 || o.epochs < 0) throw std::invalid_argument("batch_size must be positive, epochs not negative");
    TicketClassifier model;
    model.classes_ = sorted_classes(tickets);
    model.options_ = o.features;
    model.vocabulary_ = training_vocabulary(tickets, o);
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
    SoftmaxAdaGrad optimiser(k, model.weights_.cols());
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
