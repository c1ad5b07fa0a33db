// Private to the corpus generator: the shapes of its phrase pools (data in corpus_phrases.cpp).
#pragma once

#include <string_view>
#include <vector>

namespace fsd::triage::corpus {

// A piece of a trade's vocabulary: things and what can be wrong with them ("boiler" + "keeps
// locking out"), or things and what a customer asks for ("install" + "a smart thermostat").
// Sentence frames (split like every pool) put them together; the vocabulary itself is shared
// by both splits, as a trade's words are.
struct Facet {
    bool request = false;  // predicates come before the thing
    std::vector<std::string_view> things;
    std::vector<std::string_view> predicates;  // may carry an H| or C| flag
};

struct TypePhrases {
    std::string_view job_type;
    std::vector<std::string_view> cores;    // what is wrong or wanted; one per ticket
    std::vector<std::string_view> details;  // optional supporting sentences
};

struct TypeFacets {
    std::string_view job_type;
    std::vector<Facet> facets;
};

struct SharedPhrases {
    std::vector<std::string_view> openers;
    std::vector<std::string_view> context;  // access, pets, who lives there
    std::vector<std::string_view> urgent_cues;
    std::vector<std::string_view> relaxed_cues;
    std::vector<std::string_view> closers;
    std::vector<std::string_view> fault_frames;    // {thing} and {predicate}
    std::vector<std::string_view> request_frames;  // {predicate} {thing}
};

struct Slot {
    std::string_view name;
    std::vector<std::string_view> values;
};

const std::vector<TypePhrases>& type_phrases();
const std::vector<TypeFacets>& type_facets();
const SharedPhrases& shared_phrases();
const std::vector<Slot>& slots();

}  // namespace fsd::triage::corpus
