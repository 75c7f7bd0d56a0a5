// Batch jobs shared by several tasks.
#include "store/shared_jobs.hpp"

namespace sa::adapter {

bool job_needed_by_others(const Store& store, const AttemptRecord& a) {
  if (a.job_id.empty()) return false;
  for (const AttemptRecord& other : store.active_attempts()) {
    if (other.id == a.id || other.job_id != a.job_id || other.backend != a.backend) continue;
    auto t = store.task(other.task_id);
    if (t && t->state != TaskState::Cancelled) return true;
  }
  return false;
}

}  // namespace sa::adapter
