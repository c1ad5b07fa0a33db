// Which destroy and repair operators a search runs: the built-in ones and the caller's
// (SolverParams::custom_destroy / custom_repair), picked by the comma-separated name lists of
// SolverParams. Names that match nothing are input errors, reported before any search starts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/solver/destroy/random_removal.hpp"
#include "fsd/solver/destroy/related_removal.hpp"
#include "fsd/solver/destroy/route_removal.hpp"
#include "fsd/solver/destroy/worst_removal.hpp"
#include "fsd/solver/repair/greedy_insertion.hpp"
#include "fsd/solver/repair/regret_insertion.hpp"
#include "fsd/solver/solver_params.hpp"

namespace fsd::solver {

inline std::vector<NamedOperator> builtin_destroy_operators(const SolverParams& p) {
    return {NamedOperator::of("random", RandomRemoval{p.removal, {}}), NamedOperator::of("worst", WorstRemoval{p.removal, 4.0, {}}),
            NamedOperator::of("related", RelatedRemoval{p.removal, 3.0, {}}), NamedOperator::of("string", p.strings),
            NamedOperator::of("route", RouteRemoval{})};
}

inline std::vector<NamedOperator> builtin_repair_operators(const SolverParams& p) {
    GreedyInsertion greedy;
    greedy.blink_rate = p.blink_rate;
    greedy.granular = p.granular_insertion;
    RegretInsertion regret2, regret3;
    regret3.k = 3;
    return {NamedOperator::of("greedy-blinks", greedy), NamedOperator::of("regret-2", regret2), NamedOperator::of("regret-3", regret3)};
}

// The names of a comma-separated list, spaces around them dropped, empty entries skipped.
inline std::vector<std::string> operator_names(std::string_view list) {
    std::vector<std::string> out;
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        std::string_view name = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (!name.empty()) out.emplace_back(name);
    }
    return out;
}

// One kind of operator (destroy or repair): the catalogue, built-in ones first, and the names chosen.
struct OperatorChoice {
    std::vector<NamedOperator> catalogue;
    std::vector<std::string> names;
    const char* field;  // the SolverParams field the names came from, for error messages
};

inline OperatorChoice destroy_choice(const SolverParams& p, ObjectiveKind objective) {
    OperatorChoice c{builtin_destroy_operators(p), operator_names(p.destroy_operators), "destroy_operators"};
    if (p.destroy_operators.empty()) {
        c.names = {"string"};
        if (objective == ObjectiveKind::hierarchical) c.names.emplace_back("route");
        for (const auto& op : p.custom_destroy) c.names.push_back(op.name);
    }
    c.catalogue.insert(c.catalogue.end(), p.custom_destroy.begin(), p.custom_destroy.end());
    return c;
}

inline OperatorChoice repair_choice(const SolverParams& p) {
    OperatorChoice c{builtin_repair_operators(p), operator_names(p.repair_operators), "repair_operators"};
    if (p.repair_operators.empty()) {
        c.names = {"greedy-blinks"};
        for (const auto& op : p.custom_repair) c.names.push_back(op.name);
    }
    c.catalogue.insert(c.catalogue.end(), p.custom_repair.begin(), p.custom_repair.end());
    return c;
}

// What is wrong with a choice: unknown names, custom operators without a name or with one taken,
// and a choice of nothing. Paths are the SolverParams fields.
inline std::vector<InputError> check_choice(const OperatorChoice& c) {
    std::vector<InputError> errors;
    std::string known;
    for (std::size_t i = 0; i < c.catalogue.size(); ++i) {
        const std::string& name = c.catalogue[i].name;
        known += (i ? ", " : "") + name;
        bool taken = false;
        for (std::size_t j = 0; j < i; ++j) taken = taken || c.catalogue[j].name == name;
        if (name.empty() || name.find(',') != std::string::npos || taken)
            errors.push_back({c.field, "custom operator name '" + name + "' is empty, holds a comma or is taken"});
    }
    for (const std::string& name : c.names) {
        bool found = false;
        for (const auto& op : c.catalogue) found = found || op.name == name;
        if (!found) errors.push_back({c.field, "unknown operator '" + name + "' (known: " + known + ")"});
    }
    if (c.names.empty()) errors.push_back({c.field, "selects no operator (known: " + known + ")"});
    return errors;
}

// The operators a choice selects, in catalogue order (the adaptive weights index them so).
inline std::vector<NamedOperator> select_operators(OperatorChoice c) {
    std::vector<NamedOperator> out;
    for (auto& op : c.catalogue)
        for (const std::string& name : c.names)
            if (op.name == name) {
                out.push_back(std::move(op));
                break;
            }
    return out;
}

// Every input error in the operator lists of p; empty means solve() will accept them.
inline std::vector<InputError> check_operator_names(const SolverParams& p, ObjectiveKind objective = ObjectiveKind::distance) {
    std::vector<InputError> errors = check_choice(destroy_choice(p, objective));
    for (auto& e : check_choice(repair_choice(p))) errors.push_back(std::move(e));
    return errors;
}

}  // namespace fsd::solver
