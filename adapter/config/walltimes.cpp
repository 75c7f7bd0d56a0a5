// Walltime lookup and sealadapter's built-in walltimes per task and sector size (site/README.md, "Walltime").
// The built-in values are generous ceilings, not estimates: a job killed at its limit loses all its work,
// while a limit that is too long only costs backfill opportunities. Measured sealing times vary several-fold
// with CPU (SHA extensions), disks and GPU, so sites should tune [walltime] after looking at sacct.
#include "config/site_config.hpp"

namespace sa::adapter {

namespace {

constexpr int kHour = 60;

// 32 GiB figures; 64 GiB doubles the data-proportional ones.
int minutes_32gib(TaskType t) {
  switch (t) {
    case TaskType::PreCommit1:
    case TaskType::Unseal:
      return 24 * kHour;  // single-core SDR over 11 layers; multicore SDR brings it to a few hours
    case TaskType::PreCommit2:
    case TaskType::Commit2:
    case TaskType::ProveReplicaUpdate2:
      return 6 * kHour;  // minutes on a GPU, hours on CPUs only
    case TaskType::ReplicaUpdate:
    case TaskType::RegenSectorKey:
      return 8 * kHour;
    case TaskType::AddPiece:
    case TaskType::DataCid:
      return 4 * kHour;  // bounded by reading/writing 32 GiB of piece data
    case TaskType::Fetch:
    case TaskType::DownloadSector:
      return 6 * kHour;  // copies sealed + cache (hundreds of GiB before finalize) over the network
    case TaskType::Commit1:
    case TaskType::ProveReplicaUpdate1:
    case TaskType::Finalize:
    case TaskType::FinalizeUnsealed:
    case TaskType::FinalizeReplicaUpdate:
      return kHour;  // reads a few challenges / deletes files
  }
  return 24 * kHour;
}

bool scales_with_size(TaskType t) {
  switch (t) {
    case TaskType::Commit1:
    case TaskType::ProveReplicaUpdate1:
    case TaskType::Finalize:
    case TaskType::FinalizeUnsealed:
    case TaskType::FinalizeReplicaUpdate:
      return false;
    default:
      return true;
  }
}

}  // namespace

int builtin_walltime_minutes(TaskType t, params::SectorSize s) {
  switch (s) {
    case params::SectorSize::S2KiB: return 15;  // test sectors: seconds of work plus start-up
    case params::SectorSize::S8MiB: return 30;
    case params::SectorSize::S512MiB: return scales_with_size(t) ? 2 * kHour : kHour;
    case params::SectorSize::S32GiB: return minutes_32gib(t);
    case params::SectorSize::S64GiB: return scales_with_size(t) ? 2 * minutes_32gib(t) : 2 * kHour;
  }
  return 24 * kHour;
}

int Walltimes::minutes(TaskType t, params::SectorSize s) const {
  if (auto it = task_size.find({t, s}); it != task_size.end()) return it->second;
  if (auto it = task_default.find(t); it != task_default.end()) return it->second;
  if (default_minutes > 0) return default_minutes;
  return builtin_walltime_minutes(t, s);
}

}  // namespace sa::adapter
