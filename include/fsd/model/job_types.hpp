// The built-in taxonomy of residential field-service work: each job type's trade, the skill level,
// certification and equipment it needs, its typical duration (log-normal) and urgency. The
// scenario generator, triage and the duration models all speak in these names.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "fsd/model/job.hpp"

namespace fsd {

inline constexpr std::array<std::string_view, 3> trades{"hvac", "plumbing", "electrical"};
inline constexpr std::array<std::string_view, 3> standard_certifications{"gas-safe", "refrigerant-handling", "high-voltage"};
inline constexpr std::array<std::string_view, 6> standard_equipment{"ladder",       "pipe-camera",          "drain-jetter",
                                                                    "pipe-freezer", "refrigerant-recovery", "thermal-camera"};

struct JobTypeSpec {
    std::string_view name;           // stable identifier, e.g. "boiler-repair"
    std::string_view title;          // for people, e.g. "Boiler repair"
    std::string_view trade;          // one of `trades`; also the skill name
    int skill_level;                 // 1..3
    std::string_view certification;  // "" when none
    std::string_view equipment;      // "" when none
    double median_min;               // log-normal duration: median minutes
    double sigma;                    // log-normal shape (spread of log minutes)
    Urgency typical_urgency;
    double share;  // relative frequency among tickets
    // Planned work that may be paused and finished later (Job::interruptible); never a repair
    // that leaves the customer without water, heat or power.
    bool interruptible = false;
};

inline constexpr std::array<JobTypeSpec, 20> job_types{{
    // HVAC
    {"boiler-repair", "Boiler repair", "hvac", 2, "gas-safe", "", 95, 0.45, Urgency::same_day, 7},
    {"boiler-service", "Annual boiler service", "hvac", 1, "gas-safe", "", 55, 0.25, Urgency::scheduled, 8, true},
    {"furnace-repair", "Furnace repair", "hvac", 2, "gas-safe", "", 90, 0.45, Urgency::same_day, 5},
    {"ac-repair", "Air-conditioning repair", "hvac", 2, "refrigerant-handling", "refrigerant-recovery", 100, 0.45, Urgency::same_day, 5},
    {"ac-install", "Air-conditioning installation", "hvac", 3, "refrigerant-handling", "refrigerant-recovery", 240, 0.30,
     Urgency::scheduled, 2, true},
    {"heat-pump-service", "Heat-pump service", "hvac", 2, "refrigerant-handling", "", 70, 0.30, Urgency::scheduled, 4, true},
    {"thermostat-install", "Thermostat installation", "hvac", 1, "", "", 45, 0.30, Urgency::scheduled, 4},
    {"gas-leak", "Suspected gas leak", "hvac", 2, "gas-safe", "", 60, 0.40, Urgency::emergency, 1.5},
    // Plumbing
    {"leak-repair", "Leak repair", "plumbing", 1, "", "", 60, 0.45, Urgency::same_day, 8},
    {"burst-pipe", "Burst pipe / active flooding", "plumbing", 2, "", "pipe-freezer", 110, 0.45, Urgency::emergency, 2},
    {"drain-unblock", "Blocked drain", "plumbing", 1, "", "drain-jetter", 50, 0.40, Urgency::same_day, 7},
    {"water-heater-repair", "Water-heater repair", "plumbing", 2, "gas-safe", "", 85, 0.40, Urgency::same_day, 4},
    {"water-heater-install", "Water-heater installation", "plumbing", 2, "gas-safe", "", 180, 0.30, Urgency::scheduled, 2},
    {"fixture-install", "Fixture installation (tap, toilet, sink)", "plumbing", 1, "", "", 65, 0.35, Urgency::scheduled, 6},
    {"sewer-inspection", "Sewer camera inspection", "plumbing", 2, "", "pipe-camera", 75, 0.30, Urgency::scheduled, 2, true},
    // Electrical
    {"outlet-repair", "Outlet or switch repair", "electrical", 1, "", "", 40, 0.40, Urgency::scheduled, 7},
    {"circuit-fault", "Circuit fault / tripping breaker", "electrical", 2, "", "thermal-camera", 80, 0.50, Urgency::same_day, 6},
    {"panel-upgrade", "Consumer-unit / panel upgrade", "electrical", 3, "high-voltage", "", 300, 0.30, Urgency::scheduled, 2},
    {"lighting-install", "Lighting installation", "electrical", 1, "", "ladder", 70, 0.35, Urgency::scheduled, 5, true},
    {"electrical-hazard", "Sparks or burning smell", "electrical", 2, "high-voltage", "thermal-camera", 75, 0.45, Urgency::emergency, 1.5},
}};

inline std::optional<std::size_t> find_job_type(std::string_view name) {
    for (std::size_t i = 0; i < job_types.size(); ++i)
        if (job_types[i].name == name) return i;
    return std::nullopt;
}

}  // namespace fsd
