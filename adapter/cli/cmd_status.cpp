// `sealadapter status` (every task with its latest attempt) and `sealadapter jobs` (what runs or waits now,
// like `lotus-miner sealing jobs`).
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/task_json.hpp"
#include "engine/engine.hpp"

namespace sa::adapter {

namespace {

std::string sector_str(const TaskRecord& t) { return std::to_string(t.sector.miner) + "/" + std::to_string(t.sector.number); }

std::string wait_str(const AttemptRecord& a, double now) {
  if (a.submitted_at == 0) return "-";
  double end = a.started_at > 0 ? a.started_at : (is_terminal(a.state) ? a.ended_at : now);
  return duration_str(end - a.submitted_at);
}

std::string run_str(const AttemptRecord& a, double now) {
  if (a.started_at == 0) return "-";
  return duration_str((a.ended_at > 0 ? a.ended_at : now) - a.started_at);
}

}  // namespace

void register_status(CLI::App& app, CliContext& ctx) {
  auto* st = app.add_subcommand("status", "Tasks with their latest attempt and job");
  auto json = std::make_shared<bool>(false);
  auto states = std::make_shared<std::vector<std::string>>();
  auto task_id = std::make_shared<std::int64_t>(0);
  st->add_flag("--json", *json, "JSON: tasks with all their attempts");
  st->add_option("--state", *states, "Only tasks in these states (queued, running, done, failed, cancelled)");
  st->add_option("--task", *task_id, "Only this task");
  st->callback([&ctx, json, states, task_id] {
    TaskFilter f;
    for (const auto& s : *states) {
      auto parsed = parse_task_state(s);
      if (!parsed) throw Error(ErrorKind::Usage, "unknown state \"" + s + "\" (queued, running, done, failed, cancelled)");
      f.states.push_back(*parsed);
    }
    std::vector<TaskRecord> tasks;
    if (*task_id) {
      auto t = ctx.store().task(*task_id);
      if (!t) throw Error(ErrorKind::Usage, "no task " + std::to_string(*task_id));
      tasks.push_back(*t);
    } else {
      tasks = ctx.store().tasks(f);
    }
    double now = wall_clock();
    if (*json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& t : tasks) {
        nlohmann::json j = to_json(t);
        j["attempts_detail"] = nlohmann::json::array();
        for (const auto& a : ctx.store().attempts_of(t.id)) j["attempts_detail"].push_back(to_json(a));
        out.push_back(j);
      }
      std::cout << out.dump(2) << "\n";
      return;
    }
    Table out({"ID", "SECTOR", "TASK", "SIZE", "STATE", "ATTEMPT", "PARTITION", "JOB", "JOBSTATE", "NODE", "WAIT", "RUN", "INFO"});
    for (const auto& t : tasks) {
      auto attempts = ctx.store().attempts_of(t.id);
      std::string attempt = std::to_string(t.attempts) + "/" + std::to_string(t.max_attempts);
      std::string info = t.error;
      if (t.state == TaskState::Queued && t.not_before > now) info = "retry in " + duration_str(t.not_before - now) + ": " + info;
      if (attempts.empty()) {
        out.add({std::to_string(t.id), sector_str(t), std::string(short_name(t.type)),
                 std::string(params::sector_size_name(t.proof.size())), std::string(task_state_name(t.state)), attempt, "-",
                 "-", "-", "-", "-", "-", info});
        continue;
      }
      const AttemptRecord& a = attempts.back();
      if (!a.reason.empty() && !is_terminal(a.state)) info = a.reason;
      out.add({std::to_string(t.id), sector_str(t), std::string(short_name(t.type)),
               std::string(params::sector_size_name(t.proof.size())), std::string(task_state_name(t.state)), attempt,
               a.partition.empty() ? "-" : a.partition, a.job_id.empty() ? "-" : a.job_id,
               std::string(attempt_state_name(a.state)), a.node.empty() ? "-" : a.node, wait_str(a, now), run_str(a, now),
               info});
    }
    out.print(std::cout);
  });

  auto* jobs = app.add_subcommand("jobs", "Jobs running or waiting now (like lotus-miner sealing jobs)");
  auto jjson = std::make_shared<bool>(false);
  auto ended = std::make_shared<bool>(false);
  jobs->add_flag("--json", *jjson, "JSON");
  jobs->add_flag("--show-ended", *ended, "Also jobs that have ended");
  jobs->callback([&ctx, jjson, ended] {
    double now = wall_clock();
    nlohmann::json arr = nlohmann::json::array();
    Table out({"JOB", "SECTOR", "PARTITION", "NODE", "TASK", "STATE", "TIME"});
    std::vector<AttemptRecord> list;
    if (*ended) {
      for (const auto& t : ctx.store().tasks()) {
        for (const auto& a : ctx.store().attempts_of(t.id)) list.push_back(a);
      }
    } else {
      list = ctx.store().active_attempts();
    }
    for (const auto& a : list) {
      auto t = ctx.store().task(a.task_id);
      std::string state(attempt_state_name(a.state));
      if (a.state == AttemptState::Submitted) state = a.reason.empty() ? "pending" : "pending(" + a.reason + ")";
      double since = a.started_at > 0 ? a.started_at : (a.submitted_at > 0 ? a.submitted_at : a.created_at);
      double until = is_terminal(a.state) && a.ended_at > 0 ? a.ended_at : now;
      if (*jjson) {
        nlohmann::json j = to_json(a);
        j["task"] = to_json(*t);
        arr.push_back(j);
      } else {
        out.add({a.job_id.empty() ? "-" : a.job_id, sector_str(*t), a.partition, a.node.empty() ? "-" : a.node,
                 std::string(short_name(t->type)), state, duration_str(until - since)});
      }
    }
    // Queued tasks are waiting for a window, as Lotus's "assigned" jobs are.
    for (const auto& t : ctx.store().tasks({{TaskState::Queued}})) {
      if (*jjson) {
        arr.push_back({{"task", to_json(t)}, {"state", "queued"}});
      } else {
        out.add({"-", sector_str(t), t.partition.empty() ? "-" : t.partition, "-", std::string(short_name(t.type)),
                 t.not_before > now ? "backoff" : "queued", duration_str(now - t.updated_at)});
      }
    }
    if (*jjson) std::cout << arr.dump(2) << "\n";
    else out.print(std::cout);
  });
}

}  // namespace sa::adapter
