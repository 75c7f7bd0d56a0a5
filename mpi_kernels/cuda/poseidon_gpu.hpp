// Poseidon on a CUDA GPU (proofs.md §7.2–7.4): batched hashes, column hashes (tree_c leaves) and 8-ary base
// trees, bit-identical to the CPU functions in hash/poseidon_batch.hpp, tree/column_hash.hpp and
// tree/poseidon_tree.hpp (tests compare them). Same byte formats: canonical little-endian 32-byte nodes.
// Plain C++ header. Arities 2, 8 and 11 only (column hashes of 2- and 11-layer sectors, tree nodes, comm_r).
// Every function throws sa::Error(Resource) on a CUDA error, sa::Error(Corrupt) when an input node is ≥ p
// and sa::Error(Usage) for another arity or a bad leaf count; `device` is the CUDA ordinal.
#pragma once

#include <cstdint>

#include "piece/commitment.hpp"

namespace sa::kernels {

// out[32i ..] = Poseidon_arity(inputs[32·arity·i ..]) for i < count (as poseidon_hash_many).
void poseidon_hash_many_gpu(const std::uint8_t* inputs, std::uint64_t count, int arity, std::uint8_t* out,
                            int device);

// As column_hashes(): node first + i of every layer → out[32i ..], for i < count.
void column_hashes_gpu(const std::uint8_t* const* layers, int num_layers, std::uint64_t first, std::uint64_t count,
                       std::uint8_t* out, int device);

// As build_base_tree(): returns the root; out_nodes (may be null) receives every level above the leaves.
Commitment build_base_tree_gpu(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint8_t* out_nodes,
                               int device);

}  // namespace sa::kernels
