// Portable SHA-256 block compression (FIPS 180-4 §6.2.2), the reference every faster path is tested
// against, plus the portable node-pair hash used when the CPU has no SHA-NI.
#include <cstring>

#include "hash/node_hash_detail.hpp"
#include "hash/sha256.hpp"
#include "hash/sha256_constants.hpp"
#include "hash/trunc254.hpp"

namespace sa::kernels {
namespace {

using detail::kSha256K;
using detail::rotr32;

inline std::uint32_t load_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

inline void store_be32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

// 64 rounds over a schedule that already has K added (wk[t] = W[t] + K[t]).
inline void rounds(std::uint32_t state[8], const std::uint32_t wk[64]) {
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int t = 0; t < 64; ++t) {
    const std::uint32_t s1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
    const std::uint32_t ch = (e & f) ^ (~e & g);
    const std::uint32_t t1 = h + s1 + ch + wk[t];
    const std::uint32_t s0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
    const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + s0 + maj;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

inline void schedule(const std::uint8_t* block, std::uint32_t wk[64]) {
  std::uint32_t w[64];
  for (int t = 0; t < 16; ++t) w[t] = load_be32(block + 4 * t);
  for (int t = 16; t < 64; ++t) {
    const std::uint32_t s0 = rotr32(w[t - 15], 7) ^ rotr32(w[t - 15], 18) ^ (w[t - 15] >> 3);
    const std::uint32_t s1 = rotr32(w[t - 2], 17) ^ rotr32(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  for (int t = 0; t < 64; ++t) wk[t] = w[t] + kSha256K[t];
}

}  // namespace

void sha256_compress_portable(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t nblocks) {
  std::uint32_t wk[64];
  for (std::size_t i = 0; i < nblocks; ++i) {
    schedule(blocks + 64 * i, wk);
    rounds(state, wk);
  }
}

namespace detail {

void hash_node_pairs_portable(const std::uint8_t* in, std::size_t npairs, std::uint8_t* out) {
  std::uint32_t wk[64];
  for (std::size_t i = 0; i < npairs; ++i) {
    // The whole input block is read into wk before out[i] is written, so out may alias in.
    schedule(in + 64 * i, wk);
    std::uint32_t state[8];
    std::memcpy(state, kSha256Iv.data(), sizeof state);
    rounds(state, wk);
    rounds(state, kPad64WK.data());
    std::uint8_t* dst = out + 32 * i;
    for (int k = 0; k < 8; ++k) store_be32(dst + 4 * k, state[k]);
    trunc254(dst);
  }
}

}  // namespace detail
}  // namespace sa::kernels
