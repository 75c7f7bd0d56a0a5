// `sealadapter status` (every task with its latest attempt) and `sealadapter jobs` (what runs or waits now,
// like `lotus-miner sealing jobs`).
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "api/task_json.hpp"
#include "engine/engine.hpp"

namespace sa::adapter {

namespace {

std::string sector_str(const nlohmann::json& t) {
  return std::to_string(t["sector"]["miner"].get<std::uint64_t>()) + "/" + std::to_string(t["sector"]["number"].get<std::uint64_t>());
}

std::string since(double from, double to) { return from > 0 ? duration_str(to - from) : "-"; }

std::string size_of(const nlohmann::json& t) {
  auto p = params::seal_proof_from_id(t["proof_type"].get<std::int64_t>());
  return p ? std::string(params::sector_size_name(p->size())) : "?";
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
    nlohmann::json filter = {{"states", *states}};
    if (*task_id) filter["task"] = *task_id;
    nlohmann::json tasks = ctx.call("status", nlohmann::json::array({filter}));
    if (*json) {
      std::cout << tasks.dump(2) << "\n";
      return;
    }
    const double now = wall_clock();
    Table out({"ID", "SECTOR", "TASK", "SIZE", "STATE", "ATTEMPT", "PARTITION", "JOB", "JOBSTATE", "NODE", "WAIT", "RUN", "INFO"});
    for (const auto& t : tasks) {
      std::string attempt = std::to_string(t["attempts"].get<int>()) + "/" + std::to_string(t["max_attempts"].get<int>());
      std::string info = t["error"];
      if (t["state"] == "queued" && t["not_before"].get<double>() > now) {
        info = "retry in " + duration_str(t["not_before"].get<double>() - now) + ": " + info;
      }
      const auto& attempts = t["attempts_detail"];
      std::vector<std::string> row = {std::to_string(t["id"].get<std::int64_t>()), sector_str(t), t["short"], size_of(t), t["state"], attempt};
      if (attempts.empty()) {
        row.insert(row.end(), {"-", "-", "-", "-", "-", "-", info});
      } else {
        const auto& a = attempts.back();
        const auto& job = a["job"];
        bool active = a["state"] == "starting" || a["state"] == "submitted" || a["state"] == "running";
        if (active && !job["reason"].get<std::string>().empty()) info = job["reason"];
        double submitted = job["submitted_at"], started = job["started_at"], ended = job["ended_at"];
        std::string wait = submitted > 0 ? duration_str((started > 0 ? started : (active ? now : ended)) - submitted) : "-";
        std::string run = started > 0 ? duration_str((ended > 0 ? ended : now) - started) : "-";
        auto dash = [](const std::string& v) { return v.empty() ? std::string("-") : v; };
        row.insert(row.end(), {dash(a["partition"]), dash(job["id"]), a["state"], dash(job["node"]), wait, run, info});
      }
      out.add(row);
    }
    out.print(std::cout);
  });

  auto* jobs = app.add_subcommand("jobs", "Jobs running or waiting now (like lotus-miner sealing jobs)");
  auto jjson = std::make_shared<bool>(false);
  auto ended = std::make_shared<bool>(false);
  jobs->add_flag("--json", *jjson, "JSON");
  jobs->add_flag("--show-ended", *ended, "Also jobs that have ended");
  jobs->callback([&ctx, jjson, ended] {
    nlohmann::json arr = ctx.call("jobs", nlohmann::json::array({*ended}));
    if (*jjson) {
      std::cout << arr.dump(2) << "\n";
      return;
    }
    const double now = wall_clock();
    Table out({"JOB", "SECTOR", "PARTITION", "NODE", "TASK", "STATE", "TIME"});
    for (const auto& j : arr) {
      const auto& t = j["task"];
      if (j.value("state", "") == "queued") {
        out.add({"-", sector_str(t), t["partition"].get<std::string>().empty() ? "-" : t["partition"].get<std::string>(), "-",
                 t["short"], t["not_before"].get<double>() > now ? "backoff" : "queued", since(t["updated_at"], now)});
        continue;
      }
      const auto& job = j["job"];
      std::string state = j["state"];
      if (state == "submitted") state = job["reason"].get<std::string>().empty() ? "pending" : "pending(" + job["reason"].get<std::string>() + ")";
      double from = job["started_at"].get<double>() > 0 ? job["started_at"].get<double>()
                    : job["submitted_at"].get<double>() > 0 ? job["submitted_at"].get<double>() : j["task"]["created_at"].get<double>();
      double to = job["ended_at"].get<double>() > 0 ? job["ended_at"].get<double>() : now;
      out.add({job["id"].get<std::string>().empty() ? "-" : job["id"].get<std::string>(), sector_str(t), j["partition"],
               job["node"].get<std::string>().empty() ? "-" : job["node"].get<std::string>(), t["short"], state, duration_str(to - from)});
    }
    out.print(std::cout);
  });
}

}  // namespace sa::adapter
