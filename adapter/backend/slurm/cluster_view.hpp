// Nodes as the resource windows see them, and why a job can never run: both read from slurm_load_node
// records (one RPC each time), filtered to the site's partitions.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "backend/slurm/slurm_api.hpp"
#include "sched/active_resources.hpp"

namespace sa::adapter {

// GPUs in a node's GRES string: "gpu:2" -> 2, "gpu:a100:4(S:0-1),mps:100" -> 4, "" -> 0.
int gres_gpu_count(std::string_view gres);

// One WorkerInfo per usable node (not down, drained or unresponsive) in any of `partitions` (all nodes when
// empty): CPUs, RealMemory, GPUs. Memory used by others is not known to Slurm's node record; it is 0, as
// for Lotus workers, and our own jobs are accounted by the windows.
std::vector<WorkerInfo> workers_from_nodes(const std::vector<SlurmNodeRecord>& nodes,
                                           const std::set<std::string>& partitions);

// Why `desc` cannot run on its partition, in the request's own terms ("asks 8192 MB per node; the largest
// node of partition cpu, n1, has 4000 MB"), with Slurm's error text at the end. Falls back to Slurm's text
// when no single limit explains it.
std::string explain_unrunnable(const SlurmJobDesc& desc, const std::vector<SlurmNodeRecord>& nodes,
                               const std::string& slurm_error);

}  // namespace sa::adapter
