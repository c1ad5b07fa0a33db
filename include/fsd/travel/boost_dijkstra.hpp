// Boost.Graph's dijkstra_shortest_paths_no_color_map as a OneToManySearch, stopped by a visitor
// once every target is settled. The benchmark compares it with OneToManyDijkstra (see
// docs/benchmarks.md, section 2) and the tests use it as a second, independent engine.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/property_map/function_property_map.hpp>

#include "fsd/travel/one_to_many.hpp"

namespace fsd {

class BoostOneToManyDijkstra {
public:
    explicit BoostOneToManyDijkstra(const RoadNetwork& network) : network_(network), label_(network.node_count(), CostPacking::unreached) {}
    explicit BoostOneToManyDijkstra(const RoadNetwork&&) = delete;  // the network must outlive it

    // Same contract as OneToManyDijkstra::run().
    std::size_t run(RoadNodeId source, const TargetSet& targets, std::span<std::uint64_t> out) {
        std::fill(out.begin(), out.end(), CostPacking::unreached);
        if (targets.size() == 0) return 0;
        Progress progress{&targets, out, &label_, targets.size(), 0};
        const RoadGraph& g = network_.graph();
        const CostPacking packing = network_.packing();
        auto weight = boost::make_function_property_map<RoadGraph::edge_descriptor>(
            [&g, packing](RoadGraph::edge_descriptor e) { return packing.pack(g[e]); });
        try {
            boost::dijkstra_shortest_paths_no_color_map(
                g, source,
                boost::weight_map(weight)
                    .distance_map(boost::make_iterator_property_map(label_.begin(), get(boost::vertex_index, g)))
                    .distance_inf(CostPacking::unreached)
                    .distance_zero(std::uint64_t{0})
                    .visitor(StopWhenAllSettled{&progress}));
        } catch (const AllTargetsSettled&) {
            // the normal early exit
        }
        return progress.settled;
    }

private:
    struct AllTargetsSettled {};
    struct Progress {
        const TargetSet* targets;
        std::span<std::uint64_t> out;
        const std::vector<std::uint64_t>* labels;
        std::size_t remaining;
        std::size_t settled;
    };
    // Boost copies visitors, so the state lives in Progress. A vertex is examined when it
    // leaves the queue, i.e. when its label is final. Throwing is Boost's documented way out.
    struct StopWhenAllSettled : boost::default_dijkstra_visitor {
        Progress* progress;
        explicit StopWhenAllSettled(Progress* p) : progress(p) {}
        void examine_vertex(RoadNodeId v, const RoadGraph&) const {
            ++progress->settled;
            const std::uint32_t slot = progress->targets->slot_of_node(v);
            if (slot == TargetSet::no_slot) return;
            progress->out[slot] = (*progress->labels)[v];
            if (--progress->remaining == 0) throw AllTargetsSettled{};
        }
    };

    const RoadNetwork& network_;
    std::vector<std::uint64_t> label_;
};

}  // namespace fsd
