// Task type -> sa-job stage name (jobs/stages/stage_registry.cpp holds the other side).
#include "engine/task_stage.hpp"

namespace sa::adapter {

std::optional<std::string_view> stage_for(TaskType t) {
  switch (t) {
    case TaskType::AddPiece: return "addpiece";
    case TaskType::PreCommit1: return "pc1";
    case TaskType::PreCommit2: return "pc2";
    case TaskType::Commit1: return "c1";
    case TaskType::Commit2: return "c2";
    case TaskType::Unseal: return "unseal";
    case TaskType::Finalize: return "finalize";
    default: return std::nullopt;
  }
}

}  // namespace sa::adapter
