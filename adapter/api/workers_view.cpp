// Building the workers view.
#include "api/workers_view.hpp"

#include <algorithm>
#include <map>

#include "backend/slurm/slurm_backend.hpp"

namespace sa::adapter {

namespace {

nlohmann::json slurm_nodes(Store& store, const SiteConfig& site, SlurmBackend& slurm) {
  std::map<std::string, std::map<std::string, int>> ours;  // node -> short task name -> count
  for (const AttemptRecord& a : store.active_attempts()) {
    if (auto t = store.task(a.task_id); t && !a.node.empty()) ++ours[a.node][std::string(short_name(t->type))];
  }
  nlohmann::json out = nlohmann::json::array();
  for (const SlurmNodeRecord& n : slurm.describe_nodes()) {
    bool in_site = std::any_of(n.partitions.begin(), n.partitions.end(),
                               [&](const std::string& p) { return site.find_partition(p) != nullptr; });
    if (!in_site) continue;
    out.push_back({{"node", n.name}, {"state", n.state}, {"usable", n.usable}, {"partitions", n.partitions},
                   {"cpus", n.cpus}, {"cpus_used", n.alloc_cpus}, {"memory", n.real_memory_mb << 20},
                   {"memory_used", n.alloc_memory_mb << 20}, {"gres", n.gres}, {"reason", n.reason},
                   {"tasks", ours[n.name]}});
  }
  return out;
}

nlohmann::json local_partitions(Store& store, const SiteConfig& site) {
  struct Usage {
    int cpus = 0;
    std::uint64_t mem = 0;
    int gpus = 0;
    std::map<std::string, int> tasks;
  };
  std::map<std::string, Usage> use;
  for (const AttemptRecord& a : store.active_attempts()) {
    Usage& u = use[a.partition];
    const auto& r = a.request;
    int nodes = std::max(1, r.value("nodes", 1));
    u.cpus += r.value("cpus_per_task", 1) * r.value("ntasks", 1);
    u.mem += r.value("memory_bytes", std::uint64_t{0}) * static_cast<std::uint64_t>(nodes);
    u.gpus += r.value("gpus", 0) * nodes;
    if (auto t = store.task(a.task_id)) ++u.tasks[std::string(short_name(t->type))];
  }
  nlohmann::json out = nlohmann::json::array();
  for (const Partition& p : site.partitions) {
    const Usage& u = use[p.name];
    out.push_back({{"partition", p.name}, {"backend", std::string(backend_name(site.backend))}, {"nodes", p.nodes},
                   {"cpus", p.cpus_per_node * p.nodes}, {"cpus_used", u.cpus},
                   {"memory", p.memory_per_node * static_cast<std::uint64_t>(p.nodes)}, {"memory_used", u.mem},
                   {"gpus", p.gpus_per_node * p.nodes}, {"gpus_used", u.gpus}, {"tasks", u.tasks}});
  }
  return out;
}

}  // namespace

nlohmann::json workers_view(Store& store, const SiteConfig& site, Backend& backend) {
  if (auto* slurm = dynamic_cast<SlurmBackend*>(&backend)) return slurm_nodes(store, site, *slurm);
  return local_partitions(store, site);
}

}  // namespace sa::adapter
