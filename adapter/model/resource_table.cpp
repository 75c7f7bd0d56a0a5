// Lotus's default ResourceTable and its init() (storage/sealer/storiface/resources.go; lotus.md §1.4, §1.6).
// The V1 rows are written out once; init() copies them to V1_1 and SyntheticPoRep and adds the derived
// types. The numbers are Lotus's own expressions (e.g. 56 << 30), checked byte for byte in the tests.
#include "model/resource_table.hpp"

#include <array>
#include <cstdint>

namespace sa::adapter {

namespace {

using params::SectorSize;

constexpr std::uint64_t kKiB = 1ull << 10;
constexpr std::uint64_t kMiB = 1ull << 20;
constexpr std::uint64_t kGiB = 1ull << 30;

// Field order as in Lotus's struct literal: MinMemory, MaxMemory, BaseMinMemory, threads, GPU.
constexpr Resources res(std::uint64_t min, std::uint64_t max, std::uint64_t base, int mp, int mp_gpu,
                        double gpu) {
  Resources r;
  r.min_memory = min;
  r.max_memory = max;
  r.base_min_memory = base;
  r.max_parallelism = mp;
  r.max_parallelism_gpu = mp_gpu;
  r.gpu_utilization = gpu;
  return r;
}

struct Row {
  TaskType task;
  SectorSize size;
  Resources r;
};

// The V1 entries Lotus writes out explicitly (AP, PC1, PC2, C1, C2, GET, RU).
const std::array<Row, 35>& v1_rows() {
  static const std::array<Row, 35> rows = {{
      {TaskType::AddPiece, SectorSize::S2KiB, res(2 * kKiB, 2 * kKiB, 2 * kKiB, 1, 0, 0)},
      {TaskType::AddPiece, SectorSize::S8MiB, res(8 * kMiB, 8 * kMiB, 8 * kMiB, 1, 0, 0)},
      {TaskType::AddPiece, SectorSize::S512MiB, res(kGiB, kGiB, kGiB, 1, 0, 0)},
      {TaskType::AddPiece, SectorSize::S32GiB, res(4 * kGiB, 4 * kGiB, kGiB, 1, 0, 0)},
      {TaskType::AddPiece, SectorSize::S64GiB, res(8 * kGiB, 8 * kGiB, kGiB, 1, 0, 0)},

      {TaskType::PreCommit1, SectorSize::S2KiB, res(2 * kKiB, 2 * kKiB, 2 * kKiB, 1, 0, 0)},
      {TaskType::PreCommit1, SectorSize::S8MiB, res(8 * kMiB, 8 * kMiB, 8 * kMiB, 1, 0, 0)},
      {TaskType::PreCommit1, SectorSize::S512MiB, res(768 * kMiB, kGiB, kMiB, 1, 0, 0)},
      {TaskType::PreCommit1, SectorSize::S32GiB, res(56 * kGiB, 64 * kGiB, 10 * kMiB, 1, 0, 0)},
      {TaskType::PreCommit1, SectorSize::S64GiB, res(112 * kGiB, 128 * kGiB, 10 * kMiB, 1, 0, 0)},

      // PC2 below 32 GiB has no GPU figure at all (GPUUtilization 0), unlike C2 (lotus.md §1.6 oddities).
      {TaskType::PreCommit2, SectorSize::S2KiB, res(2 * kKiB, 2 * kKiB, 2 * kKiB, -1, 0, 0)},
      {TaskType::PreCommit2, SectorSize::S8MiB, res(8 * kMiB, 8 * kMiB, 8 * kMiB, -1, 0, 0)},
      {TaskType::PreCommit2, SectorSize::S512MiB, res(kGiB, 3 * kGiB / 2, kGiB, -1, 0, 0)},
      {TaskType::PreCommit2, SectorSize::S32GiB, res(15 * kGiB, 15 * kGiB, kGiB, -1, 6, 1.0)},
      {TaskType::PreCommit2, SectorSize::S64GiB, res(30 * kGiB, 30 * kGiB, kGiB, -1, 6, 1.0)},

      // C1 takes 0 threads so it is never starved by long CPU tasks (seed guide, footnote ****).
      {TaskType::Commit1, SectorSize::S2KiB, res(2 * kKiB, 2 * kKiB, 2 * kKiB, 0, 0, 0)},
      {TaskType::Commit1, SectorSize::S8MiB, res(8 * kMiB, 8 * kMiB, 8 * kMiB, 0, 0, 0)},
      {TaskType::Commit1, SectorSize::S512MiB, res(kGiB, kGiB, kGiB, 0, 0, 0)},
      {TaskType::Commit1, SectorSize::S32GiB, res(kGiB, kGiB, kGiB, 0, 0, 0)},
      {TaskType::Commit1, SectorSize::S64GiB, res(kGiB, kGiB, kGiB, 0, 0, 0)},

      {TaskType::Commit2, SectorSize::S2KiB, res(2 * kKiB, 2 * kKiB, 2 * kKiB, 1, 0, 1.0)},
      {TaskType::Commit2, SectorSize::S8MiB, res(8 * kMiB, 8 * kMiB, 8 * kMiB, 1, 0, 1.0)},
      {TaskType::Commit2, SectorSize::S512MiB, res(kGiB, 3 * kGiB / 2, 10 * kGiB, 1, 0, 1.0)},
      // "~30G of this should really be BaseMaxMemory" (source comment)
      {TaskType::Commit2, SectorSize::S32GiB, res(30 * kGiB, 150 * kGiB, 32 * kGiB, -1, 6, 1.0)},
      // MaxMemory 190 GiB carries "TODO: Confirm" in Lotus
      {TaskType::Commit2, SectorSize::S64GiB, res(60 * kGiB, 190 * kGiB, 64 * kGiB, -1, 6, 1.0)},

      {TaskType::Fetch, SectorSize::S2KiB, res(kMiB, kMiB, 0, 0, 0, 0)},
      {TaskType::Fetch, SectorSize::S8MiB, res(kMiB, kMiB, 0, 0, 0, 0)},
      {TaskType::Fetch, SectorSize::S512MiB, res(kMiB, kMiB, 0, 0, 0, 0)},
      {TaskType::Fetch, SectorSize::S32GiB, res(kMiB, kMiB, 0, 0, 0, 0)},
      {TaskType::Fetch, SectorSize::S64GiB, res(kMiB, kMiB, 0, 0, 0, 0)},

      {TaskType::ReplicaUpdate, SectorSize::S2KiB, res(2 * kKiB, 2 * kKiB, 2 * kKiB, 1, 0, 1.0)},
      {TaskType::ReplicaUpdate, SectorSize::S8MiB, res(8 * kMiB, 8 * kMiB, 8 * kMiB, 1, 0, 1.0)},
      {TaskType::ReplicaUpdate, SectorSize::S512MiB, res(kGiB, kGiB, kGiB, 1, 0, 1.0)},
      {TaskType::ReplicaUpdate, SectorSize::S32GiB, res(4 * kGiB, 4 * kGiB, kGiB, 1, 6, 1.0)},
      {TaskType::ReplicaUpdate, SectorSize::S64GiB, res(8 * kGiB, 8 * kGiB, kGiB, 1, 6, 1.0)},
  }};
  return rows;
}

// init(): types Lotus fills by copying another type's entries.
struct Derived {
  TaskType task;
  TaskType from;
};
constexpr std::array<Derived, 4> kDerived = {{
    {TaskType::Unseal, TaskType::PreCommit1},             // "TODO: measure accurately"
    {TaskType::RegenSectorKey, TaskType::ReplicaUpdate},
    {TaskType::ProveReplicaUpdate1, TaskType::Commit1},
    {TaskType::ProveReplicaUpdate2, TaskType::Commit2},
}};

// The registered proof ids Lotus's table carries: V1, V1_1 and SyntheticPoRep (not NI-PoRep).
constexpr std::array<params::ProofVersion, 3> kTableVersions = {
    params::ProofVersion::V1, params::ProofVersion::V1_1, params::ProofVersion::SyntheticPoRep};

}  // namespace

ResourceTable ResourceTable::lotus_default() {
  ResourceTable t;
  for (params::ProofVersion v : kTableVersions) {
    for (const Row& row : v1_rows()) t.set(row.task, params::seal_proof(row.size, v), row.r);
    for (const Derived& d : kDerived) {
      for (SectorSize s : params::kSectorSizes) {
        const auto p = params::seal_proof(s, v);
        t.set(d.task, p, t.get(d.from, p));
      }
    }
    // DataCid does not depend on the sector size: AddPiece 32 GiB for every proof type.
    for (SectorSize s : params::kSectorSizes) {
      t.set(TaskType::DataCid, params::seal_proof(s, v),
            t.get(TaskType::AddPiece, params::seal_proof(SectorSize::S32GiB, v)));
    }
  }
  return t;
}

Resources ResourceTable::get(TaskType t, params::SealProof p) const {
  auto it = entries_.find({t, p.id});
  return it == entries_.end() ? Resources{} : it->second;
}

bool ResourceTable::has(TaskType t, params::SealProof p) const { return entries_.count({t, p.id}) != 0; }

void ResourceTable::set(TaskType t, params::SealProof p, const Resources& r) { entries_[{t, p.id}] = r; }

}  // namespace sa::adapter
