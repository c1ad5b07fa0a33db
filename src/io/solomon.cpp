#include "fsd/io/solomon.hpp"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "fsd/travel/builtin.hpp"

namespace fsd {
namespace {

std::vector<std::string> tokens(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string t; in >> t;) out.push_back(t);
    return out;
}

std::optional<double> number(const std::string& s) {
    try {
        std::size_t used = 0;
        const double v = std::stod(s, &used);
        if (used != s.size() || !std::isfinite(v)) return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::int64_t scaled(double v, std::int64_t scale) {
    return std::llround(v * static_cast<double>(scale));
}

struct Row {
    double id, x, y, demand, ready, due, service;
};

}  // namespace

std::int64_t solomon_scale(EuclideanTravel::Convention c) {
    return euclidean_scale(c);
}

Problem read_solomon(std::istream& in, const SolomonOptions& options, const std::string& source) {
    std::vector<InputError> errors;
    auto fail = [&](std::size_t line, std::string msg) {
        errors.push_back({source + (line ? ":" + std::to_string(line) : std::string()), std::move(msg)});
    };
    std::vector<std::pair<std::size_t, std::vector<std::string>>> lines;
    std::size_t lineno = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineno;
        auto t = tokens(line);
        if (!t.empty()) lines.emplace_back(lineno, std::move(t));
    }
    if (lines.empty()) throw InputErrors({{source, "empty file, not a Solomon-format instance"}});

    Problem p;
    p.name = lines[0].second[0];
    std::optional<double> vehicles, capacity;
    std::vector<Row> rows;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& t = lines[i].second;
        if (t[0] == "VEHICLE" && i + 2 < lines.size() && lines[i + 2].second.size() >= 2) {
            vehicles = number(lines[i + 2].second[0]);
            capacity = number(lines[i + 2].second[1]);
            if (!vehicles || !capacity || *vehicles < 1 || *capacity < 0) fail(lines[i + 2].first, "bad vehicle number or capacity");
        }
        if (t[0] == "CUSTOMER") {
            for (std::size_t k = i + 2; k < lines.size(); ++k) {
                const auto& r = lines[k].second;
                if (r.size() < 7) continue;
                double v[7];
                bool ok = true;
                for (int c = 0; c < 7; ++c) {
                    auto x = number(r[c]);
                    ok = ok && x.has_value();
                    v[c] = x.value_or(0);
                }
                if (!ok) {
                    fail(lines[k].first, "expected 7 numbers");
                    continue;
                }
                rows.push_back({v[0], v[1], v[2], v[3], v[4], v[5], v[6]});
            }
            break;
        }
    }
    if (!vehicles || rows.empty()) fail(0, "not a Solomon-format instance (no VEHICLE or CUSTOMER section)");
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].id != static_cast<double>(i)) {
            fail(0, "node ids must be 0..n-1 in order");
            break;
        }
    for (const auto& r : rows)
        if (r.due < r.ready || r.demand < 0 || r.service < 0) {
            fail(0, "node " + std::to_string(static_cast<long>(r.id)) + ": inverted window or negative demand/service");
            break;
        }
    if (!errors.empty()) throw InputErrors(std::move(errors));

    const std::int64_t scale = solomon_scale(options.convention);
    p.scale = scale;
    p.travel_source = EuclideanTravel{options.convention};
    p.objective.kind = options.objective;
    p.horizon.days = 1;
    for (const auto& r : rows) p.locations.push_back(Location{PlaneXY{r.x, r.y}});
    const Row& depot = rows[0];
    const auto horizon_end = TimePoint(scaled(depot.due, scale));

    const int k = static_cast<int>(*vehicles);
    for (int v = 0; v < k; ++v) {
        Technician t;
        t.id = "V" + std::to_string(v + 1);
        t.name = t.id;
        t.start_location = t.end_location = LocationId(0);
        t.capacity = static_cast<std::int64_t>(std::llround(*capacity));
        t.shifts.push_back(Shift{{TimePoint(scaled(depot.ready, scale)), horizon_end}, Duration::zero(), {}, std::nullopt});
        p.technicians.push_back(std::move(t));
    }
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const Row& r = rows[i];
        Job j;
        j.id = std::to_string(i);
        j.location = static_cast<LocationId>(i);
        j.duration = DurationQuantiles::fixed(Duration(scaled(r.service, scale)));
        j.time_windows.push_back({TimePoint(scaled(r.ready, scale)), TimePoint(scaled(r.due, scale))});
        j.demand = static_cast<std::int64_t>(std::llround(r.demand));
        p.jobs.push_back(std::move(j));
    }
    if (auto err = build_euclidean(EuclideanTravel{options.convention}, p.locations, p.travel)) throw InputErrors({{source, *err}});
    if (auto semantic = check_problem(p); !semantic.empty()) throw InputErrors(std::move(semantic));
    return p;
}

Problem load_solomon(const std::filesystem::path& path, const SolomonOptions& options) {
    std::ifstream in(path);
    if (!in) throw InputErrors({{"", "cannot read file " + path.string()}});
    return read_solomon(in, options, path.string());
}

std::string to_cvrplib(const Problem& problem, const Plan& plan, double cost) {
    std::ostringstream out;
    int k = 0;
    for (const auto& r : plan.routes) {
        bool any = false;
        for (const auto& s : r.stops) any = any || s.kind == StopKind::job;
        if (!any) continue;
        out << "Route #" << ++k << ":";
        for (const auto& s : r.stops)
            if (s.kind == StopKind::job) out << ' ' << problem.jobs[s.job_index()].id;
        out << '\n';
    }
    out << "Cost " << std::setprecision(12) << cost << '\n';
    return out.str();
}

Plan read_cvrplib(std::istream& in, const Problem& problem, const std::string& source) {
    std::vector<InputError> errors;
    Plan plan;
    PerJob<int> seen(problem.jobs.size(), 0);
    std::size_t lineno = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineno;
        auto t = tokens(line);
        if (t.empty() || (t[0] != "Route" && t[0] != "route")) continue;
        const auto colon = line.find(':');
        if (colon == std::string::npos) {
            errors.push_back({source + ":" + std::to_string(lineno), "expected \"Route #k: ...\""});
            continue;
        }
        if (plan.routes.size() >= problem.technicians.size()) {
            errors.push_back({source + ":" + std::to_string(lineno), "more routes than vehicles"});
            continue;
        }
        Route r;
        r.technician = static_cast<TechnicianIndex>(plan.routes.size());
        for (const auto& c : tokens(line.substr(colon + 1))) {
            auto v = number(c);
            if (!v || *v < 1 || *v > static_cast<double>(problem.jobs.size()) || std::floor(*v) != *v) {
                errors.push_back({source + ":" + std::to_string(lineno), "unknown customer " + c});
                continue;
            }
            const auto j = JobIndex(static_cast<std::uint32_t>(*v - 1));
            ++seen[j];
            r.stops.push_back(Stop::job(j));
        }
        plan.routes.push_back(std::move(r));
    }
    if (!errors.empty()) throw InputErrors(std::move(errors));
    for (std::size_t j = 0; j < seen.size(); ++j)
        if (!seen[j]) plan.unassigned.push_back({static_cast<JobIndex>(j), UnassignedReason::not_planned, "not in the solution file"});
    return plan;
}

Plan load_cvrplib(const std::filesystem::path& path, const Problem& problem) {
    std::ifstream in(path);
    if (!in) throw InputErrors({{"", "cannot read file " + path.string()}});
    return read_cvrplib(in, problem, path.string());
}

}  // namespace fsd
