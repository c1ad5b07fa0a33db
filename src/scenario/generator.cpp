#include "fsd/scenario/generator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "fsd/model/eligibility.hpp"
#include "fsd/model/job_types.hpp"
#include "fsd/model/random.hpp"
#include "fsd/travel/builtin.hpp"

namespace fsd {
namespace {

constexpr const char* first_names[] = {"Ana",   "Bruno", "Carla", "Diogo", "Eva",  "Filipe", "Gabriela", "Hugo",   "Ines",  "Joao",
                                       "Katia", "Luis",  "Marta", "Nuno",  "Olga", "Pedro",  "Rita",     "Sergio", "Tania", "Vasco"};
constexpr const char* last_names[] = {"Silva",     "Santos",  "Ferreira", "Pereira",   "Oliveira",  "Costa",
                                      "Rodrigues", "Martins", "Sousa",    "Fernandes", "Goncalves", "Lopes"};

// Skill levels of a trade's crew, in hiring order: a senior first, then mostly mid-level, a junior
// now and then. Every trade's hardest work has someone to do it.
constexpr std::array<int, 8> crew_levels{3, 2, 2, 2, 3, 2, 2, 1};

// Civil weekday of a date: 0 Monday .. 6 Sunday.
int weekday(Date d) {
    return static_cast<int>(((d.days + 3) % 7 + 7) % 7);
}

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
        for (int d = 0; d < o.days; ++d)
            if (weekday(Date{o.start_date.days + d}) < 5) workdays_.push_back(d);
        if (workdays_.empty()) workdays_.push_back(0);  // a weekend-only horizon still gets its day
    }

    Problem build() {
        const std::vector<SkillId> crew = staff_trades();
        std::array<int, trades.size()> hired{};
        for (int t = 0; t < o_.technicians; ++t) {
            const SkillId trade = crew[static_cast<std::size_t>(t)];
            const int level = crew_levels[static_cast<std::size_t>(hired[trade]++) % crew_levels.size()];
            technician(t, trade, level);
            for (int l = 1; l <= level; ++l)
                bookable_[trade][static_cast<std::size_t>(l)] +=
                    60.0 * o_.shift_hours * static_cast<double>(p_.technicians.back().shifts.size());
        }
        for (int j = 0; j < o_.jobs; ++j) job(j);
        if (auto err = build_straight_line(std::get<StraightLineTravel>(p_.travel_source), p_.locations, p_.travel))
            throw std::logic_error(*err);
        return std::move(p_);
    }

private:
    // The expected hours of work each trade's tickets bring, from the taxonomy's shares and
    // median durations under the urgency mix.
    [[nodiscard]] std::array<double, trades.size()> work_by_trade() const {
        std::array<double, 3> urgency_share{o_.emergency_share, (1 - o_.emergency_share) * o_.same_day_share,
                                            (1 - o_.emergency_share) * (1 - o_.same_day_share)};
        std::array<double, 3> total_share{};
        for (const auto& jt : job_types) total_share[static_cast<int>(jt.typical_urgency)] += jt.share;
        std::array<double, trades.size()> work{};
        for (const auto& jt : job_types) {
            const auto u = static_cast<std::size_t>(jt.typical_urgency);
            const auto trade = static_cast<std::size_t>(std::find(trades.begin(), trades.end(), jt.trade) - trades.begin());
            if (total_share[u] > 0) work[trade] += urgency_share[u] * jt.share / total_share[u] * jt.median_min;
        }
        return work;
    }

    // Technicians per trade in proportion to the work (largest remainder), then interleaved so
    // that the first few technicians already cover every trade.
    [[nodiscard]] std::vector<SkillId> staff_trades() const {
        const auto work = work_by_trade();
        double total = 0;
        for (double w : work) total += w;
        std::array<int, trades.size()> count{};
        std::array<double, trades.size()> rest{};
        int given = 0;
        for (std::size_t t = 0; t < work.size(); ++t) {
            const double exact = o_.technicians * work[t] / total;
            count[t] = static_cast<int>(exact);
            rest[t] = exact - count[t];
            given += count[t];
        }
        for (; given < o_.technicians; ++given) {
            const auto t = static_cast<std::size_t>(std::max_element(rest.begin(), rest.end()) - rest.begin());
            ++count[t];
            rest[t] = -1;
        }
        std::vector<SkillId> crew;
        for (int round = 0; static_cast<int>(crew.size()) < o_.technicians; ++round)
            for (std::size_t t = 0; t < count.size(); ++t)
                if (round < count[t]) crew.push_back(static_cast<SkillId>(t));
        return crew;
    }

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

