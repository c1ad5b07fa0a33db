#include "fsd/travel/points_csv.hpp"

#include <array>
#include <cmath>
#include <unordered_map>

#include "text_input.hpp"

namespace fsd {

std::vector<NamedPoint> read_points_csv(const std::filesystem::path& path, PointCoordinates without_header) {
    using travel_io::fail;
    const std::string text = travel_io::read_whole_file(path);
    travel_io::LineReader lines(text);
    PointCoordinates convention = without_header;
    std::vector<NamedPoint> points;
    std::unordered_map<std::string, std::size_t> line_of_id;
    std::array<std::string_view, 3> f;
    for (std::string_view line; lines.next(line);) {
        if (line.empty()) continue;
        if (travel_io::split(line, ',', f) != 3) fail(path, lines.line_number(), "expected three fields: id and two coordinates");
        if (lines.line_number() == 1 && !travel_io::parse_double(f[1])) {
            if (f[1] == "lat" && f[2] == "lon")
                convention = PointCoordinates::degrees_lat_lon;
            else if (f[1] == "x" && f[2] == "y")
                convention = PointCoordinates::microdegrees_x_y;
            else
                fail(path, 1, "header must be \"id,lat,lon\" (degrees) or \"id,x,y\" (microdegrees, longitude first)");
            continue;
        }
        NamedPoint p{std::string(f[0]), {}};
        if (p.id.empty()) fail(path, lines.line_number(), "empty id");
        if (convention == PointCoordinates::degrees_lat_lon) {
            const auto lat = travel_io::parse_double(f[1]), lon = travel_io::parse_double(f[2]);
            if (!lat || !lon || !(std::abs(*lat) <= 90) || !(std::abs(*lon) <= 180))  // NaN compares false: refused too
                fail(path, lines.line_number(), "lat, lon must be degrees in [-90, 90] and [-180, 180]");
            p.position = {*lat, *lon};
        } else {
            const auto x = travel_io::parse_int<std::int64_t>(f[1]), y = travel_io::parse_int<std::int64_t>(f[2]);
            if (!x || !y || std::abs(*y) > 90'000'000 || std::abs(*x) > 180'000'000)
                fail(path, lines.line_number(), "x, y must be integer microdegrees, longitude first (the DIMACS .co convention)");
            p.position = {static_cast<double>(*y) / 1e6, static_cast<double>(*x) / 1e6};
        }
        if (const auto [it, fresh] = line_of_id.emplace(p.id, lines.line_number()); !fresh)
            fail(path, lines.line_number(), "id \"" + p.id + "\" already used on line " + std::to_string(it->second));
        points.push_back(std::move(p));
    }
    if (points.empty()) fail(path, 0, "no points");
    return points;
}

}  // namespace fsd
