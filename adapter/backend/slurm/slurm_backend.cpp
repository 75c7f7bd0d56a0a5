// SlurmBackend (slurm_backend.hpp). The snapshot holds this adapter's jobs as of the controller's last
// answer; a poll asks once for what changed since then, so a quiet cluster costs one tiny RPC per cycle
// however many jobs are followed.
#include "backend/slurm/slurm_backend.hpp"

#include <charconv>
#include <chrono>

#include "backend/slurm/cluster_view.hpp"
#include "backend/slurm/slurm_state.hpp"
#include "base/error.hpp"

namespace sa::adapter {

namespace {

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::optional<std::uint32_t> parse_job_id(const std::string& s) {
  std::uint32_t id = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || end != s.data() + s.size() || id == 0) return std::nullopt;
  return id;
}

bool starts_with(const std::string& s, const std::string& prefix) { return !prefix.empty() && s.rfind(prefix, 0) == 0; }

}  // namespace

SlurmOptions slurm_options_for(const SiteConfig& site) {
  SlurmOptions o;
  o.instance = site.instance;
  for (const Partition& p : site.partitions) {
    o.partitions.insert(p.name);
    if (p.max_jobs > 0) o.max_jobs[p.name] = p.max_jobs;
  }
  return o;
}

// `options` is copied, not moved: the order in which the two arguments are built is unspecified.
SlurmBackend::SlurmBackend(SlurmOptions options)
    : SlurmBackend(std::make_unique<SlurmApi>(options.slurm_conf), options) {}

SlurmBackend::SlurmBackend(std::unique_ptr<SlurmClient> owned, SlurmOptions options)
    : SlurmBackend(*owned, std::move(options)) {
  owned_ = std::move(owned);
}

SlurmBackend::SlurmBackend(SlurmClient& client, SlurmOptions options, Clock clock)
    : client_(&client),
      options_(std::move(options)),
      clock_(clock ? std::move(clock) : Clock(steady_seconds)),
      limiter_(options_.submit_rate, options_.submit_burst, options_.max_jobs) {}

SlurmBackend::~SlurmBackend() = default;

bool SlurmBackend::ours(const SlurmJobRecord& r) const {
  return starts_with(r.name, options_.instance + "-") ||
         starts_with(r.comment, "sealadapter:" + options_.instance + ":") || tracked_.count(r.job_id) > 0;
}

std::string SlurmBackend::submit_blocker_(const std::string& partition) { return limiter_.blocker(partition, clock_()); }

std::optional<FailureDecision> SlurmBackend::classify_(const JobStatus& status) { return classify_slurm_ending(status); }

JobHandle SlurmBackend::submit_(const JobLaunch& l) {
  if (const std::string why = submit_blocker(l.request.partition); !why.empty()) {
    throw Error(ErrorKind::Resource, "submit " + l.tag + ": " + why, Retry::Retryable);
  }
  const SlurmJobDesc desc = make_job_desc(l, options_.submit);
  const SlurmSubmitted s = client_->submit(desc);
  const std::string id = std::to_string(s.job_id);
  limiter_.submitted(l.request.partition, id, clock_());
  tracked_.insert(s.job_id);
  return JobHandle{id, l.tag};
}

void SlurmBackend::refresh_snapshot(bool full) {
  if (full) last_update_ = 0;
  auto jobs = client_->load_jobs(&last_update_);
  if (!jobs) return;  // SLURM_NO_CHANGE_IN_DATA: the snapshot is still the truth
  snapshot_.clear();
  for (SlurmJobRecord& r : *jobs) {
    if (ours(r)) snapshot_.emplace(r.job_id, std::move(r));
  }
}

std::filesystem::path SlurmBackend::jobcomp_file() {
  if (!jobcomp_resolved_) {
    std::filesystem::path file = options_.jobcomp_file;
    if (file.empty()) {
      const SlurmControllerConfig c = client_->load_config();
      if (c.jobcomp_type == "jobcomp/filetxt") file = c.jobcomp_loc;
    }
    if (!file.empty()) jobcomp_.emplace(file);
    jobcomp_resolved_ = true;
  }
  return jobcomp_ ? jobcomp_->file() : std::filesystem::path();
}

