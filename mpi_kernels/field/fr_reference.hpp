// A slow, obviously correct model of BLS12-381 Fr arithmetic (proofs.md §0.1) to test fr.hpp against:
// canonical integers only, schoolbook 256×256 → 512-bit products reduced by binary long division, no
// Montgomery form and no shortcuts. Tests only; never on a hot path.
#pragma once

#include <array>
#include <cstdint>

namespace sa::kernels::fr_reference {

using U256 = std::array<std::uint64_t, 4>;  // least significant limb first

// p itself.
U256 modulus();
// x mod p for any 256-bit x.
U256 reduce(const U256& x);
U256 add(const U256& a, const U256& b);  // (a + b) mod p; a, b < p
U256 sub(const U256& a, const U256& b);  // (a − b) mod p; a, b < p
U256 mul(const U256& a, const U256& b);  // (a · b) mod p; a, b < p
U256 pow(const U256& a, const U256& e);  // a^e mod p, right-to-left binary
// a^(p−2), by pow(); zero maps to zero.
U256 inverse(const U256& a);

}  // namespace sa::kernels::fr_reference
