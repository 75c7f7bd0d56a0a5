// Bucket sampling over the metagraph of degree m' = 5 (proofs.md §3.2). Upstream's f64 ceil(log2(meta)) is
// the integer bit width of meta - 1 for every meta that occurs (meta < 2^34), which the 512MiB parent cache
// digest confirms.
#include "graph/drg_parents.hpp"

#include <algorithm>
#include <bit>

#include "graph/chacha8.hpp"

namespace sa::kernels {

void drg_parents(const std::array<std::uint8_t, 28>& drg_seed, std::uint64_t node, bool legacy,
                 std::uint32_t out[6]) {
  if (node < 2) {
    std::fill(out, out + 6, 0u);
    return;
  }
  std::array<std::uint8_t, 32> seed{};
  std::copy(drg_seed.begin(), drg_seed.end(), seed.begin());
  for (std::size_t b = 0; b < 4; ++b) seed[28 + b] = static_cast<std::uint8_t>(node >> (8 * b));
  ChaCha8Rng rng(seed);

  constexpr std::uint64_t kMetaDegree = 5;
  const std::uint64_t meta = node * kMetaDegree;
  const auto n_buckets = static_cast<std::uint64_t>(std::bit_width(meta - 1));  // ceil(log2(meta))
  const auto self = static_cast<std::uint32_t>(node);
  std::uint32_t* other = legacy ? out : out + 1;
  for (int j = 0; j < 5; ++j) {
    const std::uint64_t bucket = rng.next_u64() % n_buckets + 1;
    const std::uint64_t largest = std::min(meta, std::uint64_t{1} << bucket);
    const std::uint64_t smallest = std::max<std::uint64_t>(2, largest >> 1);
    const std::uint64_t distance = smallest + rng.next_u64() % (largest - smallest + 1);
    const auto mapped = static_cast<std::uint32_t>((meta - distance) / kMetaDegree);
    other[j] = mapped == self ? self - 1 : mapped;
  }
  out[legacy ? 5 : 0] = self - 1;
}

}  // namespace sa::kernels