JobStatus SlurmBackend::missing_job(std::uint32_t id, const JobHandle& h) {
  const std::filesystem::path file = jobcomp_file();
  if (jobcomp_) {
    jobcomp_->refresh();
    if (auto rec = jobcomp_->find(id, h.tag)) {
      JobStatus st = status_from_jobcomp(*rec);
      st.cancelled = st.batch_state == "CANCELLED" && cancelled_.count(id) > 0;
      return st;
    }
  }
  JobStatus st;
  st.job_id = h.job_id;
  st.phase = JobPhase::Unknown;
  st.reason = "slurmctld no longer knows job " + h.job_id +
              (file.empty() ? " and the cluster keeps no jobcomp/filetxt log"
                            : " and the jobcomp log " + file.string() + " has no record of it");
  return st;
}

std::vector<JobStatus> SlurmBackend::poll_(const std::vector<JobHandle>& jobs) {
  // A job we did not follow yet (adapter restarted) may have been filtered out of the snapshot: one full
  // load then, instead of declaring it missing.
  bool full = false;
  for (const JobHandle& h : jobs) {
    if (auto id = parse_job_id(h.job_id); id && tracked_.insert(*id).second && !snapshot_.count(*id)) full = true;
  }
  refresh_snapshot(full);
  std::vector<JobStatus> out;
  out.reserve(jobs.size());
  for (const JobHandle& h : jobs) {
    const auto id = parse_job_id(h.job_id);
    JobStatus st;
    if (!id) {
      st.job_id = h.job_id;
      st.phase = JobPhase::Unknown;
      st.reason = "\"" + h.job_id + "\" is not a Slurm job id";
    } else if (auto it = snapshot_.find(*id); it != snapshot_.end()) {
      st = status_from_record(it->second);
      st.cancelled = st.phase == JobPhase::Ended && st.batch_state == "CANCELLED" && cancelled_.count(*id) > 0;
    } else {
      st = missing_job(*id, h);
    }
    if (st.phase == JobPhase::Ended || st.phase == JobPhase::Unknown) limiter_.finished(h.job_id);
    out.push_back(std::move(st));
  }
  return out;
}

void SlurmBackend::cancel_(const JobHandle& job) {
  const auto id = parse_job_id(job.job_id);
  if (!id) throw Error(ErrorKind::Internal, "cancel: \"" + job.job_id + "\" is not a Slurm job id");
  client_->kill_job(*id, options_.cancel_signal);
  cancelled_.insert(*id);
}

std::vector<WorkerInfo> SlurmBackend::workers_() {
  // Node sizes change rarely; asking once per 10 s keeps the controller quiet while the engine cycles.
  const double now = clock_();
  if (workers_cache_.empty() || now - workers_at_ >= 10.0) {
    workers_cache_ = workers_from_nodes(client_->load_nodes(), options_.partitions);
    workers_at_ = now;
  }
  return workers_cache_;
}

JobValidation SlurmBackend::validate(const JobLaunch& l) {
  const SlurmJobDesc desc = make_job_desc(l, options_.submit);
  const SlurmWillRun w = client_->will_run(desc);
  JobValidation v;
  v.runnable = w.runnable;
  v.partition = w.partition.empty() ? desc.partition : w.partition;
  v.nodes = w.nodes;
  v.expected_start = w.start_time;
  if (!w.runnable) v.explanation = explain_unrunnable(desc, client_->load_nodes(), w.error);
  return v;
}

std::vector<AdoptedJob> SlurmBackend::adopt_by_tag(const std::string& tag_prefix) {
  std::int64_t when = 0;
  auto jobs = client_->load_jobs(&when);
  std::vector<AdoptedJob> out;
  if (!jobs) return out;
  last_update_ = when;
  snapshot_.clear();
  for (SlurmJobRecord& r : *jobs) {
    const bool match = starts_with(r.name, tag_prefix) || starts_with(r.comment, tag_prefix);
    if (match) {
      JobStatus st = status_from_record(r);
      if (st.phase == JobPhase::Pending || st.phase == JobPhase::Running) {
        const std::string id = std::to_string(r.job_id);
        limiter_.adopted(r.partition, id);
        tracked_.insert(r.job_id);
        out.push_back(AdoptedJob{JobHandle{id, r.name}, r.comment, r.partition, std::move(st)});
      }
    }
    if (ours(r)) snapshot_.emplace(r.job_id, std::move(r));
  }
  return out;
}

std::optional<SlurmJobRecord> SlurmBackend::last_record(const std::string& job_id) const {
  const auto id = parse_job_id(job_id);
  if (!id) return std::nullopt;
  auto it = snapshot_.find(*id);
  if (it == snapshot_.end()) return std::nullopt;
  return it->second;
}

}  // namespace sa::adapter
