// Builds labelled tickets from the phrase pools: picks a core sentence for the job type, adds
// optional opener, details, context, an urgency cue and a closer, fills the slots, then applies
// typos and casing. Every fourth item of every pool belongs to the held-out split only.
#include "triage_corpus/corpus.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string_view>

#include "corpus_phrases.hpp"
#include "fsd/model/job_types.hpp"
#include "fsd/model/random.hpp"

namespace fsd::triage {
namespace {

using corpus::SharedPhrases;
using corpus::TypePhrases;

bool in_split(std::size_t index, CorpusSplit split) {
    return (index % 4 == 3) == (split == CorpusSplit::held_out);
}

std::vector<std::string_view> split_pool(const std::vector<std::string_view>& pool, CorpusSplit split) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < pool.size(); ++i)
        if (in_split(i, split)) out.push_back(pool[i]);
    assert(!out.empty());
    return out;
}

struct Pools {
    std::vector<std::string_view> cores, details;
    const std::vector<corpus::Facet>* facets = nullptr;
    CorpusSplit split = CorpusSplit::training;
    // A facet's things are the trade's nouns and shared; its predicates are phrasings and split.
    [[nodiscard]] std::vector<std::string_view> split_predicates(const corpus::Facet& f) const { return split_pool(f.predicates, split); }
};

struct Shared {
    std::vector<std::string_view> openers, context, urgent_cues, relaxed_cues, closers, fault_frames, request_frames;
};

const std::vector<corpus::Facet>* facets_of(std::string_view job_type) {
    for (const auto& tf : corpus::type_facets())
        if (tf.job_type == job_type) return &tf.facets;
    return nullptr;
}

std::string_view pick(const std::vector<std::string_view>& pool, Rng& rng) {
    return pool[rng.below(pool.size())];
}

// A leading "X|" marks what the sentence says (H lost heat, C lost cooling, V vulnerable).
char flag_of(std::string_view& phrase) {
    if (phrase.size() > 2 && phrase[1] == '|' && std::isupper(static_cast<unsigned char>(phrase[0]))) {
        const char f = phrase[0];
        phrase.remove_prefix(2);
        return f;
    }
    return 0;
}

std::string_view slot_value(std::string_view name, Rng& rng) {
    for (const auto& s : corpus::slots())
        if (s.name == name) return pick(s.values, rng);
    throw std::logic_error("corpus template uses unknown slot {" + std::string(name) + "}");
}

// Expands "[a|b|c]" to one alternative and "{slot}" to one of the slot's values.
std::string expand(std::string_view t, Rng& rng) {
    std::string out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '{') {
            const std::size_t end = t.find('}', i);
            out += slot_value(t.substr(i + 1, end - i - 1), rng);
            i = end;
        } else if (t[i] == '[') {
            const std::size_t end = t.find(']', i);
            std::vector<std::string_view> options;
            std::size_t start = i + 1;
            for (std::size_t k = start; k <= end; ++k)
                if (t[k] == '|' || k == end) {
                    options.push_back(t.substr(start, k - start));
                    start = k + 1;
                }
            out += pick(options, rng);
            i = end;
        } else {
            out += t[i];
        }
    }
    return out;
}

constexpr std::string_view keyboard_rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

char neighbour_key(char c, Rng& rng) {
    for (auto row : keyboard_rows) {
        const auto p = row.find(c);
        if (p == std::string_view::npos) continue;
        if (p == 0) return row[1];
        if (p + 1 == row.size()) return row[p - 1];
        return rng.chance(0.5) ? row[p - 1] : row[p + 1];
    }
    return c;
}

// One random edit of the kinds people make: a dropped, doubled, swapped or mistyped letter.
std::string typo(std::string w, Rng& rng) {
    const std::size_t pos = 1 + rng.below(w.size() - 2);  // keep the first and last letters
    switch (rng.below(4)) {
        case 0:
            w.erase(pos, 1);
            break;
        case 1:
            w.insert(pos, 1, w[pos]);
            break;
        case 2:
            std::swap(w[pos], w[pos + 1]);
            break;
        default: {
            const bool upper = std::isupper(static_cast<unsigned char>(w[pos]));
            const char k = neighbour_key(static_cast<char>(std::tolower(static_cast<unsigned char>(w[pos]))), rng);
            w[pos] = upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(k))) : k;
        }
    }
    return w;
}

std::string add_typos(const std::string& text, double rate, Rng& rng) {
    std::string out, word;
    auto flush = [&] {
        if (word.size() >= 4 && rng.chance(rate)) word = typo(word, rng);
        out += word;
        word.clear();
    };
    for (char c : text) {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            word += c;
        } else {
            flush();
            out += c;
        }
    }
    flush();
    return out;
}

// A sentence from a phrase: capital first letter, closing full stop unless it has punctuation.
std::string sentence(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    if (!s.empty() && !std::ispunct(static_cast<unsigned char>(s.back()))) s += '.';
    return s;
}

