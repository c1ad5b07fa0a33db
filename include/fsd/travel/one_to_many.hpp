// One-to-many shortest paths on a RoadNetwork: Dijkstra from one source over the contracted
// core's arrays (search_graph.hpp) with an indexed 4-ary heap, stopping as soon as every target
// is settled. One instance is the workspace of one thread; road_matrix.hpp runs many in parallel.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "fsd/travel/road_network.hpp"

namespace fsd {

// The targets of one matrix: the distinct road nodes, a slot in the output row for each, and
// the core nodes (search_graph.hpp) the search must settle before every target is known.
class TargetSet {
public:
    static constexpr std::uint32_t no_slot = std::numeric_limits<std::uint32_t>::max();

    // `targets` may repeat a node (two points snapped to it); each node gets one slot.
    TargetSet(const RoadNetwork& network, std::span<const RoadNodeId> targets)
        : slot_of_node_(network.node_count(), no_slot),
          slot_of_target_(targets.size()),
          needed_core_(network.search_graph().core_count(), false) {
        const SearchGraph& search = network.search_graph();
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const RoadNodeId v = targets[i];
            assert(v < network.node_count());
            if (slot_of_node_[v] == no_slot) {
                slot_of_node_[v] = static_cast<std::uint32_t>(nodes_.size());
                nodes_.push_back(v);
                entering_.push_back(search.entering(v));
                for (const Attachment& a : entering_.back())
                    if (!needed_core_[a.core]) needed_core_[a.core] = true, ++needed_core_count_;
            }
            slot_of_target_[i] = slot_of_node_[v];
        }
    }

    [[nodiscard]] std::size_t size() const { return nodes_.size(); }
    [[nodiscard]] std::uint32_t slot_of_node(RoadNodeId v) const { return slot_of_node_[v]; }
    // Slot of the i-th target as given to the constructor.
    [[nodiscard]] std::uint32_t slot_of_target(std::size_t i) const { return slot_of_target_[i]; }
    [[nodiscard]] std::span<const RoadNodeId> nodes() const { return nodes_; }
    [[nodiscard]] std::size_t node_count() const { return slot_of_node_.size(); }
    // How the core reaches the target in `slot`.
    [[nodiscard]] const Attachments& entering(std::size_t slot) const { return entering_[slot]; }
    [[nodiscard]] bool core_needed(std::uint32_t core) const { return needed_core_[core]; }
    [[nodiscard]] std::size_t needed_core_count() const { return needed_core_count_; }

private:
    std::vector<std::uint32_t> slot_of_node_;
    std::vector<std::uint32_t> slot_of_target_;
    std::vector<RoadNodeId> nodes_;
    std::vector<Attachments> entering_;
    std::vector<bool> needed_core_;  // a bit per core node: small enough to stay in cache
    std::size_t needed_core_count_ = 0;
};

// What the search keeps per core node, in one 16-byte record so that the cache line fetched
// to compare a label also holds the heap position and where the node's arcs start.
struct SearchNodeState {
    std::uint64_t label = CostPacking::unreached;
    std::uint32_t heap_position = 0;
    std::uint32_t first_arc = 0;  // copy of the graph's row start; the next node's is the end
};

// A min-heap of core nodes keyed by packed cost, with decrease-key through the position kept
// in each node's SearchNodeState. Four children per node: shallower than a binary heap, and
// the children of a node sit side by side. Storage is sized once for the whole network.
class IndexedQuadHeap {
public:
    struct Entry {
        std::uint64_t key;
        std::uint32_t node;
    };

    explicit IndexedQuadHeap(std::vector<SearchNodeState>& states) : entries_(states.size()), states_(states) {}

    [[nodiscard]] bool empty() const { return size_ == 0; }
    void clear() { size_ = 0; }
    // The node that pop() would return next.
    [[nodiscard]] std::uint32_t top_node() const {
        assert(size_ > 0);
        return entries_[0].node;
    }

    void push(std::uint32_t node, std::uint64_t key) {
        assert(size_ < entries_.size());
        sift_up(size_++, Entry{key, node});
    }
    // `node` is in the heap and `key` is not larger than its current key.
    void decrease(std::uint32_t node, std::uint64_t key) {
        const std::uint32_t at = states_[node].heap_position;
        assert(at < size_ && entries_[at].node == node && key <= entries_[at].key);
        sift_up(at, Entry{key, node});
    }
    Entry pop() {
        assert(size_ > 0);
        const Entry top = entries_[0];
        const Entry last = entries_[--size_];
        if (size_ > 0) sift_down(last);
        return top;
    }

private:
    void place(std::size_t i, Entry e) {
        entries_[i] = e;
        states_[e.node].heap_position = static_cast<std::uint32_t>(i);
    }
    void sift_up(std::size_t i, Entry e) {
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (entries_[parent].key <= e.key) break;
            place(i, entries_[parent]);
            i = parent;
        }
        place(i, e);
    }
    // Moves `e` down from the root to where it belongs.
    void sift_down(Entry e) {
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = 4 * i + 1;
            if (first >= size_) break;
            const std::size_t best = first + 4 <= size_ ? min_of_four(first) : min_of_some(first);
            if (e.key <= entries_[best].key) break;
            place(i, entries_[best]);
            i = best;
        }
        place(i, e);
    }

    // Which child is smallest, as a tournament of selects rather than a chain of branches that
    // the processor cannot predict.
    [[nodiscard]] std::size_t min_of_four(std::size_t first) const {
        const Entry* c = entries_.data() + first;
        const std::size_t a = c[1].key < c[0].key ? 1 : 0;
        const std::size_t b = c[3].key < c[2].key ? 3 : 2;
        return first + (c[b].key < c[a].key ? b : a);
    }
    [[nodiscard]] std::size_t min_of_some(std::size_t first) const {
        std::size_t best = first;
        for (std::size_t c = first + 1; c < size_; ++c)
            if (entries_[c].key < entries_[best].key) best = c;
        return best;
    }

    std::vector<Entry> entries_;
    std::vector<SearchNodeState>& states_;
    std::size_t size_ = 0;
};

