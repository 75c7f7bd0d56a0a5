// Slurm's view of a job turned into the backend's JobStatus, and how a Slurm ending should be followed up
// (docs/05-failure-classes.md, "Slurm states"): the Slurm state decides, not the exit code, because an
// OUT_OF_MEMORY job may exit 0 and a TIMEOUT shows up as signal 15. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "backend/backend.hpp"
#include "backend/slurm/slurm_api.hpp"

namespace sa::adapter {

// "PENDING", "RUNNING", "COMPLETED", "OUT_OF_MEMORY", ... as squeue and sacct print them.
std::string_view slurm_state_name(SlurmJobState s);
// The inverse, for the jobcomp file; Unknown for anything else.
SlurmJobState slurm_state_from_name(std::string_view name);
bool is_terminal(SlurmJobState s);

// batch_state of a job Slurm put back in the queue (restart_cnt > 0, or on its way there).
inline constexpr std::string_view kRequeuedState = "REQUEUED";

// Pending (+ reason), Running (+ node list; also CONFIGURING, COMPLETING, SUSPENDED), Ended with the Slurm
// state name, exit code or signal. A requeued job is Pending with batch_state "REQUEUED" and a reason
// naming the restart, never Ended, so its one job id is one attempt. `cancelled` is left false.
JobStatus status_from_record(const SlurmJobRecord& r);

// A wait status as Slurm stores it ("ExitCode=1:0" is 256, "0:15" is 15) into exit_code or signal.
void set_exit_status(JobStatus& st, std::uint32_t wait_status);

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

inline constexpr double kOomMemoryFactor = 1.5;
inline constexpr double kTimeoutTimeFactor = 2.0;

FailureDecision classify_slurm_ending(const JobStatus& status);

// "n[1-2],g1" -> {"n[1-2]", "g1"}: the comma-separated items of a node list (brackets kept; sbatch's
// --exclude accepts them as they are).
std::vector<std::string> split_node_list(std::string_view list);

}  // namespace sa::adapter
