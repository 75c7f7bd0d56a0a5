// Fr32 padding: the word-level quad code against a bit-by-bit reference of proofs.md §6.2, pad/unpad round
// trips, byte-range pad/unpad, the size formulas, and Fr32Padder fed in arbitrary chunk sizes.
#include <gtest/gtest.h>

#include <cstring>

#include "field/fr32.hpp"
#include "field/fr32_padder.hpp"
#include "test_bytes.hpp"

namespace sa::kernels {
namespace {

using testing::random_bytes;

// The definition: raw stream bit i (bit i%8 of byte i/8) goes to padded bit 256·(i/254) + i%254.
std::vector<std::uint8_t> reference_pad(const std::vector<std::uint8_t>& raw) {
  const std::size_t bits = 8 * raw.size();
  std::vector<std::uint8_t> out((bits / 254 * 256 + bits % 254 + 7) / 8, 0);
  for (std::size_t i = 0; i < bits; ++i) {
    if ((raw[i / 8] >> (i % 8)) & 1) {
      const std::size_t o = 256 * (i / 254) + i % 254;
      out[o / 8] = static_cast<std::uint8_t>(out[o / 8] | (1u << (o % 8)));
    }
  }
  return out;
}

TEST(Fr32, QuadsMatchBitReference) {
  for (std::size_t quads : {1u, 2u, 5u, 64u}) {
    const auto raw = random_bytes(127 * quads, quads);
    std::vector<std::uint8_t> out(128 * quads);
    fr32_pad_quads(raw.data(), out.data(), quads);
    EXPECT_EQ(out, reference_pad(raw)) << quads;
  }
  std::vector<std::uint8_t> ones(127, 0xff), out(128);
  fr32_pad_quads(ones.data(), out.data(), 1);
  for (std::size_t node = 0; node < 4; ++node) EXPECT_EQ(out[32 * node + 31], 0x3f) << node;
}

TEST(Fr32, QuadRoundTrip) {
  const auto raw = random_bytes(127 * 300, 11);
  std::vector<std::uint8_t> padded(128 * 300), back(127 * 300);
  fr32_pad_quads(raw.data(), padded.data(), 300);
  fr32_unpad_quads(padded.data(), back.data(), 300);
  EXPECT_EQ(back, raw);
}

TEST(Fr32, UnpadIgnoresTopBitsOfNodes) {
  const auto raw = random_bytes(127, 12);
  std::vector<std::uint8_t> padded(128), back(127);
  fr32_pad_quads(raw.data(), padded.data(), 1);
  for (std::size_t node = 0; node < 4; ++node) padded[32 * node + 31] |= 0xc0;
  fr32_unpad_quads(padded.data(), back.data(), 1);
  EXPECT_EQ(back, raw);
}

TEST(Fr32, ByteRangesMatchReferenceAndRoundTrip) {
  for (std::size_t n = 0; n <= 3 * 127 + 1; ++n) {
    const auto raw = random_bytes(n, 1000 + n);
    std::vector<std::uint8_t> padded(to_padded_bytes(n));
    fr32_pad(raw.data(), n, padded.data());
    ASSERT_EQ(padded, reference_pad(raw)) << n;
    // Unpadding the padded prefix gives back every whole raw byte.
    std::vector<std::uint8_t> back(to_unpadded_bytes(padded.size()));
    fr32_unpad(padded.data(), padded.size(), back.data());
    ASSERT_EQ(back.size(), n) << n;
    ASSERT_EQ(back, raw) << n;
  }
}

TEST(Fr32, SizeFormulas) {
  // Direct evaluation of the §6.2 bit formulas for small sizes.
  for (std::uint64_t n = 0; n < 5000; ++n) {
    const std::uint64_t b = 8 * n;
    EXPECT_EQ(to_padded_bytes(n), ((b / 254) * 256 + b % 254 + 7) / 8) << n;
    EXPECT_EQ(to_unpadded_bytes(n), ((b / 256) * 254 + b % 256) / 8) << n;
  }
  EXPECT_EQ(to_padded_bytes(127), 128u);
  EXPECT_EQ(to_padded_bytes(32ull << 30), 34630287489u);  // evaluated with arbitrary-precision integers
  EXPECT_EQ(to_unpadded_bytes(32ull << 30), 34091302912u);
  EXPECT_EQ(to_padded_bytes(34091302912u), 32ull << 30);
  EXPECT_EQ(to_unpadded_bytes(1ull << 62), (1ull << 62) / 128 * 127);
}

// Fr32Reader semantics: whole quads padded, tail zero-extended and rounded up to 32 bytes.
std::vector<std::uint8_t> expected_stream(const std::vector<std::uint8_t>& raw) {
  auto out = reference_pad(raw);
  out.resize((out.size() + 31) / 32 * 32, 0);
  return out;
}

TEST(Fr32Padder, AnyChunkingGivesTheReaderOutput) {
  for (std::size_t n : {0u, 1u, 30u, 32u, 126u, 127u, 128u, 254u, 1000u, 4096u}) {
    const auto raw = random_bytes(n, 2000 + n);
    const auto want = expected_stream(raw);
    for (std::size_t chunk : {1u, 7u, 126u, 127u, 128u, 500u, 5000u}) {
      Fr32Padder padder;
      std::vector<std::uint8_t> out;
      for (std::size_t at = 0; at < n; at += chunk) padder.write(raw.data() + at, std::min(chunk, n - at), out);
      padder.finish(out);
      ASSERT_EQ(out, want) << "n " << n << " chunk " << chunk;
      EXPECT_EQ(padder.raw_bytes(), n);
      EXPECT_EQ(padder.padded_bytes(), want.size());
    }
  }
}

TEST(Fr32Padder, PointerApiRespectsMaxOutputAndResets) {
  const auto raw = random_bytes(300, 5);
  Fr32Padder padder;
  std::vector<std::uint8_t> out(padder.max_output(100) + 8, 0xee);
  EXPECT_EQ(padder.write(raw.data(), 100, out.data()), 0u);  // 100 < 127: nothing yet
  EXPECT_EQ(padder.max_output(200), 2 * 128u);
  std::vector<std::uint8_t> out2(padder.max_output(200));
  EXPECT_EQ(padder.write(raw.data() + 100, 200, out2.data()), 256u);
  std::uint8_t tail[128];
  EXPECT_EQ(padder.finish(tail), 64u);  // 46 raw bytes → 47 padded bytes → 64
  padder.reset();
  EXPECT_EQ(padder.raw_bytes(), 0u);
  EXPECT_EQ(padder.finish(tail), 0u);
}

}  // namespace
}  // namespace sa::kernels
