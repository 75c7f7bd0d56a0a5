// SealPreCommit1's answer and SealPreCommit2's document: Filecoin's PreCommit1Out as a real lotus-worker
// returns it (jobs/filecoin/precommit1_out.hpp), built from PC1's result; and the checks before a PC2 task is
// made from a miner's PreCommit1Out: the strict reader, the sector's proof type, its own PC1 here (comm_d and
// ticket the same) or another worker's cache. Every refusal is sa::Error(Usage) naming the field, and creates nothing.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "filecoin/precommit1_out.hpp"
#include "lotus/lotus_json.hpp"
#include "store/store.hpp"

namespace sa::adapter::lotus {

// The bytes ReturnSealPreCommit1 carries (before base64) for a PC1 task that is done.
std::string precommit1_out_for(const TaskRecord& pc1, const nlohmann::json& pc1_outputs, const std::string& ticket_hex,
                               const std::filesystem::path& storage_dir);

struct Pc2Input {
  jobs::filecoin::PreCommit1Out doc;
  bool lotus_pc1 = false;  // PC1 ran on another worker: PC2 takes the cache it left (inputs.pc1 = "lotus")
};

// The miner's PreCommit1Out for SealPreCommit2 (base64 as it travels), checked against sector `s`: its PC1
// here (comm_d, ticket), or else the cache another worker's PC1 left on the shared storage (every layer
// file, tree-d and the sealed file present and of the sizes the document gives).
Pc2Input checked_precommit1_out(const nlohmann::json& b64, const LotusSector& s, Store& store,
                                const std::filesystem::path& storage_dir);

}  // namespace sa::adapter::lotus
