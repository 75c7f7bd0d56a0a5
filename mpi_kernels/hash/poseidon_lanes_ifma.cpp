// The eight-lane Poseidon permutation with AVX-512 IFMA (poseidon_lanes.hpp; docs/10-poseidon-lanes.md).
// Values are radix-2^52 Montgomery residues (R = 2^260) kept lazily in [0, 2p): since 2^260 > 35p, a
// Montgomery product of inputs below 3p still lands below 2p without a final subtraction, and a sum of up
// to 17 products (an MDS row) is reduced once. Only the partial rounds' running sums need an explicit
// "subtract 2p if ≥ 2p". Every function here carries the target attribute instead of the whole file being
// built with -mavx512ifma: inline library code emitted from this file then stays baseline x86-64.
// GCC 12's avx512fintrin.h builds the shift intrinsics on _mm512_undefined_epi32(), which -Wuninitialized
// reports as a use of an uninitialised value (a false positive fixed in later GCC).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include "hash/poseidon_lanes.hpp"

#if defined(__x86_64__)

namespace sa::kernels {
namespace {

#define SA_IFMA __attribute__((target("avx512f,avx512ifma"), always_inline)) inline
#define SA_IFMA_OUTLINE __attribute__((target("avx512f,avx512ifma")))

using V = __m512i;
struct E {  // one field element in each of the 8 lanes
  V l[kLimbs52];
};

struct Field {
  V p[kLimbs52];
  V two_p[kLimbs52];
  V inv;
  V mask;
};

SA_IFMA V bcast(std::uint64_t x) { return _mm512_set1_epi64(static_cast<long long>(x)); }
SA_IFMA V lo(V acc, V a, V b) { return _mm512_madd52lo_epu64(acc, a, b); }
SA_IFMA V hi(V acc, V a, V b) { return _mm512_madd52hi_epu64(acc, a, b); }

SA_IFMA E bcast(const Limbs52& c) {
  E e;
  #pragma GCC unroll 5
  for (int j = 0; j < kLimbs52; ++j) e.l[j] = bcast(c[static_cast<std::size_t>(j)]);
  return e;
}

// Carries every limb's excess into the next one; the value must fit in 260 bits.
SA_IFMA void normalize(V* t, const Field& f) {
  #pragma GCC unroll 5
  for (int j = 0; j + 1 < kLimbs52; ++j) {
    t[j + 1] = _mm512_add_epi64(t[j + 1], _mm512_srli_epi64(t[j], 52));
    t[j] = _mm512_and_si512(t[j], f.mask);
  }
}

// a − m where a ≥ m, else a (m = p or 2p; a normalized).
SA_IFMA E subtract_if_not_below(const E& a, const V* m, const Field& f) {
  V d[kLimbs52];
  #pragma GCC unroll 5
  for (int j = 0; j < kLimbs52; ++j) d[j] = _mm512_sub_epi64(a.l[j], m[j]);
  #pragma GCC unroll 5
  for (int j = 0; j + 1 < kLimbs52; ++j) {
    d[j + 1] = _mm512_add_epi64(d[j + 1], _mm512_srai_epi64(d[j], 52));
    d[j] = _mm512_and_si512(d[j], f.mask);
  }
  const __mmask8 negative = _mm512_cmplt_epi64_mask(d[kLimbs52 - 1], _mm512_setzero_si512());
  E r;
  #pragma GCC unroll 5
  for (int j = 0; j < kLimbs52; ++j) r.l[j] = _mm512_mask_blend_epi64(negative, d[j], a.l[j]);
  return r;
}

// Montgomery reduction of a 10-column sum (columns < 2^63): value·2^-260 mod p, lazily.
SA_IFMA E reduce_wide(V* c, const Field& f) {
  const V zero = _mm512_setzero_si512();
  #pragma GCC unroll 5
  for (int i = 0; i < kLimbs52; ++i) {
    const V m = lo(zero, c[i], f.inv);
    #pragma GCC unroll 5
    for (int j = 0; j < kLimbs52; ++j) {
      c[i + j] = lo(c[i + j], m, f.p[j]);
      c[i + j + 1] = hi(c[i + j + 1], m, f.p[j]);
    }
    c[i + 1] = _mm512_add_epi64(c[i + 1], _mm512_srli_epi64(c[i], 52));
  }
  E r;
  #pragma GCC unroll 5
  for (int j = 0; j < kLimbs52; ++j) r.l[j] = c[kLimbs52 + j];
  normalize(r.l, f);
  return r;
}

SA_IFMA void accumulate_product(V* c, const E& a, const E& b) {
  #pragma GCC unroll 5
  for (int i = 0; i < kLimbs52; ++i) {
    #pragma GCC unroll 5
    for (int j = 0; j < kLimbs52; ++j) {
      c[i + j] = lo(c[i + j], a.l[i], b.l[j]);
      c[i + j + 1] = hi(c[i + j + 1], a.l[i], b.l[j]);
    }
  }
}

// a·b·2^-260 mod p, operand-scanning with the reduction interleaved (CIOS): every row adds a·b[i] and m·p
// and moves one limb down. Out of line (as dot): inlined everywhere it would bloat the code past the µop cache.
SA_IFMA_OUTLINE E mul(const E& a, const E& b, const Field& f) {
  const V zero = _mm512_setzero_si512();
  V t[kLimbs52 + 1] = {zero, zero, zero, zero, zero, zero};
  #pragma GCC unroll 5
  for (int i = 0; i < kLimbs52; ++i) {
    #pragma GCC unroll 5
    for (int j = 0; j < kLimbs52; ++j) {
      t[j] = lo(t[j], a.l[j], b.l[i]);
      t[j + 1] = hi(t[j + 1], a.l[j], b.l[i]);
    }
    const V m = lo(zero, t[0], f.inv);
    #pragma GCC unroll 5
    for (int j = 0; j < kLimbs52; ++j) {
      t[j] = lo(t[j], m, f.p[j]);
      t[j + 1] = hi(t[j + 1], m, f.p[j]);
    }
    t[1] = _mm512_add_epi64(t[1], _mm512_srli_epi64(t[0], 52));
    #pragma GCC unroll 5
    for (int j = 0; j < kLimbs52; ++j) t[j] = t[j + 1];
    t[kLimbs52] = zero;
  }
  E r;
  #pragma GCC unroll 5
  for (int j = 0; j < kLimbs52; ++j) r.l[j] = t[j];
  normalize(r.l, f);
  return r;
}

SA_IFMA E add(const E& a, const E& b, const Field& f) {
  E r;
  #pragma GCC unroll 5
  for (int j = 0; j < kLimbs52; ++j) r.l[j] = _mm512_add_epi64(a.l[j], b.l[j]);
  normalize(r.l, f);
  return r;
}

SA_IFMA E pow5(const E& x, const Field& f) {
  const E x2 = mul(x, x, f);
  const E x4 = mul(x2, x2, f);
  return mul(x4, x, f);
}

// Σ row[k]·s[k] for k < N, one reduction.
template <int N>
SA_IFMA_OUTLINE E dot(const Limbs52* row, const E* s, const Field& f) {
  const V zero = _mm512_setzero_si512();
  V c[2 * kLimbs52] = {zero, zero, zero, zero, zero, zero, zero, zero, zero, zero};
#pragma GCC unroll 2
  for (int k = 0; k < N; ++k) accumulate_product(c, bcast(row[k]), s[k]);
  return reduce_wide(c, f);
}

// Constants, S-box on every element, then the dense matrix.
template <int T>
SA_IFMA_OUTLINE void full_round(E* s, const Limbs52* fc, const Limbs52* matrix, const Field& f) {
  for (int i = 0; i < T; ++i) s[i] = pow5(add(s[i], bcast(fc[i]), f), f);
  E out[T];
  for (int i = 0; i < T; ++i) out[i] = dot<T>(matrix + i * T, s, f);
  for (int i = 0; i < T; ++i) s[i] = out[i];
}

template <int T>
SA_IFMA_OUTLINE void permute(E* s, const PoseidonLaneConstants& c, const Field& f) {
  const int half = c.full_rounds / 2;
  const Limbs52* fc = c.full_constants.data();
  for (int r = 0; r < half; ++r, fc += T) full_round<T>(s, fc, r + 1 == half ? c.pre_sparse.data() : c.mds.data(), f);
  const Limbs52* row0 = c.sparse_row0.data();
  const Limbs52* col0 = c.sparse_col0.data();
  for (int k = 0; k < c.partial_rounds; ++k, row0 += T, col0 += T - 1) {
    const E x0 = pow5(add(s[0], bcast(c.partial_constants[static_cast<std::size_t>(k)]), f), f);
    s[0] = x0;
    const E new0 = dot<T>(row0, s, f);
    for (int i = 1; i < T; ++i) s[i] = subtract_if_not_below(add(s[i], mul(bcast(col0[i - 1]), x0, f), f), f.two_p, f);
    s[0] = new0;
  }
  for (int r = 0; r < half; ++r, fc += T) full_round<T>(s, fc, c.mds.data(), f);
}

SA_IFMA_OUTLINE Field make_field() {
  const Lane52Field& lf = lane52_field();
  Field f;
  Limbs52 two_p{};
  std::uint64_t carry = 0;
  #pragma GCC unroll 5
  for (int j = 0; j < kLimbs52; ++j) {
    const std::uint64_t v = 2 * lf.p[static_cast<std::size_t>(j)] + carry;
    two_p[static_cast<std::size_t>(j)] = v & ((std::uint64_t{1} << 52) - 1);
    carry = v >> 52;
  }
  #pragma GCC unroll 5
  for (int j = 0; j < kLimbs52; ++j) {
    f.p[j] = bcast(lf.p[static_cast<std::size_t>(j)]);
    f.two_p[j] = bcast(two_p[static_cast<std::size_t>(j)]);
  }
  f.inv = bcast(lf.inv);
  f.mask = bcast((std::uint64_t{1} << 52) - 1);
  return f;
}

template <int T>
SA_IFMA_OUTLINE void hash_fixed(const PoseidonLaneConstants& c, const std::uint64_t* in, std::uint64_t* out) {
  const Field f = make_field();
  const E r2 = bcast(lane52_field().r2);
  E s[T];
  s[0] = bcast(c.domain_tag);
  for (int k = 0; k + 1 < T; ++k) {
    E x;
    #pragma GCC unroll 5
    for (int j = 0; j < kLimbs52; ++j) x.l[j] = _mm512_loadu_si512(in + (kLimbs52 * k + j) * kPoseidonLanes);
    s[k + 1] = mul(x, r2, f);  // into Montgomery form
  }
  permute<T>(s, c, f);
  E one{};
  one.l[0] = bcast(1);
  #pragma GCC unroll 5
  for (int j = 1; j < kLimbs52; ++j) one.l[j] = _mm512_setzero_si512();
  const E y = subtract_if_not_below(mul(s[1], one, f), f.p, f);  // out of Montgomery form: ≤ p, then < p
  #pragma GCC unroll 5
  for (int j = 0; j < kLimbs52; ++j) _mm512_storeu_si512(out + j * kPoseidonLanes, y.l[j]);
}

}  // namespace

void poseidon_hash_lanes_ifma(const PoseidonLaneConstants& c, const std::uint64_t* in, std::uint64_t* out) {
  switch (c.width) {
    case 3: return hash_fixed<3>(c, in, out);
    case 5: return hash_fixed<5>(c, in, out);
    case 9: return hash_fixed<9>(c, in, out);
    case 12: return hash_fixed<12>(c, in, out);
    case 17: return hash_fixed<17>(c, in, out);
    default: break;
  }
}

}  // namespace sa::kernels

#else

namespace sa::kernels {
void poseidon_hash_lanes_ifma(const PoseidonLaneConstants&, const std::uint64_t*, std::uint64_t*) {}
}  // namespace sa::kernels

#endif

#pragma GCC diagnostic pop
