// compute_comm_d: a stack of (level, root) entries. Before a piece is pushed, zero subtrees of the top's size
// are pushed until the top is at least as large as the piece, which is exactly the alignment rule; pushes
// merge equal neighbours. At the end zero subtrees lift the stack to the sector level.
#include "piece/comm_d.hpp"

#include <string>

#include "base/error.hpp"
#include "hash/node_hash.hpp"

namespace sa::kernels {
namespace {

struct Entry {
  unsigned level;
  Commitment root;
};

void push_reduce(std::vector<Entry>& stack, unsigned level, Commitment root) {
  while (!stack.empty() && stack.back().level == level) {
    hash_node_pair(stack.back().root.data(), root.data(), root.data());
    stack.pop_back();
    ++level;
  }
  stack.push_back({level, root});
}

}  // namespace

Commitment compute_comm_d(std::uint64_t sector_bytes, const std::vector<PieceInfo>& pieces) {
  if (!is_padded_piece_size(sector_bytes)) {
    throw Error(ErrorKind::Usage, "comm_d: sector size " + std::to_string(sector_bytes) +
                                      " is not a power of two of at least 128 bytes");
  }
  const unsigned sector_level = tree_level(sector_bytes);
  std::vector<Entry> stack;
  std::uint64_t used = 0;  // padded bytes laid out so far, zero gaps included
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const PieceInfo& piece = pieces[i];
    if (!is_padded_piece_size(piece.padded_size)) {
      throw Error(ErrorKind::Usage, "comm_d: piece " + std::to_string(i) + " size " +
                                        std::to_string(piece.padded_size) +
                                        " is not a power of two of at least 128 bytes");
    }
    const unsigned level = tree_level(piece.padded_size);
    while (!stack.empty() && stack.back().level < level) {
      const unsigned gap = stack.back().level;
      used += std::uint64_t{32} << gap;
      push_reduce(stack, gap, zero_commitment(gap));
    }
    used += piece.padded_size;
    if (used > sector_bytes) {
      throw Error(ErrorKind::Usage, "comm_d: pieces need " + std::to_string(used) + " padded bytes up to piece " +
                                        std::to_string(i) + ", more than the sector's " +
                                        std::to_string(sector_bytes));
    }
    push_reduce(stack, level, piece.comm);
  }
  if (stack.empty()) return zero_commitment(sector_level);
  while (!(stack.size() == 1 && stack.back().level == sector_level)) {
    const unsigned level = stack.back().level;
    push_reduce(stack, level, zero_commitment(level));
  }
  return stack.back().root;
}

}  // namespace sa::kernels
