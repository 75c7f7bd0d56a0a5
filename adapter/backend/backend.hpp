// The batch backend interface: submit a job, ask about many jobs at once, cancel, and describe the workers.
// Non-virtual public methods check arguments once; backends implement the protected *_() hooks (NVI).
// Implementations: local/ (this host), slurm/ (libslurm).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/ending.hpp"
#include "mapping/job_request.hpp"
#include "sched/active_resources.hpp"

namespace sa::adapter {

struct JobLaunch {
  std::string tag;      // job name: identifies instance, sector, task and attempt
  std::string comment;  // machine-readable tag
  JobRequest request;
  std::string stage;
  std::filesystem::path job_binary;
  std::filesystem::path manifest;
  std::filesystem::path result;
  std::filesystem::path workdir;
  std::filesystem::path log;
  std::string script;   // the rendered job script (Slurm submits it; local keeps it beside the manifest)
};

struct JobHandle {
  std::string job_id;
  std::string tag;
};

enum class JobPhase { Pending, Running, Ended, Unknown };

struct JobStatus {
  std::string job_id;
  JobPhase phase = JobPhase::Unknown;
  std::string node;
  std::string reason;             // why pending, or how it ended
  std::optional<int> exit_code;   // when ended normally
  std::optional<int> signal;      // when ended by a signal
  std::string batch_state;        // the batch system's own state name (Slurm: COMPLETED, OUT_OF_MEMORY...)
  bool cancelled = false;         // ended because we cancelled it
};

// A job of ours the batch system still has, found by its tag after an adapter restart.
struct AdoptedJob {
  JobHandle handle;     // job id + job name (the tag)
  std::string comment;  // "sealadapter:<instance>:task=<id>:attempt=<n>"
  std::string partition;
  JobStatus status;
};

class Backend {
 public:
  virtual ~Backend() = default;

  virtual std::string_view name() const = 0;

  JobHandle submit(const JobLaunch& launch);
  // One call for all jobs of interest (never one call per job).
  std::vector<JobStatus> poll(const std::vector<JobHandle>& jobs);
  void cancel(const JobHandle& job);
  // The workers resource windows are planned against (for local: this host).
  std::vector<WorkerInfo> workers();
  // "" when a job may be submitted to `partition` now, otherwise why not (in-flight cap, rate limit).
  std::string submit_blocker(const std::string& partition) { return submit_blocker_(partition); }
  // The batch system's judgement of how a job ended; nullopt when the backend has none (the engine then
  // uses the result file and exit code alone).
  std::optional<FailureDecision> classify(const JobStatus& status) { return classify_(status); }
  // Pending or running jobs whose name or comment starts with `tag_prefix` (re-adoption after a restart).
  std::vector<AdoptedJob> adopt(const std::string& tag_prefix) { return adopt_(tag_prefix); }

 protected:
  virtual JobHandle submit_(const JobLaunch& launch) = 0;
  virtual std::vector<JobStatus> poll_(const std::vector<JobHandle>& jobs) = 0;
  virtual void cancel_(const JobHandle& job) = 0;
  virtual std::vector<WorkerInfo> workers_() = 0;
  virtual std::string submit_blocker_(const std::string&) { return {}; }
  virtual std::optional<FailureDecision> classify_(const JobStatus&) { return std::nullopt; }
  virtual std::vector<AdoptedJob> adopt_(const std::string&) { return {}; }
};

}  // namespace sa::adapter
