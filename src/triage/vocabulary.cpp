// The base vocabulary of triage. Words near a safety word by one edit matter most here ("spare"
// ~ "spark", "floor" ~ "flood", "small" ~ "smell", "fuses" ~ "fumes", "spoke" ~ "smoke",
// "hear" ~ "heat", "rush" ~ "gush", "sparky" ~ "sparks"): listing them keeps them as written.
#include "fsd/triage/vocabulary.hpp"

#include "fsd/triage/safety_rules.hpp"

namespace fsd::triage {
namespace {

constexpr std::string_view words[] = {
    // near-misses of safety words
    "single", "singles", "spare", "spares", "sparkling", "sparkle", "sparkly", "sparky", "sparkie", "sparkies", "floor", "floors", "flooring", "floodlight",
    "floodlights", "small", "smaller", "smelly", "spell", "shell", "fuses", "spoke", "stoke", "hear", "heard",
    "head", "heap", "heal", "rush", "push", "gust", "bush", "lead", "lean", "weak", "peak", "leaf", "leap",
    "lack", "seat", "beat", "neat", "meat", "cord", "hold", "bold", "told", "could", "gap", "has", "was", "gay",
    "gasket", "bust", "just", "must", "trust", "rust", "burns", "turned", "burst", "bursts", "first", "worst",
    "smoker", "stone", "alarmed", "shower", "showers", "tower", "power", "flower", "hot", "host", "cost",
    "spa", "spar", "spark", "start", "stark", "smart", "heats", "heater", "hearing", "bleed", "bleeding",
    "smoothly", "moke", "joke", "poke", "woke", "broke", "broken", "stroke", "choke", "leaky", "leaked",
    "beep", "deep", "keep", "sleep", "peep", "weep", "weeping", "sweep", "steep", "chip", "chips",
    "socket", "pocket", "rocket", "locket", "outlet", "inlet", "plug", "slug", "plum", "plumb", "plumber",
    "plumbers", "plumbing", "fire", "fired", "firing", "hire", "wire", "tire", "tired", "wired", "fine",
    "five", "file", "fist", "boiler", "boilers", "toilet", "toilets", "soil", "coil", "coils", "oil",
    "flue", "flues", "glue", "blue", "flu", "flat", "float", "flap", "flash", "flush", "flushing", "flushes",
    "flushed", "blush", "brush", "crush", "plush", "gush", "mush", "lush", "hush",
    // everyday words
    "a", "about", "above", "access", "actually", "after", "afternoon", "again", "ago", "air", "all", "almost",
    "alone", "already", "also", "always", "am", "an", "and", "another", "any", "anyone", "anything",
    "anytime", "appointment", "are", "area", "around", "as", "asap", "ask", "asked", "at", "available",
    "away", "back", "bad", "bathroom", "be", "because", "bedroom", "been", "before", "behind", "being",
    "below", "best", "better", "between", "bit", "book", "booking", "both", "bottom", "box", "but", "buy",
    "by", "call", "called", "calling", "came", "can", "cant", "car", "case", "ceiling", "change", "changed",
    "cheap", "check", "checked", "children", "clean", "close", "come", "comes", "coming", "completely",
    "concerned", "contact", "corner", "cost", "costs", "could", "couple", "currently", "customer", "daily",
    "day", "days", "decide", "definitely", "did", "didnt", "different", "do", "does", "doesnt", "doing",
    "done", "dont", "door", "down", "downstairs", "during", "each", "early", "easy", "either", "else",
    "email", "end", "enough", "evening", "even", "ever", "every", "everything", "exactly", "family",
    "far", "fast", "few", "find", "fine", "finish", "fix", "fixed", "fixing", "for", "found", "free",
    "friday", "from", "front", "full", "garage", "garden", "get", "gets", "getting", "give", "go", "goes",
    "going", "gone", "good", "got", "great", "had", "half", "hall", "hallway", "happen", "happened",
    "happening", "happens", "hard", "have", "having", "he", "hello", "help", "her", "here", "hey", "hi",
    "him", "his", "home", "hope", "hour", "hours", "house", "how", "however", "i", "if", "im", "in",
    "inside", "instead", "into", "is", "isnt", "it", "its", "itself", "ive", "job", "just", "keep",
    "keeps", "kids", "kind", "kitchen", "know", "landlord", "large", "last", "late", "later", "least",
    "leave", "left", "less", "let", "like", "likely", "little", "live", "lives", "living", "long", "look",
    "looked", "looking", "lot", "lots", "loud", "low", "made", "make", "makes", "making", "many", "may",
    "maybe", "me", "mean", "might", "mind", "minute", "minutes", "monday", "month", "months", "more",
    "morning", "most", "much", "my", "myself", "name", "near", "need", "needed", "needs", "never", "new",
    "next", "nice", "night", "no", "none", "noon", "not", "nothing", "now", "number", "of", "off", "often",
    "ok", "okay", "old", "on", "once", "one", "only", "open", "or", "other", "our", "out", "outside",
    "over", "own", "part", "parts", "people", "phone", "please", "plus", "possible", "pretty", "price",
    "probably", "problem", "problems", "properly", "put", "quick", "quickly", "quite", "quote", "rather",
    "really", "reason", "recently", "right", "room", "rooms", "round", "said", "same", "saturday", "saw",
    "say", "says", "see", "seems", "seen", "send", "sent", "set", "several", "she", "should", "side",
    "since", "sink", "so", "some", "someone", "something", "sometimes", "soon", "sorry", "sort", "sound",
    "sounds", "stairs", "still", "stop", "stopped", "such", "sunday", "suppose", "sure", "take", "taking",
    "team", "tell", "than", "thank", "thanks", "that", "thats", "the", "their", "them", "then", "there",
    "theres", "these", "they", "thing", "things", "think", "this", "those", "though", "thought", "through",
    "thursday", "time", "times", "to", "today", "together", "tomorrow", "tonight", "too", "top", "tried",
    "try", "trying", "tuesday", "turn", "turned", "twice", "two", "under", "until", "up", "upstairs", "us",
    "use", "used", "using", "usual", "usually", "very", "visit", "wait", "waiting", "wall", "walls", "want",
    "wanted", "wants", "was", "wasnt", "water", "way", "we", "wednesday", "week", "weekend", "weeks",
    "well", "went", "were", "what", "when", "whenever", "where", "whether", "which", "while", "who",
    "whole", "why", "will", "window", "with", "within", "without", "wont", "work", "worked", "working",
    "works", "would", "yes", "yesterday", "yet", "you", "your", "three", "four", "six", "seven",
    "eight", "nine", "ten", "hundred", "mum", "dad", "wife", "husband", "son", "daughter", "tenant",
    "tenants", "owner", "office", "shop", "flat", "apartment", "unit", "units", "building", "loft",
    "attic", "basement", "cellar", "utility", "lounge", "cupboard", "airing", "landing", "yard", "patio",
    "letting", "agent", "agency", "renew", "renewal",
    // trade words
    "install", "installed", "installation", "replace", "replaced", "replacement", "repair", "repaired",
    "service", "serviced", "servicing", "annual", "yearly", "engineer", "technician", "tech", "electrician",
    "thermostat", "valve", "valves", "pressure", "pump", "tank", "cylinder", "radiator", "radiators",
    "tap", "taps", "faucet", "drain", "drains", "blocked", "blockage", "clogged", "sewer", "camera",
    "inspection", "survey", "circuit", "breaker", "breakers", "tripping", "tripped", "trips", "panel",
    "fuse", "consumer", "light", "lights", "lighting", "fitting", "fittings", "bulb", "bulbs", "switch",
    "switches", "dimmer", "furnace", "filter", "filters", "duct", "ducts", "vent", "vents", "compressor",
    "condenser", "refrigerant", "gas", "electric", "electrical", "heating", "cooling", "warranty",
    "certificate", "safety", "combi", "hob", "cooker", "oven", "stove", "meter", "mains", "noisy", "noise",
    "banging", "knocking", "rattling", "humming", "dripping", "drip", "drips", "slow", "smart", "wifi",
    "programmable", "upgrade", "rewire", "sockets", "outlets", "usb", "pendant", "spotlights", "downlights",
    "chandelier", "garden", "security", "shower", "bath", "basin", "washer", "toilet", "cistern", "pan",
    "unblock", "overflowing", "gurgling", "backing", "roots", "heatpump", "aircon", "conditioning",
    "conditioner", "split", "mini", "ductless", "defrost", "icing", "frost", "coolant", "ac",
};

}  // namespace

std::span<const std::string_view> common_words() { return words; }

SpellingCorrector base_corrector() {
    SpellingCorrector c;
    for (auto w : common_words()) c.add(std::string(w));
    for (auto w : safety_vocabulary()) c.add(std::string(w));
    for (auto w : hazard_words()) c.prefer(std::string(w));
    return c;
}

}  // namespace fsd::triage
