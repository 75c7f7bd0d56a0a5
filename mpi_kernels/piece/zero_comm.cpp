// The zero-commitment table, built with the same node hash as every tree.
#include "piece/zero_comm.hpp"

#include <array>
#include <string>

#include "base/error.hpp"
#include "hash/node_hash.hpp"

namespace sa::kernels {
namespace {

using ZeroTable = std::array<Commitment, kMaxTreeLevel + 1>;

ZeroTable build_table() {
  ZeroTable t{};
  for (unsigned level = 1; level <= kMaxTreeLevel; ++level) {
    hash_node_pair(t[level - 1].data(), t[level - 1].data(), t[level].data());
  }
  return t;
}

}  // namespace

const Commitment& zero_commitment(unsigned level) {
  static const ZeroTable table = build_table();
  if (level > kMaxTreeLevel) {
    throw Error(ErrorKind::Usage, "zero commitment: tree level " + std::to_string(level) + " is above " +
                                      std::to_string(kMaxTreeLevel));
  }
  return table[level];
}

Commitment zero_piece_commitment(std::uint64_t padded_size) {
  if (!is_padded_piece_size(padded_size)) {
    throw Error(ErrorKind::Usage, "zero piece: padded size " + std::to_string(padded_size) +
                                      " is not a power of two of at least 128 bytes");
  }
  return zero_commitment(tree_level(padded_size));
}

}  // namespace sa::kernels
