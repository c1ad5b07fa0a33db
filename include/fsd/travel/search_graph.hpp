// The graph the shortest-path search runs on, the "core": the road network without its
// two-way dead-end trees (cul-de-sacs and their branches, "satellites") and with every chain of
// degree-2 nodes (shape points along a street) contracted into one arc between the nodes at its
// ends. Together that removes 85 % of the Porto nodes and 40 % of the New York ones. A point
// off the core reaches it through its tree's root and the chain's ends, so costs stay exactly
// those of the full graph while the search touches far less memory. RoadNetwork builds it once.
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

// An arc of the core: a road arc, or a whole chain with its summed time and length. Twelve
// bytes, so more of them share a cache line than if the packed cost were stored.
struct CoreArc {
    std::uint32_t head;  // core index
    RoadArc weight;
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
        std::uint32_t index;       // 0 for x1
        std::uint64_t from_first;  // cost first -> this node
        std::uint64_t from_last;   // cost last -> this node, two-way chains only
    };
    // A node of a dead-end tree hanging off the rest of the network at `root` (a core or chain
    // node); every tree arc exists in both directions.
    struct Satellite {
        RoadNodeId root;
        RoadNodeId parent;    // next node towards the root
        std::uint32_t depth;  // arcs to the root
        std::uint64_t up;     // cost to the root
        std::uint64_t down;   // cost from the root
    };

    SearchGraph() = default;
    // `slot_of_node[v]` is a core index for core nodes, chain_flag | index into `places` for
    // chain nodes and satellite_flag | index into `satellites` for tree nodes.
    SearchGraph(std::vector<std::uint32_t> first_arc, std::vector<CoreArc> arcs, std::vector<std::uint32_t> slot_of_node,
                std::vector<ChainPlace> places, std::vector<Chain> chains, std::vector<Satellite> satellites)
        : first_arc_(std::move(first_arc)),
          arcs_(std::move(arcs)),
          slot_of_node_(std::move(slot_of_node)),
          places_(std::move(places)),
          chains_(std::move(chains)),
          satellites_(std::move(satellites)) {}

    static constexpr std::uint32_t chain_flag = 0x8000'0000u;
    static constexpr std::uint32_t satellite_flag = 0x4000'0000u;
    static constexpr std::uint32_t index_mask = 0x3FFF'FFFFu;

    [[nodiscard]] std::size_t core_count() const { return first_arc_.empty() ? 0 : first_arc_.size() - 1; }
    [[nodiscard]] std::size_t arc_count() const { return arcs_.size(); }
    [[nodiscard]] std::size_t chain_count() const { return chains_.size(); }
    [[nodiscard]] std::size_t satellite_count() const { return satellites_.size(); }
    [[nodiscard]] const std::uint32_t* first_arc() const { return first_arc_.data(); }
    [[nodiscard]] const CoreArc* arcs() const { return arcs_.data(); }

    // Ways from road node v into the core.
    [[nodiscard]] Attachments leaving(RoadNodeId v) const {
        const Satellite* sat = satellite_of(v);
        Attachments out = sat ? leaving_on_core_or_chain(sat->root) : leaving_on_core_or_chain(v);
        if (sat) shift(out, sat->up);
        return out;
    }

    // Ways from the core to road node v.
    [[nodiscard]] Attachments entering(RoadNodeId v) const {
        const Satellite* sat = satellite_of(v);
        Attachments out = sat ? entering_on_core_or_chain(sat->root) : entering_on_core_or_chain(v);
        if (sat) shift(out, sat->down);
        return out;
    }

    // The cheapest way from one node to another that never uses a core arc: along a common
    // chain, or within a common dead-end tree. nullopt when there is none.
    [[nodiscard]] std::optional<std::uint64_t> off_core(RoadNodeId from, RoadNodeId to) const {
        const Satellite* a = satellite_of(from);
        const Satellite* b = satellite_of(to);
        const RoadNodeId root_a = a ? a->root : from, root_b = b ? b->root : to;
        if (root_a == root_b) return within_tree(from, to);  // leaving the tree never helps
        const auto along = along_chain(root_a, root_b);
        if (!along) return std::nullopt;
        return (a ? a->up : 0) + *along + (b ? b->down : 0);
    }

private:
    const Satellite* satellite_of(RoadNodeId v) const {
        const std::uint32_t slot = slot_of_node_[v];
        return (slot & satellite_flag) ? &satellites_[slot & index_mask] : nullptr;
    }

    Attachments leaving_on_core_or_chain(RoadNodeId v) const {
        Attachments out;
        const std::uint32_t slot = slot_of_node_[v];
        assert(!(slot & satellite_flag));
        if (!(slot & chain_flag)) return add(out, slot, 0);
        const ChainPlace& p = places_[slot & index_mask];
        const Chain& c = chains_[p.chain];
        add(out, c.last_core, c.forward_cost - p.from_first);
        if (c.two_way) add(out, c.first_core, c.backward_cost - p.from_last);
        return out;
    }

    Attachments entering_on_core_or_chain(RoadNodeId v) const {
        Attachments out;
        const std::uint32_t slot = slot_of_node_[v];
        assert(!(slot & satellite_flag));
        if (!(slot & chain_flag)) return add(out, slot, 0);
        const ChainPlace& p = places_[slot & index_mask];
        const Chain& c = chains_[p.chain];
        add(out, c.first_core, p.from_first);
        if (c.two_way) add(out, c.last_core, p.from_last);
        return out;
    }

    static void shift(Attachments& a, std::uint64_t cost) {
        for (std::uint32_t i = 0; i < a.count; ++i) a.items[i].cost += cost;
    }

    // Driving along one chain between two of its nodes without leaving it.
    std::optional<std::uint64_t> along_chain(RoadNodeId from, RoadNodeId to) const {
        const std::uint32_t a = slot_of_node_[from], b = slot_of_node_[to];
        if (!(a & chain_flag) || !(b & chain_flag)) return std::nullopt;
        const ChainPlace& p = places_[a & index_mask];
        const ChainPlace& q = places_[b & index_mask];
        if (p.chain != q.chain) return std::nullopt;
        // Prefix costs grow along the chain in both fields, so the difference never borrows.
        if (p.index <= q.index) return q.from_first - p.from_first;
        if (chains_[p.chain].two_way) return q.from_last - p.from_last;
        return std::nullopt;
    }

    // Up from `from` to the lowest common ancestor, then down to `to`; both are in one tree
    // (or are its root). Trees are shallow, so walking the parents is cheap.
    std::uint64_t within_tree(RoadNodeId from, RoadNodeId to) const {
        auto depth = [&](RoadNodeId v) {
            const Satellite* s = satellite_of(v);
            return s ? s->depth : 0u;
        };
        auto up = [&](RoadNodeId v) {
            const Satellite* s = satellite_of(v);
            return s ? s->up : 0u;
        };
        auto down = [&](RoadNodeId v) {
            const Satellite* s = satellite_of(v);
            return s ? s->down : 0u;
        };
        RoadNodeId a = from, b = to;
        while (depth(a) > depth(b)) a = satellite_of(a)->parent;
        while (depth(b) > depth(a)) b = satellite_of(b)->parent;
        while (a != b) a = satellite_of(a)->parent, b = satellite_of(b)->parent;
        return (up(from) - up(a)) + (down(to) - down(a));
    }

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
    std::vector<Satellite> satellites_;
};

}  // namespace fsd
