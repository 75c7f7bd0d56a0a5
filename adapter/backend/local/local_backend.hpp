// The local backend: runs job binaries on this host under the same JobRequest the Slurm backend submits.
// Each job is a process group pinned to the CPUs it asked for (free ones first) and given its GPUs through
// CUDA_VISIBLE_DEVICES; ranks > 1 start through mpirun. Admission (what starts when) is decided by the
// resource windows before submit, so the host queues work instead of overcommitting. A job id is
// "<pid>.<start time>", so after an adapter restart a running job is recognised even though it is no
// longer our child, and a recycled pid is not mistaken for it.
#pragma once

#include <sys/types.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "backend/backend.hpp"
#include "backend/local/host_resources.hpp"

namespace sa::adapter {

struct LocalOptions {
  std::filesystem::path mpirun = "mpirun";  // resolved on PATH when relative
  double kill_grace_seconds = 10;            // SIGTERM, then SIGKILL after this long
  // A job is ended (SIGTERM, then SIGKILL) once it has run its request's time limit, as Slurm would, and
  // reported as TIMEOUT. The length of one walltime minute in seconds: 60, shorter only in tests.
  double walltime_minute_seconds = 60;
};

class LocalBackend final : public Backend {
 public:
  LocalBackend(HostResources host, LocalOptions options = {});
  ~LocalBackend() override;

  std::string_view name() const override { return "local"; }
  const HostResources& host() const { return host_; }

 protected:
  JobHandle submit_(const JobLaunch& launch) override;
  std::vector<JobStatus> poll_(const std::vector<JobHandle>& jobs) override;
  void cancel_(const JobHandle& job) override;
  std::vector<WorkerInfo> workers_() override;
  // Its own time-limit endings, in the batch-system terms the engine acts on (more time on the retry).
  std::optional<FailureDecision> classify_(const JobStatus& status) override;

 private:
  struct Child {
    pid_t pid = 0;
    bool ours = true;               // our child (waitpid works) or adopted after a restart
    std::vector<int> cpus;
    std::vector<int> gpus;
    double cancel_sent = 0;         // when SIGTERM was sent (monotonic seconds), 0 = not cancelled
    double started = 0;             // monotonic seconds
    double limit_seconds = 0;       // 0 = no time limit (adopted after a restart)
    int limit_minutes = 0;
    bool timed_out = false;         // SIGTERM sent for the time limit, not by cancel()
  };

  JobStatus poll_one(const std::string& job_id);
  void release(Child& c);
  std::vector<int> take_cpus(int n);
  std::vector<int> take_gpus(int n);

  HostResources host_;
  LocalOptions options_;
  std::map<std::string, Child> jobs_;
  std::set<int> busy_cpus_;
  std::set<int> busy_gpus_;
};

// "<pid>.<start ticks>" for a live pid; empty when it does not exist.
std::string local_job_id(pid_t pid);

}  // namespace sa::adapter
