#include <algorithm>
#include <cassert>
#include <span>
#include <tuple>
#include <vector>

#include "search_graph_build.hpp"

namespace fsd::travel_detail {
namespace {

// A node is on a chain when it only passes traffic through: exactly two neighbours, and
// either both streets are two-way or it has one way in and a different way out. Every other
// node (intersections, dead ends, one-way merges) is core.
enum class Kind : std::uint8_t { core, one_way, two_way };

class ChainContractor {
public:
    ChainContractor(const RoadGraph& g, const CostPacking& packing)
        : n_(num_vertices(g)),
          first_out_(g.m_forward.m_rowstart),
          head_(g.m_forward.m_column),
          weight_(g.m_forward.m_edge_properties),
          packing_(packing),
          kind_(n_, Kind::core),
          place_of_node_(n_, SearchGraph::none) {}

    SearchGraph build() {
        classify();
        for (RoadNodeId v = 0; v < n_; ++v)
            if (kind_[v] == Kind::core) walk_chains_from(v);
        // A ring of chain nodes with no core node on it (a detached loop): make one node core.
        for (RoadNodeId v = 0; v < n_; ++v)
            if (kind_[v] != Kind::core && place_of_node_[v] == SearchGraph::none) {
                kind_[v] = Kind::core;
                walk_chains_from(v);
            }
        return assemble();
    }

private:
    std::span<const RoadNodeId> outs(RoadNodeId v) const {
        return {head_.data() + first_out_[v], first_out_[v + 1] - first_out_[v]};
    }
    std::uint64_t arc_cost(RoadNodeId from, RoadNodeId to) const {
        for (std::uint32_t e = first_out_[from]; e < first_out_[from + 1]; ++e)
            if (head_[e] == to) return packing_.pack(weight_[e]);
        assert(false && "arc must exist");
        return 0;
    }

    void classify() {
        // In-neighbour lists by counting sort; rows come out sorted because tails ascend.
        std::vector<std::uint32_t> first_in(n_ + 1, 0);
        for (RoadNodeId w : head_) ++first_in[w + 1];
        for (std::size_t v = 0; v < n_; ++v) first_in[v + 1] += first_in[v];
        std::vector<RoadNodeId> tails(head_.size());
        std::vector<std::uint32_t> fill(first_in.begin(), first_in.end() - 1);
        for (RoadNodeId v = 0; v < n_; ++v)
            for (RoadNodeId w : outs(v)) tails[fill[w]++] = v;
        for (RoadNodeId v = 0; v < n_; ++v) {
            const auto out = outs(v);
            const std::span<const RoadNodeId> in(tails.data() + first_in[v], first_in[v + 1] - first_in[v]);
            if (out.size() == 1 && in.size() == 1 && out[0] != in[0]) kind_[v] = Kind::one_way;
            else if (out.size() == 2 && in.size() == 2 && out[0] == in[0] && out[1] == in[1]) kind_[v] = Kind::two_way;
        }
    }

    // Follows each arc leaving core node `start` into a chain not yet seen, to the chain's end.
    void walk_chains_from(RoadNodeId start) {
        for (RoadNodeId first_step : outs(start)) {
            if (kind_[first_step] == Kind::core || place_of_node_[first_step] != SearchGraph::none) continue;
            const bool two_way = kind_[first_step] == Kind::two_way;
            const auto chain = static_cast<std::uint32_t>(chains_.size());
            chain_nodes_.clear();
            RoadNodeId prev = start, cur = first_step;
            std::uint64_t forward = 0;
            while (kind_[cur] != Kind::core) {
                forward += arc_cost(prev, cur);
                place_of_node_[cur] = static_cast<std::uint32_t>(places_.size());
                places_.push_back({chain, static_cast<std::uint32_t>(chain_nodes_.size()), forward, 0});
                chain_nodes_.push_back(cur);
                const auto next = outs(cur);
                const RoadNodeId following = two_way && next[0] == prev ? next[1] : next[0];
                prev = cur;
                cur = following;
            }
            forward += arc_cost(prev, cur);
            std::uint64_t backward = 0;
            if (two_way) {  // prefix costs from the far end, walking back
                RoadNodeId after = cur;
                for (std::size_t i = chain_nodes_.size(); i-- > 0;) {
                    backward += arc_cost(after, chain_nodes_[i]);
                    places_[place_of_node_[chain_nodes_[i]]].from_last = backward;
                    after = chain_nodes_[i];
                }
                backward += arc_cost(after, start);
            }
            chains_.push_back({start, cur, forward, backward, two_way});  // road ids until assemble()
        }
    }

    SearchGraph assemble() {
        std::vector<std::uint32_t> core_index(n_, SearchGraph::none);
        std::uint32_t cores = 0;
        for (RoadNodeId v = 0; v < n_; ++v)
            if (kind_[v] == Kind::core) core_index[v] = cores++;
        for (auto& c : chains_) c.first_core = core_index[c.first_core], c.last_core = core_index[c.last_core];

        std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t>> arcs;  // from, to, cost
        for (RoadNodeId v = 0; v < n_; ++v) {
            if (kind_[v] != Kind::core) continue;
            for (std::uint32_t e = first_out_[v]; e < first_out_[v + 1]; ++e)
                if (kind_[head_[e]] == Kind::core) arcs.emplace_back(core_index[v], core_index[head_[e]], packing_.pack(weight_[e]));
        }
        for (const auto& c : chains_) {
            arcs.emplace_back(c.first_core, c.last_core, c.forward_cost);
            if (c.two_way) arcs.emplace_back(c.last_core, c.first_core, c.backward_cost);
        }
        // A loop back to its own start never shortens a path; of parallel arcs the cheapest wins.
        std::erase_if(arcs, [](const auto& a) { return std::get<0>(a) == std::get<1>(a); });
        std::sort(arcs.begin(), arcs.end());
        arcs.erase(std::unique(arcs.begin(), arcs.end(),
                               [](const auto& a, const auto& b) { return std::get<0>(a) == std::get<0>(b) && std::get<1>(a) == std::get<1>(b); }),
                   arcs.end());

        std::vector<std::uint32_t> first_arc(cores + 1, 0);
        std::vector<CoreArc> core_arcs;
        core_arcs.reserve(arcs.size());
        for (const auto& [from, to, cost] : arcs) {
            ++first_arc[from + 1];
            core_arcs.push_back({cost, to});
        }
        for (std::size_t c = 0; c < cores; ++c) first_arc[c + 1] += first_arc[c];

        std::vector<std::uint32_t> slot(n_);
        for (RoadNodeId v = 0; v < n_; ++v)
            slot[v] = kind_[v] == Kind::core ? core_index[v] : (SearchGraph::chain_flag | place_of_node_[v]);
        return SearchGraph(std::move(first_arc), std::move(core_arcs), std::move(slot), std::move(places_), std::move(chains_));
    }

    std::size_t n_;
    const std::vector<std::uint32_t>& first_out_;
    const std::vector<RoadNodeId>& head_;
    const std::vector<RoadArc>& weight_;
    CostPacking packing_;
    std::vector<Kind> kind_;
    std::vector<std::uint32_t> place_of_node_;
    std::vector<SearchGraph::ChainPlace> places_;
    std::vector<SearchGraph::Chain> chains_;
    std::vector<RoadNodeId> chain_nodes_;
};

}  // namespace

SearchGraph build_search_graph(const RoadGraph& graph, const CostPacking& packing) {
    return ChainContractor(graph, packing).build();
}

}  // namespace fsd::travel_detail
