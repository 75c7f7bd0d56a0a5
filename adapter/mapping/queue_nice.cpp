// Lotus queue order -> Slurm nice (queue_nice.hpp; docs/03-resource-mapping.md "Priority").
#include "mapping/queue_nice.hpp"

#include <algorithm>

namespace sa::adapter {

int queue_nice(TaskType task, int priority, bool urgent) {
  if (urgent) return 0;
  const int p = std::clamp(priority, 0, kNicePriorityCeiling);
  // task_order is >= 0 here: every negative-order task is urgent.
  const int order = std::clamp(task_order(task), 0, kNiceOrderSpan - 1);
  return 1 + (kNicePriorityCeiling - p) * kNiceOrderSpan + order;
}

}  // namespace sa::adapter
