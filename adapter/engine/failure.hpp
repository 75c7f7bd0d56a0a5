// How an attempt ended, decided from the job's result file first and the backend's view second
// (docs/05-failure-classes.md), and what that means for the task: done, retry (with back-off), requeue
// without spending an attempt, or fail for good. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "backend/backend.hpp"
#include "contract/job_result.hpp"
#include "store/store.hpp"

namespace sa::adapter {

enum class FailureClass {
  None,           // succeeded
  JobRetryable,   // the job binary said: transient (exit 75 / status retryable)
  JobPermanent,   // the job binary said: trying again will not help (exit 64/65 / status permanent)
  Killed,         // ended by a signal without a result (OOM killer, admin, node trouble)
  OutOfMemory,    // the job ran out of memory (its result says so, or the batch system does)
  Cancelled,      // we cancelled it
  Lost,           // no result and no way to learn how it ended
  LaunchFailed,   // the backend refused or could not start it
  BadResult,      // a result file that does not parse or belongs to another attempt
};

std::string_view failure_class_name(FailureClass c);

// Seconds to wait before attempt `next_attempt` (1-based) starts: 10 s doubling, capped at 10 minutes.
double retry_backoff_seconds(int next_attempt);

// The outcome for the store. `result` is the parsed result file (nullopt when absent); `result_error` is
// set when the file exists but is unreadable.
AttemptOutcome classify_ending(const std::optional<jobs::JobResult>& result, const std::string& result_error,
                               const JobStatus& status, const AttemptRecord& attempt, double now);

// The same when the batch system judged the ending (`decision`, e.g. from the Slurm state): an ok result
// still wins; otherwise the batch state decides (OOM, TIMEOUT, node failure, preemption, deadline, cancel),
// and for a plain failure the job binary's own result or exit code does.
AttemptOutcome classify_batch_ending(const FailureDecision& decision, const std::optional<jobs::JobResult>& result,
                                     const std::string& result_error, const JobStatus& status,
                                     const AttemptRecord& attempt, double now);

}  // namespace sa::adapter
