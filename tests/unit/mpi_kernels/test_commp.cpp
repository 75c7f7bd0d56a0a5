// CommPHasher against the reference: Fr32-pad the whole payload, zero-extend to the piece, tree_root().
// Sizes around quad, chunk and power-of-two boundaries; chunking independence; fixed piece sizes.
#include <gtest/gtest.h>

#include <vector>

#include "base/error.hpp"
#include "field/fr32.hpp"
#include "hash/sha256.hpp"
#include "piece/commp.hpp"
#include "piece/tree_root.hpp"
#include "piece/zero_comm.hpp"
#include "test_bytes.hpp"

namespace sa::kernels {
namespace {

using testing::random_bytes;

Commitment reference_commp(const std::vector<std::uint8_t>& raw, std::uint64_t padded_piece) {
  std::vector<std::uint8_t> padded(padded_piece, 0);
  fr32_pad(raw.data(), raw.size(), padded.data());
  return tree_root(padded.data(), padded.size() / 32, Sha256Impl::Portable);
}

PieceCommitment commp_in_chunks(const std::vector<std::uint8_t>& raw, std::size_t chunk,
                                Sha256Impl impl = Sha256Impl::Auto) {
  CommPHasher h(impl);
  for (std::size_t at = 0; at < raw.size(); at += chunk) h.write(raw.data() + at, std::min(chunk, raw.size() - at));
  return h.finish();
}

constexpr std::size_t kChunkRaw = CommPHasher::kChunkPadded / 128 * 127;  // raw bytes of one full chunk

TEST(CommP, MatchesReferenceForManySizes) {
  const std::vector<std::size_t> sizes = {1,   2,   31,  32,  64,  65,  126, 127,          128,          200,
                                          254, 255, 508, 509, 1000, 1016, 1017, 4064, 65024, 65025,
                                          kChunkRaw - 1, kChunkRaw, kChunkRaw + 1, (1u << 20) + 3};
  for (std::size_t n : sizes) {
    const auto raw = random_bytes(n, n);
    const PieceCommitment got = commp_in_chunks(raw, 65536);
    EXPECT_EQ(got.payload_size, n);
    EXPECT_EQ(got.padded_size, padded_piece_size_for(n)) << n;
    EXPECT_EQ(got.comm, reference_commp(raw, got.padded_size)) << "payload " << n;
  }
}

TEST(CommP, ExactPowersOfTwoPieces) {
  for (std::uint64_t padded : {128u, 256u, 2048u, 1u << 16, 1u << 20, 1u << 21}) {
    const auto raw = random_bytes(padded / 128 * 127, padded);
    const PieceCommitment got = commp_in_chunks(raw, 100000);
    EXPECT_EQ(got.padded_size, padded);
    EXPECT_EQ(got.comm, reference_commp(raw, padded)) << padded;
  }
}

TEST(CommP, SeveralChunksAndAPartialOne) {
  const auto raw = random_bytes(3 * kChunkRaw + 5000, 77);  // stack of chunk roots + partial chunk
  const PieceCommitment got = commp_in_chunks(raw, 1 << 20);
  EXPECT_EQ(got.padded_size, 4u << 20);
  EXPECT_EQ(got.comm, reference_commp(raw, got.padded_size));
}

TEST(CommP, ChunkingDoesNotMatter) {
  const auto raw = random_bytes(kChunkRaw + 12345, 5);
  const Commitment want = commp_in_chunks(raw, raw.size()).comm;
  for (std::size_t chunk : {1u, 3u, 126u, 127u, 128u, 4096u, 65536u, 1u << 20}) {
    if (chunk == 1 || chunk == 3) {  // byte-sized writes over a smaller payload keep the test fast
      const std::vector<std::uint8_t> head(raw.begin(), raw.begin() + 50000);
      EXPECT_EQ(commp_in_chunks(head, chunk).comm, commp_in_chunks(head, head.size()).comm) << chunk;
      continue;
    }
    EXPECT_EQ(commp_in_chunks(raw, chunk).comm, want) << chunk;
  }
}

TEST(CommP, PortableAndShaNiAgree) {
  if (!sha_ni_available()) GTEST_SKIP() << "this CPU has no SHA-NI";
  const auto raw = random_bytes(kChunkRaw + 999, 8);
  EXPECT_EQ(commp_in_chunks(raw, 4096, Sha256Impl::Portable).comm, commp_in_chunks(raw, 4096, Sha256Impl::ShaNi).comm);
}

TEST(CommP, FixedPieceSize) {
  const auto raw = random_bytes(300, 9);
  for (std::uint64_t padded : {512u, 4096u, 1u << 21}) {
    CommPHasher h;
    h.write(raw.data(), raw.size());
    const PieceCommitment got = h.finish(padded);
    EXPECT_EQ(got.padded_size, padded);
    EXPECT_EQ(got.payload_size, 300u);
    EXPECT_EQ(got.comm, reference_commp(raw, padded)) << padded;
  }
}

TEST(CommP, FixedPieceSizeErrorsKeepState) {
  const auto raw = random_bytes(300, 10);
  CommPHasher h;
  h.write(raw.data(), raw.size());
  EXPECT_THROW(h.finish(256), sa::Error);   // 254 usable bytes < 300
  EXPECT_THROW(h.finish(1000), sa::Error);  // not a power of two
  EXPECT_THROW(h.finish(64), sa::Error);    // below the minimum piece
  EXPECT_EQ(h.payload_size(), 300u);
  EXPECT_EQ(h.finish(512).comm, reference_commp(raw, 512));
  EXPECT_EQ(h.payload_size(), 0u);  // finish resets
}

TEST(CommP, EmptyAndZeroPayloads) {
  CommPHasher h;
  const PieceCommitment empty = h.finish();
  EXPECT_EQ(empty.padded_size, 128u);
  EXPECT_EQ(empty.comm, zero_piece_commitment(128));
  const std::vector<std::uint8_t> zeros(5000, 0);
  EXPECT_EQ(commp_in_chunks(zeros, 777).comm, zero_piece_commitment(8192));
  h.write(zeros.data(), zeros.size());
  EXPECT_EQ(h.finish(1u << 30).comm, zero_piece_commitment(1u << 30));  // 1 GiB piece, never materialised
}

TEST(TreeRoot, Contract) {
  const auto leaves = random_bytes(32 * 4, 3);
  EXPECT_THROW(tree_root(leaves.data(), 3), sa::Error);
  EXPECT_THROW(tree_root(leaves.data(), 0), sa::Error);
  Commitment one;
  std::copy_n(leaves.begin(), 32, one.begin());
  EXPECT_EQ(tree_root(leaves.data(), 1), one);
}

}  // namespace
}  // namespace sa::kernels
