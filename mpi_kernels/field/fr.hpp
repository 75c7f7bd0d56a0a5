// Fr: an element of the BLS12-381 scalar field, p = 0x73eda753…00000001 (proofs.md §0.1). It is kept in
// Montgomery form in memory; every byte that enters or leaves it is the canonical integer in little-endian
// order, as blstrs Fr::to_repr / from_repr and every Filecoin file use. The arithmetic is inline (fr_limbs.hpp)
// because Poseidon spends nearly all of its time here.
#pragma once

#include <array>
#include <cstdint>

#include "field/fr_limbs.hpp"
#include "field/fr_mul_adx.hpp"
#include "field/fr_wide.hpp"

namespace sa::kernels {

class Fr {
 public:
  using Limbs = fr_detail::Limbs;

  constexpr Fr() = default;  // zero

  static constexpr Fr zero() { return Fr(); }
  static Fr one() { return from_montgomery(fr_detail::kR); }
  static Fr from_u64(std::uint64_t v) { return from_canonical_unchecked(Limbs{v, 0, 0, 0}); }
  // 32 little-endian bytes of a canonical integer. Throws sa::Error(Corrupt) when the value is ≥ p
  // (upstream panics on such input; on disk it means a damaged file).
  static Fr from_bytes_le(const std::uint8_t* bytes32);
  // Canonical limbs, least significant first. Throws sa::Error(Corrupt) when ≥ p.
  static Fr from_canonical(const Limbs& limbs);
  // Raw Montgomery limbs (a·2^256 mod p), e.g. constants exported to a GPU. No check beyond < p (Corrupt).
  static Fr from_montgomery(const Limbs& limbs);

  // Canonical little-endian bytes.
  void to_bytes_le(std::uint8_t* out32) const { fr_detail::store_le(to_canonical(), out32); }
  Limbs to_canonical() const { return fr_detail::mont_mul(m_, Limbs{1, 0, 0, 0}); }
  const Limbs& montgomery() const { return m_; }

  Fr operator+(const Fr& o) const { return from_montgomery_unchecked(fr_detail::add_mod(m_, o.m_)); }
  Fr operator-(const Fr& o) const { return from_montgomery_unchecked(fr_detail::sub_mod(m_, o.m_)); }
  Fr operator-() const { return Fr() - *this; }
  Fr operator*(const Fr& o) const { return from_montgomery_unchecked(fr_detail::mont_mul(m_, o.m_)); }
  Fr& operator+=(const Fr& o) { return *this = *this + o; }
  Fr& operator-=(const Fr& o) { return *this = *this - o; }
  Fr& operator*=(const Fr& o) { return *this = *this * o; }

  // Σ a[k]·b[k] for k < n (n ≤ 64) with a single reduction (fr_wide.hpp): Poseidon's matrix rows.
  static Fr dot(const Fr* a, const Fr* b, int n) {
    fr_detail::WideAccumulator acc;
    for (int k = 0; k < n; ++k) acc.add_product(a[k].m_, b[k].m_);
    return from_montgomery_unchecked(acc.reduce());
  }

  Fr square() const { return *this * *this; }
  // x^5, Poseidon's S-box: 3 multiplications.
  Fr pow5() const {
    const Fr x2 = square();
    return x2.square() * *this;
  }
  // this^e for a 256-bit exponent (limbs least significant first), square-and-multiply.
  Fr pow(const Limbs& e) const;
  Fr pow(std::uint64_t e) const { return pow(Limbs{e, 0, 0, 0}); }
  // Multiplicative inverse (Fermat: x^(p−2)). Throws sa::Error(Usage) for zero.
  Fr inverse() const;

  bool is_zero() const { return m_ == Limbs{}; }
  friend bool operator==(const Fr& a, const Fr& b) { return a.m_ == b.m_; }
  friend bool operator!=(const Fr& a, const Fr& b) { return !(a == b); }

 private:
  static Fr from_montgomery_unchecked(const Limbs& m) {
    Fr r;
    r.m_ = m;
    return r;
  }
  static Fr from_canonical_unchecked(const Limbs& c) {
    return from_montgomery_unchecked(fr_detail::mont_mul(c, fr_detail::kR2));
  }

  Limbs m_{};
};

// True when the 32 little-endian bytes hold an integer < p.
inline bool is_canonical_fr_bytes(const std::uint8_t* bytes32) {
  return fr_detail::is_canonical(fr_detail::load_le(bytes32));
}

}  // namespace sa::kernels
