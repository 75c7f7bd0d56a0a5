// Merkle inclusion proofs for the sector trees, in the shape of rust-fil-proofs' InclusionPath / merkletree
// Proof (proofs.md §8.2): per level, bottom first, the arity − 1 siblings in child order (the path node left
// out) and the path node's position among its arity children. For compound Poseidon trees the base-tree
// levels come first, then one level for the sub-tree (arity 2 or 8) and one for the top (arity 2).
#pragma once

#include <cstdint>
#include <vector>

#include "piece/commitment.hpp"

namespace sa::kernels {

struct MerkleProof {
  Commitment leaf{};
  std::vector<std::vector<Commitment>> siblings_per_level;  // level 0 (the leaf's siblings) first
  std::vector<std::uint32_t> path_indexes;                  // one per level, 0 .. arity − 1
  Commitment root{};

  std::size_t levels() const { return siblings_per_level.size(); }
  int arity(std::size_t level) const { return static_cast<int>(siblings_per_level[level].size()) + 1; }
};

// The leaf's index in the whole tree: the path indexes read as a mixed-radix number, bottom level least
// significant (for a compound tree: base-tree number · leaves per base tree + index inside it). Throws
// sa::Error(Usage) when the proof is malformed (index ≥ arity, sizes differ, more than 64 bits).
std::uint64_t proof_leaf_index(const MerkleProof& proof);

// Poseidon trees (tree_c, tree_r_last, compound or not): hashes the leaf up the path with Poseidon of each
// level's arity and compares with proof.root. Returns false, never throws, for a malformed proof (index out
// of range, unsupported arity, a node ≥ p).
bool verify_merkle_proof(const MerkleProof& proof);
// The same, also requiring the given root and leaf index (what C1/PoSt verifiers check).
bool verify_merkle_proof(const MerkleProof& proof, const Commitment& root, std::uint64_t leaf_index);

// The children of one level: the siblings with the path node inserted at position `index`.
std::vector<Commitment> children_with_path_node(const std::vector<Commitment>& siblings, std::uint32_t index,
                                                const Commitment& node);

}  // namespace sa::kernels
