// Inclusion proofs in tree_d, the binary SHA-256 tree over the staged data (proofs.md §6.1, §8.2
// comm_d_proofs; rust-fil-proofs BinaryMerkleTree<Sha256Hasher>): parent = trunc254(SHA-256(left ‖ right)).
// Reads the sc-02-data-tree-d.dat layout that tree/tree_d.hpp writes: all 2N − 1 nodes, leaves first, then
// each level, root last.
#pragma once

#include <cstdint>

#include "tree/merkle_proof.hpp"

namespace sa::kernels {

// Proof of leaf `index` (1 sibling per level, path index = the bit of `index` at that level) from the bytes
// of a whole tree_d ((2·nleaves − 1)·32 bytes). Throws sa::Error(Corrupt) when tree_bytes does not match
// nleaves, sa::Error(Usage) when nleaves is not a power of two ≥ 2 or index ≥ nleaves.
MerkleProof prove_tree_d(const std::uint8_t* tree, std::uint64_t tree_bytes, std::uint64_t nleaves,
                         std::uint64_t index);

// Recomputes the root with SHA-256-trunc254 pairs. False for a wrong or malformed proof (never throws).
bool verify_tree_d_proof(const MerkleProof& proof);
// The same, also requiring the given root (comm_d) and leaf index.
bool verify_tree_d_proof(const MerkleProof& proof, const Commitment& root, std::uint64_t leaf_index);

}  // namespace sa::kernels
