// Queue order: each rule of Lotus's RequestQueue.Less (lotus.md §3.1), determinism, and the seed guide's
// (older) priority table ranking tasks the same way as task_order.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "model/request_queue.hpp"

namespace sa::adapter {
namespace {

QueueKey key(TaskType t, int priority = 0, std::uint64_t sector = 1) { return QueueKey{t, priority, sector}; }

TEST(RequestQueue, NegativeTierWinsRegardlessOfPriority) {
  // GET (-1) with priority 0 beats PC1 (5) with deal priority 1024.
  EXPECT_TRUE(queue_before(key(TaskType::Fetch, 0), key(TaskType::PreCommit1, kDealSectorPriority)));
  EXPECT_FALSE(queue_before(key(TaskType::PreCommit1, kDealSectorPriority), key(TaskType::Fetch, 0)));
  EXPECT_TRUE(queue_before(key(TaskType::FinalizeUnsealed, -5), key(TaskType::Unseal, 99999)));
}

TEST(RequestQueue, FruIsNotInTheNegativeTier) {
  // FRU has order 0: the XOR test puts it with the compute tasks, so priority decides against UNS...
  EXPECT_TRUE(queue_before(key(TaskType::Unseal, 10), key(TaskType::FinalizeReplicaUpdate, 0)));
  // ...and any negative-order task beats it.
  EXPECT_TRUE(queue_before(key(TaskType::Fetch, 0), key(TaskType::FinalizeReplicaUpdate, 1024)));
  // Equal priority: order 0 < 1.
  EXPECT_TRUE(queue_before(key(TaskType::FinalizeReplicaUpdate), key(TaskType::Unseal)));
}

TEST(RequestQueue, WithinATierHigherPriorityFirst) {
  EXPECT_TRUE(queue_before(key(TaskType::AddPiece, kDealSectorPriority), key(TaskType::Commit1, 0)));
  EXPECT_TRUE(queue_before(key(TaskType::Finalize, 5), key(TaskType::FinalizeUnsealed, 0)));  // both negative
}

TEST(RequestQueue, SamePriorityLowerOrderFirst) {
  EXPECT_TRUE(queue_before(key(TaskType::Commit1), key(TaskType::PreCommit1)));
  EXPECT_TRUE(queue_before(key(TaskType::PreCommit2), key(TaskType::PreCommit1)));
  EXPECT_TRUE(queue_before(key(TaskType::AddPiece), key(TaskType::RegenSectorKey)));
  EXPECT_TRUE(queue_before(key(TaskType::FinalizeUnsealed), key(TaskType::Finalize)));  // -4 < -3
}

TEST(RequestQueue, SameTaskAndPriorityLowerSectorFirst) {
  EXPECT_TRUE(queue_before(key(TaskType::PreCommit1, 0, 3), key(TaskType::PreCommit1, 0, 7)));
  EXPECT_FALSE(queue_before(key(TaskType::PreCommit1, 0, 7), key(TaskType::PreCommit1, 0, 3)));
  // The sector number only breaks ties between identical task types.
  EXPECT_TRUE(queue_before(key(TaskType::Commit1, 0, 100), key(TaskType::Commit2, 0, 1)));
}

TEST(RequestQueue, IsIrreflexive) {
  for (TaskType t : kTaskTypes) EXPECT_FALSE(queue_before(key(t), key(t)));
}

TEST(RequestQueue, SortingAShuffledQueueIsDeterministic) {
  std::vector<QueueKey> all;
  for (TaskType t : kTaskTypes) {
    for (int prio : {0, kDealSectorPriority, -1}) {
      for (std::uint64_t s : {9u, 2u, 5u}) all.push_back(key(t, prio, s));
    }
  }
  auto sorted_from = [&](unsigned seed) {
    std::vector<QueueKey> v = all;
    std::shuffle(v.begin(), v.end(), std::mt19937(seed));
    std::sort(v.begin(), v.end(), queue_before);
    return v;
  };
  const auto first = sorted_from(1);
  for (unsigned seed = 2; seed < 20; ++seed) {
    const auto other = sorted_from(seed);
    for (std::size_t i = 0; i < first.size(); ++i) {
      ASSERT_EQ(first[i].task, other[i].task);
      ASSERT_EQ(first[i].priority, other[i].priority);
      ASSERT_EQ(first[i].sector_number, other[i].sector_number);
    }
  }
  // Head of the queue: the most negative order (FUS), highest priority, lowest sector.
  EXPECT_EQ(first.front().task, TaskType::FinalizeUnsealed);
  EXPECT_EQ(first.front().priority, kDealSectorPriority);
  EXPECT_EQ(first.front().sector_number, 2u);
  // Tail: non-negative tier, lowest priority, highest order (GSK), highest sector.
  EXPECT_EQ(first.back().task, TaskType::RegenSectorKey);
  EXPECT_EQ(first.back().priority, -1);
  EXPECT_EQ(first.back().sector_number, 9u);
}

// The seed guide (shared/seed) prints the 2020 Lotus order map as a "priority" table: AP 6, PC1 5, PC2 4,
// C2 3, C1 2, UNS 1, GET -1, ReadUnsealed -1, FIN -2 (lower runs first). Today's map renumbered it and added
// types, but the relative ranking of the common types must be unchanged. ReadUnsealed no longer exists in
// Lotus (reads go through the storage HTTP handler), so it has no counterpart here.
TEST(RequestQueue, SeedGuidePriorityTableRanksTheSameTasksInTheSameOrder) {
  const std::pair<TaskType, int> seed[] = {
      {TaskType::AddPiece, 6}, {TaskType::PreCommit1, 5}, {TaskType::PreCommit2, 4},
      {TaskType::Commit2, 3},  {TaskType::Commit1, 2},    {TaskType::Unseal, 1},
      {TaskType::Fetch, -1},   {TaskType::Finalize, -2},
  };
  auto sign = [](int v) { return (v > 0) - (v < 0); };
  for (const auto& [a, pa] : seed) {
    for (const auto& [b, pb] : seed) {
      EXPECT_EQ(sign(task_order(a) - task_order(b)), sign(pa - pb)) << short_name(a) << " vs " << short_name(b);
      // and the seed's negative entries are exactly our negative tier
      EXPECT_EQ(task_order(a) < 0, pa < 0);
    }
  }
}

}  // namespace
}  // namespace sa::adapter
