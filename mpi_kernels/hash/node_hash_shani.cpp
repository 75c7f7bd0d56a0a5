// SHA-NI node-pair hashing: out[i] = trunc254(SHA-256(64-byte pair i)), single stream and N interleaved
// streams. One sha256rnds2 chain is latency-bound (sha-anchor.md: ~125 core cycles/block against a
// 64-cycle issue floor), so interleaving independent pairs fills the idle issue slots.
#include <string>

#include "base/error.hpp"
#include "hash/node_hash_detail.hpp"

#if defined(__SHA__) && defined(__SSE4_1__)
#include "hash/sha256.hpp"
#include "hash/sha256_shani_ops.hpp"

namespace sa::kernels::detail {
namespace {

using namespace shani;

// N pairs at once. Every stream's 64 input bytes are loaded in groups 0..3, before any output is stored,
// so out may alias in (pair i's output lands on bytes already consumed).
template <int N>
inline void hash_pairs_interleaved(const std::uint8_t* in, std::uint8_t* out, const State& iv) {
  State st[N];
  __m128i m[N][4];
#pragma GCC unroll 8
  for (int s = 0; s < N; ++s) st[s] = iv;
#pragma GCC unroll 16
  for (int g = 0; g < 16; ++g) {
    const __m128i k = round_k(g);
#pragma GCC unroll 8
    for (int s = 0; s < N; ++s) {
      if (g < 4) {
        m[s][g] = load_message(in + 64 * s, g);
      } else {
        schedule_group(m[s], g);
      }
      rounds4(st[s], _mm_add_epi32(m[s][g & 3], k));
    }
  }
  State mid[N];
#pragma GCC unroll 8
  for (int s = 0; s < N; ++s) mid[s] = st[s] = add_state(st[s], iv);
#pragma GCC unroll 16
  for (int g = 0; g < 16; ++g) {
    const __m128i wk = _mm_load_si128(reinterpret_cast<const __m128i*>(kPad64WK.data() + 4 * g));
#pragma GCC unroll 8
    for (int s = 0; s < N; ++s) rounds4(st[s], wk);
  }
#pragma GCC unroll 8
  for (int s = 0; s < N; ++s) store_node(add_state(st[s], mid[s]), out + 32 * s);
}

State iv_state() { return load_state(kSha256Iv.data()); }

}  // namespace

void hash_node_pairs_shani_x1(const std::uint8_t* in, std::size_t npairs, std::uint8_t* out) {
  const State iv = iv_state();
  for (std::size_t i = 0; i < npairs; ++i) {
    State st = iv;
    compress_block(st, in + 64 * i);  // reads all 64 bytes before the store below
    compress_pad64(st);
    store_node(st, out + 32 * i);
  }
}

void hash_node_pairs_shani_multi(const std::uint8_t* in, std::size_t npairs, std::uint8_t* out, int streams) {
  const State iv = iv_state();
  std::size_t i = 0;
  if (streams == 4) {
    for (; i + 4 <= npairs; i += 4) hash_pairs_interleaved<4>(in + 64 * i, out + 32 * i, iv);
  } else if (streams == 3) {
    for (; i + 3 <= npairs; i += 3) hash_pairs_interleaved<3>(in + 64 * i, out + 32 * i, iv);
  } else if (streams == 2) {
    for (; i + 2 <= npairs; i += 2) hash_pairs_interleaved<2>(in + 64 * i, out + 32 * i, iv);
  } else {
    throw Error(ErrorKind::Usage, "hash_node_pairs: unsupported SHA-NI stream count " + std::to_string(streams));
  }
  hash_node_pairs_shani_x1(in + 64 * i, npairs - i, out + 32 * i);
}

}  // namespace sa::kernels::detail

#else

namespace sa::kernels::detail {

void hash_node_pairs_shani_x1(const std::uint8_t*, std::size_t, std::uint8_t*) {
  throw Error(ErrorKind::Internal, "hash_node_pairs: this build has no SHA-NI code (not an x86-64 target)");
}

void hash_node_pairs_shani_multi(const std::uint8_t*, std::size_t, std::uint8_t*, int) {
  throw Error(ErrorKind::Internal, "hash_node_pairs: this build has no SHA-NI code (not an x86-64 target)");
}

}  // namespace sa::kernels::detail
#endif
