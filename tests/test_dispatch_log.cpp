// The dispatch log: a replay plans every version again and gets the same hashes; loading gives
// back the same state; a truncated or corrupt line is reported with its number while the versions
// before it load; the event reader names the line and field of every defect and survives any input.
#include "dispatch_fixture.hpp"

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "fsd/dispatch/cascade_io.hpp"
#include "fsd/dispatch/event_io.hpp"
#include "fsd/dispatch/log.hpp"
#include "fsd/dispatch/random_events.hpp"
#include "fsd/model/random.hpp"
#include "fsd/scenario/generator.hpp"

namespace test_dispatch_log {

using namespace dispatch_test;

namespace {

// The crafted day after a dozen random events, job additions among them.
DispatchDay played_day(double promise_miss_per_retell = 0) {
    Problem p = crafted_day();
    p.objective.promise_miss_per_retell = promise_miss_per_retell;
    DispatchDay day = begin_day(p, std::nullopt, at(7, 30), small_budget());
    Rng rng(42);
    RandomEventOptions o;
    o.weights[static_cast<int>(EventType::job_added)] = 2.0;
    for (int k = 0; k < 12; ++k)
        if (const auto e = random_event(day.state, rng, o)) apply_event(day, *e);
    return day;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        out.push_back(text.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return out;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// A replay of the day's log plans every version after the first again, each to its logged hash.
void require_replayed(const DispatchDay& day) {
    const LogRead r = read_log(log_text(day), LogMode::replay);
    std::string errors;
    for (const InputError& e : r.errors) errors += e.to_string() + "\n";
    INFO(errors);
    REQUIRE(r.errors.empty());
    REQUIRE(r.checks.size() == day.versions.size() - 1);
    for (const ReplayCheck& c : r.checks) {
        INFO("version " << c.version);
        REQUIRE(!c.capped);
        REQUIRE(c.reproduced());
        REQUIRE(c.logged == day.versions[static_cast<std::size_t>(c.version)].hash);
    }
}

}  // namespace

TEST_CASE("a visit the plan assumed under way, undone by the technician's next report, is not told 'cannot be served' unasked",
          "[dispatch][log]") {
    // T1's first job A gets a window that closes 5 minutes after the plan starts it, and T1
    // reports starting their second job B 10 minutes into A: A is open again and out of time.
    Problem p = crafted_day();
    const DispatchDay planned = begin_day(p, std::nullopt, at(7, 30), small_budget());
    const TechnicianIndex t1 = tech_index(p, "T1");
    const std::vector<Stop> stops = job_stops(planned.state, t1);
    REQUIRE(stops.size() >= 2);
    const JobIndex a = stops[0].job_index();
    p.jobs[a].time_windows = {{at(8, 0), stops[0].start + minutes(5)}};
    DispatchDay day = begin_day(p, planned.state.plan, at(7, 30), small_budget());
    const Event started = make_event(EventType::job_started, stops[0].start + minutes(10), p.jobs[stops[1].job_index()].id, "T1");
    const StepResult s = step(day, started);

    const auto left =
        std::find_if(day.state.plan.unassigned.begin(), day.state.plan.unassigned.end(), [a](const Unassigned& u) { return u.job == a; });
    REQUIRE(left != day.state.plan.unassigned.end());
    CHECK(left->detail.rfind("the plan had T1 on site from " + format_clock(stops[0].start) + " with nothing reported", 0) == 0);
    const auto told = std::find_if(s.cascade.notify.begin(), s.cascade.notify.end(), [a](const Notification& n) { return n.job == a; });
    REQUIRE(told != s.cascade.notify.end());
    CHECK(told->reason.find("ask whether it was done") != std::string::npos);
    // Only that job: none of the others left out says so.
    for (const Unassigned& u : day.state.plan.unassigned)
        if (u.job != a) CHECK(u.detail.find("ask whether it was done") == std::string::npos);
    require_replayed(day);
}

TEST_CASE("a job flagged as maybe done stays readable when a later report flags it again", "[dispatch][log]") {
    // A day where T02 goes off sick early and a later finish undoes a visit the plan assumed: the
    // log the day wrote must load (its note was written twice on reading, and the plan refused).
    ScenarioOptions o;
    o.technicians = 5;
    o.jobs = 20;
    o.seed = 4;
    const Problem p = generate_scenario(o);
    DispatchDay day = begin_day(p, std::nullopt, start_of_day(p), DispatchParams{});
    Event off = make_event(EventType::technician_unavailable, at(9, 16) + seconds(46), "", "T02");
    apply_event(day, off);
    apply_event(day, make_event(EventType::job_finished, at(14, 21) + seconds(9), "J0010"));
    bool flagged = false;
    for (const Unassigned& u : day.state.plan.unassigned) flagged = flagged || u.detail.find("with nothing reported") != std::string::npos;
    CHECK(flagged);  // the day still exercises the note
    const LogRead r = read_log(log_text(day), LogMode::load);
    std::string errors;
    for (const InputError& e : r.errors) errors += e.to_string() + "\n";
    INFO(errors);
    REQUIRE(r.errors.empty());
    REQUIRE(r.day->state.plan == day.state.plan);
}

TEST_CASE("a day's first plan given with stops as reported is refused: nothing is reported yet", "[dispatch][log]") {
    const Problem p = crafted_day();
    Plan plan = start().state.plan;
    REQUIRE(!plan.routes.empty());
    plan.routes[0].stops[0].as_reported = true;
    try {
        begin_day(p, plan, at(7, 30), small_budget());
        FAIL("accepted");
    } catch (const InputErrors& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].path == "plan.routes[0].stops[0]");
    }
}

TEST_CASE("a replay of the log reproduces every version's hash", "[dispatch][log]") {
    const DispatchDay day = played_day();
    REQUIRE(day.versions.size() >= 10);
    require_replayed(day);
}

TEST_CASE("with re-tells priced, a replay reproduces every hash and a load every customer's count", "[dispatch][log]") {
    const DispatchDay day = played_day(30);
    std::uint32_t retold = 0;
    for (const Job& job : day.state.problem.jobs) retold += job.times_retold;
    REQUIRE(retold > 0);  // the counts, and so the prices, changed during the day
    require_replayed(day);
    const LogRead loaded = read_log(log_text(day), LogMode::load);
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.day->state.problem == day.state.problem);
}

