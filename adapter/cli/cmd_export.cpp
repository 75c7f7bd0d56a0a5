// `sealadapter export commit1 --sector N --output FILE`: a sector's Commit1Out (Filecoin's own, from its C1
// task) as the envelope `lotus-bench prove FILE` and cuzk read, so an operator can run C2 by hand on a GPU
// machine. The document is read through the strict reader and must be this sector's before it is written.
// `sealadapter export precommit1 --sector N --output FILE`: its PreCommit1Out as a real lotus-worker returns
// it, for Lotus's own PC2 over the cache PC1 left (while the layers are still there).
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "filecoin/commit1_out.hpp"
#include "filecoin/commit2_in.hpp"
#include "layout/cache_files.hpp"
#include "layout/lotus_paths.hpp"
#include "lotus/precommit1_call.hpp"
#include "publish/atomic_file.hpp"

namespace sa::adapter {

namespace {

struct ExportArgs {
  std::uint64_t sector = 0, miner = 1000;
  std::string output;
};

void add_sector_options(CLI::App* c, ExportArgs& a) {
  c->add_option("--sector", a.sector, "Sector number")->required();
  c->add_option("--miner", a.miner, "Miner actor id")->capture_default_str();
  c->add_option("--output", a.output, "File to write (- for standard output)")->required();
}

void write_out(const ExportArgs& a, const std::string& text) {
  if (a.output == "-") std::cout << text;
  else staging::write_file_atomic(a.output, text);
}

// The sector's finished task of `type`, or a usage error that says what is missing.
TaskRecord done_task(CliContext& ctx, const ExportArgs& a, TaskType type, const std::string& name) {
  auto task = ctx.store().find_task({a.miner, a.sector}, type);
  if (!task) throw Error(ErrorKind::Usage, name + " has no " + std::string(short_name(type)) + " task");
  if (task->state != TaskState::Done) {
    throw Error(ErrorKind::Usage, name + ": its " + std::string(short_name(type)) + " task " + std::to_string(task->id) +
                                      " is " + std::string(task_state_name(task->state)) + ", not done");
  }
  return *task;
}

void add_export_precommit1(CLI::App* cmd, CliContext& ctx) {
  auto* p1 = cmd->add_subcommand("precommit1", "The sector's PreCommit1Out as a real lotus-worker returns it");
  auto a = std::make_shared<ExportArgs>();
  add_sector_options(p1, *a);
  p1->callback([&ctx, a] {
    const std::string name = "sector " + std::to_string(a->miner) + "/" + std::to_string(a->sector);
    const TaskRecord task = done_task(ctx, *a, TaskType::PreCommit1, name);
    const auto cache = staging::LotusLayout(ctx.site().storage_dir).cache({a->miner, a->sector});
    if (!std::filesystem::exists(cache / staging::layer_dat_name(1))) {
      throw Error(ErrorKind::Usage, name + ": its layers are gone from " + cache.string() +
                                        " (finalized?); a PreCommit1Out without them cannot be used for PC2");
    }
    const auto result = ctx.store().result_of(task.id).value_or(nlohmann::json::object());
    write_out(*a, lotus::precommit1_out_for(task, result, task.inputs.value("ticket", ""), ctx.site().storage_dir) + "\n");
    if (a->output != "-") std::cerr << name << ": PreCommit1Out written to " << a->output << " (cache " << cache.string() << ")\n";
  });
}

}  // namespace

void register_export(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("export", "Write a sector's documents in the formats other Filecoin tools read");
  cmd->require_subcommand(1);
  add_export_precommit1(cmd, ctx);
  auto* c1 = cmd->add_subcommand("commit1", "The sector's Commit1Out as lotus-bench prove's / cuzk's C2 input");
  auto a = std::make_shared<ExportArgs>();
  add_sector_options(c1, *a);
  c1->callback([&ctx, a] {
    const std::string name = "sector " + std::to_string(a->miner) + "/" + std::to_string(a->sector);
    const TaskRecord task = done_task(ctx, *a, TaskType::Commit1, name);
    const auto result = ctx.store().result_of(task.id).value_or(nlohmann::json::object());
    const std::string path = result.value("proofs", "");
    if (path.empty() || !std::filesystem::is_regular_file(path)) {
      throw Error(ErrorKind::Usage, name + ": its Commit1Out " + (path.empty() ? "is not recorded" : path + " is gone"));
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string bytes = text.str();
    const nlohmann::json parsed = nlohmann::json::parse(bytes, nullptr, false);
    if (parsed.is_discarded()) throw Error(ErrorKind::Corrupt, path + " is not JSON");
    const jobs::filecoin::Commit1Out doc = jobs::filecoin::read_commit1_out(parsed);
    if (doc.has_sector && (doc.miner != a->miner || doc.sector != a->sector)) {
      throw Error(ErrorKind::Corrupt, path + " is the Commit1Out of sector " + std::to_string(doc.miner) + "/" +
                                          std::to_string(doc.sector) + ", not " + name);
    }
    const std::string envelope =
        jobs::filecoin::commit2_in_json(a->sector, bytes, params::bytes(doc.proof.size())) + "\n";
    write_out(*a, envelope);
    if (a->output != "-") {
      std::cerr << name << " (" << doc.proof.name() << "): C2 input written to " << a->output
                << "; prove it with: lotus-bench prove --miner-addr t0" << a->miner << " " << a->output << "\n";
    }
  });
}

}  // namespace sa::adapter
