// Ending classification for local jobs (Slurm states are classified by the Slurm backend, issue 4).
#include "engine/failure.hpp"

#include <algorithm>
#include <cmath>

namespace sa::adapter {

std::string_view failure_class_name(FailureClass c) {
  switch (c) {
    case FailureClass::None: return "";
    case FailureClass::JobRetryable: return "job-retryable";
    case FailureClass::JobPermanent: return "job-permanent";
    case FailureClass::Killed: return "killed";
    case FailureClass::OutOfMemory: return "out-of-memory";
    case FailureClass::Cancelled: return "cancelled";
    case FailureClass::Lost: return "lost";
    case FailureClass::LaunchFailed: return "launch-failed";
    case FailureClass::BadResult: return "bad-result";
  }
  return "lost";
}

double retry_backoff_seconds(int next_attempt) {
  return std::min(600.0, 10.0 * std::pow(2.0, std::max(0, next_attempt - 2)));
}

namespace {
AttemptOutcome failed(FailureClass c, bool retryable, const std::string& message, const JobStatus& st,
                      const AttemptRecord& a, double now) {
  AttemptOutcome o;
  o.state = c == FailureClass::Cancelled ? AttemptState::Cancelled
            : c == FailureClass::Lost   ? AttemptState::Lost
                                        : AttemptState::Failed;
  o.task_event = c == FailureClass::Cancelled ? TaskEvent::Cancel
                 : retryable                 ? TaskEvent::FailedRetryable
                                             : TaskEvent::FailedPermanent;
  o.failure_class = std::string(failure_class_name(c));
  o.message = message;
  o.exit_code = st.exit_code;
  o.retry_after = now + retry_backoff_seconds(a.number + 1);
  return o;
}
}  // namespace

AttemptOutcome classify_ending(const std::optional<jobs::JobResult>& result, const std::string& result_error,
                               const JobStatus& st, const AttemptRecord& a, double now) {
  if (st.cancelled) return failed(FailureClass::Cancelled, false, "cancelled", st, a, now);
  if (!result_error.empty()) return failed(FailureClass::BadResult, true, result_error, st, a, now);
  if (result) {
    if (result->task_id != a.task_id || result->attempt != a.number) {
      return failed(FailureClass::BadResult, true,
                    "result file belongs to task " + std::to_string(result->task_id) + " attempt " +
                        std::to_string(result->attempt),
                    st, a, now);
    }
    if (result->status == jobs::ResultStatus::Ok) {
      AttemptOutcome o;
      o.state = AttemptState::Succeeded;
      o.task_event = TaskEvent::Succeeded;
      o.exit_code = st.exit_code;
      o.outputs = result->outputs;
      return o;
    }
    std::string msg = result->error_kind.empty() ? result->error_message : result->error_kind + ": " + result->error_message;
    bool retry = result->status == jobs::ResultStatus::Retryable;
    if (retry && result->error_kind == "out-of-memory") return failed(FailureClass::OutOfMemory, true, msg, st, a, now);
    return failed(retry ? FailureClass::JobRetryable : FailureClass::JobPermanent, retry, msg, st, a, now);
  }
  // No result file: the exit code or signal is all we have.
  if (st.signal) return failed(FailureClass::Killed, true, "killed by signal " + std::to_string(*st.signal), st, a, now);
  if (st.exit_code) {
    auto status = jobs::status_for_exit(*st.exit_code);
    std::string msg = "exited with " + std::to_string(*st.exit_code) + " without writing a result";
    if (*st.exit_code == 0) return failed(FailureClass::BadResult, true, msg, st, a, now);
    bool retry = status == jobs::ResultStatus::Retryable;
    return failed(retry ? FailureClass::JobRetryable : FailureClass::JobPermanent, retry, msg, st, a, now);
  }
  return failed(FailureClass::Lost, true, st.reason.empty() ? "ended without a result" : st.reason, st, a, now);
}

}  // namespace sa::adapter

namespace sa::adapter {

AttemptOutcome classify_batch_ending(const FailureDecision& d, const std::optional<jobs::JobResult>& result,
                                     const std::string& result_error, const JobStatus& st, const AttemptRecord& a,
                                     double now) {
  const bool result_ok = result && result->status == jobs::ResultStatus::Ok && result->task_id == a.task_id &&
                         result->attempt == a.number && result_error.empty();
  if (result_ok) return classify_ending(result, result_error, st, a, now);
  AttemptOutcome o;
  o.state = AttemptState::Failed;
  o.failure_class = d.failure_class;
  o.message = d.message;
  o.exit_code = st.exit_code;
  o.retry_after = now + retry_backoff_seconds(a.number + 1);
  switch (d.action) {
    case EndingAction::Wait:
    case EndingAction::Succeeded:
    case EndingAction::Retry:
    case EndingAction::Permanent:
      // A plain failure: the job binary's own words (result file, else exit code) say what it was.
      return classify_ending(result, result_error, st, a, now);
    case EndingAction::RetryMoreMemory:
    case EndingAction::RetryMoreTime:
      o.task_event = TaskEvent::FailedRetryable;
      return o;
    case EndingAction::RetryElsewhere:
    case EndingAction::Requeue:
      o.task_event = TaskEvent::Requeued;  // not the task's fault: no attempt spent, no back-off
      o.retry_after = now;
      return o;
    case EndingAction::Temporary:
      o.task_event = TaskEvent::FailedPermanent;
      o.temporary = true;  // reported to the miner as temporary: it can re-ticket and try again
      return o;
    case EndingAction::Cancelled:
      if (st.cancelled) {
        o.state = AttemptState::Cancelled;
        o.task_event = TaskEvent::Cancel;
      } else {
        o.task_event = TaskEvent::FailedPermanent;
        o.temporary = true;
      }
      return o;
  }
  return classify_ending(result, result_error, st, a, now);
}

}  // namespace sa::adapter
