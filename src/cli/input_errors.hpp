// Private to the fsd CLI: the bad-input errors the commands raise about their own options
// (exit 2), worded the same way in every command.
#pragma once

#include <string>
#include <vector>

#include "fsd/model/calendar.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::cli {

inline InputErrors input_error(std::string path, std::string message) {
    return InputErrors(std::vector<InputError>{{std::move(path), std::move(message)}});
}

inline std::string date_error(const std::string& text) {
    return "expected a date YYYY-MM-DD, got '" + text + "'";
}

// The date an option names; throws an input error naming the option otherwise.
inline Date date_option(const std::string& text, const char* option) {
    const auto d = parse_date(text);
    if (!d) throw input_error(option, date_error(text));
    return *d;
}

}  // namespace fsd::cli
