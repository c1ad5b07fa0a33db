// The words triage knows before it has seen any ticket: common English and trade words plus
// every safety-rule word. The spelling corrector never rewrites a known word, so this list is
// what stops "spare", "floor" or "rush" from being read as "spark", "flood" or "gush".
#pragma once

#include <span>
#include <string_view>

#include "fsd/triage/spelling.hpp"

namespace fsd::triage {

// Common English and field-service words (src/triage/vocabulary.cpp).
std::span<const std::string_view> common_words();

// A corrector that knows common_words() and safety_vocabulary(); the classifier adds the words
// of its training tickets on top.
SpellingCorrector base_corrector();

}  // namespace fsd::triage
