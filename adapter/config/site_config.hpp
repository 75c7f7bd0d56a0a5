// The site file (TOML) an admin owns: where state and sectors live, the partitions, which task types each
// accepts, node sizes, walltimes, account/QOS, memory policy and raw extra directives. See site/README.md
// for every key. Errors are sa::Error(ErrorKind::Config) with "file:line: what is wrong".
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/task_type.hpp"
#include "params/sector_size.hpp"

namespace sa::adapter {

// Request the table's MinMemory (nodes with swap) or MaxMemory (nodes without swap must use this).
enum class MemoryPolicy { Min, Max };
// How the job script starts the job binary.
enum class Launcher { Srun, Mpirun, Direct };
enum class BackendKind { Local, Slurm };

std::string_view memory_policy_name(MemoryPolicy p);
std::string_view launcher_name(Launcher l);
std::string_view backend_name(BackendKind b);

struct Partition {
  std::string name;
  std::set<TaskType> tasks;                   // task types this partition accepts
  int nodes = 1;                              // nodes in the partition
  int cpus_per_node = 0;                      // 0 = detect from the host (local backend only)
  std::uint64_t memory_per_node = 0;          // bytes; 0 = detect from the host (local backend only)
  int gpus_per_node = 0;
  std::string gpu_type;                       // optional gres type: --gres=gpu:<type>:N
  std::uint64_t tmp_per_node = 0;             // node-local scratch bytes; 0 = not limited
  std::optional<MemoryPolicy> memory_policy;  // overrides the site's
  std::string account;                        // overrides the site's when set
  std::string qos;                            // overrides the site's when set
  std::string qos_urgent;                     // QOS for the urgent tier (negative order, C1); "" = qos
  std::string template_name;                  // "" = templates/default.sh.mustache
  Launcher launcher = Launcher::Srun;
  std::vector<std::string> extra_directives;  // raw sbatch options, e.g. "--constraint=ib"
  std::map<std::string, std::string> env;     // exported in the job script
  int max_jobs = 0;                           // jobs in flight in this partition; 0 = unlimited
  // C2: the site's prover as an argument vector with {input}/{output}/{miner}/{sector} placeholders
  // (jobs/contract/prover_argv.hpp); a partition runs C2 only when it has one.
  std::vector<std::string> prover;
  std::filesystem::path parameter_cache;      // FIL_PROOFS_PARAMETER_CACHE of its C2 jobs; "" = the site's
  int line = 0;                               // where the partition was defined in the site file

  // Whether tasks of type `t` may run here: accepted, and for C2 a prover to run.
  bool serves(TaskType t) const { return tasks.count(t) > 0 && (t != TaskType::Commit2 || !prover.empty()); }
};

// Walltime in minutes per task type and sector size, with fallbacks: [task][size] -> [task] default ->
// site default -> built-in default (builtin_walltime_minutes, per task and size).
struct Walltimes {
  int default_minutes = 0;  // the site's [walltime] default; 0 = not set, use the built-in per task and size
  std::map<TaskType, int> task_default;
  std::map<std::pair<TaskType, params::SectorSize>, int> task_size;

  int minutes(TaskType t, params::SectorSize s) const;
};

// sealadapter's built-in walltime for a task and size when the site says nothing (site/README.md).
int builtin_walltime_minutes(TaskType t, params::SectorSize s);

// Where a PC2 job runs: anywhere its partition has room, or on the node its PC1 ran on (the layers are
// still in that node's page cache and local scratch; the job waits for that node).
// afterok: PC2 is submitted while its PC1 job is still in Slurm, with --dependency=afterok:<PC1 job>, so
// Slurm starts it the moment PC1 succeeds (and ends it when PC1 fails).
enum class Pc2Placement { Any, SameNode, AfterOk };

// The smallest min_job_memory a site may set. sa-job itself (Open MPI, PMIx, hwloc, HDF5 mapped in) peaks
// near 30 MiB resident for a 2KiB sector; under a cgroup limit below that the kernel kills a job whenever
// its library pages happen to be charged to it, which is when the machine is busy (docs/03).
inline constexpr std::uint64_t kMinJobMemoryFloor = 64ull << 20;

struct SiteConfig {
  std::string name = "default";
  BackendKind backend = BackendKind::Local;
  std::filesystem::path state_dir;    // SQLite store, manifests, results, job logs
  std::filesystem::path storage_dir;  // sector storage in Lotus's layout (shared filesystem)
  std::filesystem::path scratch_dir;  // node-local scratch; empty = the job's $TMPDIR
  std::filesystem::path job_binary;   // sa-job; empty = next to the sealadapter executable
  std::filesystem::path templates_dir;  // admin templates; empty = the built-in ones
  std::string instance = "sa";        // adapter instance tag carried by every job name/comment
  MemoryPolicy memory_policy = MemoryPolicy::Max;
  Pc2Placement pc2_placement = Pc2Placement::Any;
  // PC1 batches: up to this many PC1 tasks of one proof type run as one job, one sector per rank on one
  // node (1 = a job per task). A partial batch waits up to pc1_batch_wait seconds for more sectors.
  int pc1_batch = 1;
  int pc1_batch_wait = 0;
  std::uint64_t min_job_memory = 512ull << 20;  // floor for --mem: the job process itself needs memory
  std::string account;
  std::string qos;
  std::string qos_urgent;
  // Groth16 parameters for C2 (FIL_PROOFS_PARAMETER_CACHE); "" = the adapter's FIL_PROOFS_PARAMETER_CACHE,
  // else /var/tmp/filecoin-proof-parameters. Checked before a C2 job is submitted.
  std::filesystem::path parameter_cache;
  Walltimes walltime;
  std::vector<Partition> partitions;
  std::string source = "<embedded default>";  // file it was read from, for messages

  const Partition* find_partition(std::string_view name) const;
  // Whether some partition serves `t` (for C2: accepts it and has a prover).
  bool serves(TaskType t) const;
};

// Parse a site file's text; relative paths are taken from `base_dir`. Throws sa::Error(Config).
SiteConfig parse_site(std::string_view toml_text, const std::string& source_name,
                      const std::filesystem::path& base_dir);
SiteConfig load_site_file(const std::filesystem::path& file);
// The embedded default: local backend, one partition "local" on this host (cpus/memory detected),
// accepting every task type; state under `home` (SEALADAPTER_HOME or ~/.sealadapter, chosen by the caller).
SiteConfig embedded_default_site(const std::filesystem::path& home);

}  // namespace sa::adapter
