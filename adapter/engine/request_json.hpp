// A JobRequest as JSON: stored with each attempt (what it ran under) and printed by `render --json`.
#pragma once

#include <nlohmann/json.hpp>

#include "mapping/job_request.hpp"

namespace sa::adapter {

nlohmann::json to_json(const JobRequest& r);

}  // namespace sa::adapter
