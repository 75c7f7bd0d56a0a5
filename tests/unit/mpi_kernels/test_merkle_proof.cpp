// Inclusion proofs (proofs.md §8.2): from tree_c files and from tree_r_last level caches + leaves (identical
// proofs for identical leaves), through compound shapes 8-0-0 / 8-2-0 / 8-8-0 / 8-8-2 whose roots are
// checked against the definition, and in tree_d. Every proof verifies, carries its leaf index, and fails
// after any single flipped byte or a wrong path index. Damaged files are reported as Corrupt.
#include <gtest/gtest.h>

#include <bit>
#include <vector>

#include "base/error.hpp"
#include "hash/node_hash.hpp"
#include "hash/poseidon.hpp"
#include "poseidon_tree_testing.hpp"
#include "tree/comm_r.hpp"
#include "tree/compound_tree.hpp"
#include "tree/stored_tree.hpp"
#include "tree/tree_d_proof.hpp"
#include "tree/tree_files.hpp"
#include "tree/tree_shape.hpp"

namespace sa::kernels {
namespace {

using testing::naive_root;
using testing::random_fr_nodes;
using testing::to_commitment;

// Flips each byte of the proof in turn (xor 0x01, and 0x80 on the top byte of each node) and expects the
// verifier to reject every variant; also tries every other path index at each level.
template <class Verify>
void expect_tamper_fails(const MerkleProof& proof, Verify verify) {
  ASSERT_TRUE(verify(proof));
  std::vector<Commitment*> nodes;
  MerkleProof p = proof;
  nodes.push_back(&p.leaf);
  nodes.push_back(&p.root);
  for (auto& level : p.siblings_per_level) {
    for (auto& s : level) nodes.push_back(&s);
  }
  for (Commitment* node : nodes) {
    for (std::size_t b = 0; b < 32; ++b) {
      for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
        if (mask == 0x80 && b != 31) continue;
        (*node)[b] ^= mask;
        EXPECT_FALSE(verify(p)) << "byte " << b << " mask " << int(mask);
        (*node)[b] ^= mask;
      }
    }
  }
  for (std::size_t l = 0; l < p.levels(); ++l) {
    const std::uint32_t original = p.path_indexes[l];
    for (std::uint32_t i = 0; i <= static_cast<std::uint32_t>(p.arity(l)); ++i) {
      if (i == original) continue;
      p.path_indexes[l] = i;
      EXPECT_FALSE(verify(p)) << "level " << l << " index " << i;
    }
    p.path_indexes[l] = original;
  }
  ASSERT_TRUE(verify(p));
}

struct SectorTrees {
  TreeShape shape;
  std::vector<std::uint8_t> leaves;                 // the whole sector
  std::vector<std::vector<std::uint8_t>> tree_c;     // one file per base tree
  std::vector<std::vector<std::uint8_t>> r_last;     // one file per base tree
  std::uint32_t rows_to_discard = 0;
};

SectorTrees build_sector(std::uint64_t sector_nodes, std::uint64_t seed) {
  SectorTrees s;
  s.shape = tree_shape(sector_nodes);
  s.leaves = random_fr_nodes(sector_nodes, seed);
  const std::uint64_t n = s.shape.leaves_per_base;
  s.rows_to_discard = default_rows_to_discard(n);
  for (int j = 0; j < s.shape.base_trees; ++j) {
    const std::uint8_t* slice = s.leaves.data() + 32 * n * static_cast<std::uint64_t>(j);
    s.tree_c.emplace_back(tree_c_file_bytes(n));
    write_tree_c_file(slice, n, s.tree_c.back().data(), 2);
    s.r_last.emplace_back(tree_r_last_file_bytes(n, s.rows_to_discard));
    write_tree_r_last_file(slice, n, s.rows_to_discard, s.r_last.back().data(), 2);
  }
  return s;
}

CompoundTree tree_c_of(const SectorTrees& s) {
  std::vector<StoredBaseTree> bases;
  for (const auto& f : s.tree_c) bases.push_back(StoredBaseTree::from_tree_c_file(f.data(), f.size(), s.shape.leaves_per_base));
  return CompoundTree(s.shape, std::move(bases));
}

CompoundTree r_last_of(const SectorTrees& s) {
  std::vector<StoredBaseTree> bases;
  const std::uint64_t n = s.shape.leaves_per_base;
  for (std::size_t j = 0; j < s.r_last.size(); ++j) {
    bases.push_back(StoredBaseTree::from_tree_r_last_file(s.r_last[j].data(), s.r_last[j].size(),
                                                          s.leaves.data() + 32 * n * j, n, s.rows_to_discard));
  }
  return CompoundTree(s.shape, std::move(bases));
}

// The compound root by its definition (proofs.md §7.5), from naive base roots.
Commitment definition_root(const SectorTrees& s) {
  const std::uint64_t n = s.shape.leaves_per_base;
  std::vector<Fr> roots;
  for (int j = 0; j < s.shape.base_trees; ++j) roots.push_back(naive_root(s.leaves.data(), n * static_cast<std::uint64_t>(j), n));
  if (s.shape.sub_arity == 0) return to_commitment(roots[0]);
  std::vector<Fr> subs;
  for (std::size_t i = 0; i < roots.size(); i += static_cast<std::size_t>(s.shape.sub_arity)) {
    subs.push_back(poseidon_hash_reference(roots.data() + i, s.shape.sub_arity));
  }
  if (s.shape.top_arity == 0) return to_commitment(subs[0]);
  return to_commitment(poseidon_hash_reference(subs.data(), s.shape.top_arity));
}

class CompoundShapes : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(CompoundShapes, RootsAndProofsFromBothFileKinds) {
  const std::uint64_t nodes = GetParam();
  const SectorTrees s = build_sector(nodes, nodes);
  const CompoundTree c = tree_c_of(s), r = r_last_of(s);
  const Commitment expected = definition_root(s);
  EXPECT_EQ(c.root(), expected);
  EXPECT_EQ(r.root(), expected);
  std::vector<Commitment> base_roots;
  for (const auto& f : s.tree_c) base_roots.push_back(StoredBaseTree::from_tree_c_file(f.data(), f.size(), s.shape.leaves_per_base).root());
  EXPECT_EQ(compound_root(base_roots, s.shape), expected);

