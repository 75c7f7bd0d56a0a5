// `sealadapter seal`'s driver: keeps each sector's pipeline moving (AP -> PC1 -> PC2 -> C1 -> verify -> [C2] -> FIN)
// while the engine runs the tasks, and reports per sector. A sector's ticket and seed are stored with its
// AddPiece task, so running `seal` again for the same sectors continues where they stopped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli_context.hpp"
#include "engine/pipeline.hpp"

namespace sa::adapter {

struct SealRequest {
  params::SealProof proof{5};
  std::uint64_t miner = 1000;
  std::vector<std::uint64_t> sectors;
  std::optional<std::string> ticket_hex;  // random per sector when absent
  std::optional<std::string> seed_hex;
  nlohmann::json ap_inputs = nlohmann::json::object();
  int ranks = 1;
  bool verbose = true;
  bool chain_pc2 = false;  // pc2_placement = afterok on Slurm: PC2 queued behind a running PC1
  bool commit2 = false;    // the site has a prover: C2 after verify, each proof reported
};

struct SectorReport {
  SectorRef sector;
  std::string state;  // done, failed
  std::string error;
  bool verified = false;
  nlohmann::json json;  // everything, for --json
};

std::vector<SectorReport> seal_sectors(CliContext& ctx, const SealRequest& request);

// 64 random hex digits (a 32-byte ticket or seed).
std::string random_hex32();

}  // namespace sa::adapter
