// Lotus sealing task types (lotus storage/sealer/sealtasks/task.go; shared/reference/lotus.md §3).
// A *task* in sealadapter is one of these applied to one sector.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace sa::adapter {

enum class TaskType {
  RegenSectorKey,         // GSK  seal/v0/regensectorkey
  DataCid,                // DC   seal/v0/datacid
  AddPiece,               // AP   seal/v0/addpiece
  ReplicaUpdate,          // RU   seal/v0/replicaupdate
  ProveReplicaUpdate2,    // PR2  seal/v0/provereplicaupdate/2
  ProveReplicaUpdate1,    // PR1  seal/v0/provereplicaupdate/1
  PreCommit1,             // PC1  seal/v0/precommit/1
  PreCommit2,             // PC2  seal/v0/precommit/2
  Commit2,                // C2   seal/v0/commit/2
  Commit1,                // C1   seal/v0/commit/1
  Unseal,                 // UNS  seal/v0/unseal
  FinalizeReplicaUpdate,  // FRU  seal/v0/finalize/replicaupdate
  Fetch,                  // GET  seal/v0/fetch
  DownloadSector,         // DL   seal/v0/download/sector
  Finalize,               // FIN  seal/v0/finalize
  FinalizeUnsealed,       // FUS  seal/v0/finalizeunsealed
};

inline constexpr std::array<TaskType, 16> kTaskTypes = {
    TaskType::RegenSectorKey, TaskType::DataCid,        TaskType::AddPiece,
    TaskType::ReplicaUpdate,  TaskType::ProveReplicaUpdate2, TaskType::ProveReplicaUpdate1,
    TaskType::PreCommit1,     TaskType::PreCommit2,     TaskType::Commit2,
    TaskType::Commit1,        TaskType::Unseal,         TaskType::FinalizeReplicaUpdate,
    TaskType::Fetch,          TaskType::DownloadSector, TaskType::Finalize,
    TaskType::FinalizeUnsealed};

// "seal/v0/addpiece": the string Lotus uses on the wire and in TaskTypes().
std::string_view task_string(TaskType t);
// "AP", "PC1", ...: Lotus's short name, also the <SHORT> part of resource env names.
std::string_view short_name(TaskType t);
// "AddPiece", "PreCommit1", ...
std::string_view display_name(TaskType t);
// Lotus's `order` map (lower runs first; FRU is missing from Lotus's map and therefore 0).
int task_order(TaskType t);
// Whether Lotus's resource table has an entry (FIN, FUS, FRU and DL have none: all-zero resources).
bool has_resource_entry(TaskType t);
// Accepts the task string, the short name or the display name, case-insensitively.
std::optional<TaskType> parse_task_type(std::string_view text);

}  // namespace sa::adapter
