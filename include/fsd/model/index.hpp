// Typed indices into a problem's tables (jobs, technicians, locations) and the tables they index.
// A job index cannot be passed where a technician's or a location's is expected, and a table of
// one kind takes no other kind of index: `p.locations[job]` and `may_do(p, tech, job, s)` do not compile.
#pragma once

#include <cassert>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <utility>
#include <vector>

namespace fsd {

// What may become an index: an integer, but not a bool or a character.
template <class I>
concept IndexInteger = std::integral<I> && !std::same_as<I, bool> && !std::same_as<I, char> && !std::same_as<I, wchar_t> &&
                       !std::same_as<I, char8_t> && !std::same_as<I, char16_t> && !std::same_as<I, char32_t>;

template <class Tag>
class Index {
public:
    using rep = std::uint32_t;
    constexpr Index() = default;
    // An integer becomes an index of any kind (a literal, a loop counter, a number read from a
    // file); an index converts to nothing but its own kind, so one kind is never taken for another.
    template <IndexInteger I>
    // cppcheck-suppress noExplicitConstructor
    constexpr Index(I i) : value_(static_cast<rep>(i)) {  // NOLINT(google-explicit-constructor)
        assert(std::in_range<rep>(i));
    }
    [[nodiscard]] constexpr rep value() const { return value_; }
    constexpr Index& operator++() {  // std::iota and counting loops
        ++value_;
        return *this;
    }
    friend constexpr auto operator<=>(Index, Index) = default;
    // For test and log output.
    template <class Char, class Traits>
    friend std::basic_ostream<Char, Traits>& operator<<(std::basic_ostream<Char, Traits>& os, Index i) {
        return os << i.value();
    }

private:
    rep value_ = 0;
};

struct JobTag {};
struct TechnicianTag {};
struct LocationTag {};

// Position in Problem::jobs.
using JobIndex = Index<JobTag>;
// Position in Problem::technicians.
using TechnicianIndex = Index<TechnicianTag>;
// Position in Problem::locations, and the row and column of the travel tables.
using LocationId = Index<LocationTag>;

// The indices 0..n-1 of a table of n entries: `for (TechnicianIndex t : indices<TechnicianIndex>(n))`.
// (A small range of its own: clang's view of libstdc++'s std::views is not reliable.)
template <class Idx>
class IndexRange {
public:
    class iterator {
    public:
        using value_type = Idx;
        using difference_type = std::ptrdiff_t;
        constexpr iterator() = default;
        constexpr explicit iterator(typename Idx::rep i) : i_(i) {}
        constexpr Idx operator*() const { return Idx(i_); }
        constexpr iterator& operator++() {
            ++i_;
            return *this;
        }
        constexpr iterator operator++(int) {
            iterator old = *this;
            ++i_;
            return old;
        }
        friend constexpr bool operator==(iterator, iterator) = default;

    private:
        typename Idx::rep i_ = 0;
    };
    constexpr explicit IndexRange(std::size_t n) : n_(static_cast<typename Idx::rep>(n)) { assert(std::in_range<typename Idx::rep>(n)); }
    [[nodiscard]] constexpr iterator begin() const { return iterator(0); }
    [[nodiscard]] constexpr iterator end() const { return iterator(n_); }

private:
    typename Idx::rep n_ = 0;
};

template <class Idx>
[[nodiscard]] constexpr IndexRange<Idx> indices(std::size_t n) {
    return IndexRange<Idx>(n);
}

// A std::vector indexed by its own kind of Index. Plain integers still index it (a loop over
// 0..size() is not a mix-up), but an Index of another kind does not convert.
template <class Idx, class T>
class IndexedVector : public std::vector<T> {
    using base = std::vector<T>;

public:
    using base::base;
    IndexedVector() = default;
    // Implicit, so that a plain vector can be assigned or passed where a table is expected; only a
    // plain one: a table of another kind (a class derived from it) does not convert.
    template <std::same_as<base> V>
    // cppcheck-suppress noExplicitConstructor
    IndexedVector(V v) : base(std::move(v)) {}  // NOLINT(google-explicit-constructor)

    T& operator[](Idx i) { return at_index(i.value()); }
    const T& operator[](Idx i) const { return at_index(i.value()); }
    T& operator[](std::size_t i) { return at_index(i); }
    const T& operator[](std::size_t i) const { return at_index(i); }
    using base::at;
    T& at(Idx i) { return base::at(i.value()); }
    const T& at(Idx i) const { return base::at(i.value()); }

    // Every index of the table, in order: `for (JobIndex j : p.jobs.indices())`.
    [[nodiscard]] auto indices() const { return fsd::indices<Idx>(this->size()); }
    [[nodiscard]] bool contains(Idx i) const { return i.value() < this->size(); }

private:
    T& at_index(std::size_t i) {
        assert(i < this->size());
        return base::operator[](i);
    }
    const T& at_index(std::size_t i) const {
        assert(i < this->size());
        return base::operator[](i);
    }
};

// Side tables: one entry per job, per technician or per location of a problem.
template <class T>
using PerJob = IndexedVector<JobIndex, T>;
template <class T>
using PerTechnician = IndexedVector<TechnicianIndex, T>;
template <class T>
using PerLocation = IndexedVector<LocationId, T>;

}  // namespace fsd

template <class Tag>
struct std::hash<fsd::Index<Tag>> {
    std::size_t operator()(fsd::Index<Tag> i) const noexcept { return std::hash<typename fsd::Index<Tag>::rep>{}(i.value()); }
};
