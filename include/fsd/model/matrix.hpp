// A dense, flat, row-major square matrix: the layout of travel-time and distance tables.
// One contiguous allocation, so a row is a cache-friendly span. Copies share that allocation
// until one of them is written (copy on write): a dispatch day copies its problem at every event,
// and the travel tables, n^2 entries, are what it never changes.
#pragma once

#include <cassert>
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "fsd/model/index.hpp"

namespace fsd {

template <class T>
class Matrix {
public:
    Matrix() = default;
    explicit Matrix(std::size_t n, T fill = T{}) : n_(n), data_(std::make_shared<std::vector<T>>(n * n, fill)) {}

    [[nodiscard]] std::size_t size() const { return n_; }
    [[nodiscard]] bool empty() const { return n_ == 0; }

    T& operator()(std::size_t from, std::size_t to) {
        assert(from < n_ && to < n_);
        return own()[from * n_ + to];
    }
    const T& operator()(std::size_t from, std::size_t to) const {
        assert(from < n_ && to < n_);
        return (*data_)[from * n_ + to];
    }
    // Between two locations of a problem: the travel tables' rows and columns are its locations.
    T& operator()(LocationId from, LocationId to) { return (*this)(from.value(), to.value()); }
    const T& operator()(LocationId from, LocationId to) const { return (*this)(from.value(), to.value()); }
    [[nodiscard]] std::span<const T> row(std::size_t from) const { return {data_->data() + from * n_, n_}; }
    [[nodiscard]] std::span<T> row(std::size_t from) { return {own().data() + from * n_, n_}; }
    [[nodiscard]] const std::vector<T>& data() const { return data_ ? *data_ : empty_data(); }
    // The allocation itself: equal for two copies that share it. Derived tables (the solver's
    // arc table) are cached by it; holding it keeps the entries from being written in place.
    [[nodiscard]] std::shared_ptr<const std::vector<T>> storage() const { return data_; }

    friend bool operator==(const Matrix& a, const Matrix& b) { return a.n_ == b.n_ && (a.data_ == b.data_ || a.data() == b.data()); }

private:
    // The entries for writing: copied first when another matrix shares them.
    std::vector<T>& own() {
        if (data_.use_count() > 1) data_ = std::make_shared<std::vector<T>>(*data_);
        return *data_;
    }
    static const std::vector<T>& empty_data() {
        static const std::vector<T> none;
        return none;
    }

    std::size_t n_ = 0;
    std::shared_ptr<std::vector<T>> data_;
};

}  // namespace fsd
