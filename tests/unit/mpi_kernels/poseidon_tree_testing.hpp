// Helpers shared by the Poseidon tree tests: random field-element nodes and the naive recursive tree
// definitions (reference Poseidon, no layout, no threads) that the fast code is compared with.
#pragma once

#include <cstring>
#include <random>
#include <vector>

#include "field/fr.hpp"
#include "hash/poseidon.hpp"
#include "piece/commitment.hpp"

namespace sa::kernels::testing {

inline std::vector<std::uint8_t> random_fr_nodes(std::uint64_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint8_t> out(32 * n);
  for (std::uint64_t i = 0; i < n; ++i) {
    Fr::Limbs v;
    do {
      v = {rng(), rng(), rng(), rng() >> 1};
    } while (!fr_detail::is_canonical(v));
    fr_detail::store_le(v, out.data() + 32 * i);
  }
  return out;
}

inline Fr node_fr(const std::uint8_t* nodes, std::uint64_t i) { return Fr::from_bytes_le(nodes + 32 * i); }

inline Commitment to_commitment(const Fr& x) {
  Commitment c{};
  x.to_bytes_le(c.data());
  return c;
}

// Root of the 8-ary tree over nodes[first, first + count) by the definition: a single node is its own root,
// otherwise Poseidon_8 (reference permutation) of the roots of the 8 equal parts.
inline Fr naive_root(const std::uint8_t* nodes, std::uint64_t first, std::uint64_t count, int arity = 8) {
  if (count == 1) return node_fr(nodes, first);
  std::vector<Fr> children;
  const std::uint64_t part = count / static_cast<std::uint64_t>(arity);
  for (int k = 0; k < arity; ++k) children.push_back(naive_root(nodes, first + part * static_cast<std::uint64_t>(k), part));
  return poseidon_hash_reference(children.data(), arity);
}

}  // namespace sa::kernels::testing
