// Batched Poseidon for trees and columns (proofs.md §7.3–7.4): many independent hashes over contiguous
// 32-byte nodes, split over a caller-given number of threads. The split helper is shared with tree/.
#pragma once

#include <cstdint>
#include <functional>

namespace sa::kernels {

// Throws sa::Error(Usage) unless threads ≥ 1.
void check_thread_count(int threads);

// Calls fn(begin, end) on contiguous pieces of [0, count), one piece per thread, at most `threads` pieces
// and none smaller than min_per_thread (so tiny jobs stay on the calling thread). The first exception thrown
// by any piece is rethrown after all threads have joined. Throws sa::Error(Usage) when threads < 1.
void parallel_ranges(std::uint64_t count, int threads, std::uint64_t min_per_thread,
                     const std::function<void(std::uint64_t begin, std::uint64_t end)>& fn);

// How batches are hashed: Lanes = eight at a time with AVX-512 IFMA (poseidon_lanes.hpp), Scalar = one at a
// time. Both give the same bytes.
enum class PoseidonPath { Scalar, Lanes };
const char* poseidon_path_name(PoseidonPath path);
// The path for a value of SA_POSEIDON_PATH ("auto" or unset: Lanes when the CPU has IFMA; "scalar": Scalar).
// Throws sa::Error(Usage) for another value, naming the accepted ones.
PoseidonPath poseidon_path_for(const char* env_value, bool cpu_has_lanes);
// poseidon_path_for(getenv("SA_POSEIDON_PATH"), cpu_has_ifma()), read once per process.
PoseidonPath poseidon_default_path();

// out[32i .. 32i+32) = Poseidon_arity(input 0 … arity−1 of hash i) for i < count, where input k of hash i is
// the node at inputs[k] + stride·i. Tree levels (inputs[k] = level + 32k, stride 32·arity) and column hashes
// (inputs[k] = layer k + 1, stride 32) are both this shape. Throws as poseidon_hash_many.
void poseidon_hash_strided(const std::uint8_t* const* inputs, int arity, std::uint64_t stride, std::uint64_t count,
                           std::uint8_t* out, int threads, PoseidonPath path = poseidon_default_path());

// out[32i .. 32i+32) = Poseidon_arity(inputs[32·arity·i .. 32·arity·(i+1))) for i < count: one tree level
// from the one below. Canonical little-endian nodes in and out; out must not overlap inputs.
// Throws sa::Error(Corrupt) for an input node ≥ p, sa::Error(Usage) for a bad arity or thread count.
void poseidon_hash_many(const std::uint8_t* inputs, std::uint64_t count, int arity, std::uint8_t* out,
                        int threads, PoseidonPath path = poseidon_default_path());

}  // namespace sa::kernels
