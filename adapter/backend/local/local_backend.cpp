// Local jobs: spawn, poll with waitpid (or /proc for adopted jobs), cancel with SIGTERM then SIGKILL.
#include "backend/local/local_backend.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "backend/local/spawn.hpp"
#include "base/error.hpp"

namespace sa::adapter {

namespace {

double monotonic_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Field 22 of /proc/<pid>/stat (start time in clock ticks) and field 3 (state).
bool proc_stat(pid_t pid, unsigned long long& start, char& state) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string s;
  if (!std::getline(in, s)) return false;
  auto close = s.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream ss(s.substr(close + 2));
  ss >> state;
  std::string skip;
  for (int field = 4; field < 22; ++field) ss >> skip;
  ss >> start;
  return static_cast<bool>(ss);
}

bool parse_job_id(const std::string& id, pid_t& pid, unsigned long long& start) {
  auto dot = id.find('.');
  if (dot == std::string::npos) return false;
  try {
    pid = static_cast<pid_t>(std::stol(id.substr(0, dot)));
    start = std::stoull(id.substr(dot + 1));
    return pid > 0;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

std::string local_job_id(pid_t pid) {
  unsigned long long start = 0;
  char state = 0;
  if (!proc_stat(pid, start, state)) return {};
  return std::to_string(pid) + "." + std::to_string(start);
}

LocalBackend::LocalBackend(HostResources host, LocalOptions options) : host_(std::move(host)), options_(std::move(options)) {
  if (options_.mpirun.is_relative()) options_.mpirun = find_program(options_.mpirun.string());
}

LocalBackend::~LocalBackend() = default;

std::vector<int> LocalBackend::take_cpus(int n) {
  std::vector<int> got;
  for (int c : host_.cpu_ids) {
    if (static_cast<int>(got.size()) == n) break;
    if (!busy_cpus_.count(c)) got.push_back(c);
  }
  // Fewer free CPUs than asked (a 0-thread task, or windows admitted it): share them all rather than
  // squeezing it onto a subset.
  if (static_cast<int>(got.size()) < n) return host_.cpu_ids;
  busy_cpus_.insert(got.begin(), got.end());
  return got;
}

std::vector<int> LocalBackend::take_gpus(int n) {
  std::vector<int> got;
  for (int g = 0; g < static_cast<int>(host_.gpus.size()) && static_cast<int>(got.size()) < n; ++g) {
    if (!busy_gpus_.count(g)) got.push_back(g);
  }
  busy_gpus_.insert(got.begin(), got.end());
  return got;
}

void LocalBackend::release(Child& c) {
  for (int cpu : c.cpus) busy_cpus_.erase(cpu);
  for (int g : c.gpus) busy_gpus_.erase(g);
  c.cpus.clear();
  c.gpus.clear();
}

JobHandle LocalBackend::submit_(const JobLaunch& l) {
  const JobRequest& r = l.request;
  SpawnSpec spec;
  std::vector<std::string> job_args = {l.stage, "--manifest", l.manifest.string()};
  if (r.ntasks > 1) {
    if (options_.mpirun.empty()) throw Error(ErrorKind::Config, "mpirun not found on PATH: needed for jobs with several ranks");
    spec.program = options_.mpirun;
    spec.args = {"-n", std::to_string(r.ntasks), "--oversubscribe", "--bind-to", "none"};
    if (::geteuid() == 0) spec.args.push_back("--allow-run-as-root");
    spec.args.push_back(l.job_binary.string());
    spec.args.insert(spec.args.end(), job_args.begin(), job_args.end());
  } else {
    spec.program = l.job_binary;
    spec.args = job_args;
  }
  spec.env_overrides = r.env;
  spec.env_overrides["SA_JOB_TAG"] = l.tag;
  Child c;
  c.cpus = take_cpus(r.cpus_per_task * r.ntasks);
  c.gpus = take_gpus(r.gpus);
  if (r.gpus > 0 && !c.gpus.empty()) {
    std::string list;
    for (int g : c.gpus) list += (list.empty() ? "" : ",") + std::to_string(g);
    spec.env_overrides["CUDA_VISIBLE_DEVICES"] = list;
  }
  spec.cpus = c.cpus;
  spec.workdir = l.workdir;
  spec.log = l.log;
  try {
    c.pid = spawn_process(spec);
  } catch (...) {
    release(c);
    throw;
  }
  c.started = monotonic_seconds();
  c.limit_minutes = r.time_limit_minutes;
  c.limit_seconds = r.time_limit_minutes * options_.walltime_minute_seconds;
  std::string id = local_job_id(c.pid);
  if (id.empty()) id = std::to_string(c.pid) + ".0";  // already gone: waitpid still reports it
  jobs_[id] = c;
  return JobHandle{id, l.tag};
}

JobStatus LocalBackend::poll_one(const std::string& job_id) {
  JobStatus st;
  st.job_id = job_id;
  st.node = host_.hostname;
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) {  // a job from before a restart: not our child, so only /proc can tell
    pid_t pid = 0;
    unsigned long long start = 0, now_start = 0;
    char state = 0;
    if (!parse_job_id(job_id, pid, start)) {
      st.phase = JobPhase::Unknown;
      st.reason = "not a local job id";
      return st;
    }
    if (proc_stat(pid, now_start, state) && now_start == start && state != 'Z') {
      Child c;
      c.pid = pid;
      c.ours = false;
      jobs_[job_id] = c;
      st.phase = JobPhase::Running;
    } else {
      st.phase = JobPhase::Ended;
      st.reason = "ended while the adapter was not running";
    }
    return st;
  }
  Child& c = it->second;
  bool ended = false;
  if (c.ours) {
    int status = 0;
    pid_t r = ::waitpid(c.pid, &status, WNOHANG);
    if (r == c.pid) {
      ended = true;
      if (WIFEXITED(status)) st.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) st.signal = WTERMSIG(status);
    } else if (r < 0) {
      ended = true;
    }
  } else {
    unsigned long long start = 0;
    char state = 0;
    ended = !proc_stat(c.pid, start, state) || state == 'Z';
  }
  if (!ended) {
    st.phase = JobPhase::Running;
    if (c.limit_seconds > 0 && c.cancel_sent == 0 && monotonic_seconds() - c.started > c.limit_seconds) {
      c.timed_out = true;
      c.cancel_sent = monotonic_seconds();
      ::kill(-c.pid, SIGTERM);
    }
    if (c.cancel_sent > 0 && monotonic_seconds() - c.cancel_sent > options_.kill_grace_seconds) ::kill(-c.pid, SIGKILL);
    return st;
  }
  st.phase = JobPhase::Ended;
  st.cancelled = c.cancel_sent > 0 && !c.timed_out;
  if (st.signal) st.reason = "killed by signal " + std::to_string(*st.signal);
  if (c.timed_out) {
    st.batch_state = "TIMEOUT";
    st.reason = "the job reached its time limit of " + std::to_string(c.limit_minutes) + " min";
  }
  release(c);
  jobs_.erase(it);
  return st;
}

std::vector<JobStatus> LocalBackend::poll_(const std::vector<JobHandle>& jobs) {
  std::vector<JobStatus> out;
  out.reserve(jobs.size());
  for (const auto& j : jobs) out.push_back(poll_one(j.job_id));
  return out;
}

void LocalBackend::cancel_(const JobHandle& job) {
  auto it = jobs_.find(job.job_id);
  pid_t pid = 0;
  unsigned long long start = 0;
  if (it != jobs_.end()) {
    pid = it->second.pid;
    it->second.cancel_sent = monotonic_seconds();
  } else if (parse_job_id(job.job_id, pid, start)) {
    unsigned long long now_start = 0;
    char state = 0;
    if (!proc_stat(pid, now_start, state) || now_start != start) return;  // already gone
    Child c;
    c.pid = pid;
    c.ours = false;
    c.cancel_sent = monotonic_seconds();
    jobs_[job.job_id] = c;
  }
  if (pid > 0) ::kill(-pid, SIGTERM);
}

std::optional<FailureDecision> LocalBackend::classify_(const JobStatus& status) {
  if (status.phase != JobPhase::Ended || status.batch_state != "TIMEOUT") return std::nullopt;
  FailureDecision d;
  d.action = EndingAction::RetryMoreTime;
  d.failure_class = "timeout";
  d.retryable = true;
  d.time_factor = 2.0;  // as for Slurm's TIMEOUT (slurm_state.hpp)
  d.message = status.reason;
  return d;
}

std::vector<WorkerInfo> LocalBackend::workers_() {
  WorkerInfo w;
  w.name = host_.hostname;
  w.cpus = host_.cpus();
  w.mem_physical = host_.mem_total;
  w.mem_swap = host_.swap_total;
  w.mem_used = 0;  // as Lotus: the snapshot is taken once; tasks are accounted by the windows
  w.mem_swap_used = host_.swap_total - host_.swap_free;
  w.gpus = static_cast<int>(host_.gpus.size());
  return {w};
}

}  // namespace sa::adapter
