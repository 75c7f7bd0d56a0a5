// Lotus's per-worker resource accounting (storage/sealer/sched_resources.go; lotus.md §4.4): what a worker
// has, what its tasks use, and CanHandleRequest. BaseMinMemory is headroom required at admission and never
// accumulated, exactly as in Lotus.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/resources.hpp"
#include "model/task_type.hpp"
#include "params/proof_type.hpp"

namespace sa::adapter {

// One worker: the local host, or one node of a partition.
struct WorkerInfo {
  std::string name;
  int cpus = 0;
  std::uint64_t mem_physical = 0;
  std::uint64_t mem_swap = 0;
  std::uint64_t mem_used = 0;       // used by things other than our tasks (snapshot)
  std::uint64_t mem_swap_used = 0;
  int gpus = 0;
  std::vector<std::string> partitions;  // partitions this worker serves; empty = every one (the local host)
};

struct TaskNeed {
  TaskType task;
  params::SealProof proof;
  Resources res;
};

class ActiveResources {
 public:
  bool can_handle(const TaskNeed& need, const WorkerInfo& w) const;
  void add(const TaskNeed& need, const WorkerInfo& w);
  void free(const TaskNeed& need, const WorkerInfo& w);
  // max(cpu, physical memory, virtual memory, gpu) share in 0..1+, as Lotus's utilization().
  double utilization(const WorkerInfo& w) const;

  int cpu_use() const { return cpu_use_; }
  std::uint64_t mem_used_min() const { return mem_used_min_; }
  std::uint64_t mem_used_max() const { return mem_used_max_; }
  double gpu_used() const { return gpu_used_; }
  int running(TaskType t, params::SealProof p) const;

 private:
  std::uint64_t mem_used_min_ = 0;
  std::uint64_t mem_used_max_ = 0;
  double gpu_used_ = 0;
  int cpu_use_ = 0;
  std::map<std::pair<TaskType, std::int64_t>, int> counts_;
};

}  // namespace sa::adapter
