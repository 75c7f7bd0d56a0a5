// Scaling one task's request to a batch on one node.
#include "mapping/batch_request.hpp"

#include <algorithm>
#include <limits>

#include "base/error.hpp"

namespace sa::adapter {

namespace {

int fit(std::uint64_t per_node, std::uint64_t per_task) {
  if (per_node == 0 || per_task == 0) return std::numeric_limits<int>::max();  // not limited
  return static_cast<int>(std::min<std::uint64_t>(per_node / per_task, std::numeric_limits<int>::max()));
}

}  // namespace

int batch_capacity(const JobRequest& one, const Partition& partition) {
  if (partition.launcher == Launcher::Direct || one.ntasks != 1 || one.nodes != 1) return 1;
  int n = fit(static_cast<std::uint64_t>(partition.cpus_per_node), static_cast<std::uint64_t>(one.cpus_per_task));
  n = std::min(n, fit(partition.memory_per_node, one.memory_bytes));
  n = std::min(n, fit(partition.tmp_per_node, one.tmp_bytes));
  if (one.gpus > 0) n = std::min(n, fit(static_cast<std::uint64_t>(partition.gpus_per_node), static_cast<std::uint64_t>(one.gpus)));
  return std::max(1, n);
}

JobRequest batch_request(const JobRequest& one, int n) {
  if (n < 1) throw Error(ErrorKind::Internal, "a batch needs at least one task");
  JobRequest r = one;
  r.nodes = 1;
  r.ntasks = n;
  r.memory_bytes = one.memory_bytes * static_cast<std::uint64_t>(n);
  r.tmp_bytes = one.tmp_bytes * static_cast<std::uint64_t>(n);
  r.gpus = one.gpus * n;
  return r;
}

}  // namespace sa::adapter