  const std::size_t expected_levels = static_cast<std::size_t>(s.shape.base_height()) + (s.shape.sub_arity ? 1 : 0) +
                                      (s.shape.top_arity ? 1 : 0);
  for (std::uint64_t node = 0; node < nodes; node += (node < 70 ? 1 : 37)) {
    const MerkleProof pc = c.prove(node), pr = r.prove(node);
    ASSERT_EQ(pc.levels(), expected_levels);
    EXPECT_EQ(pc.leaf, pr.leaf);
    EXPECT_EQ(pc.siblings_per_level, pr.siblings_per_level) << node;
    EXPECT_EQ(pc.path_indexes, pr.path_indexes) << node;
    EXPECT_EQ(proof_leaf_index(pc), node);
    EXPECT_TRUE(verify_merkle_proof(pc, expected, node)) << node;
    EXPECT_FALSE(verify_merkle_proof(pc, expected, node ^ 1)) << node;
    EXPECT_EQ(pc.leaf, to_commitment(testing::node_fr(s.leaves.data(), node)));
  }
  expect_tamper_fails(c.prove(nodes - 1), [](const MerkleProof& p) { return verify_merkle_proof(p); });
  EXPECT_THROW((void)c.prove(nodes), Error);
}

// 2KiB (8-0-0), 4KiB (8-2-0), 16KiB (8-8-0), 32KiB (8-8-2).
INSTANTIATE_TEST_SUITE_P(SmallSectors, CompoundShapes, ::testing::Values(64u, 128u, 512u, 1024u));

TEST(StoredTreeTest, LargerBaseTreeWithTwoDiscardedRows) {
  const std::uint64_t n = 4096;  // 8^4: rows_to_discard 2, keeps levels 3 and 4
  const auto leaves = random_fr_nodes(n, 3);
  ASSERT_EQ(default_rows_to_discard(n), 2u);
  std::vector<std::uint8_t> full(tree_c_file_bytes(n)), cache(tree_r_last_file_bytes(n, 2));
  write_tree_c_file(leaves.data(), n, full.data(), 2);
  write_tree_r_last_file(leaves.data(), n, 2, cache.data(), 2);
  EXPECT_EQ(cache.size(), 32u * 9u);
  const auto c = StoredBaseTree::from_tree_c_file(full.data(), full.size(), n);
  const auto r = StoredBaseTree::from_tree_r_last_file(cache.data(), cache.size(), leaves.data(), n, 2);
  for (std::uint64_t i : {0ull, 1ull, 7ull, 8ull, 511ull, 512ull, 2049ull, 4095ull}) {
    const MerkleProof a = c.prove(i), b = r.prove(i);
    EXPECT_EQ(a.siblings_per_level, b.siblings_per_level);
    EXPECT_TRUE(verify_merkle_proof(b, r.root(), i));
  }
}

TEST(StoredTreeTest, DamagedFilesAreCorrupt) {
  const std::uint64_t n = 512;
  auto leaves = random_fr_nodes(n, 11);
  std::vector<std::uint8_t> cache(tree_r_last_file_bytes(n, 1));
  write_tree_r_last_file(leaves.data(), n, 1, cache.data(), 1);
  auto expect_corrupt = [](auto fn) {
    try {
      fn();
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Corrupt) << e.what();
    }
  };
  expect_corrupt([&] { (void)StoredBaseTree::from_tree_r_last_file(cache.data(), cache.size() - 32, leaves.data(), n, 1); });
  expect_corrupt([&] { (void)StoredBaseTree::from_tree_c_file(cache.data(), cache.size(), n); });
  // A changed leaf no longer matches the kept row above it.
  leaves[32 * 100] ^= 1;
  const auto r = StoredBaseTree::from_tree_r_last_file(cache.data(), cache.size(), leaves.data(), n, 1);
  expect_corrupt([&] { (void)r.prove(100); });
  EXPECT_NO_THROW((void)r.prove(300));  // another subtree is intact
}

