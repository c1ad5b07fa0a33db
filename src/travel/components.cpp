#include "fsd/travel/components.hpp"

#include <boost/graph/strong_components.hpp>

namespace fsd {

std::vector<RoadNodeId> largest_strong_component(const RoadNetwork& network) {
    const std::size_t n = network.node_count();
    if (n == 0) return {};
    std::vector<std::uint32_t> component(n);
    const auto count = boost::strong_components(
        network.graph(), boost::make_iterator_property_map(component.begin(), get(boost::vertex_index, network.graph())));
    std::vector<std::size_t> size(static_cast<std::size_t>(count), 0);
    for (auto c : component) ++size[c];
    // The first node of each component decides ties, so scan nodes in order.
    std::uint32_t best = component[0];
    for (std::size_t v = 0; v < n; ++v)
        if (size[component[v]] > size[best]) best = component[v];
    std::vector<RoadNodeId> nodes;
    nodes.reserve(size[best]);
    for (std::size_t v = 0; v < n; ++v)
        if (component[v] == best) nodes.push_back(static_cast<RoadNodeId>(v));
    return nodes;
}

}  // namespace fsd
