// `sealadapter submit`: queue a sealing task (idempotent per sector and task type); --wait runs it here.
#include <unistd.h>

#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/engine_runner.hpp"
#include "cli/parse_args.hpp"
#include "cli/task_json.hpp"
#include "engine/engine.hpp"
#include "engine/task_stage.hpp"

namespace sa::adapter {

namespace {

nlohmann::json piece_inputs(const std::vector<std::string>& data) {
  nlohmann::json pieces = nlohmann::json::array();
  for (const std::string& d : data) {
    std::error_code ec;
    auto path = std::filesystem::absolute(d, ec);
    if (ec || !std::filesystem::is_regular_file(path) || ::access(path.c_str(), R_OK) != 0) {
      throw Error(ErrorKind::Usage, "cannot read piece data " + d);
    }
    pieces.push_back({{"kind", "file"}, {"path", path.string()}});
  }
  return {{"pieces", pieces}};
}

}  // namespace

void register_submit(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("submit", "Queue a sealing task (the same sector and task type twice is one task)");
  struct Args {
    std::string task, version = "V1_1", partition;
    std::optional<std::string> size;
    std::optional<std::int64_t> proof_id;
    std::uint64_t miner = 1000, sector = 0;
    int priority = 0, ranks = 1, max_attempts = 3;
    std::vector<std::string> data;
    std::string inputs;
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
  cmd->add_flag("--wait", a->wait, "Run the task here (local backend) and wait for its end");
  cmd->add_flag("--json", a->json, "Print the task as JSON");
  cmd->callback([&ctx, a] {
    NewTask n;
    n.type = parse_task_arg(a->task);
    n.proof = proof_arg(a->size, a->version, a->proof_id);
    n.sector = {a->miner, a->sector};
    n.priority = a->priority;
    n.ranks = a->ranks;
    n.max_attempts = a->max_attempts;
    n.partition = a->partition;
    if (!stage_for(n.type)) {
      throw Error(ErrorKind::Usage, std::string(display_name(n.type)) + " tasks cannot run yet: this release has job stages for AP, PC1, PC2, C1, UNS and FIN");
    }
    if (!a->data.empty() && n.type != TaskType::AddPiece) throw Error(ErrorKind::Usage, "--data is for AddPiece tasks");
    if (n.type == TaskType::AddPiece) n.inputs = piece_inputs(a->data);
    if (!a->inputs.empty()) {
      nlohmann::json extra;
      try {
        extra = nlohmann::json::parse(a->inputs);
      } catch (const nlohmann::json::parse_error& e) {
        throw Error(ErrorKind::Usage, std::string("--inputs is not valid JSON: ") + e.what());
      }
      if (!extra.is_object()) throw Error(ErrorKind::Usage, "--inputs must be a JSON object");
      n.inputs.update(extra);
    }
    if (!a->partition.empty() && !ctx.site().find_partition(a->partition)) {
      throw Error(ErrorKind::Usage, "no partition \"" + a->partition + "\" in " + ctx.site().source);
    }
    SubmitOutcome out = ctx.store().submit(n, wall_clock());
    if (!out.created && out.task.proof.id != n.proof.id) {
      throw Error(ErrorKind::Usage, "sector " + std::to_string(a->miner) + "/" + std::to_string(a->sector) +
                                        " already has a " + std::string(short_name(n.type)) + " task (" +
                                        std::to_string(out.task.id) + ") with proof type " + out.task.proof.name());
    }
    std::int64_t id = out.task.id;
    if (a->wait) {
      RunOptions ro;
      ro.verbose = !a->json;
      ro.watch = {id};
      run_engine(ctx, [&] { return is_terminal(ctx.store().task(id)->state); }, ro);
    }
    TaskRecord t = *ctx.store().task(id);
    if (a->json) {
      nlohmann::json j = to_json(t);
      j["created"] = out.created;
      if (auto r = ctx.store().result_of(id)) j["result"] = *r;
      std::cout << j.dump(2) << "\n";
    } else {
      std::cout << "task " << t.id << " " << (out.created ? "queued" : "already exists") << ": " << short_name(t.type)
                << " sector " << t.sector.miner << "/" << t.sector.number << " (" << t.proof.name() << "), "
                << task_state_name(t.state) << "\n";
    }
    if (a->wait && t.state != TaskState::Done) throw Error(ErrorKind::Resource, "task " + std::to_string(id) + " " +
                                                             std::string(task_state_name(t.state)) + ": " + t.error);
  });
}

}  // namespace sa::adapter
