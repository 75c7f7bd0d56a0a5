// Which queued tasks start now on one worker, decided with Lotus's resource windows (lotus.md §4.3-4.5;
// the seed guide): the sorted queue fills up to two windows, each sized against the worker's *total*
// resources; tasks then start from the first window only, each as soon as it fits in what is free, and the
// second window waits until the first is empty. So a big task at the head of the queue holds back the
// smaller ones behind it instead of being starved by them, while priority still wins.
// Pure: the same queue, running set and worker always give the same plan (it is recomputed every cycle, so
// nothing about windows needs to survive a restart).
#pragma once

#include <cstdint>
#include <vector>

#include "model/request_queue.hpp"
#include "sched/active_resources.hpp"

namespace sa::adapter {

struct PlannedTask {
  std::int64_t id = 0;
  QueueKey key;
  TaskNeed need;
};

struct WindowPlan {
  std::vector<std::int64_t> start;                 // start these now, in this order
  std::vector<std::vector<std::int64_t>> windows;  // assigned but waiting, per window (for status)
  std::vector<std::int64_t> unassigned;            // did not fit any window (bigger than the worker?)
};

inline constexpr int kSchedWindows = 2;  // sched.go SchedWindows

WindowPlan plan_windows(std::vector<PlannedTask> queue, const std::vector<TaskNeed>& running, const WorkerInfo& worker,
                        int windows = kSchedWindows);

}  // namespace sa::adapter
