#include "fsd/scenario/generator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "fsd/model/job_types.hpp"
#include "fsd/model/random.hpp"
#include "fsd/travel/builtin.hpp"

namespace fsd {
namespace {

constexpr const char* first_names[] = {"Ana",   "Bruno", "Carla", "Diogo", "Eva",  "Filipe", "Gabriela", "Hugo",   "Ines",  "Joao",
                                       "Katia", "Luis",  "Marta", "Nuno",  "Olga", "Pedro",  "Rita",     "Sergio", "Tania", "Vasco"};
constexpr const char* last_names[] = {"Silva",     "Santos",  "Ferreira", "Pereira",   "Oliveira",  "Costa",
                                      "Rodrigues", "Martins", "Sousa",    "Fernandes", "Goncalves", "Lopes"};

class Builder {
public:
    explicit Builder(const ScenarioOptions& o) : o_(o), rng_(o.seed) {
        p_.name = "metro-" + std::to_string(o.technicians) + "x" + std::to_string(o.jobs) + "-seed" + std::to_string(o.seed);
        p_.horizon = {o.start_date, o.days, o.timezone};
        for (auto t : trades) p_.catalog.skills.emplace_back(t);
        for (auto c : standard_certifications) p_.catalog.certifications.emplace_back(c);
        for (auto e : standard_equipment) p_.catalog.equipment.emplace_back(e);
        p_.travel_source = StraightLineTravel{o.city_speed_kmh, o.detour_factor};
        // A few neighbourhoods where demand concentrates, as in a real city.
        for (int h = 0; h < 6; ++h) hotspots_.push_back(point_in_disc(o.radius_km * 0.8));
    }

    Problem build() {
        for (int t = 0; t < o_.technicians; ++t) technician(t);
        for (int j = 0; j < o_.jobs; ++j) job(j);
        if (auto err = build_straight_line(std::get<StraightLineTravel>(p_.travel_source), p_.locations, p_.travel))
            throw std::logic_error(*err);
        return std::move(p_);
    }

private:
    LatLon point_in_disc(double radius_km) {
        const double r = radius_km * std::sqrt(rng_.uniform());
        const double a = rng_.uniform(0, 6.283185307179586);
        const double dlat = r * std::cos(a) / 111.32;
        const double dlon = r * std::sin(a) / (111.32 * std::cos(o_.centre.lat * 3.14159265358979 / 180));
        return {o_.centre.lat + dlat, o_.centre.lon + dlon};
    }

    LocationId place(bool near_hotspot) {
        LatLon ll;
        if (!o_.sites.empty()) {
            ll = o_.sites[rng_.below(o_.sites.size())];
        } else if (near_hotspot && rng_.chance(0.6)) {
            const LatLon h = hotspots_[rng_.below(hotspots_.size())];
            ll = {h.lat + rng_.normal(0, 0.012), h.lon + rng_.normal(0, 0.016)};
        } else {
            ll = point_in_disc(o_.radius_km);
        }
        p_.locations.push_back(Location{ll});
        return static_cast<LocationId>(p_.locations.size() - 1);
    }

    TimePoint at(int day, double hour) { return day_start(day) + Duration(std::llround(hour * 3600)); }

