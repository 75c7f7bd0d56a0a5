// Resources::threads (Lotus Threads(), lotus.md §1.2 and the seed guide's 92 % table) and the Lotus JSON
// shape of one entry.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "model/resource_table.hpp"
#include "model/resources_json.hpp"

namespace sa::adapter {
namespace {

Resources multithread() {
  Resources r;
  r.max_parallelism = -1;
  return r;
}

TEST(Resources, NinetyTwoPercentRuleMatchesTheSourceComment) {
  // resources.go comment and the seed guide: 12->11 16->14 24->22 32->29 64->58 128->117.
  const std::pair<int, int> cases[] = {{12, 11}, {16, 14}, {24, 22}, {32, 29}, {64, 58}, {128, 117}};
  for (auto [cpus, want] : cases) EXPECT_EQ(multithread().threads(cpus, 0), want) << cpus;
}

TEST(Resources, NinetyTwoPercentOfASmallNodeFallsBackToAllCpus) {
  EXPECT_EQ(multithread().threads(1, 0), 1);  // (1*92)/100 == 0 -> wcpus
  EXPECT_EQ(multithread().threads(2, 0), 1);  // (2*92)/100 == 1
  EXPECT_EQ(multithread().threads(0, 0), 0);
}

TEST(Resources, GpuFigureOnlyWhenTaskUsesAGpuAndWorkerHasOne) {
  const ResourceTable t = ResourceTable::lotus_default();
  const auto p32 = params::SealProof{8};
  const Resources pc2 = t.get(TaskType::PreCommit2, p32);
  EXPECT_EQ(pc2.threads(64, 1), 6);   // MaxParallelismGPU
  EXPECT_EQ(pc2.threads(64, 0), 58);  // GPU-less worker: 92 %
  const Resources ru = t.get(TaskType::ReplicaUpdate, p32);
  EXPECT_EQ(ru.threads(64, 2), 6);
  EXPECT_EQ(ru.threads(64, 0), 1);
  // C2 2KiB wants a GPU but has MaxParallelismGPU 0: inherit MaxParallelism.
  EXPECT_EQ(t.get(TaskType::Commit2, params::SealProof{0}).threads(8, 1), 1);
  // PC2 2KiB has GPUUtilization 0: MaxParallelismGPU is never used, even on a GPU worker.
  Resources r = t.get(TaskType::PreCommit2, params::SealProof{0});
  r.max_parallelism_gpu = 3;
  EXPECT_EQ(r.threads(16, 1), 14);
}

TEST(Resources, ZeroThreadTasks) {
  const ResourceTable t = ResourceTable::lotus_default();
  for (TaskType task : {TaskType::Commit1, TaskType::ProveReplicaUpdate1, TaskType::Fetch, TaskType::Finalize}) {
    EXPECT_EQ(t.get(task, params::SealProof{8}).threads(64, 1), 0) << short_name(task);
  }
}

TEST(ResourcesJson, UsesLotusFieldNames) {
  const Resources c2 = ResourceTable::lotus_default().get(TaskType::Commit2, params::SealProof{8});
  const nlohmann::json j = to_lotus_json(c2);
  EXPECT_EQ(j.size(), 7u);
  EXPECT_EQ(j.at("MinMemory").get<std::uint64_t>(), 32212254720ull);
  EXPECT_EQ(j.at("MaxMemory").get<std::uint64_t>(), 161061273600ull);
  EXPECT_EQ(j.at("GPUUtilization").get<double>(), 1.0);
  EXPECT_EQ(j.at("MaxParallelism").get<int>(), -1);
  EXPECT_EQ(j.at("MaxParallelismGPU").get<int>(), 6);
  EXPECT_EQ(j.at("BaseMinMemory").get<std::uint64_t>(), 34359738368ull);
  EXPECT_EQ(j.at("MaxConcurrent").get<int>(), 0);
}

TEST(ResourcesJson, RoundTripsAndToleratesMissingKeys) {
  Resources r;
  r.min_memory = 1;
  r.max_memory = 2;
  r.gpu_utilization = 0.5;
  r.max_parallelism = 3;
  r.max_parallelism_gpu = 4;
  r.base_min_memory = 5;
  r.max_concurrent = 6;
  EXPECT_EQ(resources_from_lotus_json(to_lotus_json(r)), r);
  EXPECT_EQ(resources_from_lotus_json(nlohmann::json::parse(R"({"MaxParallelism":-1})")).max_parallelism, -1);
}

TEST(ResourcesJson, RejectsWrongTypes) {
  EXPECT_THROW(resources_from_lotus_json(nlohmann::json::parse(R"({"MinMemory":"4GiB"})")), Error);
  EXPECT_THROW(resources_from_lotus_json(nlohmann::json::parse("[1]")), Error);
}

}  // namespace
}  // namespace sa::adapter
