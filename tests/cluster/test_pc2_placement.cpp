// Where PC2 runs relative to its PC1 (site pc2_placement): on the same node, or chained behind the PC1 job
// with an afterok dependency, against the real local cluster.
#include "cluster/engine_cluster.hpp"

namespace sa::test {
namespace {

using adapter::TaskState;
using adapter::TaskType;

const params::SealProof k2KiB{5};

// Submits PC2 for a sector whose PC1 the test holds running, and cycles until PC2's job is in Slurm;
// returns PC1's job id.
std::string chain_pc2(EngineCluster& c, adapter::Engine& e, std::int64_t pc1, std::int64_t pc2) {
  std::string pc1_job = c.wait_running(e, pc1, 120);
  EXPECT_TRUE(c.run_until(e, [&] {
    auto a = c.store().attempts_of(pc2);
    return !a.empty() && !a.back().job_id.empty();
  }, 60));
  return pc1_job;
}

// pc2_placement = "same-node": PC2 runs where its PC1 ran. n1 is kept busy while PC1 starts, so PC1 runs
// elsewhere; once n1 is free again an unpinned PC2 would go there (Slurm fills the first idle node).
TEST(EngineSlurm, SameNodePlacementRunsPc2WherePc1Ran) {
  SA_REQUIRE_CLUSTER();
  EngineCluster c;
  c.site().pc2_placement = adapter::Pc2Placement::SameNode;
  auto e = c.engine();
  auto blocker = run_process({"/bin/sh", "-c", "sbatch --parsable -p cpu -w n1 --exclusive --mem=1M -o /dev/null --wrap 'sleep 300'"});
  ASSERT_EQ(blocker.exit_code, 0) << blocker.err;
  std::string blocker_id = blocker.out.substr(0, blocker.out.find_first_of(";\n"));
  auto pc1 = pc1_after_ap(c, e, 11, k2KiB);
  ASSERT_TRUE(c.run_until_ended(e, pc1, 120));
  run_process({"/bin/sh", "-c", "scancel " + blocker_id});
  ASSERT_EQ(c.store().task(pc1)->state, TaskState::Done) << c.store().task(pc1)->error;
  const std::string pc1_node = c.store().attempts_of(pc1).back().node;
  ASSERT_FALSE(pc1_node.empty());
  ASSERT_NE(pc1_node, "n1");
  auto pc2 = c.submit(11, TaskType::PreCommit2, nlohmann::json::object(), k2KiB);
  ASSERT_TRUE(c.run_until_ended(e, pc2, 120));
  ASSERT_EQ(c.store().task(pc2)->state, TaskState::Done) << c.store().task(pc2)->error;
  auto a = c.store().attempts_of(pc2).back();
  EXPECT_EQ(a.request["nodelist"], nlohmann::json::array({pc1_node}));
  EXPECT_EQ(a.node, pc1_node);
}


// pc2_placement = "afterok": PC2 is submitted while PC1 still runs, chained with --dependency, and Slurm
// starts it when PC1 succeeds; when PC1 fails, Slurm ends the chained job and the task is not charged.
TEST(EngineSlurm, AfterOkPlacementChainsPc2BehindARunningPc1) {
  SA_REQUIRE_CLUSTER();
  EngineCluster c;
  c.site().pc2_placement = adapter::Pc2Placement::AfterOk;
  auto e = c.engine();
  auto pc1 = pc1_after_ap(c, e, 12, k2KiB);
  c.hold_parent_cache(k2KiB);
  auto pc2 = c.submit(12, TaskType::PreCommit2, nlohmann::json::object(), k2KiB);
  std::string pc1_job = chain_pc2(c, e, pc1, pc2);
  ASSERT_FALSE(pc1_job.empty());
  auto chained = c.store().attempts_of(pc2).back();
  EXPECT_EQ(chained.request["dependency"], "afterok:" + pc1_job);
  EXPECT_NE(scontrol_field(chained.job_id, "Dependency").find("afterok:" + pc1_job), std::string::npos);
  EXPECT_EQ(scontrol_field(chained.job_id, "JobState"), "PENDING");
  c.release_parent_cache();
  ASSERT_TRUE(c.run_until_ended(e, pc2, 180));
  EXPECT_EQ(c.store().task(pc1)->state, TaskState::Done) << c.store().task(pc1)->error;
  EXPECT_EQ(c.store().task(pc2)->state, TaskState::Done) << c.store().task(pc2)->error;
  EXPECT_EQ(c.store().attempts_of(pc2).size(), 1u);
}

TEST(EngineSlurm, AChainedPc2WhosePc1FailsIsNotCharged) {
  SA_REQUIRE_CLUSTER();
  EngineCluster c;
  c.site().pc2_placement = adapter::Pc2Placement::AfterOk;
  auto e = c.engine();
  auto pc1 = pc1_after_ap(c, e, 13, k2KiB, 1);
  c.hold_parent_cache(k2KiB);
  auto pc2 = c.submit(13, TaskType::PreCommit2, nlohmann::json::object(), k2KiB, 1);
  std::string pc1_job = chain_pc2(c, e, pc1, pc2);
  ASSERT_FALSE(pc1_job.empty());
  run_process({"/bin/sh", "-c", "scancel " + pc1_job});  // PC1 ends for good (one attempt only)
  ASSERT_TRUE(c.run_until(e, [&] {
    auto a = c.store().attempts_of(pc2);
    return !a.empty() && adapter::is_terminal(a.front().state);
  }, 120));
  c.release_parent_cache();
  auto first = c.store().attempts_of(pc2).front();
  EXPECT_EQ(first.failure_class, "dependency") << first.message;
  EXPECT_EQ(c.store().task(pc1)->state, TaskState::Failed);
}


}  // namespace
}  // namespace sa::test
