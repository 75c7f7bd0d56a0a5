// PC1 batches: several PC1 tasks in one job, one sector per rank (site keys pc1_batch, pc1_batch_wait).
// Every task keeps its own attempt, manifest and result; the attempts share the job id, so the job is
// polled once for all of them and each settles from its own result file.
#include <algorithm>

#include "base/error.hpp"
#include "contract/job_batch.hpp"
#include "engine/engine.hpp"
#include "engine/job_comment.hpp"
#include "engine/request_json.hpp"
#include "engine/task_stage.hpp"
#include "mapping/batch_request.hpp"
#include "publish/atomic_file.hpp"
#include "render/job_script.hpp"

namespace sa::adapter {

namespace {

// A member's job.log names the batch's log (replaced if an earlier engine run left one).
void link_log(const std::filesystem::path& link, const std::filesystem::path& log) {
  std::error_code ec;
  std::filesystem::remove(link, ec);
  std::filesystem::create_symlink(log, link, ec);
  if (ec) throw Error(ErrorKind::Io, "cannot link " + link.string() + " to " + log.string() + ": " + ec.message());
}

}  // namespace

std::string Engine::alone_reason(const TaskRecord& t, const Partition& partition, int limit) const {
  if (limit <= 1) {
    return "a node of partition " + partition.name + " holds only one " + std::string(params::sector_size_name(t.proof.size())) +
           " PC1 (CPUs, memory, scratch per node)";
  }
  return "no other PC1 task of proof " + t.proof.name() + " was ready within pc1_batch_wait (" +
         std::to_string(site_.pc1_batch_wait) + " s)";
}

bool Engine::batchable(const TaskRecord& t) const {
  return site_.pc1_batch > 1 && t.type == TaskType::PreCommit1 && t.ranks == 1 && stage_for(t.type).has_value();
}

int Engine::batch_limit(const TaskRecord& t, const Partition& partition) {
  try {
    return std::min(site_.pc1_batch, batch_capacity(request_for(t, partition), partition));
  } catch (const Error&) {
    return 1;  // launched alone, where its attempt records why it cannot run
  }
}

void Engine::launch_batch(const std::vector<const TaskRecord*>& members, const Partition& partition) {
  const double now = clock_();
  const int n = static_cast<int>(members.size());
  // One request for all: the most memory and time any member's history asks for, and no node any of them
  // must avoid.
  JobRequest one;
  try {
    one = request_for(*members[0], partition);
    for (int i = 1; i < n; ++i) {
      JobRequest r = request_for(*members[static_cast<std::size_t>(i)], partition);
      one.memory_bytes = std::max(one.memory_bytes, r.memory_bytes);
      one.time_limit_minutes = std::max(one.time_limit_minutes, r.time_limit_minutes);
      for (const auto& x : r.exclude_nodes) {
        if (std::find(one.exclude_nodes.begin(), one.exclude_nodes.end(), x) == one.exclude_nodes.end()) {
          one.exclude_nodes.push_back(x);
        }
      }
    }
  } catch (const Error&) {
    for (const TaskRecord* m : members) launch(*m, &partition);  // each records its own reason
    return;
  }
  const JobRequest request = batch_request(one, n);
  const std::string stage(*stage_for(TaskType::PreCommit1));

  std::vector<AttemptRecord> attempts;
  jobs::JobBatch batch;
  batch.stage = stage;
  std::vector<TaskAttempt> ids;
  // The job lives in the first member's attempt directory (batch file, script, log); every other member's
  // directory links to that log, and each attempt records its rank, so an ending can be traced to a rank.
  const std::filesystem::path job_dir = attempt_dir(members[0]->id, members[0]->attempts + 1);
  nlohmann::json recorded = to_json(request);
  recorded["batch"] = {{"tasks", nlohmann::json::array()}, {"log", (job_dir / "job.log").string()}};
  for (const TaskRecord* m : members) recorded["batch"]["tasks"].push_back(m->id);
  for (const TaskRecord* m : members) {
    std::filesystem::path dir = attempt_dir(m->id, m->attempts + 1);
    std::filesystem::create_directories(dir);
    recorded["batch"]["rank"] = attempts.size();
    attempts.push_back(store_.begin_attempt(m->id, partition.name, recorded, (dir / "manifest.json").string(),
                                            (dir / "result.json").string(), now));
    batch.members.emplace_back(attempts.back().manifest_path);
    ids.emplace_back(m->id, attempts.back().number);
  }
  try {
    for (int i = 0; i < n; ++i) {
      const auto k = static_cast<std::size_t>(i);
      jobs::write_manifest(attempts[k].manifest_path, manifest_for(*members[k], attempts[k], stage));
    }
    const std::filesystem::path& dir = job_dir;
    jobs::write_batch(dir / "batch.json", batch);
    JobLaunch l;
    l.tag = job_tag(site_.instance, members[0]->sector.miner, members[0]->sector.number, TaskType::PreCommit1,
                    attempts[0].number) + "-x" + std::to_string(n);
    l.comment = job_comment(comment_prefix(), ids);
    l.request = request;
    l.stage = stage;
    l.job_binary = options_.job_binary;
    l.manifest = dir / "batch.json";
    l.result = attempts[0].result_path;
    l.workdir = dir;
    l.log = dir / "job.log";
    JobScriptContext ctx{l.tag, l.comment, l.manifest, l.job_binary, l.stage, l.workdir, l.log};
    l.script = render_job_script(request, ctx, site_, partition);
    for (const TaskRecord* m : members) {
      const std::filesystem::path member_dir = attempt_dir(m->id, m->attempts + 1);
      staging::write_file_atomic(member_dir / "job.sh", l.script, 0755);
      if (member_dir != dir) link_log(member_dir / "job.log", l.log);
    }
    JobHandle h = backend_.submit(l);
    for (const AttemptRecord& a : attempts) {
      store_.record_submission(a.id, std::string(backend_.name()), h.job_id, l.tag, clock_());
    }
  } catch (const Error& e) {
    for (const AttemptRecord& a : attempts) fail_launch(a, e);
  }
}

}  // namespace sa::adapter
