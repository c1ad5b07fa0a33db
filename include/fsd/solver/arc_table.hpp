// The search's travel table: time and distance of every arc side by side, so that a join costs
// one memory access. Built once per pair of travel matrices and shared: the instances of one
// dispatch day (the lanes, every re-plan) are built from problem copies that share their travel
// tables (Matrix is copy-on-write), and n^2 arcs are the largest part of an instance.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "fsd/model/travel_tables.hpp"

namespace fsd::solver {

struct Arc {
    Duration time;
    Distance distance;
};

struct ArcTable {
    std::size_t locations = 0;
    std::vector<Arc> arcs;  // row-major, locations x locations
    bool symmetric = true;  // every arc has the same distance both ways
    // The matrices it was built from, held so that their entries cannot change in place while
    // the table is cached by their address.
    std::shared_ptr<const std::vector<Duration>> time_source;
    std::shared_ptr<const std::vector<Distance>> distance_source;

    explicit ArcTable(const TravelTables& t)
        : locations(t.time.size()), time_source(t.time.storage()), distance_source(t.distance.storage()) {
        arcs.resize(locations * locations);
        for (std::size_t a = 0; a < locations; ++a)
            for (std::size_t b = 0; b < locations; ++b) arcs[a * locations + b] = {t.time(a, b), t.distance(a, b)};
        for (std::size_t a = 0; a < locations && symmetric; ++a)
            for (std::size_t b = 0; b < a; ++b) symmetric = symmetric && t.distance(a, b) == t.distance(b, a);
    }
};

// The arc table of these travel tables: the one already built for the same matrices while some
// instance still holds it, else a new one. Thread-safe.
inline std::shared_ptr<const ArcTable> arc_table(const TravelTables& t) {
    struct Entry {
        const void* time;
        const void* distance;
        std::weak_ptr<const ArcTable> table;
    };
    static std::mutex mutex;
    static std::vector<Entry> cache;
    const void* time = t.time.storage().get();
    const void* distance = t.distance.storage().get();
    if (time == nullptr || distance == nullptr) return std::make_shared<const ArcTable>(t);
    {
        const std::lock_guard lock(mutex);
        for (const Entry& e : cache)
            if (e.time == time && e.distance == distance)
                if (auto table = e.table.lock()) return table;
    }
    // Built outside the lock: two threads may build the same table once each, which is harmless.
    auto table = std::make_shared<const ArcTable>(t);
    const std::lock_guard lock(mutex);
    std::erase_if(cache, [](const Entry& e) { return e.table.expired(); });
    cache.push_back({time, distance, table});
    return table;
}

}  // namespace fsd::solver
