// Merkle proof index decoding and Poseidon-tree verification (proofs.md §8.2; rust-fil-proofs
// storage-proofs-core merkle/proof.rs InclusionPath::root, validate).
#include "tree/merkle_proof.hpp"

#include <string>

#include "base/error.hpp"
#include "hash/poseidon.hpp"

namespace sa::kernels {

std::uint64_t proof_leaf_index(const MerkleProof& proof) {
  if (proof.path_indexes.size() != proof.siblings_per_level.size()) {
    throw Error(ErrorKind::Usage, "merkle proof: " + std::to_string(proof.path_indexes.size()) + " indexes for " +
                                      std::to_string(proof.siblings_per_level.size()) + " levels");
  }
  std::uint64_t index = 0, weight = 1;
  for (std::size_t l = 0; l < proof.levels(); ++l) {
    const auto arity = static_cast<std::uint64_t>(proof.arity(l));
    if (proof.path_indexes[l] >= arity) {
      throw Error(ErrorKind::Usage, "merkle proof: index " + std::to_string(proof.path_indexes[l]) + " at level " +
                                        std::to_string(l) + " is not below the arity " + std::to_string(arity));
    }
    if (weight > UINT64_MAX / arity) throw Error(ErrorKind::Usage, "merkle proof: more than 64 bits of leaf index");
    index += proof.path_indexes[l] * weight;
    weight *= arity;
  }
  return index;
}

std::vector<Commitment> children_with_path_node(const std::vector<Commitment>& siblings, std::uint32_t index,
                                                const Commitment& node) {
  std::vector<Commitment> children;
  children.reserve(siblings.size() + 1);
  for (std::size_t k = 0; k < siblings.size(); ++k) {
    if (k == index) children.push_back(node);
    children.push_back(siblings[k]);
  }
  if (index == siblings.size()) children.push_back(node);
  return children;
}

bool verify_merkle_proof(const MerkleProof& proof) {
  try {
    (void)proof_leaf_index(proof);  // shape and index ranges
    Commitment node = proof.leaf;
    for (std::size_t l = 0; l < proof.levels(); ++l) {
      const auto children = children_with_path_node(proof.siblings_per_level[l], proof.path_indexes[l], node);
      std::vector<std::uint8_t> bytes;
      for (const Commitment& c : children) bytes.insert(bytes.end(), c.begin(), c.end());
      poseidon_hash_bytes(bytes.data(), static_cast<int>(children.size()), node.data());
    }
    return node == proof.root;
  } catch (const Error&) {
    return false;  // unsupported arity, a node ≥ p, a malformed path
  }
}

bool verify_merkle_proof(const MerkleProof& proof, const Commitment& root, std::uint64_t leaf_index) {
  if (proof.root != root) return false;
  try {
    if (proof_leaf_index(proof) != leaf_index) return false;
  } catch (const Error&) {
    return false;
  }
  return verify_merkle_proof(proof);
}

}  // namespace sa::kernels
