// Column hashing (proofs.md §7.3): gather one label per layer, layer 1 first, and hash them as one Poseidon
// input of arity L. Split over threads by node range; each thread reads every layer sequentially.
#include "tree/column_hash.hpp"

#include <array>

#include "field/fr.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_batch.hpp"

namespace sa::kernels {

void column_hashes(const std::uint8_t* const* layers, int num_layers, std::uint64_t first, std::uint64_t count,
                   std::uint8_t* out, int threads) {
  const PoseidonConstants& c = poseidon_constants(num_layers);
  parallel_ranges(count, threads, 64, [&](std::uint64_t begin, std::uint64_t end) {
    std::array<Fr, 36> column;
    for (std::uint64_t i = begin; i < end; ++i) {
      const std::uint64_t offset = 32 * (first + i);
      for (int l = 0; l < num_layers; ++l) column[static_cast<std::size_t>(l)] = Fr::from_bytes_le(layers[l] + offset);
      poseidon_hash(column.data(), c).to_bytes_le(out + 32 * i);
    }
  });
}

}  // namespace sa::kernels
