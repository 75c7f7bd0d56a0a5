// The libslurm boundary: plain C++ mirrors of the few Slurm records the backend uses, and SlurmClient, the
// calls it makes. SlurmApi (slurm_api.cpp) is the only code that includes <slurm/slurm.h>: it checks the
// Slurm version at compile and run time and turns every failed call into sa::Error(ErrorKind::Slurm) naming
// the call and slurm_strerror. Tests substitute SlurmClient to drive the backend without a controller.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sa::adapter {

// enum job_states of slurm.h (the base state, flags apart).
enum class SlurmJobState {
  Pending,
  Running,
  Suspended,
  Completed,
  Cancelled,
  Failed,
  Timeout,
  NodeFail,
  Preempted,
  BootFail,
  Deadline,
  OutOfMemory,
  Unknown
};

// A batch job to submit (or to ask will_run about). Empty strings and zeros mean "not set": the
// controller's default applies, exactly as when sbatch leaves an option out.
struct SlurmJobDesc {
  std::string name;
  std::string comment;
  std::string partition;
  std::string script;  // the whole job script text
  std::string work_dir;
  std::string std_out;  // stderr goes to the same file when std_err is empty
  std::string std_err;
  std::string account;
  std::string qos;
  std::string exclude_nodes;  // "n1,n2"
  std::string req_nodes;      // --nodelist "n1"
  std::string dependency;     // --dependency "afterok:12"
  bool kill_invalid_dep = false;  // --kill-on-invalid-dep=yes: a dependency that can never hold ends the job
  std::string tres_per_node;  // "gres:gpu:1", "gres:gpu:a100:2"
  std::string tres_bind;      // --gpu-bind=closest -> "gpu:closest"
  std::string features;       // --constraint
  std::string reservation;
  std::string licenses;
  std::string wckey;
  int nodes = 1;  // min = max
  int ntasks = 1;
  int cpus_per_task = 1;
  std::uint64_t memory_mb = 0;    // per node
  std::uint64_t tmp_disk_mb = 0;  // per node
  int time_limit_minutes = 0;
  std::optional<int> nice;
  std::optional<bool> requeue;  // unset: the cluster's JobRequeue
  bool exclusive = false;
  int warn_signal = 0;  // --signal=B:USR1@120 -> SIGUSR1, 120 s, batch shell only
  int warn_seconds = 0;
  bool warn_batch_only = false;
  std::vector<std::string> environment;  // "NAME=value"; Slurm refuses a batch job without one
  std::optional<std::uint32_t> user_id;
  std::optional<std::uint32_t> group_id;
};

struct SlurmSubmitted {
  std::uint32_t job_id = 0;
  std::string user_message;  // job_submit plugin's message, if any
};

// One job as slurm_load_jobs reports it.
struct SlurmJobRecord {
  std::uint32_t job_id = 0;
  std::string name;
  std::string comment;
  std::string partition;
  std::string nodes;  // allocated node list ("n[1-2]"), empty while pending
  std::string exclude_nodes;
  SlurmJobState state = SlurmJobState::Unknown;
  bool completing = false;    // JOB_COMPLETING: epilog or cleanup still running
  bool configuring = false;   // JOB_CONFIGURING: nodes booting
  bool requeue_flag = false;  // JOB_REQUEUE / JOB_REQUEUE_HOLD / JOB_SPECIAL_EXIT: on its way back to pending
  bool held = false;          // priority 0 (user or admin hold)
  std::string reason;         // state_reason as Slurm spells it ("Resources", "OutOfMemory")
  std::string reason_detail;  // state_desc, when the controller gave one
  int restart_count = 0;      // how often Slurm requeued it
  bool requeue_allowed = false;
  std::optional<std::uint32_t> exit_status;  // the batch shell's wait status; nullopt while it runs
  std::optional<std::uint32_t> derived_exit_status;  // the highest of all steps' (srun steps) wait statuses
  std::uint32_t time_limit_minutes = 0;
  std::int64_t submit_time = 0;
  std::int64_t start_time = 0;
  std::int64_t end_time = 0;
};

// One node as slurm_load_node reports it, with the partitions it belongs to.
struct SlurmNodeRecord {
  std::string name;
  std::string state;    // "IDLE", "MIXED", "DOWN+DRAIN", "IDLE+NOT_RESPONDING" ...
  bool usable = false;  // up and accepting work: not down, drained, failing or unresponsive
  int cpus = 0;
  int alloc_cpus = 0;
  std::uint64_t real_memory_mb = 0;
  std::uint64_t alloc_memory_mb = 0;
  std::uint64_t tmp_disk_mb = 0;
  std::string gres;    // "gpu:1", "gpu:a100:4(S:0-1)"
  std::string reason;  // why down or drained
  std::vector<std::string> partitions;
};

