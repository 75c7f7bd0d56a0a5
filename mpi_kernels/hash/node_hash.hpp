// Merkle node hashing for the SHA-256 binary trees (tree_d, CommP, CommD): a parent is
// trunc254(SHA-256(left[32] || right[32])) (proofs.md §6.1; rust-fil-proofs filecoin-hashers/src/sha256.rs).
// This is the hot loop of CommP and tree_d: each parent costs 2 compressions, the second over a constant
// padding block whose message schedule is precomputed.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hash/sha256.hpp"

namespace sa::kernels {

// out[i] = trunc254(SHA-256(in[64i .. 64i+64])), 32 bytes each, for i < npairs.
// in holds 64·npairs bytes, out receives 32·npairs bytes. out may be equal to in (halving a tree level in
// place); other overlaps are not allowed. Thread-safe (no shared state). Throws only as resolve() does.
void hash_node_pairs(const std::uint8_t* in, std::size_t npairs, std::uint8_t* out,
                     Sha256Impl impl = Sha256Impl::Auto);

// One parent from two 32-byte children; out may alias left or right.
void hash_node_pair(const std::uint8_t* left, const std::uint8_t* right, std::uint8_t* out,
                    Sha256Impl impl = Sha256Impl::Auto);

}  // namespace sa::kernels
