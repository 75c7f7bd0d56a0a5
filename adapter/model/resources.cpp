// Resources::threads: Lotus's Threads(wcpus, gpus) (storage/sealer/storiface/resources.go; lotus.md §1.2).
#include "model/resources.hpp"

#include <cstdint>

namespace sa::adapter {

namespace {
// ParallelNum / ParallelDenom in resources.go: "multithread" tasks leave 8 % of the CPUs to the rest.
constexpr std::int64_t kParallelNum = 92;
constexpr std::int64_t kParallelDenom = 100;
}  // namespace

int Resources::threads(int worker_cpus, int worker_gpus) const {
  int mp = max_parallelism;
  // The GPU figure applies only when the task uses a GPU *and* the worker has one.
  if (gpu_utilization > 0 && worker_gpus > 0 && max_parallelism_gpu != 0) mp = max_parallelism_gpu;
  if (mp == -1) {
    // 64-bit product so a huge CPU count cannot overflow; integer division as in Go.
    const auto n = static_cast<int>(static_cast<std::int64_t>(worker_cpus) * kParallelNum / kParallelDenom);
    return n != 0 ? n : worker_cpus;
  }
  return mp;
}

}  // namespace sa::adapter