struct SlurmPartitionRecord {
  std::string name;
  std::string nodes;  // host list expression
  std::uint32_t total_nodes = 0;
  std::uint32_t total_cpus = 0;
  std::optional<std::uint32_t> max_time_minutes;  // nullopt = INFINITE
  bool up = false;
};

struct SlurmWillRun {
  bool runnable = false;
  int error_code = 0;
  std::string error;            // slurm_strerror(error_code)
  std::int64_t start_time = 0;  // expected start when runnable
  std::string nodes;
  std::string partition;
};

// What the controller says about itself (slurm_load_ctl_conf).
struct SlurmControllerConfig {
  std::string cluster_name;
  std::string jobcomp_type;  // "jobcomp/filetxt", "jobcomp/none" ...
  std::string jobcomp_loc;
  std::uint32_t min_job_age_seconds = 0;
  std::uint32_t kill_wait_seconds = 0;
};

// RPCs sent to the controller, per call: the tests check that a poll of many jobs is one load_jobs.
struct SlurmCallCounts {
  int submit = 0;
  int load_jobs = 0;
  int load_jobs_unchanged = 0;  // of those, answered SLURM_NO_CHANGE_IN_DATA (no job records sent)
  int load_job = 0;
  int kill_job = 0;
  int load_nodes = 0;
  int load_partitions = 0;
  int will_run = 0;
  int load_config = 0;
};

class SlurmClient {
 public:
  virtual ~SlurmClient() = default;

  virtual SlurmSubmitted submit(const SlurmJobDesc& desc) = 0;
  // Jobs changed since `*last_update` (0 = all): nullopt when nothing changed; `*last_update` becomes the
  // controller's time of this answer, to pass next time.
  virtual std::optional<std::vector<SlurmJobRecord>> load_jobs(std::int64_t* last_update) = 0;
  // nullopt when the controller no longer knows the job (purged after MinJobAge, or never existed).
  virtual std::optional<SlurmJobRecord> load_job(std::uint32_t job_id) = 0;
  // Sends `signal` to every step and the batch shell; SIGKILL is scancel's default (slurmd sends SIGTERM,
  // waits KillWait, then SIGKILL). A job already gone is not an error.
  virtual void kill_job(std::uint32_t job_id, int signal) = 0;
  virtual std::vector<SlurmNodeRecord> load_nodes() = 0;
  virtual std::vector<SlurmPartitionRecord> load_partitions() = 0;
  virtual SlurmWillRun will_run(const SlurmJobDesc& desc) = 0;
  virtual SlurmControllerConfig load_config() = 0;
  // "n[1-3],g1" -> {"n1","n2","n3","g1"} (no RPC).
  virtual std::vector<std::string> expand_hostlist(const std::string& list) = 0;

  virtual SlurmCallCounts call_counts() const = 0;
};

// The real client. Construction initialises libslurm once per process from `slurm_conf`, or when empty
// from $SLURM_CONF, else /etc/slurm/slurm.conf (libslurm then exits the process if it finds neither: pass
// the path to get an sa::Error(Config) instead). Throws sa::Error(Slurm) when the loaded libslurm is not the
// release this was compiled against. Thread-safe: calls are serialised.
class SlurmApi final : public SlurmClient {
 public:
  explicit SlurmApi(const std::string& slurm_conf = {});
  ~SlurmApi() override;
  SlurmApi(const SlurmApi&) = delete;
  SlurmApi& operator=(const SlurmApi&) = delete;

  SlurmSubmitted submit(const SlurmJobDesc& desc) override;
  std::optional<std::vector<SlurmJobRecord>> load_jobs(std::int64_t* last_update) override;
  std::optional<SlurmJobRecord> load_job(std::uint32_t job_id) override;
  void kill_job(std::uint32_t job_id, int signal) override;
  std::vector<SlurmNodeRecord> load_nodes() override;
  std::vector<SlurmPartitionRecord> load_partitions() override;
  SlurmWillRun will_run(const SlurmJobDesc& desc) override;
  SlurmControllerConfig load_config() override;
  std::vector<std::string> expand_hostlist(const std::string& list) override;
  SlurmCallCounts call_counts() const override;

  // "22.05.8" (headers compiled against) and libslurm's API number at run time (38 for 22.05).
  static std::string compiled_version();
  static long runtime_api_version();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sa::adapter
