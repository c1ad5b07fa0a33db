#include "fsd/duration/history_table.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <fstream>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "fsd/model/problem.hpp"

namespace fsd {

void HistoryTable::reserve(std::size_t rows) {
    completed_on.reserve(rows);
    job_type.reserve(rows);
    technician.reserve(rows);
    site.reserve(rows);
    visit.reserve(rows);
    equipment_age_years.reserve(rows);
    estimated_minutes.reserve(rows);
    actual_minutes.reserve(rows);
    id_end_.reserve(rows);
    id_chars_.reserve(rows * 9);
}

std::uint32_t HistoryTable::intern_job_type(std::string_view job_type_name, std::string_view trade_name) {
    const std::uint32_t trade_id = trades.intern(trade_name);
    if (auto known = job_types.find(job_type_name)) {
        if (job_type_trade[*known] != trade_id)
            throw std::invalid_argument(
                fmt::format("job type '{}' is of trade '{}', not '{}'", job_type_name, trades.name(job_type_trade[*known]), trade_name));
        return *known;
    }
    const std::uint32_t id = job_types.intern(job_type_name);
    job_type_trade.push_back(trade_id);
    return id;
}

void HistoryTable::push_back(std::string_view job_id, Date date, std::uint32_t job_type_id, std::uint32_t technician_id, SiteType site_type,
                             Visit visit_kind, double age_years, double estimate_min, double actual_min) {
    assert(job_type_id < job_types.size() && technician_id < technicians.size());
    id_chars_.append(job_id);
    id_end_.push_back(static_cast<std::uint32_t>(id_chars_.size()));
    completed_on.push_back(date);
    job_type.push_back(job_type_id);
    technician.push_back(technician_id);
    site.push_back(site_type);
    visit.push_back(visit_kind);
    equipment_age_years.push_back(static_cast<float>(age_years));
    estimated_minutes.push_back(static_cast<float>(estimate_min));
    actual_minutes.push_back(static_cast<float>(actual_min));
}

void HistoryTable::add_row(const HistoryRow& r) {
    const std::uint32_t type_id = intern_job_type(r.job_type, r.trade);
    push_back(r.job_id, r.completed_on, type_id, technicians.intern(r.technician), r.site, r.visit, r.equipment_age_years,
              r.estimated_minutes, r.actual_minutes);
}

HistoryRow HistoryTable::row(std::size_t i) const {
    return HistoryRow{
        job_id(i), completed_on[i], job_types.name(job_type[i]), trades.name(trade_of_row(i)), technicians.name(technician[i]),
        site[i],   visit[i],        equipment_age_years[i],      estimated_minutes[i],         actual_minutes[i]};
}

HistoryTable HistoryTable::filter(const std::function<bool(std::size_t)>& keep) const {
    HistoryTable out;
    out.trades = trades;
    out.job_types = job_types;
    out.technicians = technicians;
    out.job_type_trade = job_type_trade;
    for (std::size_t i = 0; i < size(); ++i)
        if (keep(i))
            out.push_back(job_id(i), completed_on[i], job_type[i], technician[i], site[i], visit[i], equipment_age_years[i],
                          estimated_minutes[i], actual_minutes[i]);
    return out;
}

namespace {
bool same_numbers(const std::vector<float>& a, const std::vector<float>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](float x, float y) { return x == y || (std::isnan(x) && std::isnan(y)); });
}
}  // namespace

bool operator==(const HistoryTable& a, const HistoryTable& b) {
    return a.trades == b.trades && a.job_types == b.job_types && a.technicians == b.technicians && a.job_type_trade == b.job_type_trade &&
           a.completed_on == b.completed_on && a.job_type == b.job_type && a.technician == b.technician && a.site == b.site &&
           a.visit == b.visit && same_numbers(a.equipment_age_years, b.equipment_age_years) &&
           same_numbers(a.estimated_minutes, b.estimated_minutes) && same_numbers(a.actual_minutes, b.actual_minutes) &&
           a.id_chars_ == b.id_chars_ && a.id_end_ == b.id_end_;
}

HistorySplit split_history(const HistoryTable& table, Date date) {
    return {table.filter([&](std::size_t i) { return table.completed_on[i] < date; }),
            table.filter([&](std::size_t i) { return table.completed_on[i] >= date; })};
}

std::optional<std::pair<Date, Date>> history_date_range(const HistoryTable& table) {
    if (table.size() == 0) return std::nullopt;
    const auto [lo, hi] = std::minmax_element(table.completed_on.begin(), table.completed_on.end());
    return std::pair{*lo, *hi};
}

