// RequestQueue.Less (storage/sealer/request_queue.go) with TaskType.MuchLess/Less (sealtasks/task.go).
#include "model/request_queue.hpp"

namespace sa::adapter {

bool queue_before(const QueueKey& a, const QueueKey& b) {
  const int oa = task_order(a.task);
  const int ob = task_order(b.task);
  // MuchLess: `oa^ob < 0` is true exactly when one order is negative and the other is not (FRU's 0 counts
  // as non-negative); the negative one (fetch/download/finalize) wins regardless of priority.
  if ((oa ^ ob) < 0) return oa < ob;
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.task != b.task) return oa < ob;
  return a.sector_number < b.sector_number;  // Lotus: "optimize minerActor.NewSectors bitfield"
}

}  // namespace sa::adapter
