// The launcher works: a 2-rank MPI job across two nodes, started by the exact launch line sa-job jobs get
// (srun --mpi=pmix, render/launch_command.cpp), wires its ranks through PMIx and completes.
#include <gtest/gtest.h>

#include <set>

#include "cluster_support.hpp"
#include "render/launch_command.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

namespace sa::test {
namespace {

TEST(ClusterMpi, TwoRanksOnTwoNodesThroughSrunPmix) {
  SA_REQUIRE_CLUSTER();
  TempDir dir;
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  adapter::JobRequest r = cpu_request(200);
  r.nodes = 2;
  r.ntasks = 2;
  r.launcher = adapter::Launcher::Srun;
  const std::string line = adapter::launch_command(r, SA_MPI_HELLO, "hello", dir / "manifest.json");
  ASSERT_NE(line.find("srun --mpi=pmix --ntasks=2"), std::string::npos) << line;
  const auto l = script_launch(job_tag("mpi"), r, line, dir.path());
  const auto st = wait_ended(backend, backend.submit(l), 90);
  const std::string log = file_text(l.log);
  ASSERT_EQ(st.phase, adapter::JobPhase::Ended) << st.reason;
  EXPECT_EQ(st.batch_state, "COMPLETED") << log;
  EXPECT_NE(log.find("rank 0 of 2"), std::string::npos) << log;
  EXPECT_NE(log.find("rank 1 of 2"), std::string::npos) << log;
  EXPECT_NE(log.find("sum 1"), std::string::npos) << log;
  std::set<std::string> nodes;
  for (std::size_t p = log.find(" on "); p != std::string::npos; p = log.find(" on ", p + 1)) {
    nodes.insert(log.substr(p + 4, log.find(' ', p + 4) - (p + 4)));
  }
  EXPECT_EQ(nodes.size(), 2u) << log;
}

}  // namespace
}  // namespace sa::test
