// Level-by-level reference tree: copy the leaves, replace each level by its parents until one node is left.
#include "piece/tree_root.hpp"

#include <bit>
#include <cstring>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "hash/trunc254.hpp"

namespace sa::kernels {

Commitment tree_root(const std::uint8_t* leaves, std::size_t nleaves, Sha256Impl impl) {
  if (nleaves == 0 || !std::has_single_bit(nleaves)) {
    throw Error(ErrorKind::Usage, "tree_root: leaf count " + std::to_string(nleaves) + " is not a power of two");
  }
  std::vector<std::uint8_t> level(leaves, leaves + 32 * nleaves);
  for (std::size_t n = nleaves; n > 1; n /= 2) {
    std::vector<std::uint8_t> parents(32 * (n / 2));
    for (std::size_t i = 0; i < n / 2; ++i) {
      Sha256Digest d = sha256(level.data() + 64 * i, 64, impl);
      trunc254(d.data());
      std::memcpy(parents.data() + 32 * i, d.data(), 32);
    }
    level = std::move(parents);
  }
  Commitment root;
  std::memcpy(root.data(), level.data(), 32);
  return root;
}

}  // namespace sa::kernels
