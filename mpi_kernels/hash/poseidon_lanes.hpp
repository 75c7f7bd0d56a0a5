// Eight Poseidon hashes at once (proofs.md §7.2, docs/10-poseidon-lanes.md): the optimized permutation run on
// eight independent states, one per 64-bit lane of AVX-512, with the field elements in five 52-bit limbs so
// that AVX-512 IFMA (vpmadd52luq/huq) does the multiplications. Column hashes and every tree level are
// millions of independent hashes, so eight always fit. Bit-equal to poseidon_hash (tests check both paths).
// This header is plain C++: only poseidon_lanes_ifma.cpp uses the instructions, behind a CPUID check.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "hash/poseidon_constants.hpp"

namespace sa::kernels {

inline constexpr int kPoseidonLanes = 8;
inline constexpr int kLimbs52 = 5;

// An Fr value in radix 2^52, least significant limb first; every limb < 2^52.
using Limbs52 = std::array<std::uint64_t, kLimbs52>;

// PoseidonConstants' optimized schedule in radix-2^52 Montgomery form (x·2^260 mod p, canonical), for the
// widths whose lazy-reduction bounds hold (t ≤ 17: arities 2, 4, 8, 11, 16).
struct PoseidonLaneConstants {
  int arity = 0;
  int width = 0;
  int full_rounds = 0;
  int partial_rounds = 0;
  Limbs52 domain_tag{};
  std::vector<Limbs52> full_constants, partial_constants, pre_sparse, mds, sparse_row0, sparse_col0;
};

// Field constants of the lane arithmetic: p, −p⁻¹ mod 2^52 and 2^520 mod p (converts into Montgomery form).
struct Lane52Field {
  Limbs52 p{};
  std::uint64_t inv = 0;
  Limbs52 r2{};
};
const Lane52Field& lane52_field();

// True when this arity has a lane schedule (width ≤ 17).
bool poseidon_lanes_support(int arity);
// Built on first use per arity and kept; thread-safe. Throws sa::Error(Usage) for an unsupported arity.
const PoseidonLaneConstants& poseidon_lane_constants(int arity);

// Canonical 4×64 limbs ↔ radix 2^52.
Limbs52 to_limbs52(const fr_detail::Limbs& v);
fr_detail::Limbs from_limbs52(const Limbs52& v);

// True when the CPU has AVX-512F and AVX-512 IFMA (checked once).
bool cpu_has_ifma();

// The kernel. in: c.arity inputs × 5 limbs × 8 lanes, canonical (input k, limb j, lane l at
// in[(5k + j)·8 + l]); out: 5 limbs × 8 lanes of the hashes, canonical (out[8j + l]).
// Only call when cpu_has_ifma(); the inputs must be < p (the caller checks).
void poseidon_hash_lanes_ifma(const PoseidonLaneConstants& c, const std::uint64_t* in, std::uint64_t* out);

}  // namespace sa::kernels
