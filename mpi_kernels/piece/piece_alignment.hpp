// Where pieces go in a sector, in unpadded bytes: rust-fil-proofs filecoin-proofs/src/pieces.rs
// get_piece_alignment, sum_piece_bytes_with_alignment and get_piece_start_byte (proofs.md §6.3). Each piece
// occupies a 127·2^k slot aligned to a multiple of its own slot size.
#pragma once

#include <cstdint>
#include <vector>

namespace sa::kernels {

inline constexpr std::uint64_t kMaxPieceUnpadded = std::uint64_t{127} << 56;

struct PieceAlignment {
  std::uint64_t left_bytes = 0;   // zero bytes before the piece
  std::uint64_t right_bytes = 0;  // zero bytes after the piece's data, up to the end of its slot
};

// The padding around a piece of piece_unpadded bytes written after written_unpadded bytes. The slot is the
// smallest 127·2^k ≥ piece_unpadded (127 for 0). Throws sa::Error(Usage) only for absurd pieces above
// kMaxPieceUnpadded, whose slot would not fit 64 bits.
PieceAlignment piece_alignment(std::uint64_t written_unpadded, std::uint64_t piece_unpadded);
// Unpadded bytes taken by pieces laid out in order, alignment included.
std::uint64_t sum_piece_bytes_with_alignment(const std::vector<std::uint64_t>& pieces_unpadded);
// Unpadded offset where a new piece starts after the existing ones.
std::uint64_t piece_start_byte(const std::vector<std::uint64_t>& existing_unpadded, std::uint64_t piece_unpadded);

}  // namespace sa::kernels
