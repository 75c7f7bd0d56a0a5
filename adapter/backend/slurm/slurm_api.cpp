// SlurmApi: the one file that includes <slurm/slurm.h>. Each libslurm call is checked here and a failure
// becomes sa::Error(ErrorKind::Slurm) naming the call and slurm_strerror; communication trouble is
// retryable, everything else (bad partition, impossible request) is not. Records are copied into the
// plain structs of slurm_api.hpp and the libslurm buffers freed before returning.
#include "backend/slurm/slurm_api.hpp"

#include <slurm/slurm.h>
#include <slurm/slurm_errno.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "base/error.hpp"

// job_desc_msg_t, slurm_job_info_t and several call signatures change with every Slurm release (26.05 even
// switches job ids to slurm_step_id_t), so building against another release must stop here, not crash later.
#if SLURM_VERSION_MAJOR(SLURM_VERSION_NUMBER) != 22 || SLURM_VERSION_MINOR(SLURM_VERSION_NUMBER) != 5
#error \
    "adapter/backend/slurm is written for Slurm 22.05 (libslurm.so.38); these headers are another release: install libslurm-dev 22.05 or port slurm_api.cpp to the new job_desc/job_info layouts"
#endif

// slurm.h tells callers of slurm_job_will_run2() to free the answer with this function but 22.05 does not
// declare it; libslurm exports it (src/common/slurm_protocol_defs.h has this exact declaration).
extern "C" void slurm_free_will_run_response_msg(will_run_response_msg_t* msg);