    void technician(int index, SkillId trade, int level) {
        Technician t;
        char id[16];
        std::snprintf(id, sizeof id, "T%02d", index + 1);
        t.id = id;
        t.name = std::string(first_names[rng_.below(std::size(first_names))]) + " " + last_names[rng_.below(std::size(last_names))];
        t.skills.push_back({trade, level});
        if (rng_.chance(0.2)) t.skills.push_back({static_cast<SkillId>((trade + 1 + rng_.below(2)) % 3), 1});
        kit(t, trade, level);
        t.start_location = t.end_location = place(false);
        for (int d : workdays_)
            if (o_.days == 1 || !rng_.chance(0.08)) shift(t, d);  // over several days, an occasional day off
        t.cost_per_hour = std::round(rng_.uniform(32, 55));
        t.cost_per_km = std::round(rng_.uniform(0.35, 0.6) * 100) / 100;
        t.efficiency = std::round(rng_.uniform(0.85, 1.15) * 100) / 100;
        p_.technicians.push_back(std::move(t));
    }

    // The certificates and tools for every job type of the trade up to the technician's level.
    // Now and then a certificate has lapsed just before the horizon: `fsd validate` warns, and
    // the jobs that need it go to someone else.
    void kit(Technician& t, SkillId trade, int level) {
        for (const auto& jt : job_types) {
            if (jt.trade != trades[trade] || jt.skill_level > level) continue;
            if (!jt.certification.empty()) {
                const auto c = *p_.catalog.find_certification(std::string(jt.certification));
                if (std::none_of(t.certifications.begin(), t.certifications.end(),
                                 [c](const Certification& x) { return x.certification == c; }))
                    t.certifications.push_back(certificate(c));
            }
            if (!jt.equipment.empty()) {
                const auto e = *p_.catalog.find_equipment(std::string(jt.equipment));
                if (std::find(t.equipment.begin(), t.equipment.end(), e) == t.equipment.end()) t.equipment.push_back(e);
            }
        }
        if (std::find(t.equipment.begin(), t.equipment.end(), EquipmentId{0}) == t.equipment.end()) t.equipment.push_back(0);  // a ladder
    }

    Certification certificate(CertificationId c) {
        Certification cert{c, Date{o_.start_date.days + rng_.between(60, 900)}};
        if (rng_.chance(0.06)) cert.expires = Date{o_.start_date.days - rng_.between(1, 30)};
        return cert;
    }

    void shift(Technician& t, int day) {
        const double start = 7.5 + 0.5 * static_cast<double>(rng_.between(0, 2));  // 07:30, 08:00 or 08:30
        Shift s;
        s.span = {at(day, start), at(day, start + o_.shift_hours)};
        s.max_overtime = minutes(static_cast<std::int64_t>(std::llround(60 * o_.overtime_hours)));
        // Lunch between two visits, late enough after a morning-long install.
        s.breaks.push_back({minutes(30), {at(day, 11.0), at(day, 15.5)}});
        t.shifts.push_back(std::move(s));
    }

    // The office books scheduled work where the crew can take it. Each ticket's trade is drawn in
    // proportion to the hours that trade still has free, so every trade is about as busy; within
    // a trade, the work needing level l or above stays within the hours of the people who have
    // it, and each job type within the hours of those qualified for it (certificates valid on the
    // first day, tools on the van): a crew with one installer is not booked four installs, and a
    // lapsed refrigerant licence takes an installer out. Emergencies and same-day tickets come
    // in regardless, and take their share of the hours. Hours are typical (p75) durations.
    std::array<std::array<double, 4>, trades.size()> bookable_{};  // minutes, by trade and level (index 1..3)
    std::array<std::array<double, 4>, trades.size()> booked_{};
    std::array<double, job_types.size()> booked_by_type_{};
    static constexpr double specialist_share = 0.8;

