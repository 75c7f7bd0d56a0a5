// Column hashes, the leaves of tree_c (proofs.md §7.3; rust-fil-proofs stacked/vanilla/hash.rs
// hash_single_column): c[v] = Poseidon_L(label[1][v], …, label[L][v]) with the MerkleTree tag of arity L
// (L = 2 → arity 2, L = 11 → arity 11).
#pragma once

#include <cstdint>

namespace sa::kernels {

// layers[ℓ] points at the node array of layer ℓ + 1 (32-byte canonical LE labels), for ℓ < num_layers;
// node v of a layer is at layers[ℓ] + 32·v. Writes the column hashes of nodes first .. first + count − 1 to
// out (32·count bytes, node `first` at out[0]). num_layers must be a supported Poseidon arity (2, 4, 8, 11,
// 16, 24, 36). Uses up to `threads` threads. Throws sa::Error(Usage) for a bad arity or thread count and
// sa::Error(Corrupt) when a label is ≥ p.
void column_hashes(const std::uint8_t* const* layers, int num_layers, std::uint64_t first, std::uint64_t count,
                   std::uint8_t* out, int threads);

}  // namespace sa::kernels
