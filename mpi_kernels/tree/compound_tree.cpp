// Compound tree roots and proofs (proofs.md §7.5, §8.2). The sub level groups consecutive base trees
// (sub_arity of them); the top level joins the sub-tree roots.
#include "tree/compound_tree.hpp"

#include <algorithm>
#include <string>

#include "base/error.hpp"
#include "hash/poseidon.hpp"

namespace sa::kernels {
namespace {

Commitment hash_roots(const Commitment* roots, int arity) {
  std::vector<std::uint8_t> bytes(32 * static_cast<std::size_t>(arity));
  for (int i = 0; i < arity; ++i) {
    std::copy(roots[i].begin(), roots[i].end(), bytes.begin() + 32 * i);
  }
  Commitment out{};
  poseidon_hash_bytes(bytes.data(), arity, out.data());
  return out;
}

std::vector<Commitment> sub_tree_roots(const std::vector<Commitment>& base_roots, const TreeShape& shape) {
  std::vector<Commitment> subs;
  for (std::size_t i = 0; i < base_roots.size(); i += static_cast<std::size_t>(shape.sub_arity)) {
    subs.push_back(hash_roots(base_roots.data() + i, shape.sub_arity));
  }
  return subs;
}

std::vector<Commitment> others(const Commitment* group, int arity, int self) {
  std::vector<Commitment> v;
  for (int k = 0; k < arity; ++k) {
    if (k != self) v.push_back(group[k]);
  }
  return v;
}

}  // namespace

Commitment compound_root(const std::vector<Commitment>& base_roots, const TreeShape& shape) {
  if (static_cast<int>(base_roots.size()) != shape.base_trees) {
    throw Error(ErrorKind::Usage, "compound root: " + std::to_string(base_roots.size()) + " base roots for a " +
                                      tree_shape_name(shape) + " tree of " + std::to_string(shape.base_trees));
  }
  if (shape.sub_arity == 0) return base_roots.front();
  const std::vector<Commitment> subs = sub_tree_roots(base_roots, shape);
  if (shape.top_arity == 0) return subs.front();
  return hash_roots(subs.data(), shape.top_arity);
}

CompoundTree::CompoundTree(const TreeShape& shape, std::vector<StoredBaseTree> bases)
    : shape_(shape), bases_(std::move(bases)) {
  for (const StoredBaseTree& b : bases_) {
    if (b.leaves() != shape_.leaves_per_base) {
      throw Error(ErrorKind::Usage, "compound tree: a base tree has " + std::to_string(b.leaves()) +
                                        " leaves, the shape wants " + std::to_string(shape_.leaves_per_base));
    }
    base_roots_.push_back(b.root());
  }
  root_ = compound_root(base_roots_, shape_);
  if (shape_.sub_arity != 0 && shape_.top_arity != 0) sub_roots_ = sub_tree_roots(base_roots_, shape_);
}

MerkleProof CompoundTree::prove(std::uint64_t node) const {
  if (node >= shape_.sector_nodes()) {
    throw Error(ErrorKind::Usage, "node " + std::to_string(node) + " is outside a sector of " +
                                      std::to_string(shape_.sector_nodes()) + " nodes");
  }
  const auto base = static_cast<int>(node / shape_.leaves_per_base);
  MerkleProof proof;
  bases_[static_cast<std::size_t>(base)].append_path(node % shape_.leaves_per_base, proof);
  if (shape_.sub_arity != 0) {
    const int sub = base / shape_.sub_arity, pos = base % shape_.sub_arity;
    proof.siblings_per_level.push_back(
        others(base_roots_.data() + sub * shape_.sub_arity, shape_.sub_arity, pos));
    proof.path_indexes.push_back(static_cast<std::uint32_t>(pos));
    if (shape_.top_arity != 0) {
      proof.siblings_per_level.push_back(others(sub_roots_.data(), shape_.top_arity, sub));
      proof.path_indexes.push_back(static_cast<std::uint32_t>(sub));
    }
  }
  proof.root = root_;
  return proof;
}

}  // namespace sa::kernels
