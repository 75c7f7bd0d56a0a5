// Lotus's request-queue order (RequestQueue.Less in storage/sealer/request_queue.go; lotus.md §3.1):
// 1. if exactly one task order is negative, the negative one first (fetch/finalize before compute);
// 2. higher Priority first (deal sectors get 1024);
// 3. different task types: lower task order first (later pipeline stages before new sectors);
// 4. lower sector number first.
#pragma once

#include <cstdint>

#include "model/task_type.hpp"

namespace sa::adapter {

inline constexpr int kDefaultPriority = 0;      // sched.go DefaultSchedPriority
inline constexpr int kDealSectorPriority = 1024; // storage/pipeline DealSectorPriority

struct QueueKey {
  TaskType task;
  int priority = kDefaultPriority;
  std::uint64_t sector_number = 0;
};

// Strict weak order: true when a runs before b.
bool queue_before(const QueueKey& a, const QueueKey& b);

}  // namespace sa::adapter
