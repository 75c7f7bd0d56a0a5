// One label from its parents.
#include "vanilla/label_check.hpp"

#include <array>

#include "hash/sha256.hpp"
#include "hash/trunc254.hpp"

namespace sa::kernels {

Commitment label_from_parents(const Commitment& replica_id, int layer, std::uint64_t node, const Commitment* base,
                              const Commitment* exp) {
  std::array<std::uint8_t, 64> prefix{};
  std::copy(replica_id.begin(), replica_id.end(), prefix.begin());
  for (int b = 0; b < 4; ++b) prefix[static_cast<std::size_t>(32 + b)] = static_cast<std::uint8_t>(static_cast<std::uint32_t>(layer) >> (8 * (3 - b)));
  for (int b = 0; b < 8; ++b) prefix[static_cast<std::size_t>(36 + b)] = static_cast<std::uint8_t>(node >> (8 * (7 - b)));
  Sha256 h;
  h.update(prefix.data(), prefix.size());
  if (node > 0) {
    std::array<const Commitment*, 14> parents{};
    int count = layer == 1 ? 6 : 14;
    for (int i = 0; i < 6; ++i) parents[static_cast<std::size_t>(i)] = &base[i];
    for (int i = 0; i < 8 && layer > 1; ++i) parents[static_cast<std::size_t>(6 + i)] = &exp[i];
    for (int k = 0; k < 37; ++k) h.update(parents[static_cast<std::size_t>(k % count)]->data(), 32);
  }
  Commitment out = h.finish();
  trunc254(out.data());
  return out;
}

}  // namespace sa::kernels
