// Per-task scratch from Lotus's FSOverheadSeal (scratch_space.hpp).
#include "mapping/scratch_space.hpp"

namespace sa::adapter {

namespace {
// FSOverheadSeal (storiface/filetype.go), tenths of the sector size.
constexpr int kUnsealed = 10;
constexpr int kSealed = 10;
constexpr int kUpdate = 10;
constexpr int kUpdateCache = 21;
constexpr int kCache = 141;  // "11 layers + D(2x ssize) + C + R'"
}  // namespace

int scratch_overhead_tenths(TaskType t) {
  switch (t) {
    case TaskType::AddPiece: return kUnsealed;                  // writes the unsealed file
    case TaskType::PreCommit1:                                  // allocates cache + sealed (alloc selector)
    case TaskType::PreCommit2:                                  // fills cache (tree-c, tree-r-last) + sealed
      return kCache + kSealed;
    case TaskType::Unseal: return kUnsealed + kSealed + kCache;  // sealed + cache fetched in, unsealed written
    case TaskType::ReplicaUpdate: return kUpdate + kUpdateCache;  // writes update + update-cache
    case TaskType::RegenSectorKey: return kSealed + kCache;      // re-creates sealed (+ its cache)
    case TaskType::DownloadSector: return kUnsealed + kSealed + kCache;  // worst case: an unfinalized sector
    case TaskType::DataCid:              // hashes a stream, writes nothing
    case TaskType::Commit1:              // reads challenges from cache + sealed
    case TaskType::Commit2:              // SNARK from C1 output in memory
    case TaskType::ProveReplicaUpdate1:  // reads
    case TaskType::ProveReplicaUpdate2:  // SNARK in memory
    case TaskType::Fetch:                // moves files into long-term storage, not scratch
    case TaskType::Finalize:             // deletes layers and trees
    case TaskType::FinalizeUnsealed:     // trims the unsealed file
    case TaskType::FinalizeReplicaUpdate:
      return 0;
  }
  return 0;
}

std::uint64_t sealing_scratch_bytes(TaskType t, params::SectorSize s) {
  // bytes(s) is a multiple of 1024, so dividing first keeps the product exact and far from overflow.
  return params::bytes(s) / 10 * static_cast<std::uint64_t>(scratch_overhead_tenths(t)) +
         params::bytes(s) % 10 * static_cast<std::uint64_t>(scratch_overhead_tenths(t)) / 10;
}

}  // namespace sa::adapter
