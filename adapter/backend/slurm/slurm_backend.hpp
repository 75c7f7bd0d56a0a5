// The Slurm backend: submits rendered job scripts through libslurm, follows ALL of this adapter's jobs with
// one slurm_load_jobs per poll (cheap when nothing changed: SLURM_NO_CHANGE_IN_DATA), finds purged jobs in
// the jobcomp log, cancels with slurm_kill_job, and describes the site's nodes as workers. Beyond the
// Backend interface it offers what the engine and CLI need from a real scheduler: submission limits
// (can_submit), a dry run (validate -> slurm_job_will_run2) and re-adoption after a restart (adopt_by_tag).
#pragma once

#include <csignal>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "backend/backend.hpp"
#include "backend/slurm/accounting.hpp"
#include "backend/slurm/job_desc.hpp"
#include "backend/slurm/slurm_api.hpp"
#include "backend/slurm/submit_limiter.hpp"
#include "config/site_config.hpp"

namespace sa::adapter {

struct SlurmOptions {
  std::string slurm_conf;               // empty: $SLURM_CONF, else /etc/slurm/slurm.conf (see SlurmApi)
  std::string instance = "sa";          // our jobs: name "<instance>-...", comment "sealadapter:<instance>:..."
  std::set<std::string> partitions;     // workers() lists these partitions' nodes; empty = every node
  std::map<std::string, int> max_jobs;  // jobs in flight per partition; absent or 0 = unlimited
  double submit_rate = 5.0;             // submissions per second on average (<= 0: unlimited)
  double submit_burst = 20.0;           // and at most this many at once
  SlurmSubmitOptions submit;            // job environment, requeue, uid/gid
  std::filesystem::path jobcomp_file;   // empty: the controller's JobCompLoc when JobCompType=jobcomp/filetxt
  int cancel_signal = SIGKILL;          // scancel's default: slurmd sends SIGTERM, KillWait, then SIGKILL
};

// instance, partitions and max_jobs from the site file.
SlurmOptions slurm_options_for(const SiteConfig& site);

struct JobValidation {
  bool runnable = false;
  std::string partition;
  std::string nodes;                // where it would start
  std::int64_t expected_start = 0;  // Unix time; may be in the future on a busy cluster
  std::string explanation;          // why it can never run ("" when runnable)
};


class SlurmBackend final : public Backend {
 public:
  using Clock = std::function<double()>;  // seconds, monotonic

  // Uses the real libslurm client (options.slurm_conf, else $SLURM_CONF, else /etc/slurm/slurm.conf).
  explicit SlurmBackend(SlurmOptions options);
  // Uses `client`, which must outlive the backend (tests pass a fake).
  SlurmBackend(SlurmClient& client, SlurmOptions options, Clock clock = {});
  ~SlurmBackend() override;

  std::string_view name() const override { return "slurm"; }

  // "" when a job may be submitted to `partition` now, otherwise why not (in-flight cap or rate limit).
  // submit() throws a retryable sa::Error(Resource) with the same text, so check first.
  bool can_submit(const std::string& partition) { return submit_blocker(partition).empty(); }
  int in_flight(const std::string& partition) const { return limiter_.in_flight(partition); }

  // Would Slurm ever run this job (slurm_job_will_run2, nothing submitted)? When not, why, in the request's
  // terms. Throws sa::Error(Config) when the script and request disagree, sa::Error(Slurm) when the
  // controller does not answer.
  JobValidation validate(const JobLaunch& launch);

  // Our pending and running jobs whose name or comment starts with `tag_prefix` (e.g. "satest-" or
  // "sealadapter:satest:"), for an adapter that restarted; they count as in flight from now on.
  std::vector<AdoptedJob> adopt_by_tag(const std::string& tag_prefix);

  // The controller's last record of a job this backend follows (restart count, reason, times); nullopt
  // once it left the controller.
  std::optional<SlurmJobRecord> last_record(const std::string& job_id) const;

  // All nodes with their state and partitions (one load_node + one load_partitions RPC).
  std::vector<SlurmNodeRecord> describe_nodes() { return client_->load_nodes(); }
  std::vector<SlurmPartitionRecord> describe_partitions() { return client_->load_partitions(); }
  SlurmCallCounts call_counts() const { return client_->call_counts(); }
  // The jobcomp log consulted for purged jobs; empty when the cluster keeps none.
  std::filesystem::path jobcomp_file();

 protected:
  JobHandle submit_(const JobLaunch& launch) override;
  std::vector<JobStatus> poll_(const std::vector<JobHandle>& jobs) override;
  void cancel_(const JobHandle& job) override;
  std::vector<WorkerInfo> workers_() override;
  std::string submit_blocker_(const std::string& partition) override;
  std::optional<FailureDecision> classify_(const JobStatus& status) override;
  std::vector<AdoptedJob> adopt_(const std::string& tag_prefix) override { return adopt_by_tag(tag_prefix); }

 private:
  SlurmBackend(std::unique_ptr<SlurmClient> owned, SlurmOptions options);
  bool ours(const SlurmJobRecord& r) const;
  void refresh_snapshot(bool full);
  JobStatus missing_job(std::uint32_t id, const JobHandle& h);

  std::unique_ptr<SlurmClient> owned_;
  SlurmClient* client_;
  SlurmOptions options_;
  Clock clock_;
  SubmitLimiter limiter_;
  std::int64_t last_update_ = 0;                      // controller time of the snapshot
  std::map<std::uint32_t, SlurmJobRecord> snapshot_;  // our jobs as of last_update_
  std::set<std::uint32_t> cancelled_;                 // jobs this backend cancelled
  std::set<std::uint32_t> tracked_;                   // jobs submitted, adopted or polled here
  std::optional<JobCompLog> jobcomp_;
  bool jobcomp_resolved_ = false;
  std::vector<WorkerInfo> workers_cache_;
  double workers_at_ = 0;
};

}  // namespace sa::adapter
