// Internal entry points of node-pair hashing, one per implementation, exposed so that tests and benches can
// compare them with each other. Callers use hash_node_pairs() in hash/node_hash.hpp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sa::kernels::detail {

// All of them: out[i] = trunc254(SHA-256(in[64i .. 64i+64])), 32 bytes each; out may equal in.
void hash_node_pairs_portable(const std::uint8_t* in, std::size_t npairs, std::uint8_t* out);
// One SHA-NI stream: each pair's two compressions run back to back.
void hash_node_pairs_shani_x1(const std::uint8_t* in, std::size_t npairs, std::uint8_t* out);
// Several pairs' compressions interleaved in one thread to hide sha256rnds2 latency. streams is 2, 3 or 4
// (any other value throws sa::Error(Usage)); leftovers run single-stream.
void hash_node_pairs_shani_multi(const std::uint8_t* in, std::size_t npairs, std::uint8_t* out, int streams);

// The number of interleaved streams hash_node_pairs() uses with SHA-NI (chosen by measurement, see README).
inline constexpr int kShaNiPairStreams = 4;

}  // namespace sa::kernels::detail
