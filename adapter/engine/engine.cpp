// The engine's cycle: reap endings, plan with windows, launch.
#include "engine/engine.hpp"

#include <chrono>

#include "base/error.hpp"
#include "contract/job_manifest.hpp"
#include "engine/failure.hpp"
#include "engine/request_json.hpp"
#include "engine/task_stage.hpp"
#include "mapping/job_request.hpp"
#include "publish/atomic_file.hpp"
#include "render/job_script.hpp"
#include "sched/window_planner.hpp"

namespace sa::adapter {

double wall_clock() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Engine::Engine(Store& store, Backend& backend, const SiteConfig& site, ResourceTable table, EngineOptions options,
               Clock clock)
    : store_(store), backend_(backend), site_(site), table_(std::move(table)), options_(std::move(options)),
      clock_(std::move(clock)) {}

std::filesystem::path Engine::attempt_dir(std::int64_t task_id, int attempt) const {
  return site_.state_dir / "jobs" / std::to_string(task_id) / ("a" + std::to_string(attempt));
}

CycleReport Engine::step() {
  CycleReport report;
  report.ended = reap();
  report.started = start_ready(report);
  report.active = static_cast<int>(store_.active_attempts().size());
  report.queued = static_cast<int>(store_.tasks({{TaskState::Queued}}).size());
  return report;
}

void Engine::cancel(std::int64_t task_id) {
  auto active = store_.cancel(task_id, clock_());
  if (active) backend_.cancel(JobHandle{active->job_id, active->tag});
}

void Engine::settle(const AttemptRecord& a, const JobStatus& status) {
  std::optional<jobs::JobResult> result;
  std::string result_error;
  try {
    result = jobs::read_result(a.result_path);
  } catch (const std::exception& e) {
    result_error = e.what();
  }
  AttemptOutcome o = classify_ending(result, result_error, status, a, clock_());
  auto task = store_.task(a.task_id);
  if (task && task->state == TaskState::Cancelled && o.state != AttemptState::Succeeded) {
    o.state = AttemptState::Cancelled;
  }
  store_.finish_attempt(a.id, o, clock_());
}

int Engine::reap() {
  int ended = 0;
  std::vector<AttemptRecord> submitted;
  std::vector<JobHandle> handles;
  for (const AttemptRecord& a : store_.active_attempts()) {
    if (a.state == AttemptState::Starting) {
      // The engine stopped between recording the attempt and recording its job: settle it from its result
      // file if the job got that far, otherwise requeue without spending the attempt.
      JobStatus st;
      st.phase = JobPhase::Ended;
      st.reason = "the adapter stopped while submitting this job";
      if (std::filesystem::exists(a.result_path)) {
        settle(a, st);
      } else {
        AttemptOutcome o;
        o.state = AttemptState::Lost;
        o.task_event = TaskEvent::Requeued;
        o.failure_class = "lost";
        o.message = st.reason;
        store_.finish_attempt(a.id, o, clock_());
      }
      ++ended;
      continue;
    }
    submitted.push_back(a);
    handles.push_back(JobHandle{a.job_id, a.tag});
  }
  std::vector<JobStatus> statuses = backend_.poll(handles);
  for (std::size_t i = 0; i < submitted.size() && i < statuses.size(); ++i) {
    const AttemptRecord& a = submitted[i];
    const JobStatus& st = statuses[i];
    if (st.phase == JobPhase::Ended || (st.phase == JobPhase::Unknown && std::filesystem::exists(a.result_path))) {
      settle(a, st);
      ++ended;
    } else if (st.phase == JobPhase::Unknown) {
      AttemptOutcome o;
      o.state = AttemptState::Lost;
      o.task_event = TaskEvent::FailedRetryable;
      o.failure_class = "lost";
      o.message = st.reason.empty() ? "the backend no longer knows this job" : st.reason;
      o.retry_after = clock_() + retry_backoff_seconds(a.number + 1);
      store_.finish_attempt(a.id, o, clock_());
      ++ended;
    } else {
      AttemptState s = st.phase == JobPhase::Running ? AttemptState::Running : AttemptState::Submitted;
      store_.record_job_progress(a.id, s, st.node, st.reason, clock_());
    }
  }
  return ended;
}

int Engine::start_ready(CycleReport& report) {
  const double now = clock_();
  std::vector<TaskRecord> ready;
  for (TaskRecord& t : store_.tasks({{TaskState::Queued}})) {
    if (t.not_before <= now) ready.push_back(std::move(t));
  }
  if (ready.empty()) return 0;

  std::vector<TaskNeed> running;
  for (const AttemptRecord& a : store_.active_attempts()) {
    if (auto t = store_.task(a.task_id)) running.push_back({t->type, t->proof, table_.get(t->type, t->proof)});
  }
  std::vector<PlannedTask> queue;
  std::map<std::int64_t, const TaskRecord*> by_id;
  for (const TaskRecord& t : ready) {
    queue.push_back({t.id, QueueKey{t.type, t.priority, t.sector.number}, {t.type, t.proof, table_.get(t.type, t.proof)}});
    by_id[t.id] = &t;
  }
  // The local backend has one worker; the Slurm backend plans per partition node (issue 4).
  std::vector<WorkerInfo> workers = backend_.workers();
  if (workers.empty()) return 0;
  WindowPlan plan = plan_windows(queue, running, workers.front());
  for (std::int64_t id : plan.unassigned) {
    // Unassigned tasks usually just wait for room in a later cycle; only one that would not fit even an
    // idle worker can never run. Fail that one with the numbers (an operator can change the site or the
    // overrides and `retry`); Lotus leaves such tasks queued forever.
    const TaskRecord& t = *by_id[id];
    const WorkerInfo& w = workers.front();
    TaskNeed need{t.type, t.proof, table_.get(t.type, t.proof)};
    if (ActiveResources{}.can_handle(need, w)) continue;
    const Resources& r = need.res;
    report.blocked[id] = std::string(short_name(t.type)) + " " + std::string(params::sector_size_name(t.proof.size())) +
                         " needs " + std::to_string((r.min_memory + r.base_min_memory) >> 20) + " MiB resident, " +
                         std::to_string((r.max_memory + r.base_min_memory) >> 20) + " MiB peak and " +
                         std::to_string(r.threads(w.cpus, w.gpus)) + " threads; worker " + w.name + " has " +
                         std::to_string(w.mem_physical >> 20) + " MiB RAM, " + std::to_string(w.mem_swap >> 20) +
                         " MiB swap and " + std::to_string(w.cpus) + " CPUs";
    store_.reject(id, "cannot run on this site: " + report.blocked[id], now);
  }
  int started = 0;
  for (std::int64_t id : plan.start) {
    launch(*by_id[id]);
    ++started;
  }
  return started;
}

void Engine::launch(const TaskRecord& task) {
  const double now = clock_();
  auto stage = stage_for(task.type);
  TaskSpec spec{task.type, task.proof, task.priority, task.ranks};
  // A task the site cannot map (no partition takes it, too big for its nodes) still gets an attempt, so the
  // reason is recorded where people look for it.
  std::optional<Error> plan_error;
  const Partition* partition = nullptr;
  JobRequest request;
  try {
    partition = &choose_partition(spec, table_, site_, task.partition);
    request = map_task(spec, table_, *partition, site_);
    for (const auto& [k, v] : options_.forward_env) request.env.emplace(k, v);
  } catch (const Error& e) {
    plan_error = e;
  }

  const int number = task.attempts + 1;
  std::filesystem::path dir = attempt_dir(task.id, number);
  std::filesystem::create_directories(dir);
  AttemptRecord a = store_.begin_attempt(task.id, partition ? partition->name : "",
                                         plan_error ? nlohmann::json::object() : to_json(request),
                                         (dir / "manifest.json").string(), (dir / "result.json").string(), now);
  JobLaunch l;
  try {
    if (plan_error) throw *plan_error;
    if (!stage) throw Error(ErrorKind::Usage, std::string(short_name(task.type)) + " has no job stage in this release");
    jobs::JobManifest m;
    m.task_id = task.id;
    m.attempt = a.number;
    m.task_type = std::string(task_string(task.type));
    m.stage = std::string(*stage);
    m.miner = task.sector.miner;
    m.sector = task.sector.number;
    m.proof_type = task.proof.id;
    m.ranks = task.ranks;
    m.storage_dir = site_.storage_dir;
    m.scratch_dir = site_.scratch_dir;
    m.result_path = a.result_path;
    m.inputs = task.inputs;
    jobs::write_manifest(a.manifest_path, m);

    l.tag = job_tag(site_.instance, task.sector.miner, task.sector.number, task.type, a.number);
    l.comment = "sealadapter:" + site_.instance + ":task=" + std::to_string(task.id) + ":attempt=" + std::to_string(a.number);
    l.request = request;
    l.stage = m.stage;
    l.job_binary = options_.job_binary;
    l.manifest = a.manifest_path;
    l.result = a.result_path;
    l.workdir = dir;
    l.log = dir / "job.log";
    JobScriptContext ctx{l.tag, l.comment, l.manifest, l.job_binary, l.stage, l.workdir, l.log};
    l.script = render_job_script(request, ctx, site_, *partition);
    staging::write_file_atomic(dir / "job.sh", l.script, 0755);
    JobHandle h = backend_.submit(l);
    store_.record_submission(a.id, std::string(backend_.name()), h.job_id, l.tag, clock_());
  } catch (const Error& e) {
    AttemptOutcome o;
    o.state = AttemptState::Failed;
    o.task_event = e.retryable() ? TaskEvent::FailedRetryable : TaskEvent::FailedPermanent;
    o.failure_class = std::string(failure_class_name(FailureClass::LaunchFailed));
    o.message = e.what();
    o.retry_after = clock_() + retry_backoff_seconds(a.number + 1);
    store_.finish_attempt(a.id, o, clock_());
  }
}

}  // namespace sa::adapter
