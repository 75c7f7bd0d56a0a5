// Nice values reproduce Lotus's queue order (RequestQueue.Less) among non-urgent jobs and are never negative.
#include <gtest/gtest.h>

#include "mapping/job_request.hpp"
#include "mapping/queue_nice.hpp"
#include "model/request_queue.hpp"

namespace sa::adapter {
namespace {

TEST(QueueNice, UrgentIsZeroAndEverythingElsePositive) {
  for (TaskType t : kTaskTypes) {
    EXPECT_EQ(queue_nice(t, 0, true), 0);
    if (task_order(t) >= 0) {
      for (int p : {-100000, -1, 0, 1, 1024, 2048, 100000}) {
        const int n = queue_nice(t, p, false);
        EXPECT_GT(n, 0);
        EXPECT_LE(n, 1 + kNicePriorityCeiling * kNiceOrderSpan + kNiceOrderSpan - 1);
      }
    }
  }
}

TEST(QueueNice, MatchesLotusOrderForNonUrgentTasks) {
  const int priorities[] = {0, 1, 7, kDealSectorPriority, kNicePriorityCeiling};
  for (TaskType a : kTaskTypes) {
    for (TaskType b : kTaskTypes) {
      if (task_order(a) < 0 || task_order(b) < 0) continue;  // the negative tier is urgent
      for (int pa : priorities) {
        for (int pb : priorities) {
          const QueueKey ka{a, pa, 1}, kb{b, pb, 1};
          const int na = queue_nice(a, pa, false), nb = queue_nice(b, pb, false);
          if (queue_before(ka, kb)) {
            EXPECT_LT(na, nb) << short_name(a) << "/" << pa << " vs " << short_name(b) << "/" << pb;
          } else if (queue_before(kb, ka)) {
            EXPECT_GT(na, nb) << short_name(a) << "/" << pa << " vs " << short_name(b) << "/" << pb;
          } else {
            EXPECT_EQ(na, nb);
          }
        }
      }
    }
  }
}

TEST(QueueNice, DealSectorsBeatOrdinarySectorsOfAnyStage) {
  // A deal sector's AddPiece (order 9) runs before a CC sector's PC2 (order 4), as in Lotus.
  EXPECT_LT(queue_nice(TaskType::AddPiece, kDealSectorPriority, false), queue_nice(TaskType::PreCommit2, 0, false));
  EXPECT_LT(queue_nice(TaskType::PreCommit2, 0, false), queue_nice(TaskType::PreCommit1, 0, false));
}

TEST(QueueNice, MapTaskUsesIt) {
  Partition p;
  p.name = "p";
  p.tasks.insert(kTaskTypes.begin(), kTaskTypes.end());
  p.cpus_per_node = 8;
  const auto table = ResourceTable::lotus_default();
  const JobRequest deal = map_task({TaskType::PreCommit1, params::SealProof{0}, kDealSectorPriority}, table, p, {});
  const JobRequest cc = map_task({TaskType::PreCommit1, params::SealProof{0}, 0}, table, p, {});
  EXPECT_EQ(deal.nice, queue_nice(TaskType::PreCommit1, kDealSectorPriority, false));
  EXPECT_LT(deal.nice, cc.nice);
  EXPECT_EQ(map_task({TaskType::Commit1, params::SealProof{0}, 0}, table, p, {}).nice, 0);
}

}  // namespace
}  // namespace sa::adapter
