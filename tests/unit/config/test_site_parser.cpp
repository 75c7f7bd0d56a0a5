// The site files shipped in site/ load and say what they mean; the task-set forms, [allow], [walltime],
// paths and defaults of parse_site.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "config/site_config.hpp"

namespace sa::adapter {
namespace {

const std::filesystem::path kSiteDir = std::filesystem::path(SA_SOURCE_DIR) / "site";
constexpr std::uint64_t GiB = 1ull << 30;

SiteConfig parse(const std::string& text) { return parse_site(text, "test.toml", "/etc/sa"); }

const std::string kMinimal = R"(
state_dir = "/srv/sa"
[[partition]]
name = "cpu"
cpus_per_node = 8
memory_per_node = "16GiB"
)";

TEST(SiteParser, LocalTestSiteLoads) {
  const SiteConfig s = load_site_file(kSiteDir / "local-test.toml");
  EXPECT_EQ(s.name, "local-test");
  EXPECT_EQ(s.backend, BackendKind::Slurm);
  EXPECT_EQ(s.templates_dir, kSiteDir.parent_path() / "templates");  // relative to the site file
  ASSERT_EQ(s.partitions.size(), 2u);
  const Partition& cpu = s.partitions[0];
  EXPECT_EQ(cpu.name, "cpu");
  EXPECT_EQ(cpu.nodes, 3);
  EXPECT_EQ(cpu.cpus_per_node, 2);
  EXPECT_EQ(cpu.memory_per_node, 3 * GiB);
  EXPECT_EQ(cpu.gpus_per_node, 0);
  EXPECT_EQ(cpu.tasks.size(), 16u);  // lotus-worker defaults + sector_download
  const Partition* gpu = s.find_partition("gpu");
  ASSERT_NE(gpu, nullptr);
  EXPECT_EQ(gpu->gpus_per_node, 1);
  EXPECT_EQ(gpu->template_name, "gpu");
  EXPECT_EQ(gpu->tasks, (std::set<TaskType>{TaskType::PreCommit2, TaskType::Commit2, TaskType::ReplicaUpdate,
                                             TaskType::ProveReplicaUpdate2, TaskType::RegenSectorKey}));
  EXPECT_EQ(s.walltime.minutes(TaskType::PreCommit1, params::SectorSize::S2KiB), 20);
}

TEST(SiteParser, ExampleUniversitySiteLoads) {
  const SiteConfig s = load_site_file(kSiteDir / "example-university.toml");
  ASSERT_EQ(s.partitions.size(), 3u);
  EXPECT_EQ(s.account, "filecoin-seal");
  EXPECT_EQ(s.qos_urgent, "high");
  EXPECT_EQ(s.scratch_dir, "/local/nvme");
  const Partition& standard = s.partitions[0];
  EXPECT_EQ(standard.tmp_per_node, 16 * (1ull << 40) / 10);
  EXPECT_TRUE(standard.tasks.count(TaskType::PreCommit1));
  EXPECT_TRUE(standard.tasks.count(TaskType::DataCid));
  EXPECT_FALSE(standard.tasks.count(TaskType::PreCommit2));
  EXPECT_FALSE(standard.tasks.count(TaskType::DownloadSector));
  EXPECT_EQ(standard.extra_directives, std::vector<std::string>{"--constraint=sha_ni"});
  EXPECT_EQ(standard.env.at("FIL_PROOFS_MAXIMIZE_CACHING"), "1");
  EXPECT_EQ(standard.launcher, Launcher::Srun);
  const Partition& gpu = s.partitions[1];
  EXPECT_EQ(gpu.gpu_type, "a100");
  EXPECT_EQ(gpu.max_jobs, 32);
  EXPECT_EQ(gpu.qos, "gpu");
  EXPECT_FALSE(gpu.tasks.count(TaskType::AddPiece));
  EXPECT_FALSE(gpu.tasks.count(TaskType::DataCid));
  EXPECT_TRUE(gpu.tasks.count(TaskType::Commit2));
  EXPECT_TRUE(gpu.tasks.count(TaskType::Commit1));  // always, as lotus-worker does
  EXPECT_EQ(gpu.env.size(), 2u);
  EXPECT_TRUE(gpu.serves(TaskType::Commit2)) << "it has a prover";
  EXPECT_EQ(gpu.prover.at(4), "{input}");
  EXPECT_EQ(s.parameter_cache, "/gpfs/projects/filecoin/proof-parameters");
  const Partition& bigmem = s.partitions[2];
  EXPECT_EQ(bigmem.launcher, Launcher::Mpirun);
  EXPECT_EQ(bigmem.memory_per_node, 2ull << 40);
  EXPECT_EQ(bigmem.account, "filecoin-bigmem");
  EXPECT_EQ(s.walltime.minutes(TaskType::PreCommit1, params::SectorSize::S32GiB), 12 * 60);
  EXPECT_EQ(s.walltime.minutes(TaskType::Commit2, params::SectorSize::S64GiB), 4 * 60);
  EXPECT_EQ(s.walltime.minutes(TaskType::PreCommit2, params::SectorSize::S32GiB), 3 * 60);
  EXPECT_EQ(s.walltime.minutes(TaskType::AddPiece, params::SectorSize::S32GiB),
            builtin_walltime_minutes(TaskType::AddPiece, params::SectorSize::S32GiB));
}

TEST(SiteParser, DefaultsOfAMinimalFile) {
  const SiteConfig s = parse(kMinimal);
  EXPECT_EQ(s.name, "test");  // the file's stem
  EXPECT_EQ(s.backend, BackendKind::Slurm);
  EXPECT_EQ(s.state_dir, "/srv/sa");
  EXPECT_EQ(s.storage_dir, "/srv/sa/storage");
  EXPECT_EQ(s.instance, "sa");
  EXPECT_EQ(s.memory_policy, MemoryPolicy::Max);
  EXPECT_EQ(s.min_job_memory, 512ull << 20);
  EXPECT_EQ(s.source, "test.toml");
  const Partition& p = s.partitions.at(0);
  EXPECT_EQ(p.nodes, 1);
  EXPECT_EQ(p.launcher, Launcher::Srun);
  EXPECT_FALSE(p.memory_policy.has_value());
  EXPECT_EQ(p.line, 3);
  EXPECT_EQ(p.tasks.size(), 15u);  // lotus-worker defaults: everything but DL
}

TEST(SiteParser, TaskListAcceptsEverySpelling) {
  const SiteConfig s = parse(kMinimal + "tasks = [\"ap\", \"seal/v0/precommit/1\", \"Commit2\", \"FIN\"]\n");
  EXPECT_EQ(s.partitions[0].tasks, (std::set<TaskType>{TaskType::AddPiece, TaskType::PreCommit1,
                                                        TaskType::Commit2, TaskType::Finalize}));
}

TEST(SiteParser, AllowRemovesTypesFromEveryPartition) {
  const SiteConfig s = parse(kMinimal + R"(tasks = ["AP", "DC", "PC1", "C1"]
[[partition]]
name = "gpu"
cpus_per_node = 8
memory_per_node = "16GiB"
gpus_per_node = 1
[allow]
AllowAddPiece = false
AllowCommit = false
)");
  EXPECT_EQ(s.partitions[0].tasks, (std::set<TaskType>{TaskType::PreCommit1, TaskType::Commit1}));
  EXPECT_FALSE(s.partitions[1].tasks.count(TaskType::Commit2));
  EXPECT_FALSE(s.partitions[1].tasks.count(TaskType::DataCid));
  EXPECT_TRUE(s.partitions[1].tasks.count(TaskType::PreCommit2));
}

TEST(SiteParser, WalltimeFallbackChain) {
  const SiteConfig s = parse(R"(
state_dir = "/srv/sa"
[walltime]
default = "2d"
AP = 45
[walltime.PC1]
default = "10h"
32G = "1-06:00:00"
[[partition]]
name = "cpu"
cpus_per_node = 8
memory_per_node = "16GiB"
)");
  using params::SectorSize;
  EXPECT_EQ(s.walltime.minutes(TaskType::PreCommit1, SectorSize::S32GiB), 30 * 60);
  EXPECT_EQ(s.walltime.minutes(TaskType::PreCommit1, SectorSize::S64GiB), 10 * 60);
  EXPECT_EQ(s.walltime.minutes(TaskType::AddPiece, SectorSize::S2KiB), 45);
  EXPECT_EQ(s.walltime.minutes(TaskType::Commit2, SectorSize::S2KiB), 2 * 1440);
}

TEST(SiteParser, PathsResolveAgainstTheSiteDirectoryAndHome) {
  ::setenv("HOME", "/home/miner", 1);
  const SiteConfig s = parse(R"(
state_dir = "~/sa-state"
storage_dir = "sectors/"
templates_dir = "../templates"
job_binary = "/opt/sa/bin/../bin/sa-job"
[[partition]]
name = "cpu"
cpus_per_node = 8
memory_per_node = "16GiB"
)");
  EXPECT_EQ(s.state_dir, "/home/miner/sa-state");
  EXPECT_EQ(s.storage_dir, "/etc/sa/sectors");
  EXPECT_EQ(s.templates_dir, "/etc/templates");
  EXPECT_EQ(s.job_binary, "/opt/sa/bin/sa-job");
  EXPECT_TRUE(s.scratch_dir.empty());
}

TEST(SiteParser, LocalBackendAllowsAutoAndDefaultsToMpirunLaunch) {
  const SiteConfig s = parse(R"(
backend = "local"
state_dir = "/srv/sa"
[[partition]]
name = "here"
cpus_per_node = "auto"
memory_per_node = "auto"
)");
  EXPECT_EQ(s.backend, BackendKind::Local);
  EXPECT_EQ(s.partitions[0].cpus_per_node, 0);
  EXPECT_EQ(s.partitions[0].memory_per_node, 0u);
  EXPECT_EQ(s.partitions[0].launcher, Launcher::Mpirun);
  // omitted means auto as well
  EXPECT_EQ(parse("backend = \"local\"\nstate_dir = \"/x\"\n[[partition]]\nname = \"h\"\n").partitions[0].cpus_per_node, 0);
}

TEST(SiteParser, PartitionOverrides) {
  const SiteConfig s = parse(kMinimal + R"(memory_policy = "min"
account = "acct"
qos = "q"
qos_urgent = "qu"
template = "/opt/t.sh.mustache"
launcher = "mpirun"
max_jobs = 4
nodes = 2
gpus_per_node = 2
gpu_type = "h100"
tmp_per_node = 1000
extra_directives = ["--constraint=ib", "-C ib"]
[partition.env]
OMP_NUM_THREADS = "1"
)");
  const Partition& p = s.partitions[0];
  EXPECT_EQ(p.memory_policy, MemoryPolicy::Min);
  EXPECT_EQ(p.account, "acct");
  EXPECT_EQ(p.qos, "q");
  EXPECT_EQ(p.qos_urgent, "qu");
  EXPECT_EQ(p.template_name, "/opt/t.sh.mustache");
  EXPECT_EQ(p.launcher, Launcher::Mpirun);
  EXPECT_EQ(p.max_jobs, 4);
  EXPECT_EQ(p.nodes, 2);
  EXPECT_EQ(p.gpus_per_node, 2);
  EXPECT_EQ(p.gpu_type, "h100");
  EXPECT_EQ(p.tmp_per_node, 1000u);
  EXPECT_EQ(p.extra_directives.size(), 2u);
  EXPECT_EQ(p.env.at("OMP_NUM_THREADS"), "1");
}

TEST(SiteParser, HostileButPrintableStringsAreKept) {
  // Quotes, $(), backticks, '#' and backslashes are legal in names: the renderer quotes them.
  const SiteConfig s = parse(R"(
state_dir = "/srv/sa"
account = "a'b\"c $(x) `y` #z \\w"
[[partition]]
name = "p q"
cpus_per_node = 8
memory_per_node = "16GiB"
)");
  EXPECT_EQ(s.account, "a'b\"c $(x) `y` #z \\w");
  EXPECT_EQ(s.partitions[0].name, "p q");
}

TEST(SiteParser, Pc1BatchKeys) {
  EXPECT_EQ(parse(kMinimal).pc1_batch, 1) << "one PC1 per job unless the site says otherwise";
  EXPECT_EQ(parse(kMinimal).pc1_batch_wait, 0);
  const SiteConfig s = parse("pc1_batch = 4\npc1_batch_wait = 300\n" + kMinimal);
  EXPECT_EQ(s.pc1_batch, 4);
  EXPECT_EQ(s.pc1_batch_wait, 300);
  EXPECT_THROW(parse("pc1_batch = 0\n" + kMinimal), Error);
  EXPECT_THROW(parse("pc1_batch_wait = -1\n" + kMinimal), Error);
}

// A PC1 batch on the test cluster once asked Slurm for --mem=2M (min_job_memory = "1MiB"): one rank was
// killed by the cgroup whenever the busy machine charged its library pages to it. No site may ask for that.
TEST(SiteParser, MinJobMemoryBelowWhatTheJobBinaryNeedsIsRefused) {
  try {
    parse("min_job_memory = \"1MiB\"\n" + kMinimal);
    FAIL() << "1MiB accepted";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("min_job_memory"), std::string::npos) << m;
    EXPECT_NE(m.find("64 MiB"), std::string::npos) << m;
  }
  EXPECT_THROW(parse("min_job_memory = \"63MiB\"\n" + kMinimal), Error);
  EXPECT_EQ(parse("min_job_memory = \"64MiB\"\n" + kMinimal).min_job_memory, kMinJobMemoryFloor);
}

}  // namespace
}  // namespace sa::adapter
