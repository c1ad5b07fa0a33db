#include <algorithm>
#include <cassert>
#include <limits>
#include <span>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "search_graph_build.hpp"

namespace fsd::travel_detail {
namespace {

// A node is on a chain when it only passes traffic through: exactly two neighbours, and
// either both streets are two-way or it has one way in and a different way out. A satellite
// is a node of a two-way dead-end tree. Every other node (intersections, one-way dead ends,
// one-way merges) is core.
enum class Kind : std::uint8_t { core, one_way, two_way, satellite };

// In-neighbour lists of a CSR graph by counting sort; rows come out sorted as tails ascend.
struct InLists {
    std::vector<std::uint32_t> first;
    std::vector<RoadNodeId> tails;
    InLists(std::size_t n, const std::vector<std::uint32_t>& first_out, const std::vector<RoadNodeId>& head)
        : first(n + 1, 0), tails(head.size()) {
        for (RoadNodeId w : head) ++first[w + 1];
        for (std::size_t v = 0; v < n; ++v) first[v + 1] += first[v];
        std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
        for (RoadNodeId v = 0; v < n; ++v)
            for (std::uint32_t e = first_out[v]; e < first_out[v + 1]; ++e) tails[fill[head[e]]++] = v;
    }
    [[nodiscard]] std::span<const RoadNodeId> of(RoadNodeId v) const { return {tails.data() + first[v], first[v + 1] - first[v]}; }
};

class SearchGraphBuilder {
public:
    SearchGraphBuilder(const RoadGraph& g, const CostPacking& packing)
        : n_(num_vertices(g)),
          first_out_(g.m_forward.m_rowstart),
          head_(g.m_forward.m_column),
          weight_(g.m_forward.m_edge_properties),
          packing_(packing),
          kind_(n_, Kind::core),
          place_of_node_(n_, SearchGraph::none) {}

    SearchGraph build() {
        peel_dead_end_trees();
        drop_satellite_arcs();
        classify();
        for (RoadNodeId v = 0; v < n_; ++v)
            if (kind_[v] == Kind::core) walk_chains_from(v);
        // A ring of chain nodes with no core node on it (a detached loop): make one node core.
        for (RoadNodeId v = 0; v < n_; ++v)
            if ((kind_[v] == Kind::one_way || kind_[v] == Kind::two_way) && place_of_node_[v] == SearchGraph::none) {
                kind_[v] = Kind::core;
                walk_chains_from(v);
            }
        return assemble();
    }

private:
    std::span<const RoadNodeId> outs(RoadNodeId v) const { return {head_.data() + first_out_[v], first_out_[v + 1] - first_out_[v]}; }
    std::uint64_t arc_cost(RoadNodeId from, RoadNodeId to) const {
        for (std::uint32_t e = first_out_[from]; e < first_out_[from + 1]; ++e)
            if (head_[e] == to) return packing_.pack(weight_[e]);
        assert(false && "arc must exist");
        return 0;
    }
    RoadArc unpacked(std::uint64_t cost) const {
        const std::uint64_t time = packing_.time(cost), length = packing_.length(cost);
        if (time > std::numeric_limits<std::uint32_t>::max() || length > std::numeric_limits<std::uint32_t>::max())
            throw std::invalid_argument("a chain of road arcs is too long for 32-bit time and length ticks");
        return {static_cast<std::uint32_t>(time), static_cast<std::uint32_t>(length)};
    }
    static bool contains(std::span<const RoadNodeId> sorted, RoadNodeId v) { return std::binary_search(sorted.begin(), sorted.end(), v); }

