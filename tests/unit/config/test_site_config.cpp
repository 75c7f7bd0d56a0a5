// SiteConfig helpers: the embedded default site, names, partition lookup, built-in walltimes.
#include <gtest/gtest.h>

#include "config/site_config.hpp"

namespace sa::adapter {
namespace {

using params::SectorSize;

TEST(SiteConfig, EmbeddedDefaultIsOneLocalPartitionForEverything) {
  const SiteConfig s = embedded_default_site("/home/m/.sealadapter");
  EXPECT_EQ(s.backend, BackendKind::Local);
  EXPECT_EQ(s.state_dir, "/home/m/.sealadapter");
  EXPECT_EQ(s.storage_dir, "/home/m/.sealadapter/storage");
  EXPECT_EQ(s.memory_policy, MemoryPolicy::Max);
  ASSERT_EQ(s.partitions.size(), 1u);
  const Partition& p = s.partitions[0];
  EXPECT_EQ(p.name, "local");
  EXPECT_EQ(p.tasks.size(), 16u);
  EXPECT_EQ(p.cpus_per_node, 0);
  EXPECT_EQ(p.memory_per_node, 0u);
  EXPECT_EQ(p.gpus_per_node, 0);
  EXPECT_EQ(p.launcher, Launcher::Mpirun);
  EXPECT_EQ(s.find_partition("local"), &s.partitions[0]);
  EXPECT_EQ(s.find_partition("cpu"), nullptr);
}

TEST(SiteConfig, EnumNames) {
  EXPECT_EQ(memory_policy_name(MemoryPolicy::Min), "min");
  EXPECT_EQ(memory_policy_name(MemoryPolicy::Max), "max");
  EXPECT_EQ(launcher_name(Launcher::Srun), "srun");
  EXPECT_EQ(launcher_name(Launcher::Mpirun), "mpirun");
  EXPECT_EQ(launcher_name(Launcher::Direct), "direct");
  EXPECT_EQ(backend_name(BackendKind::Local), "local");
  EXPECT_EQ(backend_name(BackendKind::Slurm), "slurm");
}

TEST(SiteConfig, BuiltinWalltimesGrowWithSectorSize) {
  for (TaskType t : kTaskTypes) {
    int previous = 0;
    for (SectorSize s : params::kSectorSizes) {
      const int m = builtin_walltime_minutes(t, s);
      EXPECT_GE(m, previous) << short_name(t);
      EXPECT_GT(m, 0);
      previous = m;
    }
  }
  EXPECT_EQ(builtin_walltime_minutes(TaskType::PreCommit1, SectorSize::S32GiB), 24 * 60);
  EXPECT_EQ(builtin_walltime_minutes(TaskType::PreCommit1, SectorSize::S64GiB), 48 * 60);
  EXPECT_EQ(builtin_walltime_minutes(TaskType::Commit1, SectorSize::S64GiB), 120);
  EXPECT_EQ(builtin_walltime_minutes(TaskType::AddPiece, SectorSize::S2KiB), 15);
}

TEST(SiteConfig, EmptyWalltimesUseTheBuiltins) {
  const Walltimes w;
  EXPECT_EQ(w.minutes(TaskType::Commit2, SectorSize::S32GiB),
            builtin_walltime_minutes(TaskType::Commit2, SectorSize::S32GiB));
}

}  // namespace
}  // namespace sa::adapter
