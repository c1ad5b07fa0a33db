// The travel-model interface: a provider turns a problem's locations into the time and
// distance tables the planners use, or says per location why it cannot. Implementations: an
// explicit matrix, straight line, Euclidean (here) and a road network (road_provider.hpp).
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fsd/model/location.hpp"
#include "fsd/model/travel_tables.hpp"
#include "fsd/travel/builtin.hpp"

namespace fsd {

struct TravelIssue {
    enum class Kind : std::uint8_t {
        missing_coordinates,  // the model needs coordinates this location lacks
        too_far_from_road,    // no road node within the snapping limit
        unreachable,          // no road path to or from some other location
        invalid_model,        // the model itself cannot be used (bad parameters, unreadable data)
    };
    Kind kind;
    std::optional<std::size_t> location;  // index into the locations; nullopt: the model as a whole
    std::string message;
    friend bool operator==(const TravelIssue&, const TravelIssue&) = default;
};

// The tables are complete and valid only when there are no issues.
struct TravelBuild {
    TravelTables tables;
    std::vector<TravelIssue> issues;
    [[nodiscard]] bool ok() const { return issues.empty(); }
};

template <class P>
concept TravelProvider = requires(const P& provider, const std::vector<Location>& locations) {
    { provider.build(locations) } -> std::same_as<TravelBuild>;
};

// Tables given as they are, e.g. in the problem file.
struct ExplicitMatrixProvider {
    TravelTables tables;
    [[nodiscard]] TravelBuild build(const std::vector<Location>& locations) const {
        if (tables.time.size() == locations.size() && tables.distance.size() == locations.size()) return {tables, {}};
        return {{},
                {{TravelIssue::Kind::invalid_model, std::nullopt,
                  "the matrix is " + std::to_string(tables.time.size()) + "x" + std::to_string(tables.time.size()) + " but there are " +
                      std::to_string(locations.size()) + " locations"}}};
    }
};

struct StraightLineProvider {
    StraightLineTravel spec;
    [[nodiscard]] TravelBuild build(const std::vector<Location>& locations) const {
        TravelBuild out;
        if (auto error = build_straight_line(spec, locations, out.tables))
            out.issues.push_back({TravelIssue::Kind::missing_coordinates, std::nullopt, *error});
        return out;
    }
};

struct EuclideanProvider {
    EuclideanTravel spec;
    [[nodiscard]] TravelBuild build(const std::vector<Location>& locations) const {
        TravelBuild out;
        if (auto error = build_euclidean(spec, locations, out.tables))
            out.issues.push_back({TravelIssue::Kind::missing_coordinates, std::nullopt, *error});
        return out;
    }
};

static_assert(TravelProvider<ExplicitMatrixProvider>);
static_assert(TravelProvider<StraightLineProvider>);
static_assert(TravelProvider<EuclideanProvider>);

}  // namespace fsd
