// The Feistel permutation behind the SDR expander parents (proofs.md §3.3; rust-fil-proofs
// storage-proofs-core/src/crypto/feistel.rs): 3 rounds keyed by feistel_keys[0..3], round function
// BLAKE2b-512 (see blake2b.hpp), cycle walking until the value falls inside [0, num_elements).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace sa::kernels {

class Feistel {
 public:
  // num_elements >= 1. The round function only ever sees values below 2^half_bits (at most 2^18 for
  // 64GiB), so the constructor tabulates it for the 3 keys: 3·2^half_bits BLAKE2b calls once, after which
  // permute() costs table lookups. Throws sa::Error(Usage) for num_elements = 0 or > 2^36.
  Feistel(std::uint64_t num_elements, const std::array<std::uint64_t, 4>& keys);

  // The permutation of [0, num_elements). Thread-safe (const, no shared mutation).
  std::uint64_t permute(std::uint64_t index) const;
  // The same, hashing every round with BLAKE2b: the obviously-correct reference the table is tested against.
  std::uint64_t permute_direct(std::uint64_t index) const;

  unsigned half_bits() const { return half_bits_; }
  std::uint64_t right_mask() const { return right_mask_; }
  std::uint64_t left_mask() const { return right_mask_ << half_bits_; }

 private:
  template <class RoundFn>
  std::uint64_t encode(std::uint64_t index, RoundFn round) const;

  std::uint64_t num_elements_;
  std::array<std::uint64_t, 4> keys_;
  unsigned half_bits_ = 1;
  std::uint64_t right_mask_ = 1;
  std::vector<std::uint32_t> table_;  // table_[k << half_bits | right] = F(right, keys_[k]) & right_mask_
};

}  // namespace sa::kernels
