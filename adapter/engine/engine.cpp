// The engine's cycle: reap endings, plan with windows, launch.
#include "engine/engine.hpp"

#include <algorithm>
#include <chrono>

#include "base/error.hpp"
#include "contract/job_manifest.hpp"
#include "engine/commit2_job.hpp"
#include "engine/failure.hpp"
#include "engine/job_comment.hpp"
#include "engine/pc1_batches.hpp"
#include "engine/request_json.hpp"
#include "engine/retry_policy.hpp"
#include "engine/task_stage.hpp"
#include "mapping/job_request.hpp"
#include "publish/atomic_file.hpp"
#include "render/job_script.hpp"
#include "sched/window_planner.hpp"
#include "store/shared_jobs.hpp"

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
  if (active && !job_needed_by_others(store_, *active)) backend_.cancel(JobHandle{active->job_id, active->tag});
}

namespace {

// A result file of this attempt that says "ok": the job is done whatever the batch system says yet.
bool ok_result_published(const AttemptRecord& a) {
  try {
    auto r = jobs::read_result(a.result_path);
    return r && r->status == jobs::ResultStatus::Ok && r->task_id == a.task_id && r->attempt == a.number;
  } catch (const std::exception&) {
    return false;
  }
}

// A member of a PC1 batch job shares its ending with the other ranks: say which rank it was and where the
// job's log is, since Slurm's words ("task 1: Out Of Memory") name ranks.
std::string batch_context(const AttemptRecord& a) {
  const nlohmann::json batch = a.request.is_object() ? a.request.value("batch", nlohmann::json()) : nlohmann::json();
  if (!batch.is_object() || batch.value("tasks", nlohmann::json::array()).size() < 2) return "";
  return " (rank " + std::to_string(batch.value("rank", 0)) + " of PC1 batch job " + a.job_id + ", " +
         std::to_string(batch["tasks"].size()) + " tasks; its log: " + batch.value("log", std::string()) + ")";
}

}  // namespace

std::string Engine::comment_prefix() const { return "sealadapter:" + site_.instance + ":"; }

void Engine::settle(const AttemptRecord& a, const JobStatus& status) {
  std::optional<jobs::JobResult> result;
  std::string result_error;
  try {
    result = jobs::read_result(a.result_path);
  } catch (const std::exception& e) {
    result_error = e.what();
  }
  std::optional<FailureDecision> decision = backend_.classify(status);
  AttemptOutcome o = decision ? classify_batch_ending(*decision, result, result_error, status, a, clock_())
                              : classify_ending(result, result_error, status, a, clock_());
  if (o.state != AttemptState::Succeeded) o.message += batch_context(a);
  auto task = store_.task(a.task_id);
  if (task && task->state == TaskState::Cancelled && o.state != AttemptState::Succeeded) {
    o.state = AttemptState::Cancelled;
  }
  store_.finish_attempt(a.id, o, clock_());
}

