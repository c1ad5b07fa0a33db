// The conditional remaining time of a job under way: never below zero, a finish that never moves
// earlier as time on site grows, the fitted quantiles at the start, a later p50 and p90 once a job
// has run a while, and the technician's efficiency honoured.
#include <catch2/catch.hpp>

#include "fsd/dispatch/conditional_duration.hpp"

namespace test_dispatch_duration {

using namespace fsd;
using namespace fsd::dispatch;

namespace {

const DurationQuantiles repair{minutes(75), minutes(90), minutes(110)};

// Shapes the tests sweep: a typical repair, a wide spread, a fixed duration, a near-fixed one, none.
const DurationQuantiles shapes[] = {repair,
                                    {minutes(20), minutes(45), minutes(180)},
                                    DurationQuantiles::fixed(minutes(60)),
                                    {minutes(60), minutes(60), seconds(3601)},
                                    DurationQuantiles::fixed(Duration::zero())};

}  // namespace

TEST_CASE("remaining time is never negative and the expected finish never moves earlier", "[dispatch][duration]") {
    for (const DurationQuantiles& q : shapes)
        for (double eff : {0.8, 1.0, 1.25}) {
            DurationQuantiles previous = conditional_remaining(q, Duration::zero(), eff);
            for (std::int64_t e = 1; e <= 12 * 3600; e += 37) {
                const DurationQuantiles now = conditional_remaining(q, seconds(e), eff);
                INFO("p50 " << q.p50.count() << " p90 " << q.p90.count() << " efficiency " << eff << " elapsed " << e);
                REQUIRE(now.p50 >= Duration::zero());
                REQUIRE(now.p50 <= now.p75);
                REQUIRE(now.p75 <= now.p90);
                // elapsed + remaining: non-decreasing in elapsed, quantile by quantile
                REQUIRE(e + now.p50.count() >= e - 37 + previous.p50.count());
                REQUIRE(e + now.p75.count() >= e - 37 + previous.p75.count());
                REQUIRE(e + now.p90.count() >= e - 37 + previous.p90.count());
                previous = now;
            }
        }
}

TEST_CASE("far in the tail the remaining time stays finite and the finish keeps moving on", "[dispatch][duration]") {
    Duration last = Duration::zero();
    for (std::int64_t e :
         {std::int64_t{10} * 3600, std::int64_t{100} * 3600, std::int64_t{10'000} * 3600, std::int64_t{1'000'000} * 3600}) {
        const DurationQuantiles r = conditional_remaining(repair, seconds(e), 1.0);
        REQUIRE(r.p90 >= Duration::zero());
        REQUIRE(r.p90 < seconds(e));
        REQUIRE(seconds(e) + r.p90 >= last);
        last = seconds(e) + r.p90;
    }
}

TEST_CASE("at the start the conditional quantiles are the job's own p50 and p90", "[dispatch][duration]") {
    const DurationQuantiles r = conditional_remaining(repair, Duration::zero(), 1.0);
    REQUIRE(r.p50 == repair.p50);
    REQUIRE(r.p90 == repair.p90);
    // p75 comes from the log-normal through p50 and p90, not from the job's own p75
    const dispatch::LogNormalDuration fit = dispatch::LogNormalDuration::fit(repair.p50, repair.p90);
    REQUIRE(r.p75 == seconds(std::llround(std::exp(fit.mu + fit.sigma * dispatch::LogNormalDuration::z75))));
}

TEST_CASE("a repair 60 minutes in has a later p50 and p90, not 15 minutes left", "[dispatch][duration]") {
    const DurationQuantiles r = conditional_remaining(repair, minutes(60), 1.0);
    REQUIRE(minutes(60) + r.p50 > repair.p50);
    REQUIRE(minutes(60) + r.p90 > repair.p90);
    REQUIRE(r.p50 > minutes(15));
    // the median survivor of a 75/110 log-normal past 60 minutes finishes after about 82 minutes
    REQUIRE(minutes(60) + r.p50 > minutes(80));
    REQUIRE(minutes(60) + r.p50 < minutes(87));
}

TEST_CASE("a faster technician's time on site counts for more of the nominal duration", "[dispatch][duration]") {
    const DurationQuantiles fast = conditional_remaining(repair, minutes(40), 1.25);
    const DurationQuantiles normal = conditional_remaining(repair, minutes(40), 1.0);
    REQUIRE(fast.p50 < normal.p50);
    // at the start, the remaining time is the nominal one divided by the efficiency
    REQUIRE(conditional_remaining(repair, Duration::zero(), 1.25).p50 == minutes(60));
}

TEST_CASE("a fixed duration counts down and stops at zero", "[dispatch][duration]") {
    const DurationQuantiles fixed = DurationQuantiles::fixed(minutes(60));
    REQUIRE(conditional_remaining(fixed, minutes(45), 1.0).p90 == minutes(15));
    REQUIRE(conditional_remaining(fixed, minutes(75), 1.0).p50 == Duration::zero());
}

}  // namespace test_dispatch_duration
