// Lotus's two-window assignment and first-window start rule for one worker.
#include "sched/window_planner.hpp"

#include <algorithm>

namespace sa::adapter {

WindowPlan plan_windows(std::vector<PlannedTask> queue, const std::vector<TaskNeed>& running, const WorkerInfo& worker,
                        int windows) {
  std::stable_sort(queue.begin(), queue.end(),
                   [](const PlannedTask& a, const PlannedTask& b) { return queue_before(a.key, b.key); });

  // Fill windows in queue order: each window is a bucket the worker could run in parallel if idle.
  std::vector<ActiveResources> allocated(static_cast<std::size_t>(windows));
  std::vector<std::vector<const PlannedTask*>> todo(static_cast<std::size_t>(windows));
  WindowPlan plan;
  for (const PlannedTask& t : queue) {
    bool placed = false;
    for (std::size_t w = 0; w < allocated.size() && !placed; ++w) {
      if (allocated[w].can_handle(t.need, worker)) {
        allocated[w].add(t.need, worker);
        todo[w].push_back(&t);
        placed = true;
      }
    }
    if (!placed) plan.unassigned.push_back(t.id);
  }

  // Start from the first window: repeatedly the first task that fits what is free now; later windows wait
  // until the earlier one is empty.
  ActiveResources active;
  for (const TaskNeed& r : running) active.add(r, worker);
  std::size_t w = 0;
  for (; w < todo.size(); ++w) {
    auto& win = todo[w];
    for (;;) {
      auto it = std::find_if(win.begin(), win.end(), [&](const PlannedTask* t) { return active.can_handle(t->need, worker); });
      if (it == win.end()) break;
      active.add((*it)->need, worker);
      plan.start.push_back((*it)->id);
      win.erase(it);
    }
    if (!win.empty()) break;
  }
  for (auto& win : todo) {
    if (win.empty()) continue;
    plan.windows.emplace_back();
    for (const PlannedTask* t : win) plan.windows.back().push_back(t->id);
  }
  return plan;
}

}  // namespace sa::adapter
