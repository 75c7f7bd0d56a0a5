// The engine: one cycle = (1) collect endings of active jobs (result file first, backend poll second) into
// the store, (2) plan with the resource windows what starts, (3) for each, record the attempt, write its
// manifest and script, submit, record the job id. Every step is idempotent, so after a crash the next cycle
// picks up where the last one stopped (attempts left in "starting" are settled from their result file or
// requeued). One engine per state directory (EngineLock).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "backend/backend.hpp"
#include "base/error.hpp"
#include "config/site_config.hpp"
#include "contract/job_manifest.hpp"
#include "model/resource_table.hpp"
#include "sched/window_planner.hpp"
#include "store/store.hpp"

namespace sa::adapter {

using Clock = std::function<double()>;  // seconds since the epoch
double wall_clock();

struct EngineOptions {
  std::filesystem::path job_binary;                  // sa-job
  std::map<std::string, std::string> forward_env;    // FIL_PROOFS_*, BELLMAN_* of the submitter
};

struct CycleReport {
  int started = 0;
  int ended = 0;
  int active = 0;   // attempts still running or pending after the cycle
  int queued = 0;   // tasks waiting (including back-off)
  std::map<std::int64_t, std::string> blocked;  // tasks rejected this cycle: they fit no worker, and why
  std::map<std::string, std::string> waiting;   // partitions whose submissions wait (cap, rate), and why
};

class Engine {
 public:
  Engine(Store& store, Backend& backend, const SiteConfig& site, ResourceTable table, EngineOptions options,
         Clock clock = wall_clock);

  CycleReport step();
  // Cancels a task and kills its job if one is active.
  void cancel(std::int64_t task_id);

  // The directory of one attempt: <state_dir>/jobs/<task>/a<n>/ (manifest.json, result.json, job.sh, job.log).
  std::filesystem::path attempt_dir(std::int64_t task_id, int attempt) const;

 private:
  // One partition's share of a cycle: its nodes pooled into one worker, what runs on it, what waits.
  struct PartitionPlan {
    WorkerInfo pool;
    std::vector<WorkerInfo> nodes;
    std::vector<TaskNeed> running;
    std::vector<PlannedTask> queue;
  };

  int reap();
  int start_ready(CycleReport& report);
  // `batch`: for a PC1 that could have shared a job, why it runs alone (kept in the attempt's request).
  void launch(const TaskRecord& task, const Partition* partition, const nlohmann::json& batch = nullptr);
  // The task's request on `partition`: mapped, adjusted for its failed attempts, placed; throws sa::Error.
  JobRequest request_for(const TaskRecord& task, const Partition& partition);
  jobs::JobManifest manifest_for(const TaskRecord& task, const AttemptRecord& a, std::string_view stage) const;
  void fail_launch(const AttemptRecord& a, const Error& e);
  // PC1 batches (engine_batch.cpp): several PC1 tasks in one job, one sector per rank.
  bool batchable(const TaskRecord& t) const;
  int batch_limit(const TaskRecord& t, const Partition& partition);
  void launch_batch(const std::vector<const TaskRecord*>& members, const Partition& partition);
  std::string alone_reason(const TaskRecord& t, const Partition& partition, int limit) const;
  void settle(const AttemptRecord& a, const JobStatus& status);
  std::string too_big(const TaskRecord& t, const PartitionPlan& plan) const;
  std::string comment_prefix() const;
  // pc2_placement = same-node: the node the sector's PC1 succeeded on, when that still makes sense.
  std::vector<std::string> pc1_node(const TaskRecord& task, const JobRequest& request) const;
  // pc2_placement = afterok: nullopt = submit as usual, "" = wait (PC1 not in Slurm yet), else the
  // dependency ("afterok:<PC1 job>").
  std::optional<std::string> pc2_dependency(const TaskRecord& task) const;
  std::map<std::int64_t, std::string> chained_;  // task -> dependency, from start_ready to launch

  Store& store_;
  Backend& backend_;
  const SiteConfig& site_;
  ResourceTable table_;
  EngineOptions options_;
  Clock clock_;
};

}  // namespace sa::adapter
