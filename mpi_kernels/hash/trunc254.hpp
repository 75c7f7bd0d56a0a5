// trunc254 ("Fr-safe" hash): clear the two most significant bits of a little-endian 32-byte value so it is
// below 2^254 < p and therefore a canonical BLS12-381 Fr element (proofs.md §0.1, §11.6;
// rust-fil-proofs filecoin-hashers/src/sha256.rs trim_to_fr32).
#pragma once

#include <cstdint>

namespace sa::kernels {

inline void trunc254(std::uint8_t* h32) { h32[31] &= 0x3f; }

}  // namespace sa::kernels