    void technician(int index) {
        Technician t;
        char id[16];
        std::snprintf(id, sizeof id, "T%02d", index + 1);
        t.id = id;
        t.name = std::string(first_names[rng_.below(std::size(first_names))]) + " " + last_names[rng_.below(std::size(last_names))];
        const double u = rng_.uniform();
        // The first technician of each trade is a senior who can take any job of it: a company
        // staffs so that every kind of work it sells has someone qualified.
        const bool senior = index < static_cast<int>(trades.size());
        const SkillId trade = senior ? static_cast<SkillId>(index) : u < 0.4 ? 0 : u < 0.7 ? 1 : 2;
        const int level = senior ? 3 : rng_.chance(0.25) ? 3 : rng_.chance(0.55) ? 2 : 1;
        t.skills.push_back({trade, level});
        if (rng_.chance(0.2)) t.skills.push_back({static_cast<SkillId>((trade + 1 + rng_.below(2)) % 3), 1});
        if (senior)
            senior_kit(t, trade);
        else {
            certifications(t, trade);
            equipment(t, trade);
        }
        t.start_location = t.end_location = place(false);
        for (int d = 0; d < o_.days; ++d) shift(t, d);
        t.cost_per_hour = std::round(rng_.uniform(32, 55));
        t.cost_per_km = std::round(rng_.uniform(0.35, 0.6) * 100) / 100;
        t.efficiency = std::round(rng_.uniform(0.85, 1.15) * 100) / 100;
        p_.technicians.push_back(std::move(t));
    }

    void certify(Technician& t, CertificationId c) {
        Certification cert{c, Date{o_.start_date.days + rng_.between(60, 900)}};
        // A few certificates lapse just before the horizon: the dispatcher must notice.
        if (rng_.chance(0.06)) cert.expires = Date{o_.start_date.days - rng_.between(1, 30)};
        t.certifications.push_back(cert);
    }

    void certifications(Technician& t, SkillId trade) {
        if (trade == 0) {
            if (rng_.chance(0.85)) certify(t, 0);
            if (rng_.chance(0.7)) certify(t, 1);
        } else if (trade == 1) {
            if (rng_.chance(0.5)) certify(t, 0);
        } else if (rng_.chance(0.55)) {
            certify(t, 2);
        }
    }

    // Every certificate (valid through the horizon) and every tool the trade's job types need.
    void senior_kit(Technician& t, SkillId trade) {
        for (const auto& jt : job_types) {
            if (jt.trade != trades[trade]) continue;
            if (!jt.certification.empty()) {
                const auto c = *p_.catalog.find_certification(std::string(jt.certification));
                if (std::none_of(t.certifications.begin(), t.certifications.end(),
                                 [c](const Certification& x) { return x.certification == c; }))
                    t.certifications.push_back({c, Date{o_.start_date.days + rng_.between(120, 900)}});
            }
            if (!jt.equipment.empty()) {
                const auto e = *p_.catalog.find_equipment(std::string(jt.equipment));
                if (std::find(t.equipment.begin(), t.equipment.end(), e) == t.equipment.end()) t.equipment.push_back(e);
            }
        }
    }

    void equipment(Technician& t, SkillId trade) {
        auto maybe = [&](EquipmentId e, double p) {
            if (rng_.chance(p)) t.equipment.push_back(e);
        };
        maybe(0, 0.7);  // ladder
        if (trade == 1) {
            maybe(1, 0.35);
            maybe(2, 0.6);
            maybe(3, 0.55);
        }
        if (trade == 0) {
            maybe(4, 0.6);
            maybe(5, 0.3);
        }
        if (trade == 2) maybe(5, 0.65);
    }

    void shift(Technician& t, int day) {
        const double start = 7.0 + 0.5 * static_cast<double>(rng_.between(0, 4));   // 07:00-09:00
        const double length = 8.0 + 0.5 * static_cast<double>(rng_.between(0, 4));  // 8-10 h
        Shift s;
        s.span = {at(day, start), at(day, start + length)};
        s.max_overtime = minutes(60);
        s.breaks.push_back({minutes(30), {at(day, 11.0), at(day, 15.0)}});
        t.shifts.push_back(std::move(s));
    }

    std::size_t pick_type(Urgency urgency) {
        double total = 0;
        for (const auto& jt : job_types) total += jt.typical_urgency == urgency ? jt.share : 0;
        double x = rng_.uniform(0, total);
        for (std::size_t i = 0; i < job_types.size(); ++i) {
            if (job_types[i].typical_urgency != urgency) continue;
            x -= job_types[i].share;
            if (x <= 0) return i;
        }
        return 0;
    }

