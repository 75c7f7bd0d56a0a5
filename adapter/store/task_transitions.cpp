// Allowed task transitions.
#include "store/task_transitions.hpp"

#include "base/error.hpp"

namespace sa::adapter {

std::string_view task_event_name(TaskEvent e) {
  switch (e) {
    case TaskEvent::AttemptStarted: return "attempt-started";
    case TaskEvent::Succeeded: return "succeeded";
    case TaskEvent::FailedRetryable: return "failed-retryable";
    case TaskEvent::FailedPermanent: return "failed-permanent";
    case TaskEvent::Requeued: return "requeued";
    case TaskEvent::Cancel: return "cancel";
    case TaskEvent::Retry: return "retry";
    case TaskEvent::Reject: return "rejected";
    case TaskEvent::Resubmit: return "resubmitted";
  }
  return "?";
}

TaskState next_task_state(const TaskRecord& t, TaskEvent e) {
  auto refuse = [&](const char* why) -> TaskState {
    throw Error(ErrorKind::Usage, "task " + std::to_string(t.id) + " is " + std::string(task_state_name(t.state)) + ": " + why);
  };
  switch (e) {
    case TaskEvent::AttemptStarted:
      return t.state == TaskState::Queued ? TaskState::Running : refuse("only a queued task can start");
    case TaskEvent::Succeeded:
      return t.state == TaskState::Running ? TaskState::Done : refuse("only a running task can succeed");
    case TaskEvent::FailedRetryable:
      if (t.state != TaskState::Running) return refuse("only a running task can fail");
      return t.attempts < t.max_attempts ? TaskState::Queued : TaskState::Failed;
    case TaskEvent::FailedPermanent:
      return t.state == TaskState::Running ? TaskState::Failed : refuse("only a running task can fail");
    case TaskEvent::Requeued:
      return t.state == TaskState::Running ? TaskState::Queued : refuse("only a running task can be requeued");
    case TaskEvent::Cancel:
      if (t.state == TaskState::Queued || t.state == TaskState::Running) return TaskState::Cancelled;
      return refuse("it has already ended");
    case TaskEvent::Retry:
      if (t.state == TaskState::Failed || t.state == TaskState::Cancelled) return TaskState::Queued;
      return refuse("only a failed or cancelled task can be retried");
    case TaskEvent::Reject:
      return t.state == TaskState::Queued ? TaskState::Failed : refuse("only a queued task can be rejected");
    case TaskEvent::Resubmit:
      return is_terminal(t.state) ? TaskState::Queued : refuse("it has not ended yet");
  }
  return refuse("unknown event");
}

}  // namespace sa::adapter
