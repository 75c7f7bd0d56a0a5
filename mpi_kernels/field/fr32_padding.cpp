// Fr32 quad padding and unpadding (proofs.md §6.2). Padding works on 64-bit words: node k (k = 1..3)
// starts at raw bit 254k = byte 32k-1, bit 8-2k, so each output word is a 64-bit load shifted right by
// 8-2k with the next byte's low bits on top. Unpadding uses the byte formulas, the exact inverse.
#include <bit>
#include <cstring>

#include "field/fr32.hpp"

namespace sa::kernels {
namespace {

static_assert(std::endian::native == std::endian::little, "fr32 word code assumes a little-endian host");

inline std::uint64_t load64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline void store64(std::uint8_t* p, std::uint64_t v) { std::memcpy(p, &v, 8); }

constexpr std::uint64_t kTopTwoBitsClear = 0x3fffffffffffffffULL;

//  raw bits:  |0 ........ 253|254 ....... 507|508 ....... 761|762 ....... 1015|
//  nodes:     | node 0       | node 1        | node 2        | node 3         |  each + 2 zero bits
inline void pad_quad(const std::uint8_t* in, std::uint8_t* out) {
  for (int j = 0; j < 4; ++j) store64(out + 8 * j, load64(in + 8 * j));
  store64(out + 24, load64(out + 24) & kTopTwoBitsClear);
  for (int k = 1; k < 4; ++k) {
    const std::uint8_t* src = in + 32 * k - 1;
    const int shift = 8 - 2 * k;
    for (int j = 0; j < 4; ++j) {
      // Byte 127 of a quad does not exist: node 3's last word has nothing above it.
      const std::uint64_t next = (k == 3 && j == 3) ? 0 : src[8 * j + 8];
      store64(out + 32 * k + 8 * j, (load64(src + 8 * j) >> shift) | (next << (64 - shift)));
    }
    store64(out + 32 * k + 24, load64(out + 32 * k + 24) & kTopTwoBitsClear);
  }
}

inline std::uint8_t low8(unsigned v) { return static_cast<std::uint8_t>(v & 0xff); }

inline void unpad_quad(const std::uint8_t* p, std::uint8_t* out) {
  std::memcpy(out, p, 31);
  out[31] = low8((p[31] & 0x3fu) | (unsigned{p[32]} << 6));
  for (int i = 0; i < 31; ++i) out[32 + i] = low8((p[32 + i] >> 2) | (unsigned{p[33 + i]} << 6));
  out[63] = low8(((p[63] & 0x3fu) >> 2) | (unsigned{p[64]} << 4));
  for (int i = 0; i < 31; ++i) out[64 + i] = low8((p[64 + i] >> 4) | (unsigned{p[65 + i]} << 4));
  out[95] = low8(((p[95] & 0x3fu) >> 4) | (unsigned{p[96]} << 2));
  for (int i = 0; i < 30; ++i) out[96 + i] = low8((p[96 + i] >> 6) | (unsigned{p[97 + i]} << 2));
  out[126] = low8((p[126] >> 6) | ((p[127] & 0x3fu) << 2));
}

}  // namespace

void fr32_pad_quads(const std::uint8_t* in, std::uint8_t* out, std::size_t quads) {
  for (std::size_t q = 0; q < quads; ++q) pad_quad(in + kFr32QuadRaw * q, out + kFr32QuadPadded * q);
}

void fr32_unpad_quads(const std::uint8_t* in, std::uint8_t* out, std::size_t quads) {
  for (std::size_t q = 0; q < quads; ++q) unpad_quad(in + kFr32QuadPadded * q, out + kFr32QuadRaw * q);
}

void fr32_pad(const std::uint8_t* raw, std::size_t n, std::uint8_t* out) {
  const std::size_t quads = n / kFr32QuadRaw;
  fr32_pad_quads(raw, out, quads);
  const std::size_t rest = n - quads * kFr32QuadRaw;
  if (rest == 0) return;
  std::uint8_t in_tail[kFr32QuadRaw] = {};
  std::uint8_t out_tail[kFr32QuadPadded];
  std::memcpy(in_tail, raw + quads * kFr32QuadRaw, rest);
  pad_quad(in_tail, out_tail);
  std::memcpy(out + quads * kFr32QuadPadded, out_tail, static_cast<std::size_t>(to_padded_bytes(rest)));
}

void fr32_unpad(const std::uint8_t* padded, std::size_t padded_len, std::uint8_t* out) {
  const std::size_t quads = padded_len / kFr32QuadPadded;
  fr32_unpad_quads(padded, out, quads);
  const std::size_t rest = padded_len - quads * kFr32QuadPadded;
  if (rest == 0) return;
  std::uint8_t in_tail[kFr32QuadPadded] = {};
  std::uint8_t out_tail[kFr32QuadRaw];
  std::memcpy(in_tail, padded + quads * kFr32QuadPadded, rest);
  unpad_quad(in_tail, out_tail);
  std::memcpy(out + quads * kFr32QuadRaw, out_tail, static_cast<std::size_t>(to_unpadded_bytes(rest)));
}

}  // namespace sa::kernels
