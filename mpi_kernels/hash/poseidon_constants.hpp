// Poseidon parameters of neptune's PoseidonConstants::new_with_strength for the MerkleTree hash type over
// BLS12-381 (proofs.md §7.1): round numbers, domain tag 2^arity − 1, Grain round constants, the Cauchy MDS
// matrix, and the optimized schedule derived from them (pre-added constants, sparse partial-round matrices;
// proofs.md §7.2, the idea of neptune's OptimizedStatic mode). Generated at run time, cached per arity.
#pragma once

#include <vector>

#include "field/fr.hpp"

namespace sa::kernels {

enum class PoseidonStrength { Standard, Strengthened };

// The arities neptune is built with in rust-fil-proofs (features arity2/4/8/11/16/24/36).
inline constexpr int kPoseidonArities[] = {2, 4, 8, 11, 16, 24, 36};

struct PoseidonConstants {
  int arity = 0;
  int width = 0;           // t = arity + 1
  int full_rounds = 0;     // R_F (8)
  int partial_rounds = 0;  // R_P
  PoseidonStrength strength = PoseidonStrength::Standard;
  Fr domain_tag;           // state[0] before the permutation: 2^arity − 1

  // "Correct" mode: (R_F + R_P)·t constants (round r, element i at r·t + i) and the t × t MDS matrix
  // (row-major, M[i][j] = 1/(i + j + t)).
  std::vector<Fr> round_constants;
  std::vector<Fr> mds;

  // Optimized mode (poseidon_optimize.cpp). Per round, in application order:
  //   full rounds 0 .. R_F/2−1:   state += full_constants[r]; S-box all; state = M·state, except the last
  //                               of them, which uses pre_sparse (= P·M, see the derivation);
  //   partial round k:            state[0] += partial_constants[k]; state[0]^5; state = S_k·state with
  //                               S_k = [[sparse_row0[k] (t values)], [sparse_col0[k] (t−1 values) | I]];
  //   full rounds R_F/2 .. R_F−1: as the first ones, with M.
  std::vector<Fr> full_constants;     // R_F·t
  std::vector<Fr> partial_constants;  // R_P
  std::vector<Fr> pre_sparse;         // t·t row-major
  std::vector<Fr> sparse_row0;        // R_P·t
  std::vector<Fr> sparse_col0;        // R_P·(t−1)
};

// (R_F, R_P) for an arity: Standard = neptune round_numbers.rs; Strengthened R_P = ceil(1.25·R_P).
// Throws sa::Error(Usage) for an arity outside kPoseidonArities.
struct PoseidonRounds {
  int full;
  int partial;
};
PoseidonRounds poseidon_rounds(int arity, PoseidonStrength strength = PoseidonStrength::Standard);

// The constants for an arity, built on first use and kept for the life of the process. Thread-safe; the
// reference stays valid. Throws sa::Error(Usage) for an unsupported arity.
const PoseidonConstants& poseidon_constants(int arity, PoseidonStrength strength = PoseidonStrength::Standard);

// Builds the constants from scratch (no cache): what poseidon_constants() calls once per arity.
PoseidonConstants make_poseidon_constants(int arity, PoseidonStrength strength);
// Fills the optimized fields from round_constants and mds (poseidon_optimize.cpp).
void derive_optimized_schedule(PoseidonConstants& c);

}  // namespace sa::kernels
