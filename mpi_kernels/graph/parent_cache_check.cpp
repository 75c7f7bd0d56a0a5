// The check of a parent cache before first use (proofs.md §3.4): the SHA-256 of the whole file against
// parent_cache.json where the graph has a published digest (ids 0–9), else regenerated nodes compared with
// the file: every node of a small graph, or a fresh random sample plus the first and last nodes.
#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include "graph/parent_cache_detail.hpp"

namespace sa::kernels::detail {

namespace {

bool node_matches(const std::uint32_t* data, const ParentGenerator& gen, std::uint64_t v) {
  std::uint32_t expect[kParentsPerNode];
  gen.node_parents(v, expect);
  return std::memcmp(expect, data + v * kParentsPerNode, sizeof expect) == 0;
}

bool all_nodes_match(const std::uint32_t* data, const ParentGenerator& gen, int threads) {
  constexpr std::uint64_t kChunk = std::uint64_t{1} << 14;
  const std::uint64_t nodes = gen.spec().nodes;
  std::vector<std::uint32_t> expect(static_cast<std::size_t>(std::min(kChunk, nodes) * kParentsPerNode));
  for (std::uint64_t first = 0; first < nodes; first += kChunk) {
    const std::uint64_t count = std::min(kChunk, nodes - first);
    generate_parents(gen, first, count, expect.data(), threads);
    if (std::memcmp(expect.data(), data + first * kParentsPerNode, count * kParentsPerNode * 4) != 0) return false;
  }
  return true;
}

}  // namespace

bool parent_cache_matches(const std::uint32_t* data, const ParentGenerator& gen,
                          const std::optional<Sha256Digest>& digest, const ParentCacheOptions& options) {
  const std::uint64_t nodes = gen.spec().nodes;
  if (digest) {
    return sha256(reinterpret_cast<const std::uint8_t*>(data), parent_cache_bytes(nodes)) == *digest;
  }
  if (nodes <= options.verify_sample_nodes) return all_nodes_match(data, gen, options.threads);
  // A different sample on every open, so repeated opens of a long-lived cache cover more of it.
  std::mt19937_64 rng(std::random_device{}());
  if (!node_matches(data, gen, 0) || !node_matches(data, gen, nodes - 1)) return false;
  for (std::uint64_t i = 0; i < options.verify_sample_nodes; ++i) {
    if (!node_matches(data, gen, rng() % nodes)) return false;
  }
  return true;
}

}  // namespace sa::kernels::detail
