// `sealadapter cancel`, `retry` and `result`.
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "engine/engine.hpp"

namespace sa::adapter {

void register_task_actions(CLI::App& app, CliContext& ctx) {
  auto* cancel = app.add_subcommand("cancel", "Cancel tasks (and kill their running job)");
  auto cancel_ids = std::make_shared<std::vector<std::int64_t>>();
  cancel->add_option("task", *cancel_ids, "Task ids")->required();
  cancel->callback([&ctx, cancel_ids] {
    for (std::int64_t id : *cancel_ids) {
      nlohmann::json r = ctx.call("cancel", nlohmann::json::array({id}));
      std::string job = r["job"];
      std::cout << "task " << id << " cancelled" << (job.empty() ? "" : ", job " + job + " signalled") << "\n";
    }
  });

  auto* retry = app.add_subcommand("retry", "Queue a failed or cancelled task again");
  auto retry_ids = std::make_shared<std::vector<std::int64_t>>();
  auto extra = std::make_shared<int>(1);
  retry->add_option("task", *retry_ids, "Task ids")->required();
  retry->add_option("--attempts", *extra, "Attempts to add")->capture_default_str()->check(CLI::Range(1, 100));
  retry->callback([&ctx, retry_ids, extra] {
    for (std::int64_t id : *retry_ids) {
      nlohmann::json t = ctx.call("retry", nlohmann::json::array({id, *extra}));
      std::cout << "task " << id << " " << t["state"].get<std::string>() << " (attempt " << t["attempts"].get<int>() + 1
                << " of " << t["max_attempts"].get<int>() << " next)\n";
    }
  });

  auto* result = app.add_subcommand("result", "Print what a task produced");
  auto result_id = std::make_shared<std::int64_t>(0);
  auto json = std::make_shared<bool>(false);
  result->add_option("task", *result_id, "Task id")->required();
  result->add_flag("--json", *json, "JSON (the task and its outputs)");
  result->callback([&ctx, result_id, json] {
    nlohmann::json t = ctx.call("result", nlohmann::json::array({*result_id}));
    if (*json) std::cout << t.dump(2) << "\n";
    else if (!t["outputs"].is_null()) std::cout << t["outputs"].dump(2) << "\n";
    if (t["outputs"].is_null()) {
      std::string error = t["error"];
      throw Error(t["state"] == "failed" ? ErrorKind::Resource : ErrorKind::Usage,
                  "task " + std::to_string(*result_id) + " is " + t["state"].get<std::string>() +
                      (error.empty() ? "" : ": " + error) + "; no result");
    }
  });
}

}  // namespace sa::adapter
