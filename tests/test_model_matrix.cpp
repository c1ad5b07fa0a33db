// Travel tables are copy-on-write: copies of a problem share them until one is written, and the
// solver's arc table is built once per shared pair of matrices. A write never shows through
// another copy or through an instance built before it.
#include <catch2/catch.hpp>

#include "fsd/model/matrix.hpp"
#include "fsd/solver/arc_table.hpp"

namespace test_model_matrix {

using namespace fsd;

TEST_CASE("matrix: copies share their entries until one of them is written") {
    Matrix<int> a(3, 7);
    a(0, 1) = 5;
    const Matrix<int> b = a;
    CHECK(b.storage() == a.storage());
    CHECK(b == a);
    a(0, 1) = 6;  // detaches a; b keeps what it had
    CHECK(a.storage() != b.storage());
    CHECK(b(0, 1) == 5);
    CHECK(a(0, 1) == 6);
    CHECK(a(2, 2) == 7);
    CHECK_FALSE(a == b);
    Matrix<int> c = b;
    c.row(1)[2] = 9;  // a mutable row detaches too
    CHECK(b(1, 2) == 7);
    CHECK(c(1, 2) == 9);
    // Equal contents in different storage are equal.
    Matrix<int> d(3, 7);
    d(0, 1) = 5;
    CHECK(d == b);
    CHECK(Matrix<int>() == Matrix<int>());
    CHECK(Matrix<int>().data().empty());
}

TEST_CASE("arc table: shared by instances on the same travel tables, rebuilt after a write") {
    TravelTables t;
    t.time = Matrix<Duration>(2, Duration(10));
    t.distance = Matrix<Distance>(2, Distance(20));
    t.distance(0, 1) = Distance(25);
    const auto first = solver::arc_table(t);
    const TravelTables copy = t;
    const auto again = solver::arc_table(copy);
    CHECK(again == first);  // the same matrices: the same table
    CHECK_FALSE(first->symmetric);
    CHECK(first->arcs[1].distance == Distance(25));
    t.distance(0, 1) = Distance(20);  // the table holds the old entries, so this write copies them
    const auto after = solver::arc_table(t);
    CHECK(after != first);
    CHECK(after->symmetric);
    CHECK(after->arcs[1].distance == Distance(20));
    CHECK(first->arcs[1].distance == Distance(25));
    CHECK(copy.distance(0, 1) == Distance(25));
}

}  // namespace test_model_matrix
