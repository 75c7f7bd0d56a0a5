// Dispatch of node-pair hashing to the portable or SHA-NI (multi-stream) kernel.
#include "hash/node_hash.hpp"

#include <cstring>

#include "hash/node_hash_detail.hpp"

namespace sa::kernels {

void hash_node_pairs(const std::uint8_t* in, std::size_t npairs, std::uint8_t* out, Sha256Impl impl) {
  if (resolve(impl) == Sha256Impl::ShaNi) {
    detail::hash_node_pairs_shani_multi(in, npairs, out, detail::kShaNiPairStreams);
  } else {
    detail::hash_node_pairs_portable(in, npairs, out);
  }
}

void hash_node_pair(const std::uint8_t* left, const std::uint8_t* right, std::uint8_t* out, Sha256Impl impl) {
  std::uint8_t pair[64];
  std::memcpy(pair, left, 32);
  std::memcpy(pair + 32, right, 32);
  hash_node_pairs(pair, 1, out, impl);
}

}  // namespace sa::kernels
