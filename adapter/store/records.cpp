// Names of task and attempt states, as stored and printed.
#include "store/records.hpp"

namespace sa::adapter {

namespace {
constexpr std::string_view kTaskStates[] = {"queued", "running", "done", "failed", "cancelled"};
constexpr std::string_view kAttemptStates[] = {"starting", "submitted", "running", "succeeded",
                                               "failed",   "cancelled", "lost"};
}  // namespace

std::string_view task_state_name(TaskState s) { return kTaskStates[static_cast<int>(s)]; }

std::optional<TaskState> parse_task_state(std::string_view s) {
  for (int i = 0; i < 5; ++i) {
    if (kTaskStates[i] == s) return static_cast<TaskState>(i);
  }
  return std::nullopt;
}

std::string_view attempt_state_name(AttemptState s) { return kAttemptStates[static_cast<int>(s)]; }

std::optional<AttemptState> parse_attempt_state(std::string_view s) {
  for (int i = 0; i < 7; ++i) {
    if (kAttemptStates[i] == s) return static_cast<AttemptState>(i);
  }
  return std::nullopt;
}

bool is_terminal(TaskState s) { return s == TaskState::Done || s == TaskState::Failed || s == TaskState::Cancelled; }

bool is_terminal(AttemptState s) {
  return s == AttemptState::Succeeded || s == AttemptState::Failed || s == AttemptState::Cancelled ||
         s == AttemptState::Lost;
}

}  // namespace sa::adapter