// Dijkstra workspace for one thread over the contracted core: node states, the heap and the
// list of touched nodes, all sized once, so a run allocates nothing.
class OneToManyDijkstra {
public:
    explicit OneToManyDijkstra(const RoadNetwork& network)
        : search_(network.search_graph()),
          packing_(network.packing()),
          arcs_(search_.arcs()),
          state_(search_.core_count() + 1),
          touched_(search_.core_count()),
          heap_(state_) {
        for (std::size_t v = 0; v < state_.size(); ++v) state_[v].first_arc = search_.first_arc()[v];
    }
    explicit OneToManyDijkstra(const RoadNetwork&&) = delete;  // the network must outlive the workspace
    OneToManyDijkstra(const OneToManyDijkstra&) = delete;      // the heap refers to state_
    OneToManyDijkstra& operator=(const OneToManyDijkstra&) = delete;

    // Settles core nodes in cost order from where `source` joins the core, until every core
    // node a target hangs on is settled or nothing reachable is left; then prices each target.
    // out[slot] receives the packed (time, length) cost of the fastest path to each target
    // (the shortest of the fastest on ties), CostPacking::unreached when there is none.
    // Returns the number of core nodes settled.
    std::size_t run(RoadNodeId source, const TargetSet& targets, std::span<std::uint64_t> out) {
        assert(out.size() == targets.size());
        for (const Attachment& a : search_.leaving(source)) improve(a.core, a.cost);
        std::size_t remaining = targets.needed_core_count();
        std::size_t settled = 0;
        while (remaining > 0 && !heap_.empty()) {
            const auto [key, v] = heap_.pop();
            ++settled;
            if (targets.core_needed(v)) --remaining;
            if (!heap_.empty()) prefetch_neighbours_of(heap_.top_node());
            relax_arcs_of(v, key);
        }
        for (std::size_t slot = 0; slot < targets.size(); ++slot) out[slot] = price(source, targets, slot);
        reset();
        return settled;
    }

private:
    // Labels of needed core nodes are final here: the loop above settled them or proved them
    // unreachable.
    std::uint64_t price(RoadNodeId source, const TargetSet& targets, std::size_t slot) const {
        const RoadNodeId target = targets.nodes()[slot];
        if (target == source) return 0;
        std::uint64_t best = search_.off_core(source, target).value_or(CostPacking::unreached);
        for (const Attachment& a : targets.entering(slot))
            if (state_[a.core].label != CostPacking::unreached) best = std::min(best, state_[a.core].label + a.cost);
        return best;
    }

    // The search waits on memory, not arithmetic, so it asks for data before it needs it: a
    // node's arcs as soon as it gets a label (they arrive while it waits in the heap), and the
    // states of the next node's neighbours while the current node is relaxed.
    void prefetch_neighbours_of(std::uint32_t v) const {
        const std::uint32_t begin = state_[v].first_arc, end = state_[v + 1].first_arc;
        for (std::uint32_t e = begin; e < end; ++e) __builtin_prefetch(&state_[arcs_[e].head]);
    }
    void relax_arcs_of(std::uint32_t v, std::uint64_t key) {
        const std::uint32_t begin = state_[v].first_arc, end = state_[v + 1].first_arc;
        for (std::uint32_t e = begin; e < end; ++e) improve(arcs_[e].head, key + packing_.pack(arcs_[e].weight));
    }
    void improve(std::uint32_t w, std::uint64_t candidate) {
        SearchNodeState& s = state_[w];
        if (candidate >= s.label) return;
        if (s.label == CostPacking::unreached) {
            __builtin_prefetch(arcs_ + s.first_arc);
            touched_[touched_count_++] = w;
            s.label = candidate;
            heap_.push(w, candidate);
        } else {
            s.label = candidate;
            heap_.decrease(w, candidate);
        }
    }
    // A search that touched a good part of the graph is undone faster by one sequential pass
    // than by jumping to each touched node.
    void reset() {
        if (touched_count_ > state_.size() / 8) {
            for (auto& s : state_) s.label = CostPacking::unreached;
        } else {
            for (std::size_t i = 0; i < touched_count_; ++i) state_[touched_[i]].label = CostPacking::unreached;
        }
        touched_count_ = 0;
        heap_.clear();
    }

    const SearchGraph& search_;
    CostPacking packing_;
    const CoreArc* arcs_;
    std::vector<SearchNodeState> state_;  // one per core node, plus one holding the arcs' end
    std::vector<std::uint32_t> touched_;
    std::size_t touched_count_ = 0;
    IndexedQuadHeap heap_;
};

}  // namespace fsd