int Engine::reap() {
  int ended = 0;
  std::vector<AttemptRecord> polled;
  std::vector<JobHandle> handles;
  std::optional<std::vector<AdoptedJob>> adoptable;  // asked once per cycle, only when needed
  for (const AttemptRecord& a : store_.active_attempts()) {
    if (a.state == AttemptState::Starting) {
      // The engine stopped between recording the attempt and recording its job. The batch system may have
      // the job anyway: find it by its tag; else settle from the result file, or requeue.
      if (!adoptable) adoptable = backend_.adopt(comment_prefix());
      auto found = std::find_if(adoptable->begin(), adoptable->end(), [&](const AdoptedJob& j) {
        auto ids = comment_members(j.comment);
        return std::find(ids.begin(), ids.end(), std::make_pair(a.task_id, a.number)) != ids.end();
      });
      if (found != adoptable->end()) {
        store_.record_submission(a.id, std::string(backend_.name()), found->handle.job_id, found->handle.tag, clock_());
        continue;
      }
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
        o.retry_after = clock_();
        store_.finish_attempt(a.id, o, clock_());
      }
      ++ended;
      continue;
    }
    // The job's own result file is the first signal: an ok result settles the attempt at once.
    if (ok_result_published(a)) {
      JobStatus st;
      st.job_id = a.job_id;
      st.phase = JobPhase::Ended;
      st.node = a.node;
      settle(a, st);
      ++ended;
      continue;
    }
    polled.push_back(a);
    handles.push_back(JobHandle{a.job_id, a.tag});
  }
  // One batched question to the backend for everything else.
  std::vector<JobStatus> statuses = backend_.poll(handles);
  for (std::size_t i = 0; i < polled.size() && i < statuses.size(); ++i) {
    const AttemptRecord& a = polled[i];
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
  const std::vector<WorkerInfo> workers = backend_.workers();
  if (workers.empty()) return 0;

  // Each partition is planned as one worker with its nodes' resources together (Slurm places jobs on
  // nodes); pending jobs count as running, so never more is submitted than the partition could run now.
  std::map<std::string, PartitionPlan> plans;
  for (const Partition& p : site_.partitions) {
    PartitionPlan& plan = plans[p.name];
    plan.pool.name = p.name;
    for (const WorkerInfo& w : workers) {
      if (!w.partitions.empty() && std::find(w.partitions.begin(), w.partitions.end(), p.name) == w.partitions.end()) continue;
      plan.pool.cpus += w.cpus;
      plan.pool.mem_physical += w.mem_physical;
      plan.pool.mem_swap += w.mem_swap;
      plan.pool.mem_swap_used += w.mem_swap_used;
      plan.pool.gpus += w.gpus;
      plan.nodes.push_back(w);
    }
  }
  for (const AttemptRecord& a : store_.active_attempts()) {
    auto t = store_.task(a.task_id);
    auto it = plans.find(a.partition);
    if (t && it != plans.end()) it->second.running.push_back({t->type, t->proof, table_.get(t->type, t->proof)});
  }
  std::map<std::int64_t, const TaskRecord*> by_id;
  int started = 0;
  chained_.clear();
  for (const TaskRecord& t : ready) {
    if (t.type == TaskType::PreCommit2 && site_.pc2_placement == Pc2Placement::AfterOk) {
      auto dep = pc2_dependency(t);
      if (dep && dep->empty()) continue;  // its PC1 is not submitted yet
      if (dep) chained_[t.id] = *dep;
    }
    by_id[t.id] = &t;
    TaskSpec spec{t.type, t.proof, t.priority, t.ranks};
    const Partition* part = nullptr;
    try {
      part = &choose_partition(spec, table_, site_, t.partition);
    } catch (const Error&) {
      launch(t, nullptr);  // records why it cannot run
      ++started;
      continue;
    }
    plans[part->name].queue.push_back({t.id, QueueKey{t.type, t.priority, t.sector.number}, {t.type, t.proof, table_.get(t.type, t.proof)}});
  }
  for (auto& [name, plan] : plans) {
    if (plan.queue.empty()) continue;
    const Partition* part = site_.find_partition(name);
    WindowPlan wp = plan_windows(plan.queue, plan.running, plan.pool);
    for (std::int64_t id : wp.unassigned) {
      const TaskRecord& t = *by_id[id];
      TaskNeed need{t.type, t.proof, table_.get(t.type, t.proof)};
      bool fits_a_node = std::any_of(plan.nodes.begin(), plan.nodes.end(),
                                     [&](const WorkerInfo& w) { return ActiveResources{}.can_handle(need, w); });
      if (fits_a_node) continue;  // waits for room
      // It would not fit even an idle node, so waiting cannot help: fail it with the numbers (an operator
      // can change the site or the overrides and `retry`). Lotus leaves such tasks queued forever.
      report.blocked[id] = too_big(t, plan);
      store_.reject(id, "cannot run on this site: " + report.blocked[id], now);
    }
    // Submits one job unless the partition's submissions wait (cap, rate); later tasks wait with it.
    bool blocked = false;
    auto may_submit = [&] {
      if (blocked) return false;
      if (std::string why = backend_.submit_blocker(name); !why.empty()) {
        report.waiting[name] = why;
        blocked = true;
      }
      return !blocked;
    };
    std::vector<BatchCandidate> pc1s;
    for (std::int64_t id : wp.start) {
      const TaskRecord& t = *by_id[id];
      if (batchable(t)) {
        pc1s.push_back({id, t.proof.id, std::max(t.created_at, t.not_before)});
        continue;
      }
      if (!may_submit()) break;
      launch(t, part);
      ++started;
    }
    if (pc1s.empty() || blocked) continue;
    auto limit = [&](std::int64_t proof) {
      for (const auto& c : pc1s) {
        if (c.proof == proof) return batch_limit(*by_id[c.task_id], *part);
      }
      return 1;
    };
    for (const auto& batch : plan_pc1_batches(pc1s, limit, site_.pc1_batch_wait, now).batches) {
      if (!may_submit()) break;
      std::vector<const TaskRecord*> members;
      for (std::int64_t id : batch) members.push_back(by_id[id]);
      if (members.size() == 1) {
        launch(*members[0], part, {{"tasks", {members[0]->id}}, {"rank", 0},
                                   {"alone", alone_reason(*members[0], *part, limit(members[0]->proof.id))}});
      } else {
        launch_batch(members, *part);
      }
      started += static_cast<int>(members.size());
    }
  }
  return started;
}

