// Reference root of a binary SHA-256-trunc254 Merkle tree over 32-byte leaves, leaves used as they are
// (proofs.md §6.1, tree_d; rust-fil-proofs storage-proofs-porep proof.rs build_binary_tree). Simple and
// whole-tree-in-memory: the yardstick CommPHasher and tree_d code are tested against.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hash/sha256.hpp"
#include "piece/commitment.hpp"

namespace sa::kernels {

// nleaves must be a power of two ≥ 1 (else sa::Error(Usage)); one leaf is its own root. Each parent is
// computed with sha256() on its 64 bytes, not with the node-pair kernel, so it checks that kernel too.
Commitment tree_root(const std::uint8_t* leaves, std::size_t nleaves, Sha256Impl impl = Sha256Impl::Auto);

}  // namespace sa::kernels
