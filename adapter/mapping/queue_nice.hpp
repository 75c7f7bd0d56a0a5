// Slurm --nice values that reproduce Lotus's queue order (RequestQueue.Less, lotus.md §3.1) among the
// adapter's pending jobs: a larger nice lowers a job's priority, so Lotus's "runs first" becomes "smaller
// nice". Non-root users cannot pass a negative nice, so every value is >= 0 and the urgent tier gets 0.
#pragma once

#include "model/task_type.hpp"

namespace sa::adapter {

// Lotus priorities are clamped to [0, kNicePriorityCeiling] before the mapping: Lotus itself uses 0 and
// 1024 (deal sectors); the ceiling leaves room above deals without making nice values huge.
inline constexpr int kNicePriorityCeiling = 2048;
// Orders of non-urgent tasks are 0..11 (FRU..GSK): one priority step is worth more than any order gap.
inline constexpr int kNiceOrderSpan = 12;

// urgent -> 0. Otherwise 1 + (ceiling - clamp(priority)) * span + task_order(task): higher priority ->
// smaller nice; equal priority -> lower task order -> smaller nice. Range 1 .. 24588.
int queue_nice(TaskType task, int priority, bool urgent);

}  // namespace sa::adapter
