// How a batch job's ending should be followed up, in the batch system's own terms (the Slurm state decides,
// not the exit code): wait, succeed, retry (with more memory or time, or elsewhere), requeue without
// spending an attempt, fail temporarily or for good. Backends that know such states classify their endings
// into this; the engine turns it into task events and adjusts the next attempt's request.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sa::adapter {

enum class EndingAction {
  Wait,             // not over: pending, running, or requeued by Slurm under the same job id
  Succeeded,        // COMPLETED with exit 0: the result file decides
  Retry,            // a new attempt after the back-off, same request
  RetryMoreMemory,  // OUT_OF_MEMORY: a new attempt asking memory_factor times the memory
  RetryMoreTime,    // TIMEOUT: a new attempt asking time_factor times the time limit
  RetryElsewhere,   // NODE_FAIL, BOOT_FAIL: run again avoiding exclude_nodes; not the job's fault
  Requeue,          // PREEMPTED: run the same attempt's work again, no attempt spent
  Temporary,        // DEADLINE: a temporary error for the miner (re-ticket), not retried here
  Cancelled,        // CANCELLED
  Permanent,        // FAILED and the job binary said trying again will not help (exit 64/65)
};

std::string_view ending_action_name(EndingAction a);

struct FailureDecision {
  EndingAction action = EndingAction::Wait;
  std::string failure_class;   // "out-of-memory", "timeout", "node-failure", ... ("" = success / wait)
  bool retryable = false;      // for the engine's TaskEvent: FailedRetryable vs FailedPermanent
  bool spends_attempt = true;  // false: Requeue/RetryElsewhere/Wait do not count against max attempts
  double memory_factor = 1.0;
  double time_factor = 1.0;
  std::vector<std::string> exclude_nodes;  // RetryElsewhere: the nodes the job was on
  std::string message;
};

}  // namespace sa::adapter
