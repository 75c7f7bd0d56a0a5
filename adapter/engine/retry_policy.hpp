// The next attempt's job request, adjusted by how the task's earlier attempts ended (docs/05): each
// OUT_OF_MEMORY asks 1.5x the memory (up to the partition's node memory), each TIMEOUT 2x the time (up to
// 7 days), and nodes that failed under it are excluded. Pure.
#pragma once

#include <vector>

#include "config/site_config.hpp"
#include "mapping/job_request.hpp"
#include "store/records.hpp"

namespace sa::adapter {

inline constexpr double kRetryMemoryFactor = 1.5;
inline constexpr double kRetryTimeFactor = 2.0;
inline constexpr int kMaxTimeLimitMinutes = 7 * 24 * 60;

JobRequest adjust_for_history(JobRequest request, const std::vector<AttemptRecord>& history, const Partition& partition);

}  // namespace sa::adapter
