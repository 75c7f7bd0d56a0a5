// map_task rules one at a time: memory policy and limits, GPU-less partitions, ranks and nodes, account and
// QOS fallbacks, environment, scratch limits, and the errors with their messages.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "mapping/job_request.hpp"
#include "model/resource_overrides.hpp"

namespace sa::adapter {
namespace {

using params::SealProof;
constexpr std::uint64_t GiB = 1ull << 30, MiB = 1ull << 20;
const SealProof k2K{5}, k512M{7}, k32G{8};

Partition node(int cpus, std::uint64_t mem, int gpus = 0) {
  Partition p;
  p.name = "p";
  p.tasks.insert(kTaskTypes.begin(), kTaskTypes.end());
  p.nodes = 3;
  p.cpus_per_node = cpus;
  p.memory_per_node = mem;
  p.gpus_per_node = gpus;
  p.prover = {"lotus-bench", "prove", "{input}"};  // C2 maps only where a prover runs it
  return p;
}

const ResourceTable kTable = ResourceTable::lotus_default();

std::string error_of(const TaskSpec& spec, const Partition& p, const SiteConfig& site = {},
                     const ResourceTable& table = kTable) {
  try {
    map_task(spec, table, p, site);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

TEST(MapTaskRules, MemoryPolicyMinUsesMinMemory) {
  SiteConfig site;
  site.memory_policy = MemoryPolicy::Min;
  const JobRequest r = map_task({TaskType::PreCommit1, k32G}, kTable, node(64, 256 * GiB), site);
  EXPECT_EQ(r.memory_bytes, 56 * GiB + 10 * MiB);
  Partition p = node(64, 256 * GiB);
  p.memory_policy = MemoryPolicy::Max;  // the partition's policy wins over the site's
  EXPECT_EQ(map_task({TaskType::PreCommit1, k32G}, kTable, p, site).memory_bytes, 64 * GiB + 10 * MiB);
}

TEST(MapTaskRules, MemoryFloorAndRounding) {
  SiteConfig site;
  site.min_job_memory = 100 * MiB + 1;  // rounded up to whole MiB
  EXPECT_EQ(map_task({TaskType::AddPiece, k2K}, kTable, node(2, GiB), site).memory_bytes, 101 * MiB);
  ResourceTable t = kTable;
  Resources odd;
  odd.max_memory = 600 * MiB + 5;
  t.set(TaskType::AddPiece, k2K, odd);
  EXPECT_EQ(map_task({TaskType::AddPiece, k2K}, t, node(2, GiB), site).memory_bytes, 601 * MiB);
}

TEST(MapTaskRules, TooMuchMemoryNamesTheNumbersAndTheWayOut) {
  const std::string msg = error_of({TaskType::PreCommit1, k32G}, node(2, 3 * GiB));
  for (const char* part : {"PC1 32GiB on partition 'p'", "64.01 GiB", "MaxMemory 64 GiB", "BaseMinMemory 10 MiB",
                           "3 GiB", "memory_policy = \"min\" (56.01 GiB", "PC1_32G_MAX_MEMORY"}) {
    EXPECT_NE(msg.find(part), std::string::npos) << part << " in: " << msg;
  }
  // min already, or nothing to gain from min: no memory_policy hint
  const std::string c1 = error_of({TaskType::Commit1, k32G}, node(2, GiB));
  EXPECT_EQ(c1.find("memory_policy = \"min\""), std::string::npos) << c1;
  EXPECT_NE(c1.find("C1_32G_MAX_MEMORY"), std::string::npos) << c1;
}

TEST(MapTaskRules, UnknownNodeMemoryIsNotChecked) {
  EXPECT_NO_THROW(map_task({TaskType::Commit2, k32G}, kTable, node(8, 0), {}));  // local "auto" before detection
}

TEST(MapTaskRules, GpuTaskOnAGpulessPartitionRunsOnCpus) {
  const JobRequest r = map_task({TaskType::Commit2, k32G}, kTable, node(16, 512 * GiB), {});
  EXPECT_EQ(r.gpus, 0);
  EXPECT_EQ(r.cpus_per_task, 14);  // 92 % of 16, the gpus=0 branch of Threads()
  EXPECT_TRUE(r.gpu_type.empty());
}

TEST(MapTaskRules, GpuTypeAndFractionalGpus) {
  Partition p = node(16, 512 * GiB, 4);
  p.gpu_type = "a100";
  ResourceTable t = kTable;
  Resources r = t.get(TaskType::Commit2, k32G);
  r.gpu_utilization = 1.5;
  t.set(TaskType::Commit2, k32G, r);
  const JobRequest j = map_task({TaskType::Commit2, k32G}, t, p, {});
  EXPECT_EQ(j.gpus, 2);  // ceil(1.5)
  EXPECT_EQ(j.gpu_type, "a100");
  r.gpu_utilization = 5;
  t.set(TaskType::Commit2, k32G, r);
  EXPECT_NE(error_of({TaskType::Commit2, k32G}, p, {}, t).find("needs 5 GPUs"), std::string::npos);
}

TEST(MapTaskRules, RanksSpreadOverNodes) {
  Partition p = node(2, 4 * GiB);
  p.launcher = Launcher::Srun;
  const JobRequest r = map_task({TaskType::PreCommit1, k2K, 0, 3}, kTable, p, {});
  EXPECT_EQ(r.ntasks, 3);
  EXPECT_EQ(r.nodes, 2);  // 2 one-CPU ranks per 2-CPU node
  EXPECT_NE(error_of({TaskType::PreCommit1, k2K, 0, 7}, p).find("need 4 nodes but the partition has 3"),
            std::string::npos);
  EXPECT_NE(error_of({TaskType::PreCommit1, k2K, 0, 0}, p).find("ranks must be at least 1"), std::string::npos);
  p.launcher = Launcher::Direct;
  EXPECT_NE(error_of({TaskType::PreCommit1, k2K, 0, 2}, p).find("launcher \"direct\""), std::string::npos);
}

TEST(MapTaskRules, ThreadsBeyondTheNodeAreAnError) {
  ResourceTable t = kTable;
  Resources r = t.get(TaskType::PreCommit1, k2K);
  r.max_parallelism = 9001;  // FIL_PROOFS_MULTICORE_SDR_PRODUCERS=9000
  t.set(TaskType::PreCommit1, k2K, r);
  const std::string msg = error_of({TaskType::PreCommit1, k2K}, node(2, GiB), {}, t);
  EXPECT_NE(msg.find("needs 9001 CPUs"), std::string::npos) << msg;
  EXPECT_NE(msg.find("PC1_2K_MAX_PARALLELISM"), std::string::npos) << msg;
}

TEST(MapTaskRules, RejectsTasksThePartitionDoesNotTakeAndUnknownCpus) {
  Partition p = node(4, GiB);
  p.tasks = {TaskType::AddPiece};
  EXPECT_NE(error_of({TaskType::PreCommit1, k2K}, p).find("does not accept"), std::string::npos);
  EXPECT_NE(error_of({TaskType::AddPiece, k2K}, node(0, GiB)).find("cpus_per_node is not known"),
            std::string::npos);
}

TEST(MapTaskRules, MulticoreSdrEnvFollowsThreads) {
  const ResourceTable t = apply_resource_overrides(kTable, [](const std::string& n) -> std::optional<std::string> {
    if (n == "FIL_PROOFS_USE_MULTICORE_SDR") return "1";
    return std::nullopt;
  });
  Partition p = node(8, 256 * GiB);
  p.env = {{"FIL_PROOFS_MULTICORE_SDR_PRODUCERS", "7"}, {"FIL_PROOFS_MAXIMIZE_CACHING", "1"}};
  for (TaskType task : {TaskType::PreCommit1, TaskType::Unseal}) {
    const JobRequest r = map_task({task, k32G}, t, p, {});
    EXPECT_EQ(r.cpus_per_task, 4);
    EXPECT_EQ(r.env.at("FIL_PROOFS_USE_MULTICORE_SDR"), "1");
    EXPECT_EQ(r.env.at("FIL_PROOFS_MULTICORE_SDR_PRODUCERS"), "3");  // what the job was sized for wins
    EXPECT_EQ(r.env.at("FIL_PROOFS_MAXIMIZE_CACHING"), "1");         // partition env is copied
    EXPECT_EQ(r.env.count("BELLMAN_CPU_UTILIZATION"), 0u);
  }
  // One thread: no multicore switch; other task types never get one.
  EXPECT_EQ(map_task({TaskType::PreCommit1, k32G}, kTable, p, {}).env.count("FIL_PROOFS_USE_MULTICORE_SDR"), 0u);
  EXPECT_EQ(map_task({TaskType::PreCommit2, k32G}, t, p, {}).env.count("FIL_PROOFS_USE_MULTICORE_SDR"), 0u);
}

TEST(MapTaskRules, AccountAndQosFallBackFromPartitionToSite) {
  SiteConfig site;
  site.account = "site-acct";
  site.qos = "normal";
  site.qos_urgent = "high";
  Partition p = node(8, 256 * GiB);
  JobRequest pc1 = map_task({TaskType::PreCommit1, k32G}, kTable, p, site);
  JobRequest c1 = map_task({TaskType::Commit1, k32G}, kTable, p, site);
  EXPECT_EQ(pc1.account, "site-acct");
  EXPECT_EQ(pc1.qos, "normal");
  EXPECT_EQ(c1.qos, "high");
  p.account = "part-acct";
  p.qos = "gpu";
  p.qos_urgent = "gpu-high";
  EXPECT_EQ(map_task({TaskType::PreCommit1, k32G}, kTable, p, site).account, "part-acct");
  EXPECT_EQ(map_task({TaskType::PreCommit1, k32G}, kTable, p, site).qos, "gpu");
  EXPECT_EQ(map_task({TaskType::Fetch, k32G}, kTable, p, site).qos, "gpu-high");
  // No urgent QOS anywhere: urgent tasks use the normal one.
  SiteConfig plain;
  plain.qos = "normal";
  EXPECT_EQ(map_task({TaskType::Finalize, k32G}, kTable, node(8, 256 * GiB), plain).qos, "normal");
}

TEST(MapTaskRules, ScratchLimitOnlyWhenTheNodeDeclaresOne) {
  Partition p = node(8, 256 * GiB);
  EXPECT_NO_THROW(map_task({TaskType::PreCommit1, k32G}, kTable, p, {}));
  p.tmp_per_node = 400 * GiB;  // PC1 32GiB needs ~483 GiB
  EXPECT_NE(error_of({TaskType::PreCommit1, k32G}, p).find("of node-local scratch"), std::string::npos);
}

TEST(MapTaskRules, LauncherExtrasAndWalltimeComeFromPartitionAndSite) {
  SiteConfig site;
  site.walltime.task_default[TaskType::AddPiece] = 77;
  Partition p = node(8, 256 * GiB);
  p.launcher = Launcher::Mpirun;
  p.extra_directives = {"--constraint=ib"};
  const JobRequest r = map_task({TaskType::AddPiece, k512M}, kTable, p, site);
  EXPECT_EQ(r.launcher, Launcher::Mpirun);
  EXPECT_EQ(r.extra_directives, std::vector<std::string>{"--constraint=ib"});
  EXPECT_EQ(r.time_limit_minutes, 77);
  EXPECT_TRUE(r.exclude_nodes.empty());
}

}  // namespace
}  // namespace sa::adapter
