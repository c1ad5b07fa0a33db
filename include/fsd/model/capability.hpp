// Skills (with levels), certifications and equipment as one compact bitset, so that "may this
// technician do this job" is a handful of word operations in the hot paths. The Catalog maps
// names to bits; a job requires a set and a technician has a set on each day.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fsd/model/calendar.hpp"

namespace fsd {

class CapabilitySet {
public:
    static constexpr std::size_t words = 8;
    static constexpr std::size_t capacity = words * 64;  // 512 bits

    constexpr void set(std::size_t bit) { w_[bit / 64] |= std::uint64_t{1} << (bit % 64); }
    [[nodiscard]] constexpr bool test(std::size_t bit) const { return (w_[bit / 64] >> (bit % 64)) & 1U; }
    // True when every bit of `required` is also set here.
    [[nodiscard]] constexpr bool covers(const CapabilitySet& required) const {
        std::uint64_t missing = 0;
        for (std::size_t i = 0; i < words; ++i) missing |= required.w_[i] & ~w_[i];
        return missing == 0;
    }
    [[nodiscard]] constexpr std::size_t count() const {
        std::size_t n = 0;
        for (auto w : w_) n += static_cast<std::size_t>(std::popcount(w));
        return n;
    }
    [[nodiscard]] constexpr bool empty() const { return count() == 0; }
    constexpr CapabilitySet& operator|=(const CapabilitySet& o) {
        for (std::size_t i = 0; i < words; ++i) w_[i] |= o.w_[i];
        return *this;
    }
    friend constexpr bool operator==(const CapabilitySet&, const CapabilitySet&) = default;

private:
    std::array<std::uint64_t, words> w_{};
};

using SkillId = std::uint16_t;
using CertificationId = std::uint16_t;
using EquipmentId = std::uint16_t;

struct SkillLevel {
    SkillId skill = 0;
    int level = 1;  // 1 = can do it, higher = more proficient; Catalog::max_level is the top
    friend bool operator==(const SkillLevel&, const SkillLevel&) = default;
};

struct Certification {
    CertificationId certification = 0;
    std::optional<Date> expires;  // valid up to and including this date
    [[nodiscard]] bool valid_on(Date d) const { return !expires || d <= *expires; }
    friend bool operator==(const Certification&, const Certification&) = default;
};

// The names of every skill, certification and equipment item a problem may mention, and their
// bit positions. A skill takes max_level bits: holding level L sets the bits of levels 1..L, so
// "requires level 2" is a single bit test.
struct Catalog {
    static constexpr int max_level = 5;
    std::vector<std::string> skills;
    std::vector<std::string> certifications;
    std::vector<std::string> equipment;

    [[nodiscard]] std::size_t bits_needed() const { return skills.size() * max_level + certifications.size() + equipment.size(); }
    [[nodiscard]] std::size_t skill_bit(SkillId s, int level) const {
        return static_cast<std::size_t>(s) * max_level + static_cast<std::size_t>(level - 1);
    }
    [[nodiscard]] std::size_t certification_bit(CertificationId c) const { return skills.size() * max_level + c; }
    [[nodiscard]] std::size_t equipment_bit(EquipmentId e) const { return skills.size() * max_level + certifications.size() + e; }
    [[nodiscard]] std::optional<SkillId> find_skill(const std::string& name) const;
    [[nodiscard]] std::optional<CertificationId> find_certification(const std::string& name) const;
    [[nodiscard]] std::optional<EquipmentId> find_equipment(const std::string& name) const;
    friend bool operator==(const Catalog&, const Catalog&) = default;
};

namespace detail {
inline std::optional<std::uint16_t> find_name(const std::vector<std::string>& names, const std::string& name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<std::uint16_t>(i);
    return std::nullopt;
}
}  // namespace detail

inline std::optional<SkillId> Catalog::find_skill(const std::string& name) const {
    return detail::find_name(skills, name);
}
inline std::optional<CertificationId> Catalog::find_certification(const std::string& name) const {
    return detail::find_name(certifications, name);
}
inline std::optional<EquipmentId> Catalog::find_equipment(const std::string& name) const {
    return detail::find_name(equipment, name);
}

}  // namespace fsd
