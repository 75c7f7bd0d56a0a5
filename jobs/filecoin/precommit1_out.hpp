// PreCommit1Out exactly as a real lotus-worker returns it (docs/08-filecoin-formats.md §7):
// rust-filecoin-proofs-api's SealPreCommitPhase1Output {registered_proof, labels, config, comm_d}, after
// Lotus's Go round trip (keys sorted at every level) with "_lotus_SealRandomness" (the ticket, base64)
// added. sealadapter's own cross-check (miner and sector) is the one extra key "_sealadapter"; serde ignores
// both. The labels and tree-d StoreConfigs are sized as rust-fil-proofs' PC1 writes them: one per layer,
// "layer-<l>" with N nodes, and "tree-d" with 2N − 1, rows_to_discard 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "params/proof_type.hpp"
#include "piece/commitment.hpp"

namespace sa::jobs::filecoin {

struct PreCommit1Out {
  params::SealProof proof{5};
  kernels::Commitment comm_d{};
  std::string cache_path;                          // every StoreConfig's "path" (PC2 uses its own cache dir)
  std::optional<kernels::Commitment> ticket;       // "_lotus_SealRandomness"
  std::optional<std::uint64_t> miner, sector;      // "_sealadapter"
};

// The document's bytes, keys in Go's sorted order.
std::string precommit1_out_json(const PreCommit1Out& doc);

// Strict: the four Rust fields (any key order), the two extras optional, nothing else; the label count,
// ids, sizes and rows_to_discard as PC1 writes them for the proof's sector size. Throws sa::Error(Corrupt)
// "PreCommit1Out: <JSON path>: what".
PreCommit1Out read_precommit1_out(const nlohmann::json& doc);

}  // namespace sa::jobs::filecoin
