// The batch request for one task on one partition: what `sbatch` gets (or the local backend honours).
// Produced by map_task (a pure function of task, size, proof, partition, table and site).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "config/site_config.hpp"
#include "model/resource_table.hpp"
#include "params/proof_type.hpp"

namespace sa::adapter {

struct JobRequest {
  std::string partition;
  int nodes = 1;
  int ntasks = 1;                 // MPI ranks
  int cpus_per_task = 1;          // from Lotus's thread rule on this partition's nodes; 0 threads -> 1
  std::uint64_t memory_bytes = 0; // per node (--mem)
  int gpus = 0;                   // per node (--gres=gpu[:type]:N)
  std::string gpu_type;
  std::uint64_t tmp_bytes = 0;    // node-local scratch (--tmp)
  int time_limit_minutes = 0;
  int nice = 0;                   // from the priority tier; 0 is the most urgent
  bool urgent = false;            // negative task order, or a 0-thread task (C1): highest priority
  std::string account;
  std::string qos;
  std::vector<std::string> exclude_nodes;
  std::string dependency;              // "afterok:<job>": PC2 chained to its PC1 (pc2_placement = afterok)
  std::vector<std::string> nodelist;  // --nodelist: PC2 on the node that holds its PC1 layers (site chaining)
  std::vector<std::string> extra_directives;
  Launcher launcher = Launcher::Srun;
  std::map<std::string, std::string> env;  // FIL_PROOFS_*, BELLMAN_CPU_UTILIZATION, partition env ...

  // What the table said, kept for `render --explain` and the local backend's resource windows.
  Resources table_entry;
  int lotus_threads = 0;
};

struct TaskSpec {
  TaskType task;
  params::SealProof proof;
  int priority = 0;  // Lotus priority (1024 for deal sectors)
  int ranks = 1;     // MPI ranks requested
};

// Throws sa::Error(Config) when the partition cannot take the task (type not accepted, memory or GPUs
// beyond its nodes).
JobRequest map_task(const TaskSpec& spec, const ResourceTable& table, const Partition& partition,
                    const SiteConfig& site);

// The partition a task goes to: `requested` if given (must accept the task), otherwise the first
// partition that accepts the task type, preferring one with GPUs when the table wants a GPU and one
// without GPUs otherwise. Throws sa::Error(Config) when none accepts it.
const Partition& choose_partition(const TaskSpec& spec, const ResourceTable& table, const SiteConfig& site,
                                  const std::string& requested = "");

}  // namespace sa::adapter
