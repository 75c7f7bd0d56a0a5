// CanHandleRequest, Add and Free as Lotus has them.
#include "sched/active_resources.hpp"

#include <algorithm>

namespace sa::adapter {

int ActiveResources::running(TaskType t, params::SealProof p) const {
  auto it = counts_.find({t, p.id});
  return it == counts_.end() ? 0 : it->second;
}

bool ActiveResources::can_handle(const TaskNeed& need, const WorkerInfo& w) const {
  const Resources& r = need.res;
  if (r.max_concurrent > 0 && running(need.task, need.proof) >= r.max_concurrent) return false;
  // Physical memory: the worker's own usage is deliberately not counted ("assume it can be swapped").
  if (r.min_memory + r.base_min_memory > w.mem_physical - std::min(mem_used_min_, w.mem_physical)) return false;
  std::uint64_t vmem_used = std::max(mem_used_max_, w.mem_used + w.mem_swap_used);
  std::uint64_t vmem_total = w.mem_physical + w.mem_swap;
  if (r.max_memory + r.base_min_memory > vmem_total - std::min(vmem_used, vmem_total)) return false;
  if (cpu_use_ + r.threads(w.cpus, w.gpus) > w.cpus) return false;
  // GPU tasks may run on GPU-less workers (CPU path); only a worker with GPUs rations them.
  if (w.gpus > 0 && r.gpu_utilization > 0 && gpu_used_ + r.gpu_utilization > w.gpus + 1e-9) return false;
  return true;
}

void ActiveResources::add(const TaskNeed& need, const WorkerInfo& w) {
  mem_used_min_ += need.res.min_memory;
  mem_used_max_ += need.res.max_memory;
  cpu_use_ += need.res.threads(w.cpus, w.gpus);
  if (w.gpus > 0) gpu_used_ += need.res.gpu_utilization;
  ++counts_[{need.task, need.proof.id}];
}

void ActiveResources::free(const TaskNeed& need, const WorkerInfo& w) {
  mem_used_min_ -= std::min(mem_used_min_, need.res.min_memory);
  mem_used_max_ -= std::min(mem_used_max_, need.res.max_memory);
  cpu_use_ = std::max(0, cpu_use_ - need.res.threads(w.cpus, w.gpus));
  if (w.gpus > 0) gpu_used_ = std::max(0.0, gpu_used_ - need.res.gpu_utilization);
  auto it = counts_.find({need.task, need.proof.id});
  if (it != counts_.end() && --it->second <= 0) counts_.erase(it);
}

double ActiveResources::utilization(const WorkerInfo& w) const {
  double u = w.cpus > 0 ? static_cast<double>(cpu_use_) / w.cpus : 0;
  if (w.mem_physical > 0) {
    u = std::max(u, static_cast<double>(std::max(mem_used_min_, w.mem_used)) / static_cast<double>(w.mem_physical));
    double vtotal = static_cast<double>(w.mem_physical + w.mem_swap);
    u = std::max(u, static_cast<double>(std::max(mem_used_max_, w.mem_used + w.mem_swap_used)) / vtotal);
  }
  if (w.gpus > 0) u = std::max(u, gpu_used_ / w.gpus);
  return u;
}

}  // namespace sa::adapter
