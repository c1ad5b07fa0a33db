// The map: each technician's routes as one SVG path in their colour (along the road geometry
// where it is given), job stops as dots, homes as squares, jobs left out as grey crosses.
#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "fsd/report/route_geometry.hpp"
#include "report_parts.hpp"

namespace fsd::report::detail {
namespace {

constexpr double map_width = 1000;
constexpr double margin = 16;
constexpr double min_pixel_step = 0.8;  // road points closer than this to the last one add nothing visible

struct Point {
    double x = 0;
    double y = 0;
};

// Plane coordinates before scaling: longitude shrunk by the cosine of the mean latitude, so that
// a city keeps its shape; plane (x, y) as they are. y grows northwards here.
class Projection {
public:
    explicit Projection(const Problem& p) {
        double lat_sum = 0;
        int n = 0;
        for (const auto& l : p.locations)
            if (const auto* g = std::get_if<LatLon>(&l.coordinates)) lat_sum += g->lat, ++n;
        cos_lat_ = n > 0 ? std::cos(lat_sum / n * 3.14159265358979323846 / 180.0) : 1.0;
    }

    [[nodiscard]] Point plane(LatLon g) const { return {g.lon * cos_lat_, g.lat}; }
    [[nodiscard]] std::optional<Point> plane(const Coordinates& c) const {
        if (const auto* g = std::get_if<LatLon>(&c)) return plane(*g);
        if (const auto* xy = std::get_if<PlaneXY>(&c)) return Point{xy->x, xy->y};
        return std::nullopt;
    }

    void include(Point q) {
        lo_ = {std::min(lo_.x, q.x), std::min(lo_.y, q.y)};
        hi_ = {std::max(hi_.x, q.x), std::max(hi_.y, q.y)};
    }

    // Fixes the scale so that everything included fits the map's width and a height of at most
    // three quarters of it.
    void fit() {
        const double w = std::max(hi_.x - lo_.x, 1e-9), h = std::max(hi_.y - lo_.y, 1e-9);
        scale_ = std::min((map_width - 2 * margin) / w, (0.75 * map_width - 2 * margin) / h);
        width_ = w * scale_ + 2 * margin;
        height_ = h * scale_ + 2 * margin;
    }

    [[nodiscard]] Point pixel(Point q) const { return {margin + (q.x - lo_.x) * scale_, margin + (hi_.y - q.y) * scale_}; }
    [[nodiscard]] double width() const { return width_; }
    [[nodiscard]] double height() const { return height_; }

private:
    double cos_lat_ = 1.0;
    Point lo_{1e300, 1e300};
    Point hi_{-1e300, -1e300};
    double scale_ = 1;
    double width_ = 0;
    double height_ = 0;
};

class MapDrawer {
public:
    MapDrawer(const Problem& p, const Evaluation& ev, const ReportOptions& o)
        : p_(p),
          routes_(ev.schedule.routes),
          unassigned_(ev.schedule.unassigned),
          options_(o),
          projection_(p),
          marks_(marks_by_job(o.extras, p.jobs.size())) {}

    std::string draw() {
        if (!fit()) return R"(<p class="note">The problem's locations have no coordinates, so there is no map.</p>)";
        std::string svg = fmt::format(R"(<svg id="map-svg" class="map" viewBox="0 0 {} {}" role="img" aria-label="map of the routes">)",
                                      num(projection_.width()), num(projection_.height()));
        for (TechnicianIndex t : p_.technicians.indices()) svg += route_path(t);
        svg += unassigned_crosses();
        for (TechnicianIndex t : p_.technicians.indices()) svg += stops(t);
        svg += "</svg>";
        std::string credit;
        if (options_.geometry && !options_.geometry->credit.empty())
            credit = R"(<p class="credit">)" + escape_html(options_.geometry->credit) + "</p>";
        return R"(<div class="map-wrap">)" + svg + legend() + "</div>" + credit;
    }

private:
    // False when nothing has coordinates.
    bool fit() {
        bool any = false;
        auto add = [&](std::optional<Point> q) {
            if (q) projection_.include(*q), any = true;
        };
        for (const auto& l : p_.locations) add(projection_.plane(l.coordinates));
        if (options_.geometry)
            for (const auto& route : options_.geometry->legs)
                for (const auto& leg : route)
                    for (const LatLon& g : leg) add(projection_.plane(g));
        if (any) projection_.fit();
        return any;
    }

    [[nodiscard]] std::optional<Point> pixel_of(LocationId l) const {
        const auto q = projection_.plane(p_.locations[l].coordinates);
        return q ? std::optional(projection_.pixel(*q)) : std::nullopt;
    }