    [[nodiscard]] double typical_minutes(const JobTypeSpec& spec) const {
        return spec.median_min * std::exp(0.6745 * spec.sigma * o_.duration_spread) + o_.visit_overhead_min;
    }
    static std::size_t trade_of(const JobTypeSpec& spec) {
        return static_cast<std::size_t>(std::find(trades.begin(), trades.end(), spec.trade) - trades.begin());
    }

    [[nodiscard]] bool fits_bookings(std::size_t type) const {
        const JobTypeSpec& spec = job_types[type];
        const std::size_t trade = trade_of(spec);
        const double minutes = typical_minutes(spec);
        // Specialists also do their trade's everyday work: their special work is booked to a share.
        for (int l = 1; l <= spec.skill_level; ++l) {
            const double share = l == 1 ? 1.0 : specialist_share;
            if (booked_[trade][static_cast<std::size_t>(l)] + minutes > share * bookable_[trade][static_cast<std::size_t>(l)]) return false;
        }
        return booked_by_type_[type] + minutes <= specialist_share * qualified_minutes(spec);
    }

    [[nodiscard]] double qualified_minutes(const JobTypeSpec& spec) const {
        Job probe;
        probe.skills.push_back({*p_.catalog.find_skill(std::string(spec.trade)), spec.skill_level});
        if (!spec.certification.empty()) probe.certifications.push_back(*p_.catalog.find_certification(std::string(spec.certification)));
        if (!spec.equipment.empty()) probe.equipment.push_back(*p_.catalog.find_equipment(std::string(spec.equipment)));
        const CapabilitySet need = required_capabilities(p_.catalog, probe);
        double minutes = 0;
        for (const auto& t : p_.technicians)
            if (capabilities_on(p_.catalog, t, o_.start_date).covers(need))
                minutes += 60.0 * o_.shift_hours * static_cast<double>(t.shifts.size());
        return minutes;
    }

    void book(std::size_t type) {
        const JobTypeSpec& spec = job_types[type];
        const double minutes = typical_minutes(spec);
        for (int l = 1; l <= spec.skill_level; ++l) booked_[trade_of(spec)][static_cast<std::size_t>(l)] += minutes;
        booked_by_type_[type] += minutes;
    }

    // A job type for the urgency: by the taxonomy's shares, and for scheduled work also by the
    // trades' free hours, drawn again (a few times) while the crew is booked up for it.
    const JobTypeSpec& draw_type(Urgency urgency) {
        std::size_t type = pick_type(urgency, urgency == Urgency::scheduled ? pick_trade() : trades.size());
        for (int tries = 0; urgency == Urgency::scheduled && tries < 20 && !fits_bookings(type); ++tries)
            type = pick_type(urgency, pick_trade());
        book(type);
        return job_types[type];
    }

    // A trade with probability in proportion to its free hours; any trade when all are full.
    std::size_t pick_trade() {
        std::array<double, trades.size()> free{};
        double total = 0;
        for (std::size_t t = 0; t < free.size(); ++t) total += free[t] = std::max(0.0, bookable_[t][1] - booked_[t][1]);
        if (total <= 0) return trades.size();
        double x = rng_.uniform(0, total);
        for (std::size_t t = 0; t < free.size(); ++t)
            if ((x -= free[t]) <= 0) return t;
        return free.size() - 1;
    }