TEST(TreeDProofTest, ProofsFromTheWholeTreeLayout) {
  for (std::uint64_t n : {2ull, 8ull, 64ull}) {
    // tree_d layout by definition: leaves, then each level, root last.
    std::vector<std::uint8_t> tree = testing::random_fr_nodes(n, n);
    tree.resize(32 * (2 * n - 1));
    std::uint64_t level_start = 0, width = n, next = n;
    while (width > 1) {
      for (std::uint64_t i = 0; i < width / 2; ++i) {
        hash_node_pair(&tree[32 * (level_start + 2 * i)], &tree[32 * (level_start + 2 * i + 1)], &tree[32 * (next + i)]);
      }
      level_start = next;
      next += width / 2;
      width /= 2;
    }
    Commitment root{};
    std::copy(tree.end() - 32, tree.end(), root.begin());
    for (std::uint64_t i = 0; i < n; ++i) {
      const MerkleProof p = prove_tree_d(tree.data(), tree.size(), n, i);
      EXPECT_EQ(p.levels(), static_cast<std::size_t>(std::countr_zero(n)));
      EXPECT_TRUE(verify_tree_d_proof(p, root, i)) << n << " " << i;
      EXPECT_FALSE(verify_tree_d_proof(p, root, (i + 1) % n)) << n << " " << i;
      EXPECT_FALSE(verify_merkle_proof(p)) << "a SHA-256 proof must not pass as a Poseidon proof";
    }
    expect_tamper_fails(prove_tree_d(tree.data(), tree.size(), n, n / 2),
                        [](const MerkleProof& p) { return verify_tree_d_proof(p); });
    EXPECT_THROW((void)prove_tree_d(tree.data(), tree.size() - 32, n, 0), Error);
    EXPECT_THROW((void)prove_tree_d(tree.data(), tree.size(), n, n), Error);
  }
}

TEST(CommRTest, PAuxRoundTripAndCommR) {
  const auto nodes = random_fr_nodes(2, 8);
  PAux p;
  std::copy(nodes.begin(), nodes.begin() + 32, p.comm_c.begin());
  std::copy(nodes.begin() + 32, nodes.end(), p.comm_r_last.begin());
  const auto bytes = p_aux_bytes(p);
  EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), nodes.begin()));
  const PAux q = parse_p_aux(bytes.data(), bytes.size());
  EXPECT_EQ(q.comm_c, p.comm_c);
  EXPECT_EQ(q.comm_r_last, p.comm_r_last);
  const Fr in[2] = {testing::node_fr(nodes.data(), 0), testing::node_fr(nodes.data(), 1)};
  EXPECT_EQ(comm_r(p.comm_c, p.comm_r_last), to_commitment(poseidon_hash_reference(in, 2)));
  EXPECT_THROW((void)parse_p_aux(bytes.data(), 63), Error);
  auto bad = bytes;
  bad[63] = 0xff;
  EXPECT_THROW((void)parse_p_aux(bad.data(), bad.size()), Error);
}

}  // namespace
}  // namespace sa::kernels
