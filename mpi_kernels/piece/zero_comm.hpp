// Commitments of all-zero data: Z[0] = 32 zero bytes, Z[L+1] = trunc254(SHA-256(Z[L] || Z[L])), so a zero
// piece of padded size 32·2^L has root Z[L] (proofs.md §6.3; go-commp-utils zerocomm/zerocomm.go PieceComms,
// where PieceComms[i] = Z[i+2]). Computed once on first use, then read-only (thread-safe).
#pragma once

#include <cstdint>

#include "piece/commitment.hpp"

namespace sa::kernels {

// Z[level] for level ≤ kMaxTreeLevel; throws sa::Error(Usage) above.
const Commitment& zero_commitment(unsigned level);
// CommP of a zero piece; padded_size must satisfy is_padded_piece_size (else sa::Error(Usage)).
Commitment zero_piece_commitment(std::uint64_t padded_size);

}  // namespace sa::kernels
