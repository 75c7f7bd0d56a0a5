// Which task types a partition accepts when written as lotus-worker flags, and what the miner's [Storage]
// Allow* keys take away (cli/worker/worker.go `run`; documentation/en/default-lotus-miner-config.toml;
// lotus.md §6.2, §6.3).
#pragma once

#include <optional>
#include <set>

#include "model/task_type.hpp"

namespace sa::adapter {

// One field per `lotus-worker run` flag sealadapter understands; nullopt = not given (cli's IsSet false).
struct WorkerFlags {
  std::optional<bool> addpiece;               // default true; DC follows it
  std::optional<bool> precommit1;             // default true
  std::optional<bool> unseal;                 // default true
  std::optional<bool> precommit2;             // default true
  std::optional<bool> commit;                 // default true (C2)
  std::optional<bool> replica_update;         // default true
  std::optional<bool> prove_replica_update2;  // default true
  std::optional<bool> regen_sector_key;       // default true
  std::optional<bool> sector_download;        // default false
  std::optional<bool> no_default;             // default false
};

// Exactly as `lotus-worker run` builds TaskTypes: always GET, C1, PR1, FIN, FUS, FRU; without no_default
// every flag's value (default or given) counts and DC comes with AP; with no_default only flags given as
// true count, and DC is never added.
std::set<TaskType> lotus_worker_task_types(const WorkerFlags& flags);

// The miner's Allow* settings (all default true). They never touch GET, C1, PR1, FIN, FUS, FRU, which the
// miner's own worker always has.
struct AllowSettings {
  bool add_piece = true;              // AllowAddPiece: AP and DC
  bool pre_commit1 = true;            // AllowPreCommit1
  bool pre_commit2 = true;            // AllowPreCommit2
  bool commit = true;                 // AllowCommit: C2
  bool unseal = true;                 // AllowUnseal
  bool replica_update = true;         // AllowReplicaUpdate
  bool prove_replica_update2 = true;  // AllowProveReplicaUpdate2
  bool regen_sector_key = true;       // AllowRegenSectorKey
  bool sector_download = true;        // AllowSectorDownload: DL
};

std::set<TaskType> disallowed_task_types(const AllowSettings& allow);

}  // namespace sa::adapter
