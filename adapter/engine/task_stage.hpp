// Which sa-job stage runs a task type. Task types without a stage cannot be submitted yet.
#pragma once

#include <optional>
#include <string_view>

#include "model/task_type.hpp"

namespace sa::adapter {

std::optional<std::string_view> stage_for(TaskType t);

}  // namespace sa::adapter
