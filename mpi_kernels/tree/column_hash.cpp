// Column hashing (proofs.md §7.3): gather one label per layer, layer 1 first, and hash them as one Poseidon
// input of arity L: a strided Poseidon batch (eight columns at a time where the CPU has IFMA). Split over
// threads by node range; each thread reads every layer sequentially.
#include "tree/column_hash.hpp"

#include <array>

#include "hash/poseidon.hpp"
#include "hash/poseidon_batch.hpp"

namespace sa::kernels {

void column_hashes(const std::uint8_t* const* layers, int num_layers, std::uint64_t first, std::uint64_t count,
                   std::uint8_t* out, int threads) {
  (void)poseidon_constants(num_layers);  // a bad arity is a usage error before the 36-entry array below is filled
  std::array<const std::uint8_t*, 36> starts{};
  for (int l = 0; l < num_layers; ++l) starts[static_cast<std::size_t>(l)] = layers[l] + 32 * first;
  poseidon_hash_strided(starts.data(), num_layers, 32, count, out, threads);
}

}  // namespace sa::kernels
