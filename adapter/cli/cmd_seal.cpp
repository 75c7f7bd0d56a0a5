// `sealadapter seal`: the main job. Seals sectors end to end through the site's backend (the embedded
// default runs them on this host) and prints, per sector, what each stage produced and how long it took.
// Today the pipeline is AddPiece; the sealing stages join it as they land.
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/engine_runner.hpp"
#include "cli/output.hpp"
#include "cli/parse_args.hpp"
#include "engine/engine.hpp"

namespace sa::adapter {

namespace {

std::uint64_t next_free_sector(Store& store, std::uint64_t miner) {
  std::uint64_t next = 1;
  for (const TaskRecord& t : store.tasks()) {
    if (t.sector.miner == miner) next = std::max(next, t.sector.number + 1);
  }
  return next;
}

}  // namespace

void register_seal(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("seal", "Seal sectors end to end on the site's backend and report per sector");
  struct Args {
    std::string size, version = "V1_1";
    int count = 1, ranks = 1;
    std::uint64_t miner = 1000;
    std::optional<std::uint64_t> sector;
    std::vector<std::string> data;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--sector-size", a->size, "Sector size (2KiB, 8MiB, 512MiB, 32GiB, 64GiB)")->required();
  cmd->add_option("--count", a->count, "Number of sectors")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--data", a->data, "Piece data for each sector (repeatable); none = CC sectors");
  cmd->add_option("--miner", a->miner, "Miner actor id")->capture_default_str();
  cmd->add_option("--sector", a->sector, "First sector number (default: the next unused)");
  cmd->add_option("--proof", a->version, "Proof version (V1 or V1_1)")->capture_default_str();
  cmd->add_option("--ranks", a->ranks, "MPI ranks per job")->capture_default_str()->check(CLI::Range(1, 4096));
  cmd->add_flag("--json", a->json, "JSON: one object per sector");
  cmd->callback([&ctx, a] {
    params::SealProof proof = params::seal_proof(parse_size_arg(a->size), parse_version_arg(a->version));
    nlohmann::json inputs = {{"pieces", nlohmann::json::array()}};
    for (const std::string& d : a->data) {
      std::error_code ec;
      auto p = std::filesystem::absolute(d, ec);
      if (ec || !std::filesystem::is_regular_file(p)) throw Error(ErrorKind::Usage, "cannot read piece data " + d);
      inputs["pieces"].push_back({{"kind", "file"}, {"path", p.string()}});
    }
    std::uint64_t first = a->sector ? *a->sector : next_free_sector(ctx.store(), a->miner);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < a->count; ++i) {
      NewTask n;
      n.sector = {a->miner, first + static_cast<std::uint64_t>(i)};
      n.type = TaskType::AddPiece;
      n.proof = proof;
      n.ranks = a->ranks;
      n.inputs = inputs;
      SubmitOutcome out = ctx.store().submit(n, wall_clock());
      ids.push_back(out.task.id);
    }
    RunOptions ro;
    ro.verbose = !a->json;
    ro.watch = {ids.begin(), ids.end()};
    auto all_ended = [&] {
      for (auto id : ids) {
        if (!is_terminal(ctx.store().task(id)->state)) return false;
      }
      return true;
    };
    run_engine(ctx, all_ended, ro);

    nlohmann::json report = nlohmann::json::array();
    Table out({"SECTOR", "STATE", "PIECE CID", "COMM_D", "AP TIME"});
    int failed = 0;
    for (auto id : ids) {
      TaskRecord t = *ctx.store().task(id);
      auto r = ctx.store().result_of(id);
      auto attempts = ctx.store().attempts_of(id);
      double secs = attempts.empty() || attempts.back().started_at == 0 ? 0
                                                                        : attempts.back().ended_at - attempts.back().started_at;
      failed += t.state != TaskState::Done;
      std::string piece = r && !(*r)["pieces"].empty() ? (*r)["pieces"][0].value("cid", "") : "-";
      std::string comm_d = r && r->contains("comm_d") ? (*r)["comm_d"].value("cid", "") : "-";
      report.push_back({{"sector", {{"miner", t.sector.miner}, {"number", t.sector.number}}},
                        {"proof_type", t.proof.id},
                        {"state", std::string(task_state_name(t.state))},
                        {"error", t.error},
                        {"stages", {{"AP", {{"task", id}, {"seconds", secs}, {"outputs", r ? *r : nlohmann::json(nullptr)}}}}}});
      out.add({std::to_string(t.sector.miner) + "/" + std::to_string(t.sector.number), std::string(task_state_name(t.state)),
               piece, comm_d, duration_str(secs)});
    }
    if (a->json) std::cout << report.dump(2) << "\n";
    else out.print(std::cout);
    if (failed) throw Error(ErrorKind::Resource, std::to_string(failed) + " of " + std::to_string(ids.size()) + " sector(s) failed");
  });
}

}  // namespace sa::adapter
