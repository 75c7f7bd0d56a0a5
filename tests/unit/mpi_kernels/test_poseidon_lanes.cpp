// The eight-lane IFMA Poseidon path against the scalar one: every lane arity, every batch length 1–20 (full
// groups, padded last groups and single tails), both layouts (tree levels and columns), threads, in-place
// tree levels, edge inputs (0, p − 1), inputs ≥ p, and the SA_POSEIDON_PATH parser. On a CPU without IFMA
// the lane tests skip and say so; the ctest entries "*.scalar" re-run the vector tests on the scalar path.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "field/fr.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_batch.hpp"
#include "hash/poseidon_lanes.hpp"
#include "tree/column_hash.hpp"
#include "tree/poseidon_tree.hpp"
#include "poseidon_tree_testing.hpp"

namespace sa::kernels {
namespace {

// Random nodes with 0 and p − 1 mixed in, so edge values land in several lanes.
std::vector<std::uint8_t> random_nodes(std::size_t n, std::uint64_t seed) {
  std::vector<std::uint8_t> out = testing::random_fr_nodes(n, seed);
  const Fr::Limbs p_minus_1 = {fr_detail::kModulus[0] - 1, fr_detail::kModulus[1], fr_detail::kModulus[2],
                               fr_detail::kModulus[3]};
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 13 == 5) fr_detail::store_le(Fr::Limbs{0, 0, 0, 0}, out.data() + 32 * i);
    if (i % 17 == 3) fr_detail::store_le(p_minus_1, out.data() + 32 * i);
  }
  return out;
}

#define SKIP_WITHOUT_IFMA() \
  if (!cpu_has_ifma()) GTEST_SKIP() << "this CPU has no AVX-512 IFMA: the lane path cannot run here"

class LaneArity : public ::testing::TestWithParam<int> {};

TEST_P(LaneArity, TreeLevelsEqualScalarForEveryBatchLength) {
  SKIP_WITHOUT_IFMA();
  const int arity = GetParam();
  for (std::uint64_t count = 1; count <= 20; ++count) {
    const auto in = random_nodes(static_cast<std::size_t>(arity * count), count * 31 + static_cast<std::uint64_t>(arity));
    std::vector<std::uint8_t> lanes(32 * count), scalar(32 * count);
    poseidon_hash_many(in.data(), count, arity, lanes.data(), 1, PoseidonPath::Lanes);
    poseidon_hash_many(in.data(), count, arity, scalar.data(), 1, PoseidonPath::Scalar);
    ASSERT_EQ(lanes, scalar) << "arity " << arity << ", " << count << " hashes";
  }
}

TEST_P(LaneArity, ColumnsEqualTheReferenceHashAcrossThreads) {
  SKIP_WITHOUT_IFMA();
  const int arity = GetParam();
  const std::uint64_t nodes = 300, first = 7, count = 277;
  std::vector<std::vector<std::uint8_t>> layers;
  std::vector<const std::uint8_t*> ptrs;
  for (int l = 0; l < arity; ++l) layers.push_back(random_nodes(nodes, 1000 + static_cast<std::uint64_t>(l)));
  for (const auto& l : layers) ptrs.push_back(l.data());
  std::vector<const std::uint8_t*> starts;
  for (const auto* p : ptrs) starts.push_back(p + 32 * first);
  for (int threads : {1, 2, 3}) {
    std::vector<std::uint8_t> out(32 * count);
    poseidon_hash_strided(starts.data(), arity, 32, count, out.data(), threads, PoseidonPath::Lanes);
    for (std::uint64_t i = 0; i < count; i += 23) {
      std::vector<Fr> column;
      for (const auto* p : ptrs) column.push_back(Fr::from_bytes_le(p + 32 * (first + i)));
      std::uint8_t want[32];
      poseidon_hash_reference(column.data(), arity).to_bytes_le(want);
      ASSERT_EQ(0, std::memcmp(want, out.data() + 32 * i, 32)) << "column " << i << ", " << threads << " threads";
    }
  }
}

TEST_P(LaneArity, AnInputAboveTheModulusIsCorruptInAnyLane) {
  SKIP_WITHOUT_IFMA();
  const int arity = GetParam();
  auto in = random_nodes(static_cast<std::size_t>(arity) * 16, 5);
  for (int b = 0; b < 32; ++b) in[static_cast<std::size_t>(32 * (arity * 13 + 1) + b)] = 0xff;  // hash 13, input 1
  std::vector<std::uint8_t> out(32 * 16);
  try {
    poseidon_hash_many(in.data(), 16, arity, out.data(), 1, PoseidonPath::Lanes);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
  }
}