    // Repeatedly removes a node whose only neighbour it is joined to both ways: the cul-de-sacs,
    // then the streets that lead only to them, and so on. What remains is the part of the map
    // that through traffic can use; each removed node remembers its way back to it.
    void peel_dead_end_trees() {
        const InLists in(n_, first_out_, head_);
        std::vector<std::uint32_t> degree(n_);  // distinct neighbours still present
        for (RoadNodeId v = 0; v < n_; ++v) {
            const auto out = outs(v), from = in.of(v);
            std::size_t shared = 0;
            for (RoadNodeId w : out) shared += contains(from, w) ? 1 : 0;
            degree[v] = static_cast<std::uint32_t>(out.size() + from.size() - shared);
        }
        auto present_neighbour = [&](RoadNodeId v) {
            for (RoadNodeId w : outs(v))
                if (kind_[w] != Kind::satellite) return w;
            for (RoadNodeId w : in.of(v))
                if (kind_[w] != Kind::satellite) return w;
            return SearchGraph::none;
        };
        std::vector<RoadNodeId> queue, parent(n_, SearchGraph::none), peel_order;
        for (RoadNodeId v = 0; v < n_; ++v)
            if (degree[v] == 1) queue.push_back(v);
        for (std::size_t q = 0; q < queue.size(); ++q) {
            const RoadNodeId v = queue[q];
            if (kind_[v] == Kind::satellite || degree[v] != 1) continue;
            const RoadNodeId u = present_neighbour(v);
            if (!contains(outs(v), u) || !contains(in.of(v), u)) continue;  // a one-way dead end stays
            kind_[v] = Kind::satellite;
            parent[v] = u;
            peel_order.push_back(v);
            if (--degree[u] == 1) queue.push_back(u);
        }
        // Roots were peeled last (or never), so the reverse order sees parents before children.
        satellite_index_.assign(n_, SearchGraph::none);
        for (auto it = peel_order.rbegin(); it != peel_order.rend(); ++it) {
            const RoadNodeId v = *it, p = parent[v];
            SearchGraph::Satellite s{p, p, 1, arc_cost(v, p), arc_cost(p, v)};
            if (kind_[p] == Kind::satellite) {
                const SearchGraph::Satellite& above = satellites_[satellite_index_[p]];
                s = {above.root, p, above.depth + 1, s.up + above.up, above.down + s.down};
            }
            satellite_index_[v] = static_cast<std::uint32_t>(satellites_.size());
            satellites_.push_back(s);
        }
    }

    // From here on the builder works on its own copy of the graph without the satellites.
    void drop_satellite_arcs() {
        std::vector<std::uint32_t> first(n_ + 1, 0);
        std::vector<RoadNodeId> head;
        std::vector<RoadArc> weight;
        for (RoadNodeId v = 0; v < n_; ++v) {
            if (kind_[v] != Kind::satellite)
                for (std::uint32_t e = first_out_[v]; e < first_out_[v + 1]; ++e)
                    if (kind_[head_[e]] != Kind::satellite) head.push_back(head_[e]), weight.push_back(weight_[e]);
            first[v + 1] = static_cast<std::uint32_t>(head.size());
        }
        first_out_ = std::move(first);
        head_ = std::move(head);
        weight_ = std::move(weight);
    }

    void classify() {
        const InLists in(n_, first_out_, head_);
        for (RoadNodeId v = 0; v < n_; ++v) {
            if (kind_[v] == Kind::satellite) continue;
            const auto out = outs(v), from = in.of(v);
            if (out.size() == 1 && from.size() == 1 && out[0] != from[0])
                kind_[v] = Kind::one_way;
            else if (out.size() == 2 && from.size() == 2 && out[0] == from[0] && out[1] == from[1])
                kind_[v] = Kind::two_way;
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
        arcs.erase(
            std::unique(arcs.begin(), arcs.end(),
                        [](const auto& a, const auto& b) { return std::get<0>(a) == std::get<0>(b) && std::get<1>(a) == std::get<1>(b); }),
            arcs.end());

        std::vector<std::uint32_t> first_arc(cores + 1, 0);
        std::vector<CoreArc> core_arcs;
        core_arcs.reserve(arcs.size());
        for (const auto& [from, to, cost] : arcs) {
            ++first_arc[from + 1];
            core_arcs.push_back({to, unpacked(cost)});
        }
        for (std::size_t c = 0; c < cores; ++c) first_arc[c + 1] += first_arc[c];

        std::vector<std::uint32_t> slot(n_);
        for (RoadNodeId v = 0; v < n_; ++v) {
            if (kind_[v] == Kind::core)
                slot[v] = core_index[v];
            else if (kind_[v] == Kind::satellite)
                slot[v] = SearchGraph::satellite_flag | satellite_index_[v];
            else
                slot[v] = SearchGraph::chain_flag | place_of_node_[v];
        }
        return SearchGraph(std::move(first_arc), std::move(core_arcs), std::move(slot), std::move(places_), std::move(chains_),
                           std::move(satellites_));
    }

    std::size_t n_;
    std::vector<std::uint32_t> first_out_;
    std::vector<RoadNodeId> head_;
    std::vector<RoadArc> weight_;
    CostPacking packing_;
    std::vector<Kind> kind_;
    std::vector<std::uint32_t> place_of_node_;
    std::vector<SearchGraph::ChainPlace> places_;
    std::vector<SearchGraph::Chain> chains_;
    std::vector<RoadNodeId> chain_nodes_;
    std::vector<std::uint32_t> satellite_index_;
    std::vector<SearchGraph::Satellite> satellites_;
};

}  // namespace

SearchGraph build_search_graph(const RoadGraph& graph, const CostPacking& packing) {
    return SearchGraphBuilder(graph, packing).build();
}

}  // namespace fsd::travel_detail
