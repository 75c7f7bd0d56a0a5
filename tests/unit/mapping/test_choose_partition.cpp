// choose_partition: GPU tasks prefer GPU partitions, others avoid them; explicit requests; errors.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "mapping/job_request.hpp"

namespace sa::adapter {
namespace {

using params::SealProof;

Partition part(const char* name, int gpus, std::set<TaskType> tasks) {
  Partition p;
  p.name = name;
  p.cpus_per_node = 8;
  p.gpus_per_node = gpus;
  p.tasks = std::move(tasks);
  p.prover = {"lotus-bench", "prove", "{input}"};  // so that C2 may run where it is accepted
  return p;
}

SiteConfig site_with(std::vector<Partition> parts) {
  SiteConfig s;
  s.source = "site.toml";
  s.partitions = std::move(parts);
  return s;
}

std::set<TaskType> all() { return {kTaskTypes.begin(), kTaskTypes.end()}; }

const ResourceTable kTable = ResourceTable::lotus_default();

TEST(ChoosePartition, GpuTasksPreferGpuPartitionsOthersAvoidThem) {
  // The GPU partition comes first in the file: order alone must not pull CPU work onto it.
  const SiteConfig s = site_with({part("gpu", 2, all()), part("cpu", 0, all())});
  for (TaskType t : {TaskType::PreCommit2, TaskType::Commit2, TaskType::ReplicaUpdate,
                     TaskType::ProveReplicaUpdate2, TaskType::RegenSectorKey}) {
    EXPECT_EQ(choose_partition({t, SealProof{8}}, kTable, s).name, "gpu") << short_name(t);
  }
  for (TaskType t : {TaskType::AddPiece, TaskType::PreCommit1, TaskType::Commit1, TaskType::Fetch,
                     TaskType::Finalize, TaskType::Unseal, TaskType::DataCid}) {
    EXPECT_EQ(choose_partition({t, SealProof{8}}, kTable, s).name, "cpu") << short_name(t);
  }
  // PC2 below 32 GiB has GPUUtilization 0 in Lotus's table: it is CPU work.
  EXPECT_EQ(choose_partition({TaskType::PreCommit2, SealProof{5}}, kTable, s).name, "cpu");
  EXPECT_EQ(choose_partition({TaskType::Commit2, SealProof{5}}, kTable, s).name, "gpu");
}

TEST(ChoosePartition, FallsBackToWhateverAcceptsTheTask) {
  const SiteConfig gpu_only_c2 = site_with({part("cpu", 0, {TaskType::AddPiece}), part("gpu", 1, {TaskType::Commit2, TaskType::AddPiece})});
  EXPECT_EQ(choose_partition({TaskType::Commit2, SealProof{8}}, kTable, gpu_only_c2).name, "gpu");
  const SiteConfig cpu_only = site_with({part("a", 0, {TaskType::AddPiece}), part("b", 0, all())});
  EXPECT_EQ(choose_partition({TaskType::Commit2, SealProof{8}}, kTable, cpu_only).name, "b");  // GPU-less is fine
  EXPECT_EQ(choose_partition({TaskType::AddPiece, SealProof{8}}, kTable, cpu_only).name, "a");  // first in order
  const SiteConfig gpu_only = site_with({part("g", 4, all())});
  EXPECT_EQ(choose_partition({TaskType::AddPiece, SealProof{8}}, kTable, gpu_only).name, "g");
}

TEST(ChoosePartition, RequestedPartition) {
  const SiteConfig s = site_with({part("gpu", 2, all()), part("cpu", 0, {TaskType::AddPiece})});
  EXPECT_EQ(choose_partition({TaskType::AddPiece, SealProof{8}}, kTable, s, "gpu").name, "gpu");
  EXPECT_THROW(choose_partition({TaskType::PreCommit1, SealProof{8}}, kTable, s, "cpu"), Error);
  try {
    choose_partition({TaskType::AddPiece, SealProof{8}}, kTable, s, "nope");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_NE(std::string(e.what()).find("no partition named 'nope'"), std::string::npos);
  }
}

TEST(ChoosePartition, NoPartitionAcceptsTheTask) {
  const SiteConfig s = site_with({part("cpu", 0, {TaskType::AddPiece})});
  try {
    choose_partition({TaskType::DownloadSector, SealProof{8}}, kTable, s);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_NE(std::string(e.what()).find("no partition accepts DL"), std::string::npos);
  }
}

}  // namespace
}  // namespace sa::adapter
