// Poseidon base trees, column hashes, tree shapes and file layouts: roots against the naive recursive
// definition, the full layout level by level, thread counts, subtree roots, rows_to_discard and file sizes
// of proofs.md §7.3–7.4 (32GiB: 299,593 kept nodes; 512MiB: 37,449; 8MiB: 585; 2KiB: the root only).
#include <gtest/gtest.h>

#include <vector>

#include "base/error.hpp"
#include "hash/poseidon.hpp"
#include "poseidon_tree_testing.hpp"
#include "tree/column_hash.hpp"
#include "tree/poseidon_tree.hpp"
#include "tree/tree_files.hpp"
#include "tree/tree_shape.hpp"

namespace sa::kernels {
namespace {

using testing::naive_root;
using testing::random_fr_nodes;
using testing::to_commitment;

constexpr std::uint64_t kKiB = 32, kMiB = kKiB << 10, kGiB = kMiB << 10;  // nodes

TEST(TreeShapeTest, ProductionAndTestSizes) {
  struct Row {
    std::uint64_t nodes;
    const char* name;
    int base_trees;
    std::uint64_t leaves;
  };
  const Row rows[] = {{2 * kKiB, "8-0-0", 1, 64},          {4 * kKiB, "8-2-0", 2, 64},
                      {16 * kKiB, "8-8-0", 8, 64},         {32 * kKiB, "8-8-2", 16, 64},
                      {8 * kMiB, "8-0-0", 1, 1u << 18},    {16 * kMiB, "8-2-0", 2, 1u << 18},
                      {512 * kMiB, "8-0-0", 1, 1u << 24},  {1 * kGiB, "8-2-0", 2, 1u << 24},
                      {32 * kGiB, "8-8-0", 8, 1u << 27},   {64 * kGiB, "8-8-2", 16, 1u << 27}};
  for (const Row& r : rows) {
    const TreeShape s = tree_shape(r.nodes);
    EXPECT_STREQ(tree_shape_name(s), r.name) << r.nodes;
    EXPECT_EQ(s.base_trees, r.base_trees);
    EXPECT_EQ(s.leaves_per_base, r.leaves);
    EXPECT_EQ(s.sector_nodes(), r.nodes);
    EXPECT_EQ(s.base_arity, 8);
  }
  EXPECT_EQ(tree_shape(32 * kGiB).base_height(), 9);
  EXPECT_THROW((void)tree_shape(8 * kKiB), Error);
  EXPECT_THROW((void)tree_shape(0), Error);
}

TEST(PoseidonTreeTest, RootMatchesNaiveDefinition) {
  for (std::uint64_t n : {8ull, 64ull, 512ull, 4096ull}) {
    const auto leaves = random_fr_nodes(n, n);
    const Commitment expected = to_commitment(naive_root(leaves.data(), 0, n));
    EXPECT_EQ(build_base_tree(leaves.data(), n, nullptr, 1), expected) << n;
    EXPECT_EQ(build_base_tree(leaves.data(), n, nullptr, 2), expected) << n;
    std::vector<std::uint8_t> above(32 * base_tree_nodes_above_leaves(n));
    EXPECT_EQ(build_base_tree(leaves.data(), n, above.data(), 3), expected) << n;
    EXPECT_EQ(std::vector<std::uint8_t>(above.end() - 32, above.end()),
              std::vector<std::uint8_t>(expected.begin(), expected.end()));
  }
}

TEST(PoseidonTreeTest, FullLayoutHoldsEveryLevel) {
  const std::uint64_t n = 512;
  const auto leaves = random_fr_nodes(n, 99);
  std::vector<std::uint8_t> file(tree_c_file_bytes(n));
  const Commitment root = write_tree_c_file(leaves.data(), n, file.data(), 2);
  EXPECT_EQ(file.size(), 32u * (512 + 64 + 8 + 1));
  EXPECT_TRUE(std::equal(leaves.begin(), leaves.end(), file.begin()));
  for (int level = 1; level <= 3; ++level) {
    const std::uint64_t span = std::uint64_t{1} << (3 * level);
    const std::uint64_t offset = base_tree_level_offset(n, level);
    for (std::uint64_t i = 0; i < n / span; i += 3) {
      EXPECT_EQ(testing::node_fr(file.data(), offset + i), naive_root(leaves.data(), i * span, span))
          << "level " << level << " node " << i;
    }
  }
  EXPECT_EQ(std::vector<std::uint8_t>(file.end() - 32, file.end()), std::vector<std::uint8_t>(root.begin(), root.end()));
  // In place: the leaves already at the start of the file.
  std::vector<std::uint8_t> in_place(file.size());
  std::copy(leaves.begin(), leaves.end(), in_place.begin());
  EXPECT_EQ(write_tree_c_file(in_place.data(), n, in_place.data(), 1), root);
  EXPECT_EQ(in_place, file);
}

TEST(PoseidonTreeTest, SubtreeRoots) {
  const std::uint64_t n = 4096;
  const auto leaves = random_fr_nodes(n, 5);
  for (int h = 0; h <= 4; ++h) {
    const std::uint64_t span = std::uint64_t{1} << (3 * h);
    std::vector<std::uint8_t> out(32 * (n / span));
    subtree_roots(leaves.data(), n, h, out.data(), 2);
    for (std::uint64_t i = 0; i < n / span; i += 5) {
      EXPECT_EQ(testing::node_fr(out.data(), i), naive_root(leaves.data(), i * span, span)) << h << " " << i;
    }
  }
  std::vector<std::uint8_t> out(32);
  EXPECT_THROW(subtree_roots(leaves.data(), 100, 1, out.data(), 1), Error);
}

TEST(PoseidonTreeTest, BadInputs) {
  const auto leaves = random_fr_nodes(64, 1);
  EXPECT_THROW((void)build_base_tree(leaves.data(), 16, nullptr, 1), Error);  // not a power of 8
  EXPECT_THROW((void)build_base_tree(leaves.data(), 1, nullptr, 1), Error);
  EXPECT_THROW((void)build_base_tree(leaves.data(), 64, nullptr, 0), Error);  // threads
  auto bad = leaves;
  for (int b = 0; b < 32; ++b) bad[32 * 17 + static_cast<std::size_t>(b)] = 0xff;  // ≥ p
  try {
    (void)build_base_tree(bad.data(), 64, nullptr, 2);
    ADD_FAILURE() << "accepted a leaf >= p";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
  }
}

TEST(ColumnHashTest, MatchesPoseidonOfEachColumn) {
  for (int layers : {2, 11}) {
    const std::uint64_t n = 300;
    std::vector<std::vector<std::uint8_t>> data;
    std::vector<const std::uint8_t*> ptrs;
    for (int l = 0; l < layers; ++l) data.push_back(random_fr_nodes(n, 1000 + static_cast<std::uint64_t>(l)));
    for (const auto& d : data) ptrs.push_back(d.data());
    const std::uint64_t first = 37, count = 200;
    std::vector<std::uint8_t> out1(32 * count), out2(32 * count);
    column_hashes(ptrs.data(), layers, first, count, out1.data(), 1);
    column_hashes(ptrs.data(), layers, first, count, out2.data(), 2);
    EXPECT_EQ(out1, out2);
    for (std::uint64_t i = 0; i < count; i += 13) {
      std::vector<Fr> column;
      for (int l = 0; l < layers; ++l) column.push_back(testing::node_fr(data[static_cast<std::size_t>(l)].data(), first + i));
      EXPECT_EQ(testing::node_fr(out1.data(), i), poseidon_hash_reference(column.data(), layers)) << layers << " " << i;
    }
  }
  std::vector<std::uint8_t> out(32);
  const std::uint8_t* none[3] = {nullptr, nullptr, nullptr};
  EXPECT_THROW(column_hashes(none, 3, 0, 1, out.data(), 1), Error);  // no Poseidon of arity 3
}

TEST(TreeFilesTest, RowsToDiscardAndFileSizes) {
  // Base trees of 32GiB (8^9), 512MiB (8^8), 8MiB (8^6), 2KiB (8^2).
  EXPECT_EQ(default_rows_to_discard(1ull << 27), 2u);
  EXPECT_EQ(tree_r_last_file_bytes(1ull << 27, 2), 299593ull * 32);
  EXPECT_EQ(tree_r_last_file_bytes(1ull << 27, 2), 9586976ull);
  EXPECT_EQ(default_rows_to_discard(1ull << 24), 2u);
  EXPECT_EQ(tree_r_last_file_bytes(1ull << 24, 2), 37449ull * 32);
  EXPECT_EQ(default_rows_to_discard(1ull << 18), 2u);
  EXPECT_EQ(tree_r_last_file_bytes(1ull << 18, 2), 585ull * 32);
  EXPECT_EQ(default_rows_to_discard(64), 1u);
  EXPECT_EQ(tree_r_last_file_bytes(64, 1), 32u);  // the root only
  EXPECT_EQ(default_rows_to_discard(8), 0u);      // two rows: nothing to discard
  EXPECT_EQ(tree_r_last_file_bytes(8, 0), 32u);
  EXPECT_EQ(default_rows_to_discard(1ull << 27, 8, 5), 5u);  // FIL_PROOFS_ROWS_TO_DISCARD=5
  EXPECT_EQ(default_rows_to_discard(1ull << 27, 8, 50), 8u);  // capped at rows − 2
  EXPECT_EQ(default_rows_to_discard(1ull << 10, 2, 7), 7u);   // binary trees use the same rule
  EXPECT_THROW((void)default_rows_to_discard(100), Error);
  EXPECT_THROW((void)tree_r_last_file_bytes(64, 2), Error);  // would drop the root
  // tree_c: 32GiB base tree = 153,391,689 nodes = 4,908,534,048 bytes.
  EXPECT_EQ(tree_c_file_bytes(1ull << 27), 4908534048ull);
}

TEST(TreeFilesTest, TreeRLastFileIsTheTailOfTheFullLayout) {
  for (std::uint64_t n : {8ull, 64ull, 512ull, 4096ull}) {
    const auto leaves = random_fr_nodes(n, n + 7);
    std::vector<std::uint8_t> full(tree_c_file_bytes(n));
    const Commitment root = write_tree_c_file(leaves.data(), n, full.data(), 1);
    const std::uint32_t rows = default_rows_to_discard(n);
    for (std::uint32_t r = 0; r <= rows; ++r) {
      std::vector<std::uint8_t> cache(tree_r_last_file_bytes(n, r));
      EXPECT_EQ(write_tree_r_last_file(leaves.data(), n, r, cache.data(), 2), root) << n << " " << r;
      EXPECT_TRUE(std::equal(cache.begin(), cache.end(), full.end() - static_cast<std::ptrdiff_t>(cache.size())))
          << n << " rows_to_discard " << r;
    }
  }
}

}  // namespace
}  // namespace sa::kernels
