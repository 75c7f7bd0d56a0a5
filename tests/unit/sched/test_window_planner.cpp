// Lotus's resource accounting and the two-window plan: what starts, what waits, and that a big task at the
// head of the queue is not starved by small ones behind it.
#include <gtest/gtest.h>

#include "model/resource_table.hpp"
#include "sched/window_planner.hpp"

namespace sa::adapter {
namespace {

constexpr std::uint64_t GiB = 1ull << 30;

Resources res(std::uint64_t min_gib, std::uint64_t max_gib, int threads, double gpu = 0) {
  Resources r;
  r.min_memory = min_gib * GiB;
  r.max_memory = max_gib * GiB;
  r.max_parallelism = threads;
  r.gpu_utilization = gpu;
  return r;
}

WorkerInfo worker(int cpus, std::uint64_t mem_gib, int gpus = 0, std::uint64_t swap_gib = 0) {
  WorkerInfo w;
  w.name = "w";
  w.cpus = cpus;
  w.mem_physical = mem_gib * GiB;
  w.mem_swap = swap_gib * GiB;
  w.gpus = gpus;
  return w;
}

PlannedTask task(std::int64_t id, TaskType t, Resources r, int priority = 0, std::uint64_t sector = 0) {
  return PlannedTask{id, QueueKey{t, priority, sector == 0 ? static_cast<std::uint64_t>(id) : sector},
                     TaskNeed{t, params::SealProof{8}, r}};
}

TEST(ActiveResources, CanHandleChecksMemoryThreadsGpuAndConcurrencyLikeLotus) {
  WorkerInfo w = worker(16, 100, 1);
  ActiveResources a;
  TaskNeed pc1{TaskType::PreCommit1, params::SealProof{8}, res(56, 64, 1)};
  EXPECT_TRUE(a.can_handle(pc1, w));
  a.add(pc1, w);
  EXPECT_FALSE(a.can_handle(pc1, w));  // physical memory: 56 + 56 > 100
  TaskNeed pc2{TaskType::PreCommit2, params::SealProof{8}, res(1, 1, -1, 1.0)};
  pc2.res.max_parallelism_gpu = 6;
  EXPECT_TRUE(a.can_handle(pc2, w));
  a.add(pc2, w);
  EXPECT_EQ(a.cpu_use(), 7);  // 1 + 6 (GPU threads)
  EXPECT_FALSE(a.can_handle(pc2, w));  // the one GPU is taken
  a.free(pc2, w);
  a.free(pc1, w);
  EXPECT_EQ(a.cpu_use(), 0);
  EXPECT_EQ(a.mem_used_min(), 0u);
  // BaseMinMemory is required headroom, never accumulated.
  Resources c2 = res(30, 150, -1, 1.0);
  c2.base_min_memory = 32 * GiB;
  TaskNeed big{TaskType::Commit2, params::SealProof{8}, c2};
  EXPECT_FALSE(a.can_handle(big, worker(64, 64, 1, 0)));   // 30 + 32 fits in RAM, but 150 + 32 > 64 + 0 swap
  EXPECT_TRUE(a.can_handle(big, worker(64, 64, 1, 128)));  // with swap the peak fits
  // MaxConcurrent counts per (task, proof).
  TaskNeed ap{TaskType::AddPiece, params::SealProof{8}, res(0, 0, 1)};
  ap.res.max_concurrent = 1;
  a.add(ap, w);
  EXPECT_FALSE(a.can_handle(ap, w));
  TaskNeed ap_other_proof = ap;
  ap_other_proof.proof = params::SealProof{13};
  EXPECT_TRUE(a.can_handle(ap_other_proof, w));
}

TEST(ActiveResources, GpuTasksRunOnGpuLessWorkers) {
  WorkerInfo w = worker(8, 32, 0);
  ActiveResources a;
  TaskNeed c2{TaskType::Commit2, params::SealProof{5}, res(1, 1, 1, 1.0)};
  EXPECT_TRUE(a.can_handle(c2, w));
  a.add(c2, w);
  EXPECT_TRUE(a.can_handle(c2, w));
  EXPECT_EQ(a.gpu_used(), 0);
}

TEST(WindowPlanner, StartsWhatFitsInQueueOrder) {
  WorkerInfo w = worker(4, 16);
  std::vector<PlannedTask> q = {task(1, TaskType::AddPiece, res(1, 1, 1)), task(2, TaskType::PreCommit1, res(1, 1, 1)),
                                task(3, TaskType::PreCommit2, res(1, 1, 2))};
  WindowPlan p = plan_windows(q, {}, w);
  // Lotus order: PC2 (4) before PC1 (5) before AP (9); all fit in 4 CPUs (2 + 1 + 1).
  EXPECT_EQ(p.start, (std::vector<std::int64_t>{3, 2, 1}));
  EXPECT_TRUE(p.windows.empty());
}

TEST(WindowPlanner, TasksBeyondCapacityWaitInTheSecondWindow) {
  WorkerInfo w = worker(2, 16);
  std::vector<PlannedTask> q;
  for (int i = 1; i <= 6; ++i) q.push_back(task(i, TaskType::AddPiece, res(1, 1, 1)));
  WindowPlan p = plan_windows(q, {}, w);
  EXPECT_EQ(p.start, (std::vector<std::int64_t>{1, 2}));
  ASSERT_EQ(p.windows.size(), 1u);
  EXPECT_EQ(p.windows[0], (std::vector<std::int64_t>{3, 4}));
  // Tasks 5 and 6 fit no window (two windows of 2 CPUs): they wait in the queue.
  EXPECT_EQ(p.unassigned, (std::vector<std::int64_t>{5, 6}));
}

TEST(WindowPlanner, RunningTasksUseCapacity) {
  WorkerInfo w = worker(2, 16);
  std::vector<TaskNeed> running = {{TaskType::AddPiece, params::SealProof{8}, res(1, 1, 1)}};
  WindowPlan p = plan_windows({task(1, TaskType::AddPiece, res(1, 1, 1)), task(2, TaskType::AddPiece, res(1, 1, 1))},
                              running, w);
  EXPECT_EQ(p.start, (std::vector<std::int64_t>{1}));
}

TEST(WindowPlanner, ABigTaskAtTheHeadIsNotStarvedBySmallOnes) {
  // 4 CPUs, one 1-CPU task running. Head of the queue: a 4-thread PC2 (cannot start until the CPUs free up);
  // behind it small APs that would fit now. The APs in the *second* window must not start ahead of it.
  WorkerInfo w = worker(4, 64);
  std::vector<TaskNeed> running = {{TaskType::AddPiece, params::SealProof{8}, res(1, 1, 1)}};
  std::vector<PlannedTask> q = {task(1, TaskType::PreCommit2, res(1, 1, 4))};
  for (int i = 2; i <= 9; ++i) q.push_back(task(i, TaskType::AddPiece, res(1, 1, 1)));
  WindowPlan p = plan_windows(q, running, w);
  EXPECT_TRUE(p.start.empty()) << "small tasks in the second window jumped the big one";
  ASSERT_EQ(p.windows.size(), 2u);
  EXPECT_EQ(p.windows[0], (std::vector<std::int64_t>{1}));
  // Once the running task ends, the PC2 starts first.
  WindowPlan next = plan_windows(q, {}, w);
  ASSERT_FALSE(next.start.empty());
  EXPECT_EQ(next.start.front(), 1);
}

TEST(WindowPlanner, PriorityAndNegativeTierDecideTheOrder) {
  WorkerInfo w = worker(1, 16);
  std::vector<PlannedTask> q = {task(1, TaskType::AddPiece, res(1, 1, 1), 0, 1),
                                task(2, TaskType::AddPiece, res(1, 1, 1), 1024, 2),  // deal sector
                                task(3, TaskType::Finalize, res(0, 0, 0), 0, 3)};     // negative order, 0 threads
  WindowPlan p = plan_windows(q, {}, w);
  ASSERT_GE(p.start.size(), 2u);
  EXPECT_EQ(p.start[0], 3);  // fetch/finalize tier first
  EXPECT_EQ(p.start[1], 2);  // then the deal sector's AP
}

TEST(WindowPlanner, IsDeterministic) {
  WorkerInfo w = worker(3, 8);
  std::vector<PlannedTask> q;
  for (int i = 1; i <= 20; ++i) q.push_back(task(i, i % 2 ? TaskType::PreCommit1 : TaskType::AddPiece, res(1, 2, 1), 0, 100 - i));
  WindowPlan a = plan_windows(q, {}, w);
  std::reverse(q.begin(), q.end());
  WindowPlan b = plan_windows(q, {}, w);
  EXPECT_EQ(a.start, b.start);
  EXPECT_EQ(a.windows, b.windows);
}

}  // namespace
}  // namespace sa::adapter
