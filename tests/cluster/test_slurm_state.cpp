// Pure parts of the Slurm backend: controller records -> JobStatus, the follow-up table of
// docs/05-failure-classes.md, node lists, GRES counts, will_run explanations and the submit limiter.
#include <gtest/gtest.h>

#include "backend/slurm/cluster_view.hpp"
#include "backend/slurm/slurm_state.hpp"
#include "backend/slurm/submit_limiter.hpp"

namespace sa::adapter {
namespace {

SlurmJobRecord record(SlurmJobState s) {
  SlurmJobRecord r;
  r.job_id = 42;
  r.name = "sa-1000-9-PC1-a1";
  r.state = s;
  return r;
}

JobStatus ended(const std::string& state, std::optional<int> exit_code = 0, std::optional<int> signal = {}) {
  JobStatus st;
  st.phase = JobPhase::Ended;
  st.batch_state = state;
  st.exit_code = exit_code;
  st.signal = signal;
  st.node = "n2";
  return st;
}

TEST(SlurmState, PendingCarriesItsReason) {
  SlurmJobRecord r = record(SlurmJobState::Pending);
  r.reason = "ReqNodeNotAvail";
  r.reason_detail = "UnavailableNodes:n1";
  const JobStatus st = status_from_record(r);
  EXPECT_EQ(st.phase, JobPhase::Pending);
  EXPECT_EQ(st.batch_state, "PENDING");
  EXPECT_EQ(st.reason, "ReqNodeNotAvail: UnavailableNodes:n1");
  EXPECT_EQ(st.job_id, "42");
}

TEST(SlurmState, RunningConfiguringAndCompletingAreRunning) {
  SlurmJobRecord r = record(SlurmJobState::Running);
  r.nodes = "n[1-2]";
  EXPECT_EQ(status_from_record(r).phase, JobPhase::Running);
  EXPECT_EQ(status_from_record(r).node, "n[1-2]");
  r.configuring = true;
  EXPECT_EQ(status_from_record(r).batch_state, "CONFIGURING");
  SlurmJobRecord c = record(SlurmJobState::Cancelled);
  c.completing = true;
  const JobStatus st = status_from_record(c);
  EXPECT_EQ(st.phase, JobPhase::Running);
  EXPECT_EQ(st.batch_state, "COMPLETING");
  EXPECT_EQ(st.reason, "completing, then CANCELLED");
  EXPECT_EQ(status_from_record(record(SlurmJobState::Suspended)).phase, JobPhase::Running);
}

TEST(SlurmState, RequeuedJobIsPendingNeverEnded) {
  SlurmJobRecord r = record(SlurmJobState::Pending);
  r.restart_count = 1;
  r.reason = "BeginTime";
  JobStatus st = status_from_record(r);
  EXPECT_EQ(st.phase, JobPhase::Pending);
  EXPECT_EQ(st.batch_state, kRequeuedState);
  EXPECT_EQ(st.reason, "requeued by Slurm (restart 1): BeginTime");
  // The moment between NODE_FAIL and pending: a terminal base state with the requeue flag.
  SlurmJobRecord t = record(SlurmJobState::NodeFail);
  t.requeue_flag = true;
  t.completing = true;
  EXPECT_EQ(status_from_record(t).phase, JobPhase::Pending);
  EXPECT_EQ(status_from_record(t).batch_state, kRequeuedState);
  const FailureDecision d = classify_slurm_ending(status_from_record(t));
  EXPECT_EQ(d.action, EndingAction::Wait);
  EXPECT_FALSE(d.spends_attempt);
  // Running again after the restart: Running, and the reason says so.
  SlurmJobRecord again = record(SlurmJobState::Running);
  again.restart_count = 2;
  EXPECT_EQ(status_from_record(again).reason, "restarted 2 time(s) by Slurm");
}

TEST(SlurmState, EndedCarriesExitCodeOrSignal) {
  SlurmJobRecord r = record(SlurmJobState::Failed);
  r.exit_status = 3 << 8;  // "ExitCode=3:0"
  JobStatus st = status_from_record(r);
  EXPECT_EQ(st.phase, JobPhase::Ended);
  EXPECT_EQ(st.batch_state, "FAILED");
  EXPECT_EQ(st.exit_code, 3);
  EXPECT_FALSE(st.signal);
  SlurmJobRecord t = record(SlurmJobState::Timeout);
  t.exit_status = 15;  // "ExitCode=0:15"
  st = status_from_record(t);
  EXPECT_EQ(st.signal, 15);
  EXPECT_FALSE(st.exit_code);
  EXPECT_EQ(st.batch_state, "TIMEOUT");
}

TEST(SlurmState, FollowUpTable) {
  EXPECT_EQ(classify_slurm_ending(ended("COMPLETED")).action, EndingAction::Succeeded);
  const FailureDecision oom = classify_slurm_ending(ended("OUT_OF_MEMORY", {}, 125));
  EXPECT_EQ(oom.action, EndingAction::RetryMoreMemory);
  EXPECT_EQ(oom.failure_class, "out-of-memory");
  EXPECT_DOUBLE_EQ(oom.memory_factor, kOomMemoryFactor);
  EXPECT_TRUE(oom.spends_attempt);
  // OOM with exit 0 is still OOM: the state decides, not the exit code.
  EXPECT_EQ(classify_slurm_ending(ended("OUT_OF_MEMORY", 0)).action, EndingAction::RetryMoreMemory);
  const FailureDecision to = classify_slurm_ending(ended("TIMEOUT", {}, 15));
  EXPECT_EQ(to.action, EndingAction::RetryMoreTime);
  EXPECT_DOUBLE_EQ(to.time_factor, kTimeoutTimeFactor);
  for (const char* s : {"NODE_FAIL", "BOOT_FAIL"}) {
    const FailureDecision nf = classify_slurm_ending(ended(s));
    EXPECT_EQ(nf.action, EndingAction::RetryElsewhere) << s;
    EXPECT_EQ(nf.exclude_nodes, std::vector<std::string>{"n2"});
    EXPECT_FALSE(nf.spends_attempt);
  }
  const FailureDecision pre = classify_slurm_ending(ended("PREEMPTED"));
  EXPECT_EQ(pre.action, EndingAction::Requeue);
  EXPECT_FALSE(pre.spends_attempt);
  const FailureDecision dl = classify_slurm_ending(ended("DEADLINE"));
  EXPECT_EQ(dl.action, EndingAction::Temporary);
  EXPECT_TRUE(dl.retryable);
  JobStatus cancelled = ended("CANCELLED", {}, 15);
  EXPECT_EQ(classify_slurm_ending(cancelled).action, EndingAction::Cancelled);
  EXPECT_NE(classify_slurm_ending(cancelled).message.find("outside sealadapter"), std::string::npos);
  cancelled.cancelled = true;
  EXPECT_EQ(classify_slurm_ending(cancelled).message, "cancelled by sealadapter");
}

TEST(SlurmState, FailedDefersToTheJobContractExitCodes) {
  EXPECT_EQ(classify_slurm_ending(ended("FAILED", 64)).action, EndingAction::Permanent);
  EXPECT_EQ(classify_slurm_ending(ended("FAILED", 65)).action, EndingAction::Permanent);
  EXPECT_FALSE(classify_slurm_ending(ended("FAILED", 65)).retryable);
  EXPECT_EQ(classify_slurm_ending(ended("FAILED", 75)).action, EndingAction::Retry);
  EXPECT_EQ(classify_slurm_ending(ended("FAILED", 1)).action, EndingAction::Retry);
  EXPECT_EQ(classify_slurm_ending(ended("FAILED", {}, 9)).failure_class, "killed");
  JobStatus lost;
  lost.phase = JobPhase::Unknown;
  EXPECT_EQ(classify_slurm_ending(lost).failure_class, "lost");
  JobStatus running;
  running.phase = JobPhase::Running;
  EXPECT_EQ(classify_slurm_ending(running).action, EndingAction::Wait);
}

TEST(SlurmState, NamesRoundTrip) {
  for (auto s :
       {SlurmJobState::Completed, SlurmJobState::OutOfMemory, SlurmJobState::NodeFail, SlurmJobState::Deadline}) {
    EXPECT_EQ(slurm_state_from_name(slurm_state_name(s)), s);
  }
  EXPECT_EQ(slurm_state_from_name("REQUEUED"), SlurmJobState::Unknown);
  EXPECT_EQ(split_node_list("n[1-2],g1"), (std::vector<std::string>{"n[1-2]", "g1"}));
  EXPECT_EQ(split_node_list("n[1,3],g1"), (std::vector<std::string>{"n[1,3]", "g1"}));
  EXPECT_TRUE(split_node_list("").empty());
}

TEST(ClusterView, GresGpuCount) {
  EXPECT_EQ(gres_gpu_count(""), 0);
  EXPECT_EQ(gres_gpu_count("(null)"), 0);
  EXPECT_EQ(gres_gpu_count("gpu:1"), 1);
  EXPECT_EQ(gres_gpu_count("gpu:a100:4(S:0-1)"), 4);
  EXPECT_EQ(gres_gpu_count("gpu:a100:2(S:0,1),gpu:v100:1,mps:100"), 3);
  EXPECT_EQ(gres_gpu_count("gpus:3"), 0);
}

TEST(ClusterView, ExplainsWhyAJobCannotRun) {
  std::vector<SlurmNodeRecord> nodes(2);
  nodes[0].name = "n1";
  nodes[0].cpus = 2;
  nodes[0].real_memory_mb = 4000;
  nodes[0].partitions = {"cpu"};
  nodes[0].usable = true;
  nodes[1] = nodes[0];
  nodes[1].name = "g1";
  nodes[1].gres = "gpu:1";
  nodes[1].partitions = {"gpu"};
  SlurmJobDesc d;
  d.partition = "cpu";
  d.memory_mb = 8192;
  EXPECT_EQ(explain_unrunnable(d, nodes, "Requested node configuration is not available"),
            "it asks 8192 MB of memory per node, but the largest node of partition cpu, n1, has 4000 MB "
            "(Slurm: Requested node configuration is not available)");
  d.memory_mb = 100;
  d.ntasks = 3;
  EXPECT_NE(explain_unrunnable(d, nodes, "x").find("asks 3 CPUs per node"), std::string::npos);
  d.ntasks = 1;
  d.nodes = 2;
  EXPECT_NE(explain_unrunnable(d, nodes, "x").find("asks 2 nodes, but partition cpu has 1"), std::string::npos);
  d.nodes = 1;
  d.partition = "gpu";
  d.tres_per_node = "gres:gpu:2";
  EXPECT_NE(explain_unrunnable(d, nodes, "x").find("asks 2 GPUs per node"), std::string::npos);
  d.tres_per_node.clear();
  nodes[1].usable = false;
  EXPECT_NE(explain_unrunnable(d, nodes, "x").find("down, drained or not responding"), std::string::npos);
  d.partition = "nosuch";
  EXPECT_EQ(explain_unrunnable(d, nodes, "Invalid partition name specified"),
            "partition nosuch has no nodes (Slurm: Invalid partition name specified)");
}

TEST(SubmitLimiter, CapsJobsInFlightPerPartition) {
  SubmitLimiter l(0, 1, {{"cpu", 2}});
  EXPECT_EQ(l.blocker("cpu", 0), "");
  l.submitted("cpu", "1", 0);
  l.submitted("cpu", "2", 0);
  EXPECT_EQ(l.blocker("cpu", 0), "partition cpu has 2 jobs in flight (max_jobs = 2)");
  EXPECT_EQ(l.blocker("gpu", 0), "");  // no cap there
  l.finished("1");
  EXPECT_EQ(l.blocker("cpu", 0), "");
  l.adopted("cpu", "7");
  EXPECT_EQ(l.in_flight("cpu"), 2);
}

TEST(SubmitLimiter, TokenBucketRefillsAtItsRate) {
  SubmitLimiter l(2.0, 3, {});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(l.blocker("cpu", 10.0), "");
    l.submitted("cpu", std::to_string(i), 10.0);
  }
  EXPECT_EQ(l.blocker("cpu", 10.0), "submission rate limit: next slot in 0.5 s");
  EXPECT_EQ(l.blocker("cpu", 10.5), "");
  l.submitted("cpu", "9", 10.5);
  EXPECT_NE(l.blocker("cpu", 10.6), "");
  EXPECT_EQ(l.blocker("cpu", 100.0), "");  // refills up to the burst only
}

}  // namespace
}  // namespace sa::adapter

namespace sa::adapter {
namespace {

TEST(SlurmState, AStepKilledForMemoryMakesTheJobOutOfMemory) {
  SlurmJobRecord r;
  r.job_id = 9;
  r.state = SlurmJobState::Failed;
  r.exit_status = 256;                   // the batch script: srun exited 1
  r.derived_exit_status = kStepOomSignal;  // the step: SIG_OOM
  JobStatus st = status_from_record(r);
  EXPECT_EQ(st.batch_state, "OUT_OF_MEMORY");
  EXPECT_EQ(classify_slurm_ending(st).action, EndingAction::RetryMoreMemory);
  r.derived_exit_status = 256;
  EXPECT_EQ(status_from_record(r).batch_state, "FAILED");
}

}  // namespace
}  // namespace sa::adapter
