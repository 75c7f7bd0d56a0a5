// Lazy-reduction sums of products for BLS12-381 Fr (proofs.md §0.1): Σ a_k·b_k is accumulated as a
// 576-bit integer and reduced once (one Montgomery REDC plus at most five conditional subtractions of
// 16p … p), instead of one REDC per product. Poseidon's MDS rows are such sums: for t = 12 this measured
// ≈ 3× faster than 12 separate Montgomery multiplications (bench_poseidon, README "Poseidon and trees").
#pragma once

#include <cstdint>

#include "field/fr_limbs.hpp"

namespace sa::kernels::fr_detail {

// Up to kMaxWideTerms products of values < p (Montgomery or not); reduce() returns Σ a_k·b_k·2^-256 mod p,
// i.e. the Montgomery product sum when the inputs are Montgomery values.
class WideAccumulator {
 public:
  static constexpr int kMaxWideTerms = 64;  // n·p²/2^256 + p < 32p keeps reduce() exact

  void add_product(const Limbs& a, const Limbs& b) {
    std::uint64_t prod[8] = {0, 0, 0, 0, 0, 0, 0, 0};
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) {
      std::uint64_t carry = 0;
#pragma GCC unroll 4
      for (int j = 0; j < 4; ++j) prod[i + j] = mul_add(a[i], b[j], prod[i + j], carry);
      prod[i + 4] = carry;
    }
    unsigned char c = 0;
#pragma GCC unroll 8
    for (int i = 0; i < 8; ++i) w_[i] = add_carry(w_[i], prod[i], c);
    w_[8] += c;  // < 2^576 for up to 64 terms
  }

  Limbs reduce() const {
    std::uint64_t w[9];
    for (int i = 0; i < 9; ++i) w[i] = w_[i];
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) {
      const std::uint64_t m = w[i] * kInv;
      std::uint64_t carry = 0;
#pragma GCC unroll 4
      for (int j = 0; j < 4; ++j) w[i + j] = mul_add(m, kModulus[j], w[i + j], carry);
      unsigned char c = 0;
      w[i + 4] = add_carry(w[i + 4], carry, c);
      for (int j = i + 5; j < 9; ++j) w[j] = add_carry(w[j], 0, c);
    }
    // Now value = w[4..8] < 32p: subtract 16p, 8p, 4p, 2p, p where possible, without branches.
    std::uint64_t r[5] = {w[4], w[5], w[6], w[7], w[8]};
#pragma GCC unroll 5
    for (int k = 4; k >= 0; --k) {
      const std::uint64_t kp[5] = {
          kModulus[0] << k, (kModulus[1] << k) | (k ? kModulus[0] >> (64 - k) : 0),
          (kModulus[2] << k) | (k ? kModulus[1] >> (64 - k) : 0),
          (kModulus[3] << k) | (k ? kModulus[2] >> (64 - k) : 0), k ? kModulus[3] >> (64 - k) : 0};
      std::uint64_t d[5];
      unsigned char borrow = 0;
#pragma GCC unroll 5
      for (int i = 0; i < 5; ++i) d[i] = sub_borrow(r[i], kp[i], borrow);
      const std::uint64_t keep = std::uint64_t{0} - borrow;  // all ones when r < k·p
#pragma GCC unroll 5
      for (int i = 0; i < 5; ++i) r[i] = (r[i] & keep) | (d[i] & ~keep);
    }
    return Limbs{r[0], r[1], r[2], r[3]};
  }

 private:
  std::uint64_t w_[9] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
};

}  // namespace sa::kernels::fr_detail
