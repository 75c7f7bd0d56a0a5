// lotus-worker flag semantics and the Allow* filter (task_selection.hpp).
#include "config/task_selection.hpp"

namespace sa::adapter {

std::set<TaskType> lotus_worker_task_types(const WorkerFlags& f) {
  // Always present on a sealing (non-PoSt) worker.
  std::set<TaskType> out = {TaskType::Fetch,    TaskType::Commit1,          TaskType::ProveReplicaUpdate1,
                            TaskType::Finalize, TaskType::FinalizeUnsealed, TaskType::FinalizeReplicaUpdate};
  const bool sealing_worker = !f.no_default.value_or(false);
  // Go: (workerType == WorkerSealing || cctx.IsSet(flag)) && cctx.Bool(flag)
  auto enabled = [&](const std::optional<bool>& flag, bool default_value) {
    return (sealing_worker || flag.has_value()) && flag.value_or(default_value);
  };
  if (enabled(f.addpiece, true)) {
    out.insert(TaskType::AddPiece);
    if (sealing_worker) out.insert(TaskType::DataCid);  // --data-cid defaults to "AP was added"
  }
  if (enabled(f.sector_download, false)) out.insert(TaskType::DownloadSector);
  if (enabled(f.precommit1, true)) out.insert(TaskType::PreCommit1);
  if (enabled(f.unseal, true)) out.insert(TaskType::Unseal);
  if (enabled(f.precommit2, true)) out.insert(TaskType::PreCommit2);
  if (enabled(f.commit, true)) out.insert(TaskType::Commit2);
  if (enabled(f.replica_update, true)) out.insert(TaskType::ReplicaUpdate);
  if (enabled(f.prove_replica_update2, true)) out.insert(TaskType::ProveReplicaUpdate2);
  if (enabled(f.regen_sector_key, true)) out.insert(TaskType::RegenSectorKey);
  return out;
}

std::set<TaskType> disallowed_task_types(const AllowSettings& a) {
  std::set<TaskType> out;
  if (!a.add_piece) out.insert({TaskType::AddPiece, TaskType::DataCid});
  if (!a.pre_commit1) out.insert(TaskType::PreCommit1);
  if (!a.pre_commit2) out.insert(TaskType::PreCommit2);
  if (!a.commit) out.insert(TaskType::Commit2);
  if (!a.unseal) out.insert(TaskType::Unseal);
  if (!a.replica_update) out.insert(TaskType::ReplicaUpdate);
  if (!a.prove_replica_update2) out.insert(TaskType::ProveReplicaUpdate2);
  if (!a.regen_sector_key) out.insert(TaskType::RegenSectorKey);
  if (!a.sector_download) out.insert(TaskType::DownloadSector);
  return out;
}

}  // namespace sa::adapter