namespace sa::adapter {

namespace {

// libslurm's API_CURRENT (its soname) for 22.05: what slurm_api_version() must report at run time.
constexpr long kApiCurrent = 38;

std::mutex g_init_mutex;
bool g_initialised = false;
std::string g_conf;  // the slurm.conf libslurm was initialised with ("" = its default search)

bool is_retryable(int err) {
  switch (err) {
    case SLURM_COMMUNICATIONS_CONNECTION_ERROR:
    case SLURM_COMMUNICATIONS_SEND_ERROR:
    case SLURM_COMMUNICATIONS_RECEIVE_ERROR:
    case SLURM_COMMUNICATIONS_SHUTDOWN_ERROR:
    case SLURMCTLD_COMMUNICATIONS_CONNECTION_ERROR:
    case SLURMCTLD_COMMUNICATIONS_SEND_ERROR:
    case SLURMCTLD_COMMUNICATIONS_RECEIVE_ERROR:
    case SLURMCTLD_COMMUNICATIONS_SHUTDOWN_ERROR:
    case SLURM_PROTOCOL_SOCKET_IMPL_TIMEOUT:
    case SLURM_PROTOCOL_SOCKET_ZERO_BYTES_SENT:
    case SLURM_PROTOCOL_SOCKET_IMPL_ZERO_RECV_LENGTH:
    case ESLURM_IN_STANDBY_MODE:
    case ESLURM_IN_STANDBY_USE_BACKUP:
    case ESLURM_TRANSITION_STATE_NO_UPDATE:
    case ESLURM_ERROR_ON_DESC_TO_RECORD_COPY:
    case ESLURM_AUTH_NET_ERROR:
    case ESLURM_AUTH_UNABLE_TO_SIGN:  // munged restarting
    case EAGAIN:
    case EINTR:
    case ETIMEDOUT:
    case ECONNREFUSED:
    case ECONNRESET: return true;
    default: return false;
  }
}

[[noreturn]] void fail(const std::string& call, int err) {
  std::string msg = call + ": " + slurm_strerror(err) + " (errno " + std::to_string(err) + ")";
  if (err == SLURMCTLD_COMMUNICATIONS_CONNECTION_ERROR || err == SLURM_COMMUNICATIONS_CONNECTION_ERROR) {
    msg += "; is slurmctld running, and does $SLURM_CONF name its slurm.conf?";
  }
  throw Error(ErrorKind::Slurm, msg, is_retryable(err) ? Retry::Retryable : Retry::Permanent);
}

std::string str(const char* s) { return s ? std::string(s) : std::string(); }
char* cstr(const std::string& s) { return s.empty() ? nullptr : const_cast<char*>(s.c_str()); }

SlurmJobState job_state(uint32_t state) {
  switch (state & JOB_STATE_BASE) {
    case JOB_PENDING: return SlurmJobState::Pending;
    case JOB_RUNNING: return SlurmJobState::Running;
    case JOB_SUSPENDED: return SlurmJobState::Suspended;
    case JOB_COMPLETE: return SlurmJobState::Completed;
    case JOB_CANCELLED: return SlurmJobState::Cancelled;
    case JOB_FAILED: return SlurmJobState::Failed;
    case JOB_TIMEOUT: return SlurmJobState::Timeout;
    case JOB_NODE_FAIL: return SlurmJobState::NodeFail;
    case JOB_PREEMPTED: return SlurmJobState::Preempted;
    case JOB_BOOT_FAIL: return SlurmJobState::BootFail;
    case JOB_DEADLINE: return SlurmJobState::Deadline;
    case JOB_OOM: return SlurmJobState::OutOfMemory;
    default: return SlurmJobState::Unknown;
  }
}

// slurm.h declares no job_reason_string(), so the reasons people meet are spelt here as Slurm spells them.
std::string reason_name(uint16_t r) {
  switch (r) {
    case WAIT_NO_REASON: return "";
    case WAIT_PROLOG: return "Prolog";
    case WAIT_PRIORITY: return "Priority";
    case WAIT_DEPENDENCY: return "Dependency";
    case WAIT_RESOURCES: return "Resources";
    case WAIT_PART_NODE_LIMIT: return "PartitionNodeLimit";
    case WAIT_PART_TIME_LIMIT: return "PartitionTimeLimit";
    case WAIT_PART_DOWN: return "PartitionDown";
    case WAIT_PART_INACTIVE: return "PartitionInactive";
    case WAIT_HELD: return "JobHeldAdmin";
    case WAIT_HELD_USER: return "JobHeldUser";
    case WAIT_TIME: return "BeginTime";
    case WAIT_LICENSES: return "Licenses";
    case WAIT_ASSOC_JOB_LIMIT: return "AssociationJobLimit";
    case WAIT_ASSOC_RESOURCE_LIMIT: return "AssociationResourceLimit";
    case WAIT_ASSOC_TIME_LIMIT: return "AssociationTimeLimit";
    case WAIT_RESERVATION: return "Reservation";
    case WAIT_NODE_NOT_AVAIL: return "ReqNodeNotAvail";
    case WAIT_CLEANING: return "Cleaning";
    case WAIT_QOS: return "QOSNotAllowed";
    case WAIT_ACCOUNT: return "AccountNotAllowed";
    case WAIT_DEP_INVALID: return "DependencyNeverSatisfied";
    case WAIT_QOS_GRP_JOB: return "QOSGrpJobsLimit";
    case WAIT_QOS_MAX_JOB_PER_USER: return "QOSMaxJobsPerUserLimit";
    case WAIT_QOS_MAX_SUB_JOB: return "QOSMaxSubmitJobPerUserLimit";
    case WAIT_ASSOC_GRP_JOB: return "AssocGrpJobsLimit";
    case WAIT_ASSOC_MAX_JOBS: return "AssocMaxJobsLimit";
    case WAIT_ASSOC_MAX_SUB_JOB: return "AssocMaxSubmitJobLimit";
    case WAIT_MAX_REQUEUE: return "JobHoldMaxRequeue";
    case WAIT_PART_CONFIG: return "PartitionConfig";
    case WAIT_ACCOUNT_POLICY: return "AccountingPolicy";
    case WAIT_PN_MEM_LIMIT: return "MaxMemPerLimit";
    case WAIT_RESV_DELETED: return "ReservationDeleted";
    case FAIL_DEFER: return "SchedDefer";
    case FAIL_DOWN_PARTITION: return "PartitionDown";
    case FAIL_DOWN_NODE: return "NodeDown";
    case FAIL_BAD_CONSTRAINTS: return "BadConstraints";
    case FAIL_SYSTEM: return "SystemFailure";
    case FAIL_LAUNCH: return "JobLaunchFailure";
    case FAIL_EXIT_CODE: return "NonZeroExitCode";
    case FAIL_TIMEOUT: return "TimeLimit";
    case FAIL_INACTIVE_LIMIT: return "InactiveLimit";
    case FAIL_ACCOUNT: return "InvalidAccount";
    case FAIL_QOS: return "InvalidQOS";
    case FAIL_DEADLINE: return "DeadLine";
    case FAIL_OOM: return "OutOfMemory";
    default: return "reason " + std::to_string(r);
  }
}

SlurmJobRecord job_record(const slurm_job_info_t& j) {
  SlurmJobRecord r;
  r.job_id = j.job_id;
  r.name = str(j.name);
  r.comment = str(j.comment);
  r.partition = str(j.partition);
  r.nodes = str(j.nodes);
  r.exclude_nodes = str(j.exc_nodes);
  r.state = job_state(j.job_state);
  r.completing = (j.job_state & JOB_COMPLETING) != 0;
  r.configuring = (j.job_state & JOB_CONFIGURING) != 0;
  r.requeue_flag = (j.job_state & (JOB_REQUEUE | JOB_REQUEUE_HOLD | JOB_SPECIAL_EXIT)) != 0;
  r.held = j.priority == 0 && r.state == SlurmJobState::Pending;
  r.reason = reason_name(j.state_reason);
  r.reason_detail = str(j.state_desc);
  r.restart_count = j.restart_cnt;
  r.requeue_allowed = j.requeue != 0;
  if (j.exit_code != NO_VAL && r.state != SlurmJobState::Pending && r.state != SlurmJobState::Running) {
    r.exit_status = j.exit_code;
    if (j.derived_ec != NO_VAL) r.derived_exit_status = j.derived_ec;
  }
  r.time_limit_minutes = j.time_limit;
  r.submit_time = j.submit_time;
  r.start_time = j.start_time;
  r.end_time = j.end_time;
  return r;
}

// "IDLE", "MIXED+DRAIN", ...: slurm.h declares no node_state_string() either.
std::string node_state_name(uint32_t s, bool& usable) {
  std::string name;
  switch (s & NODE_STATE_BASE) {
    case NODE_STATE_DOWN: name = "DOWN"; break;
    case NODE_STATE_IDLE: name = "IDLE"; break;
    case NODE_STATE_ALLOCATED: name = "ALLOCATED"; break;
    case NODE_STATE_MIXED: name = "MIXED"; break;
    case NODE_STATE_FUTURE: name = "FUTURE"; break;
    case NODE_STATE_ERROR: name = "ERROR"; break;
    default: name = "UNKNOWN"; break;
  }
  const uint32_t base = s & NODE_STATE_BASE;
  usable = base == NODE_STATE_IDLE || base == NODE_STATE_ALLOCATED || base == NODE_STATE_MIXED;
  const std::pair<uint32_t, const char*> flags[] = {{NODE_STATE_DRAIN, "DRAIN"},
                                                    {NODE_STATE_FAIL, "FAIL"},
                                                    {NODE_STATE_NO_RESPOND, "NOT_RESPONDING"},
                                                    {NODE_STATE_POWERED_DOWN, "POWERED_DOWN"},
                                                    {NODE_STATE_MAINT, "MAINT"}};
  for (const auto& [bit, text] : flags) {
    if (s & bit) {
      name += std::string("+") + text;
      usable = false;
    }
  }
  return name;
}

// The job_desc_msg_t for `d`. Its pointers refer into `d` and `env`, which must outlive the call.
void fill_job_desc(const SlurmJobDesc& d, std::vector<char*>& env, job_desc_msg_t& m) {
  slurm_init_job_desc_msg(&m);
  m.name = cstr(d.name);
  m.comment = cstr(d.comment);
  m.partition = cstr(d.partition);
  m.script = cstr(d.script);
  m.work_dir = cstr(d.work_dir);
  m.std_out = cstr(d.std_out);
  m.std_err = cstr(d.std_err);
  m.account = cstr(d.account);
  m.qos = cstr(d.qos);
  m.exc_nodes = cstr(d.exclude_nodes);
  m.req_nodes = cstr(d.req_nodes);
  m.dependency = cstr(d.dependency);
  if (d.kill_invalid_dep) m.bitflags |= KILL_INV_DEP;
  m.tres_per_node = cstr(d.tres_per_node);
  m.tres_bind = cstr(d.tres_bind);
  m.features = cstr(d.features);
  m.reservation = cstr(d.reservation);
  m.licenses = cstr(d.licenses);
  m.wckey = cstr(d.wckey);
  // As sbatch does for --nodes/--ntasks/--cpus-per-task: fixed node count, explicit task and CPU counts.
  m.min_nodes = static_cast<uint32_t>(d.nodes);
  m.max_nodes = static_cast<uint32_t>(d.nodes);
  m.num_tasks = static_cast<uint32_t>(d.ntasks);
  m.cpus_per_task = static_cast<uint16_t>(d.cpus_per_task);
  m.min_cpus = static_cast<uint32_t>(d.ntasks * d.cpus_per_task);
  m.bitflags |= JOB_NTASKS_SET | JOB_CPUS_SET;
  if (d.memory_mb > 0) m.pn_min_memory = d.memory_mb;
  if (d.tmp_disk_mb > 0) m.pn_min_tmp_disk = static_cast<uint32_t>(d.tmp_disk_mb);
  if (d.time_limit_minutes > 0) m.time_limit = static_cast<uint32_t>(d.time_limit_minutes);
  if (d.nice) m.nice = static_cast<uint32_t>(static_cast<int64_t>(NICE_OFFSET) + *d.nice);
  if (d.requeue) m.requeue = *d.requeue ? 1 : 0;
  if (d.exclusive) m.shared = JOB_SHARED_NONE;
  if (d.warn_signal > 0) {
    m.warn_signal = static_cast<uint16_t>(d.warn_signal);
    m.warn_time = static_cast<uint16_t>(d.warn_seconds);
    m.warn_flags = d.warn_batch_only ? KILL_JOB_BATCH : 0;
  }
  env.clear();
  for (const std::string& e : d.environment) env.push_back(const_cast<char*>(e.c_str()));
  env.push_back(nullptr);
  m.environment = env.data();
  m.env_size = static_cast<uint32_t>(d.environment.size());
  if (d.user_id) m.user_id = *d.user_id;
  if (d.group_id) m.group_id = *d.group_id;
}

}  // namespace

struct SlurmApi::State {
  mutable std::mutex mutex;
  SlurmCallCounts counts;
};

SlurmApi::SlurmApi(const std::string& slurm_conf) : state_(std::make_unique<State>()) {
  const long api = SLURM_VERSION_MAJOR(slurm_api_version());
  if (api != kApiCurrent) {
    throw Error(ErrorKind::Slurm, "libslurm API " + std::to_string(api) +
                                      " is loaded, but sealadapter was built against Slurm " + compiled_version() +
                                      " (API " + std::to_string(kApiCurrent) +
                                      "): rebuild against the installed libslurm-dev");
  }
  std::lock_guard lock(g_init_mutex);
  if (g_initialised) {
    if (!slurm_conf.empty() && slurm_conf != g_conf) {
      throw Error(ErrorKind::Config, "libslurm is already initialised with " +
                                         (g_conf.empty() ? "its default slurm.conf" : g_conf) +
                                         "; one process talks to one cluster (asked for " + slurm_conf + ")");
    }
    return;
  }
  if (!slurm_conf.empty() && !std::filesystem::is_regular_file(slurm_conf)) {
    throw Error(ErrorKind::Config, "slurm.conf " + slurm_conf + " does not exist");
  }
  // libslurm keeps its configuration in process-wide state: initialise it once, release it at exit.
  slurm_init(slurm_conf.empty() ? nullptr : slurm_conf.c_str());
  std::atexit([] { slurm_fini(); });
  g_initialised = true;
  g_conf = slurm_conf;
}

SlurmApi::~SlurmApi() = default;

std::string SlurmApi::compiled_version() {
  return std::to_string(SLURM_VERSION_MAJOR(SLURM_VERSION_NUMBER)) + "." +
         (SLURM_VERSION_MINOR(SLURM_VERSION_NUMBER) < 10 ? "0" : "") +
         std::to_string(SLURM_VERSION_MINOR(SLURM_VERSION_NUMBER)) + "." +
         std::to_string(SLURM_VERSION_MICRO(SLURM_VERSION_NUMBER));
}

long SlurmApi::runtime_api_version() { return SLURM_VERSION_MAJOR(slurm_api_version()); }

SlurmCallCounts SlurmApi::call_counts() const {
  std::lock_guard lock(state_->mutex);
  return state_->counts;
}

SlurmSubmitted SlurmApi::submit(const SlurmJobDesc& d) {
  std::lock_guard lock(state_->mutex);
  if (d.environment.empty()) {
    throw Error(ErrorKind::Internal, "slurm_submit_batch_job: a batch job needs an environment");
  }
  std::vector<char*> env;
  job_desc_msg_t m;
  fill_job_desc(d, env, m);
  submit_response_msg_t* resp = nullptr;
  ++state_->counts.submit;
  if (slurm_submit_batch_job(&m, &resp) != SLURM_SUCCESS) fail("slurm_submit_batch_job " + d.name, slurm_get_errno());
  SlurmSubmitted out;
  out.job_id = resp->job_id;
  out.user_message = str(resp->job_submit_user_msg);
  slurm_free_submit_response_response_msg(resp);
  return out;
}

std::optional<std::vector<SlurmJobRecord>> SlurmApi::load_jobs(std::int64_t* last_update) {
  std::lock_guard lock(state_->mutex);
  job_info_msg_t* msg = nullptr;
  ++state_->counts.load_jobs;
  if (slurm_load_jobs(static_cast<time_t>(*last_update), &msg, SHOW_ALL) != SLURM_SUCCESS) {
    const int err = slurm_get_errno();
    if (err == SLURM_NO_CHANGE_IN_DATA) {
      ++state_->counts.load_jobs_unchanged;
      return std::nullopt;
    }
    fail("slurm_load_jobs", err);
  }
  std::vector<SlurmJobRecord> jobs;
  jobs.reserve(msg->record_count);
  for (uint32_t i = 0; i < msg->record_count; ++i) jobs.push_back(job_record(msg->job_array[i]));
  *last_update = msg->last_update;
  slurm_free_job_info_msg(msg);
  return jobs;
}

std::optional<SlurmJobRecord> SlurmApi::load_job(std::uint32_t job_id) {
  std::lock_guard lock(state_->mutex);
  job_info_msg_t* msg = nullptr;
  ++state_->counts.load_job;
  if (slurm_load_job(&msg, job_id, SHOW_ALL) != SLURM_SUCCESS) {
    const int err = slurm_get_errno();
    if (err == ESLURM_INVALID_JOB_ID) return std::nullopt;
    fail("slurm_load_job " + std::to_string(job_id), err);
  }
  std::optional<SlurmJobRecord> out;
  if (msg->record_count > 0) out = job_record(msg->job_array[0]);
  slurm_free_job_info_msg(msg);
  return out;
}

void SlurmApi::kill_job(std::uint32_t job_id, int signal) {
  std::lock_guard lock(state_->mutex);
  ++state_->counts.kill_job;
  if (slurm_kill_job(job_id, static_cast<uint16_t>(signal), 0) != SLURM_SUCCESS) {
    const int err = slurm_get_errno();
    if (err == ESLURM_ALREADY_DONE || err == ESLURM_INVALID_JOB_ID) return;  // nothing left to kill
    fail("slurm_kill_job " + std::to_string(job_id), err);
  }
}

std::vector<SlurmNodeRecord> SlurmApi::load_nodes() {
  std::lock_guard lock(state_->mutex);
  node_info_msg_t* nodes = nullptr;
  partition_info_msg_t* parts = nullptr;
  ++state_->counts.load_nodes;
  if (slurm_load_node(0, &nodes, SHOW_ALL) != SLURM_SUCCESS) fail("slurm_load_node", slurm_get_errno());
  ++state_->counts.load_partitions;
  if (slurm_load_partitions(0, &parts, SHOW_ALL) != SLURM_SUCCESS) {
    const int err = slurm_get_errno();
    slurm_free_node_info_msg(nodes);
    fail("slurm_load_partitions", err);
  }
  slurm_populate_node_partitions(nodes, parts);  // fills node_info_t::partitions, as scontrol does
  std::vector<SlurmNodeRecord> out;
  for (uint32_t i = 0; i < nodes->record_count; ++i) {
    const node_info_t& n = nodes->node_array[i];
    if (!n.name) continue;  // a FUTURE/cloud slot without a name
    SlurmNodeRecord r;
    r.name = n.name;
    r.state = node_state_name(n.node_state, r.usable);
    r.cpus = n.cpus;
    r.real_memory_mb = n.real_memory;
    r.tmp_disk_mb = n.tmp_disk;
    r.gres = str(n.gres);
    r.reason = str(n.reason);
    uint16_t alloc_cpus = 0;
    uint64_t alloc_mem = 0;
    if (slurm_get_select_nodeinfo(n.select_nodeinfo, SELECT_NODEDATA_SUBCNT, NODE_STATE_ALLOCATED, &alloc_cpus) ==
        SLURM_SUCCESS) {
      r.alloc_cpus = alloc_cpus;
    }
    if (slurm_get_select_nodeinfo(n.select_nodeinfo, SELECT_NODEDATA_MEM_ALLOC, NODE_STATE_ALLOCATED, &alloc_mem) ==
        SLURM_SUCCESS) {
      r.alloc_memory_mb = alloc_mem;
    }
    std::string list = str(n.partitions);
    for (std::size_t start = 0; start < list.size();) {
      std::size_t end = list.find(',', start);
      if (end == std::string::npos) end = list.size();
      if (end > start) r.partitions.push_back(list.substr(start, end - start));
      start = end + 1;
    }
    out.push_back(std::move(r));
  }
  slurm_free_partition_info_msg(parts);
  slurm_free_node_info_msg(nodes);
  return out;
}

std::vector<SlurmPartitionRecord> SlurmApi::load_partitions() {
  std::lock_guard lock(state_->mutex);
  partition_info_msg_t* parts = nullptr;
  ++state_->counts.load_partitions;
  if (slurm_load_partitions(0, &parts, SHOW_ALL) != SLURM_SUCCESS) fail("slurm_load_partitions", slurm_get_errno());
  std::vector<SlurmPartitionRecord> out;
  for (uint32_t i = 0; i < parts->record_count; ++i) {
    const partition_info_t& p = parts->partition_array[i];
    SlurmPartitionRecord r;
    r.name = str(p.name);
    r.nodes = str(p.nodes);
    r.total_nodes = p.total_nodes;
    r.total_cpus = p.total_cpus;
    if (p.max_time != INFINITE) r.max_time_minutes = p.max_time;
    r.up = (p.state_up & PARTITION_UP) == PARTITION_UP;
    out.push_back(std::move(r));
  }
  slurm_free_partition_info_msg(parts);
  return out;
}

SlurmWillRun SlurmApi::will_run(const SlurmJobDesc& d) {
  std::lock_guard lock(state_->mutex);
  std::vector<char*> env;
  job_desc_msg_t m;
  fill_job_desc(d, env, m);
  will_run_response_msg_t* resp = nullptr;
  ++state_->counts.will_run;
  SlurmWillRun out;
  if (slurm_job_will_run2(&m, &resp) != SLURM_SUCCESS) {
    const int err = slurm_get_errno();
    if (is_retryable(err)) fail("slurm_job_will_run2", err);  // the controller did not answer: no verdict
    out.error_code = err;
    out.error = slurm_strerror(err);
    return out;
  }
  out.runnable = true;
  out.start_time = resp->start_time;
  out.nodes = str(resp->node_list);
  out.partition = str(resp->part_name);
  slurm_free_will_run_response_msg(resp);
  return out;
}

SlurmControllerConfig SlurmApi::load_config() {
  std::lock_guard lock(state_->mutex);
  slurm_conf_t* conf = nullptr;
  ++state_->counts.load_config;
  if (slurm_load_ctl_conf(0, &conf) != SLURM_SUCCESS) fail("slurm_load_ctl_conf", slurm_get_errno());
  SlurmControllerConfig out;
  out.cluster_name = str(conf->cluster_name);
  out.jobcomp_type = str(conf->job_comp_type);
  out.jobcomp_loc = str(conf->job_comp_loc);
  out.min_job_age_seconds = conf->min_job_age;
  out.kill_wait_seconds = conf->kill_wait;
  slurm_free_ctl_conf(conf);
  return out;
}

std::vector<std::string> SlurmApi::expand_hostlist(const std::string& list) {
  std::vector<std::string> out;
  if (list.empty()) return out;
  hostlist_t hl = slurm_hostlist_create(list.c_str());
  if (!hl) throw Error(ErrorKind::Slurm, "slurm_hostlist_create: cannot parse node list \"" + list + "\"");
  while (char* host = slurm_hostlist_shift(hl)) {
    out.emplace_back(host);
    std::free(host);
  }
  slurm_hostlist_destroy(hl);
  return out;
}

}  // namespace sa::adapter
