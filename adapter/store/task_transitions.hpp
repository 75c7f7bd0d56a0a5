// The task state machine as a pure function (the "update" half of update/action, aesthetics.md §0.2): the
// store applies an event and records it in the same transaction; the engine then performs the side effects
// the new state calls for, idempotently.
#pragma once

#include <string>

#include "store/records.hpp"

namespace sa::adapter {

enum class TaskEvent {
  AttemptStarted,    // queued -> running
  Succeeded,         // running -> done
  FailedRetryable,   // running -> queued (attempts left) or failed (none left)
  FailedPermanent,   // running -> failed
  Requeued,          // running -> queued without spending an attempt (preempted, requeued, node lost)
  Cancel,            // queued/running -> cancelled
  Retry,             // failed/cancelled -> queued (by a person)
  Reject,            // queued -> failed: no worker can ever run it (bigger than every node)
  Resubmit,          // done/failed/cancelled -> queued with new inputs (repeatable tasks such as Unseal)
};

std::string_view task_event_name(TaskEvent e);

// The state after `e`, or sa::Error(Usage) saying why the event does not apply ("task 7 is done").
TaskState next_task_state(const TaskRecord& task, TaskEvent e);

}  // namespace sa::adapter
