// comm_r and the p_aux file (proofs.md §7.5, §9; rust-fil-proofs stacked/vanilla/proof.rs
// "comm_r = H(comm_c || comm_r_last)" with Poseidon arity 2, PersistentAux bincode = comm_c ‖ comm_r_last).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "piece/commitment.hpp"

namespace sa::kernels {

// comm_r = Poseidon_2(comm_c, comm_r_last) (MerkleTree tag 3). Throws sa::Error(Corrupt) when an input ≥ p.
Commitment comm_r(const Commitment& comm_c, const Commitment& comm_r_last);

struct PAux {
  Commitment comm_c{};
  Commitment comm_r_last{};
};

inline constexpr std::size_t kPAuxBytes = 64;

// The 64 bytes of the p_aux file: comm_c ‖ comm_r_last, no length prefixes.
std::array<std::uint8_t, kPAuxBytes> p_aux_bytes(const PAux& p_aux);
// Parses p_aux file bytes. Throws sa::Error(Corrupt) unless there are exactly 64 bytes holding two field
// elements (< p).
PAux parse_p_aux(const std::uint8_t* bytes, std::size_t n);

}  // namespace sa::kernels
