// Challenge derivation.
#include "vanilla/challenges.hpp"

#include <array>

#include "base/error.hpp"
#include "hash/sha256.hpp"

namespace sa::kernels {

ChallengeLayout interactive_challenge_layout(params::SectorSize size) {
  if (params::bytes(size) >= (32ull << 30)) return {10, 18};
  return {1, 2};
}

std::vector<std::uint64_t> interactive_challenges(const Commitment& replica_id, const Commitment& seed,
                                                  std::uint64_t nodes, const ChallengeLayout& layout, int partition) {
  if (nodes < 2 || nodes - 1 > 0xffffffffull || partition < 0 || partition >= layout.partitions) {
    throw Error(ErrorKind::Usage, "bad challenge request");
  }
  std::vector<std::uint64_t> out;
  const std::uint64_t modulus = nodes - 1;  // < 2^32, so 32-bit steps of long division fit in 64 bits
  for (int i = 0; i < layout.per_partition; ++i) {
    std::uint32_t j = static_cast<std::uint32_t>(partition * layout.per_partition + i);
    std::array<std::uint8_t, 68> msg{};
    std::copy(replica_id.begin(), replica_id.end(), msg.begin());
    std::copy(seed.begin(), seed.end(), msg.begin() + 32);
    for (int b = 0; b < 4; ++b) msg[static_cast<std::size_t>(64 + b)] = static_cast<std::uint8_t>(j >> (8 * b));
    auto h = sha256(msg.data(), msg.size());
    // The 256-bit little-endian integer mod (N - 1), most significant 32-bit word first.
    std::uint64_t rem = 0;
    for (int word = 7; word >= 0; --word) {
      std::uint64_t v = 0;
      for (int b = 3; b >= 0; --b) v = (v << 8) | h[static_cast<std::size_t>(word * 4 + b)];
      rem = ((rem << 32) | v) % modulus;
    }
    out.push_back(rem + 1);
  }
  return out;
}

}  // namespace sa::kernels
