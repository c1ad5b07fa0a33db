// The graph the shortest-path search runs on: the road network with every chain of degree-2
// nodes (shape points along a street, 80 % of the Porto extract) contracted into one arc
// between the nodes at its ends, the "core". A point on a chain reaches the core through the
// chain's ends, so costs stay exactly those of the full graph while the search touches far
// less memory. RoadNetwork builds it once; OneToManyDijkstra uses it.
#pragma once

#include <array>
#include <cassert>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "fsd/travel/road_types.hpp"

namespace fsd {

// An arc of the core; `cost` is the packed (time, length) of the arc or of the whole chain.
struct CoreArc {
    std::uint64_t cost;
    std::uint32_t head;  // core index
};

// A way between a road node and the core: the core node and the packed cost of the stretch.
struct Attachment {
    std::uint32_t core;
    std::uint64_t cost;
};

// Up to two attachments: a core node has itself at cost 0, a node on a one-way chain one
// end, a node on a two-way chain both ends.
struct Attachments {
    std::array<Attachment, 2> items{};
    std::uint32_t count = 0;
    [[nodiscard]] const Attachment* begin() const { return items.data(); }
    [[nodiscard]] const Attachment* end() const { return items.data() + count; }
};

class SearchGraph {
public:
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

    // A maximal path first -> x1 -> ... -> xk -> last through chain nodes. Two-way chains
    // can also be driven last -> ... -> first.
    struct Chain {
        std::uint32_t first_core;
        std::uint32_t last_core;
        std::uint64_t forward_cost;   // first -> last
        std::uint64_t backward_cost;  // last -> first, two-way chains only
        bool two_way;
    };
    // Where a chain node sits on its chain.
    struct ChainPlace {
        std::uint32_t chain;
        std::uint32_t index;      // 0 for x1
        std::uint64_t from_first;  // cost first -> this node
        std::uint64_t from_last;   // cost last -> this node, two-way chains only
    };

    SearchGraph() = default;
    // `slot_of_node[v]` is a core index for core nodes; for chain nodes it is
    // chain_flag | index into `places`.
    SearchGraph(std::vector<std::uint32_t> first_arc, std::vector<CoreArc> arcs, std::vector<std::uint32_t> slot_of_node,
                std::vector<ChainPlace> places, std::vector<Chain> chains)
        : first_arc_(std::move(first_arc)),
          arcs_(std::move(arcs)),
          slot_of_node_(std::move(slot_of_node)),
          places_(std::move(places)),
          chains_(std::move(chains)) {}

    static constexpr std::uint32_t chain_flag = 0x8000'0000u;

    [[nodiscard]] std::size_t core_count() const { return first_arc_.empty() ? 0 : first_arc_.size() - 1; }
    [[nodiscard]] std::size_t arc_count() const { return arcs_.size(); }
    [[nodiscard]] std::size_t chain_count() const { return chains_.size(); }
    [[nodiscard]] const std::uint32_t* first_arc() const { return first_arc_.data(); }
    [[nodiscard]] const CoreArc* arcs() const { return arcs_.data(); }

    // Ways from road node v into the core.
    [[nodiscard]] Attachments leaving(RoadNodeId v) const {
        Attachments out;
        const std::uint32_t slot = slot_of_node_[v];
        if (!(slot & chain_flag)) return add(out, slot, 0);
        const ChainPlace& p = places_[slot & ~chain_flag];
        const Chain& c = chains_[p.chain];
        add(out, c.last_core, c.forward_cost - p.from_first);
        if (c.two_way) add(out, c.first_core, c.backward_cost - p.from_last);
        return out;
    }

    // Ways from the core to road node v.
    [[nodiscard]] Attachments entering(RoadNodeId v) const {
        Attachments out;
        const std::uint32_t slot = slot_of_node_[v];
        if (!(slot & chain_flag)) return add(out, slot, 0);
        const ChainPlace& p = places_[slot & ~chain_flag];
        const Chain& c = chains_[p.chain];
        add(out, c.first_core, p.from_first);
        if (c.two_way) add(out, c.last_core, p.from_last);
        return out;
    }

    // The cost of driving from one chain node to another along their common chain without
    // leaving it; nullopt when they are not on one chain or the chain's direction forbids it.
    [[nodiscard]] std::optional<std::uint64_t> along_chain(RoadNodeId from, RoadNodeId to) const {
        const std::uint32_t a = slot_of_node_[from], b = slot_of_node_[to];
        if (!(a & chain_flag) || !(b & chain_flag)) return std::nullopt;
        const ChainPlace& p = places_[a & ~chain_flag];
        const ChainPlace& q = places_[b & ~chain_flag];
        if (p.chain != q.chain) return std::nullopt;
        // Prefix costs grow along the chain in both fields, so the difference never borrows.
        if (p.index <= q.index) return q.from_first - p.from_first;
        if (chains_[p.chain].two_way) return q.from_last - p.from_last;
        return std::nullopt;
    }

private:
    static Attachments& add(Attachments& a, std::uint32_t core, std::uint64_t cost) {
        assert(a.count < 2);
        a.items[a.count++] = {core, cost};
        return a;
    }

    std::vector<std::uint32_t> first_arc_;
    std::vector<CoreArc> arcs_;
    std::vector<std::uint32_t> slot_of_node_;
    std::vector<ChainPlace> places_;
    std::vector<Chain> chains_;
};

}  // namespace fsd
