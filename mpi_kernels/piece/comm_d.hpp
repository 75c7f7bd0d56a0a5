// CommD (unsealed sector commitment) from the pieces of a sector, without their data: the stack algorithm
// of rust-fil-proofs filecoin-proofs/src/pieces.rs compute_comm_d and go-commp-utils PieceAggregateCommP
// (proofs.md §6.3). Pieces are laid out in order, each aligned to its own size (piece/piece_alignment.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "piece/commitment.hpp"
#include "piece/piece_alignment.hpp"
#include "piece/zero_comm.hpp"

namespace sa::kernels {

struct PieceInfo {
  std::uint64_t padded_size = 0;  // power of two ≥ 128
  Commitment comm{};
};

// The root over a sector of sector_bytes holding `pieces` in order. Zero pieces fill the alignment gaps and
// the space after the last piece, so the result always covers the whole sector (as go-commp-utils
// GenerateUnsealedCID does; rust's compute_comm_d agrees whenever the pieces fill the sector). No pieces →
// zero_piece_commitment(sector_bytes). Throws sa::Error(Usage) when sector_bytes or a piece size is not a
// power of two ≥ 128, or the aligned pieces do not fit in the sector.
Commitment compute_comm_d(std::uint64_t sector_bytes, const std::vector<PieceInfo>& pieces);

}  // namespace sa::kernels
