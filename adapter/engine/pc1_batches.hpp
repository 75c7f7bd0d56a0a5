// Which PC1 tasks go into one job together (site keys pc1_batch, pc1_batch_wait). Pure: the engine gives
// the PC1 tasks the resource windows let start this cycle, in their order; this groups them.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace sa::adapter {

struct BatchCandidate {
  std::int64_t task_id = 0;
  std::int64_t proof = 0;    // only tasks of one proof type share a job
  double ready_since = 0;    // when the task became ready to start
};

struct BatchPlan {
  std::vector<std::vector<std::int64_t>> batches;  // each is one job; a batch of one is an ordinary job
  std::vector<std::int64_t> held;                  // wait for more sectors (this cycle starts nothing for them)
};

// Batches of at most limit(proof) tasks, first come first; the last, partial batch of a proof type is held
// while its oldest task has waited less than `wait_seconds`.
BatchPlan plan_pc1_batches(const std::vector<BatchCandidate>& ready, const std::function<int(std::int64_t)>& limit,
                           double wait_seconds, double now);

}  // namespace sa::adapter
