// hwloc topology walk for jobs (the job binary's only hwloc file).
#include "runtime/cpu_binding.hpp"

#include <hwloc.h>

#include <memory>

#include "base/error.hpp"

namespace sa::jobs {

namespace {

struct Topology {
  hwloc_topology_t t = nullptr;
  Topology() {
    if (hwloc_topology_init(&t) != 0 || hwloc_topology_load(t) != 0) {
      throw Error(ErrorKind::Internal, "hwloc: cannot load the topology");
    }
  }
  ~Topology() { hwloc_topology_destroy(t); }
};

using Bitmap = std::unique_ptr<hwloc_bitmap_s, void (*)(hwloc_bitmap_t)>;

Bitmap allowed(hwloc_topology_t t) {
  Bitmap set(hwloc_bitmap_alloc(), hwloc_bitmap_free);
  if (hwloc_get_cpubind(t, set.get(), HWLOC_CPUBIND_PROCESS) != 0) {
    hwloc_bitmap_copy(set.get(), hwloc_topology_get_allowed_cpuset(t));
  }
  return set;
}

std::vector<int> ids(hwloc_const_bitmap_t set) {
  std::vector<int> out;
  for (int i = hwloc_bitmap_first(set); i >= 0; i = hwloc_bitmap_next(set, i)) out.push_back(i);
  return out;
}

}  // namespace

std::vector<int> allowed_cpus() {
  Topology topo;
  return ids(allowed(topo.t).get());
}

std::vector<int> sdr_core_group(int count) {
  Topology topo;
  Bitmap mine = allowed(topo.t);
  std::vector<int> all = ids(mine.get());
  if (count <= 0) return {};
  if (static_cast<int>(all.size()) <= count) return all;
  int cores = hwloc_get_nbobjs_by_type(topo.t, HWLOC_OBJ_CORE);
  // The deepest cache level that still groups several cores: L3 on most servers (a CCX on AMD).
  for (hwloc_obj_type_t level : {HWLOC_OBJ_L3CACHE, HWLOC_OBJ_L2CACHE}) {
    int groups = hwloc_get_nbobjs_by_type(topo.t, level);
    if (groups <= 0 || groups >= cores) continue;
    for (int g = 0; g < groups; ++g) {
      hwloc_obj_t obj = hwloc_get_obj_by_type(topo.t, level, static_cast<unsigned>(g));
      Bitmap in_group(hwloc_bitmap_alloc(), hwloc_bitmap_free);
      hwloc_bitmap_and(in_group.get(), obj->cpuset, mine.get());
      // One PU per core: hyperthread siblings would share the SHA unit with the hashing thread.
      std::vector<int> picked;
      for (int c = 0; c < cores && static_cast<int>(picked.size()) < count; ++c) {
        hwloc_obj_t core = hwloc_get_obj_by_type(topo.t, HWLOC_OBJ_CORE, static_cast<unsigned>(c));
        if (!hwloc_bitmap_isincluded(core->cpuset, obj->cpuset)) continue;
        Bitmap usable(hwloc_bitmap_alloc(), hwloc_bitmap_free);
        hwloc_bitmap_and(usable.get(), core->cpuset, in_group.get());
        int pu = hwloc_bitmap_first(usable.get());
        if (pu >= 0) picked.push_back(pu);
      }
      if (static_cast<int>(picked.size()) == count) return picked;
    }
  }
  return std::vector<int>(all.begin(), all.begin() + count);
}

}  // namespace sa::jobs