std::string Engine::too_big(const TaskRecord& t, const PartitionPlan& plan) const {
  const Resources r = table_.get(t.type, t.proof);
  WorkerInfo biggest;
  for (const WorkerInfo& w : plan.nodes) {
    if (w.mem_physical + w.mem_swap > biggest.mem_physical + biggest.mem_swap) biggest = w;
  }
  return std::string(short_name(t.type)) + " " + std::string(params::sector_size_name(t.proof.size())) + " needs " +
         std::to_string((r.min_memory + r.base_min_memory) >> 20) + " MiB resident, " +
         std::to_string((r.max_memory + r.base_min_memory) >> 20) + " MiB peak and " +
         std::to_string(r.threads(biggest.cpus, biggest.gpus)) + " threads; the largest node of partition " +
         plan.pool.name + " (" + biggest.name + ") has " + std::to_string(biggest.mem_physical >> 20) + " MiB RAM, " +
         std::to_string(biggest.mem_swap >> 20) + " MiB swap and " + std::to_string(biggest.cpus) + " CPUs";
}

std::optional<std::string> Engine::pc2_dependency(const TaskRecord& task) const {
  auto pc1 = store_.find_task(task.sector, TaskType::PreCommit1);
  if (!pc1 || is_terminal(pc1->state)) return std::nullopt;
  if (backend_.name() == "slurm") {
    for (const AttemptRecord& a : store_.attempts_of(pc1->id)) {
      if ((a.state == AttemptState::Submitted || a.state == AttemptState::Running) && !a.job_id.empty()) {
        return "afterok:" + a.job_id;
      }
    }
  }
  return std::string();  // PC1 is not in the batch system yet (or there are no dependencies here)
}

std::vector<std::string> Engine::pc1_node(const TaskRecord& task, const JobRequest& request) const {
  auto pc1 = store_.find_task(task.sector, TaskType::PreCommit1);
  if (!pc1) return {};
  auto attempts = store_.attempts_of(pc1->id);
  for (auto a = attempts.rbegin(); a != attempts.rend(); ++a) {
    if (a->state != AttemptState::Succeeded) continue;
    // Only a single node of the same partition that this attempt has not been told to avoid.
    if (a->partition != request.partition || a->node.empty() || a->node.find_first_of(",[") != std::string::npos) return {};
    for (const auto& x : request.exclude_nodes) {
      if (x == a->node) return {};
    }
    return {a->node};
  }
  return {};
}

