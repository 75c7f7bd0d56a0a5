// SHA-NI label kernels: the whole node in registers, one uninterrupted chain of 19 compressions from the
// prefix state to the truncated label (the single-stream SHA-NI rate bounds one sector's PC1; see README).
// Built with -msha -msse4.1; reached only through label_hashers() after CPUID said yes.
#include "sdr/label_hasher.hpp"

#if defined(__SHA__) && defined(__SSE4_1__)
#include "hash/sha256_shani_ops.hpp"

namespace sa::kernels::detail {

namespace {

using namespace shani;

void layer1_shani(const std::uint32_t prefix_state[8], const std::uint8_t* parents, const std::uint8_t tail[64],
                  std::uint8_t out[32]) {
  State st = load_state(prefix_state);
  for (int r = 0; r < 6; ++r) {
    compress_block(st, parents);
    compress_block(st, parents + 64);
    compress_block(st, parents + 128);
  }
  compress_block(st, tail);
  store_node(st, out);
}

void expander_shani(const std::uint32_t prefix_state[8], const std::uint8_t* parents, const std::uint8_t tail[64],
                    std::uint8_t out[32]) {
  State st = load_state(prefix_state);
  for (int r = 0; r < 2; ++r) {
    for (int b = 0; b < 7; ++b) compress_block(st, parents + 64 * b);
  }
  for (int b = 0; b < 4; ++b) compress_block(st, parents + 64 * b);
  compress_block(st, tail);
  store_node(st, out);
}

}  // namespace

LabelHashers label_hashers_shani() { return {layer1_shani, expander_shani}; }

}  // namespace sa::kernels::detail

#else

namespace sa::kernels::detail {
LabelHashers label_hashers_shani() { return label_hashers_portable(); }  // not an x86-64 build
}  // namespace sa::kernels::detail

#endif
