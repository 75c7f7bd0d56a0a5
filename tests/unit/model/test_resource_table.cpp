// The default resource table against lotus.md §1.6, all 12 sealing types that have entries x 15 proof ids
// x 7 fields, plus the table-less types and NI-PoRep ids (all zero) and the §1.5 / oddities spot values.
#include <gtest/gtest.h>

#include <string>

#include "model/resource_table.hpp"

namespace sa::adapter {
namespace {

using params::ProofVersion;
using params::SectorSize;

struct Row {
  const char* task;
  SectorSize size;
  std::uint64_t min_memory, max_memory, base_min_memory;
  int max_parallelism, max_parallelism_gpu;
  double gpu;
  int max_concurrent;
};

const Row kLotusTable[] = {
// Generated from shared/reference/lotus.md §1.6 (every row of every table, exact bytes as printed there).
// Columns: short name, size, MinMemory, MaxMemory, BaseMinMemory, MaxParallelism, MaxParallelismGPU,
// GPUUtilization, MaxConcurrent. WDP/WNP rows are left out: sealadapter models only sealing task types.
    {"AP", SectorSize::S2KiB, 2048ull, 2048ull, 2048ull, 1, 0, 0, 0},
    {"AP", SectorSize::S8MiB, 8388608ull, 8388608ull, 8388608ull, 1, 0, 0, 0},
    {"AP", SectorSize::S512MiB, 1073741824ull, 1073741824ull, 1073741824ull, 1, 0, 0, 0},
    {"AP", SectorSize::S32GiB, 4294967296ull, 4294967296ull, 1073741824ull, 1, 0, 0, 0},
    {"AP", SectorSize::S64GiB, 8589934592ull, 8589934592ull, 1073741824ull, 1, 0, 0, 0},
    {"DC", SectorSize::S2KiB, 4294967296ull, 4294967296ull, 1073741824ull, 1, 0, 0, 0},
    {"DC", SectorSize::S8MiB, 4294967296ull, 4294967296ull, 1073741824ull, 1, 0, 0, 0},
    {"DC", SectorSize::S512MiB, 4294967296ull, 4294967296ull, 1073741824ull, 1, 0, 0, 0},
    {"DC", SectorSize::S32GiB, 4294967296ull, 4294967296ull, 1073741824ull, 1, 0, 0, 0},
    {"DC", SectorSize::S64GiB, 4294967296ull, 4294967296ull, 1073741824ull, 1, 0, 0, 0},
    {"PC1", SectorSize::S2KiB, 2048ull, 2048ull, 2048ull, 1, 0, 0, 0},
    {"PC1", SectorSize::S8MiB, 8388608ull, 8388608ull, 8388608ull, 1, 0, 0, 0},
    {"PC1", SectorSize::S512MiB, 805306368ull, 1073741824ull, 1048576ull, 1, 0, 0, 0},
    {"PC1", SectorSize::S32GiB, 60129542144ull, 68719476736ull, 10485760ull, 1, 0, 0, 0},
    {"PC1", SectorSize::S64GiB, 120259084288ull, 137438953472ull, 10485760ull, 1, 0, 0, 0},
    {"UNS", SectorSize::S2KiB, 2048ull, 2048ull, 2048ull, 1, 0, 0, 0},
    {"UNS", SectorSize::S8MiB, 8388608ull, 8388608ull, 8388608ull, 1, 0, 0, 0},
    {"UNS", SectorSize::S512MiB, 805306368ull, 1073741824ull, 1048576ull, 1, 0, 0, 0},
    {"UNS", SectorSize::S32GiB, 60129542144ull, 68719476736ull, 10485760ull, 1, 0, 0, 0},
    {"UNS", SectorSize::S64GiB, 120259084288ull, 137438953472ull, 10485760ull, 1, 0, 0, 0},
    {"PC2", SectorSize::S2KiB, 2048ull, 2048ull, 2048ull, -1, 0, 0, 0},
    {"PC2", SectorSize::S8MiB, 8388608ull, 8388608ull, 8388608ull, -1, 0, 0, 0},
    {"PC2", SectorSize::S512MiB, 1073741824ull, 1610612736ull, 1073741824ull, -1, 0, 0, 0},
    {"PC2", SectorSize::S32GiB, 16106127360ull, 16106127360ull, 1073741824ull, -1, 6, 1, 0},
    {"PC2", SectorSize::S64GiB, 32212254720ull, 32212254720ull, 1073741824ull, -1, 6, 1, 0},
    {"C1", SectorSize::S2KiB, 2048ull, 2048ull, 2048ull, 0, 0, 0, 0},
    {"C1", SectorSize::S8MiB, 8388608ull, 8388608ull, 8388608ull, 0, 0, 0, 0},
    {"C1", SectorSize::S512MiB, 1073741824ull, 1073741824ull, 1073741824ull, 0, 0, 0, 0},
    {"C1", SectorSize::S32GiB, 1073741824ull, 1073741824ull, 1073741824ull, 0, 0, 0, 0},
    {"C1", SectorSize::S64GiB, 1073741824ull, 1073741824ull, 1073741824ull, 0, 0, 0, 0},
    {"C2", SectorSize::S2KiB, 2048ull, 2048ull, 2048ull, 1, 0, 1, 0},
    {"C2", SectorSize::S8MiB, 8388608ull, 8388608ull, 8388608ull, 1, 0, 1, 0},
    {"C2", SectorSize::S512MiB, 1073741824ull, 1610612736ull, 10737418240ull, 1, 0, 1, 0},
    {"C2", SectorSize::S32GiB, 32212254720ull, 161061273600ull, 34359738368ull, -1, 6, 1, 0},
    {"C2", SectorSize::S64GiB, 64424509440ull, 204010946560ull, 68719476736ull, -1, 6, 1, 0},
    {"GET", SectorSize::S2KiB, 1048576ull, 1048576ull, 0ull, 0, 0, 0, 0},
    {"GET", SectorSize::S8MiB, 1048576ull, 1048576ull, 0ull, 0, 0, 0, 0},
    {"GET", SectorSize::S512MiB, 1048576ull, 1048576ull, 0ull, 0, 0, 0, 0},
    {"GET", SectorSize::S32GiB, 1048576ull, 1048576ull, 0ull, 0, 0, 0, 0},
    {"GET", SectorSize::S64GiB, 1048576ull, 1048576ull, 0ull, 0, 0, 0, 0},
    {"RU", SectorSize::S2KiB, 2048ull, 2048ull, 2048ull, 1, 0, 1, 0},
    {"RU", SectorSize::S8MiB, 8388608ull, 8388608ull, 8388608ull, 1, 0, 1, 0},
    {"RU", SectorSize::S512MiB, 1073741824ull, 1073741824ull, 1073741824ull, 1, 0, 1, 0},
    {"RU", SectorSize::S32GiB, 4294967296ull, 4294967296ull, 1073741824ull, 1, 6, 1, 0},
    {"RU", SectorSize::S64GiB, 8589934592ull, 8589934592ull, 1073741824ull, 1, 6, 1, 0},
    {"GSK", SectorSize::S2KiB, 2048ull, 2048ull, 2048ull, 1, 0, 1, 0},
    {"GSK", SectorSize::S8MiB, 8388608ull, 8388608ull, 8388608ull, 1, 0, 1, 0},
    {"GSK", SectorSize::S512MiB, 1073741824ull, 1073741824ull, 1073741824ull, 1, 0, 1, 0},
    {"GSK", SectorSize::S32GiB, 4294967296ull, 4294967296ull, 1073741824ull, 1, 6, 1, 0},
    {"GSK", SectorSize::S64GiB, 8589934592ull, 8589934592ull, 1073741824ull, 1, 6, 1, 0},
    {"PR1", SectorSize::S2KiB, 2048ull, 2048ull, 2048ull, 0, 0, 0, 0},
    {"PR1", SectorSize::S8MiB, 8388608ull, 8388608ull, 8388608ull, 0, 0, 0, 0},
    {"PR1", SectorSize::S512MiB, 1073741824ull, 1073741824ull, 1073741824ull, 0, 0, 0, 0},
    {"PR1", SectorSize::S32GiB, 1073741824ull, 1073741824ull, 1073741824ull, 0, 0, 0, 0},
    {"PR1", SectorSize::S64GiB, 1073741824ull, 1073741824ull, 1073741824ull, 0, 0, 0, 0},
    {"PR2", SectorSize::S2KiB, 2048ull, 2048ull, 2048ull, 1, 0, 1, 0},
    {"PR2", SectorSize::S8MiB, 8388608ull, 8388608ull, 8388608ull, 1, 0, 1, 0},
    {"PR2", SectorSize::S512MiB, 1073741824ull, 1610612736ull, 10737418240ull, 1, 0, 1, 0},
    {"PR2", SectorSize::S32GiB, 32212254720ull, 161061273600ull, 34359738368ull, -1, 6, 1, 0},
    {"PR2", SectorSize::S64GiB, 64424509440ull, 204010946560ull, 68719476736ull, -1, 6, 1, 0},
};

constexpr ProofVersion kTableVersions[] = {ProofVersion::V1, ProofVersion::V1_1, ProofVersion::SyntheticPoRep};

TEST(ResourceTable, EveryEntryMatchesLotusForV1V11AndSynthetic) {
  const ResourceTable table = ResourceTable::lotus_default();
  ASSERT_EQ(std::size(kLotusTable), 60u);  // 12 types x 5 sizes
  int checked = 0;
  for (const Row& row : kLotusTable) {
    const auto task = parse_task_type(row.task);
    ASSERT_TRUE(task) << row.task;
    for (ProofVersion v : kTableVersions) {
      const auto proof = params::seal_proof(row.size, v);
      SCOPED_TRACE(std::string(row.task) + " " + proof.name());
      ASSERT_TRUE(table.has(*task, proof));
      const Resources r = table.get(*task, proof);
      EXPECT_EQ(r.min_memory, row.min_memory);
      EXPECT_EQ(r.max_memory, row.max_memory);
      EXPECT_EQ(r.base_min_memory, row.base_min_memory);
      EXPECT_EQ(r.max_parallelism, row.max_parallelism);
      EXPECT_EQ(r.max_parallelism_gpu, row.max_parallelism_gpu);
      EXPECT_EQ(r.gpu_utilization, row.gpu);
      EXPECT_EQ(r.max_concurrent, row.max_concurrent);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 180);  // 12 x 15
  EXPECT_EQ(table.entries().size(), 180u);  // and nothing else is in the table
}

TEST(ResourceTable, TablelessTypesAreZeroForEveryId) {
  const ResourceTable table = ResourceTable::lotus_default();
  for (TaskType t : {TaskType::Finalize, TaskType::FinalizeUnsealed, TaskType::FinalizeReplicaUpdate,
                     TaskType::DownloadSector}) {
    for (std::int64_t id = 0; id <= params::kMaxSealProofId; ++id) {
      EXPECT_FALSE(table.has(t, params::SealProof{id}));
      EXPECT_EQ(table.get(t, params::SealProof{id}), Resources{}) << short_name(t) << " id " << id;
    }
  }
}

TEST(ResourceTable, NiPorepIdsAreAbsentAndZero) {
  const ResourceTable table = ResourceTable::lotus_default();
  for (TaskType t : kTaskTypes) {
    for (std::int64_t id = 15; id <= 19; ++id) {
      EXPECT_FALSE(table.has(t, params::SealProof{id}));
      EXPECT_EQ(table.get(t, params::SealProof{id}), Resources{});
    }
  }
}

TEST(ResourceTable, DerivedEntriesAreCopies) {
  const ResourceTable table = ResourceTable::lotus_default();
  for (std::int64_t id = 0; id <= 14; ++id) {
    const params::SealProof p{id};
    EXPECT_EQ(table.get(TaskType::Unseal, p), table.get(TaskType::PreCommit1, p));
    EXPECT_EQ(table.get(TaskType::RegenSectorKey, p), table.get(TaskType::ReplicaUpdate, p));
    EXPECT_EQ(table.get(TaskType::ProveReplicaUpdate1, p), table.get(TaskType::Commit1, p));
    EXPECT_EQ(table.get(TaskType::ProveReplicaUpdate2, p), table.get(TaskType::Commit2, p));
    EXPECT_EQ(table.get(TaskType::DataCid, p), table.get(TaskType::AddPiece, params::SealProof{3}));
  }
}

// lotus.md §1.5 (32/64 GiB summary) and the oddities list, in the units the doc uses.
TEST(ResourceTable, SpotValuesFromTheSummaryAndOddities) {
  constexpr std::uint64_t GiB = 1ull << 30, MiB = 1ull << 20, KiB = 1ull << 10;
  const ResourceTable t = ResourceTable::lotus_default();
  const auto p32 = params::SealProof{8}, p64 = params::SealProof{9};  // production V1_1 ids
  EXPECT_EQ(t.get(TaskType::PreCommit1, p32).min_memory + t.get(TaskType::PreCommit1, p32).base_min_memory,
            56 * GiB + 10 * MiB);
  EXPECT_EQ(t.get(TaskType::Commit2, p32).max_memory + t.get(TaskType::Commit2, p32).base_min_memory, 182 * GiB);
  EXPECT_EQ(t.get(TaskType::Commit2, p64).max_memory, 190 * GiB);  // "TODO: Confirm"
  EXPECT_EQ(t.get(TaskType::Commit2, p64).min_memory + t.get(TaskType::Commit2, p64).base_min_memory, 124 * GiB);
  EXPECT_EQ(t.get(TaskType::PreCommit2, p64).min_memory + t.get(TaskType::PreCommit2, p64).base_min_memory,
            31 * GiB);
  EXPECT_EQ(t.get(TaskType::Fetch, p32).base_min_memory, 0u);
  EXPECT_EQ(t.get(TaskType::Fetch, p64).max_memory, MiB);
  // PC2 has no GPU figure below 32 GiB, C2 does.
  for (std::int64_t id : {0, 1, 2, 5, 6, 7, 10, 11, 12}) {
    EXPECT_EQ(t.get(TaskType::PreCommit2, params::SealProof{id}).gpu_utilization, 0.0) << id;
    EXPECT_EQ(t.get(TaskType::Commit2, params::SealProof{id}).gpu_utilization, 1.0) << id;
  }
  EXPECT_EQ(t.get(TaskType::PreCommit2, params::SealProof{7}).max_memory, 3 * GiB / 2);
  EXPECT_EQ(t.get(TaskType::PreCommit1, params::SealProof{2}).min_memory, 768 * MiB);
  EXPECT_EQ(t.get(TaskType::AddPiece, params::SealProof{0}).min_memory, 2 * KiB);
  EXPECT_EQ(t.get(TaskType::DataCid, params::SealProof{0}).min_memory, 4 * GiB);
  // SyntheticPoRep 32 GiB (id 13) behaves like 8.
  EXPECT_EQ(t.get(TaskType::Commit2, params::SealProof{13}), t.get(TaskType::Commit2, p32));
}

TEST(ResourceTable, SetReplacesOneEntryOnly) {
  ResourceTable t = ResourceTable::lotus_default();
  Resources r;
  r.max_concurrent = 3;
  t.set(TaskType::AddPiece, params::SealProof{8}, r);
  EXPECT_EQ(t.get(TaskType::AddPiece, params::SealProof{8}).max_concurrent, 3);
  EXPECT_EQ(t.get(TaskType::AddPiece, params::SealProof{3}).max_concurrent, 0);
  EXPECT_EQ(t.get(TaskType::AddPiece, params::SealProof{3}).min_memory, 4ull << 30);
}

}  // namespace
}  // namespace sa::adapter
