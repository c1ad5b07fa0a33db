// Travel on a road network as a TravelProvider: every location snaps to the road, the matrix
// runs on all cores, and a location too far from any road or cut off by one-way streets comes
// back as an issue naming it, never as a guessed number.
#pragma once

#include <filesystem>
#include <vector>

#include "fsd/model/travel_tables.hpp"
#include "fsd/travel/provider.hpp"
#include "fsd/travel/reachability.hpp"
#include "fsd/travel/road_matrix.hpp"
#include "fsd/travel/road_travel.hpp"
#include "fsd/travel/snap.hpp"

namespace fsd {

class RoadNetworkProvider {
public:
    // Everything the provider found out, for callers that want more than the tables: the
    // CLI's report, the cache, or a planner that marks unreachable jobs instead of rejecting.
    struct Details {
        std::vector<TravelIssue> issues;
        SnapReport snaps;
        RoadMatrix matrix;  // empty unless every location snapped
        ReachabilityReport reachability;
    };

    // The network and the snapper must outlive the provider.
    RoadNetworkProvider(const RoadNetwork& network, const RoadSnapper& snapper, double max_snap_m = 500.0, unsigned threads = 0)
        : network_(network), snapper_(snapper), max_snap_m_(max_snap_m), threads_(threads) {}
    RoadNetworkProvider(const RoadNetwork&&, const RoadSnapper&, double = 500.0, unsigned = 0) = delete;
    RoadNetworkProvider(const RoadNetwork&, const RoadSnapper&&, double = 500.0, unsigned = 0) = delete;

    [[nodiscard]] Details details(const std::vector<Location>& locations) const;

    [[nodiscard]] TravelBuild build(const std::vector<Location>& locations) const {
        Details d = details(locations);
        if (!d.issues.empty()) return {{}, std::move(d.issues)};
        return {to_travel_tables(d.matrix), {}};
    }

private:
    const RoadNetwork& network_;
    const RoadSnapper& snapper_;
    double max_snap_m_;
    unsigned threads_;
};

static_assert(TravelProvider<RoadNetworkProvider>);

}  // namespace fsd
