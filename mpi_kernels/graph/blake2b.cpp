// BLAKE2b compression F and the unkeyed 512-bit hash (RFC 7693 §3.2, §3.3). Parameter block: digest length
// 64, key length 0, fanout 1, depth 1, so h0 = IV0 ^ 0x01010040.
#include "graph/blake2b.hpp"

#include <bit>
#include <cstring>

namespace sa::kernels {

namespace {

constexpr std::array<std::uint64_t, 8> kIv = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                              0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                              0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

constexpr std::uint8_t kSigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};

inline void mix(std::uint64_t v[16], int a, int b, int c, int d, std::uint64_t x, std::uint64_t y) {
  v[a] = v[a] + v[b] + x;
  v[d] = std::rotr(v[d] ^ v[a], 32);
  v[c] = v[c] + v[d];
  v[b] = std::rotr(v[b] ^ v[c], 24);
  v[a] = v[a] + v[b] + y;
  v[d] = std::rotr(v[d] ^ v[a], 16);
  v[c] = v[c] + v[d];
  v[b] = std::rotr(v[b] ^ v[c], 63);
}

// F: h is updated in place; t = bytes hashed so far including this block; last marks the final block.
// Inlined into feistel_round_value so the constant-zero message words vanish.
inline __attribute__((always_inline)) void compress(std::uint64_t h[8], const std::uint64_t m[16],
                                                    std::uint64_t t, bool last) {
  std::uint64_t v[16];
  for (int i = 0; i < 8; ++i) {
    v[i] = h[i];
    v[i + 8] = kIv[static_cast<std::size_t>(i)];
  }
  v[12] ^= t;  // the counter's high word (v[13]) stays: messages here are < 2^64 bytes
  if (last) v[14] = ~v[14];
#pragma GCC unroll 12
  for (int r = 0; r < 12; ++r) {
    const std::uint8_t* s = kSigma[r];
    mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
    mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
    mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
    mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
    mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
    mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
    mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
    mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (int i = 0; i < 8; ++i) h[i] ^= v[i] ^ v[i + 8];
}

void initial_state(std::uint64_t h[8]) {
  for (int i = 0; i < 8; ++i) h[i] = kIv[static_cast<std::size_t>(i)];
  h[0] ^= 0x01010040;
}

std::uint64_t load_le64(const std::uint8_t* p) {
  std::uint64_t x = 0;
  for (int i = 7; i >= 0; --i) x = x << 8 | p[i];
  return x;
}

}  // namespace

Blake2b512Digest blake2b_512(const std::uint8_t* data, std::size_t n) {
  std::uint64_t h[8];
  initial_state(h);
  std::uint64_t m[16];
  std::size_t done = 0;
  // Every block but the last is compressed as it is; the last (possibly empty or partial) is zero-padded.
  while (n - done > 128) {
    for (std::size_t i = 0; i < 16; ++i) m[i] = load_le64(data + done + 8 * i);
    done += 128;
    compress(h, m, done, false);
  }
  std::uint8_t tail[128] = {};
  if (n > done) std::memcpy(tail, data + done, n - done);
  for (std::size_t i = 0; i < 16; ++i) m[i] = load_le64(tail + 8 * i);
  compress(h, m, n, true);
  Blake2b512Digest out;
  for (std::size_t i = 0; i < 64; ++i) out[i] = static_cast<std::uint8_t>(h[i / 8] >> (8 * (i % 8)));
  return out;
}

std::uint64_t feistel_round_value(std::uint64_t right, std::uint64_t key) {
  std::uint64_t h[8];
  initial_state(h);
  // Message bytes u64_be(right) || u64_be(key) read as little-endian words: byte swaps.
  const std::uint64_t m[16] = {__builtin_bswap64(right), __builtin_bswap64(key)};
  compress(h, m, 16, true);
  return __builtin_bswap64(h[0]);  // first 8 digest bytes, big-endian
}

}  // namespace sa::kernels
