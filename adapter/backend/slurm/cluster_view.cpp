// cluster_view.hpp: node records -> WorkerInfo, and the request-vs-nodes explanation for will_run refusals.
#include "backend/slurm/cluster_view.hpp"

#include <algorithm>
#include <cstdlib>

namespace sa::adapter {

namespace {

constexpr std::uint64_t kMiB = 1ull << 20;

bool in_any(const SlurmNodeRecord& n, const std::set<std::string>& partitions) {
  if (partitions.empty()) return true;
  return std::any_of(n.partitions.begin(), n.partitions.end(),
                     [&](const std::string& p) { return partitions.count(p) > 0; });
}

int requested_gpus(const std::string& tres) {
  // "gres:gpu:2" or "gres:gpu:a100:2": the count is the last field of the gpu item.
  const auto pos = tres.find("gpu");
  if (pos == std::string::npos) return 0;
  return gres_gpu_count(tres.substr(pos));
}

}  // namespace

int gres_gpu_count(std::string_view gres) {
  // Items are comma-separated, but a comma inside "(S:0,1)" belongs to the socket list.
  std::vector<std::string_view> items;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= gres.size(); ++i) {
    if (i < gres.size() && gres[i] == '(') ++depth;
    if (i < gres.size() && gres[i] == ')') --depth;
    if (i == gres.size() || (gres[i] == ',' && depth == 0)) {
      items.push_back(gres.substr(start, i - start));
      start = i + 1;
    }
  }
  int total = 0;
  for (std::string_view item : items) {
    if (const auto p = item.find('('); p != std::string_view::npos) item = item.substr(0, p);
    if (item.substr(0, 3) != "gpu" || (item.size() > 3 && item[3] != ':')) continue;
    const auto colon = item.rfind(':');
    const std::string count(colon == std::string_view::npos ? "" : item.substr(colon + 1));
    // "gpu" alone, or "gpu:a100" (a type without a count), means one.
    const bool numeric = !count.empty() && count.find_first_not_of("0123456789") == std::string::npos;
    total += numeric ? std::atoi(count.c_str()) : 1;
  }
  return total;
}

std::vector<WorkerInfo> workers_from_nodes(const std::vector<SlurmNodeRecord>& nodes,
                                           const std::set<std::string>& partitions) {
  std::vector<WorkerInfo> out;
  for (const SlurmNodeRecord& n : nodes) {
    if (!n.usable || !in_any(n, partitions)) continue;
    WorkerInfo w;
    w.name = n.name;
    w.cpus = n.cpus;
    w.mem_physical = n.real_memory_mb * kMiB;
    w.gpus = gres_gpu_count(n.gres);
    for (const std::string& p : n.partitions) {
      if (partitions.empty() || partitions.count(p)) w.partitions.push_back(p);
    }
    out.push_back(w);
  }
  return out;
}

std::string explain_unrunnable(const SlurmJobDesc& d, const std::vector<SlurmNodeRecord>& nodes,
                               const std::string& slurm_error) {
  std::vector<const SlurmNodeRecord*> part;
  for (const SlurmNodeRecord& n : nodes) {
    if (d.partition.empty() || std::find(n.partitions.begin(), n.partitions.end(), d.partition) != n.partitions.end()) {
      part.push_back(&n);
    }
  }
  const std::string where = d.partition.empty() ? "the cluster" : "partition " + d.partition;
  const std::string tail = " (Slurm: " + slurm_error + ")";
  if (part.empty()) return where + " has no nodes" + tail;
  auto largest = [&](auto key) {
    return *std::max_element(part.begin(), part.end(), [&](auto* a, auto* b) { return key(*a) < key(*b); });
  };
  const SlurmNodeRecord* mem = largest([](const SlurmNodeRecord& n) { return n.real_memory_mb; });
  if (d.memory_mb > mem->real_memory_mb) {
    return "it asks " + std::to_string(d.memory_mb) + " MB of memory per node, but the largest node of " + where +
           ", " + mem->name + ", has " + std::to_string(mem->real_memory_mb) + " MB" + tail;
  }
  const std::uint64_t cpus_per_node = static_cast<std::uint64_t>(d.ntasks) *
                                      static_cast<std::uint64_t>(d.cpus_per_task) /
                                      static_cast<std::uint64_t>(std::max(1, d.nodes));
  const SlurmNodeRecord* cpu = largest([](const SlurmNodeRecord& n) { return n.cpus; });
  if (cpus_per_node > static_cast<std::uint64_t>(cpu->cpus)) {
    return "it asks " + std::to_string(cpus_per_node) + " CPUs per node, but the largest node of " + where + ", " +
           cpu->name + ", has " + std::to_string(cpu->cpus) + tail;
  }
  if (static_cast<std::size_t>(d.nodes) > part.size()) {
    return "it asks " + std::to_string(d.nodes) + " nodes, but " + where + " has " + std::to_string(part.size()) + tail;
  }
  const int gpus = requested_gpus(d.tres_per_node);
  const SlurmNodeRecord* gpu = largest([](const SlurmNodeRecord& n) { return gres_gpu_count(n.gres); });
  if (gpus > gres_gpu_count(gpu->gres)) {
    return "it asks " + std::to_string(gpus) + " GPUs per node, but the node of " + where + " with the most, " +
           gpu->name + ", has " + std::to_string(gres_gpu_count(gpu->gres)) + tail;
  }
  const bool any_usable = std::any_of(part.begin(), part.end(), [](auto* n) { return n->usable; });
  if (!any_usable) return "every node of " + where + " is down, drained or not responding" + tail;
  return "Slurm refuses it: " + slurm_error;
}

}  // namespace sa::adapter
