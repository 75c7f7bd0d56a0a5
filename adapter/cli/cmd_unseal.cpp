// `sealadapter unseal`: get the original data back from a sealed sector (an Unseal task through the site's
// backend). Default range: the sector's first piece, as it was added; --whole for the full sector.
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/engine_runner.hpp"
#include "engine/engine.hpp"
#include "engine/pipeline.hpp"

namespace sa::adapter {

void register_unseal(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("unseal", "Get the original data back from a sealed sector");
  struct Args {
    std::uint64_t miner = 1000, sector = 0;
    std::string output;
    std::optional<std::uint64_t> offset, size;
    bool whole = false, json = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--sector", a->sector, "Sector number")->required();
  cmd->add_option("--miner", a->miner, "Miner actor id")->capture_default_str();
  cmd->add_option("--output", a->output, "Where to write the data")->required();
  cmd->add_option("--offset", a->offset, "Unpadded byte offset in the sector");
  cmd->add_option("--size", a->size, "Unpadded bytes");
  cmd->add_flag("--whole", a->whole, "The whole sector (its full unpadded capacity)");
  cmd->add_flag("--json", a->json, "JSON output");
  cmd->callback([&ctx, a] {
    Store& store = ctx.store();
    SectorRef sector{a->miner, a->sector};
    auto pc1 = store.find_task(sector, TaskType::PreCommit1);
    auto pc2 = store.find_task(sector, TaskType::PreCommit2);
    if (!pc1 || pc1->state != TaskState::Done || !pc2 || pc2->state != TaskState::Done) {
      throw Error(ErrorKind::Usage, "sector " + std::to_string(a->miner) + "/" + std::to_string(a->sector) + " is not sealed");
    }
    nlohmann::json pc1_out = *store.result_of(pc1->id);
    std::uint64_t offset = 0, size = 0;
    if (!a->whole && !a->offset && !a->size) {
      auto ap = store.find_task(sector, TaskType::AddPiece);
      auto ap_out = ap ? store.result_of(ap->id) : std::nullopt;
      if (ap_out && !(*ap_out)["pieces"].empty()) {
        const auto& first = (*ap_out)["pieces"][0];
        offset = first.value("offset", std::uint64_t{0});
        size = first.value("payload_size", std::uint64_t{0});
        if (size == 0) size = first.value("size", std::uint64_t{0}) / 128 * 127;  // a zero (CC) piece
      }
    } else if (!a->whole) {
      offset = a->offset.value_or(0);
      size = a->size.value_or(0);
    }
    std::error_code ec;
    std::filesystem::path out = std::filesystem::absolute(a->output, ec);
    NewTask n;
    n.sector = sector;
    n.type = TaskType::Unseal;
    n.proof = pc1->proof;
    n.inputs = unseal_inputs(pc1_out, pc1_out.value("ticket", ""), out.string(), offset, size);
    // A sector is unsealed as often as people ask: an earlier Unseal task of the sector is retried with the
    // new range instead of being returned as-is.
    auto existing = store.find_task(sector, TaskType::Unseal);
    std::int64_t id = existing ? existing->id : store.submit(n, wall_clock()).task.id;
    if (existing) {
      if (!is_terminal(existing->state)) throw Error(ErrorKind::Usage, "an Unseal of this sector is already running");
      store.resubmit(id, n.inputs, wall_clock());
    }
    RunOptions ro;
    ro.verbose = !a->json;
    ro.watch = {id};
    run_engine(ctx, [&] { return is_terminal(store.task(id)->state); }, ro);
    TaskRecord t = *store.task(id);
    if (t.state != TaskState::Done) throw Error(ErrorKind::Resource, "unseal failed: " + t.error);
    nlohmann::json r = *store.result_of(id);
    if (a->json) std::cout << r.dump(2) << "\n";
    else std::cout << "wrote " << r.value("size", 0) << " bytes to " << r.value("output", "") << "\n";
  });
}

}  // namespace sa::adapter
