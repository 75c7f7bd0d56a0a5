// StoredBaseTree: inclusion paths from stored tree files (proofs.md §8.2; merkletree LevelCacheStore and
// gen_cached_proof: the levels at or below rows_to_discard come from the leaves of the enclosing subtree).
#include "tree/stored_tree.hpp"

#include <cstring>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "tree/poseidon_tree.hpp"
#include "tree/tree_files.hpp"

namespace sa::kernels {
namespace {

Commitment node_at(const std::uint8_t* p) {
  Commitment c{};
  std::memcpy(c.data(), p, 32);
  return c;
}

void require_size(const char* what, std::uint64_t got, std::uint64_t expected, std::uint64_t nleaves) {
  if (got != expected) {
    throw Error(ErrorKind::Corrupt, std::string(what) + ": file has " + std::to_string(got) + " bytes, expected " +
                                        std::to_string(expected) + " for a base tree of " + std::to_string(nleaves) +
                                        " leaves");
  }
}

}  // namespace

StoredBaseTree::StoredBaseTree(const std::uint8_t* leaves, std::uint64_t nleaves, const std::uint8_t* kept,
                               std::uint32_t rows)
    : leaves_(leaves), nleaves_(nleaves), height_(base_tree_height(nleaves)), kept_(kept), rows_to_discard_(rows) {}

StoredBaseTree StoredBaseTree::from_tree_c_file(const std::uint8_t* file, std::uint64_t file_bytes,
                                                std::uint64_t nleaves) {
  require_size("tree-c", file_bytes, tree_c_file_bytes(nleaves), nleaves);
  return StoredBaseTree(file, nleaves, file + 32 * nleaves, 0);
}

StoredBaseTree StoredBaseTree::from_tree_r_last_file(const std::uint8_t* file, std::uint64_t file_bytes,
                                                     const std::uint8_t* leaves, std::uint64_t nleaves,
                                                     std::uint32_t rows_to_discard) {
  require_size("tree-r-last", file_bytes, tree_r_last_file_bytes(nleaves, rows_to_discard), nleaves);
  return StoredBaseTree(leaves, nleaves, file, rows_to_discard);
}

const std::uint8_t* StoredBaseTree::kept_node(int level, std::uint64_t index) const {
  const int first_kept = static_cast<int>(rows_to_discard_) + 1;
  const std::uint64_t offset = base_tree_level_offset(nleaves_, level) - base_tree_level_offset(nleaves_, first_kept);
  return kept_ + 32 * (offset + index);
}

Commitment StoredBaseTree::root() const { return node_at(kept_node(height_, 0)); }

Commitment StoredBaseTree::leaf(std::uint64_t index) const {
  if (index >= nleaves_) throw Error(ErrorKind::Usage, "leaf " + std::to_string(index) + " is outside the tree");
  return node_at(leaves_ + 32 * index);
}

void StoredBaseTree::append_path(std::uint64_t index, MerkleProof& proof) const {
  if (index >= nleaves_) {
    throw Error(ErrorKind::Usage, "leaf " + std::to_string(index) + " is outside a base tree of " +
                                      std::to_string(nleaves_) + " leaves");
  }
  if (proof.siblings_per_level.empty()) proof.leaf = leaf(index);

  // The subtree of height rows_to_discard + 1 that holds the leaf: rebuild its rows 1 .. rows_to_discard.
  const int sub_h = static_cast<int>(rows_to_discard_) + 1;
  const std::uint64_t sub_first = (index >> (3 * sub_h)) << (3 * sub_h);
  std::vector<std::vector<std::uint8_t>> rows(static_cast<std::size_t>(sub_h));  // rows[l] = level l of the subtree
  rows[0].assign(leaves_ + 32 * sub_first, leaves_ + 32 * (sub_first + (std::uint64_t{1} << (3 * sub_h))));
  for (int l = 1; l < sub_h; ++l) {
    rows[static_cast<std::size_t>(l)].resize(rows[static_cast<std::size_t>(l - 1)].size() / 8);
    hash_tree_level(rows[static_cast<std::size_t>(l - 1)].data(), rows[static_cast<std::size_t>(l)].size() / 32,
                    rows[static_cast<std::size_t>(l)].data());
  }
  Commitment sub_root{};
  hash_tree_level(rows.back().data(), 1, sub_root.data());
  if (sub_root != node_at(kept_node(sub_h, index >> (3 * sub_h)))) {
    throw Error(ErrorKind::Corrupt, "stored tree row " + std::to_string(sub_h) + " disagrees with the leaves " +
                                        std::to_string(sub_first) + ".. (damaged tree file or wrong leaves)");
  }

  for (int l = 0; l < height_; ++l) {
    const std::uint64_t node = index >> (3 * l);
    const std::uint64_t group = node & ~std::uint64_t{7};
    std::vector<Commitment> siblings;
    siblings.reserve(7);
    for (std::uint64_t k = 0; k < 8; ++k) {
      if (group + k == node) continue;
      if (l < sub_h) {
        const std::uint64_t local = group + k - (sub_first >> (3 * l));
        siblings.push_back(node_at(rows[static_cast<std::size_t>(l)].data() + 32 * local));
      } else {
        siblings.push_back(node_at(kept_node(l, group + k)));
      }
    }
    proof.siblings_per_level.push_back(std::move(siblings));
    proof.path_indexes.push_back(static_cast<std::uint32_t>(node & 7));
  }
}

MerkleProof StoredBaseTree::prove(std::uint64_t index) const {
  MerkleProof proof;
  append_path(index, proof);
  proof.root = root();
  return proof;
}

}  // namespace sa::kernels