std::string restyle(std::string text, const CorpusOptions& o, Rng& rng) {
    const double u = rng.uniform();
    if (u < o.shouting_share) {
        for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (u < o.shouting_share + o.lowercase_share) {
        for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (rng.chance(0.15)) std::erase_if(text, [](char c) { return c == '.' || c == ','; });
    return text;
}

bool heating_type(std::string_view t) {
    return t == "boiler-repair" || t == "boiler-service" || t == "furnace-repair" || t == "heat-pump-service" || t == "thermostat-install";
}
bool cooling_type(std::string_view t) {
    return t == "ac-repair" || t == "ac-install";
}

TriageContext draw_context(std::string_view type, const CorpusOptions& o, Rng& rng) {
    TriageContext c;
    if (rng.chance(o.vulnerable_share)) c.vulnerable.push_back(static_cast<Vulnerability>(rng.below(vulnerability_names.size())));
    const double t = heating_type(type) ? rng.uniform(-10, 14) : cooling_type(type) ? rng.uniform(18, 42) : rng.uniform(-8, 38);
    if (rng.chance(o.temperature_known)) c.outdoor_temp_c = std::round(t * 2) / 2;
    return c;
}

// A ticket's text as it is assembled, with what its sentences say (H lost heat, C lost cooling).
struct Draft {
    std::string text;
    char flag = 0;
    bool vulnerable_in_text = false;
    void add(const std::string& s) { text += (text.empty() ? "" : " ") + s; }
};

// The one sentence saying what is wrong or wanted: a written core sentence, or a frame filled
// with a thing and a predicate from the trade's vocabulary. Returned with its slots unexpanded.
std::string core_sentence(const Pools& pools, const Shared& shared, Rng& rng, char& flag) {
    if (!pools.facets || pools.facets->empty() || !rng.chance(0.5)) {
        std::string_view core = pick(pools.cores, rng);
        flag = flag_of(core);
        return std::string(core);
    }
    const corpus::Facet& f = (*pools.facets)[rng.below(pools.facets->size())];
    std::string_view predicate = pick(pools.split_predicates(f), rng);
    flag = flag_of(predicate);
    std::string out(pick(f.request ? shared.request_frames : shared.fault_frames, rng));
    auto fill = [&](std::string_view slot, std::string_view value) { out.replace(out.find(slot), slot.size(), value); };
    fill("{thing}", pick(f.things, rng));
    fill("{predicate}", predicate);
    return out;
}

// What surrounds the core sentence in a longer ticket: details, household, timing, sign-off.
void add_after_core(Draft& d, const JobTypeSpec& spec, const Pools& pools, const Shared& shared, Rng& rng) {
    if (rng.chance(0.6)) {
        std::string_view first = pick(pools.details, rng);
        std::string_view second = pick(pools.details, rng);
        const bool both = second != first && rng.chance(0.3);
        d.flag = std::max(d.flag, flag_of(first));
        d.add(expand(first, rng));
        if (both) {
            d.flag = std::max(d.flag, flag_of(second));
            d.add(expand(second, rng));
        }
    }
    if (rng.chance(0.3)) {
        std::string_view ctx = pick(shared.context, rng);
        d.vulnerable_in_text = flag_of(ctx) == 'V';
        d.add(std::string(ctx));
    }
    if (rng.chance(0.3)) {
        const bool urgent_type = spec.typical_urgency != Urgency::scheduled;
        const bool urgent = rng.chance(0.8) ? urgent_type : !urgent_type;
        d.add(std::string(pick(urgent ? shared.urgent_cues : shared.relaxed_cues, rng)));
    }
    if (rng.chance(0.45)) d.add(std::string(pick(shared.closers, rng)));
}

LabelledTicket make_ticket(const JobTypeSpec& spec, const Pools& pools, const Shared& shared, const CorpusOptions& o, Rng& rng) {
    LabelledTicket ticket;
    ticket.job_type = std::string(spec.name);
    ticket.context = draw_context(spec.name, o, rng);
    Draft d;
    const std::string core = core_sentence(pools, shared, rng, d.flag);
    if (rng.chance(o.short_share)) {
        d.text = expand(core, rng);
    } else {
        if (rng.chance(0.45)) d.add(std::string(pick(shared.openers, rng)));
        d.add(sentence(expand(core, rng)));
        add_after_core(d, spec, pools, shared, rng);
    }
    ticket.text = restyle(add_typos(d.text, o.typo_rate, rng), o, rng);
    const bool vulnerable = !ticket.context.vulnerable.empty() || d.vulnerable_in_text;
    const auto temp = ticket.context.outdoor_temp_c;
    ticket.expect_emergency = spec.typical_urgency == Urgency::emergency || (d.flag == 'H' && vulnerable && temp && *temp <= 0.0) ||
                              (d.flag == 'C' && vulnerable && temp && *temp >= 32.0);
    return ticket;
}

}  // namespace

std::vector<LabelledTicket> generate_ticket_corpus(CorpusSplit split, const CorpusOptions& options) {
    if (options.tickets_per_type < 0) throw std::invalid_argument("tickets_per_type must not be negative");
    const SharedPhrases& sp = corpus::shared_phrases();
    const Shared shared{split_pool(sp.openers, split),       split_pool(sp.context, split), split_pool(sp.urgent_cues, split),
                        split_pool(sp.relaxed_cues, split),  split_pool(sp.closers, split), split_pool(sp.fault_frames, split),
                        split_pool(sp.request_frames, split)};
    // Independent streams for the two splits: the same seed never replays training draws.
    Rng rng(options.seed * 2654435761ULL + (split == CorpusSplit::held_out ? 0x5bd1e995ULL : 0));
    std::vector<LabelledTicket> out;
    for (const TypePhrases& tp : corpus::type_phrases()) {
        const auto type = find_job_type(tp.job_type);
        if (!type) throw std::logic_error("corpus phrases for unknown job type " + std::string(tp.job_type));
        const Pools pools{split_pool(tp.cores, split), split_pool(tp.details, split), facets_of(tp.job_type), split};
        for (int i = 0; i < options.tickets_per_type; ++i) out.push_back(make_ticket(job_types[*type], pools, shared, options, rng));
    }
    rng.shuffle(out.begin(), out.end());
    return out;
}

}  // namespace fsd::triage
