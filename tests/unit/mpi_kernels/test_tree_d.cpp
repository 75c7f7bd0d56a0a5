// tree_d: build_tree_d against the reference tree_root (piece/tree_root.hpp) for 1 to 2^16 leaves, the
// on-disk layout level by level, in-place building, root-only mode and thread counts, and the streaming
// TreeDWriter producing the same bytes for any append pattern.
#include <gtest/gtest.h>

#include <vector>

#include "base/error.hpp"
#include "hash/node_hash.hpp"
#include "piece/tree_root.hpp"
#include "test_bytes.hpp"
#include "tree/tree_d.hpp"

namespace sa::kernels {
namespace {

using testing::hex;
using testing::random_bytes;

std::vector<std::uint8_t> leaves_of(std::uint64_t n, std::uint64_t seed) {
  auto v = random_bytes(n * 32, seed);
  for (std::uint64_t i = 0; i < n; ++i) v[i * 32 + 31] &= 0x3f;  // valid Fr, as sector data is
  return v;
}

TEST(TreeD, BytesOfTheLayout) {
  EXPECT_EQ(tree_d_bytes(1), 32u);
  EXPECT_EQ(tree_d_bytes(64), 127u * 32);
  EXPECT_EQ(tree_d_bytes(std::uint64_t{1} << 30), 68719476704u);  // 32GiB, proofs.md §6.1
}

TEST(TreeD, RootEqualsTreeRootForManySizes) {
  for (unsigned log = 0; log <= 16; ++log) {
    const std::uint64_t n = std::uint64_t{1} << log;
    const auto leaves = leaves_of(n, log);
    const Commitment want = tree_root(leaves.data(), n);
    std::vector<std::uint8_t> nodes(tree_d_bytes(n));
    EXPECT_EQ(hex(build_tree_d(leaves.data(), n, nodes.data())), hex(want)) << n;
    EXPECT_EQ(hex(build_tree_d(leaves.data(), n, nullptr)), hex(want)) << n;
    EXPECT_EQ(hex(build_tree_d(leaves.data(), n, nullptr, 3)), hex(want)) << n;
    EXPECT_EQ(hex(std::vector<std::uint8_t>(nodes.end() - 32, nodes.end())), hex(want)) << n;
  }
}

TEST(TreeD, LayoutIsLeavesThenEachLevel) {
  const std::uint64_t n = 1 << 12;
  const auto leaves = leaves_of(n, 99);
  std::vector<std::uint8_t> nodes(tree_d_bytes(n));
  build_tree_d(leaves.data(), n, nodes.data(), 4);
  EXPECT_TRUE(std::equal(leaves.begin(), leaves.end(), nodes.begin()));
  std::uint64_t offset = 0;
  for (std::uint64_t width = n; width > 1; width /= 2) {
    std::vector<std::uint8_t> parents(width / 2 * 32);
    hash_node_pairs(nodes.data() + offset, width / 2, parents.data());
    offset += width * 32;
    ASSERT_TRUE(std::equal(parents.begin(), parents.end(), nodes.begin() + static_cast<std::ptrdiff_t>(offset)))
        << "level of width " << width / 2;
  }
  EXPECT_EQ(offset + 32, nodes.size());
}

TEST(TreeD, ThreadsAndInPlaceGiveTheSameBytes) {
  const std::uint64_t n = 1 << 17;  // big enough that levels split over threads
  const auto leaves = leaves_of(n, 7);
  std::vector<std::uint8_t> one(tree_d_bytes(n)), many(tree_d_bytes(n));
  build_tree_d(leaves.data(), n, one.data(), 1);
  build_tree_d(leaves.data(), n, many.data(), 4);
  EXPECT_EQ(one, many);
  std::vector<std::uint8_t> in_place(tree_d_bytes(n));
  std::copy(leaves.begin(), leaves.end(), in_place.begin());
  build_tree_d(in_place.data(), n, in_place.data());
  EXPECT_EQ(one, in_place);
}

TEST(TreeD, RejectsNonPowersOfTwo) {
  const auto leaves = leaves_of(4, 1);
  EXPECT_THROW(build_tree_d(leaves.data(), 3, nullptr), Error);
  EXPECT_THROW(build_tree_d(leaves.data(), 0, nullptr), Error);
  EXPECT_THROW(build_tree_d(nullptr, 4, nullptr), Error);
  EXPECT_THROW(build_tree_d(leaves.data(), 4, nullptr, 0), Error);
  EXPECT_THROW(TreeDWriter(6, [](std::uint64_t, const std::uint8_t*, std::size_t) {}), Error);
}

TEST(TreeDWriter, SameBytesAsBuildTreeDForAnyAppendPattern) {
  for (const std::uint64_t n : {std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{64}, std::uint64_t{1} << 16}) {
    const auto leaves = leaves_of(n, n);
    std::vector<std::uint8_t> want(tree_d_bytes(n));
    const Commitment root = build_tree_d(leaves.data(), n, want.data());
    for (const std::uint64_t step : {std::uint64_t{1}, std::uint64_t{3}, std::uint64_t{1000}, n}) {
      std::vector<std::uint8_t> got(tree_d_bytes(n), 0xee);
      std::vector<int> hits(tree_d_bytes(n) / 32, 0);
      TreeDWriter writer(n, [&](std::uint64_t offset, const std::uint8_t* data, std::size_t bytes) {
        std::copy(data, data + bytes, got.begin() + static_cast<std::ptrdiff_t>(offset));
        for (std::uint64_t i = offset / 32; i < (offset + bytes) / 32; ++i) ++hits[i];
      });
      for (std::uint64_t first = 0; first < n; first += step) {
        writer.append(leaves.data() + first * 32, std::min(step, n - first));
      }
      EXPECT_EQ(hex(writer.finish()), hex(root)) << n << " leaves, step " << step;
      EXPECT_EQ(got, want) << n << " leaves, step " << step;
      EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), static_cast<std::ptrdiff_t>(hits.size()));
    }
  }
}

TEST(TreeDWriter, CountMistakesAreUsageErrors) {
  const auto leaves = leaves_of(8, 3);
  TreeDWriter writer(4, [](std::uint64_t, const std::uint8_t*, std::size_t) {});
  writer.append(leaves.data(), 3);
  EXPECT_THROW(writer.finish(), Error);
  EXPECT_THROW(writer.append(leaves.data(), 2), Error);
}

}  // namespace
}  // namespace sa::kernels
