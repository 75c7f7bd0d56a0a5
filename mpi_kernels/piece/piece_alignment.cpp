// Piece layout arithmetic, step for step as rust-fil-proofs pieces.rs does it.
#include "piece/piece_alignment.hpp"

#include <string>

#include "base/error.hpp"

namespace sa::kernels {

PieceAlignment piece_alignment(std::uint64_t written_unpadded, std::uint64_t piece_unpadded) {
  if (piece_unpadded > kMaxPieceUnpadded) {
    throw Error(ErrorKind::Usage, "piece of " + std::to_string(piece_unpadded) + " unpadded bytes is too large");
  }
  std::uint64_t slot = 127;  // MINIMUM_PIECE_SIZE
  while (slot < piece_unpadded) slot *= 2;
  const std::uint64_t encroaching = written_unpadded % slot;
  return {encroaching > 0 ? slot - encroaching : 0, slot - piece_unpadded};
}

std::uint64_t sum_piece_bytes_with_alignment(const std::vector<std::uint64_t>& pieces_unpadded) {
  std::uint64_t sum = 0;
  for (std::uint64_t piece : pieces_unpadded) {
    const PieceAlignment a = piece_alignment(sum, piece);
    sum += a.left_bytes + piece + a.right_bytes;
  }
  return sum;
}

std::uint64_t piece_start_byte(const std::vector<std::uint64_t>& existing_unpadded, std::uint64_t piece_unpadded) {
  const std::uint64_t last = sum_piece_bytes_with_alignment(existing_unpadded);
  return last + piece_alignment(last, piece_unpadded).left_bytes;
}

}  // namespace sa::kernels
