// Escalation of memory and time, and node exclusion, from the attempt history.
#include "engine/retry_policy.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace sa::adapter {

namespace {
std::vector<std::string> split_nodes(const std::string& list) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (char c : list) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == ',' && depth == 0) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}
}  // namespace

JobRequest adjust_for_history(JobRequest r, const std::vector<AttemptRecord>& history, const Partition& partition) {
  int ooms = 0, timeouts = 0;
  std::set<std::string> exclude(r.exclude_nodes.begin(), r.exclude_nodes.end());
  for (const AttemptRecord& a : history) {
    if (a.failure_class == "out-of-memory") ++ooms;
    if (a.failure_class == "timeout") ++timeouts;
    if (a.failure_class == "node-failure" || a.failure_class == "boot-failure") {
      for (const std::string& n : split_nodes(a.node)) exclude.insert(n);
    }
  }
  if (ooms > 0) {
    double mem = static_cast<double>(r.memory_bytes) * std::pow(kRetryMemoryFactor, ooms);
    std::uint64_t wanted = static_cast<std::uint64_t>(mem);
    wanted = (wanted + (1ull << 20) - 1) & ~((1ull << 20) - 1);  // whole MiB, as --mem takes it
    if (partition.memory_per_node > 0) wanted = std::min<std::uint64_t>(wanted, partition.memory_per_node);
    r.memory_bytes = std::max(r.memory_bytes, wanted);
  }
  if (timeouts > 0) {
    double t = static_cast<double>(r.time_limit_minutes) * std::pow(kRetryTimeFactor, timeouts);
    r.time_limit_minutes = std::max(r.time_limit_minutes, static_cast<int>(std::min<double>(t, kMaxTimeLimitMinutes)));
  }
  r.exclude_nodes.assign(exclude.begin(), exclude.end());
  return r;
}

}  // namespace sa::adapter