    [[nodiscard]] const std::vector<LatLon>* leg_geometry(std::size_t route, std::size_t leg) const {
        if (!options_.geometry || route >= options_.geometry->legs.size()) return nullptr;
        const auto& legs = options_.geometry->legs[route];
        return leg < legs.size() && !legs[leg].empty() ? &legs[leg] : nullptr;
    }

    static void line_to(std::string& d, Point q, Point& last) {
        if (std::abs(q.x - last.x) < min_pixel_step && std::abs(q.y - last.y) < min_pixel_step) return;
        d += "L" + num(q.x) + " " + num(q.y);
        last = q;
    }

    void route_d(std::string& d, std::size_t ri) const {
        const auto where = route_places(p_, routes_[ri]);
        if (where.size() <= 2) return;  // no job: nothing to draw
        auto first = pixel_of(where.front());
        if (!first) return;
        Point last = *first;
        d += "M" + num(last.x) + " " + num(last.y);
        for (std::size_t leg = 0; leg + 1 < where.size(); ++leg) {
            if (const auto* g = leg_geometry(ri, leg))
                for (const LatLon& ll : *g) line_to(d, projection_.pixel(projection_.plane(ll)), last);
            if (auto to = pixel_of(where[leg + 1])) line_to(d, *to, last);
        }
    }

    // All routes of one technician (one per shift used) in one path element.
    std::string route_path(TechnicianIndex t) const {
        std::string d;
        for (std::size_t ri = 0; ri < routes_.size(); ++ri)
            if (routes_[ri].technician == t) route_d(d, ri);
        if (d.empty()) return {};
        return fmt::format(R"(<path class="route" data-tech="{}" stroke="{}" d="{}"/>)", escape_html(p_.technicians[t].id),
                           technician_colour(t.value()), d);
    }

    std::string stops(TechnicianIndex t) const {
        std::string out;
        const std::string colour = technician_colour(t.value()), id = escape_html(p_.technicians[t].id);
        bool used = false;
        for (const auto& r : routes_) {
            if (r.technician != t) continue;
            for (const auto& s : r.stops) {
                if (s.kind != StopKind::job) continue;
                const auto at = pixel_of(p_.jobs[s.job_index()].location);
                if (!at) continue;
                used = true;
                out += fmt::format(R"(<circle class="stop{}" data-tech="{}" data-tip="{} · {} · {}" cx="{}" cy="{}" r="4" fill="{}"/>)",
                                   mark_classes(marks_[s.job_index()]), id, escape_html(p_.jobs[s.job_index()].id), id,
                                   clock_text(p_, s.start), num(at->x), num(at->y), colour);
            }
        }
        if (const auto home = pixel_of(p_.technicians[t].start_location); home && used)
            out += fmt::format(R"(<rect class="home" data-tech="{}" data-tip="{} home" x="{}" y="{}" width="8" height="8" fill="{}"/>)", id,
                               id, num(home->x - 4), num(home->y - 4), colour);
        return out;
    }

    std::string unassigned_crosses() const {
        std::string out;
        for (const auto& u : unassigned_) {
            const auto at = pixel_of(p_.jobs[u.job].location);
            if (!at) continue;
            out +=
                fmt::format(R"(<path class="left-out{}" data-tip="{} left out: {}" d="M{} {}l8 8m0-8l-8 8"/>)", mark_classes(marks_[u.job]),
                            escape_html(p_.jobs[u.job].id), to_string(u.reason), num(at->x - 4), num(at->y - 4));
        }
        return out;
    }

    std::string legend() const {
        PerTechnician<int> jobs(p_.technicians.size(), 0);
        for (const auto& r : routes_)
            for (const auto& s : r.stops) jobs[r.technician] += s.kind == StopKind::job;
        std::string out = R"(<ul class="legend">)";
        for (TechnicianIndex t : p_.technicians.indices()) {
            if (jobs[t] == 0) continue;
            const auto& tech = p_.technicians[t];
            out += fmt::format(R"(<li data-tech="{0}"><i style="background:{1}"></i>{0} {2} · {3}</li>)", escape_html(tech.id),
                               technician_colour(t.value()), tech.name == tech.id ? std::string() : escape_html(tech.name), jobs[t]);
        }
        return out + "</ul>";
    }

    const Problem& p_;
    const std::vector<Route>& routes_;
    const std::vector<Unassigned>& unassigned_;
    const ReportOptions& options_;
    Projection projection_;
    PerJob<std::vector<const VisitMark*>> marks_;
};

}  // namespace

std::string map_html(const Problem& p, const Evaluation& ev, const ReportOptions& options) {
    return MapDrawer(p, ev, options).draw();
}

}  // namespace fsd::report::detail