TEST_CASE("loading the log gives back the same state", "[dispatch][log]") {
    const DispatchDay day = played_day();
    const LogRead r = read_log(log_text(day), LogMode::load);
    REQUIRE(r.errors.empty());
    const DispatchState& a = day.state;
    const DispatchState& b = r.day->state;
    REQUIRE(b.now == a.now);
    REQUIRE(b.plan == a.plan);
    REQUIRE(b.problem == a.problem);  // jobs added and promises made
    REQUIRE(b.visits == a.visits);
    REQUIRE(b.jobs == a.jobs);
    REQUIRE(b.technicians == a.technicians);
    REQUIRE(r.day->versions.size() == day.versions.size());
    for (std::size_t v = 0; v < day.versions.size(); ++v) {
        REQUIRE(r.day->versions[v].hash == day.versions[v].hash);
        REQUIRE(r.day->versions[v].parent == day.versions[v].parent);
        std::optional<Event> read = r.day->versions[v].event;
        if (read) read->line = 0;  // the reader knows the log line it came from
        REQUIRE(read == day.versions[v].event);
        REQUIRE(r.day->versions[v].assignments == day.versions[v].assignments);
    }
}

TEST_CASE("the log read through a version gives that version's problem and the cascade report apply gave it", "[dispatch][log]") {
    DispatchDay day = begin_day(crafted_day(), std::nullopt, at(7, 30), small_budget());
    Rng rng(7);
    RandomEventOptions o;
    o.weights[static_cast<int>(EventType::job_added)] = 2.0;
    std::vector<std::string> told{""};  // what apply reported for each version
    std::vector<Problem> problems{day.state.problem};
    for (int k = 0; k < 12; ++k)
        if (const auto e = random_event(day.state, rng, o)) {
            told.push_back(cascade_to_text(day.state.problem, apply_event(day, *e).cascade));
            problems.push_back(day.state.problem);
        }
    REQUIRE(problems.back().jobs.size() > problems.front().jobs.size());  // a job_added among them
    const std::string text = log_text(day);
    for (int v = 1; v < static_cast<int>(day.versions.size()); ++v) {
        CAPTURE(v);
        const LogRead r = read_log(text, LogMode::load, {}, v);
        REQUIRE(r.errors.empty());
        REQUIRE(r.day->versions.size() == static_cast<std::size_t>(v + 1));
        REQUIRE(r.day->state.problem == problems[static_cast<std::size_t>(v)]);
        REQUIRE(cascade_to_text(r.day->state.problem, r.last_cascade) == told[static_cast<std::size_t>(v)]);
        // The version's plan is a plan of its own problem, whatever came after it.
        REQUIRE(evaluate(r.day->state.problem, r.day->versions.back().plan).feasible());
    }
}

TEST_CASE("a truncated line is reported with its number and the versions before it load", "[dispatch][log]") {
    const DispatchDay day = played_day();
    std::vector<std::string> lines = lines_of(log_text(day));
    lines[5] = lines[5].substr(0, lines[5].size() / 2);  // line 6: version 4, cut in the middle
    const LogRead r = read_log(joined(lines), LogMode::load);
    REQUIRE(r.errors.size() == 1);
    REQUIRE(r.errors[0].path == "line 6");
    REQUIRE(r.day);
    REQUIRE(r.day->versions.size() == 4);  // versions 0..3 on lines 2..5
    REQUIRE(r.day->versions.back().hash == day.versions[3].hash);
}

