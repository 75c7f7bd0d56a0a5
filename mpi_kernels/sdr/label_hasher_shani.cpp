// SHA-NI label kernels: the whole node in registers, one uninterrupted chain of 19 compressions from the
// prefix state to the truncated label (the single-stream SHA-NI rate bounds one sector's PC1; see README).
// Built with -msha -msse4.1; reached only through label_hashers() after CPUID said yes.
#include "sdr/label_hasher.hpp"

#if defined(__SHA__) && defined(__SSE4_1__)
#include "hash/sha256_shani_ops.hpp"

namespace sa::kernels::detail {

namespace {

using namespace shani;

// Byte offsets of the 18 parent blocks after the prefix. One compression body in a plain loop, as in the
// single-stream sha256_compress_shani: measured on Zen 3 (best of 9, 1e5 nodes), this runs at the
// single-stream block time (≈41 ns), while the nested 6 × 3 loop of layer 1 took ≈44 ns per block and a
// fully unrolled layer-2 chain ≈45 ns (front-end effects of the larger code).
constexpr std::uint16_t kLayer1Blocks[18] = {0, 64, 128, 0, 64, 128, 0, 64, 128, 0, 64, 128, 0, 64, 128, 0, 64, 128};
constexpr std::uint16_t kExpanderBlocks[18] = {0,   64,  128, 192, 256, 320, 384, 0,  64,
                                               128, 192, 256, 320, 384, 0,   64,  128, 192};

inline void hash_node(const std::uint16_t (&blocks)[18], const std::uint32_t prefix_state[8],
                      const std::uint8_t* parents, const std::uint8_t tail[64], std::uint8_t out[32]) {
  State st = load_state(prefix_state);
#pragma GCC unroll 1
  for (int b = 0; b < 18; ++b) compress_block(st, parents + blocks[b]);
  compress_block(st, tail);
  store_node(st, out);
}

void layer1_shani(const std::uint32_t prefix_state[8], const std::uint8_t* parents, const std::uint8_t tail[64],
                  std::uint8_t out[32]) {
  hash_node(kLayer1Blocks, prefix_state, parents, tail, out);
}

void expander_shani(const std::uint32_t prefix_state[8], const std::uint8_t* parents, const std::uint8_t tail[64],
                    std::uint8_t out[32]) {
  hash_node(kExpanderBlocks, prefix_state, parents, tail, out);
}

}  // namespace

LabelHashers label_hashers_shani() { return {layer1_shani, expander_shani}; }

}  // namespace sa::kernels::detail

#else

namespace sa::kernels::detail {
LabelHashers label_hashers_shani() { return label_hashers_portable(); }  // not an x86-64 build
}  // namespace sa::kernels::detail

#endif
