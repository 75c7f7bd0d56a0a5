// Lotus task-type names and order (storage/sealer/sealtasks/task.go; lotus.md §3). One row per type keeps
// the wire string, short name, display name and order map side by side, so they cannot drift apart.
#include "model/task_type.hpp"

#include <cctype>
#include <string>

namespace sa::adapter {

namespace {

struct TaskInfo {
  TaskType type;
  std::string_view wire;     // sealtasks.TT* value
  std::string_view short_;   // TaskType.Short()
  std::string_view display;  // the Go constant without "TT"
  int order;                 // sealtasks `order` map; FRU is absent there, so 0
  bool has_table_entry;      // present in storiface.ResourceTable
};

constexpr std::array<TaskInfo, 16> kInfo = {{
    {TaskType::RegenSectorKey, "seal/v0/regensectorkey", "GSK", "RegenSectorKey", 11, true},
    {TaskType::DataCid, "seal/v0/datacid", "DC", "DataCid", 10, true},
    {TaskType::AddPiece, "seal/v0/addpiece", "AP", "AddPiece", 9, true},
    {TaskType::ReplicaUpdate, "seal/v0/replicaupdate", "RU", "ReplicaUpdate", 8, true},
    {TaskType::ProveReplicaUpdate2, "seal/v0/provereplicaupdate/2", "PR2", "ProveReplicaUpdate2", 7, true},
    {TaskType::ProveReplicaUpdate1, "seal/v0/provereplicaupdate/1", "PR1", "ProveReplicaUpdate1", 6, true},
    {TaskType::PreCommit1, "seal/v0/precommit/1", "PC1", "PreCommit1", 5, true},
    {TaskType::PreCommit2, "seal/v0/precommit/2", "PC2", "PreCommit2", 4, true},
    {TaskType::Commit2, "seal/v0/commit/2", "C2", "Commit2", 3, true},
    {TaskType::Commit1, "seal/v0/commit/1", "C1", "Commit1", 2, true},
    {TaskType::Unseal, "seal/v0/unseal", "UNS", "Unseal", 1, true},
    {TaskType::FinalizeReplicaUpdate, "seal/v0/finalize/replicaupdate", "FRU", "FinalizeReplicaUpdate", 0, false},
    {TaskType::Fetch, "seal/v0/fetch", "GET", "Fetch", -1, true},
    {TaskType::DownloadSector, "seal/v0/download/sector", "DL", "DownloadSector", -2, false},
    {TaskType::Finalize, "seal/v0/finalize", "FIN", "Finalize", -3, false},
    {TaskType::FinalizeUnsealed, "seal/v0/finalizeunsealed", "FUS", "FinalizeUnsealed", -4, false},
}};

const TaskInfo& info(TaskType t) {
  for (const TaskInfo& i : kInfo) {
    if (i.type == t) return i;
  }
  return kInfo[0];  // unreachable for a valid enumerator
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

}  // namespace

std::string_view task_string(TaskType t) { return info(t).wire; }
std::string_view short_name(TaskType t) { return info(t).short_; }
std::string_view display_name(TaskType t) { return info(t).display; }
int task_order(TaskType t) { return info(t).order; }
bool has_resource_entry(TaskType t) { return info(t).has_table_entry; }

std::optional<TaskType> parse_task_type(std::string_view text) {
  for (const TaskInfo& i : kInfo) {
    if (iequals(text, i.wire) || iequals(text, i.short_) || iequals(text, i.display)) return i.type;
  }
  return std::nullopt;
}

}  // namespace sa::adapter
