// Poseidon hash over BLS12-381 Fr, byte-compatible with neptune (MerkleTree hash type, Standard strength
// unless given constants say otherwise) as rust-fil-proofs uses it for tree_c, tree_r_last, column hashes
// and comm_r (proofs.md §7.1–7.2): state = [2^arity − 1, in_1 … in_arity], permute, output state[1].
// Two permutations: the "Correct" reference and the optimized schedule; they give identical output.
#pragma once

#include <cstdint>

#include "field/fr.hpp"
#include "hash/poseidon_constants.hpp"

namespace sa::kernels {

// In-place permutation of `state` (c.width elements).
void poseidon_permute(Fr* state, const PoseidonConstants& c);            // optimized
void poseidon_permute_reference(Fr* state, const PoseidonConstants& c);  // Correct mode, proofs.md §7.2

// MerkleTree hash of exactly c.arity inputs. Thread-safe.
Fr poseidon_hash(const Fr* inputs, const PoseidonConstants& c);
Fr poseidon_hash_reference(const Fr* inputs, const PoseidonConstants& c);
// The same with Standard constants for `arity`. Throws sa::Error(Usage) for an unsupported arity.
Fr poseidon_hash(const Fr* inputs, int arity);
Fr poseidon_hash_reference(const Fr* inputs, int arity);

// inputs: arity × 32 bytes, canonical little-endian Fr each; out32: the hash, same encoding. out32 may alias
// inputs. Throws sa::Error(Corrupt) when an input is ≥ p, sa::Error(Usage) for an unsupported arity.
void poseidon_hash_bytes(const std::uint8_t* inputs, int arity, std::uint8_t* out32);

}  // namespace sa::kernels
