// hwloc (the only file that includes it), /proc/meminfo and the cgroup v2 memory limit.
#include "backend/local/host_resources.hpp"

#include <hwloc.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "base/error.hpp"

namespace sa::adapter {

namespace {

struct Topology {
  hwloc_topology_t t = nullptr;
  Topology() {
    if (hwloc_topology_init(&t) != 0) throw Error(ErrorKind::Internal, "hwloc_topology_init failed");
    hwloc_topology_set_io_types_filter(t, HWLOC_TYPE_FILTER_KEEP_IMPORTANT);
    if (hwloc_topology_load(t) != 0) {
      hwloc_topology_destroy(t);
      throw Error(ErrorKind::Internal, "hwloc_topology_load failed");
    }
  }
  ~Topology() { hwloc_topology_destroy(t); }
};

std::uint64_t meminfo(const std::string& key) {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) {
      std::istringstream ss(line.substr(key.size() + 1));
      std::uint64_t kib = 0;
      ss >> kib;
      return kib * 1024;
    }
  }
  return 0;
}

// The tightest memory limit of our cgroup or its ancestors: memory.max (v2) or memory.limit_in_bytes (v1,
// where "unlimited" is a huge number). nullopt when unlimited.
std::optional<std::uint64_t> cgroup_memory_limit() {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  std::optional<std::uint64_t> best;
  auto consider = [&](const std::filesystem::path& file) {
    std::ifstream f(file);
    std::string v;
    if (!(f >> v) || v == "max") return;
    try {
      std::uint64_t n = std::stoull(v);
      if (n < (1ull << 60) && (!best || n < *best)) best = n;
    } catch (const std::exception&) {
    }
  };
  auto walk = [&](const std::filesystem::path& root, const std::string& path, const char* file) {
    for (std::filesystem::path p = path;; p = p.parent_path()) {
      consider(root / p.relative_path() / file);
      if (p == p.parent_path() || p.empty()) break;
    }
  };
  while (std::getline(in, line)) {
    if (line.rfind("0::", 0) == 0) walk("/sys/fs/cgroup", line.substr(3), "memory.max");
    auto mem = line.find(":memory:");
    if (mem != std::string::npos) walk("/sys/fs/cgroup/memory", line.substr(mem + 8), "memory.limit_in_bytes");
  }
  return best;
}

std::vector<std::string> nvidia_gpus(hwloc_topology_t t) {
  std::vector<std::string> out;
  for (hwloc_obj_t o = hwloc_get_next_pcidev(t, nullptr); o; o = hwloc_get_next_pcidev(t, o)) {
    // NVIDIA (0x10de) display (0x03xx) controllers: VGA and 3D.
    if (o->attr->pcidev.vendor_id == 0x10de && (o->attr->pcidev.class_id >> 8) == 0x03) {
      const char* model = hwloc_obj_get_info_by_name(o, "PCIDevice");
      out.push_back(model ? model : "NVIDIA GPU");
    }
  }
  return out;
}

// CUDA_VISIBLE_DEVICES (else NVIDIA_VISIBLE_DEVICES) restricts which GPUs jobs may use.
std::vector<std::string> restrict_visible(std::vector<std::string> gpus, const HostEnv& env) {
  auto v = env("CUDA_VISIBLE_DEVICES");
  if (!v) v = env("NVIDIA_VISIBLE_DEVICES");
  if (!v || *v == "all") return gpus;
  if (v->empty() || *v == "none" || *v == "void" || *v == "-1") return {};
  std::vector<std::string> out;
  std::stringstream ss(*v);
  std::string id;
  while (std::getline(ss, id, ',')) {
    bool numeric = !id.empty() && id.find_first_not_of("0123456789") == std::string::npos;
    if (numeric && std::stoul(id) < gpus.size()) out.push_back(gpus[std::stoul(id)]);
    else if (!numeric && !id.empty()) out.push_back(id);  // a UUID names a device we cannot map to a model
  }
  return out;
}

}  // namespace

HostResources detect_host(const HostEnv& env) {
  Topology topo;
  HostResources h;
  char name[256] = {0};
  gethostname(name, sizeof name - 1);
  h.hostname = name;

  std::unique_ptr<hwloc_bitmap_s, void (*)(hwloc_bitmap_t)> set(hwloc_bitmap_alloc(), hwloc_bitmap_free);
  if (hwloc_get_cpubind(topo.t, set.get(), HWLOC_CPUBIND_PROCESS) != 0) {
    hwloc_bitmap_copy(set.get(), hwloc_topology_get_allowed_cpuset(topo.t));
  }
  for (int i = hwloc_bitmap_first(set.get()); i >= 0; i = hwloc_bitmap_next(set.get(), i)) h.cpu_ids.push_back(i);
  if (h.cpu_ids.empty()) h.cpu_ids.push_back(0);

  // /proc/meminfo, as Lotus (go-sysinfo) reads it: hwloc's NUMA sum misses hot-plugged memory in some VMs.
  h.mem_total = meminfo("MemTotal");
  if (h.mem_total == 0) h.mem_total = hwloc_get_root_obj(topo.t)->total_memory;
  h.mem_available = meminfo("MemAvailable");
  if (auto limit = cgroup_memory_limit(); limit && *limit < h.mem_total) {
    h.mem_total = *limit;
    h.mem_available = std::min(h.mem_available, *limit);
  }
  h.swap_total = meminfo("SwapTotal");
  h.swap_free = meminfo("SwapFree");
  h.gpus = restrict_visible(nvidia_gpus(topo.t), env);
  return h;
}

}  // namespace sa::adapter