INSTANTIATE_TEST_SUITE_P(Arities, LaneArity, ::testing::Values(2, 4, 8, 11, 16));

TEST(PoseidonLanes, WiderAritiesFallBackToScalar) {
  EXPECT_FALSE(poseidon_lanes_support(24));
  EXPECT_FALSE(poseidon_lanes_support(36));
  EXPECT_FALSE(poseidon_lanes_support(3));
  EXPECT_THROW((void)poseidon_lane_constants(24), Error);
  const auto in = random_nodes(24 * 9, 2);
  std::vector<std::uint8_t> lanes(32 * 9), scalar(32 * 9);
  poseidon_hash_many(in.data(), 9, 24, lanes.data(), 1, PoseidonPath::Lanes);
  poseidon_hash_many(in.data(), 9, 24, scalar.data(), 1, PoseidonPath::Scalar);
  EXPECT_EQ(lanes, scalar);
}

TEST(PoseidonLanes, InPlaceTreeLevelEqualsOutOfPlace) {
  const std::uint64_t parents = 8 * 8 + 3;  // full groups, then a padded one
  auto level = random_nodes(8 * parents, 9);
  std::vector<std::uint8_t> out(32 * parents);
  poseidon_hash_many(level.data(), parents, 8, out.data(), 1);
  hash_tree_level(level.data(), parents, level.data());
  EXPECT_EQ(0, std::memcmp(out.data(), level.data(), out.size()));
}

TEST(PoseidonLanes, BaseTreeRootIsTheSameOnBothPaths) {
  const auto leaves = random_nodes(512, 4);
  const std::uint64_t above = base_tree_nodes_above_leaves(512);
  std::vector<std::uint8_t> lanes(32 * above), scalar(32 * above);
  const Commitment a = build_base_tree(leaves.data(), 512, lanes.data(), 2);
  // Level by level on the scalar path.
  const std::uint8_t* below = leaves.data();
  std::uint8_t* at = scalar.data();
  for (std::uint64_t parents = 64; parents >= 1; parents /= 8) {
    poseidon_hash_many(below, parents, 8, at, 1, PoseidonPath::Scalar);
    below = at;
    at += 32 * parents;
  }
  EXPECT_EQ(lanes, scalar);
  EXPECT_EQ(0, std::memcmp(a.data(), scalar.data() + scalar.size() - 32, 32));
}

TEST(PoseidonLanes, PathComesFromTheEnvironmentValue) {
  EXPECT_EQ(poseidon_path_for(nullptr, true), PoseidonPath::Lanes);
  EXPECT_EQ(poseidon_path_for("", true), PoseidonPath::Lanes);
  EXPECT_EQ(poseidon_path_for("auto", true), PoseidonPath::Lanes);
  EXPECT_EQ(poseidon_path_for("auto", false), PoseidonPath::Scalar);
  EXPECT_EQ(poseidon_path_for("scalar", true), PoseidonPath::Scalar);
  try {
    (void)poseidon_path_for("gpu", true);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
    EXPECT_NE(std::string(e.what()).find("auto or scalar"), std::string::npos) << e.what();
  }
  EXPECT_STREQ(poseidon_path_name(PoseidonPath::Lanes), "ifma-x8");
}

// Run once plain and once as "*.scalar" with SA_POSEIDON_PATH=scalar (tests/vectors/CMakeLists.txt), so the
// variable is shown to reach the default path that tree and column code use.
TEST(PoseidonLanes, DefaultPathFollowsTheEnvironment) {
  const char* env = std::getenv("SA_POSEIDON_PATH");
  if (env != nullptr && std::string(env) == "scalar") {
    EXPECT_EQ(poseidon_default_path(), PoseidonPath::Scalar);
  } else {
    EXPECT_EQ(poseidon_default_path(), cpu_has_ifma() ? PoseidonPath::Lanes : PoseidonPath::Scalar);
  }
}

TEST(PoseidonLanes, Limbs52RoundTrip) {
  const Fr::Limbs v = {0x0123456789abcdefull, 0xfedcba9876543210ull, 0x0f1e2d3c4b5a6978ull, 0x73eda753299d7d47ull};
  const Limbs52 w = to_limbs52(v);
  for (const auto limb : w) EXPECT_LT(limb, std::uint64_t{1} << 52);
  EXPECT_EQ(from_limbs52(w), v);
}

}  // namespace
}  // namespace sa::kernels
