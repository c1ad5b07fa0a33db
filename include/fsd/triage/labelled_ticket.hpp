// A customer ticket with the job type it should get: what the classifier trains on and what
// evaluations measure against, whether it comes from a file or from the test corpus generator.
#pragma once

#include <string>

#include "fsd/triage/context.hpp"

namespace fsd::triage {

struct LabelledTicket {
    std::string text;
    std::string job_type;  // a name from job_types.hpp
    TriageContext context;
    bool expect_emergency = false;  // an emergency type, or lost heat/cooling + vulnerable + weather
};

}  // namespace fsd::triage
