// The bytes of the Poseidon tree files in a sector's cache directory (proofs.md §7.3–7.4, §9; merkletree
// DiskStore / LevelCacheStore, store version 2):
//   sc-02-data-tree-c[-j].dat       the whole base tree j: leaves, then each level, root last;
//   sc-02-data-tree-r-last[-j].dat  only levels rows_to_discard + 1 .. top of base tree j (the tail of the
//                                   whole-tree layout); the leaves are the sealed file's slice j and the
//                                   rows between are rebuilt from them when needed.
// Kernels do no file I/O: callers map the files and pass the bytes.
#pragma once

#include <cstdint>

#include "piece/commitment.hpp"

namespace sa::kernels {

// rust-fil-proofs default_rows_to_discard(leaves, arity) (storage-proofs-core util.rs over merkletree's row
// count): rows = height + 1; rows ≤ 2 → 0, rows = 3 → 1, else min(rows − 2, configured). `configured` is
// FIL_PROOFS_ROWS_TO_DISCARD (default 2), read by the caller. Values: 32GiB base tree (8^9 leaves) 2,
// 512MiB 2, 8MiB 2, 2KiB 1. Throws sa::Error(Usage) unless leaves is a power of `arity` ≥ arity.
std::uint32_t default_rows_to_discard(std::uint64_t leaves, int arity = 8, std::uint32_t configured = 2);

// Size in bytes of sc-02-data-tree-c[-j].dat: 32 · (8·nleaves − 1)/7.
std::uint64_t tree_c_file_bytes(std::uint64_t nleaves);
// Size in bytes of sc-02-data-tree-r-last[-j].dat: 32 · (nodes of levels rows_to_discard+1 .. height).
// Throws sa::Error(Usage) unless rows_to_discard < height (the root row is always kept).
std::uint64_t tree_r_last_file_bytes(std::uint64_t nleaves, std::uint32_t rows_to_discard);

// Writes the tree_c file of one base tree over `leaves` (column hashes) into `file`
// (tree_c_file_bytes(nleaves) bytes; `leaves` may equal `file`, other overlaps are not allowed) and returns
// its root. Throws as build_base_tree.
Commitment write_tree_c_file(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint8_t* file, int threads);

// Writes the tree_r_last file of one base tree over `leaves` (replica nodes) into `file`
// (tree_r_last_file_bytes bytes, not overlapping the leaves) and returns its root. The discarded rows are
// never held in memory: each first-kept node is built from its 8^(rows_to_discard+1) leaves.
Commitment write_tree_r_last_file(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint32_t rows_to_discard,
                                  std::uint8_t* file, int threads);

}  // namespace sa::kernels
