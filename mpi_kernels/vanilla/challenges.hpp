// Interactive PoRep challenges (proofs.md §8.1; rust-fil-proofs stacked/vanilla/challenges.rs): for
// partition k and i in 0..per_partition-1, j = k * per_partition + i,
//   challenge = (LE-uint256(SHA-256(replica_id || seed || u32_le(j))) mod (N - 1)) + 1.
#pragma once

#include <cstdint>
#include <vector>

#include "params/proof_type.hpp"
#include "piece/commitment.hpp"

namespace sa::kernels {

struct ChallengeLayout {
  int partitions = 1;
  int per_partition = 2;
};

// 1 partition of 2 challenges for 2KiB/8MiB/512MiB; 10 of 18 for 32/64GiB (proofs.md §1.1).
ChallengeLayout interactive_challenge_layout(params::SectorSize size);

// The challenges of one partition, in order.
std::vector<std::uint64_t> interactive_challenges(const Commitment& replica_id, const Commitment& seed,
                                                  std::uint64_t nodes, const ChallengeLayout& layout, int partition);

}  // namespace sa::kernels
