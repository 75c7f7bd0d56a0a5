// Portable label kernels and the CPUID choice between them and the SHA-NI ones (label_hasher_shani.cpp).
#include "sdr/label_hasher.hpp"

#include <cstring>

#include "hash/sha256.hpp"
#include "hash/trunc254.hpp"

namespace sa::kernels::detail {

namespace {

void finish(const std::uint32_t state[8], std::uint8_t out[32]) {
  for (int k = 0; k < 8; ++k) {
    for (int b = 0; b < 4; ++b) out[4 * k + b] = static_cast<std::uint8_t>(state[k] >> (24 - 8 * b));
  }
  trunc254(out);
}

void layer1_portable(const std::uint32_t prefix_state[8], const std::uint8_t* parents, const std::uint8_t tail[64],
                     std::uint8_t out[32]) {
  std::uint32_t st[8];
  std::memcpy(st, prefix_state, sizeof st);
  for (int r = 0; r < 6; ++r) sha256_compress_portable(st, parents, 3);
  sha256_compress_portable(st, tail, 1);
  finish(st, out);
}

void expander_portable(const std::uint32_t prefix_state[8], const std::uint8_t* parents, const std::uint8_t tail[64],
                       std::uint8_t out[32]) {
  std::uint32_t st[8];
  std::memcpy(st, prefix_state, sizeof st);
  sha256_compress_portable(st, parents, 7);
  sha256_compress_portable(st, parents, 7);
  sha256_compress_portable(st, parents, 4);
  sha256_compress_portable(st, tail, 1);
  finish(st, out);
}

}  // namespace

LabelHashers label_hashers_portable() { return {layer1_portable, expander_portable}; }

LabelHashers label_hashers() { return sha_ni_available() ? label_hashers_shani() : label_hashers_portable(); }

}  // namespace sa::kernels::detail