JobRequest Engine::request_for(const TaskRecord& task, const Partition& partition) {
  TaskSpec spec{task.type, task.proof, task.priority, task.ranks};
  JobRequest request = map_task(spec, table_, partition, site_);
  request = adjust_for_history(request, store_.attempts_of(task.id), partition);
  if (task.type == TaskType::PreCommit2 && site_.pc2_placement == Pc2Placement::SameNode) {
    request.nodelist = pc1_node(task, request);
  }
  if (auto dep = chained_.find(task.id); dep != chained_.end()) request.dependency = dep->second;
  for (const auto& [k, v] : options_.forward_env) request.env.emplace(k, v);
  return request;
}

jobs::JobManifest Engine::manifest_for(const TaskRecord& task, const AttemptRecord& a, std::string_view stage) const {
  jobs::JobManifest m;
  m.task_id = task.id;
  m.attempt = a.number;
  m.task_type = std::string(task_string(task.type));
  m.stage = std::string(stage);
  m.miner = task.sector.miner;
  m.sector = task.sector.number;
  m.proof_type = task.proof.id;
  m.ranks = task.ranks;
  m.storage_dir = site_.storage_dir;
  m.scratch_dir = site_.scratch_dir;
  m.result_path = a.result_path;
  m.inputs = task.inputs;
  return m;
}

void Engine::fail_launch(const AttemptRecord& a, const Error& e) {
  AttemptOutcome o;
  o.state = AttemptState::Failed;
  o.task_event = e.retryable() ? TaskEvent::FailedRetryable : TaskEvent::FailedPermanent;
  o.failure_class = std::string(failure_class_name(FailureClass::LaunchFailed));
  o.message = e.what();
  o.retry_after = clock_() + retry_backoff_seconds(a.number + 1);
  store_.finish_attempt(a.id, o, clock_());
}

void Engine::launch(const TaskRecord& task, const Partition* chosen, const nlohmann::json& batch) {
  const double now = clock_();
  auto stage = stage_for(task.type);
  TaskSpec spec{task.type, task.proof, task.priority, task.ranks};
  // A task the site cannot map (no partition takes it, too big for its nodes) still gets an attempt, so the
  // reason is recorded where people look for it.
  std::optional<Error> plan_error;
  const Partition* partition = chosen;
  JobRequest request;
  try {
    if (!partition) partition = &choose_partition(spec, table_, site_, task.partition);
    request = request_for(task, *partition);
  } catch (const Error& e) {
    plan_error = e;
  }

  const int number = task.attempts + 1;
  std::filesystem::path dir = attempt_dir(task.id, number);
  std::filesystem::create_directories(dir);
  nlohmann::json recorded = plan_error ? nlohmann::json::object() : to_json(request);
  if (!batch.is_null()) recorded["batch"] = batch;
  AttemptRecord a = store_.begin_attempt(task.id, partition ? partition->name : "", recorded,
                                         (dir / "manifest.json").string(), (dir / "result.json").string(), now);
  JobLaunch l;
  try {
    if (plan_error) throw *plan_error;
    if (!stage) throw Error(ErrorKind::Usage, std::string(short_name(task.type)) + " has no job stage in this release");
    jobs::JobManifest m = manifest_for(task, a, *stage);
    if (task.type == TaskType::Commit2) {
      m.inputs = commit2_job_inputs(m.inputs, task.proof, *partition, site_, options_.forward_env);
    }
    jobs::write_manifest(a.manifest_path, m);

    l.tag = job_tag(site_.instance, task.sector.miner, task.sector.number, task.type, a.number);
    l.comment = job_comment(comment_prefix(), {{task.id, a.number}});
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
    fail_launch(a, e);
  }
}

}  // namespace sa::adapter
