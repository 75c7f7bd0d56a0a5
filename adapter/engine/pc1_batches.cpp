// Grouping PC1 tasks into batches.
#include "engine/pc1_batches.hpp"

#include <algorithm>
#include <map>

namespace sa::adapter {

BatchPlan plan_pc1_batches(const std::vector<BatchCandidate>& ready, const std::function<int(std::int64_t)>& limit,
                           double wait_seconds, double now) {
  // Proof types in the order their first task appears, so the windows' order is kept between types.
  std::vector<std::int64_t> proofs;
  std::map<std::int64_t, std::vector<const BatchCandidate*>> by_proof;
  for (const auto& c : ready) {
    if (!by_proof.count(c.proof)) proofs.push_back(c.proof);
    by_proof[c.proof].push_back(&c);
  }
  BatchPlan plan;
  for (std::int64_t proof : proofs) {
    const auto& tasks = by_proof[proof];
    const std::size_t size = static_cast<std::size_t>(std::max(1, limit(proof)));
    for (std::size_t at = 0; at < tasks.size(); at += size) {
      const std::size_t end = std::min(tasks.size(), at + size);
      std::vector<std::int64_t> batch;
      double oldest = now;
      for (std::size_t i = at; i < end; ++i) {
        batch.push_back(tasks[i]->task_id);
        oldest = std::min(oldest, tasks[i]->ready_since);
      }
      if (batch.size() < size && now - oldest < wait_seconds) {
        plan.held.insert(plan.held.end(), batch.begin(), batch.end());
      } else {
        plan.batches.push_back(std::move(batch));
      }
    }
  }
  return plan;
}

}  // namespace sa::adapter
