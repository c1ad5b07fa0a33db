// A small hand-built problem for the matching tests: one job site, technicians at known
// driving times from it, a one-day horizon on 2026-11-23 with 08:00-17:00 shifts.
#pragma once

#include <string>
#include <vector>

#include "fsd/model/problem.hpp"

namespace fsd::test {

struct TechSpec {
    std::string id;
    int travel_min = 10;  // from their start location to the job site
    std::vector<SkillLevel> skills;
    std::vector<Certification> certifications;
    std::vector<EquipmentId> equipment;
    bool works = true;  // has a shift on day 0
};

// Skills: hvac=0, plumbing=1, electrical=2. Certifications: gas-safe=0, refrigerant-handling=1.
// Equipment: ladder=0, pipe-camera=1. Location 0 is the job site; technician i starts at i+1.
inline Problem matching_problem(const std::vector<TechSpec>& techs, Job job) {
    Problem p;
    p.name = "matching-fixture";
    p.horizon.start_date = date_from_civil(2026, 11, 23);
    p.horizon.days = 1;
    p.catalog.skills = {"hvac", "plumbing", "electrical"};
    p.catalog.certifications = {"gas-safe", "refrigerant-handling"};
    p.catalog.equipment = {"ladder", "pipe-camera"};
    p.travel_source = MatrixTravel{};
    const std::size_t n = techs.size() + 1;
    p.locations.resize(n);
    p.travel.time = Matrix<Duration>(n, Duration::zero());
    p.travel.distance = Matrix<Distance>(n, Distance::zero());
    for (std::size_t i = 0; i < techs.size(); ++i) {
        const Duration d = minutes(techs[i].travel_min);
        p.travel.time(0, i + 1) = p.travel.time(i + 1, 0) = d;
        Technician t;
        t.id = techs[i].id;
        t.name = "Tech " + techs[i].id;
        t.skills = techs[i].skills;
        t.certifications = techs[i].certifications;
        t.equipment = techs[i].equipment;
        t.start_location = t.end_location = static_cast<LocationId>(i + 1);
        if (techs[i].works) t.shifts.push_back(Shift{{day_start(0) + hours(8), day_start(0) + hours(17)}, minutes(60), {}, std::nullopt});
        p.technicians.push_back(t);
    }
    job.location = 0;
    p.jobs.push_back(std::move(job));
    return p;
}

inline Job boiler_repair_job() {
    Job j;
    j.id = "J1";
    j.customer_id = "C100";
    j.job_type = "boiler-repair";
    j.skills = {{0, 2}};
    j.certifications = {0};
    j.duration = DurationQuantiles::fixed(minutes(90));
    j.time_windows = {{day_start(0) + hours(9), day_start(0) + hours(12)}};
    return j;
}

inline Certification valid_gas_safe() {
    return {0, date_from_civil(2027, 6, 30)};
}

}  // namespace fsd::test
