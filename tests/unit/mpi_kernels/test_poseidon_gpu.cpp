// GPU Poseidon against the CPU (aesthetics §8.5: reference vs fast): batched hashes for arities 2, 8, 11, column
// hashes for 2 and 11 layers, whole base trees with every level, and the "input ≥ p" error. Skips with a
// message when this machine has no CUDA device.
#include <gtest/gtest.h>

#include <vector>

#include "base/error.hpp"
#include "cuda/gpu_available.hpp"
#include "cuda/poseidon_gpu.hpp"
#include "hash/poseidon_batch.hpp"
#include "poseidon_tree_testing.hpp"
#include "tree/column_hash.hpp"
#include "tree/poseidon_tree.hpp"

namespace sa::kernels {
namespace {

using testing::random_fr_nodes;

class PoseidonGpu : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!gpu_available()) GTEST_SKIP() << "no CUDA device on this machine: GPU Poseidon not exercised";
  }
};

TEST_F(PoseidonGpu, HashManyEqualsCpuForTheSealingArities) {
  for (int arity : {2, 8, 11}) {
    const std::uint64_t count = 5000;
    const auto in = random_fr_nodes(count * static_cast<std::uint64_t>(arity), 17 + static_cast<std::uint64_t>(arity));
    std::vector<std::uint8_t> cpu(32 * count), gpu(32 * count);
    poseidon_hash_many(in.data(), count, arity, cpu.data(), 2);
    poseidon_hash_many_gpu(in.data(), count, arity, gpu.data(), 0);
    EXPECT_EQ(cpu, gpu) << "arity " << arity;
  }
}

TEST_F(PoseidonGpu, ColumnHashesEqualCpu) {
  for (int layers : {2, 11}) {
    const std::uint64_t n = 20000, first = 1000, count = 17000;
    std::vector<std::vector<std::uint8_t>> data;
    std::vector<const std::uint8_t*> ptrs;
    for (int l = 0; l < layers; ++l) data.push_back(random_fr_nodes(n, 300 + static_cast<std::uint64_t>(l)));
    for (const auto& d : data) ptrs.push_back(d.data());
    std::vector<std::uint8_t> cpu(32 * count), gpu(32 * count);
    column_hashes(ptrs.data(), layers, first, count, cpu.data(), 2);
    column_hashes_gpu(ptrs.data(), layers, first, count, gpu.data(), 0);
    EXPECT_EQ(cpu, gpu) << layers << " layers";
  }
}

TEST_F(PoseidonGpu, BaseTreesEqualCpu) {
  for (std::uint64_t n : {8ull, 64ull, 4096ull, 32768ull}) {
    const auto leaves = random_fr_nodes(n, n);
    std::vector<std::uint8_t> cpu(32 * base_tree_nodes_above_leaves(n)), gpu(cpu.size());
    const Commitment cpu_root = build_base_tree(leaves.data(), n, cpu.data(), 2);
    EXPECT_EQ(build_base_tree_gpu(leaves.data(), n, gpu.data(), 0), cpu_root) << n;
    EXPECT_EQ(cpu, gpu) << n;
    EXPECT_EQ(build_base_tree_gpu(leaves.data(), n, nullptr, 0), cpu_root) << n;
  }
}

TEST_F(PoseidonGpu, OtherAritiesAreAUsageError) {
  std::vector<std::uint8_t> in(32 * 4), out(32);
  EXPECT_THROW(poseidon_hash_many_gpu(in.data(), 1, 4, out.data(), 0), Error);
}

TEST_F(PoseidonGpu, RejectsNodesAboveTheModulus) {
  auto in = random_fr_nodes(8 * 100, 5);
  in[32 * 333 + 31] = 0xff;
  std::vector<std::uint8_t> out(32 * 100);
  try {
    poseidon_hash_many_gpu(in.data(), 100, 8, out.data(), 0);
    ADD_FAILURE() << "accepted a node >= p";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
  }
}

TEST(GpuAvailable, AnswersWithoutThrowing) {
  EXPECT_GE(gpu_count(), 0);
  EXPECT_EQ(gpu_available(), gpu_count() > 0);
}

}  // namespace
}  // namespace sa::kernels
