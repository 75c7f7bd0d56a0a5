// compute_comm_d against a materialised sector (pieces' data at their aligned offsets, tree_root over all
// of it), its error cases, zero commitments, and piece alignment beyond the upstream table.
#include <gtest/gtest.h>

#include <vector>

#include "base/error.hpp"
#include "field/fr32.hpp"
#include "piece/comm_d.hpp"
#include "piece/commp.hpp"
#include "piece/tree_root.hpp"
#include "test_bytes.hpp"

namespace sa::kernels {
namespace {

TEST(ZeroComm, TableAgreesWithTreeRootOfZeros) {
  const std::vector<std::uint8_t> zeros(1 << 16, 0);
  for (std::uint64_t padded = 128; padded <= zeros.size(); padded *= 2) {
    EXPECT_EQ(zero_piece_commitment(padded), tree_root(zeros.data(), padded / 32)) << padded;
  }
  EXPECT_EQ(zero_commitment(0), Commitment{});
  EXPECT_THROW(zero_piece_commitment(64), sa::Error);
  EXPECT_THROW(zero_piece_commitment(3000), sa::Error);
  EXPECT_THROW(zero_commitment(kMaxTreeLevel + 1), sa::Error);
}

// Lays out random pieces as AddPiece would (alignment in unpadded bytes, data padded) and hashes the sector.
TEST(CommD, EqualsRootOfMaterialisedSector) {
  const std::uint64_t sector = 1 << 16;
  const std::vector<std::vector<std::uint64_t>> layouts = {
      {128}, {128, 128}, {128, 1024}, {1024, 128, 256, 128}, {256, 128, 128, 512, 4096, 128}, {sector}};
  for (const auto& sizes : layouts) {
    std::vector<std::uint8_t> padded(sector, 0);
    std::vector<PieceInfo> infos;
    std::vector<std::uint64_t> unpadded_sizes;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      const std::uint64_t unpadded = sizes[i] / 128 * 127;
      const std::uint64_t start = piece_start_byte(unpadded_sizes, unpadded);
      const auto raw = testing::random_bytes(unpadded - i, 40 + i);  // payloads a little short of the piece
      CommPHasher h;
      h.write(raw.data(), raw.size());
      const PieceCommitment pc = h.finish(sizes[i]);
      fr32_pad(raw.data(), raw.size(), padded.data() + to_padded_bytes(start));
      infos.push_back({pc.padded_size, pc.comm});
      unpadded_sizes.push_back(unpadded);
    }
    EXPECT_EQ(compute_comm_d(sector, infos), tree_root(padded.data(), sector / 32)) << sizes.size();
  }
}

TEST(CommD, NoPiecesIsTheZeroSector) {
  EXPECT_EQ(compute_comm_d(2048, {}), zero_piece_commitment(2048));
  EXPECT_EQ(compute_comm_d(32ull << 30, {}), zero_piece_commitment(32ull << 30));
}

TEST(CommD, Errors) {
  const Commitment c{};
  EXPECT_THROW(compute_comm_d(2048, {{4096, c}}), sa::Error);                      // larger than the sector
  EXPECT_THROW(compute_comm_d(2048, {{1024, c}, {1024, c}, {128, c}}), sa::Error);  // overflow
  EXPECT_THROW(compute_comm_d(2048, {{128, c}, {1024, c}, {1024, c}}), sa::Error);  // overflow after alignment
  EXPECT_THROW(compute_comm_d(2048, {{128, c}, {1024, c}, {512, c}}), sa::Error);   // sum fits, layout does not
  EXPECT_THROW(compute_comm_d(2048, {{100, c}}), sa::Error);                         // not a power of two
  EXPECT_THROW(compute_comm_d(2048, {{64, c}}), sa::Error);                          // below 128
  EXPECT_THROW(compute_comm_d(2000, {}), sa::Error);                                 // bad sector size
  EXPECT_NO_THROW(compute_comm_d(2048, {{1024, c}, {512, c}, {512, c}}));
  try {
    compute_comm_d(2048, {{100, c}});
  } catch (const sa::Error& e) {
    EXPECT_EQ(e.kind(), sa::ErrorKind::Usage);
  }
}

TEST(PieceAlignment, SlotsAndStarts) {
  EXPECT_EQ(piece_alignment(0, 1).right_bytes, 126u);
  EXPECT_EQ(piece_alignment(127 * 3, 127 * 4).left_bytes, 127u);
  EXPECT_EQ(piece_alignment(127 * 4, 127 * 4).left_bytes, 0u);
  EXPECT_EQ(sum_piece_bytes_with_alignment({}), 0u);
  EXPECT_EQ(sum_piece_bytes_with_alignment({127, 508}), 1016u);
  EXPECT_EQ(piece_start_byte({127, 127}, 508), 508u);
  EXPECT_THROW(piece_alignment(0, kMaxPieceUnpadded + 1), sa::Error);
}

}  // namespace
}  // namespace sa::kernels
