// map_task for ALL 16 task types x all 5 sizes on a CPU partition (64 CPUs, no GPU) and a GPU partition
// (32 CPUs, 2 GPUs), against numbers worked out by hand from lotus.md §1.2/§1.6 and §7.4.
#include <gtest/gtest.h>

#include "mapping/job_request.hpp"
#include "mapping/scratch_space.hpp"

namespace sa::adapter {
namespace {

using params::SectorSize;
using T = TaskType;

Partition partition(const char* name, int cpus, int gpus) {
  Partition p;
  p.name = name;
  p.tasks.insert(kTaskTypes.begin(), kTaskTypes.end());
  p.nodes = 4;
  p.cpus_per_node = cpus;
  p.memory_per_node = 1ull << 40;  // everything fits: this test is about the numbers, not the limits
  p.gpus_per_node = gpus;
  p.prover = {"lotus-bench", "prove", "{input}"};  // C2 maps only where a prover runs it
  return p;
}

struct Expected {
  T task;
  int cpu_threads[5];  // per size 2K 8M 512M 32G 64G, on the 64-CPU partition (0 -> 1 CPU)
  int gpu_threads[5];  // on the 32-CPU, 2-GPU partition
  int gpus[5];         // GPUs requested on the GPU partition (never any on the CPU partition)
  std::uint64_t mem_mib[5];  // memory_policy max: MaxMemory + BaseMinMemory, at least 512 MiB
  int scratch_tenths;
  bool urgent;
};

// 92 % of 64 = 58, of 32 = 29.
const Expected kTable[] = {
    {T::RegenSectorKey, {1, 1, 1, 1, 1}, {1, 1, 1, 6, 6}, {1, 1, 1, 1, 1}, {512, 512, 2048, 5120, 9216}, 151, false},
    {T::DataCid, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {5120, 5120, 5120, 5120, 5120}, 0, false},
    {T::AddPiece, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {512, 512, 2048, 5120, 9216}, 10, false},
    {T::ReplicaUpdate, {1, 1, 1, 1, 1}, {1, 1, 1, 6, 6}, {1, 1, 1, 1, 1}, {512, 512, 2048, 5120, 9216}, 31, false},
    {T::ProveReplicaUpdate2, {1, 1, 1, 58, 58}, {1, 1, 1, 6, 6}, {1, 1, 1, 1, 1},
     {512, 512, 11776, 186368, 260096}, 0, false},
    {T::ProveReplicaUpdate1, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {512, 512, 2048, 2048, 2048}, 0, true},
    {T::PreCommit1, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {512, 512, 1025, 65546, 131082}, 151, false},
    {T::PreCommit2, {58, 58, 58, 58, 58}, {29, 29, 29, 6, 6}, {0, 0, 0, 1, 1}, {512, 512, 2560, 16384, 31744}, 151,
     false},
    {T::Commit2, {1, 1, 1, 58, 58}, {1, 1, 1, 6, 6}, {1, 1, 1, 1, 1}, {512, 512, 11776, 186368, 260096}, 0, false},
    {T::Commit1, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {512, 512, 2048, 2048, 2048}, 0, true},
    {T::Unseal, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {512, 512, 1025, 65546, 131082}, 161, false},
    {T::FinalizeReplicaUpdate, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {512, 512, 512, 512, 512}, 0, true},
    {T::Fetch, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {512, 512, 512, 512, 512}, 0, true},
    {T::DownloadSector, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {512, 512, 512, 512, 512}, 161, true},
    {T::Finalize, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {512, 512, 512, 512, 512}, 0, true},
    {T::FinalizeUnsealed, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {512, 512, 512, 512, 512}, 0, true},
};

TEST(MapTaskTable, EveryTaskAndSizeOnCpuAndGpuPartitions) {
  ASSERT_EQ(std::size(kTable), kTaskTypes.size());
  const ResourceTable table = ResourceTable::lotus_default();
  SiteConfig site;
  const Partition cpu = partition("cpu", 64, 0);
  const Partition gpu = partition("gpu", 32, 2);
  for (const Expected& e : kTable) {
    for (std::size_t i = 0; i < params::kSectorSizes.size(); ++i) {
      const SectorSize size = params::kSectorSizes[i];
      const TaskSpec spec{e.task, params::seal_proof(size, params::ProofVersion::V1_1)};
      SCOPED_TRACE(std::string(short_name(e.task)) + " " + std::string(params::sector_size_name(size)));
      const JobRequest c = map_task(spec, table, cpu, site);
      EXPECT_EQ(c.partition, "cpu");
      EXPECT_EQ(c.cpus_per_task, e.cpu_threads[i]);
      EXPECT_EQ(c.gpus, 0);
      EXPECT_EQ(c.memory_bytes, e.mem_mib[i] << 20);
      EXPECT_EQ(c.tmp_bytes, params::bytes(size) * static_cast<std::uint64_t>(e.scratch_tenths) / 10);
      EXPECT_EQ(c.urgent, e.urgent);
      EXPECT_EQ(c.nice == 0, e.urgent);
      EXPECT_EQ(c.nodes, 1);
      EXPECT_EQ(c.ntasks, 1);
      EXPECT_EQ(c.time_limit_minutes, builtin_walltime_minutes(e.task, size));
      EXPECT_EQ(c.table_entry, table.get(e.task, spec.proof));

      const JobRequest g = map_task(spec, table, gpu, site);
      EXPECT_EQ(g.cpus_per_task, e.gpu_threads[i]);
      EXPECT_EQ(g.gpus, e.gpus[i]);
      EXPECT_EQ(g.memory_bytes, c.memory_bytes);  // memory does not depend on the node
      EXPECT_EQ(g.urgent, e.urgent);
    }
  }
}

TEST(MapTaskTable, ScratchHandValues) {
  constexpr std::uint64_t GiB = 1ull << 30;
  EXPECT_EQ(sealing_scratch_bytes(T::PreCommit1, SectorSize::S32GiB), 151 * 32 * GiB / 10);  // ~483 GiB
  EXPECT_EQ(sealing_scratch_bytes(T::AddPiece, SectorSize::S2KiB), 2048u);
  EXPECT_EQ(sealing_scratch_bytes(T::Unseal, SectorSize::S2KiB), 2048u * 161 / 10);  // 3297, floored
  EXPECT_EQ(sealing_scratch_bytes(T::ReplicaUpdate, SectorSize::S64GiB), 31 * 64 * GiB / 10);
  EXPECT_EQ(sealing_scratch_bytes(T::Commit2, SectorSize::S64GiB), 0u);
}

}  // namespace
}  // namespace sa::adapter
