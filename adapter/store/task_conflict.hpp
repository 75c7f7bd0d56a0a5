// A task asked for again: the same (sector, task type) is one task, so asking for it with other inputs
// (another piece for a sector that holds one) must be refused, never answered with the task that exists.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "store/records.hpp"

namespace sa::adapter {

// What a task's inputs hold, in words for an error line: "no pieces (a CC sector)", "1 piece: /d/a.car".
std::string describe_inputs(TaskType type, const nlohmann::json& inputs);

// "" when `asked` is the task that exists (same proof and inputs); else one line that names the sector,
// what it already holds, what was asked, and what to do instead.
std::string task_conflict(const TaskRecord& existing, const NewTask& asked);

}  // namespace sa::adapter
