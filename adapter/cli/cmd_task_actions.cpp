// `sealadapter cancel`, `retry` and `result`.
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/task_json.hpp"
#include "engine/engine.hpp"

namespace sa::adapter {

void register_task_actions(CLI::App& app, CliContext& ctx) {
  auto* cancel = app.add_subcommand("cancel", "Cancel tasks (and kill their running job)");
  auto cancel_ids = std::make_shared<std::vector<std::int64_t>>();
  cancel->add_option("task", *cancel_ids, "Task ids")->required();
  cancel->callback([&ctx, cancel_ids] {
    for (std::int64_t id : *cancel_ids) {
      auto active = ctx.store().cancel(id, wall_clock());
      if (active && !active->job_id.empty()) ctx.backend().cancel(JobHandle{active->job_id, active->tag});
      std::cout << "task " << id << " cancelled" << (active && !active->job_id.empty() ? ", job " + active->job_id + " signalled" : "")
                << "\n";
    }
  });

  auto* retry = app.add_subcommand("retry", "Queue a failed or cancelled task again");
  auto retry_ids = std::make_shared<std::vector<std::int64_t>>();
  auto extra = std::make_shared<int>(1);
  retry->add_option("task", *retry_ids, "Task ids")->required();
  retry->add_option("--attempts", *extra, "Attempts to add")->capture_default_str()->check(CLI::Range(1, 100));
  retry->callback([&ctx, retry_ids, extra] {
    for (std::int64_t id : *retry_ids) {
      TaskRecord t = ctx.store().retry(id, *extra, wall_clock());
      std::cout << "task " << id << " " << task_state_name(t.state) << " (attempt " << t.attempts + 1 << " of "
                << t.max_attempts << " next)\n";
    }
  });

  auto* result = app.add_subcommand("result", "Print what a task produced");
  auto result_id = std::make_shared<std::int64_t>(0);
  auto json = std::make_shared<bool>(false);
  result->add_option("task", *result_id, "Task id")->required();
  result->add_flag("--json", *json, "JSON (the task and its outputs)");
  result->callback([&ctx, result_id, json] {
    auto t = ctx.store().task(*result_id);
    if (!t) throw Error(ErrorKind::Usage, "no task " + std::to_string(*result_id));
    auto r = ctx.store().result_of(t->id);
    if (*json) {
      nlohmann::json j = to_json(*t);
      j["outputs"] = r ? *r : nlohmann::json(nullptr);
      std::cout << j.dump(2) << "\n";
    } else if (r) {
      std::cout << r->dump(2) << "\n";
    }
    if (!r) {
      throw Error(t->state == TaskState::Failed ? ErrorKind::Resource : ErrorKind::Usage,
                  "task " + std::to_string(t->id) + " is " + std::string(task_state_name(t->state)) +
                      (t->error.empty() ? "" : ": " + t->error) + "; no result");
    }
  });
}

}  // namespace sa::adapter
