// BLAKE2b-512 (RFC 7693), unkeyed, 64-byte digest: the round function of the SDR expander's Feistel network
// (proofs.md §3.3; rust-fil-proofs storage-proofs-core/src/crypto/feistel.rs uses blake2b_simd with its
// default parameters). Small and general for tests; feistel_round_value() is the 16-byte special case.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace sa::kernels {

using Blake2b512Digest = std::array<std::uint8_t, 64>;

// BLAKE2b-512 of n bytes (any length). Thread-safe, no state.
Blake2b512Digest blake2b_512(const std::uint8_t* data, std::size_t n);

// The Feistel round value: the first 8 bytes, read big-endian, of BLAKE2b-512(u64_be(right) || u64_be(key)).
// Same result as blake2b_512 on those 16 bytes, with the zero message words folded in at compile time.
std::uint64_t feistel_round_value(std::uint64_t right, std::uint64_t key);

}  // namespace sa::kernels