// ---------------------------------------------------------------------------------------- CSV
namespace {

enum Column : int {
    col_job_id,
    col_completed_on,
    col_job_type,
    col_trade,
    col_technician_id,
    col_site_type,
    col_equipment_age_years,
    col_visit,
    col_estimated_minutes,
    col_actual_minutes,
    column_count
};
constexpr std::array<std::string_view, column_count> column_names{
    "job_id", "completed_on",      "job_type",      "trade", "technician_id", "site_type", "equipment_age_years",
    "visit",  "estimated_minutes", "actual_minutes"};

constexpr std::size_t max_reported_errors = 50;

// Splits one CSV record into fields; double-quoted fields may hold commas and "" escapes.
// Returns false on an unterminated quote.
bool split_fields(std::string_view line, std::vector<std::string_view>& fields, std::string& scratch) {
    fields.clear();
    scratch.clear();
    scratch.reserve(line.size());  // quoted fields point into scratch: it must never reallocate
    std::size_t i = 0;
    while (true) {
        if (i < line.size() && line[i] == '"') {
            const std::size_t start = scratch.size();
            ++i;
            while (true) {
                if (i >= line.size()) return false;
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        scratch.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                scratch.push_back(line[i++]);
            }
            fields.emplace_back(scratch.data() + start, scratch.size() - start);
            if (i < line.size() && line[i] != ',') return false;
        } else {
            const std::size_t comma = line.find(',', i);
            const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
            fields.push_back(line.substr(i, end - i));
            i = end;
        }
        if (i >= line.size()) return true;
        ++i;  // past the comma
    }
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::optional<double> parse_number(std::string_view s) {
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

class CsvReader {
public:
    CsvReader(std::string_view source, HistoryTable& table) : source_(source), table_(table) {}

    std::vector<InputError> errors;

    void fail(std::size_t line, std::string message) {
        if (errors.size() < max_reported_errors)
            errors.push_back({fmt::format("{}:{}", source_, line), std::move(message)});
        else
            truncated_ = true;
    }
    [[nodiscard]] bool truncated() const { return truncated_; }

    bool header(std::string_view line, std::size_t line_no) {
        if (!split_fields(line, fields_, scratch_)) {
            fail(line_no, "malformed header (unterminated quote)");
            return false;
        }
        position_.fill(-1);
        for (std::size_t f = 0; f < fields_.size(); ++f) {
            const auto name = trim(fields_[f]);
            for (int c = 0; c < column_count; ++c)
                if (name == column_names[c]) {
                    if (position_[c] >= 0) fail(line_no, fmt::format("column '{}' appears twice", name));
                    position_[c] = static_cast<int>(f);
                }
        }
        bool ok = true;
        for (int c = 0; c < column_count; ++c)
            if (position_[c] < 0) {
                fail(line_no, fmt::format("missing column '{}'", column_names[c]));
                ok = false;
            }
        columns_ = fields_.size();
        return ok;
    }

    void record(std::string_view line, std::size_t line_no) {
        if (!split_fields(line, fields_, scratch_)) return fail(line_no, "unterminated quoted field");
        if (fields_.size() != columns_) return fail(line_no, fmt::format("expected {} fields, found {}", columns_, fields_.size()));
        const std::size_t errors_before = errors.size();
        auto field = [&](Column c) { return trim(fields_[static_cast<std::size_t>(position_[c])]); };
        auto text = [&](Column c) {
            const auto v = field(c);
            if (v.empty()) fail(line_no, fmt::format("{}: must not be empty", column_names[c]));
            return v;
        };
        enum class Range { positive, non_negative };
        auto number = [&](Column c, bool optional, Range range) {
            const auto v = field(c);
            if (v.empty()) {
                if (!optional) fail(line_no, fmt::format("{}: must not be empty", column_names[c]));
                return double(NAN);
            }
            const auto x = parse_number(v);
            if (!x || (range == Range::positive ? !(*x > 0) : !(*x >= 0))) {
                fail(line_no, fmt::format("{}: expected a {} number, got '{}'", column_names[c],
                                          range == Range::positive ? "positive" : "non-negative", v));
                return double(NAN);
            }
            return *x;
        };
        HistoryRow r;
        r.job_id = text(col_job_id);
        const auto date_text = field(col_completed_on);
        const auto date = parse_date(date_text);
        if (!date) fail(line_no, fmt::format("completed_on: expected a date YYYY-MM-DD, got '{}'", date_text));
        r.completed_on = date.value_or(Date{});
        r.job_type = text(col_job_type);
        r.trade = text(col_trade);
        r.technician = text(col_technician_id);
        const auto site = field(col_site_type);
        if (site == site_type_names[0] || site == site_type_names[1])
            r.site = site == site_type_names[1] ? SiteType::commercial : SiteType::residential;
        else
            fail(line_no, fmt::format("site_type: expected residential or commercial, got '{}'", site));
        const auto visit = field(col_visit);
        if (visit == visit_names[0] || visit == visit_names[1])
            r.visit = visit == visit_names[1] ? Visit::follow_up : Visit::first;
        else
            fail(line_no, fmt::format("visit: expected first or follow-up, got '{}'", visit));
        r.equipment_age_years = number(col_equipment_age_years, true, Range::non_negative);
        r.estimated_minutes = number(col_estimated_minutes, true, Range::positive);
        r.actual_minutes = number(col_actual_minutes, false, Range::positive);
        if (errors.size() != errors_before || truncated_) return;
        try {
            table_.add_row(r);
        } catch (const std::invalid_argument& e) {
            fail(line_no, e.what());
        }
    }

private:
    std::string_view source_;
    HistoryTable& table_;
    std::array<int, column_count> position_{};
    std::size_t columns_ = 0;
    std::vector<std::string_view> fields_;
    std::string scratch_;
    bool truncated_ = false;
};

// Writes a name, quoting it only when CSV requires.
void write_field(std::string& out, std::string_view s) {
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
        out.append(s);
        return;
    }
    out.push_back('"');
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

// Shortest text that reads back as the same float (the columns are stored as float).
void write_number(std::string& out, float v) {
    if (std::isnan(v)) return;
    char buf[32];
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
    assert(ec == std::errc());
    out.append(buf, ptr);
}

}  // namespace

HistoryTable parse_history_csv(std::string_view text, std::string_view source_name) {
    HistoryTable table;
    table.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    CsvReader reader(source_name, table);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte-order mark
    std::size_t line_no = 0;
    bool have_header = false;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty()) continue;
        if (!have_header) {
            have_header = true;
            if (!reader.header(line, line_no)) break;
            continue;
        }
        reader.record(line, line_no);
        if (reader.truncated()) break;
    }
    if (!have_header) reader.errors.push_back({std::string(source_name), "empty file: expected a CSV header"});
    if (!reader.errors.empty()) {
        if (reader.truncated()) reader.errors.push_back({std::string(source_name), "too many errors; stopped reading"});
        throw InputErrors(std::move(reader.errors));
    }
    return table;
}