    void requirements(Job& j, const JobTypeSpec& spec) {
        j.skills.push_back({*p_.catalog.find_skill(std::string(spec.trade)), spec.skill_level});
        if (!spec.certification.empty()) j.certifications.push_back(*p_.catalog.find_certification(std::string(spec.certification)));
        if (!spec.equipment.empty()) j.equipment.push_back(*p_.catalog.find_equipment(std::string(spec.equipment)));
        // Quantiles of the type's log-normal, perturbed per job as an estimator would be.
        const double median = spec.median_min * std::exp(rng_.normal(0, 0.15));
        auto q = [&](double z) { return minutes(std::llround(median * std::exp(z * spec.sigma))); };
        j.duration = {q(0.0), q(0.6745), q(1.2816)};
    }

    void windows(Job& j, int day) {
        if (j.urgency == Urgency::emergency) {
            const double now = rng_.uniform(8.0, 13.0);
            j.time_windows.push_back({at(0, now), at(0, 18.0)});
            j.sla_deadline = at(0, now + rng_.uniform(2.0, 4.0));
            j.priority = 10;
            return;
        }
        if (j.urgency == Urgency::same_day) {
            const bool afternoon = rng_.chance(0.4);
            j.time_windows.push_back({at(0, afternoon ? 12.0 : 8.0), at(0, 17.0)});
            j.sla_deadline = at(0, 17.0);
            j.priority = 5;
            return;
        }
        static constexpr double starts[] = {8.0, 8.0, 9.0, 10.0, 12.0, 13.0, 14.0};
        // Customers book long jobs (installs, upgrades) for the morning, so they fit a shift.
        const bool long_job = j.duration.p75 > hours(3);
        const double s = long_job ? 8.0 + rng_.below(2) : starts[rng_.below(std::size(starts))];
        const double len = rng_.chance(0.5) ? 3.0 : rng_.chance(0.5) ? 2.0 : 4.0;
        j.time_windows.push_back({at(day, s), at(day, std::min(s + len, 17.5))});
        if (rng_.chance(0.1)) j.preferred_window = TimeWindow{at(day, s), at(day, s + 1.0)};
        j.priority = static_cast<int>(rng_.between(1, 3));
    }

    void job(int index) {
        Job j;
        char id[16];
        std::snprintf(id, sizeof id, "J%04d", index + 1);
        j.id = id;
        j.customer_id = "C" + std::to_string(10000 + rng_.below(90000));
        const double u = rng_.uniform();
        j.urgency = u < o_.emergency_share                                                  ? Urgency::emergency
                    : u < o_.emergency_share + (1 - o_.emergency_share) * o_.same_day_share ? Urgency::same_day
                                                                                            : Urgency::scheduled;
        const auto& spec = job_types[pick_type(j.urgency)];
        j.job_type = std::string(spec.name);
        j.description = std::string(spec.title);
        j.location = place(true);
        requirements(j, spec);
        const int day = j.urgency == Urgency::scheduled ? static_cast<int>(rng_.below(static_cast<std::uint64_t>(o_.days))) : 0;
        windows(j, day);
        if (!p_.technicians.empty() && rng_.chance(0.1))
            j.preferred_technicians.push_back(static_cast<TechnicianIndex>(rng_.below(p_.technicians.size())));
        p_.jobs.push_back(std::move(j));
    }

    const ScenarioOptions& o_;
    Rng rng_;
    Problem p_;
    std::vector<LatLon> hotspots_;
};

}  // namespace

Problem generate_scenario(const ScenarioOptions& options) {
    if (options.technicians < 1 || options.technicians > 200) throw std::invalid_argument("technicians must be 1..200");
    if (options.jobs < 0 || options.jobs > 1500) throw std::invalid_argument("jobs must be 0..1500");
    if (options.days < 1 || options.days > 28) throw std::invalid_argument("days must be 1..28");
    if (!(options.radius_km > 0)) throw std::invalid_argument("radius_km must be positive");
    return Builder(options).build();
}

}  // namespace fsd
