// 8-ary Poseidon base-tree building (proofs.md §7.3–7.4). Whole levels are hashed in parallel with
// poseidon_hash_many; subtree roots are built per subtree in a small scratch buffer, so callers that only
// keep the upper rows (tree_r_last) never hold the lower ones.
#include "tree/poseidon_tree.hpp"

#include <array>
#include <bit>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "field/fr.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_batch.hpp"

namespace sa::kernels {

int base_tree_height(std::uint64_t nleaves) {
  const bool power_of_8 = std::has_single_bit(nleaves) && std::countr_zero(nleaves) % 3 == 0;
  if (!power_of_8 || nleaves < 8) {
    throw Error(ErrorKind::Usage, "Poseidon base tree: " + std::to_string(nleaves) +
                                      " leaves is not a power of 8 of at least 8");
  }
  return std::countr_zero(nleaves) / 3;
}

std::uint64_t base_tree_nodes_above_leaves(std::uint64_t nleaves) {
  (void)base_tree_height(nleaves);
  return (nleaves - 1) / 7;
}

std::uint64_t base_tree_level_offset(std::uint64_t nleaves, int level) {
  const int h = base_tree_height(nleaves);
  if (level < 0 || level > h) throw Error(ErrorKind::Usage, "Poseidon base tree: no level " + std::to_string(level));
  std::uint64_t offset = 0;
  for (int l = 0; l < level; ++l) offset += nleaves >> (3 * l);
  return offset;
}

void hash_tree_level(const std::uint8_t* in, std::uint64_t parents, std::uint8_t* out) {
  // One thread, so in-place is safe: a batch reads its 8·8 children before writing its 8 parents, which
  // lie at or below them.
  poseidon_hash_many(in, parents, kBaseTreeArity, out, 1);
}

void subtree_roots(const std::uint8_t* leaves, std::uint64_t nleaves, int height, std::uint8_t* out, int threads) {
  check_thread_count(threads);
  if (height < 0 || height > 20) throw Error(ErrorKind::Usage, "subtree_roots: bad height " + std::to_string(height));
  const std::uint64_t span = std::uint64_t{1} << (3 * height);
  if (nleaves % span != 0) {
    throw Error(ErrorKind::Usage, "subtree_roots: " + std::to_string(nleaves) + " leaves is not a multiple of 8^" +
                                      std::to_string(height));
  }
  const std::uint64_t count = nleaves / span;
  if (height == 0) {
    for (std::uint64_t i = 0; i < 32 * count; ++i) out[i] = leaves[i];
    return;
  }
  parallel_ranges(count, threads, 1, [&](std::uint64_t begin, std::uint64_t end) {
    std::vector<std::uint8_t> scratch(32 * (span / 8));
    for (std::uint64_t i = begin; i < end; ++i) {
      hash_tree_level(leaves + 32 * span * i, span / 8, scratch.data());
      for (std::uint64_t parents = span / 64; parents >= 1; parents /= 8) {
        hash_tree_level(scratch.data(), parents, scratch.data());
      }
      for (int b = 0; b < 32; ++b) out[32 * i + static_cast<std::uint64_t>(b)] = scratch[static_cast<std::size_t>(b)];
    }
  });
}

Commitment build_base_tree(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint8_t* out_nodes, int threads) {
  const int h = base_tree_height(nleaves);
  check_thread_count(threads);
  Commitment root{};
  if (out_nodes == nullptr) {
    // Roots two levels below the top in parallel (64 subtrees), then the last 72 → 8 → 1 here.
    const int low = h >= 2 ? h - 2 : 0;
    std::vector<std::uint8_t> level(32 * (nleaves >> (3 * low)));
    subtree_roots(leaves, nleaves, low, level.data(), threads);
    for (std::uint64_t parents = (nleaves >> (3 * low)) / 8; parents >= 1; parents /= 8) {
      hash_tree_level(level.data(), parents, level.data());
    }
    for (int b = 0; b < 32; ++b) root[static_cast<std::size_t>(b)] = level[static_cast<std::size_t>(b)];
    return root;
  }
  const std::uint8_t* below = leaves;
  std::uint8_t* level = out_nodes;
  for (std::uint64_t parents = nleaves / 8; parents >= 1; parents /= 8) {
    poseidon_hash_many(below, parents, kBaseTreeArity, level, threads);
    below = level;
    level += 32 * parents;
  }
  for (int b = 0; b < 32; ++b) root[static_cast<std::size_t>(b)] = below[b];
  return root;
}

}  // namespace sa::kernels
