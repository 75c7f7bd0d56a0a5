// Grouping PC1 tasks into batch jobs: first come first, per proof type, capped by the limit, a partial
// batch held only while its oldest task is younger than the wait.
#include <gtest/gtest.h>

#include "engine/pc1_batches.hpp"

namespace sa::adapter {
namespace {

using Batches = std::vector<std::vector<std::int64_t>>;

TEST(Pc1Batches, FullBatchesInOrderAndTheRestAfterTheWait) {
  std::vector<BatchCandidate> ready = {{1, 5, 100}, {2, 5, 101}, {3, 5, 102}, {4, 5, 103}, {5, 5, 104}};
  auto limit = [](std::int64_t) { return 2; };
  BatchPlan p = plan_pc1_batches(ready, limit, 60, 110);
  EXPECT_EQ(p.batches, (Batches{{1, 2}, {3, 4}}));
  EXPECT_EQ(p.held, (std::vector<std::int64_t>{5})) << "task 5 waited 6 s of 60";
  p = plan_pc1_batches(ready, limit, 60, 170);
  EXPECT_EQ(p.batches, (Batches{{1, 2}, {3, 4}, {5}}));
  EXPECT_TRUE(p.held.empty());
  p = plan_pc1_batches(ready, limit, 0, 104);
  EXPECT_EQ(p.batches.size(), 3u) << "no wait: a partial batch starts at once";
}

TEST(Pc1Batches, ProofTypesNeverShareAJobAndEachHasItsLimit) {
  std::vector<BatchCandidate> ready = {{1, 5, 0}, {2, 6, 0}, {3, 5, 0}, {4, 6, 0}, {5, 6, 0}};
  auto limit = [](std::int64_t proof) { return proof == 5 ? 4 : 3; };
  BatchPlan p = plan_pc1_batches(ready, limit, 0, 1);
  EXPECT_EQ(p.batches, (Batches{{1, 3}, {2, 4, 5}}));
}

TEST(Pc1Batches, ALimitOfOneIsAJobPerTask) {
  std::vector<BatchCandidate> ready = {{7, 5, 0}, {8, 5, 0}};
  BatchPlan p = plan_pc1_batches(ready, [](std::int64_t) { return 1; }, 3600, 1);
  EXPECT_EQ(p.batches, (Batches{{7}, {8}})) << "full batches of one never wait";
  EXPECT_TRUE(plan_pc1_batches({}, [](std::int64_t) { return 2; }, 0, 0).batches.empty());
}

}  // namespace
}  // namespace sa::adapter
