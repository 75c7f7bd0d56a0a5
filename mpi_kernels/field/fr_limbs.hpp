// Four-limb arithmetic modulo the BLS12-381 scalar field prime p (proofs.md §0.1), the building blocks of Fr
// (fr.hpp) and of replica encoding (porep/encode.hpp). Limbs are 64-bit, least significant first. add/sub
// work on canonical and Montgomery values alike; mont_mul is CIOS Montgomery multiplication (R = 2^256) in
// its "no-carry" form, valid because p's top limb is below 2^63 − 1 (gnark-crypto's observation).
#pragma once

#include <array>
#include <cstdint>
#include <type_traits>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace sa::kernels::fr_detail {

using Limbs = std::array<std::uint64_t, 4>;
__extension__ typedef unsigned __int128 u128;  // __extension__: GCC/Clang type, silences -Wpedantic

inline constexpr Limbs kModulus = {0xffffffff00000001ull, 0x53bda402fffe5bfeull, 0x3339d80809a1d805ull,
                                   0x73eda753299d7d48ull};

// a < b as 256-bit integers.
constexpr bool less(const Limbs& a, const Limbs& b) {
#pragma GCC unroll 4
  for (int i = 3; i >= 0; --i) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

constexpr bool is_canonical(const Limbs& a) { return less(a, kModulus); }

// a + b + carry → result, carry (0 or 1); a − b − borrow → result, borrow. On x86-64 these are the ADC/SBB
// intrinsics (baseline ISA): GCC 12 turns the u128 form into setc/movzx chains. Constant evaluation uses u128.
constexpr std::uint64_t add_carry(std::uint64_t a, std::uint64_t b, unsigned char& carry) {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) {
    unsigned long long out;
    carry = _addcarry_u64(carry, a, b, &out);
    return out;
  }
#endif
  const u128 t = static_cast<u128>(a) + b + carry;
  carry = static_cast<unsigned char>(t >> 64);
  return static_cast<std::uint64_t>(t);
}

constexpr std::uint64_t sub_borrow(std::uint64_t a, std::uint64_t b, unsigned char& borrow) {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) {
    unsigned long long out;
    borrow = _subborrow_u64(borrow, a, b, &out);
    return out;
  }
#endif
  const u128 t = static_cast<u128>(a) - b - borrow;
  borrow = static_cast<unsigned char>((t >> 64) & 1);
  return static_cast<std::uint64_t>(t);
}

// mask ? x : y per limb, without a branch (the condition is data-dependent and mispredicts half the time:
// a branchy reduce made an Fr addition cost 20 ns instead of a few).
constexpr Limbs select(std::uint64_t mask, const Limbs& x, const Limbs& y) {
  return Limbs{(x[0] & mask) | (y[0] & ~mask), (x[1] & mask) | (y[1] & ~mask), (x[2] & mask) | (y[2] & ~mask),
               (x[3] & mask) | (y[3] & ~mask)};
}

// a − p when a ≥ p, else a. Needs a < 2p.
constexpr Limbs reduce_once(const Limbs& a) {
  Limbs r{};
  unsigned char borrow = 0;
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) r[i] = sub_borrow(a[i], kModulus[i], borrow);
  return select(std::uint64_t{0} - borrow, a, r);
}

// (a + b) mod p for a, b < p. The sum fits in 256 bits because p < 2^255.
constexpr Limbs add_mod(const Limbs& a, const Limbs& b) {
  Limbs s{};
  unsigned char carry = 0;
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) s[i] = add_carry(a[i], b[i], carry);
  return reduce_once(s);
}

// (a − b) mod p for a, b < p: subtract, then add back p masked by the borrow.
// The loops carry `#pragma GCC unroll`: at -O2 GCC 12 keeps 4-iteration limb loops as loops over stack
// arrays (measured: an Fr addition took 17 ns rolled).
constexpr Limbs sub_mod(const Limbs& a, const Limbs& b) {
  Limbs d{};
  unsigned char borrow = 0;
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) d[i] = sub_borrow(a[i], b[i], borrow);
  const std::uint64_t mask = std::uint64_t{0} - borrow;
  unsigned char carry = 0;
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) d[i] = add_carry(d[i], kModulus[i] & mask, carry);
  return d;
}

// −p^{-1} mod 2^64 by Newton iteration (each step doubles the correct low bits: 1 → 64 in 6 steps).
constexpr std::uint64_t compute_inv() {
  std::uint64_t x = 1;
  for (int i = 0; i < 6; ++i) x *= 2 - kModulus[0] * x;
  return ~x + 1;
}
inline constexpr std::uint64_t kInv = compute_inv();

// 2^k mod p by doubling, for the Montgomery constants R = 2^256 and R^2 = 2^512.
constexpr Limbs pow2_mod(int k) {
  Limbs r = {1, 0, 0, 0};
  for (int i = 0; i < k; ++i) r = add_mod(r, r);
  return r;
}
inline constexpr Limbs kR = pow2_mod(256);
inline constexpr Limbs kR2 = pow2_mod(512);

// hi:lo = a·b + c + carry; returns lo, leaves hi in carry. Cannot overflow: (2^64−1)^2 + 2(2^64−1) < 2^128.
inline std::uint64_t mul_add(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t& carry) {
  const u128 t = static_cast<u128>(a) * b + c + carry;
  carry = static_cast<std::uint64_t>(t >> 64);
  return static_cast<std::uint64_t>(t);
}

// a·b·2^-256 mod p for a, b < p (result < p), in portable C++. fr_mul_adx.hpp has the x86-64 BMI2/ADX version
// and mont_mul, which picks one at run time. Row i adds a·b[i] and m·p where m clears the low limb, then
// shifts down one limb; the row's two carry chains (a·b[i] and m·p) meet only in the top limb.
// Fully unrolled: GCC 12 otherwise keeps the inner loop and spills the u128 temporaries (≈ 25% slower).
inline Limbs mont_mul_portable(const Limbs& a, const Limbs& b) {
  std::uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) {
    const std::uint64_t bi = b[i];
    std::uint64_t ca = 0, cm = 0;
    t0 = mul_add(a[0], bi, t0, ca);
    const std::uint64_t m = t0 * kInv;
    (void)mul_add(m, kModulus[0], t0, cm);  // low limb is zero by the choice of m
    t1 = mul_add(a[1], bi, t1, ca);
    t0 = mul_add(m, kModulus[1], t1, cm);
    t2 = mul_add(a[2], bi, t2, ca);
    t1 = mul_add(m, kModulus[2], t2, cm);
    t3 = mul_add(a[3], bi, t3, ca);
    t2 = mul_add(m, kModulus[3], t3, cm);
    t3 = cm + ca;
  }
  return reduce_once(Limbs{t0, t1, t2, t3});
}

// Little-endian bytes ↔ limbs (byte 0 is the least significant byte of limb 0).
inline Limbs load_le(const std::uint8_t* p) {
  Limbs r{};
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) {
    std::uint64_t w = 0;
    for (int k = 7; k >= 0; --k) w = (w << 8) | p[8 * i + k];
    r[i] = w;
  }
  return r;
}

inline void store_le(const Limbs& a, std::uint8_t* p) {
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) {
    for (int k = 0; k < 8; ++k) p[8 * i + k] = static_cast<std::uint8_t>(a[i] >> (8 * k));
  }
}

}  // namespace sa::kernels::fr_detail
