// The engine with the real Slurm backend, the real local cluster and the real sa-job (issue: Slurm for
// real): sectors seal through Slurm, GPU-flagged tasks go to the GPU partition and C1 is urgent, and each
// way a job can end is handled — OUT_OF_MEMORY retried with more memory, TIMEOUT with more time, a cancel
// reaches Slurm, a requeued job stays one attempt. Jobs are held in place by making them wait on the
// parent-cache lock the test holds.
#include "cluster/engine_cluster.hpp"

namespace sa::test {
namespace {

using adapter::TaskState;
using adapter::TaskType;

const params::SealProof k2KiB{5}, k8MiB{6};
const std::string kTicket = kClusterTicket;


TEST(EngineSlurm, GpuFlaggedTasksGoToTheGpuPartitionAndC1IsUrgent) {
  SA_REQUIRE_CLUSTER();
  EngineCluster c;
  adapter::Resources pc2 = c.table().get(TaskType::PreCommit2, k2KiB);
  pc2.gpu_utilization = 1;  // PC2 at 2KiB has no GPU in Lotus's table; flag it as 32GiB's is
  c.table().set(TaskType::PreCommit2, k2KiB, pc2);
  auto e = c.engine();
  auto pc1 = pc1_after_ap(c, e, 1, k2KiB);
  ASSERT_TRUE(c.run_until_ended(e, pc1, 120));
  auto pc2_task = c.submit(1, TaskType::PreCommit2, nlohmann::json::object(), k2KiB);
  ASSERT_TRUE(c.run_until_ended(e, pc2_task, 120));
  ASSERT_EQ(c.store().task(pc2_task)->state, TaskState::Done) << c.store().task(pc2_task)->error;
  auto a = c.store().attempts_of(pc2_task).back();
  EXPECT_EQ(a.partition, "gpu");
  EXPECT_EQ(a.node, "g1");
  EXPECT_EQ(a.request["gpus"], 1);
  auto pc2_out = *c.store().result_of(pc2_task);
  auto pc1_out = *c.store().result_of(pc1);
  auto c1 = c.submit(1, TaskType::Commit1, {{"ticket", kTicket}, {"seed", std::string(64, '9')},
                                            {"comm_d", pc1_out["comm_d"]["hex"]}, {"comm_r", pc2_out["comm_r"]["hex"]}}, k2KiB);
  ASSERT_TRUE(c.run_until_ended(e, c1, 120));
  ASSERT_EQ(c.store().task(c1)->state, TaskState::Done) << c.store().task(c1)->error;
  auto c1_attempt = c.store().attempts_of(c1).back();
  EXPECT_EQ(c1_attempt.partition, "cpu");
  EXPECT_EQ(c1_attempt.request["nice"], 0);
  EXPECT_TRUE(c1_attempt.request["urgent"].get<bool>());
  auto ap_attempt = c.store().attempts_of(c.store().find_task({1000, 1}, TaskType::AddPiece)->id).back();
  EXPECT_GT(ap_attempt.request["nice"].get<int>(), 0) << "AddPiece must yield to C1";
  EXPECT_EQ(scontrol_field(c1_attempt.job_id, "Nice"), "0");
}

TEST(EngineSlurm, OutOfMemoryIsRetriedWithMoreMemory) {
  SA_REQUIRE_CLUSTER();
  EngineCluster c;
  // Below the floor a site file may set (64 MiB): this test wants a job that cannot fit its --mem.
  c.site().min_job_memory = 1ull << 20;
  adapter::Resources small = c.table().get(TaskType::PreCommit2, k8MiB);
  small.max_memory = 40ull << 20;  // PC2 of 8MiB peaks near 90 MiB: the first attempts must hit the cgroup
  small.min_memory = 40ull << 20;
  small.base_min_memory = 0;
  c.table().set(TaskType::PreCommit2, k8MiB, small);
  auto e = c.engine();
  auto pc1 = pc1_after_ap(c, e, 2, k8MiB);
  ASSERT_TRUE(c.run_until_ended(e, pc1, 300));
  ASSERT_EQ(c.store().task(pc1)->state, TaskState::Done) << c.store().task(pc1)->error;
  auto pc2 = c.submit(2, TaskType::PreCommit2, nlohmann::json::object(), k8MiB, 6);
  ASSERT_TRUE(c.run_until_ended(e, pc2, 600));
  auto attempts = c.store().attempts_of(pc2);
  ASSERT_GE(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].failure_class, "out-of-memory") << attempts[0].message;
  for (std::size_t i = 1; i < attempts.size(); ++i) {
    EXPECT_GT(attempts[i].request["memory_bytes"].get<std::uint64_t>(), attempts[i - 1].request["memory_bytes"].get<std::uint64_t>());
  }
  EXPECT_EQ(c.store().task(pc2)->state, TaskState::Done) << c.store().task(pc2)->error;
}

TEST(EngineSlurm, TimeoutIsRetriedWithMoreTime) {
  SA_REQUIRE_CLUSTER();
  EngineCluster c;
  auto e = c.engine();
  auto pc1 = pc1_after_ap(c, e, 3, k2KiB);
  std::string job = c.hold_running_pc1(e, pc1, k2KiB);
  ASSERT_FALSE(job.empty());
  EngineCluster::scontrol("update JobId=" + job + " EndTime=now");  // over its limit from now on
  ASSERT_TRUE(c.run_until(e, [&] { return c.store().attempts_of(pc1).size() >= 2; }, 120));
  c.release_parent_cache();
  ASSERT_TRUE(c.run_until_ended(e, pc1, 120));
  auto attempts = c.store().attempts_of(pc1);
  EXPECT_EQ(attempts[0].failure_class, "timeout") << attempts[0].message;
  EXPECT_EQ(attempts[1].request["time_limit_minutes"].get<int>(), 2 * attempts[0].request["time_limit_minutes"].get<int>());
  EXPECT_EQ(c.store().task(pc1)->state, TaskState::Done) << c.store().task(pc1)->error;
}

TEST(EngineSlurm, CancelReachesTheSlurmJob) {
  SA_REQUIRE_CLUSTER();
  EngineCluster c;
  auto e = c.engine();
  auto pc1 = pc1_after_ap(c, e, 4, k2KiB);
  std::string job = c.hold_running_pc1(e, pc1, k2KiB);
  ASSERT_FALSE(job.empty());
  e.cancel(pc1);
  ASSERT_TRUE(c.run_until(e, [&] { return c.store().active_attempts().empty(); }, 60));
  EXPECT_EQ(c.store().task(pc1)->state, TaskState::Cancelled);
  EXPECT_EQ(c.store().attempts_of(pc1).back().state, adapter::AttemptState::Cancelled);
  EXPECT_EQ(scontrol_field(job, "JobState"), "CANCELLED");
}

TEST(EngineSlurm, ARequeuedJobStaysOneAttempt) {
  SA_REQUIRE_CLUSTER();
  EngineCluster c;
  auto e = c.engine();
  auto pc1 = pc1_after_ap(c, e, 5, k2KiB);
  std::string job = c.hold_running_pc1(e, pc1, k2KiB);
  ASSERT_FALSE(job.empty());
  EngineCluster::scontrol("requeue " + job);
  // Slurm puts it back in the queue under the same id; the engine must see one attempt, still active.
  ASSERT_TRUE(c.run_until(e, [&] { return scontrol_field(job, "Restarts") == "1"; }, 60));
  for (int i = 0; i < 5; ++i) e.step();
  EXPECT_EQ(c.store().attempts_of(pc1).size(), 1u);
  EXPECT_EQ(c.store().task(pc1)->state, TaskState::Running);
  // Slurm's own requeue delay (about two minutes) is kept: starting the rerun at once, while the killed
  // run's step is still being cleaned up on the node, can fail the new step (exit 1) and is not what a
  // requeue does on a real cluster.
  c.release_parent_cache();
  ASSERT_TRUE(c.run_until_ended(e, pc1, 240));
  EXPECT_EQ(c.store().task(pc1)->state, TaskState::Done) << c.store().task(pc1)->error;
  auto attempts = c.store().attempts_of(pc1);
  EXPECT_EQ(attempts.size(), 1u) << "a requeued job was counted as a second attempt: the first ended "
                                 << attempts[0].failure_class << " (" << attempts[0].message << ")";
}

}  // namespace
}  // namespace sa::test

