// map_task: one Lotus task on one partition -> JobRequest (docs/03-resource-mapping.md). CPUs come from
// Lotus's thread rule on the partition's node shape (lotus.md §1.2), memory from the resource table by the
// memory policy, GPUs only where the partition has them (Lotus runs GPU tasks on GPU-less workers too),
// scratch from Lotus's space accounting (§7.4), priority from the queue order (§3.1).
#include <algorithm>
#include <cmath>
#include <string>

#include "base/error.hpp"
#include "config/units.hpp"
#include "mapping/job_request.hpp"
#include "mapping/queue_nice.hpp"
#include "mapping/scratch_space.hpp"

namespace sa::adapter {

namespace {

constexpr std::uint64_t kMiB = 1ull << 20;

std::uint64_t round_up_mib(std::uint64_t bytes) { return (bytes + kMiB - 1) / kMiB * kMiB; }

[[noreturn]] void fail(const std::string& what, const std::string& message) {
  throw Error(ErrorKind::Config, what + ": " + message);
}

std::string env_size_name(const TaskSpec& spec, std::string_view field) {
  return std::string(short_name(spec.task)) + "_" + std::string(params::sector_size_env(spec.proof.size())) + "_" +
         std::string(field);
}

std::uint64_t job_memory(const TaskSpec& spec, const Resources& r, const Partition& partition,
                         const SiteConfig& site, const std::string& what) {
  const MemoryPolicy policy = partition.memory_policy.value_or(site.memory_policy);
  const std::uint64_t table = policy == MemoryPolicy::Min ? r.min_memory : r.max_memory;
  // BaseMinMemory is Lotus's admission headroom (SNARK parameters); a batch job has to hold it itself.
  const std::uint64_t need = round_up_mib(std::max(table + r.base_min_memory, site.min_job_memory));
  if (partition.memory_per_node > 0 && need > partition.memory_per_node) {
    const bool is_max = policy == MemoryPolicy::Max;
    std::string msg = "needs " + format_size(need) + " of memory per node (memory_policy " +
                      std::string(memory_policy_name(policy)) + ": " + (is_max ? "MaxMemory " : "MinMemory ") +
                      format_size(table) + " + BaseMinMemory " + format_size(r.base_min_memory) +
                      ") but nodes of partition '" + partition.name + "' have " +
                      format_size(partition.memory_per_node) + "; use a partition with more memory";
    if (is_max && r.min_memory < r.max_memory) {
      msg += ", memory_policy = \"min\" (" + format_size(round_up_mib(r.min_memory + r.base_min_memory)) +
             ", for nodes with swap)";
    }
    msg += " or lower " + env_size_name(spec, is_max ? "MAX_MEMORY" : "MIN_MEMORY");
    fail(what, msg);
  }
  return need;
}

void set_env(JobRequest& req, TaskType task) {
  // Multicore SDR: the thread count Lotus derived from FIL_PROOFS_* (or an override) is what the job got,
  // so tell rust-fil-proofs to use exactly that many: one main thread plus producers (lotus.md §2.3).
  const bool sdr = task == TaskType::PreCommit1 || task == TaskType::Unseal;
  if (sdr && req.lotus_threads > 1) {
    req.env["FIL_PROOFS_USE_MULTICORE_SDR"] = "1";
    req.env["FIL_PROOFS_MULTICORE_SDR_PRODUCERS"] = std::to_string(req.lotus_threads - 1);
  }
}

}  // namespace

JobRequest map_task(const TaskSpec& spec, const ResourceTable& table, const Partition& partition,
                    const SiteConfig& site) {
  const params::SectorSize size = spec.proof.size();
  const std::string what = std::string(short_name(spec.task)) + " " + std::string(params::sector_size_name(size)) +
                           " on partition '" + partition.name + "'";
  if (partition.tasks.count(spec.task) == 0) fail(what, "the partition does not accept this task type");
  if (!partition.serves(spec.task)) fail(what, "the partition has no 'prover' to run C2 with");
  if (spec.ranks < 1) fail(what, "ranks must be at least 1, got " + std::to_string(spec.ranks));
  if (partition.cpus_per_node <= 0) {
    fail(what, "the partition's cpus_per_node is not known (\"auto\" must be filled in from the host first)");
  }
  if (partition.launcher == Launcher::Direct && spec.ranks > 1) {
    fail(what, "launcher \"direct\" starts one process; " + std::to_string(spec.ranks) +
                   " ranks need launcher \"srun\" or \"mpirun\"");
  }

  JobRequest req;
  req.partition = partition.name;
  req.table_entry = table.get(spec.task, spec.proof);
  const Resources& r = req.table_entry;

  // Threads exactly as Lotus would count them on a worker shaped like one node of this partition.
  req.lotus_threads = r.threads(partition.cpus_per_node, partition.gpus_per_node);
  if (req.lotus_threads < 0) fail(what, "the resource table gives " + std::to_string(req.lotus_threads) + " threads");
  req.cpus_per_task = std::max(1, req.lotus_threads);  // a 0-thread task still needs a CPU to run on
  if (req.cpus_per_task > partition.cpus_per_node) {
    fail(what, "needs " + std::to_string(req.cpus_per_task) + " CPUs but nodes of the partition have " +
                   std::to_string(partition.cpus_per_node) + "; lower " + env_size_name(spec, "MAX_PARALLELISM") +
                   " or FIL_PROOFS_MULTICORE_SDR_PRODUCERS");
  }
  req.ntasks = spec.ranks;
  const int ranks_per_node = partition.cpus_per_node / req.cpus_per_task;
  req.nodes = (spec.ranks + ranks_per_node - 1) / ranks_per_node;
  if (req.nodes > partition.nodes) {
    fail(what, std::to_string(spec.ranks) + " ranks of " + std::to_string(req.cpus_per_task) + " CPUs need " +
                   std::to_string(req.nodes) + " nodes but the partition has " + std::to_string(partition.nodes));
  }

  req.memory_bytes = job_memory(spec, r, partition, site, what);

  if (r.gpu_utilization > 0 && partition.gpus_per_node > 0) {
    req.gpus = static_cast<int>(std::ceil(r.gpu_utilization));
    if (req.gpus > partition.gpus_per_node) {
      fail(what, "needs " + std::to_string(req.gpus) + " GPUs but nodes of the partition have " +
                     std::to_string(partition.gpus_per_node) + "; lower " + env_size_name(spec, "GPU_UTILIZATION"));
    }
    req.gpu_type = partition.gpu_type;
  }

  req.tmp_bytes = sealing_scratch_bytes(spec.task, size);
  if (partition.tmp_per_node > 0 && req.tmp_bytes > partition.tmp_per_node) {
    fail(what, "needs " + format_size(req.tmp_bytes) + " of node-local scratch but tmp_per_node is " +
                   format_size(partition.tmp_per_node) +
                   " (set tmp_per_node = 0 if sealing does not use node-local disk)");
  }
  req.time_limit_minutes = site.walltime.minutes(spec.task, size);

  // Lotus runs negative-order tasks before everything, and a 0-thread task (C1, PR1, GET, FIN, ...) never
  // waits for CPUs on a Lotus worker; both are short and block a sector's progress.
  req.urgent = task_order(spec.task) < 0 || req.lotus_threads == 0;
  req.nice = queue_nice(spec.task, spec.priority, req.urgent);
  const std::string& qos = !partition.qos.empty() ? partition.qos : site.qos;
  const std::string& qos_urgent = !partition.qos_urgent.empty() ? partition.qos_urgent : site.qos_urgent;
  req.qos = req.urgent && !qos_urgent.empty() ? qos_urgent : qos;
  req.account = !partition.account.empty() ? partition.account : site.account;

  req.env = partition.env;
  set_env(req, spec.task);
  req.launcher = partition.launcher;
  req.extra_directives = partition.extra_directives;
  return req;
}

}  // namespace sa::adapter
