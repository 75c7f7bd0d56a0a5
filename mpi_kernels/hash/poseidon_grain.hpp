// The Grain LFSR of the Poseidon reference script, which neptune uses to generate round constants
// (proofs.md §7.1; neptune src/round_constants.rs). Seeded with 80 bits: field (2) | sbox (4) |
// field_size (12) | t (12) | R_F (10) | R_P (10) | 30 ones, most significant bit of each field first.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "field/fr.hpp"

namespace sa::kernels {

class GrainLfsr {
 public:
  // neptune's parameters for BLS12-381 are field = 1 (prime field), sbox = 1 (the value it passes, although
  // the S-box is x^5), field_size = 255. Throws sa::Error(Usage) when a field does not fit its bit width.
  GrainLfsr(int width, int full_rounds, int partial_rounds, int field = 1, int sbox = 1, int field_size = 255);

  // One raw LFSR step: b[80] = b[62] ^ b[51] ^ b[38] ^ b[23] ^ b[13] ^ b[0].
  bool next_raw_bit();
  // Self-shrinking output: take bits in pairs; when the first is 1 output the second, else drop both.
  bool next_bit();
  // The next field_size output bits read as a big-endian integer, redrawn while it is ≥ p.
  Fr next_field_element();

 private:
  std::array<std::uint8_t, 80> bits_{};  // ring buffer, bits_[pos_] is b[0]
  int pos_ = 0;
  int field_size_;
};

// (R_F + R_P)·width round constants in generation order: round r, element i at index r·width + i.
std::vector<Fr> grain_round_constants(int width, int full_rounds, int partial_rounds);

}  // namespace sa::kernels
