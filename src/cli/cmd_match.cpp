// fsd match PROBLEM JOB_ID: the technicians who may do the job, best first, with the reasons, and
// why the others may not. With --plan, the day's load and planned positions come from a plan;
// with --records, first-time-fix rates and customer history from a records file.
#include <memory>
#include <optional>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/match_records.hpp"
#include "fsd/matching/match.hpp"
#include "fsd/matching/plan_state.hpp"

namespace fsd::cli {
namespace {

using namespace fsd::matching;

struct MatchArgs {
    std::string problem;
    std::string job_id;
    std::size_t k = 3;
    bool json = false;
    std::string plan;
    std::string records;
    std::optional<int> day;
};

JobIndex find_job(const Problem& p, const std::string& id) {
    for (JobIndex j : p.jobs.indices())
        if (p.jobs[j].id == id) return j;
    throw InputErrors(std::vector<InputError>{{"JOB_ID", fmt::format("no job \"{}\" in the problem", id)}});
}

std::string requirement_text(const Problem& p, const Job& job) {
    std::string out;
    auto add = [&out](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
    for (const auto& s : job.skills) add(fmt::format("{} L{}", p.catalog.skills[s.skill], s.level));
    for (auto c : job.certifications) add(p.catalog.certifications[c]);
    for (auto e : job.equipment) add(p.catalog.equipment[e]);
    return out.empty() ? "no requirements" : out;
}

nlohmann::ordered_json to_json(const Problem& p, const MatchResult& r) {
    nlohmann::ordered_json j;
    j["job"] = p.jobs[r.job].id;
    j["day"] = r.day;
    j["eligible"] = r.eligible;
    j["candidates"] = nlohmann::ordered_json::array();
    for (const auto& c : r.ranked)
        j["candidates"].push_back({{"technician", p.technicians[c.technician].id},
                                   {"score", std::round(c.score * 10) / 10},
                                   {"travel_minutes", static_cast<double>(c.travel.count()) / 60.0},
                                   {"reasons", c.reasons}});
    j["ineligible"] = nlohmann::ordered_json::array();
    for (const auto& rej : r.ineligible) {
        std::vector<std::string> why;
        for (const auto& g : rej.gaps) why.push_back(g.detail);
        j["ineligible"].push_back({{"technician", p.technicians[rej.technician].id}, {"reasons", why}});
    }
    if (r.eligible == 0) j["no_match"] = summarise_rejections(r);
    return j;
}

void print_text(const Problem& p, const MatchResult& r) {
    const Job& job = p.jobs[r.job];
    const std::string when = p.date_of_day(r.day) ? format_date(*p.date_of_day(r.day)) : fmt::format("day {}", r.day);
    fmt::print("{} {} ({}) on {}: {} of {} technicians qualify\n", job.id, job.job_type, requirement_text(p, job), when, r.eligible,
               p.technicians.size());
    for (std::size_t i = 0; i < r.ranked.size(); ++i) {
        const auto& c = r.ranked[i];
        const auto& t = p.technicians[c.technician];
        fmt::print("{}. {} {}  (score {:.1f})\n   {}\n", i + 1, t.id, t.name, c.score, c.summary());
    }
    if (r.eligible == 0) fmt::print("no qualified technician: {}\n", summarise_rejections(r));
    if (!r.ineligible.empty()) fmt::print("not eligible:\n");
    for (const auto& rej : r.ineligible) {
        std::string why;
        for (const auto& g : rej.gaps) why += (why.empty() ? "" : "; ") + g.detail;
        fmt::print("   {} {}: {}\n", p.technicians[rej.technician].id, p.technicians[rej.technician].name, why);
    }
}

int run(const MatchArgs& a) {
    const Problem problem = load_problem(a.problem);
    const JobIndex j = find_job(problem, a.job_id);
    MatchInputs inputs;
    inputs.day = a.day;
    const int day = job_day(problem.jobs[j], inputs);
    if (day < 0 || day >= problem.horizon.days)
        throw InputErrors(std::vector<InputError>{{"--day", fmt::format("day {} is outside the horizon", day)}});
    if (!a.plan.empty()) inputs.states = states_from_plan(problem, load_plan(a.plan, problem), j, day);
    if (!a.records.empty()) inputs.records = load_match_records(a.records, problem);
    MatchOptions options;
    options.k = a.k;
    const MatchResult r = match_technicians(problem, j, inputs, options);
    if (a.json)
        fmt::print("{}\n", to_json(problem, r).dump(2));
    else
        print_text(problem, r);
    return exit_ok;
}

const Register match_command{
    {"match", "Rank the technicians who may do a job, with reasons, and say why the others may not", [](CLI::App& app) {
         auto a = std::make_shared<MatchArgs>();
         app.add_option("PROBLEM", a->problem, "problem file (.json)")->required();
         app.add_option("JOB_ID", a->job_id, "id of the job to match")->required();
         app.add_option("-k", a->k, "number of candidates to show")->capture_default_str()->check(number_in(1, 1000));
         app.add_flag("--json", a->json, "print one JSON object");
         app.add_option("--plan", a->plan, "take the day's load and the positions at the job's time from this plan");
         app.add_option("--records", a->records,
                        "first-time-fix rates and customer visits per technician "
                        "(JSON, docs/matching.md)");
         app.add_option("--day", a->day, "horizon day the job is for (default: from its windows)");
         return std::function<int()>([a] { return run(*a); });
     }}};

}  // namespace
}  // namespace fsd::cli
