// tree_d inclusion proofs (proofs.md §6.1, §8.2). Level l of the whole-tree layout starts at node
// 2N − 2N/2^l (N leaves), so each level's sibling is one read.
#include "tree/tree_d_proof.hpp"

#include <bit>
#include <cstring>
#include <string>

#include "base/error.hpp"
#include "hash/node_hash.hpp"

namespace sa::kernels {
namespace {

Commitment node_at(const std::uint8_t* p) {
  Commitment c{};
  std::memcpy(c.data(), p, 32);
  return c;
}

}  // namespace

MerkleProof prove_tree_d(const std::uint8_t* tree, std::uint64_t tree_bytes, std::uint64_t nleaves,
                         std::uint64_t index) {
  if (nleaves < 2 || !std::has_single_bit(nleaves)) {
    throw Error(ErrorKind::Usage, "tree_d: " + std::to_string(nleaves) + " leaves is not a power of two >= 2");
  }
  if (tree_bytes != 32 * (2 * nleaves - 1)) {
    throw Error(ErrorKind::Corrupt, "tree-d: " + std::to_string(tree_bytes) + " bytes, expected " +
                                        std::to_string(32 * (2 * nleaves - 1)) + " for " + std::to_string(nleaves) +
                                        " leaves");
  }
  if (index >= nleaves) {
    throw Error(ErrorKind::Usage, "tree_d: leaf " + std::to_string(index) + " of " + std::to_string(nleaves));
  }
  MerkleProof proof;
  proof.leaf = node_at(tree + 32 * index);
  std::uint64_t level_start = 0, width = nleaves, node = index;
  while (width > 1) {
    proof.siblings_per_level.push_back({node_at(tree + 32 * (level_start + (node ^ 1)))});
    proof.path_indexes.push_back(static_cast<std::uint32_t>(node & 1));
    level_start += width;
    width /= 2;
    node /= 2;
  }
  proof.root = node_at(tree + 32 * level_start);
  return proof;
}

bool verify_tree_d_proof(const MerkleProof& proof) {
  if (proof.path_indexes.size() != proof.siblings_per_level.size()) return false;
  Commitment node = proof.leaf;
  for (std::size_t l = 0; l < proof.levels(); ++l) {
    if (proof.siblings_per_level[l].size() != 1 || proof.path_indexes[l] > 1) return false;
    const Commitment& sibling = proof.siblings_per_level[l][0];
    const bool right = proof.path_indexes[l] == 1;
    hash_node_pair(right ? sibling.data() : node.data(), right ? node.data() : sibling.data(), node.data());
  }
  return node == proof.root;
}

bool verify_tree_d_proof(const MerkleProof& proof, const Commitment& root, std::uint64_t leaf_index) {
  if (proof.root != root || !verify_tree_d_proof(proof)) return false;
  try {
    return proof_leaf_index(proof) == leaf_index;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace sa::kernels
