// Tree file sizes and writers (proofs.md §7.3–7.4; merkletree get_merkle_tree_len / get_merkle_tree_cache_size,
// rust-fil-proofs default_rows_to_discard). The level-cache file is the tail of the whole-tree layout.
#include "tree/tree_files.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "base/error.hpp"
#include "hash/poseidon_batch.hpp"
#include "tree/poseidon_tree.hpp"

namespace sa::kernels {
namespace {

// Rows of a tree with `leaves` leaves of the given power-of-two arity (leaves row included).
std::uint32_t row_count(std::uint64_t leaves, int arity) {
  const int shift = std::countr_zero(static_cast<unsigned>(arity));
  const bool ok = arity >= 2 && std::has_single_bit(static_cast<unsigned>(arity)) && std::has_single_bit(leaves) &&
                  leaves >= static_cast<std::uint64_t>(arity) && std::countr_zero(leaves) % shift == 0;
  if (!ok) {
    throw Error(ErrorKind::Usage, "rows_to_discard: " + std::to_string(leaves) + " leaves is not a power of arity " +
                                      std::to_string(arity));
  }
  return static_cast<std::uint32_t>(std::countr_zero(leaves) / shift) + 1;
}

}  // namespace

std::uint32_t default_rows_to_discard(std::uint64_t leaves, int arity, std::uint32_t configured) {
  const std::uint32_t rows = row_count(leaves, arity);
  if (rows <= 2) return 0;
  if (rows == 3) return 1;
  return std::min(rows - 2, configured);
}

std::uint64_t tree_c_file_bytes(std::uint64_t nleaves) {
  return 32 * (nleaves + base_tree_nodes_above_leaves(nleaves));
}

std::uint64_t tree_r_last_file_bytes(std::uint64_t nleaves, std::uint32_t rows_to_discard) {
  const int h = base_tree_height(nleaves);
  if (rows_to_discard >= static_cast<std::uint32_t>(h)) {
    throw Error(ErrorKind::Usage, "tree_r_last: rows_to_discard " + std::to_string(rows_to_discard) +
                                      " would discard the root of a tree of height " + std::to_string(h));
  }
  return 32 * (nleaves + base_tree_nodes_above_leaves(nleaves) -
               base_tree_level_offset(nleaves, static_cast<int>(rows_to_discard) + 1));
}

Commitment write_tree_c_file(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint8_t* file, int threads) {
  (void)base_tree_height(nleaves);
  if (leaves != file) std::memcpy(file, leaves, 32 * nleaves);
  return build_base_tree(file, nleaves, file + 32 * nleaves, threads);
}

Commitment write_tree_r_last_file(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint32_t rows_to_discard,
                                  std::uint8_t* file, int threads) {
  (void)tree_r_last_file_bytes(nleaves, rows_to_discard);  // validates
  const int first_kept = static_cast<int>(rows_to_discard) + 1;
  const std::uint64_t kept_width = nleaves >> (3 * first_kept);
  subtree_roots(leaves, nleaves, first_kept, file, threads);
  const std::uint8_t* below = file;
  std::uint8_t* level = file + 32 * kept_width;
  for (std::uint64_t parents = kept_width / 8; parents >= 1; parents /= 8) {
    poseidon_hash_many(below, parents, kBaseTreeArity, level, threads);
    below = level;
    level += 32 * parents;
  }
  Commitment root{};
  std::memcpy(root.data(), below, 32);
  return root;
}

}  // namespace sa::kernels
