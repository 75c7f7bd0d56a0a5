// Task type -> sa-job stage name (jobs/stages/stage_registry.cpp holds the other side).
#include "engine/task_stage.hpp"

namespace sa::adapter {

std::optional<std::string_view> stage_for(TaskType t) {
  switch (t) {
    case TaskType::AddPiece: return "addpiece";
    default: return std::nullopt;
  }
}

}  // namespace sa::adapter
