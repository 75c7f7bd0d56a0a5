// `sealadapter workers`: each partition's nodes with CPU, RAM and GPU in use by our jobs, drawn like
// `lotus-miner sealing workers` (the seed guide). Usage is what the running attempts requested.
#include <iostream>
#include <algorithm>
#include <map>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "backend/slurm/slurm_backend.hpp"
#include "cli/output.hpp"

namespace sa::adapter {

namespace {

struct Usage {
  int cpus = 0;
  std::uint64_t mem = 0;
  int gpus = 0;
  std::map<std::string, int> tasks;  // short name -> count
};

// The Slurm site as Slurm sees it: every node of our partitions with its state and what is allocated on
// it (by anyone), and which of our tasks run there.
void print_slurm_workers(CliContext& ctx, bool json) {
  const SiteConfig& site = ctx.site();
  std::map<std::string, std::map<std::string, int>> ours;  // node -> short task name -> count
  for (const AttemptRecord& a : ctx.store().active_attempts()) {
    if (auto t = ctx.store().task(a.task_id); t && !a.node.empty()) ++ours[a.node][std::string(short_name(t->type))];
  }
  nlohmann::json out = nlohmann::json::array();
  for (const SlurmNodeRecord& n : ctx.slurm()->describe_nodes()) {
    bool in_site = std::any_of(n.partitions.begin(), n.partitions.end(),
                               [&](const std::string& p) { return site.find_partition(p) != nullptr; });
    if (!in_site) continue;
    if (json) {
      out.push_back({{"node", n.name}, {"state", n.state}, {"usable", n.usable}, {"partitions", n.partitions},
                     {"cpus", n.cpus}, {"cpus_allocated", n.alloc_cpus}, {"memory", n.real_memory_mb << 20},
                     {"memory_allocated", n.alloc_memory_mb << 20}, {"gres", n.gres}, {"reason", n.reason},
                     {"tasks", ours[n.name]}});
      continue;
    }
    std::string parts;
    for (const auto& p : n.partitions) parts += (parts.empty() ? "" : ",") + p;
    std::cout << "Worker " << n.name << ", partition " << parts << ", " << n.state << (n.usable ? "" : " (not usable: " + n.reason + ")")
              << "\n";
    if (!ours[n.name].empty()) {
      std::cout << "\tTASK: ";
      for (const auto& [t, c] : ours[n.name]) std::cout << t << "(" << c << ") ";
      std::cout << "\n";
    }
    std::cout << "\tCPU:  " << bar(n.alloc_cpus, n.cpus) << " " << n.alloc_cpus << "/" << n.cpus << " core(s) in use\n";
    std::uint64_t mem = n.real_memory_mb << 20, used = n.alloc_memory_mb << 20;
    std::cout << "\tRAM:  " << bar(static_cast<double>(used), static_cast<double>(mem)) << " "
              << (mem ? used * 100 / mem : 0) << "% " << size_str(used) << "/" << size_str(mem) << "\n";
    if (!n.gres.empty()) std::cout << "\tGRES: " << n.gres << "\n";
  }
  if (json) std::cout << out.dump(2) << "\n";
}

}  // namespace

void register_workers(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("workers", "Partitions and nodes with CPU, RAM and GPU in use");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "JSON");
  cmd->callback([&ctx, json] {
    const SiteConfig& site = ctx.site();
    if (site.backend == BackendKind::Slurm) return print_slurm_workers(ctx, *json);
    std::map<std::string, Usage> use;
    for (const AttemptRecord& a : ctx.store().active_attempts()) {
      Usage& u = use[a.partition];
      const auto& r = a.request;
      int ntasks = r.value("ntasks", 1), nodes = std::max(1, r.value("nodes", 1));
      u.cpus += r.value("cpus_per_task", 1) * ntasks;
      u.mem += r.value("memory_bytes", std::uint64_t{0}) * static_cast<std::uint64_t>(nodes);
      u.gpus += r.value("gpus", 0) * nodes;
      if (auto t = ctx.store().task(a.task_id)) ++u.tasks[std::string(short_name(t->type))];
    }
    nlohmann::json out = nlohmann::json::array();
    for (const Partition& p : site.partitions) {
      const Usage& u = use[p.name];
      int cpus = p.cpus_per_node * p.nodes, gpus = p.gpus_per_node * p.nodes;
      std::uint64_t mem = p.memory_per_node * static_cast<std::uint64_t>(p.nodes);
      if (*json) {
        out.push_back({{"partition", p.name},
                       {"backend", std::string(backend_name(site.backend))},
                       {"nodes", p.nodes},
                       {"cpus", cpus},
                       {"cpus_used", u.cpus},
                       {"memory", mem},
                       {"memory_used", u.mem},
                       {"gpus", gpus},
                       {"gpus_used", u.gpus},
                       {"tasks", u.tasks}});
        continue;
      }
      std::cout << "Partition " << p.name << ", " << p.nodes << " node(s), " << backend_name(site.backend) << " backend\n";
      if (!u.tasks.empty()) {
        std::cout << "\tTASK: ";
        for (const auto& [t, n] : u.tasks) std::cout << t << "(" << n << ") ";
        std::cout << "\n";
      }
      std::cout << "\tCPU:  " << bar(u.cpus, cpus) << " " << u.cpus << "/" << cpus << " core(s) in use\n";
      int pct = mem ? static_cast<int>(u.mem * 100 / mem) : 0;
      std::cout << "\tRAM:  " << bar(static_cast<double>(u.mem), static_cast<double>(mem)) << " " << pct << "% "
                << size_str(u.mem) << "/" << size_str(mem) << "\n";
      if (gpus > 0) {
        std::cout << "\tGPU:  " << bar(u.gpus, gpus) << " " << (gpus ? u.gpus * 100 / gpus : 0) << "% " << u.gpus << "/"
                  << gpus << " gpu(s) in use\n";
      }
    }
    if (*json) std::cout << out.dump(2) << "\n";
  });
}

}  // namespace sa::adapter
