// One entry of Lotus's resource table and its thread rule (storage/sealer/storiface/resources.go; lotus.md §1).
#pragma once

#include <cstdint>

namespace sa::adapter {

struct Resources {
  std::uint64_t min_memory = 0;      // MinMemory: RAM that must be resident
  std::uint64_t max_memory = 0;      // MaxMemory: peak, RAM + swap
  double gpu_utilization = 0;        // GPUUtilization: GPUs used (fractions allowed)
  int max_parallelism = 0;           // MaxParallelism: threads without GPU; -1 = 92 % of CPUs
  int max_parallelism_gpu = 0;       // MaxParallelismGPU: threads with GPU; 0 = inherit
  std::uint64_t base_min_memory = 0; // BaseMinMemory: shared between threads (e.g. SNARK params)
  int max_concurrent = 0;            // MaxConcurrent: per (task, proof type) on one worker; 0 = unlimited

  // Lotus's Threads(wcpus, gpus): the 92 % rule for -1, MaxParallelismGPU when a GPU is used.
  // 0 is a legal answer (the task takes no CPU slot: C1, GET, PR1).
  int threads(int worker_cpus, int worker_gpus) const;

  friend bool operator==(const Resources&, const Resources&) = default;
};

}  // namespace sa::adapter