TEST_CASE("a plan edited after it was logged no longer matches its hash", "[dispatch][log]") {
    const DispatchDay day = played_day();
    std::vector<std::string> lines = lines_of(log_text(day));
    Json v3 = Json::parse(lines[4]);
    for (Json& route : v3["plan"]["routes"])
        for (Json& stop : route["stops"])
            if (stop.contains("job")) {
                stop["end"] = "2026-11-23T23:00";
                break;
            }
    lines[4] = v3.dump();
    const LogRead r = read_log(joined(lines), LogMode::load);
    REQUIRE(r.errors.size() == 1);
    REQUIRE(r.errors[0].path == "line 5, hash");
    REQUIRE(r.day->versions.size() == 3);
}

TEST_CASE("the event reader names the line and field of every bad event", "[dispatch][log]") {
    const std::string text = R"({"event": "job_started", "at": "2026-11-23T09:00", "job": "J1"}

{"event": "job_finished", "at": "tomorrow", "job": "J1"}
{"event": "job_exploded", "at": 32400}
not json at all
{"event": "travel_delay", "at": 32400, "technician": "T1", "delay_min": -5}
{"event": "running_late", "at": 32400, "job": "J1"}
{"event": "job_cancelled", "at": 32400, "job": "J1", "colour": "red"}
{"event": "technician_unavailable", "at": 32400, "technician": "T2", "until": "2026-11-23T12:00", "x-source": "phone"}
[1, 2, 3]
{"event": "job_added", "at": 32400, "job": "J9"}
)";
    const EventRead r = read_events(text, date_from_civil(2026, 11, 23));
    REQUIRE(r.events.size() == 2);
    REQUIRE(r.events[0].line == 1);
    REQUIRE(r.events[1].line == 9);
    REQUIRE(r.events[1].until == at(12, 0));
    std::vector<std::string> paths;
    for (const InputError& e : r.errors) paths.push_back(e.path);
    const std::vector<std::string> expected{
        "line 3, at",     "line 4, event", "line 5",      "line 6, delay_min", "line 7, expected_finish",
        "line 8, colour", "line 10",       "line 11, job"};
    REQUIRE(paths == expected);
}

TEST_CASE("events written out read back the same", "[dispatch][log]") {
    const DispatchDay day = played_day();
    std::string text;
    for (const PlanVersion& v : day.versions)
        if (v.event) text += event_to_json(*v.event, day.state.problem.horizon.start_date).dump() + "\n";
    const EventRead r = read_events(text, day.state.problem.horizon.start_date);
    REQUIRE(r.errors.empty());
    REQUIRE(r.events.size() == day.versions.size() - 1);
    for (std::size_t i = 0; i < r.events.size(); ++i) {
        Event logged = *day.versions[i + 1].event;
        logged.line = r.events[i].line;
        REQUIRE(r.events[i] == logged);
    }
}

TEST_CASE("the event reader survives any input", "[dispatch][log]") {
    const std::vector<std::string> pieces{"{",
                                          "}",
                                          "[",
                                          "]",
                                          "\"event\"",
                                          ":",
                                          ",",
                                          "\"job_added\"",
                                          "\"at\"",
                                          "1e400",
                                          "-9223372036854775808",
                                          "\"job\"",
                                          "{\"id\":1}",
                                          "null",
                                          "\"2026-11-23T25:61\"",
                                          "\n",
                                          "\"running_late\"",
                                          "\"remaining_min\"",
                                          "\xff\xfe",
                                          "\"delay_min\"",
                                          "1e308",
                                          "\"technician\"",
                                          "\"until\"",
                                          "\"\\u0000\""};
    Rng rng(3);
    std::size_t events = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text;
        const auto n = rng.between(0, 40);
        for (std::int64_t k = 0; k < n; ++k) text += pieces[rng.below(pieces.size())];
        const EventRead r = read_events(text, rng.chance(0.5) ? std::optional<Date>(date_from_civil(2026, 11, 23)) : std::nullopt);
        events += r.events.size();
        for (const InputError& e : r.errors) REQUIRE(e.path.rfind("line ", 0) == 0);
    }
    REQUIRE(events < 3000);
}

TEST_CASE("files are written to a temporary name and renamed", "[dispatch][log]") {
    const auto dir = std::filesystem::temp_directory_path() / ("fsd-dispatch-log-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    write_file_atomically(dir / "log.jsonl", "one\n");
    write_file_atomically(dir / "log.jsonl", "one\ntwo\n");
    std::ifstream in(dir / "log.jsonl");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(text == "one\ntwo\n");
    REQUIRE(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
    std::filesystem::remove_all(dir);
}

}  // namespace test_dispatch_log
