// ChaCha8 block function and the word-stream view rand_chacha 0.3 gives it (proofs.md §3.2).
#include "graph/chacha8.hpp"

#include <bit>

namespace sa::kernels {

namespace {

inline void quarter_round(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c, std::uint32_t& d) {
  a += b; d ^= a; d = std::rotl(d, 16);
  c += d; b ^= c; b = std::rotl(b, 12);
  a += b; d ^= a; d = std::rotl(d, 8);
  c += d; b ^= c; b = std::rotl(b, 7);
}

std::uint32_t load_le32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}

}  // namespace

void chacha8_block(const std::array<std::uint32_t, 8>& key, std::uint64_t counter, std::uint32_t out[16]) {
  // "expand 32-byte k", key, 64-bit counter, 64-bit stream id 0.
  std::uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
                          key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7],
                          static_cast<std::uint32_t>(counter), static_cast<std::uint32_t>(counter >> 32), 0, 0};
  std::uint32_t x[16];
  for (int i = 0; i < 16; ++i) x[i] = in[i];
  for (int double_round = 0; double_round < 4; ++double_round) {
    quarter_round(x[0], x[4], x[8], x[12]);
    quarter_round(x[1], x[5], x[9], x[13]);
    quarter_round(x[2], x[6], x[10], x[14]);
    quarter_round(x[3], x[7], x[11], x[15]);
    quarter_round(x[0], x[5], x[10], x[15]);
    quarter_round(x[1], x[6], x[11], x[12]);
    quarter_round(x[2], x[7], x[8], x[13]);
    quarter_round(x[3], x[4], x[9], x[14]);
  }
  for (int i = 0; i < 16; ++i) out[i] = x[i] + in[i];
}

ChaCha8Rng::ChaCha8Rng(const std::array<std::uint8_t, 32>& seed) {
  for (std::size_t i = 0; i < 8; ++i) key_[i] = load_le32(seed.data() + 4 * i);
}

void ChaCha8Rng::refill() {
  chacha8_block(key_, counter_++, buffer_.data());
  index_ = 0;
}

std::uint32_t ChaCha8Rng::next_u32() {
  if (index_ == 16) refill();
  return buffer_[index_++];
}

std::uint64_t ChaCha8Rng::next_u64() {
  const std::uint64_t lo = next_u32();
  const std::uint64_t hi = next_u32();
  return lo | hi << 32;
}

void ChaCha8Rng::block(std::uint64_t counter, std::uint8_t out[64]) const {
  std::uint32_t words[16];
  chacha8_block(key_, counter, words);
  for (std::size_t i = 0; i < 16; ++i) {
    for (std::size_t b = 0; b < 4; ++b) out[4 * i + b] = static_cast<std::uint8_t>(words[i] >> (8 * b));
  }
}

}  // namespace sa::kernels
