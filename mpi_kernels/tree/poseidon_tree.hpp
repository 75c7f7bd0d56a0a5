// 8-ary Poseidon base trees, the building block of tree_c and tree_r_last (proofs.md §7.3–7.4; merkletree's
// MerkleTree<PoseidonHasher, U8>): leaves are used as they are (no leaf hashing), a parent is Poseidon_8 of
// its 8 children in order. Layout of a whole tree, as on disk: leaves first, then each level, root last.
#pragma once

#include <cstdint>

#include "piece/commitment.hpp"

namespace sa::kernels {

inline constexpr int kBaseTreeArity = 8;

// log8(nleaves). Throws sa::Error(Usage) unless nleaves is 8^h with h ≥ 1.
int base_tree_height(std::uint64_t nleaves);
// Nodes of levels 1 .. height (everything above the leaves): (nleaves − 1) / 7.
std::uint64_t base_tree_nodes_above_leaves(std::uint64_t nleaves);
// Index (in nodes, from the first leaf) where `level` starts in the full layout; level 0 = leaves.
std::uint64_t base_tree_level_offset(std::uint64_t nleaves, int level);

// Builds the tree over nleaves 32-byte leaves (canonical LE Fr each) and returns the root. When out_nodes is
// not null it receives all nodes above the leaves, level by level, root last ((nleaves − 1)/7 · 32 bytes;
// it must not overlap the leaves). With out_nodes == nullptr only a few scratch nodes are used.
// Uses up to `threads` threads. Throws sa::Error(Usage) for a bad leaf count or thread count and
// sa::Error(Corrupt) when a leaf is ≥ p.
Commitment build_base_tree(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint8_t* out_nodes, int threads);

// Roots of the consecutive subtrees of height `height` (8^height leaves each): out[i] = root over leaves
// [i·8^height, (i+1)·8^height). nleaves must be a multiple of 8^height; out receives nleaves/8^height nodes.
// height 0 copies the leaves. Parallel over subtrees. Throws as build_base_tree.
void subtree_roots(const std::uint8_t* leaves, std::uint64_t nleaves, int height, std::uint8_t* out, int threads);

// One level up, single-threaded: out[j] = Poseidon_8(in[8j .. 8j+8)) for j < parents. out may equal in
// (each parent is written after its children are read, and never over a child not yet read).
void hash_tree_level(const std::uint8_t* in, std::uint64_t parents, std::uint8_t* out);

}  // namespace sa::kernels
