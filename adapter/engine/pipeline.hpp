// The sealing pipeline of one sector, as `sealadapter seal` runs it: AP -> PC1 -> PC2 -> C1 -> [C2] -> FIN
// (the C1 job verifies its vanilla proofs before it publishes them, and `seal` verifies them again
// independently before C2 and Finalize; C2 runs where the site has a prover). Pure: given what is done, which task comes next and with which inputs, taken from the
// results of the tasks before it.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "store/records.hpp"
#include "store/store.hpp"

namespace sa::adapter {

struct SectorPlan {
  SectorRef sector;
  params::SealProof proof{5};
  std::string ticket_hex;  // 32 bytes of chain randomness (PC1, C1, unseal)
  std::string seed_hex;    // 32 bytes of interactive randomness (C1)
  nlohmann::json ap_inputs = nlohmann::json::object();
  int ranks = 1;
  int priority = 0;
  bool chain_pc2 = false;  // pc2_placement = afterok: queue PC2 while PC1 is still queued or running
  bool commit2 = false;    // the site runs C2 (a partition has a prover): C2 after verify, before Finalize
};

inline constexpr TaskType kSealPipeline[] = {TaskType::AddPiece, TaskType::PreCommit1, TaskType::PreCommit2,
                                             TaskType::Commit1, TaskType::Commit2, TaskType::Finalize};

// Whether `t` is a step of this sector's pipeline (C2 only where the site runs it).
inline bool in_pipeline(const SectorPlan& plan, TaskType t) { return t != TaskType::Commit2 || plan.commit2; }

struct StageRecord {
  TaskRecord task;
  nlohmann::json outputs;  // empty unless done
};

// The next task to submit, or nullopt when the pipeline is finished, failed, or waiting for a running task.
// `done` holds the sector's pipeline tasks that exist so far, by type. `verified` says whether the C1 proofs
// passed the independent check (Finalize waits for it).
std::optional<NewTask> next_pipeline_task(const SectorPlan& plan, const std::map<TaskType, StageRecord>& done,
                                          bool verified);

// Inputs of the Unseal task for a sealed sector, from its PC1 result.
nlohmann::json unseal_inputs(const nlohmann::json& pc1_outputs, const std::string& ticket_hex,
                             const std::string& output_path, std::uint64_t offset, std::uint64_t size);

}  // namespace sa::adapter
