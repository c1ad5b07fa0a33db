// Completed-job history as flat columns (one vector per field, names interned once), the input
// the duration models learn from. Read from and written to CSV (columns in docs/durations.md);
// a bad file is reported with every defect and its line number.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fsd/model/calendar.hpp"

namespace fsd {

enum class SiteType : std::uint8_t { residential, commercial };
enum class Visit : std::uint8_t { first, follow_up };
inline constexpr std::array<std::string_view, 2> site_type_names{"residential", "commercial"};
inline constexpr std::array<std::string_view, 2> visit_names{"first", "follow-up"};

// A set of names with dense indices 0..size()-1, in order of first appearance.
class NameIndex {
public:
    std::uint32_t intern(std::string_view name) {
        if (auto it = index_.find(name); it != index_.end()) return it->second;
        const auto id = static_cast<std::uint32_t>(names_.size());
        names_.emplace_back(name);
        index_.emplace(names_.back(), id);
        return id;
    }
    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view name) const {
        if (auto it = index_.find(name); it != index_.end()) return it->second;
        return std::nullopt;
    }
    [[nodiscard]] const std::string& name(std::uint32_t id) const { return names_[id]; }
    [[nodiscard]] const std::vector<std::string>& names() const { return names_; }
    [[nodiscard]] std::size_t size() const { return names_.size(); }
    friend bool operator==(const NameIndex& a, const NameIndex& b) { return a.names_ == b.names_; }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::vector<std::string> names_;
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> index_;
};

// One completed job, by name; the unit of add_row() and row(). Unknown numbers are NaN.
struct HistoryRow {
    std::string_view job_id;
    Date completed_on;
    std::string_view job_type;
    std::string_view trade;
    std::string_view technician;
    SiteType site = SiteType::residential;
    Visit visit = Visit::first;
    double equipment_age_years = NAN;  // age of the serviced equipment or installation
    double estimated_minutes = NAN;    // the dispatcher's estimate at booking time
    double actual_minutes = NAN;       // required, > 0
};

class HistoryTable {
public:
    NameIndex trades;
    NameIndex job_types;
    NameIndex technicians;
    std::vector<std::uint32_t> job_type_trade;  // per job type: its trade

    // One entry per row.
    std::vector<Date> completed_on;
    std::vector<std::uint32_t> job_type;
    std::vector<std::uint32_t> technician;
    std::vector<SiteType> site;
    std::vector<Visit> visit;
    std::vector<float> equipment_age_years;
    std::vector<float> estimated_minutes;
    std::vector<float> actual_minutes;

    [[nodiscard]] std::size_t size() const { return completed_on.size(); }
    [[nodiscard]] std::string_view job_id(std::size_t row) const {
        const std::size_t begin = row == 0 ? 0 : id_end_[row - 1];
        return std::string_view(id_chars_).substr(begin, id_end_[row] - begin);
    }
    [[nodiscard]] std::uint32_t trade_of_row(std::size_t row) const { return job_type_trade[job_type[row]]; }

    void reserve(std::size_t rows);
    // Interns a job type with its trade; throws std::invalid_argument when the type is already
    // known with another trade (a type belongs to exactly one trade).
    std::uint32_t intern_job_type(std::string_view job_type_name, std::string_view trade_name);
    // Appends a row; the indices must come from this table's name sets.
    void push_back(std::string_view job_id, Date date, std::uint32_t job_type_id, std::uint32_t technician_id, SiteType site_type,
                   Visit visit_kind, double age_years, double estimate_min, double actual_min);
    // Appends a row by name; throws std::invalid_argument on a type/trade mismatch.
    void add_row(const HistoryRow& row);
    [[nodiscard]] HistoryRow row(std::size_t i) const;

    // A table with the rows for which keep(row) is true; the name sets (and so every index)
    // stay the same, so models and reports can compare the parts directly.
    [[nodiscard]] HistoryTable filter(const std::function<bool(std::size_t)>& keep) const;

    // Same names and same rows; unknown numbers (NaN) compare equal to each other.
    friend bool operator==(const HistoryTable& a, const HistoryTable& b);

private:
    std::string id_chars_;               // every job id, back to back: no allocation per row
    std::vector<std::uint32_t> id_end_;  // end of row i's id in id_chars_
};

// Rows completed before `date`, and rows completed on or after it (a time split).
struct HistorySplit {
    HistoryTable before;
    HistoryTable from;
};
HistorySplit split_history(const HistoryTable& table, Date date);

// First and last completion dates; nullopt for an empty table.
std::optional<std::pair<Date, Date>> history_date_range(const HistoryTable& table);

// CSV. Columns (any order, header required, unknown columns ignored): job_id, completed_on
// (YYYY-MM-DD), job_type, trade, technician_id, site_type (residential|commercial),
// equipment_age_years (may be empty), visit (first|follow-up), estimated_minutes (may be empty),
// actual_minutes (> 0). Throws InputErrors naming source:line for every defect (up to 50).
HistoryTable parse_history_csv(std::string_view text, std::string_view source_name);
HistoryTable read_history_csv(const std::filesystem::path& path);
void write_history_csv(const HistoryTable& table, std::ostream& out);
void write_history_csv(const HistoryTable& table, const std::filesystem::path& path);

}  // namespace fsd
