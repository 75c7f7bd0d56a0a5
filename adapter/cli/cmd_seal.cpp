// `sealadapter seal`: the main job. Seals sectors end to end (AP -> PC1 -> PC2 -> C1 -> verify -> FIN)
// through the site's backend (the embedded default runs them on this host) and prints, per sector, comm_d
// and comm_r as CIDs and hex, whether the proofs verified, and the time of each stage.
#include <cctype>
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/parse_args.hpp"
#include "cli/seal_driver.hpp"

namespace sa::adapter {

namespace {

std::uint64_t next_free_sector(Store& store, std::uint64_t miner) {
  std::uint64_t next = 1;
  for (const TaskRecord& t : store.tasks()) {
    if (t.sector.miner == miner) next = std::max(next, t.sector.number + 1);
  }
  return next;
}

std::string checked_hex32(const std::string& name, const std::string& v) {
  if (v.size() != 64 || v.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    throw Error(ErrorKind::Usage, name + " must be 64 hex digits (32 bytes)");
  }
  std::string lower = v;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string stage_time(const nlohmann::json& stages, const char* t) {
  if (!stages.contains(t)) return "-";
  return duration_str(stages[t].value("seconds", 0.0));
}

}  // namespace

void register_seal(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("seal", "Seal sectors end to end on the site's backend and report per sector");
  struct Args {
    std::string size, version = "V1_1";
    int count = 1, ranks = 1;
    std::uint64_t miner = 1000;
    std::optional<std::uint64_t> sector;
    std::optional<std::string> ticket, seed;
    std::vector<std::string> data;
    bool json = false;
    std::string backend;
    std::optional<int> pc1_batch;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--sector-size", a->size, "Sector size (2KiB, 8MiB, 512MiB, 32GiB, 64GiB)")->required();
  cmd->add_option("--count", a->count, "Number of sectors")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--data", a->data, "Piece data for each sector (repeatable); none = CC sectors");
  cmd->add_option("--miner", a->miner, "Miner actor id")->capture_default_str();
  cmd->add_option("--sector", a->sector, "First sector number (default: the next unused); an existing one continues");
  cmd->add_option("--ticket", a->ticket, "Ticket, 64 hex digits (default: random per sector)");
  cmd->add_option("--seed", a->seed, "Interactive seed, 64 hex digits (default: random per sector)");
  cmd->add_option("--proof", a->version, "Proof version (V1 or V1_1)")->capture_default_str();
  cmd->add_option("--ranks", a->ranks, "MPI ranks per job")->capture_default_str()->check(CLI::Range(1, 4096));
  cmd->add_option("--backend", a->backend, "local or slurm (default: the site's)")->check(CLI::IsMember({"local", "slurm"}));
  cmd->add_option("--pc1-batch", a->pc1_batch,
                  "PC1 of up to N sectors in one job, one sector per rank (site key pc1_batch; a partial batch "
                  "waits up to 60 s for the other sectors unless the site sets pc1_batch_wait)")
      ->check(CLI::Range(1, 256));
  cmd->add_flag("--json", a->json, "JSON: one object per sector");
  cmd->callback([&ctx, a] {
    if (!a->backend.empty()) ctx.set_backend_kind(a->backend == "slurm" ? BackendKind::Slurm : BackendKind::Local);
    if (a->pc1_batch) ctx.set_pc1_batch(*a->pc1_batch, 60);
    SealRequest req;
    req.proof = params::seal_proof(parse_size_arg(a->size), parse_version_arg(a->version));
    if (req.proof.version() != params::ProofVersion::V1 && req.proof.version() != params::ProofVersion::V1_1) {
      throw Error(ErrorKind::Usage, "seal supports --proof V1 or V1_1 (interactive PoRep)");
    }
    req.miner = a->miner;
    req.ranks = a->ranks;
    req.verbose = !a->json;
    // Chaining needs Slurm's dependencies; on this host PC2 simply follows PC1.
    req.chain_pc2 = ctx.site().pc2_placement == Pc2Placement::AfterOk && ctx.site().backend == BackendKind::Slurm;
    // C2 runs where the site has a prover for it; otherwise `export commit1` hands the sector to one.
    req.commit2 = ctx.site().serves(TaskType::Commit2);
    if (a->ticket) req.ticket_hex = checked_hex32("--ticket", *a->ticket);
    if (a->seed) req.seed_hex = checked_hex32("--seed", *a->seed);
    req.ap_inputs = {{"pieces", nlohmann::json::array()}};
    for (const std::string& d : a->data) {
      std::error_code ec;
      auto p = std::filesystem::absolute(d, ec);
      if (ec || !std::filesystem::is_regular_file(p)) throw Error(ErrorKind::Usage, "cannot read piece data " + d);
      req.ap_inputs["pieces"].push_back({{"kind", "file"}, {"path", p.string()}});
    }
    std::uint64_t first = a->sector ? *a->sector : next_free_sector(ctx.store(), a->miner);
    for (int i = 0; i < a->count; ++i) req.sectors.push_back(first + static_cast<std::uint64_t>(i));

    std::vector<SectorReport> reports = seal_sectors(ctx, req);
    nlohmann::json all = nlohmann::json::array();
    std::vector<std::string> columns = {"SECTOR", "STATE", "COMM_D", "COMM_R", "VERIFIED", "AP", "PC1", "PC2", "C1"};
    if (req.commit2) columns.push_back("C2");
    columns.push_back("FIN");
    Table out(columns);
    int failed = 0;
    for (const SectorReport& r : reports) {
      failed += r.state != "done";
      all.push_back(r.json);
      const auto& st = r.json["stages"];
      std::vector<std::string> row = {std::to_string(r.sector.miner) + "/" + std::to_string(r.sector.number), r.state,
                                      r.json.contains("comm_d") ? r.json["comm_d"].value("cid", "-") : "-",
                                      r.json.contains("comm_r") ? r.json["comm_r"].value("cid", "-") : "-",
                                      r.verified ? "yes" : "no"};
      for (const char* stage : {"AP", "PC1", "PC2", "C1", "C2", "FIN"}) {
        if (std::string(stage) != "C2" || req.commit2) row.push_back(stage_time(st, stage));
      }
      out.add(row);
    }
    if (a->json) {
      std::cout << all.dump(2) << "\n";
    } else {
      out.print(std::cout);
      for (const SectorReport& r : reports) {
        if (r.json.contains("comm_r")) {
          std::cout << "sector " << r.sector.number << ": comm_d " << r.json["comm_d"].value("hex", "") << "  comm_r "
                    << r.json["comm_r"].value("hex", "") << "\n";
        }
        if (r.json.contains("proof")) {
          std::cout << "sector " << r.sector.number << ": proof (" << r.json["proof"].value("bytes", 0) << " bytes, "
                    << duration_str(r.json["proof"].value("prover_seconds", 0.0)) << ") "
                    << r.json["proof"].value("hex", "") << "\n";
        }
        if (!r.error.empty()) std::cout << "sector " << r.sector.number << ": " << r.error << "\n";
      }
    }
    if (failed) throw Error(ErrorKind::Resource, std::to_string(failed) + " of " + std::to_string(reports.size()) + " sector(s) failed");
  });
}

}  // namespace sa::adapter
