// Commitment: the 32 raw bytes of a CommP / CommD / CommR (little-endian Fr, proofs.md §0.1), with hex text
// form, and the piece-size arithmetic every commitment function shares (padded sizes are 128·2^k bytes,
// a tree level L covers 32·2^L bytes).
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

namespace sa::kernels {

using Commitment = std::array<std::uint8_t, 32>;

// 64 lower-case hex digits, byte 0 first (the order Lotus and the vectors print).
std::string to_hex(const Commitment& comm);
// Inverse of to_hex; accepts either case. Throws sa::Error(Usage) unless it is exactly 64 hex digits.
Commitment commitment_from_hex(std::string_view hex);

inline constexpr std::uint64_t kMinPiecePadded = 128;  // 127 unpadded bytes
inline constexpr unsigned kMaxTreeLevel = 58;          // 32 << 58 = 2^63 bytes, the largest size we model

// A padded piece size: a power of two, at least 128 bytes, at most 2^63.
constexpr bool is_padded_piece_size(std::uint64_t padded) {
  return padded >= kMinPiecePadded && std::has_single_bit(padded) && padded <= (std::uint64_t{1} << 63);
}
// Tree level of a power-of-two byte size ≥ 32: log2(size / 32).
constexpr unsigned tree_level(std::uint64_t padded) {
  return static_cast<unsigned>(std::countr_zero(padded)) - 5;
}
// The smallest padded piece whose unpadded capacity (127/128 of it) holds payload bytes; 128 for 0.
constexpr std::uint64_t padded_piece_size_for(std::uint64_t payload) {
  const std::uint64_t quads = payload / 127 + (payload % 127 != 0 ? 1 : 0);
  return 128 * std::bit_ceil(quads == 0 ? std::uint64_t{1} : quads);
}

}  // namespace sa::kernels
