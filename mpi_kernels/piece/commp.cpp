// CommPHasher: raw bytes are padded quad by quad straight into a 1 MiB chunk buffer; each full chunk is
// reduced in place to its root with the node-pair kernel and pushed on a stack of subtree roots that merges
// equal levels like a binary counter. finish() reduces the partial chunk, pairing odd nodes with zero
// subtrees, then lifts the stack to the piece level with zero subtrees on the right.
#include "piece/commp.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "base/error.hpp"
#include "field/fr32.hpp"
#include "hash/node_hash.hpp"
#include "piece/zero_comm.hpp"

namespace sa::kernels {

CommPHasher::CommPHasher(Sha256Impl impl) : impl_(resolve(impl)), padded_(kChunkPadded) { stack_.reserve(64); }

void CommPHasher::reset() {
  filled_ = 0;
  npending_ = 0;
  payload_ = 0;
  stack_.clear();
}

void CommPHasher::write(const std::uint8_t* raw, std::size_t n) {
  payload_ += n;
  if (npending_ > 0) {
    const std::size_t take = std::min(n, kFr32QuadRaw - npending_);
    std::memcpy(pending_ + npending_, raw, take);
    npending_ += take;
    raw += take;
    n -= take;
    if (npending_ < kFr32QuadRaw) return;
    pad_pending_quad();
  }
  while (n >= kFr32QuadRaw) {
    const std::size_t room = (kChunkPadded - filled_) / kFr32QuadPadded;
    const std::size_t quads = std::min(n / kFr32QuadRaw, room);
    fr32_pad_quads(raw, padded_.data() + filled_, quads);
    filled_ += quads * kFr32QuadPadded;
    raw += quads * kFr32QuadRaw;
    n -= quads * kFr32QuadRaw;
    if (filled_ == kChunkPadded) hash_full_chunk();
  }
  std::memcpy(pending_, raw, n);
  npending_ = n;
}

void CommPHasher::pad_pending_quad() {
  fr32_pad_quads(pending_, padded_.data() + filled_, 1);
  filled_ += kFr32QuadPadded;
  npending_ = 0;
  if (filled_ == kChunkPadded) hash_full_chunk();
}

void CommPHasher::hash_full_chunk() {
  for (std::size_t pairs = kChunkPadded / 64; pairs >= 1; pairs /= 2) {
    hash_node_pairs(padded_.data(), pairs, padded_.data(), impl_);
  }
  Commitment root;
  std::memcpy(root.data(), padded_.data(), 32);
  filled_ = 0;
  push(kChunkLevel, root);
}

void CommPHasher::push(unsigned level, Commitment root) {
  while (!stack_.empty() && stack_.back().level == level) {
    hash_node_pair(stack_.back().root.data(), root.data(), root.data(), impl_);
    stack_.pop_back();
    ++level;
  }
  stack_.push_back({level, root});
}

PieceCommitment CommPHasher::finish() { return finish(padded_piece_size_for(payload_)); }

PieceCommitment CommPHasher::finish(std::uint64_t padded_piece_size) {
  if (!is_padded_piece_size(padded_piece_size)) {
    throw Error(ErrorKind::Usage, "commp: piece size " + std::to_string(padded_piece_size) +
                                      " is not a power of two of at least 128 bytes");
  }
  if (payload_ > padded_piece_size / 128 * 127) {
    throw Error(ErrorKind::Usage, "commp: payload of " + std::to_string(payload_) +
                                      " bytes does not fit a piece of " + std::to_string(padded_piece_size) +
                                      " padded bytes (" + std::to_string(padded_piece_size / 128 * 127) +
                                      " usable)");
  }
  const unsigned piece_level = tree_level(padded_piece_size);
  if (npending_ > 0) {  // the last quad, zero-extended
    std::memset(pending_ + npending_, 0, kFr32QuadRaw - npending_);
    pad_pending_quad();
  }
  if (filled_ > 0) {
    // Reduce the partial chunk to one node of level min(piece, chunk), pairing odd nodes with zero subtrees.
    const unsigned top = std::min(piece_level, kChunkLevel);
    std::size_t nodes = filled_ / 32;
    for (unsigned level = 0; level < top; ++level) {
      if (nodes % 2 == 1) std::memcpy(padded_.data() + 32 * nodes++, zero_commitment(level).data(), 32);
      hash_node_pairs(padded_.data(), nodes / 2, padded_.data(), impl_);
      nodes /= 2;
    }
    Commitment root;
    std::memcpy(root.data(), padded_.data(), 32);
    filled_ = 0;
    push(top, root);
  }
  // Everything to the right of the payload is zero: lift the stack with zero subtrees.
  while (!stack_.empty() && !(stack_.size() == 1 && stack_.back().level == piece_level)) {
    const unsigned level = stack_.back().level;
    push(level, zero_commitment(level));
  }
  PieceCommitment out{stack_.empty() ? zero_commitment(piece_level) : stack_.back().root, padded_piece_size,
                      payload_};
  reset();
  return out;
}

}  // namespace sa::kernels
