// tree_d: the binary SHA-256-trunc254 Merkle tree over a sector's nodes, leaves used as they are; its root
// is comm_d (proofs.md §6.1; rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/proof.rs
// build_binary_tree, filecoin-hashers/src/sha256.rs, merkletree). On disk (sc-02-data-tree-d.dat): all
// 2N−1 nodes, leaves first, then each level, root last. Hashing goes through hash_node_pairs.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "piece/commitment.hpp"

namespace sa::kernels {

// Bytes of the whole tree: (2·nleaves − 1)·32.
constexpr std::uint64_t tree_d_bytes(std::uint64_t nleaves) { return (2 * nleaves - 1) * 32; }

// The root of the tree over nleaves 32-byte leaves (a power of two >= 1, else sa::Error(Usage)).
// out_nodes: tree_d_bytes(nleaves) bytes receiving the on-disk layout (leaves are copied in unless
// out_nodes == leaves; no other overlap), or nullptr to get only the root in O(1 MiB · threads) memory.
// threads >= 1 splits each level (or, without out_nodes, the leaf chunks); the result does not depend on it.
Commitment build_tree_d(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint8_t* out_nodes,
                        int threads = 1);

// Builds the same on-disk layout from leaves that arrive in order, in bounded memory (about 1 MiB per tree
// level), for sectors larger than memory. Every byte of the layout is handed to write(offset, data, n)
// exactly once; offsets grow within each level's region, levels are interleaved.
class TreeDWriter {
 public:
  using WriteFn = std::function<void(std::uint64_t offset, const std::uint8_t* data, std::size_t n)>;

  // nleaves: a power of two >= 1, else sa::Error(Usage).
  TreeDWriter(std::uint64_t nleaves, WriteFn write);

  // The next count leaves (count·32 bytes). Throws sa::Error(Usage) past nleaves; exceptions of write
  // propagate (the writer is then unusable).
  void append(const std::uint8_t* leaves, std::uint64_t count);
  // After exactly nleaves leaves: flushes what is buffered and returns the root. Else sa::Error(Usage).
  Commitment finish();

 private:
  void push(unsigned level, const std::uint8_t* nodes, std::uint64_t count);
  void flush(unsigned level);

  std::uint64_t nleaves_;
  WriteFn write_;
  std::vector<std::uint64_t> level_offset_;             // byte offset of each level's region
  std::vector<std::uint64_t> written_;                  // nodes of each level handed to write_
  std::vector<std::vector<std::uint8_t>> out_buffer_;   // nodes of each level not yet written
  std::vector<std::vector<std::uint8_t>> odd_;          // a node waiting for its right sibling (0 or 32 bytes)
  std::vector<std::uint8_t> scratch_;
  std::uint64_t appended_ = 0;
  Commitment root_{};
};

}  // namespace sa::kernels
