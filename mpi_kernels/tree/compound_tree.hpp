// Compound Poseidon trees over base trees (proofs.md §7.5, §8.2; merkletree MerkleTree<…, U8, SubArity,
// TopArity>): sub-tree root = Poseidon_sub(roots of its base trees in order), top root = Poseidon_top(sub
// roots). Gives comm_c (tree_c) and comm_r_last (tree_r_last), and inclusion proofs over the whole sector.
#pragma once

#include <cstdint>
#include <vector>

#include "piece/commitment.hpp"
#include "tree/merkle_proof.hpp"
#include "tree/stored_tree.hpp"
#include "tree/tree_shape.hpp"

namespace sa::kernels {

// Root over the base-tree roots, in base-tree order. 8-0-0: the single root itself. Throws
// sa::Error(Usage) when the count is not shape.base_trees, sa::Error(Corrupt) when a root is ≥ p.
Commitment compound_root(const std::vector<Commitment>& base_roots, const TreeShape& shape);

class CompoundTree {
 public:
  // One StoredBaseTree per base tree, in order, each of shape.leaves_per_base leaves. Throws sa::Error(Usage)
  // when they do not fit the shape.
  CompoundTree(const TreeShape& shape, std::vector<StoredBaseTree> bases);

  const TreeShape& shape() const { return shape_; }
  Commitment root() const { return root_; }
  // Inclusion proof of sector node `node` (0 .. sector_nodes − 1): base-tree levels, then the sub-tree level
  // (siblings: the other base roots of its group) and the top level (the other sub-tree roots), when the
  // shape has them. Throws as StoredBaseTree::append_path.
  MerkleProof prove(std::uint64_t node) const;

 private:
  TreeShape shape_;
  std::vector<StoredBaseTree> bases_;
  std::vector<Commitment> base_roots_;
  std::vector<Commitment> sub_roots_;  // one per sub-tree when the shape has a top level
  Commitment root_{};
};

}  // namespace sa::kernels
