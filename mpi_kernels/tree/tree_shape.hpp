// The shape of the Poseidon trees tree_c and tree_r_last for a sector size (proofs.md §1.1, §7.5;
// rust-fil-proofs filecoin-proofs/src/constants.rs): base trees of arity 8 over consecutive node ranges,
// joined by an optional sub-tree level (arity 2 or 8) and an optional top level (arity 2).
#pragma once

#include <cstdint>

namespace sa::kernels {

struct TreeShape {
  int base_arity = 8;
  int sub_arity = 0;   // 0: no sub-tree level
  int top_arity = 0;   // 0: no top level
  int base_trees = 1;  // = max(sub_arity, 1) · max(top_arity, 1)
  std::uint64_t leaves_per_base = 0;

  // Levels inside one base tree: log8(leaves_per_base).
  int base_height() const;
  std::uint64_t sector_nodes() const { return leaves_per_base * static_cast<std::uint64_t>(base_trees); }
};

// Shape for a sector of `sector_nodes` 32-byte nodes: 8-0-0 for 2KiB, 8MiB and 512MiB; 8-8-0 for 32GiB;
// 8-8-2 for 64GiB; and the test sizes 4KiB, 16MiB, 1GiB (8-2-0), 16KiB (8-8-0), 32KiB (8-8-2).
// Throws sa::Error(Usage) for any other node count.
TreeShape tree_shape(std::uint64_t sector_nodes);

// "8-8-0" etc., as in the Groth16 parameter file names.
const char* tree_shape_name(const TreeShape& shape);

}  // namespace sa::kernels
