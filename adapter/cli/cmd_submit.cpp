// `sealadapter submit`: queue a sealing task (idempotent per sector and task type), on the local store or
// through a running service (--api / SEALADAPTER_API_INFO); --wait runs it here (local store only).
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/engine_runner.hpp"
#include "cli/parse_args.hpp"

namespace sa::adapter {

void register_submit(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("submit", "Queue a sealing task (the same sector and task type twice is one task)");
  struct Args {
    std::string task, version = "V1_1", partition, inputs;
    std::optional<std::string> size;
    std::optional<std::int64_t> proof_id;
    std::uint64_t miner = 1000, sector = 0;
    int priority = 0, ranks = 1, max_attempts = 3;
    std::vector<std::string> data;
    bool wait = false, json = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--task", a->task, "Task type (AP, PC1, ... or a Lotus task string)")->required();
  cmd->add_option("--sector", a->sector, "Sector number")->required();
  cmd->add_option("--miner", a->miner, "Miner actor id")->capture_default_str();
  cmd->add_option("--sector-size", a->size, "Sector size (2KiB, 8MiB, 512MiB, 32GiB, 64GiB)");
  cmd->add_option("--proof", a->version, "Proof version (V1, V1_1, SyntheticPoRep, NiPoRep)")->capture_default_str();
  cmd->add_option("--proof-type", a->proof_id, "Registered seal proof id (0-19) instead of size + version");
  cmd->add_option("--priority", a->priority, "Lotus priority (deal sectors use 1024)")->capture_default_str();
  cmd->add_option("--ranks", a->ranks, "MPI ranks")->capture_default_str()->check(CLI::Range(1, 4096));
  cmd->add_option("--max-attempts", a->max_attempts, "Attempts before the task fails")->capture_default_str()->check(CLI::Range(1, 100));
  cmd->add_option("--partition", a->partition, "Run on this partition (default: chosen by the mapping)");
  cmd->add_option("--data", a->data, "AddPiece: a file to add as a piece (repeatable); none = a CC sector");
  cmd->add_option("--inputs", a->inputs, "The stage inputs as a JSON object (docs/01-job-contract.md), e.g. '{\"ticket\": \"<64 hex>\"}'");
  cmd->add_flag("--wait", a->wait, "Run the task here (local store) and wait for its end");
  cmd->add_flag("--json", a->json, "Print the task as JSON");
  cmd->callback([&ctx, a] {
    nlohmann::json spec = {{"task", std::string(task_string(parse_task_arg(a->task)))},
                           {"sector", {{"miner", a->miner}, {"number", a->sector}}},
                           {"proof_type", proof_arg(a->size, a->version, a->proof_id).id},
                           {"priority", a->priority},
                           {"ranks", a->ranks},
                           {"max_attempts", a->max_attempts},
                           {"partition", a->partition}};
    nlohmann::json data = nlohmann::json::array();
    for (const std::string& d : a->data) {
      std::error_code ec;
      data.push_back(std::filesystem::absolute(d, ec).string());  // the service resolves nothing relative to us
    }
    spec["data"] = data;
    if (!a->inputs.empty()) {
      spec["inputs"] = nlohmann::json::parse(a->inputs, nullptr, false);
      if (spec["inputs"].is_discarded() || !spec["inputs"].is_object()) throw Error(ErrorKind::Usage, "--inputs must be a JSON object");
      if (!data.empty()) {
        nlohmann::json pieces = nlohmann::json::array();
        for (const auto& d : data) pieces.push_back({{"kind", "file"}, {"path", d}});
        if (!spec["inputs"].contains("pieces")) spec["inputs"]["pieces"] = pieces;
      }
    }
    if (a->wait && ctx.api_info()) throw Error(ErrorKind::Usage, "--wait runs the task here; the service runs it by itself");
    nlohmann::json t = ctx.call("submit", nlohmann::json::array({spec}));
    std::int64_t id = t["id"];
    if (a->wait) {
      RunOptions ro;
      ro.verbose = !a->json;
      ro.watch = {id};
      run_engine(ctx, [&] { return is_terminal(ctx.store().task(id)->state); }, ro);
      bool created = t["created"];
      t = ctx.call("status", nlohmann::json::array({{{"task", id}}}))[0];
      t["created"] = created;
      if (auto r = ctx.store().result_of(id)) t["result"] = *r;
    }
    if (a->json) {
      std::cout << t.dump(2) << "\n";
    } else {
      std::cout << "task " << id << " " << (t["created"].get<bool>() ? "queued" : "already exists") << ": "
                << t["short"].get<std::string>() << " sector " << t["sector"]["miner"] << "/" << t["sector"]["number"]
                << ", " << t["state"].get<std::string>() << "\n";
    }
    if (a->wait && t["state"] != "done") {
      throw Error(ErrorKind::Resource, "task " + std::to_string(id) + " " + t["state"].get<std::string>() + ": " +
                                           t["error"].get<std::string>());
    }
  });
}

}  // namespace sa::adapter
