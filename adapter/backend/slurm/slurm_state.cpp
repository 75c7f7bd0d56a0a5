// Slurm job states -> JobStatus, and the follow-up for each way a job can end (slurm_state.hpp). The
// exit-code rule for FAILED is the job contract's (docs/01-job-contract.md): 64/65 permanent, 75 and
// anything unknown retryable.
#include "backend/slurm/slurm_state.hpp"

#include <sys/wait.h>

#include <algorithm>

namespace sa::adapter {

namespace {

constexpr std::pair<SlurmJobState, std::string_view> kNames[] = {
    {SlurmJobState::Pending, "PENDING"},     {SlurmJobState::Running, "RUNNING"},
    {SlurmJobState::Suspended, "SUSPENDED"}, {SlurmJobState::Completed, "COMPLETED"},
    {SlurmJobState::Cancelled, "CANCELLED"}, {SlurmJobState::Failed, "FAILED"},
    {SlurmJobState::Timeout, "TIMEOUT"},     {SlurmJobState::NodeFail, "NODE_FAIL"},
    {SlurmJobState::Preempted, "PREEMPTED"}, {SlurmJobState::BootFail, "BOOT_FAIL"},
    {SlurmJobState::Deadline, "DEADLINE"},   {SlurmJobState::OutOfMemory, "OUT_OF_MEMORY"},
};

std::string with_detail(const std::string& reason, const std::string& detail) {
  if (detail.empty() || detail == reason) return reason;
  return reason.empty() ? detail : reason + ": " + detail;
}

FailureDecision decide(EndingAction a, std::string cls, bool retryable, std::string message) {
  FailureDecision d;
  d.action = a;
  d.failure_class = std::move(cls);
  d.retryable = retryable;
  d.message = std::move(message);
  return d;
}

std::string on_nodes(const JobStatus& st) { return st.node.empty() ? "" : " on " + st.node; }

}  // namespace

std::string_view slurm_state_name(SlurmJobState s) {
  for (const auto& [state, name] : kNames) {
    if (state == s) return name;
  }
  return "UNKNOWN";
}

SlurmJobState slurm_state_from_name(std::string_view name) {
  for (const auto& [state, n] : kNames) {
    if (n == name) return state;
  }
  return SlurmJobState::Unknown;
}

bool is_terminal(SlurmJobState s) {
  return s != SlurmJobState::Pending && s != SlurmJobState::Running && s != SlurmJobState::Suspended &&
         s != SlurmJobState::Unknown;
}

void set_exit_status(JobStatus& st, std::uint32_t wait_status) {
  const int w = static_cast<int>(wait_status);
  if (WIFSIGNALED(w)) {
    st.signal = WTERMSIG(w);
  } else if (WIFEXITED(w)) {
    st.exit_code = WEXITSTATUS(w);
  }
}

JobStatus status_from_record(const SlurmJobRecord& r) {
  JobStatus st;
  st.job_id = std::to_string(r.job_id);
  st.node = r.nodes;
  const std::string reason = with_detail(r.reason, r.reason_detail);
  const bool back_in_queue = r.requeue_flag || (r.state == SlurmJobState::Pending && r.restart_count > 0);
  if (back_in_queue) {
    // Pending again under the same job id (NODE_FAIL or preemption with requeue on): still this attempt.
    st.phase = JobPhase::Pending;
    st.batch_state = std::string(kRequeuedState);
    st.reason = "requeued by Slurm (restart " + std::to_string(std::max(1, r.restart_count)) + ")" +
                (reason.empty() ? "" : ": " + reason);
    return st;
  }
  if (r.state == SlurmJobState::Pending) {
    st.phase = JobPhase::Pending;
    st.batch_state = "PENDING";
    st.reason = reason;
    return st;
  }
  if (r.state == SlurmJobState::Running || r.state == SlurmJobState::Suspended || r.completing) {
    st.phase = JobPhase::Running;
    st.batch_state = r.completing    ? "COMPLETING"
                     : r.configuring ? "CONFIGURING"
                                     : std::string(slurm_state_name(r.state));
    if (r.completing && is_terminal(r.state)) st.reason = "completing, then " + std::string(slurm_state_name(r.state));
    if (r.restart_count > 0) {
      st.reason += (st.reason.empty() ? "" : "; ") + std::string("restarted ") + std::to_string(r.restart_count) +
                   " time(s) by Slurm";
    }
    return st;
  }
  if (!is_terminal(r.state)) {
    st.phase = JobPhase::Unknown;
    st.reason = "unknown Slurm job state";
    return st;
  }
  st.phase = JobPhase::Ended;
  st.batch_state = std::string(slurm_state_name(r.state));
  st.reason = reason;
  if (r.exit_status) set_exit_status(st, *r.exit_status);
  if (r.derived_exit_status && (*r.derived_exit_status & 0x7f) == kStepOomSignal) {
    st.batch_state = std::string(slurm_state_name(SlurmJobState::OutOfMemory));  // as sacct shows the step
    st.reason = "a job step ran out of memory";
  }
  return st;
}

std::string_view ending_action_name(EndingAction a) {
  switch (a) {
    case EndingAction::Wait: return "wait";
    case EndingAction::Succeeded: return "succeeded";
    case EndingAction::Retry: return "retry";
    case EndingAction::RetryMoreMemory: return "retry-more-memory";
    case EndingAction::RetryMoreTime: return "retry-more-time";
    case EndingAction::RetryElsewhere: return "retry-elsewhere";
    case EndingAction::Requeue: return "requeue";
    case EndingAction::Temporary: return "temporary";
    case EndingAction::Cancelled: return "cancelled";
    case EndingAction::Permanent: return "permanent";
  }
  return "retry";
}

FailureDecision classify_slurm_ending(const JobStatus& st) {
  if (st.phase == JobPhase::Pending || st.phase == JobPhase::Running) {
    FailureDecision d = decide(EndingAction::Wait, "", true, st.batch_state == kRequeuedState ? st.reason : "");
    d.spends_attempt = false;
    return d;
  }
  if (st.phase == JobPhase::Unknown) {
    return decide(EndingAction::Retry, "lost", true, st.reason.empty() ? "Slurm no longer knows the job" : st.reason);
  }
  const SlurmJobState s = slurm_state_from_name(st.batch_state);
  switch (s) {
    case SlurmJobState::Completed:
      if (st.exit_code.value_or(0) == 0 && !st.signal) return decide(EndingAction::Succeeded, "", false, "");
      break;  // not what Slurm does, but a non-zero COMPLETED is judged like FAILED
    case SlurmJobState::OutOfMemory: {
      FailureDecision d = decide(EndingAction::RetryMoreMemory, "out-of-memory", true,
                                 "Slurm killed the job for using more than its --mem" + on_nodes(st));
      d.memory_factor = kOomMemoryFactor;
      return d;
    }
    case SlurmJobState::Timeout: {
      FailureDecision d = decide(EndingAction::RetryMoreTime, "timeout", true, "the job reached its time limit");
      d.time_factor = kTimeoutTimeFactor;
      return d;
    }
    case SlurmJobState::NodeFail:
    case SlurmJobState::BootFail: {
      FailureDecision d =
          decide(EndingAction::RetryElsewhere, s == SlurmJobState::NodeFail ? "node-failure" : "boot-failure", true,
                 "Slurm lost the job's node" + on_nodes(st) + (st.reason.empty() ? "" : " (" + st.reason + ")"));
      d.exclude_nodes = split_node_list(st.node);
      d.spends_attempt = false;
      return d;
    }
    case SlurmJobState::Preempted: {
      FailureDecision d = decide(EndingAction::Requeue, "preempted", true, "preempted by a higher-priority job");
      d.spends_attempt = false;
      return d;
    }
    case SlurmJobState::Deadline:
      return decide(EndingAction::Temporary, "deadline", true,
                    "Slurm could not finish the job before its deadline; the sealing ticket must be renewed");
    case SlurmJobState::Cancelled:
      if (st.reason.find("DependencyNeverSatisfied") != std::string::npos) {
        // A chained PC2 whose PC1 failed: not this task's fault; it waits for its PC1 again.
        FailureDecision d = decide(EndingAction::Requeue, "dependency", true, "the job it was chained to (afterok) failed");
        d.spends_attempt = false;
        return d;
      }
      return decide(
          EndingAction::Cancelled, "cancelled", false,
          st.cancelled ? "cancelled by sealadapter" : "cancelled outside sealadapter (scancel or an administrator)");
    default: break;
  }
  // FAILED (and anything unexpected): the job binary's exit code says whether trying again can help.
  if (st.signal) {
    return decide(EndingAction::Retry, "killed", true, "killed by signal " + std::to_string(*st.signal) + on_nodes(st));
  }
  const int code = st.exit_code.value_or(-1);
  if (code == 64 || code == 65) {
    return decide(EndingAction::Permanent, "job-permanent", false,
                  "the job exited with " + std::to_string(code) + " (permanent)");
  }
  return decide(EndingAction::Retry, "job-retryable", true,
                code < 0 ? "the job failed without an exit code" : "the job exited with " + std::to_string(code));
}

std::vector<std::string> split_node_list(std::string_view list) {
  std::vector<std::string> out;
  int depth = 0;
  std::string item;
  for (char c : list) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == ',' && depth == 0) {
      if (!item.empty()) out.push_back(item);
      item.clear();
      continue;
    }
    item.push_back(c);
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

}  // namespace sa::adapter
