// SHA-NI building blocks (x86 SHA extensions) shared by the single-stream compression and the node-pair
// kernels. Include only from translation units compiled with -msha -msse4.1. The state lives in the
// ABEF/CDGH register layout that sha256rnds2 expects; load/store convert from/to the FIPS a..h order.
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "hash/sha256_constants.hpp"

namespace sa::kernels::detail::shani {

struct State {
  __m128i abef;
  __m128i cdgh;
};

// Byte order swap inside each 32-bit lane: SHA-256 words are big-endian in the message.
inline __m128i bswap32_mask() { return _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL); }

inline State load_state(const std::uint32_t s[8]) {
  const __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));      // lanes a b c d
  const __m128i efgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + 4));  // lanes e f g h
  const __m128i badc = _mm_shuffle_epi32(abcd, 0xB1);
  const __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);
  return {_mm_alignr_epi8(badc, hgfe, 8), _mm_blend_epi16(hgfe, badc, 0xF0)};
}

// Back to lanes a b c d / e f g h.
inline void unpack_state(const State& st, __m128i& abcd, __m128i& efgh) {
  const __m128i abef_rev = _mm_shuffle_epi32(st.abef, 0x1B);
  const __m128i cdgh_swp = _mm_shuffle_epi32(st.cdgh, 0xB1);
  abcd = _mm_blend_epi16(abef_rev, cdgh_swp, 0xF0);
  efgh = _mm_alignr_epi8(cdgh_swp, abef_rev, 8);
}

inline void store_state(const State& st, std::uint32_t s[8]) {
  __m128i abcd, efgh;
  unpack_state(st, abcd, efgh);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(s), abcd);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(s + 4), efgh);
}

// The digest as big-endian bytes with trunc254 applied (byte 31 &= 0x3f).
inline void store_node(const State& st, std::uint8_t* out) {
  __m128i abcd, efgh;
  unpack_state(st, abcd, efgh);
  const __m128i mask = bswap32_mask();
  const __m128i trunc = _mm_set_epi64x(0x3fffffffffffffffLL, -1LL);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_shuffle_epi8(abcd, mask));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), _mm_and_si128(_mm_shuffle_epi8(efgh, mask), trunc));
}

// Four rounds; wk holds W[t..t+3] + K[t..t+3].
inline void rounds4(State& st, __m128i wk) {
  st.cdgh = _mm_sha256rnds2_epu32(st.cdgh, st.abef, wk);
  st.abef = _mm_sha256rnds2_epu32(st.abef, st.cdgh, _mm_shuffle_epi32(wk, 0x0E));
}

inline __m128i round_k(int group) {
  return _mm_load_si128(reinterpret_cast<const __m128i*>(kSha256K.data() + 4 * group));
}

inline __m128i load_message(const std::uint8_t* block, int quarter) {
  return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * quarter)),
                          bswap32_mask());
}

// W[4g..4g+3] for g >= 4 from the previous four groups; m[(g+i)&3] holds group g-4+i on entry and
// m[g&3] holds group g on return.
inline void schedule_group(__m128i m[4], int g) {
  const __m128i prev = m[(g + 3) & 3];
  const __m128i w7 = _mm_alignr_epi8(prev, m[(g + 2) & 3], 4);
  const __m128i x = _mm_add_epi32(_mm_sha256msg1_epu32(m[g & 3], m[(g + 1) & 3]), w7);
  m[g & 3] = _mm_sha256msg2_epu32(x, prev);
}

inline State add_state(const State& a, const State& b) {
  return {_mm_add_epi32(a.abef, b.abef), _mm_add_epi32(a.cdgh, b.cdgh)};
}

// One message block.
inline void compress_block(State& st, const std::uint8_t* block) {
  const State saved = st;
  __m128i m[4];
#pragma GCC unroll 16
  for (int g = 0; g < 16; ++g) {
    if (g < 4) {
      m[g] = load_message(block, g);
    } else {
      schedule_group(m, g);
    }
    rounds4(st, _mm_add_epi32(m[g & 3], round_k(g)));
  }
  st = add_state(st, saved);
}

// The constant padding block of a 64-byte message: schedule + K come precomputed from kPad64WK.
inline void compress_pad64(State& st) {
  const State saved = st;
#pragma GCC unroll 16
  for (int g = 0; g < 16; ++g) {
    rounds4(st, _mm_load_si128(reinterpret_cast<const __m128i*>(kPad64WK.data() + 4 * g)));
  }
  st = add_state(st, saved);
}

}  // namespace sa::kernels::detail::shani
