// Read access to one Poseidon base tree as stored in a sector's cache directory (proofs.md §7.3–7.4, §9):
// a tree_c file (every level), or a tree_r_last level cache plus the base tree's slice of the sealed file,
// whose discarded rows are rebuilt from the leaves on demand, as rust-fil-proofs does for C1 and PoSt.
// A view: it holds pointers into caller-owned (usually memory-mapped) bytes, which must outlive it.
#pragma once

#include <cstdint>

#include "piece/commitment.hpp"
#include "tree/merkle_proof.hpp"

namespace sa::kernels {

class StoredBaseTree {
 public:
  // sc-02-data-tree-c[-j].dat: leaves, then each level, root last. Throws sa::Error(Corrupt) when file_bytes
  // is not tree_c_file_bytes(nleaves), sa::Error(Usage) for a bad leaf count.
  static StoredBaseTree from_tree_c_file(const std::uint8_t* file, std::uint64_t file_bytes, std::uint64_t nleaves);
  // sc-02-data-tree-r-last[-j].dat plus `leaves` = the sealed file's nodes [j·nleaves, (j+1)·nleaves).
  // Throws sa::Error(Corrupt) when file_bytes is not tree_r_last_file_bytes(nleaves, rows_to_discard).
  static StoredBaseTree from_tree_r_last_file(const std::uint8_t* file, std::uint64_t file_bytes,
                                              const std::uint8_t* leaves, std::uint64_t nleaves,
                                              std::uint32_t rows_to_discard);

  std::uint64_t leaves() const { return nleaves_; }
  int height() const { return height_; }
  std::uint32_t rows_to_discard() const { return rows_to_discard_; }
  Commitment root() const;
  Commitment leaf(std::uint64_t index) const;

  // Appends this tree's `height()` levels of the inclusion path of leaf `index` (7 siblings + position each)
  // to `proof`, and sets proof.leaf when the proof has no levels yet. Rebuilds the discarded rows of the one
  // subtree that holds the leaf and checks that the stored row above it agrees; throws sa::Error(Corrupt)
  // when it does not (leaves and tree file disagree) or a node is ≥ p, sa::Error(Usage) for a bad index.
  void append_path(std::uint64_t index, MerkleProof& proof) const;
  // A proof inside this base tree alone (root = this tree's root).
  MerkleProof prove(std::uint64_t index) const;

 private:
  StoredBaseTree(const std::uint8_t* leaves, std::uint64_t nleaves, const std::uint8_t* kept, std::uint32_t rows);
  // Node `index` of a stored level (> rows_to_discard_).
  const std::uint8_t* kept_node(int level, std::uint64_t index) const;

  const std::uint8_t* leaves_;
  std::uint64_t nleaves_;
  int height_;
  const std::uint8_t* kept_;  // first node of level rows_to_discard_ + 1
  std::uint32_t rows_to_discard_;
};

}  // namespace sa::kernels
