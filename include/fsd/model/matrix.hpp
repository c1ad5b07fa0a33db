// A dense, flat, row-major square matrix: the layout of travel-time and distance tables.
// One contiguous allocation, so a row is a cache-friendly span.
#pragma once

#include <cassert>
#include <cstddef>
#include <span>
#include <vector>

namespace fsd {

template <class T>
class Matrix {
public:
    Matrix() = default;
    explicit Matrix(std::size_t n, T fill = T{}) : n_(n), data_(n * n, fill) {}

    [[nodiscard]] std::size_t size() const { return n_; }
    [[nodiscard]] bool empty() const { return n_ == 0; }

    T& operator()(std::size_t from, std::size_t to) {
        assert(from < n_ && to < n_);
        return data_[from * n_ + to];
    }
    const T& operator()(std::size_t from, std::size_t to) const {
        assert(from < n_ && to < n_);
        return data_[from * n_ + to];
    }
    [[nodiscard]] std::span<const T> row(std::size_t from) const { return {data_.data() + from * n_, n_}; }
    [[nodiscard]] std::span<T> row(std::size_t from) { return {data_.data() + from * n_, n_}; }
    [[nodiscard]] const std::vector<T>& data() const { return data_; }

    friend bool operator==(const Matrix&, const Matrix&) = default;

private:
    std::size_t n_ = 0;
    std::vector<T> data_;
};

}  // namespace fsd
