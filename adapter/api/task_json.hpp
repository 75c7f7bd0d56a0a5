// Tasks and attempts as JSON for --json listings and `result`.
#pragma once

#include <nlohmann/json.hpp>

#include "store/records.hpp"

namespace sa::adapter {

nlohmann::json to_json(const TaskRecord& t);
nlohmann::json to_json(const AttemptRecord& a);

}  // namespace sa::adapter
