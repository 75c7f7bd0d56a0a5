// The pieces of an SDR label message shared by the reference and multicore labellers (proofs.md §4):
// the 64-byte prefix block, the constant tail after the last parent, and the argument checks.
#pragma once

#include <cstdint>
#include <cstring>

#include "graph/parent_cache.hpp"
#include "piece/commitment.hpp"

namespace sa::kernels::detail {

inline constexpr int kLabelParents = 37;                          // parents hashed per node (v >= 1)
inline constexpr std::size_t kLabelMessageBytes = 64 + 37 * 32;  // 1248 bytes = 0x2700 bits
inline constexpr int kLabelCompressions = 20;                    // 19.5 blocks + padding, per node v >= 1

// replica_id || u32_be(layer) || u64_be(node) || 20 zero bytes.
inline void label_prefix(const Commitment& replica_id, int layer, std::uint64_t node, std::uint8_t out[64]) {
  std::memcpy(out, replica_id.data(), 32);
  const auto l = static_cast<std::uint32_t>(layer);
  for (int b = 0; b < 4; ++b) out[32 + b] = static_cast<std::uint8_t>(l >> (24 - 8 * b));
  for (int b = 0; b < 8; ++b) out[36 + b] = static_cast<std::uint8_t>(node >> (56 - 8 * b));
  std::memset(out + 44, 0, 20);
}

// The last message block holds the 37th parent in bytes 0..32; this writes the SHA-256 padding after it:
// 0x80, zeros, and the bit length 9984 (0x2700) big-endian in the last 8 bytes.
inline void label_tail_padding(std::uint8_t block[64]) {
  std::memset(block + 32, 0, 32);
  block[32] = 0x80;
  block[62] = 0x27;
}

// Throws sa::Error(Usage) unless 1 <= layer <= spec.layers, out != nullptr, and prev_layer is nullptr
// exactly for layer 1.
void check_label_args(const ParentCache& cache, int layer, const std::uint8_t* prev_layer, const std::uint8_t* out);

}  // namespace sa::kernels::detail
