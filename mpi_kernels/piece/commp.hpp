// Streaming piece commitment (CommP, proofs.md §6.3; rust-fil-proofs filecoin-proofs/src/pieces.rs and
// commitment_reader.rs, go-fil-commp-hashhash): Fr32-pad the raw payload, zero-extend it to a power-of-two
// padded piece, and take the SHA-256-trunc254 binary tree root. Memory is one 1 MiB padded chunk plus one
// node per tree level, whatever the payload size; missing leaves are never materialised (zero commitments).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "hash/sha256.hpp"
#include "piece/commitment.hpp"

namespace sa::kernels {

struct PieceCommitment {
  Commitment comm{};
  std::uint64_t padded_size = 0;   // the piece size the tree covers, 128·2^k
  std::uint64_t payload_size = 0;  // raw bytes written
};

class CommPHasher {
 public:
  // Padded bytes hashed per chunk: 2^15 leaves (1 MiB), a whole subtree of level kChunkLevel.
  static constexpr unsigned kChunkLevel = 15;
  static constexpr std::size_t kChunkPadded = std::size_t{32} << kChunkLevel;

  explicit CommPHasher(Sha256Impl impl = Sha256Impl::Auto);

  // Append n raw (unpadded) payload bytes. Any chunking gives the same result.
  void write(const std::uint8_t* raw, std::size_t n);
  // The commitment of the smallest piece that holds the payload (≥ 128 padded bytes; an empty payload gives
  // the 128-byte zero piece). Resets the hasher for a new piece.
  PieceCommitment finish();
  // The commitment of a piece of the given padded size. Throws sa::Error(Usage) when the size is not a
  // power of two ≥ 128 or the payload exceeds its 127/128 capacity (the hasher then keeps its state).
  PieceCommitment finish(std::uint64_t padded_piece_size);

  std::uint64_t payload_size() const { return payload_; }
  void reset();

 private:
  struct Subtree {
    unsigned level;
    Commitment root;
  };

  void pad_pending_quad();
  void hash_full_chunk();
  void push(unsigned level, Commitment root);

  Sha256Impl impl_;
  std::vector<std::uint8_t> padded_;  // kChunkPadded bytes; the first `filled_` hold padded payload
  std::size_t filled_ = 0;
  std::uint8_t pending_[127] = {};  // raw bytes of an incomplete quad
  std::size_t npending_ = 0;
  std::uint64_t payload_ = 0;
  std::vector<Subtree> stack_;  // completed subtrees, levels strictly decreasing: ≤ 64 entries
};

}  // namespace sa::kernels