HistoryTable read_history_csv(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputErrors({{path.string(), "cannot read file"}});
    std::stringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw InputErrors({{path.string(), "error while reading"}});
    return parse_history_csv(buf.view(), path.string());
}

void write_history_csv(const HistoryTable& table, std::ostream& out) {
    std::string text;
    for (std::size_t c = 0; c < column_names.size(); ++c) {
        if (c) text.push_back(',');
        text.append(column_names[c]);
    }
    text.push_back('\n');
    for (std::size_t i = 0; i < table.size(); ++i) {
        write_field(text, table.job_id(i));
        text.push_back(',');
        text.append(format_date(table.completed_on[i]));
        text.push_back(',');
        write_field(text, table.job_types.name(table.job_type[i]));
        text.push_back(',');
        write_field(text, table.trades.name(table.trade_of_row(i)));
        text.push_back(',');
        write_field(text, table.technicians.name(table.technician[i]));
        text.push_back(',');
        text.append(site_type_names[static_cast<int>(table.site[i])]);
        text.push_back(',');
        write_number(text, table.equipment_age_years[i]);
        text.push_back(',');
        text.append(visit_names[static_cast<int>(table.visit[i])]);
        text.push_back(',');
        write_number(text, table.estimated_minutes[i]);
        text.push_back(',');
        write_number(text, table.actual_minutes[i]);
        text.push_back('\n');
        if (text.size() > (1U << 20)) {  // flush in 1 MiB pieces
            out.write(text.data(), static_cast<std::streamsize>(text.size()));
            text.clear();
        }
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void write_history_csv(const HistoryTable& table, const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw InputErrors({{path.string(), "cannot write file"}});  // a bad -o, not a bug
    write_history_csv(table, out);
    if (!out) throw std::runtime_error("error while writing " + path.string());
}

}  // namespace fsd
