// Fr32 padding ("paddedfr32v1", proofs.md §6.2): the raw byte stream, read as little-endian bits, is cut
// into 254-bit chunks and each chunk becomes a 32-byte node with its top two bits zero, so every node is a
// canonical BLS12-381 Fr element. 127 raw bytes (a "quad") = 1016 bits = exactly 4 nodes = 128 bytes.
// Byte-compatible with rust-fil-proofs fr32/src/padding.rs and go-fil-commp-hashhash digestQuads.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sa::kernels {

inline constexpr std::size_t kFr32QuadRaw = 127;     // unpadded bytes per quad
inline constexpr std::size_t kFr32QuadPadded = 128;  // padded bytes per quad

// Pad `quads` whole quads: in holds 127·quads bytes, out receives 128·quads bytes. in and out must not
// overlap. Thread-safe.
void fr32_pad_quads(const std::uint8_t* in, std::uint8_t* out, std::size_t quads);
// Inverse: 128·quads padded bytes → 127·quads raw bytes. The top two bits of each node are ignored.
void fr32_unpad_quads(const std::uint8_t* in, std::uint8_t* out, std::size_t quads);

// Pad n raw bytes that start on a quad boundary: writes to_padded_bytes(n) bytes (the last one may hold
// fewer than 8 data bits; its unused bits are zero). No rounding up to whole nodes.
void fr32_pad(const std::uint8_t* raw, std::size_t n, std::uint8_t* out);
// Unpad `padded_len` bytes that start on a quad boundary of the padded stream (offset a multiple of 128):
// writes to_unpadded_bytes(padded_len) raw bytes. Used by unseal to recover byte ranges of a piece.
void fr32_unpad(const std::uint8_t* padded, std::size_t padded_len, std::uint8_t* out);

// Size transforms of rust-fil-proofs transform_byte_offset (proofs.md §6.2), exact for all inputs below
// 2^63: to_padded_bytes(n) = ceil(bits/8) with bits = 256·(8n div 254) + (8n mod 254), and
// to_unpadded_bytes(m) = floor(bits/8) with bits = 254·(8m div 256) + (8m mod 256).
constexpr std::uint64_t to_padded_bytes(std::uint64_t unpadded) {
  // 127 bytes are exactly 4 chunks, so whole quads map to 128 bytes and only the remainder needs bits.
  const std::uint64_t b = 8 * (unpadded % 127);
  return unpadded / 127 * 128 + ((b / 254) * 256 + b % 254 + 7) / 8;
}

constexpr std::uint64_t to_unpadded_bytes(std::uint64_t padded) {
  const std::uint64_t b = 8 * (padded % 128);
  return padded / 128 * 127 + ((b / 256) * 254 + b % 256) / 8;
}

}  // namespace sa::kernels
