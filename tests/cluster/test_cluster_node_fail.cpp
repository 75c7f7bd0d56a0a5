// A node taken down under running jobs (scontrol update state=down): without requeue the job ends
// NODE_FAIL and the follow-up is "run elsewhere, excluding that node"; with requeue Slurm puts it back in
// the queue under the same job id, and the backend shows it as requeued (never Ended), so the engine does
// not count it twice. Runs alone (RUN_SERIAL): other tests' jobs would die with the node.
#include <gtest/gtest.h>

#include <set>

#include "backend/slurm/slurm_state.hpp"
#include "cluster_support.hpp"
#include "support/temp_dir.hpp"

namespace sa::test {
namespace {

using adapter::JobPhase;

// Brings the nodes back however the test ends, and waits until they take jobs again.
struct NodesDown {
  std::set<std::string> nodes;
  ~NodesDown() {
    for (const auto& n : nodes) scontrol({"update", "nodename=" + n, "state=resume"});  // may already be back
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < end) {
      bool all = true;
      for (const auto& rec : cluster_api().load_nodes()) {
        if (nodes.count(rec.name) && !rec.usable) all = false;
      }
      if (all) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
};

TEST(ClusterNodeFail, DownNodeEndsJobNodeFailOrRequeuesIt) {
  SA_REQUIRE_CLUSTER();
  TempDir dir;
  adapter::SlurmOptions plain = cluster_options();
  plain.submit.requeue = false;
  adapter::SlurmOptions requeue = cluster_options();
  requeue.submit.requeue = true;
  adapter::SlurmBackend no_requeue_backend(cluster_api(), plain);
  adapter::SlurmBackend requeue_backend(cluster_api(), requeue);

  const auto a = no_requeue_backend.submit(script_launch(job_tag("nf"), cpu_request(100), "sleep 120", dir.path()));
  const auto b = requeue_backend.submit(script_launch(job_tag("rq"), cpu_request(100), "sleep 120", dir.path()));
  const auto ra = wait_running(no_requeue_backend, a);
  const auto rb = wait_running(requeue_backend, b);
  ASSERT_EQ(ra.phase, JobPhase::Running) << ra.reason;
  ASSERT_EQ(rb.phase, JobPhase::Running) << rb.reason;

  NodesDown down;
  down.nodes = {ra.node, rb.node};
  for (const auto& n : down.nodes) {
    const auto r = scontrol({"update", "nodename=" + n, "state=down", "reason=sealadapter-cluster-test"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  const auto sa = wait_ended(no_requeue_backend, a, 30);
  ASSERT_EQ(sa.phase, JobPhase::Ended) << sa.reason;
  EXPECT_EQ(sa.batch_state, "NODE_FAIL");
  const auto da = adapter::classify_slurm_ending(sa);
  EXPECT_EQ(da.action, adapter::EndingAction::RetryElsewhere);
  EXPECT_FALSE(da.spends_attempt);
  EXPECT_EQ(da.exclude_nodes, std::vector<std::string>{ra.node});

  const auto sb = wait_for(
      requeue_backend, b,
      [](const adapter::JobStatus& s) {
        return s.batch_state == adapter::kRequeuedState || s.phase == JobPhase::Ended;
      },
      30);
  EXPECT_EQ(sb.phase, JobPhase::Pending) << sb.batch_state << " " << sb.reason;
  EXPECT_EQ(sb.batch_state, adapter::kRequeuedState);
  EXPECT_NE(sb.reason.find("requeued"), std::string::npos) << sb.reason;
  const auto db = adapter::classify_slurm_ending(sb);
  EXPECT_EQ(db.action, adapter::EndingAction::Wait);
  EXPECT_FALSE(db.spends_attempt);
  const auto rec = requeue_backend.last_record(b.job_id);
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->restart_count, 1);

  // Slurm would start it again after its requeue delay; the test does not wait for that.
  requeue_backend.cancel(b);
  EXPECT_EQ(wait_ended(requeue_backend, b, 30).batch_state, "CANCELLED");
}

}  // namespace
}  // namespace sa::test
