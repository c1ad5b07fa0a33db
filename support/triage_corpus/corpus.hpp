// A seeded generator of labelled customer tickets for training and measuring triage: hundreds of
// phrasings per job type, with typos, casing, short and long messages, harmless mentions of gas
// and electrics, and customer context. The held-out split is built from template pools the
// training split never uses, with its own random stream, so it measures generalisation. A test,
// benchmark and CLI aid: not part of the installed library.
#pragma once

#include <cstdint>
#include <vector>

#include "fsd/triage/labelled_ticket.hpp"

namespace fsd::triage {

enum class CorpusSplit : std::uint8_t { training, held_out };

struct CorpusOptions {
    int tickets_per_type = 400;
    std::uint64_t seed = 1;
    double typo_rate = 0.06;         // chance that a word of four or more letters gets one typo
    double short_share = 0.2;        // the core sentence alone, e.g. "boiler not firing up"
    double shouting_share = 0.08;    // ALL CAPS
    double lowercase_share = 0.3;    // no capitals at all
    double vulnerable_share = 0.2;   // customer record carries a vulnerability flag
    double temperature_known = 0.9;  // share of tickets with an outdoor temperature
};

// Tickets for every job type, in a shuffled order. The same split, options and seed give the same
// tickets. Template pools: every fourth phrase of each pool is reserved for the held-out split.
std::vector<LabelledTicket> generate_ticket_corpus(CorpusSplit split, const CorpusOptions& options = {});

// The standard experiment behind the figures in docs/triage.md: train on the training split,
// measure on the held-out split, both generated from `seed`.
struct HeldOutExperiment {
    std::uint64_t seed = 1;
    int training_per_type = 400;
    int held_out_per_type = 150;

    [[nodiscard]] std::vector<LabelledTicket> training() const {
        CorpusOptions o;
        o.seed = seed;
        o.tickets_per_type = training_per_type;
        return generate_ticket_corpus(CorpusSplit::training, o);
    }
    [[nodiscard]] std::vector<LabelledTicket> held_out() const {
        CorpusOptions o;
        o.seed = seed;
        o.tickets_per_type = held_out_per_type;
        return generate_ticket_corpus(CorpusSplit::held_out, o);
    }
};

}  // namespace fsd::triage
