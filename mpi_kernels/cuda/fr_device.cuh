// BLS12-381 Fr arithmetic on the GPU (proofs.md §0.1): the same 4×64-bit Montgomery representation and CIOS
// "no-carry" multiplication as field/fr_limbs.hpp, so constants computed on the CPU are copied as they are.
// 64-bit products use __umul64hi; this is the simple, obviously equivalent form, not a tuned 32-bit kernel.
#pragma once

#include <cstdint>

namespace sa::kernels::cuda {

struct DFr {
  std::uint64_t l[4];
};

static __device__ __constant__ std::uint64_t kDevModulus[4] = {0xffffffff00000001ull, 0x53bda402fffe5bfeull,
                                                        0x3339d80809a1d805ull, 0x73eda753299d7d48ull};
static __device__ __constant__ std::uint64_t kDevR2[4] = {0xc999e990f3f29c6dull, 0x2b6cedcb87925c23ull,
                                                          0x05d314967254398full, 0x0748d9d99f59ff11ull};
inline constexpr std::uint64_t kDevInv = 0xfffffffeffffffffull;

// a·b + c + carry → low word, carry = high word.
__device__ __forceinline__ std::uint64_t dmul_add(std::uint64_t a, std::uint64_t b, std::uint64_t c,
                                                  std::uint64_t& carry) {
  std::uint64_t lo = a * b;
  std::uint64_t hi = __umul64hi(a, b);
  lo += c;
  hi += lo < c;
  lo += carry;
  hi += lo < carry;
  carry = hi;
  return lo;
}

// a − p when a ≥ p (a < 2p).
__device__ __forceinline__ DFr dreduce_once(const DFr& a) {
  DFr r;
  std::uint64_t borrow = 0;
#pragma unroll
  for (int i = 0; i < 4; ++i) {
    const std::uint64_t d = a.l[i] - kDevModulus[i];
    const std::uint64_t b1 = a.l[i] < kDevModulus[i];
    r.l[i] = d - borrow;
    borrow = b1 | (d < borrow);
  }
  return borrow ? a : r;
}

__device__ __forceinline__ DFr dadd(const DFr& a, const DFr& b) {
  DFr s;
  std::uint64_t carry = 0;
#pragma unroll
  for (int i = 0; i < 4; ++i) {
    const std::uint64_t t = a.l[i] + carry;
    const std::uint64_t c1 = t < carry;
    s.l[i] = t + b.l[i];
    carry = c1 | (s.l[i] < t);
  }
  return dreduce_once(s);
}

// Not inlined on purpose: with every multiplication of the unrolled permutation inlined, ptxas needed six
// minutes for three kernels; as a call the whole file builds in well under a minute.
__device__ __noinline__ DFr dmul(const DFr& a, const DFr& b) {
  std::uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
#pragma unroll
  for (int i = 0; i < 4; ++i) {
    const std::uint64_t bi = b.l[i];
    std::uint64_t ca = 0, cm = 0;
    t0 = dmul_add(a.l[0], bi, t0, ca);
    const std::uint64_t m = t0 * kDevInv;
    (void)dmul_add(m, kDevModulus[0], t0, cm);
    t1 = dmul_add(a.l[1], bi, t1, ca);
    t0 = dmul_add(m, kDevModulus[1], t1, cm);
    t2 = dmul_add(a.l[2], bi, t2, ca);
    t1 = dmul_add(m, kDevModulus[2], t2, cm);
    t3 = dmul_add(a.l[3], bi, t3, ca);
    t2 = dmul_add(m, kDevModulus[3], t3, cm);
    t3 = cm + ca;
  }
  return dreduce_once(DFr{{t0, t1, t2, t3}});
}

__device__ __forceinline__ DFr dpow5(const DFr& x) {
  const DFr x2 = dmul(x, x);
  return dmul(dmul(x2, x2), x);
}

__device__ __forceinline__ bool dis_canonical(const DFr& a) {
#pragma unroll
  for (int i = 3; i >= 0; --i) {
    if (a.l[i] != kDevModulus[i]) return a.l[i] < kDevModulus[i];
  }
  return false;
}

__device__ __forceinline__ DFr dto_montgomery(const DFr& canonical) {
  return dmul(canonical, DFr{{kDevR2[0], kDevR2[1], kDevR2[2], kDevR2[3]}});
}

__device__ __forceinline__ DFr dfrom_montgomery(const DFr& m) { return dmul(m, DFr{{1, 0, 0, 0}}); }

}  // namespace sa::kernels::cuda
