// A PC1 batch's request: what fits one node side by side, and the request scaled to that many ranks.
#include <gtest/gtest.h>

#include "mapping/batch_request.hpp"

namespace sa::adapter {
namespace {

constexpr std::uint64_t GiB = 1ull << 30;

Partition node(int cpus, std::uint64_t mem, std::uint64_t tmp = 0) {
  Partition p;
  p.name = "cpu";
  p.cpus_per_node = cpus;
  p.memory_per_node = mem;
  p.tmp_per_node = tmp;
  return p;
}

JobRequest one_pc1(int cpus, std::uint64_t mem, std::uint64_t tmp = 0) {
  JobRequest r;
  r.partition = "cpu";
  r.cpus_per_task = cpus;
  r.memory_bytes = mem;
  r.tmp_bytes = tmp;
  return r;
}

TEST(BatchRequest, CapacityIsTheTightestOfCpusMemoryAndScratch) {
  EXPECT_EQ(batch_capacity(one_pc1(1, 2 * GiB), node(8, 64 * GiB)), 8) << "CPUs bound";
  EXPECT_EQ(batch_capacity(one_pc1(1, 20 * GiB), node(8, 64 * GiB)), 3) << "memory bound";
  EXPECT_EQ(batch_capacity(one_pc1(1, 1 * GiB, 100 * GiB), node(8, 64 * GiB, 250 * GiB)), 2) << "scratch bound";
  EXPECT_EQ(batch_capacity(one_pc1(1, 1 * GiB), node(8, 0)), 8) << "memory not declared: not a limit";
  EXPECT_EQ(batch_capacity(one_pc1(4, 100 * GiB), node(2, 64 * GiB)), 1) << "never below one";
  Partition direct = node(8, 64 * GiB);
  direct.launcher = Launcher::Direct;
  EXPECT_EQ(batch_capacity(one_pc1(1, 1 * GiB), direct), 1) << "a direct launch starts one process";
}

TEST(BatchRequest, ScalesRanksMemoryAndScratchOnOneNode) {
  JobRequest one = one_pc1(2, 3 * GiB, 5 * GiB);
  one.exclude_nodes = {"n2"};
  JobRequest r = batch_request(one, 3);
  EXPECT_EQ(r.nodes, 1);
  EXPECT_EQ(r.ntasks, 3);
  EXPECT_EQ(r.cpus_per_task, 2);
  EXPECT_EQ(r.memory_bytes, 9 * GiB);
  EXPECT_EQ(r.tmp_bytes, 15 * GiB);
  EXPECT_EQ(r.exclude_nodes, std::vector<std::string>{"n2"});
}

}  // namespace
}  // namespace sa::adapter
