// choose_partition: which partition a task goes to (job_request.hpp). GPU-wanting tasks prefer partitions
// with GPUs; the rest avoid them so GPUs stay free for the work that uses them. Site file order breaks ties.
#include <string>

#include "base/error.hpp"
#include "mapping/job_request.hpp"

namespace sa::adapter {

const Partition& choose_partition(const TaskSpec& spec, const ResourceTable& table, const SiteConfig& site,
                                  const std::string& requested) {
  const std::string task = std::string(short_name(spec.task));
  if (!requested.empty()) {
    const Partition* p = site.find_partition(requested);
    if (p == nullptr) throw Error(ErrorKind::Config, site.source + ": no partition named '" + requested + "'");
    if (p->tasks.count(spec.task) == 0) {
      throw Error(ErrorKind::Config, site.source + ": partition '" + requested + "' does not accept " + task);
    }
    if (!p->serves(spec.task)) {
      throw Error(ErrorKind::Config, site.source + ": partition '" + requested + "' accepts C2 but has no 'prover' to run it");
    }
    return *p;
  }
  const bool wants_gpu = table.get(spec.task, spec.proof).gpu_utilization > 0;
  const Partition* first = nullptr;
  for (const Partition& p : site.partitions) {
    if (!p.serves(spec.task)) continue;
    if ((p.gpus_per_node > 0) == wants_gpu) return p;
    if (first == nullptr) first = &p;
  }
  if (first == nullptr && spec.task == TaskType::Commit2) {
    throw Error(ErrorKind::Config, site.source + ": no partition runs C2: give a partition that accepts C2 a 'prover' "
                                                 "(an argument vector such as [\"lotus-bench\", \"prove\", \"{input}\"]; "
                                                 "site/README.md)");
  }
  if (first == nullptr) {
    throw Error(ErrorKind::Config, site.source + ": no partition accepts " + task +
                                       " (check the partitions' task lists and the [allow] table)");
  }
  return *first;
}

}  // namespace sa::adapter
