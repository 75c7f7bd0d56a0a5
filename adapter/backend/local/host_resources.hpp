// What this host offers to the local backend, read with hwloc (CPUs in our allowed cpuset, memory, GPUs)
// and bounded by a cgroup memory limit when we run inside one (as Lotus's worker does, lotus.md §2.5).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sa::adapter {

struct HostResources {
  std::string hostname;
  std::vector<int> cpu_ids;          // OS indexes of the PUs we may use
  std::uint64_t mem_total = 0;       // physical memory, or the cgroup limit when lower
  std::uint64_t mem_available = 0;
  std::uint64_t swap_total = 0;
  std::uint64_t swap_free = 0;
  std::vector<std::string> gpus;     // names; CUDA_VISIBLE_DEVICES / NVIDIA_VISIBLE_DEVICES restrict them

  int cpus() const { return static_cast<int>(cpu_ids.size()); }
};

using HostEnv = std::function<std::optional<std::string>(const std::string&)>;

HostResources detect_host(const HostEnv& env);

}  // namespace sa::adapter
