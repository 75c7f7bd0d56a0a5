// A node taken down under a running job (scontrol update state=down): with Slurm's own requeue off for our
// jobs, the job ends NODE_FAIL and the engine runs the task again elsewhere, excluding that node, without
// spending an attempt. (A job Slurm requeues itself stays one attempt: test_engine_slurm covers that.)
// Takes a node down, so it runs alone (RUN_SERIAL).
#include "cluster/engine_cluster.hpp"

namespace sa::test {
namespace {

TEST(EngineSlurmNode, ANodeLostMidJobLeadsToARetryElsewhere) {
  SA_REQUIRE_CLUSTER();
  EngineCluster c(false);
  auto e = c.engine();
  const params::SealProof proof{5};
  auto ap = c.submit(6, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}, proof);
  ASSERT_TRUE(c.run_until_ended(e, ap, 120));
  auto pc1 = c.submit(6, adapter::TaskType::PreCommit1, {{"ticket", std::string(64, '5')}}, proof, 1);
  c.hold_parent_cache(proof);
  ASSERT_FALSE(c.wait_running(e, pc1, 120).empty());
  const std::string node = c.store().attempts_of(pc1).back().node;
  ASSERT_FALSE(node.empty());
  EngineCluster::scontrol("update NodeName=" + node + " State=DOWN Reason=sealadapter-test");
  bool retried = c.run_until(e, [&] { return c.store().attempts_of(pc1).size() >= 2; }, 120);
  c.release_parent_cache();
  EngineCluster::scontrol("update NodeName=" + node + " State=RESUME");
  ASSERT_TRUE(retried);
  ASSERT_TRUE(c.run_until_ended(e, pc1, 180));
  auto attempts = c.store().attempts_of(pc1);
  EXPECT_EQ(attempts[0].failure_class, "node-failure") << attempts[0].message;
  EXPECT_NE(attempts.back().node, node);
  auto excluded = attempts.back().request["exclude_nodes"];
  EXPECT_NE(std::find(excluded.begin(), excluded.end(), node), excluded.end());
  EXPECT_EQ(c.store().task(pc1)->state, adapter::TaskState::Done) << c.store().task(pc1)->error
                                                                   << " (max_attempts 1: the node failure did not spend it)";
}

}  // namespace
}  // namespace sa::test