    // A job type of the urgency (and of the trade, unless it is trades.size()) by share.
    std::size_t pick_type(Urgency urgency, std::size_t trade) {
        auto eligible = [&](const JobTypeSpec& jt) {
            return jt.typical_urgency == urgency && (trade >= trades.size() || trade_of(jt) == trade);
        };
        double total = 0;
        for (const auto& jt : job_types) total += eligible(jt) ? jt.share : 0;
        if (total <= 0) return pick_type(urgency, trades.size());
        double x = rng_.uniform(0, total);
        for (std::size_t i = 0; i < job_types.size(); ++i) {
            if (!eligible(job_types[i])) continue;
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
        const double sigma = spec.sigma * o_.duration_spread;
        auto q = [&](double z) { return minutes(std::llround(median * std::exp(z * sigma) + o_.visit_overhead_min)); };
        j.duration = {q(0.0), q(0.6745), q(1.2816)};
    }

    // Emergencies come in during the working day and must be attended within hours.
    void emergency(Job& j, int day) {
        const double reported = rng_.uniform(8.0, 13.5);
        j.reported_at = at(day, reported);
        j.time_windows.push_back({*j.reported_at, at(day, 19.0)});
        j.sla_deadline = at(day, reported + rng_.uniform(2.0, 3.0));
        j.priority = 10;
    }

    // Same-day tickets come in during the morning, to be started by 17:00; some customers are home
    // only in the afternoon.
    void same_day(Job& j, int day) {
        const double reported = rng_.uniform(7.0, 11.0);
        j.reported_at = at(day, reported);
        j.time_windows.push_back({at(day, rng_.chance(0.3) ? 12.0 : reported), at(day, 17.0)});
        j.sla_deadline = at(day, 17.0);
        j.priority = 5;
    }

    // A booked slot, the same on every day the customer is available (one day over a one-day
    // horizon, two to five weekdays otherwise). Long jobs start first thing, so they fit a shift.
    void scheduled(Job& j) {
        static constexpr double starts[] = {8.0, 8.0, 9.0, 10.0, 12.0, 13.0, 14.0};
        const bool long_job = j.duration.p75 > hours(3);
        const double s = long_job ? 8.0 : starts[rng_.below(std::size(starts))];
        const double len = rng_.chance(0.5) ? 3.0 : rng_.chance(0.5) ? 2.0 : 4.0;
        const double end = std::min(s + len, long_job ? 11.0 : 16.0);
        std::vector<int> days = workdays_;
        rng_.shuffle(days.begin(), days.end());
        const std::size_t offered = o_.days == 1 ? 1 : std::min<std::size_t>(days.size(), static_cast<std::size_t>(rng_.between(2, 5)));
        days.resize(offered);
        std::sort(days.begin(), days.end());
        for (int d : days) j.time_windows.push_back({at(d, s), at(d, end)});
        if (rng_.chance(0.1)) j.preferred_window = TimeWindow{at(days.front(), s), at(days.front(), std::min(s + 1.0, end))};
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
        const auto& spec = draw_type(j.urgency);
        j.job_type = std::string(spec.name);
        j.description = std::string(spec.title);
        j.interruptible = spec.interruptible;
        j.location = place(true);
        requirements(j, spec);
        const int day = workdays_[rng_.below(workdays_.size())];
        if (j.urgency == Urgency::emergency) emergency(j, day);
        if (j.urgency == Urgency::same_day) same_day(j, day);
        if (j.urgency == Urgency::scheduled) scheduled(j);
        if (!p_.technicians.empty() && rng_.chance(0.1))
            j.preferred_technicians.push_back(static_cast<TechnicianIndex>(rng_.below(p_.technicians.size())));
        p_.jobs.push_back(std::move(j));
    }

    const ScenarioOptions& o_;
    Rng rng_;
    Problem p_;
    std::vector<LatLon> hotspots_;
    std::vector<int> workdays_;  // horizon days that are weekdays
};

}  // namespace

Problem generate_scenario(const ScenarioOptions& options) {
    if (options.technicians < 1 || options.technicians > 200) throw std::invalid_argument("technicians must be 1..200");
    if (options.jobs < 0 || options.jobs > 1500) throw std::invalid_argument("jobs must be 0..1500");
    if (options.days < 1 || options.days > 28) throw std::invalid_argument("days must be 1..28");
    if (!(options.radius_km > 0)) throw std::invalid_argument("radius_km must be positive");
    if (!(options.shift_hours >= 4 && options.shift_hours <= 12)) throw std::invalid_argument("shift_hours must be 4..12");
    if (!(options.duration_spread >= 0 && options.duration_spread <= 2)) throw std::invalid_argument("duration_spread must be 0..2");
    if (!(options.visit_overhead_min >= 0 && options.visit_overhead_min <= 120))
        throw std::invalid_argument("visit_overhead_min must be 0..120");
    return Builder(options).build();
}

}  // namespace fsd
