// A type-erased acceptance criterion, so a caller can hand solve() its own criterion through
// SolverParams::acceptance without templates. Holds any AcceptanceCriterion by value; copies are
// deep, so each annealing run and each thread gets its own fresh criterion.
#pragma once

#include <concepts>
#include <memory>
#include <type_traits>
#include <utility>

#include "fsd/solver/acceptance.hpp"

namespace fsd::solver {

class AnyAcceptance {
public:
    AnyAcceptance() = default;
    template <AcceptanceCriterion A>
    requires(!std::same_as<std::decay_t<A>, AnyAcceptance>) AnyAcceptance(A criterion)
        : self_(std::make_unique<Model<A>>(std::move(criterion))) {}  // NOLINT: implicit on purpose

    AnyAcceptance(const AnyAcceptance& other) : self_(other.self_ ? other.self_->clone() : nullptr) {}
    AnyAcceptance(AnyAcceptance&&) noexcept = default;
    AnyAcceptance& operator=(const AnyAcceptance& other) {
        if (this != &other) self_ = other.self_ ? other.self_->clone() : nullptr;
        return *this;
    }
    AnyAcceptance& operator=(AnyAcceptance&&) noexcept = default;
    ~AnyAcceptance() = default;

    // Empty: solve() uses its built-in criterion.
    explicit operator bool() const { return self_ != nullptr; }

    void start(Cost initial, double arc_cost) { self_->start(initial, arc_cost); }
    bool accept(Cost candidate, Cost current, Cost best, double progress, Rng& rng) {
        return self_->accept(candidate, current, best, progress, rng);
    }

private:
    struct Concept {
        virtual ~Concept() = default;
        [[nodiscard]] virtual std::unique_ptr<Concept> clone() const = 0;
        virtual void start(Cost initial, double arc_cost) = 0;
        virtual bool accept(Cost candidate, Cost current, Cost best, double progress, Rng& rng) = 0;
    };
    template <class A>
    struct Model final : Concept {
        explicit Model(A a) : criterion(std::move(a)) {}
        [[nodiscard]] std::unique_ptr<Concept> clone() const override { return std::make_unique<Model>(criterion); }
        void start(Cost initial, double arc_cost) override { criterion.start(initial, arc_cost); }
        bool accept(Cost candidate, Cost current, Cost best, double progress, Rng& rng) override {
            return criterion.accept(candidate, current, best, progress, rng);
        }
        A criterion;
    };
    std::unique_ptr<Concept> self_;
};

}  // namespace fsd::solver
